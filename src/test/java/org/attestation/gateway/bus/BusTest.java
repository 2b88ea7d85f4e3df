package org.attestation.gateway.bus;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.util.Map;
import org.attestation.gateway.evidence.AttestationType;
import org.attestation.gateway.evidence.UnsupportedEvidenceException;
import org.attestation.gateway.token.SignedToken;
import org.attestation.gateway.token.TokenRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class BusTest {

    @BeforeEach
    void codecs(Vertx vertx) {
        Bus.registerCodecs(vertx.eventBus());
    }

    @Test
    void objectsPassByReferenceWithoutCopies(Vertx vertx, VertxTestContext test) {
        // Given a responder that answers with what it received
        TokenRequest sent = TokenRequest.signed("default", Map.of("a", 1));
        Bus.<TokenRequest, TokenRequest>serve(vertx.eventBus(), "test.echo", Future::succeededFuture);

        // When a request goes over the bus
        Bus.request(vertx.eventBus(), "test.echo", sent, Duration.ofSeconds(5), TokenRequest.class)
                // Then the very same object comes back: no JSON, no copy
                .onComplete(test.succeeding(received -> test.verify(() -> {
                    assertThat(received).isSameAs(sent);
                    test.completeNow();
                })));
    }

    @Test
    void responderFailureArrivesAsTheSameExceptionType(Vertx vertx, VertxTestContext test) {
        Bus.<String, SignedToken>serve(vertx.eventBus(), "test.fail",
                body -> { throw new UnsupportedEvidenceException(AttestationType.TPM); });

        Bus.request(vertx.eventBus(), "test.fail", "x", Duration.ofSeconds(5), SignedToken.class)
                .onComplete(test.failing(failure -> test.verify(() -> {
                    assertThat(failure).isInstanceOf(UnsupportedEvidenceException.class)
                            .hasMessage("this gateway has no verifier for Tpm evidence");
                    test.completeNow();
                })));
    }

    @Test
    void silentResponderTimesOut(Vertx vertx, VertxTestContext test) {
        vertx.eventBus().consumer("test.silent", message -> { });

        Bus.request(vertx.eventBus(), "test.silent", "x", Duration.ofMillis(100), SignedToken.class)
                .onComplete(test.failing(failure -> test.verify(() -> {
                    assertThat(failure).isInstanceOf(ReplyException.class);
                    assertThat(((ReplyException) failure).failureType()).isEqualTo(ReplyFailure.TIMEOUT);
                    test.completeNow();
                })));
    }
}
