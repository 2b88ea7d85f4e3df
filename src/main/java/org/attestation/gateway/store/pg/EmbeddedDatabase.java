package org.attestation.gateway.store.pg;

import io.vertx.pgclient.PgConnectOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's own PostgreSQL (store kind {@code embedded}): zonky's PostgreSQL 18 binaries, unpacked once under
 * the system temporary directory, running a cluster that lives in a directory of ours across restarts. It
 * listens on 127.0.0.1 only, on a free port, for the user {@code postgres} without a password (zonky's initdb
 * trusts local connections, so the host's other users are trusted too). As root, zonky
 * runs it in a user namespace ({@code unshare -U}), since PostgreSQL refuses to run as root. Its output goes to
 * {@code <directory>.log}; the previous run's is kept as {@code <directory>.log.1}.
 *
 * <p>The owner closes it: no shutdown hook of its own, so that the gateway stops its users first. One that
 * was never closed (the JVM was killed) is stopped at the next start.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final String HOST = "127.0.0.1";
    private static final String USER = "postgres";
    private static final String DATABASE = "postgres";
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final EmbeddedPostgres postgres;
    private final ProcessHandle postmaster;
    private final FileChannel lock;

    private EmbeddedDatabase(EmbeddedPostgres postgres, ProcessHandle postmaster, FileChannel lock) {
        this.postgres = postgres;
        this.postmaster = postmaster;
        this.lock = lock;
    }

    /** Starts PostgreSQL on a free port with its cluster in {@code dataDirectory}, creating the cluster if there is none. */
    public static EmbeddedDatabase start(Path dataDirectory) {
        return start(dataDirectory, 0);
    }

    /** Starts on {@code port} (0: a free one), so that a restarted server is where its clients left it. */
    public static EmbeddedDatabase start(Path dataDirectory, int port) {
        long started = System.nanoTime();
        Path directory = dataDirectory.toAbsolutePath().normalize();
        Path log = directory.resolveSibling(directory.getFileName() + ".log");
        // Held while this process owns the cluster: a postmaster found without it is a leftover, never a live peer's
        FileChannel lock = ownership(directory.resolveSibling(directory.getFileName() + ".lock"));
        try {
            keepPreviousLog(log);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setServerConfig("listen_addresses", HOST)
                    .setServerConfig("unix_socket_directories", "")
                    // zonky tunes for throwaway test clusters (-F, fsync off); this one holds the gateway's state.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setOutputRedirector(ProcessBuilder.Redirect.to(log.toFile()))
                    .setRegisterShutdownHook(false)
                    .setDataDirectoryCustomizer(dir -> StalePostmaster.clear(dir.toPath()))
                    .start();
            ProcessHandle postmaster = Postmaster.of(directory)
                    .orElseThrow(() -> new IOException("PostgreSQL answers, but its postmaster.pid names no process"));
            LOG.info("embedded PostgreSQL ready on {}:{} in {} ms, data in {}", HOST, postgres.getPort(),
                    (System.nanoTime() - started) / 1_000_000, directory);
            return new EmbeddedDatabase(postgres, postmaster, lock);
        } catch (IOException | RuntimeException e) {
            release(lock);
            throw new IllegalStateException("the embedded PostgreSQL did not start in " + directory + " ("
                    + e.getMessage() + "); its log " + log + " ends with:\n" + String.join("\n", tail(log)), e);
        }
    }

    private static FileChannel ownership(Path lockFile) {
        try {
            Files.createDirectories(lockFile.getParent());
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            if (channel.tryLock() == null) {
                channel.close();
                throw new DatabaseInUseException("another gateway is running on " + lockFile.getParent()
                        + " (it holds " + lockFile.getFileName() + "); stop it first, or use GATEWAY_STORE=postgres");
            }
            return channel;
        } catch (OverlappingFileLockException e) {
            throw new DatabaseInUseException("this process already runs the embedded PostgreSQL of "
                    + lockFile.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + lockFile, e);
        }
    }

    private static void release(FileChannel lock) {
        try {
            lock.close();
        } catch (IOException e) {
            LOG.warn("cannot release {}: {}", lock, e.toString());
        }
    }

    /** Where a vertx-pg-client connects: a new instance on each call, as options are mutable. */
    public PgConnectOptions connectOptions() {
        return new PgConnectOptions().setHost(HOST).setPort(postgres.getPort()).setUser(USER).setDatabase(DATABASE);
    }

    /** Stops PostgreSQL (fast shutdown: open sessions are ended) and waits until its processes have exited. */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // pg_ctl stop returns once postmaster.pid is gone, a moment before the postmaster exits; and it only
        // logs a failure.
        try {
            if (!Postmaster.awaitExit(postmaster, STOP_WAIT)) {
                throw new IllegalStateException("PostgreSQL (PID " + postmaster.pid() + ") did not stop within "
                        + STOP_WAIT);
            }
        } finally {
            release(lock);
        }
    }

    private static void keepPreviousLog(Path log) throws IOException {
        Files.createDirectories(log.getParent());
        if (Files.exists(log)) {
            Files.move(log, log.resolveSibling(log.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static List<String> tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return lines.subList(Math.max(0, lines.size() - 10), lines.size());
        } catch (IOException e) {
            return List.of("(unreadable: " + e.getMessage() + ")");
        }
    }
}
