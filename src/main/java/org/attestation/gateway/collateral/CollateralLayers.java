package org.attestation.gateway.collateral;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import org.attestation.gateway.store.CollateralEntry;
import org.attestation.gateway.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cache layers a collateral tier keeps its items in: memory, the store and the disk cache, and the
 * offline bundles written from and read into them. A copy from the store, the disk or a bundle is trusted
 * only once it passes the tier's check again; a damaged one is skipped, never served. Vendor-neutral: the
 * Intel and AMD tiers differ only in their keys, checks and upstream.
 */
final class CollateralLayers {

    private static final Logger LOG = LoggerFactory.getLogger(CollateralLayers.class);

    private final Vertx vertx;
    private final Store.Collateral store;
    private final CollateralDirectory disk;
    private final Consumer<String> count;
    private final Map<String, CollateralEntry> memory = new ConcurrentHashMap<>();

    /** {@code count} is told the layer each lookup was answered from (a metric). */
    CollateralLayers(Vertx vertx, Store.Collateral store, CollateralDirectory disk, Consumer<String> count) {
        this.vertx = vertx;
        this.store = store;
        this.disk = disk;
        this.count = count;
    }

    /** Items held in memory, by id (live: gauges read it). */
    Map<String, CollateralEntry> memory() {
        return memory;
    }

    CollateralEntry inMemory(String id) {
        return memory.get(id);
    }

    void remember(CollateralEntry entry) {
        memory.put(entry.key(), entry);
    }

    /**
     * A copy of item {@code id} from the store, else from the disk (then put in the store too), that passes
     * {@code check} (which throws {@link CollateralRejectedException}); empty when neither has a good one.
     */
    Future<Optional<CollateralEntry>> find(String id, Consumer<CollateralEntry> check) {
        return store.find(id)
                .compose(found -> found.isEmpty() ? Future.succeededFuture(Optional.<CollateralEntry>empty())
                        : checked(found.get(), check, "store"))
                .compose(found -> found.isPresent() ? Future.succeededFuture(found) : fromDisk(id, check));
    }

    private Future<Optional<CollateralEntry>> fromDisk(String id, Consumer<CollateralEntry> check) {
        return vertx.executeBlocking(() -> disk.read(id), false)
                .recover(e -> {
                    LOG.warn("cannot read {} from disk: {}", id, e.getMessage());
                    return Future.succeededFuture(Optional.empty());
                })
                .compose(found -> found.isEmpty() ? Future.succeededFuture(Optional.<CollateralEntry>empty())
                        : checked(found.get(), check, "disk").compose(v -> v.isPresent()
                                ? store.put(v.get()).map(stored -> v) : Future.succeededFuture(v)));
    }

    private Future<Optional<CollateralEntry>> checked(CollateralEntry entry, Consumer<CollateralEntry> check,
            String layer) {
        return vertx.executeBlocking(() -> {
            try {
                check.accept(entry);
                return Optional.of(entry);
            } catch (CollateralRejectedException e) {
                LOG.atWarn().addKeyValue("item", entry.key()).addKeyValue("layer", layer)
                        .log("cached collateral fails its checks; ignoring it: {}", e.getMessage());
                return Optional.<CollateralEntry>empty();
            }
        }, false).map(found -> {
            found.ifPresent(e -> {
                remember(e);
                count.accept(layer);
            });
            return found;
        });
    }

    /**
     * Keeps a fetched item in every layer: {@code checked} (run on a worker) checks the response and answers
     * its entry, which is written to disk, put in the store, then remembered.
     */
    Future<CollateralEntry> keep(Callable<CollateralEntry> checked) {
        return vertx.executeBlocking(() -> {
            CollateralEntry entry = checked.call();
            disk.write(entry);
            return entry;
        }, false)
                .compose(entry -> store.put(entry).map(v -> entry))
                .onSuccess(this::remember);
    }

    /** Writes every item in memory to {@code dir} in the cache's layout: an offline bundle. */
    Future<Integer> exportTo(Path dir) {
        List<CollateralEntry> items = new ArrayList<>(memory.values());
        return vertx.executeBlocking(() -> {
            CollateralDirectory bundle = new CollateralDirectory(dir);
            for (CollateralEntry item : items) {
                bundle.write(item);
            }
            return items.size();
        }, false);
    }

    /**
     * Loads the items of a bundle whose ids {@code parse} knows: each must pass {@code check} before it
     * enters memory, the disk and the store. Answers the ids that were refused, with the reason.
     */
    <K> Future<Map<String, String>> importFrom(Path dir, Function<String, Optional<K>> parse,
            BiConsumer<K, CollateralEntry> check) {
        CollateralDirectory bundle = new CollateralDirectory(dir);
        return vertx.executeBlocking(() -> {
            Map<String, String> refused = new LinkedHashMap<>();
            List<CollateralEntry> loaded = new ArrayList<>();
            for (String id : bundle.ids()) {
                Optional<K> key = parse.apply(id);
                if (key.isEmpty()) {
                    continue;
                }
                try {
                    CollateralEntry entry = bundle.read(id).orElseThrow();
                    check.accept(key.get(), entry);
                    disk.write(entry);
                    remember(entry);
                    loaded.add(entry);
                } catch (IOException | RuntimeException e) {
                    refused.put(id, e.getMessage());
                }
            }
            return Map.entry(refused, loaded);
        }, false).compose(result -> Future.all(result.getValue().stream().map(store::put).toList())
                .map(v -> result.getKey()));
    }

    /** The failure of a miss in offline mode, naming the item and the way to bring it in. */
    static CollateralMissingException offlineMiss(String id) {
        return new CollateralMissingException("offline mode: " + id + " is neither cached nor in an imported "
                + "bundle; fetch it with 'warmup' and import the bundle");
    }
}
