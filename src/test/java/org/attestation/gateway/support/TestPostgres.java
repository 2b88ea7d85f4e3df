package org.attestation.gateway.support;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.attestation.gateway.store.pg.EmbeddedDatabase;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;

/**
 * PostgreSQL for tests: one server for the whole test JVM, and a fresh database for each registration, dropped
 * after its class. Register it on a static field:
 * {@code @RegisterExtension static final TestPostgres PG = new TestPostgres();}.
 *
 * <p>The server is an embedded PostgreSQL 18 (zonky) on 127.0.0.1, unless {@code TEST_PG_URL}
 * ({@code postgresql://user:password@host:port/database}) names one to use instead; its database there is
 * only used to create and drop the test databases.
 */
public final class TestPostgres implements BeforeAllCallback, AfterAllCallback {

    private static final Namespace NAMESPACE = Namespace.create(TestPostgres.class);

    private Server server;
    private PgConnectOptions database;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Server.class, key -> Server.start(),
                Server.class);
        String name = "t_" + UUID.randomUUID().toString().replace("-", "");
        server.execute("CREATE DATABASE " + name);
        database = server.admin().setDatabase(name);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        // FORCE ends the sessions of pools a test did not close.
        server.execute("DROP DATABASE IF EXISTS " + database.getDatabase() + " WITH (FORCE)");
    }

    /** The class's own database; a new instance on each call, as options are mutable. */
    public PgConnectOptions connectOptions() {
        return new PgConnectOptions(database);
    }

    /** The class's database as {@code postgresql://user[:password]@host:port/database}, the form of {@code GATEWAY_PG_URL}. */
    public String url() {
        String password = database.getPassword();
        String userInfo = password == null || password.isEmpty() ? database.getUser() : database.getUser() + ":" + password;
        try {
            return new URI("postgresql", userInfo, database.getHost(), database.getPort(), "/" + database.getDatabase(),
                    null, null).toASCIIString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A PostgreSQL of one test's own, which it can stop and start again on the same port, as in an outage. */
    public static Dedicated dedicated() {
        try {
            return new Dedicated(Files.createTempDirectory("test-postgres-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The JVM's server, closed with the root context at the end of the test run (JUnit closes the
     * {@link AutoCloseable} values of a store; its {@code CloseableResource} is deprecated since 5.13).
     */
    private static final class Server implements AutoCloseable {

        private final Vertx vertx = Vertx.vertx();
        private final PgConnectOptions admin;
        private final EmbeddedPostgres embedded;

        private Server(PgConnectOptions admin, EmbeddedPostgres embedded) {
            this.admin = admin;
            this.embedded = embedded;
        }

        static Server start() {
            String url = System.getenv("TEST_PG_URL");
            if (url != null && !url.isBlank()) {
                return new Server(PgConnectOptions.fromUri(url), null);
            }
            try {
                EmbeddedPostgres embedded = EmbeddedPostgres.builder()
                        .setServerConfig("listen_addresses", "127.0.0.1")
                        .setServerConfig("unix_socket_directories", "")
                        .start();
                return new Server(new PgConnectOptions().setHost("127.0.0.1").setPort(embedded.getPort())
                        .setUser("postgres").setDatabase("postgres"), embedded);
            } catch (IOException e) {
                throw new UncheckedIOException("the test PostgreSQL did not start", e);
            }
        }

        PgConnectOptions admin() {
            return new PgConnectOptions(admin);
        }

        void execute(String sql) {
            await(PgConnection.connect(vertx, admin)
                    .compose(connection -> connection.query(sql).execute().eventually(connection::close)));
        }

        @Override
        public void close() throws IOException {
            await(vertx.close());
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    /** An embedded PostgreSQL in a temporary directory, running until {@link #stop()}. */
    public static final class Dedicated implements AutoCloseable {

        private final Path directory;
        private final PgConnectOptions options;
        private EmbeddedDatabase database;

        private Dedicated(Path directory) {
            this.directory = directory;
            this.database = EmbeddedDatabase.start(directory.resolve("postgres"));
            this.options = database.connectOptions();
        }

        /** Stops the server; clients see their connections closed and new ones refused. */
        public void stop() {
            database.close();
            database = null;
        }

        /** Starts it again, with the same data, on the same port. */
        public void start() {
            database = EmbeddedDatabase.start(directory.resolve("postgres"), options.getPort());
        }

        public PgConnectOptions connectOptions() {
            return new PgConnectOptions(options);
        }

        /** Stops the server if it runs, and deletes its data. */
        @Override
        public void close() throws IOException {
            if (database != null) {
                stop();
            }
            try (Stream<Path> paths = Files.walk(directory)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("test PostgreSQL: " + (e.getCause() == null ? e : e.getCause()), e);
        }
    }
}
