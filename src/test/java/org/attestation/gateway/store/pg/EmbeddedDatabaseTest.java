package org.attestation.gateway.store.pg;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDatabaseTest {

    @TempDir
    Path dataDir;

    private Vertx vertx;

    @BeforeEach
    void open() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void close() {
        await(vertx.close());
    }

    @Test
    void rowsWrittenBeforeAStopAreThereAfterARestartOnTheSameDirectory() {
        // Given a row written to an embedded PostgreSQL, which is then stopped
        Path cluster = dataDir.resolve("postgres");
        try (EmbeddedDatabase database = EmbeddedDatabase.start(cluster)) {
            assertThat(database.connectOptions().getHost()).isEqualTo("127.0.0.1");
            withPool(database.connectOptions(), pool -> pool.query("CREATE TABLE tenant (name text PRIMARY KEY)").execute()
                    .compose(created -> pool.preparedQuery("INSERT INTO tenant VALUES ($1)").execute(Tuple.of("contoso"))));
        }

        // When it is started again on the same directory
        try (EmbeddedDatabase restarted = EmbeddedDatabase.start(cluster)) {

            // Then the row is there
            List<String> names = withPool(restarted.connectOptions(), pool -> pool.query("SELECT name FROM tenant").execute()
                    .map(rows -> {
                        List<String> all = new ArrayList<>();
                        rows.forEach(row -> all.add(row.getString("name")));
                        return all;
                    }));
            assertThat(names).containsExactly("contoso");
        }
    }

    @Test
    void closeLeavesNoPostgresProcessBehind() throws Exception {
        // Given a running embedded PostgreSQL with a session open, and its processes
        Path cluster = dataDir.resolve("postgres");
        EmbeddedDatabase database = EmbeddedDatabase.start(cluster);
        Pool pool = pool(database.connectOptions());
        await(pool.query("SELECT 1").execute());
        ProcessHandle postmaster = postmaster(cluster);
        List<ProcessHandle> processes = new ArrayList<>(postmaster.descendants().toList());
        processes.add(postmaster);
        assertThat(processes).hasSizeGreaterThan(3);

        // When it is closed
        database.close();

        // Then none of them runs any more, and no process serves the directory
        assertThat(processes).noneMatch(Postmaster::isRunning);
        assertThat(processesMentioning(cluster)).isEmpty();
        assertThat(cluster.resolve("postmaster.pid")).doesNotExist();
    }

    @Test
    void startStopsThePostgresOfAGatewayThatWasKilled() throws Exception {
        // Given a gateway JVM killed (SIGKILL) while its PostgreSQL ran: the postmaster outlives it
        Path cluster = dataDir.resolve("postgres");
        Process gateway = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), KilledGateway.class.getName(), cluster.toString())
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(gateway.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.equals(KilledGateway.READY));
            assertThat(line).as("the gateway's last line").isEqualTo(KilledGateway.READY);
        }
        gateway.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        ProcessHandle orphan = postmaster(cluster);
        assertThat(Postmaster.isRunning(orphan)).isTrue();

        // When the next gateway starts on the same directory
        try (EmbeddedDatabase database = EmbeddedDatabase.start(cluster)) {

            // Then the orphan is stopped, and the new server works
            assertThat(Postmaster.isRunning(orphan)).isFalse();
            assertThat(postmaster(cluster).pid()).isNotEqualTo(orphan.pid());
            assertThat(selectOne(database)).isEqualTo(1);
        }
    }

    @Test
    void startIgnoresAPostmasterPidWhosePidIsAnotherProcessNow() throws Exception {
        // Given a stopped cluster whose postmaster.pid (left by a crash) names a process that runs now, as after a reboot
        Path cluster = dataDir.resolve("postgres");
        EmbeddedDatabase.start(cluster).close();
        Process other = new ProcessBuilder("sleep", "60").start();
        try {
            Files.writeString(cluster.resolve("postmaster.pid"), other.pid() + "\n" + cluster + "\n");

            // When the gateway starts
            try (EmbeddedDatabase database = EmbeddedDatabase.start(cluster)) {

                // Then PostgreSQL runs, and the other process was left alone
                assertThat(selectOne(database)).isEqualTo(1);
                assertThat(other.isAlive()).isTrue();
            }
        } finally {
            other.destroy();
        }
    }

    /** Stands for a gateway: starts the database, says so, and waits to be killed. */
    static final class KilledGateway {

        static final String READY = "ready";

        public static void main(String[] args) throws InterruptedException {
            EmbeddedDatabase.start(Path.of(args[0]));
            System.out.println(READY);
            Thread.sleep(TimeUnit.MINUTES.toMillis(1));
        }
    }

    private int selectOne(EmbeddedDatabase database) {
        return withPool(database.connectOptions(), pool -> pool.query("SELECT 1 AS one").execute()
                .map(rows -> rows.iterator().next()).map((Row row) -> row.getInteger("one")));
    }

    private Pool pool(PgConnectOptions options) {
        return PgBuilder.pool().with(new PoolOptions()).connectingTo(options).using(vertx).build();
    }

    private <T> T withPool(PgConnectOptions options, Function<Pool, Future<T>> work) {
        Pool pool = pool(options);
        return await(work.apply(pool).eventually(pool::close));
    }

    private static ProcessHandle postmaster(Path cluster) throws Exception {
        long pid = Long.parseLong(Files.readAllLines(cluster.resolve("postmaster.pid")).get(0).trim());
        return ProcessHandle.of(pid).orElseThrow();
    }

    /** What {@code pgrep -f <cluster>} finds. */
    private static List<ProcessHandle> processesMentioning(Path cluster) {
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().map(line -> line.contains(cluster.toString())).orElse(false))
                .toList();
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e.getCause() == null ? e : e.getCause());
        }
    }
}
