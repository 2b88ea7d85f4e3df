package org.attestation.gateway.store.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Row;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import org.attestation.gateway.crypto.CryptoProviders;
import org.attestation.gateway.store.KeyDecryptionException;
import org.attestation.gateway.store.KeyEncryption;
import org.attestation.gateway.store.Store;
import org.attestation.gateway.store.StoreContract;
import org.attestation.gateway.support.TestPostgres;
import org.attestation.gateway.token.SigningKey;
import org.attestation.gateway.token.SigningKeyFactory;
import org.attestation.gateway.token.TokenAlgorithm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The store contract on a real PostgreSQL, plus what only PostgreSQL does: migrations and sealed keys. */
class PgStoreTest extends StoreContract {

    @RegisterExtension
    static final TestPostgres PG = new TestPostgres();

    private Vertx vertx;
    private PgStore store;
    private byte[] kek;

    @BeforeEach
    void open() {
        vertx = Vertx.vertx();
        kek = new byte[32];
        new SecureRandom().nextBytes(kek);
        store = await(PgStore.open(vertx, PG.connectOptions(), new KeyEncryption(kek), Clock.systemUTC()));
        // Each test starts from an empty schema: drop what the previous one wrote
        await(PgBuilder.pool().connectingTo(PG.connectOptions()).using(vertx).build().query(
                "TRUNCATE policies, policy_history, policy_versions, policy_signers, signing_keys, collateral, audit_log;"
                        + " DELETE FROM tenants WHERE name <> 'default'").execute());
    }

    @AfterEach
    void close() {
        await(store.close());
        await(vertx.close());
    }

    @Override
    protected Store store() {
        return store;
    }

    @Test
    void migrationsAreIdempotentAndSafeWhenReplicasStartTogether() {
        // When three more replicas open the same database at once
        var more = await(io.vertx.core.Future.all(
                PgStore.open(vertx, PG.connectOptions(), new KeyEncryption(kek), Clock.systemUTC()),
                PgStore.open(vertx, PG.connectOptions(), new KeyEncryption(kek), Clock.systemUTC()),
                PgStore.open(vertx, PG.connectOptions(), new KeyEncryption(kek), Clock.systemUTC())));

        // Then each version was applied once
        var rows = await(PgBuilder.pool().connectingTo(PG.connectOptions()).using(vertx).build()
                .query("SELECT version, count(*) FROM schema_migrations GROUP BY version").execute());
        for (Row row : rows) {
            assertThat(row.getLong(1)).isEqualTo(1);
        }
        assertThat(rows.size()).isEqualTo(PgMigrations.MIGRATIONS.size());
        for (int i = 0; i < 3; i++) {
            await(more.<PgStore>resultAt(i).close());
        }
    }

    @Test
    void privateKeysAreSealedAndOpenOnlyWithTheKek() {
        // Given a signing key saved through the store
        SigningKey key = new SigningKeyFactory(CryptoProviders.install(), Clock.systemUTC())
                .generate(TokenAlgorithm.ES256, URI.create("https://gateway.test"));
        await(store.signingKeys().save("default", key, "test"));

        // Then the row does not hold the private key in clear
        Row row = await(PgBuilder.pool().connectingTo(PG.connectOptions()).using(vertx).build()
                .query("SELECT sealed_key FROM signing_keys").execute()).iterator().next();
        byte[] sealed = row.getBuffer(0).getBytes();
        byte[] clear = key.privateKey().getEncoded();
        assertThat(indexOf(sealed, java.util.Arrays.copyOfRange(clear, clear.length - 32, clear.length))).isNegative();

        // And the same store reads it back, while a store with another KEK cannot
        assertThat(await(store.signingKeys().find("default", TokenAlgorithm.ES256)).map(SigningKey::kid))
                .isEqualTo(Optional.of(key.kid()));
        byte[] otherKek = new byte[32];
        PgStore other = await(PgStore.open(vertx, PG.connectOptions(), new KeyEncryption(otherKek), Clock.systemUTC()));
        try {
            assertThatThrownBy(() -> await(other.signingKeys().versions("default")))
                    .hasRootCauseInstanceOf(KeyDecryptionException.class);
        } finally {
            await(other.close());
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
