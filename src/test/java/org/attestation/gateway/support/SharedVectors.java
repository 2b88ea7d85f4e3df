package org.attestation.gateway.support;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The public evidence in {@code ../shared/vectors}, read where it lies (never copied into the repository).
 * Without that folder a test is skipped with a message, except under {@code CI=true}, where it fails.
 */
public final class SharedVectors {

    private static final Path ROOT = Path.of(System.getProperty("user.dir")).resolve("../shared/vectors").normalize();

    private SharedVectors() {
    }

    /** The path of a vector, after making sure the vectors are there. */
    public static Path path(String relative) {
        if (!Files.isDirectory(ROOT)) {
            String message = "the shared vectors are not at " + ROOT + "; tests that need them are skipped";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message + " (not allowed under CI=true)");
            }
            Assumptions.abort(message);
        }
        Path path = ROOT.resolve(relative);
        if (!Files.exists(path)) {
            fail("vector " + relative + " is missing from " + ROOT);
        }
        return path;
    }

    public static byte[] bytes(String relative) {
        try {
            return Files.readAllBytes(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String relative) {
        return new String(bytes(relative), StandardCharsets.UTF_8);
    }
}
