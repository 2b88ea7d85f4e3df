package org.attestation.gateway.store;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;

/** Files written whole or not at all: a temporary file beside the target, then a rename over it. */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /** Writes {@code bytes} to {@code target}; the temporary file is created with {@code attributes} (e.g. 0600). */
    public static void write(Path target, byte[] bytes, FileAttribute<?>... attributes) throws IOException {
        Path temporary = Files.createTempFile(target.getParent(), ".tmp-", ".part", attributes);
        try {
            Files.write(temporary, bytes);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
