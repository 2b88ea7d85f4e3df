package org.attestation.gateway.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.attestation.gateway.config.ConfigException;
import org.attestation.gateway.config.GatewayConfig;
import org.attestation.gateway.config.Setting;
import org.attestation.gateway.store.pg.EmbeddedDatabase;
import org.attestation.gateway.store.pg.PgStore;

/**
 * Opens the configured store: {@code memory} (signing keys in files), {@code embedded} (a PostgreSQL of the
 * gateway's own under {@code GATEWAY_DATA_DIR/postgres}) or {@code postgres} ({@code GATEWAY_PG_URL}).
 */
public final class Stores {

    static final String EMBEDDED_DIRECTORY = "postgres";
    static final String KEK_FILE = "key-encryption-key";

    private Stores() {
    }

    /** A store and the database the gateway started for it, if any: both stop with the gateway. */
    public record Opened(Store store, Optional<EmbeddedDatabase> database) {

        public Future<Void> close() {
            Future<Void> closed = store.close();
            return database.isEmpty() ? closed
                    : closed.eventually(() -> Future.fromCompletionStage(CompletableFuture.runAsync(database.get()::close)));
        }
    }

    public static Future<Opened> open(Vertx vertx, GatewayConfig config, Clock clock) {
        GatewayConfig.Store settings = config.store();
        return switch (settings.kind()) {
            case MEMORY -> Future.succeededFuture(new Opened(
                    new MemoryStore(new FileSigningKeys(vertx, config.dataDir().resolve("keys")), clock), Optional.empty()));
            case POSTGRES -> {
                PgConnectOptions options = PgConnectOptions.fromUri(settings.pgUrl().orElseThrow(() ->
                        new ConfigException(Setting.PG_URL.label() + " must be set when " + Setting.STORE.env()
                                + " is postgres")).toString());
                byte[] kek = settings.keyEncryptionKey().orElseThrow(() -> new ConfigException(
                        Setting.KEY_ENCRYPTION_KEY.label() + " must be set when " + Setting.STORE.env()
                                + " is postgres: every replica seals and opens the signing keys with it"));
                yield PgStore.open(vertx, options, new KeyEncryption(kek), clock)
                        .map(store -> new Opened(store, Optional.empty()));
            }
            case EMBEDDED -> vertx.executeBlocking(() -> new Embedded(
                            EmbeddedDatabase.start(config.dataDir().resolve(EMBEDDED_DIRECTORY)),
                            settings.keyEncryptionKey().isPresent() ? settings.keyEncryptionKey().get()
                                    : embeddedKek(config.dataDir())), false)
                    .compose(embedded -> PgStore.open(vertx, embedded.database().connectOptions(),
                                    new KeyEncryption(embedded.kek()), clock)
                            .map(store -> new Opened(store, Optional.of(embedded.database())))
                            .onFailure(e -> embedded.database().close()));
        };
    }

    /** The database the gateway started, and the key that seals the signing keys in it. */
    private record Embedded(EmbeddedDatabase database, byte[] kek) {
    }

    /** The embedded database's KEK, created on first start in the data directory (0600) when none is configured. */
    private static byte[] embeddedKek(Path dataDir) throws IOException {
        Path file = dataDir.resolve(KEK_FILE);
        if (Files.exists(file)) {
            byte[] kek = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
            if (kek.length != 32) {
                throw new ConfigException(file + " does not hold a 32-byte key-encryption key");
            }
            return kek;
        }
        byte[] kek = new byte[32];
        new SecureRandom().nextBytes(kek);
        Files.createDirectories(dataDir);
        AtomicFiles.write(file, Base64.getEncoder().encode(kek),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        return kek;
    }
}
