package org.attestation.gateway.cli;

import io.vertx.core.Future;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.attestation.gateway.collateral.CollateralDirectory;
import org.attestation.gateway.collateral.IntelCollateralKey;
import org.attestation.gateway.collateral.IntelCollateralTier;
import org.attestation.gateway.store.CollateralEntry;

/**
 * The steps of one warmup run against the collateral tier, each waited for on the calling thread (the
 * command's, never an event loop). An item that fails is reported and remembered, and the run goes on, so
 * that the end names every failed item.
 */
final class WarmupJob {

    private final IntelCollateralTier tier;
    private final WarmupProgress progress;
    private final Map<String, String> failed = new LinkedHashMap<>();

    WarmupJob(IntelCollateralTier tier, WarmupProgress progress) {
        this.tier = tier;
        this.progress = progress;
    }

    /** Loads a bundle into the cache; the tier verifies every item first and refuses the ones that fail. */
    void importBundle(Path dir) throws IOException {
        List<IntelCollateralKey> items = new CollateralDirectory(dir).keys();
        progress.begin("importing", items.size());
        Map<String, String> refused = await(tier.importFrom(dir));
        Map<String, CollateralEntry> cached = tier.cached();
        for (IntelCollateralKey item : items) {
            String reason = refused.get(item.id());
            if (reason == null) {
                progress.ok(item.id(), cached.get(item.id()).nextUpdate());
            } else {
                fail(item.id(), reason);
            }
        }
        progress.end();
    }

    /** Fetches each item from PCS now, whatever the cache holds; an item is cached once it verifies. */
    void fetch(List<IntelCollateralKey> items) {
        run("fetching", items, tier::refresh);
    }

    /** Loads every item the cache directory holds, each verified again, so that an export can write them. */
    void loadCache(CollateralDirectory cache) throws IOException {
        run("loading", cache.keys(), tier::item);
    }

    /** Writes what the run loaded as an offline bundle; answers how many items. */
    int export(Path dir) {
        return await(tier.exportTo(dir));
    }

    /** The items that failed, with the reason, in the order they failed. */
    Map<String, String> failed() {
        return Collections.unmodifiableMap(failed);
    }

    private void run(String step, List<IntelCollateralKey> items,
            Function<IntelCollateralKey, Future<CollateralEntry>> load) {
        progress.begin(step, items.size());
        for (IntelCollateralKey item : items) {
            try {
                progress.ok(item.id(), await(load.apply(item)).nextUpdate());
            } catch (CompletionException e) {
                fail(item.id(), reason(e.getCause()));
            }
        }
        progress.end();
    }

    private void fail(String id, String reason) {
        failed.put(id, reason);
        progress.failed(id, reason);
    }

    /** Waits for a Vert.x future; a failure is thrown as a {@link CompletionException} around its cause. */
    static <T> T await(Future<T> future) {
        return future.toCompletionStage().toCompletableFuture().join();
    }

    static String reason(Throwable failure) {
        return failure.getMessage() == null ? failure.toString() : failure.getMessage().lines().findFirst().orElse("");
    }
}
