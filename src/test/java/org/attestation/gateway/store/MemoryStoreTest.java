package org.attestation.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import org.attestation.gateway.crypto.CryptoProviders;
import org.attestation.gateway.token.SigningKey;
import org.attestation.gateway.token.SigningKeyFactory;
import org.attestation.gateway.token.TokenAlgorithm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryStoreTest extends StoreContract {

    @TempDir
    Path keys;

    private Vertx vertx;
    private MemoryStore store;

    @BeforeEach
    void open() {
        vertx = Vertx.vertx();
        store = new MemoryStore(new FileSigningKeys(vertx, keys), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        await(vertx.close());
    }

    @Override
    protected Store store() {
        return store;
    }

    @Test
    void signingKeysPersistPerTenantAndAlgorithm() {
        // Given keys saved for two algorithms
        var factory = new SigningKeyFactory(CryptoProviders.install(), Clock.systemUTC());
        SigningKey rsa = factory.generate(TokenAlgorithm.RS256, URI.create("https://t.test"));
        SigningKey ec = factory.generate(TokenAlgorithm.ES256, URI.create("https://t.test"));
        await(store.signingKeys().save("default", rsa, "test"));
        await(store.signingKeys().save("default", ec, "test"));

        // When they are read through a new store on the same directory
        var reopened = new MemoryStore(new FileSigningKeys(vertx, keys), Clock.systemUTC());

        // Then both come back, and other tenants have none
        assertThat(await(reopened.signingKeys().versions("default"))).extracting(v -> v.key().kid())
                .containsExactlyInAnyOrder(rsa.kid(), ec.kid());
        assertThat(await(reopened.signingKeys().find("default", TokenAlgorithm.ES256))).map(SigningKey::kid)
                .contains(ec.kid());
        assertThat(await(reopened.signingKeys().find("default", TokenAlgorithm.PS256))).isEmpty();
        assertThat(await(reopened.signingKeys().versions("other"))).isEmpty();
    }
}
