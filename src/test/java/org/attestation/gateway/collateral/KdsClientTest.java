package org.attestation.gateway.collateral;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.attestation.gateway.evidence.snp.SigningKey;
import org.attestation.gateway.evidence.snp.SnpProduct;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How the KDS client reads Retry-After and builds URLs (no requests). */
class KdsClientTest {

    private final Vertx vertx = Vertx.vertx();
    private final KdsClient client = new KdsClient(vertx, URI.create("http://127.0.0.1:1/"),
            KdsClient.Settings.defaults(), Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC),
            new SimpleMeterRegistry());

    @AfterEach
    void close() {
        client.close();
        vertx.close();
    }

    @Test
    void retryAfterIsSecondsOrAnHttpDateCappedAndDefaultsToTheSameUrlInterval() {
        assertThat(client.retryAfter("30")).isEqualTo(Duration.ofSeconds(30));
        assertThat(client.retryAfter("Thu, 01 Jan 2026 00:02:00 GMT")).isEqualTo(Duration.ofMinutes(2));
        assertThat(client.retryAfter("Wed, 31 Dec 2025 23:00:00 GMT")).isEqualTo(Duration.ZERO);
        assertThat(client.retryAfter(null)).isEqualTo(Duration.ofSeconds(10));
        assertThat(client.retryAfter("soon")).isEqualTo(Duration.ofSeconds(10));
        assertThat(client.retryAfter("86400")).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void urlIsTheBaseAndTheItemsKdsPath() {
        assertThat(client.url(AmdCollateralKey.crl(SnpProduct.GENOA, SigningKey.VLEK)))
                .hasToString("http://127.0.0.1:1/vlek/v1/Genoa/crl");
    }
}
