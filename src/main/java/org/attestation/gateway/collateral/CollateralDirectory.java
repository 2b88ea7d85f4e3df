package org.attestation.gateway.collateral;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.attestation.gateway.store.AtomicFiles;
import org.attestation.gateway.store.CollateralEntry;

/**
 * Collateral on disk: the cache in {@code GATEWAY_COLLATERAL_DIR}, and offline bundles, in one layout.
 * Each item is two files under its id ({@link IntelCollateralKey#id()}, {@link AmdCollateralKey#id()}):
 * {@code <id>.body}, the response body exactly as received, and {@code <id>.meta.json}, its kept response
 * headers (issuer chains),
 * {@code fetchedAt} and {@code nextUpdate}. A directory can be copied to another machine as it is.
 * Blocking I/O: callers run it off the event loop.
 */
public final class CollateralDirectory {

    static final String BODY = ".body";
    static final String META = ".meta.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;

    public CollateralDirectory(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    Optional<CollateralEntry> read(String id) throws IOException {
        Path body = root.resolve(id + BODY);
        Path meta = root.resolve(id + META);
        if (!Files.isRegularFile(body) || !Files.isRegularFile(meta)) {
            return Optional.empty();
        }
        JsonNode metadata = JSON.readTree(meta.toFile());
        Map<String, String> headers = new HashMap<>();
        metadata.path("headers").fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
        try {
            return Optional.of(new CollateralEntry(id, Files.readAllBytes(body), headers,
                    Instant.parse(metadata.path("fetchedAt").asText()), Instant.parse(metadata.path("nextUpdate").asText())));
        } catch (RuntimeException e) {
            throw new IOException(meta + " is damaged: " + e.getMessage(), e);
        }
    }

    /** Writes an item whole: body first, then its metadata, each by an atomic rename. */
    public void write(CollateralEntry entry) throws IOException {
        Path body = root.resolve(entry.key() + BODY);
        Files.createDirectories(body.getParent());
        ObjectNode meta = JSON.createObjectNode();
        meta.put("key", entry.key());
        meta.put("fetchedAt", entry.fetchedAt().toString());
        meta.put("nextUpdate", entry.nextUpdate().toString());
        ObjectNode headers = meta.putObject("headers");
        entry.headers().forEach(headers::put);
        AtomicFiles.write(body, entry.body());
        AtomicFiles.write(root.resolve(entry.key() + META), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(meta));
    }

    /** Every Intel item of the directory, in id order. */
    public List<IntelCollateralKey> keys() throws IOException {
        return keys(IntelCollateralKey::parse);
    }

    /** Every AMD item of the directory, in id order. */
    public List<AmdCollateralKey> amdKeys() throws IOException {
        return keys(AmdCollateralKey::parse);
    }

    /** The ids of every item of the directory, Intel and AMD, in id order. */
    public List<String> ids() throws IOException {
        return keys(Optional::of);
    }

    private <K> List<K> keys(Function<String, Optional<K>> parse) throws IOException {
        List<K> keys = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return keys;
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(p -> p.getFileName().toString().endsWith(META)).sorted().forEach(meta -> {
                String relative = root.relativize(meta).toString().replace('\\', '/');
                parse.apply(relative.substring(0, relative.length() - META.length())).ifPresent(keys::add);
            });
        }
        return keys;
    }
}
