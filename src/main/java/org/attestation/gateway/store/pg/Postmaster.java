package org.attestation.gateway.store.pg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The PostgreSQL server process of a cluster, named on the first line of its {@code postmaster.pid}. */
final class Postmaster {

    private Postmaster() {
    }

    static Path pidFile(Path dataDirectory) {
        return dataDirectory.resolve("postmaster.pid");
    }

    /** The process the file names, if the file exists and the process runs (it may be another one since). */
    static Optional<ProcessHandle> of(Path dataDirectory) throws IOException {
        Path pidFile = pidFile(dataDirectory);
        List<String> lines;
        try {
            lines = Files.readAllLines(pidFile);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            return ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
        } catch (IndexOutOfBoundsException | NumberFormatException e) {
            throw new IOException(pidFile + " does not start with a PID; remove it if no PostgreSQL runs on "
                    + dataDirectory, e);
        }
    }

    /**
     * Waits until {@code process} has exited. Polls, because {@link ProcessHandle#onExit()} polls processes that
     * are not our children (a postmaster is pg_ctl's) only every 300 ms and more.
     */
    static boolean awaitExit(ProcessHandle process, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (isRunning(process)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /**
     * Alive and not a zombie. A postmaster's parent is init, which may take a second to reap it (the build
     * machine's does); until then {@link ProcessHandle#isAlive()} still says true.
     */
    static boolean isRunning(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException | RuntimeException e) {
            return process.isAlive();
        }
    }
}
