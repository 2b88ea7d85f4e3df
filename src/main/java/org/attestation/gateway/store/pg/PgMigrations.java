package org.attestation.gateway.store.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Versioned schema migrations, applied at start. One transaction holds an advisory lock, so replicas that
 * start together apply each version exactly once; applied versions are recorded and skipped afterwards.
 */
final class PgMigrations {

    private static final Logger LOG = LoggerFactory.getLogger(PgMigrations.class);
    /** Any constant, the same in every replica: the lock that serialises migrations. */
    private static final long LOCK = 0x6761746577617931L;
    /** The migrations in order; each is {@code /db/migrations/V<n>__<name>.sql}. */
    static final List<String> MIGRATIONS = List.of("V1__initial", "V2__key_rotation");

    private PgMigrations() {
    }

    static Future<Void> apply(Pool pool) {
        return pool.withTransaction(connection -> connection.query("SET LOCAL client_min_messages TO warning")
                .execute()
                .compose(quiet -> connection.query("SELECT pg_advisory_xact_lock(" + LOCK + ")").execute())
                .compose(locked -> connection.query("CREATE TABLE IF NOT EXISTS schema_migrations ("
                        + "version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())")
                        .execute())
                .compose(created -> connection.query("SELECT version FROM schema_migrations").execute())
                .compose(rows -> {
                    Set<Integer> applied = new HashSet<>();
                    for (Row row : rows) {
                        applied.add(row.getInteger(0));
                    }
                    Future<Void> chain = Future.succeededFuture();
                    for (int i = 0; i < MIGRATIONS.size(); i++) {
                        int version = i + 1;
                        if (!applied.contains(version)) {
                            String name = MIGRATIONS.get(i);
                            chain = chain.compose(v -> migrate(connection, version, name));
                        }
                    }
                    return chain;
                }));
    }

    private static Future<Void> migrate(SqlConnection connection, int version, String name) {
        LOG.atInfo().addKeyValue("version", version).addKeyValue("name", name).log("applying schema migration");
        return connection.query(script(name)).execute()
                .compose(done -> connection.preparedQuery("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)")
                        .execute(Tuple.of(version, name)))
                .mapEmpty();
    }

    private static String script(String name) {
        try (InputStream in = PgMigrations.class.getResourceAsStream("/db/migrations/" + name + ".sql")) {
            if (in == null) {
                throw new IllegalStateException("the build did not embed migration " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
