package org.attestation.gateway.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.attestation.gateway.token.SigningKey;
import org.attestation.gateway.token.SigningKeyException;
import org.attestation.gateway.token.SigningKeyPem;
import org.attestation.gateway.token.TokenAlgorithm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signing keys as PEM files: {@code <dir>/<tenant>/<ALG>.pem}, each holding a PKCS#8 private key and its
 * certificate, readable by the owner only (0600, directories 0700). Files are written whole, by an
 * atomic rename, so a crash never leaves half a key. File I/O runs off the event loop.
 */
public final class FileSigningKeys implements Store.SigningKeyRepository {

    private static final Logger LOG = LoggerFactory.getLogger(FileSigningKeys.class);
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

    private final Vertx vertx;
    private final Path dir;

    public FileSigningKeys(Vertx vertx, Path dir) {
        this.vertx = vertx;
        this.dir = dir;
    }

    /** The file that holds a tenant's key for an algorithm. */
    public Path file(String tenant, TokenAlgorithm algorithm) {
        return dir.resolve(tenant).resolve(algorithm.name() + ".pem");
    }

    /** One key file per algorithm, in force since ever: files have no lifecycle. */
    @Override
    public Future<List<KeyVersion>> versions(String tenant) {
        return vertx.executeBlocking(() -> {
            List<KeyVersion> keys = new ArrayList<>();
            for (TokenAlgorithm algorithm : TokenAlgorithm.values()) {
                read(tenant, algorithm).ifPresent(key -> keys.add(new KeyVersion(key, Instant.EPOCH, Optional.empty())));
            }
            return keys;
        }, false);
    }

    @Override
    public Future<Void> rotate(String tenant, SigningKey next, Instant activateAt, Instant retireAt, String actor) {
        return Future.failedFuture(new UnsupportedOperationException(
                "key rotation needs the embedded or postgres store; with the memory store, replace the key file "
                        + file(tenant, next.algorithm()) + " while the gateway is stopped"));
    }

    @Override
    public Future<Optional<SigningKey>> find(String tenant, TokenAlgorithm algorithm) {
        return vertx.executeBlocking(() -> read(tenant, algorithm), false);
    }

    @Override
    public Future<Void> save(String tenant, SigningKey key, String actor) {
        return vertx.executeBlocking(() -> {
            write(file(tenant, key.algorithm()), SigningKeyPem.encode(key));
            return null;
        }, false);
    }

    /** Deletes a deleted tenant's key files, so that a tenant created later under its name gets its own keys. */
    public Future<Void> deleteTenant(String tenant) {
        return vertx.executeBlocking(() -> {
            for (TokenAlgorithm algorithm : TokenAlgorithm.values()) {
                Files.deleteIfExists(file(tenant, algorithm));
            }
            Path directory = dir.resolve(tenant);
            if (Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
                try (var left = Files.list(directory)) {
                    if (left.findAny().isEmpty()) {
                        Files.delete(directory);
                    }
                }
            }
            return null;
        }, false);
    }

    private Optional<SigningKey> read(String tenant, TokenAlgorithm algorithm) {
        Path file = file(tenant, algorithm);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        warnIfOthersCanRead(file);
        try {
            return Optional.of(SigningKeyPem.decode(Files.readString(file, StandardCharsets.US_ASCII), algorithm));
        } catch (IOException e) {
            throw new SigningKeyException("signing key file " + file + " cannot be read: " + e.getMessage(), e);
        } catch (SigningKeyException e) {
            throw new SigningKeyException("signing key file " + file + " is corrupt (" + e.getMessage()
                    + "); restore it from a backup, or move it away to make the gateway create a new key", e);
        }
    }

    private static void write(Path file, String text) throws IOException {
        Path parent = file.getParent();
        createPrivateDirectories(parent);
        AtomicFiles.write(file, text.getBytes(StandardCharsets.US_ASCII), PosixFilePermissions.asFileAttribute(OWNER_FILE));
    }

    private static void createPrivateDirectories(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        Path parent = directory.toAbsolutePath().getParent();
        if (parent != null) {
            createPrivateDirectories(parent);
        }
        Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_DIR));
    }

    private static void warnIfOthersCanRead(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (!OWNER_FILE.containsAll(permissions)) {
                LOG.warn("signing key file {} is readable by others ({}); chmod 600 it",
                        file, PosixFilePermissions.toString(permissions));
            }
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("cannot read the permissions of {}", file, e);
        }
    }
}
