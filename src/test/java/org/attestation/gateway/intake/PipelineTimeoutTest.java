package org.attestation.gateway.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.attestation.gateway.bus.Addresses;
import org.attestation.gateway.bus.Bus;
import org.attestation.gateway.config.GatewayConfig;
import org.attestation.gateway.ops.Operations;
import org.attestation.gateway.store.FileSigningKeys;
import org.attestation.gateway.store.MemoryStore;
import org.attestation.gateway.support.TestGateway;
import org.attestation.gateway.token.Issuers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The intake alone, in front of pipeline stages that misbehave. */
@ExtendWith(VertxExtension.class)
class PipelineTimeoutTest {

    private static final String ATTEST = "/attest/SgxEnclave?api-version=2022-08-01";
    private static final String BODY = "{\"quote\":\"AAAA\"}";

    @TempDir
    Path dataDir;

    private URI startIntake(Vertx vertx, GatewayConfig config) throws Exception {
        Bus.registerCodecs(vertx.eventBus());
        Operations operations = new Operations();
        var store = new MemoryStore(new FileSigningKeys(vertx, dataDir), java.time.Clock.systemUTC());
        operations.registerHealth(vertx, store::ping, () -> true);
        IntakeVerticle intake = new IntakeVerticle(config, new Issuers(config.publicUrl(0)), store, operations,
                new Admission(config.pipeline().maxInFlight()));
        vertx.deployVerticle(intake).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return URI.create("http://127.0.0.1:" + intake.actualPort());
    }

    @Test
    void verificationThatNeverAnswersBecomes503WithinTheTimeout(Vertx vertx) throws Exception {
        // Given a verification stage that takes requests and never answers
        vertx.eventBus().consumer(Addresses.EVIDENCE_VERIFY, message -> { });
        GatewayConfig config = TestGateway.config(dataDir,
                Map.of("GATEWAY_VERIFY_TIMEOUT", "300ms", "GATEWAY_RETRY_AFTER", "2s"));
        URI base = startIntake(vertx, config);

        // When evidence is submitted
        long started = System.nanoTime();
        HttpResponse<String> response = TestGateway.send(HttpRequest.newBuilder(base.resolve(ATTEST))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(BODY)).build());
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;

        // Then the client gets a 503 with Retry-After after the timeout, not a hung request
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(new JsonObject(response.body()).getJsonObject("error").getString("code"))
                .isEqualTo("ServiceUnavailable");
        assertThat(new JsonObject(response.body()).getJsonObject("error").getString("message"))
                .isEqualTo("the gateway is busy: a pipeline stage did not answer in time; retry later");
        assertThat(elapsedMs).isBetween(250L, 5000L);
    }

    @Test
    void missingStageIs503(Vertx vertx) throws Exception {
        // Given no verification stage at all
        URI base = startIntake(vertx, TestGateway.config(dataDir, Map.of()));

        // When evidence is submitted
        HttpResponse<String> response = TestGateway.send(HttpRequest.newBuilder(base.resolve(ATTEST))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(BODY)).build());

        // Then it is a 503, not a 500
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("a pipeline stage is not running");
    }
}
