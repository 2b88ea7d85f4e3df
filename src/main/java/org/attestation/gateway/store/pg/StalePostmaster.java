package org.attestation.gateway.store.pg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a gateway that died without stopping its PostgreSQL leaves in the cluster directory, and PostgreSQL
 * will not start over: a postmaster still running (the JVM was killed), or a {@code postmaster.pid} naming a
 * process that is no postmaster any more (after a reboot or a container restart, PIDs are reused). Runs while
 * zonky holds its lock on the directory, so no living gateway uses it.
 */
final class StalePostmaster {

    private static final Logger LOG = LoggerFactory.getLogger(StalePostmaster.class);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(5);

    private StalePostmaster() {
    }

    static void clear(Path dataDirectory) {
        try {
            // No process: PostgreSQL replaces the file of a dead postmaster itself, after checking that none of
            // its backends still holds the shared memory; deleting the file would skip that check.
            Optional<ProcessHandle> process = Postmaster.of(dataDirectory);
            if (process.isEmpty()) {
                return;
            }
            if (servesDirectory(process.get(), dataDirectory)) {
                LOG.warn("stopping PostgreSQL (PID {}) left running on {} by a gateway that did not stop it",
                        process.get().pid(), dataDirectory);
                stop(process.get());
            } else {
                LOG.warn("removing {}: PID {} is no PostgreSQL of this directory any more",
                        Postmaster.pidFile(dataDirectory), process.get().pid());
                Files.delete(Postmaster.pidFile(dataDirectory));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A postmaster runs as {@code .../bin/postgres -D <directory> ...}. */
    private static boolean servesDirectory(ProcessHandle process, Path dataDirectory) {
        List<String> arguments = List.of(process.info().arguments().orElse(new String[0]));
        int option = arguments.indexOf("-D");
        return process.info().command().map(command -> command.endsWith("/postgres")).orElse(true)
                && option >= 0 && option + 1 < arguments.size()
                && Path.of(arguments.get(option + 1)).equals(dataDirectory);
    }

    private static void stop(ProcessHandle postmaster) {
        List<ProcessHandle> children = postmaster.children().toList();
        // SIGTERM is a smart shutdown: it waits for sessions, and the dead gateway's are gone.
        postmaster.destroy();
        if (!Postmaster.awaitExit(postmaster, SHUTDOWN_WAIT)) {
            LOG.warn("PostgreSQL (PID {}) did not stop within {}; killing it (it recovers at the next start)",
                    postmaster.pid(), SHUTDOWN_WAIT);
            postmaster.destroyForcibly();
            if (!Postmaster.awaitExit(postmaster, SHUTDOWN_WAIT)) {
                throw new IllegalStateException("PostgreSQL (PID " + postmaster.pid() + ") cannot be stopped");
            }
        }
        // Backends that outlive a killed postmaster still hold its shared memory, and the new one would refuse it.
        children.forEach(child -> Postmaster.awaitExit(child, SHUTDOWN_WAIT));
    }
}
