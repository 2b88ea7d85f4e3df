package org.attestation.gateway.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.attestation.gateway.evidence.AttestationRequest;
import org.attestation.gateway.evidence.AttestationType;
import org.attestation.gateway.evidence.EvidenceVerifier;
import org.attestation.gateway.evidence.EvidenceVerifiers;
import org.attestation.gateway.evidence.VerifiedEvidence;
import org.attestation.gateway.support.TestGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole gateway whose verification worker is stuck: the request still ends, and operators see why. */
class SlowVerificationTest {

    @TempDir
    Path dataDir;

    /** An SGX verifier that blocks its worker thread until {@code release}, then fails; {@code entered} on entry. */
    private static EvidenceVerifier holdingVerifier(CountDownLatch entered, CountDownLatch release) {
        return new EvidenceVerifier() {
            @Override
            public AttestationType type() {
                return AttestationType.SGX_ENCLAVE;
            }

            @Override
            public Future<VerifiedEvidence> verify(AttestationRequest request) {
                entered.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Future.failedFuture(new IllegalStateException("released"));
            }
        };
    }

    @Test
    void stuckVerifierGives503AndCountsTheReplyFailure() throws Exception {
        // Given a gateway whose SGX verifier blocks its worker thread
        CountDownLatch release = new CountDownLatch(1);
        EvidenceVerifier stuck = holdingVerifier(new CountDownLatch(1), release);
        var config = TestGateway.config(dataDir, Map.of("GATEWAY_VERIFY_TIMEOUT", "400ms"));
        TestGateway gateway = TestGateway.start(config, new EvidenceVerifiers(List.of(stuck)));
        try {
            // When evidence is submitted
            HttpResponse<String> response = gateway.post("/attest/SgxEnclave?api-version=2022-08-01",
                    "application/json", "{\"quote\":\"AAAA\"}");

            // Then the client gets a 503 with Retry-After
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
            // And the metrics show the timed-out event-bus request
            assertThat(gateway.get("/metrics").body()).containsPattern(
                    "vertx_eventbus_reply_failures_total\\{address=\"gateway.evidence.verify\",failure=\"TIMEOUT\"} 1");
        } finally {
            // Free the worker first: stopping waits for the tasks it runs.
            release.countDown();
            gateway.close();
        }
    }

    @Test
    void attestationsBeyondTheInFlightLimitAreShedAtOnceWithRetryAfter() throws Exception {
        // Given a gateway that admits one attestation at a time, and a verifier that holds the first one
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        EvidenceVerifier holding = holdingVerifier(entered, release);
        var config = TestGateway.config(dataDir, Map.of("GATEWAY_MAX_IN_FLIGHT", "1", "GATEWAY_VERIFY_TIMEOUT", "10s"));
        TestGateway gateway = TestGateway.start(config, new EvidenceVerifiers(List.of(holding)));
        try {
            var first = java.util.concurrent.CompletableFuture.supplyAsync(() -> gateway.post(
                    "/attest/SgxEnclave?api-version=2022-08-01", "application/json", "{\"quote\":\"AAAA\"}"));
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

            // When a second attestation arrives while the first is in flight
            HttpResponse<String> second = gateway.post("/attest/SgxEnclave?api-version=2022-08-01",
                    "application/json", "{\"quote\":\"AAAA\"}");

            // Then it is refused at once with 503 and Retry-After, and the first still gets its own answer
            assertThat(second.statusCode()).isEqualTo(503);
            assertThat(second.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(second.body()).contains("ServiceUnavailable").contains("1 attestations in flight");
            release.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(500);
        } finally {
            release.countDown();
            gateway.close();
        }
    }
}
