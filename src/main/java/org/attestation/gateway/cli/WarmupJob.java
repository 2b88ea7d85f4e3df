package org.attestation.gateway.cli;

import io.vertx.core.Future;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.attestation.gateway.collateral.AmdCollateralKey;
import org.attestation.gateway.collateral.AmdCollateralTier;
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

    private final IntelCollateralTier intel;
    private final AmdCollateralTier amd;
    private final WarmupProgress progress;
    private final Map<String, String> failed = new LinkedHashMap<>();

    /** One item to load, by id. */
    private record Load(String id, Supplier<Future<CollateralEntry>> load) {
    }

    WarmupJob(IntelCollateralTier intel, AmdCollateralTier amd, WarmupProgress progress) {
        this.intel = intel;
        this.amd = amd;
        this.progress = progress;
    }

    /** Loads a bundle into the cache; the tiers check every item first and refuse the ones that fail. */
    void importBundle(Path dir) throws IOException {
        CollateralDirectory bundle = new CollateralDirectory(dir);
        List<String> items = new ArrayList<>(bundle.keys().stream().map(IntelCollateralKey::id).toList());
        bundle.amdKeys().forEach(key -> items.add(key.id()));
        progress.begin("importing", items.size());
        Map<String, String> refused = new HashMap<>(await(intel.importFrom(dir)));
        refused.putAll(await(amd.importFrom(dir)));
        Map<String, CollateralEntry> cached = new HashMap<>(intel.cached());
        cached.putAll(amd.cached());
        for (String item : items) {
            String reason = refused.get(item);
            if (reason == null) {
                progress.ok(item, cached.get(item).nextUpdate());
            } else {
                fail(item, reason);
            }
        }
        progress.end();
    }

    /** Fetches each item from PCS or KDS now, whatever the cache holds; an item is cached once it passes its checks. */
    void fetch(List<IntelCollateralKey> intelItems, List<AmdCollateralKey> amdItems) {
        List<Load> loads = new ArrayList<>();
        intelItems.forEach(key -> loads.add(new Load(key.id(), () -> intel.refresh(key))));
        amdItems.forEach(key -> loads.add(new Load(key.id(), () -> amd.refresh(key))));
        run("fetching", loads);
    }

    /** Loads every item the cache directory holds, each checked again, so that an export can write them. */
    void loadCache(CollateralDirectory cache) throws IOException {
        List<Load> loads = new ArrayList<>();
        cache.keys().forEach(key -> loads.add(new Load(key.id(), () -> intel.item(key))));
        cache.amdKeys().forEach(key -> loads.add(new Load(key.id(), () -> amd.item(key))));
        run("loading", loads);
    }

    /** Writes what the run loaded as an offline bundle; answers how many items. */
    int export(Path dir) {
        return await(intel.exportTo(dir)) + await(amd.exportTo(dir));
    }

    /** The items that failed, with the reason, in the order they failed. */
    Map<String, String> failed() {
        return Collections.unmodifiableMap(failed);
    }

    private void run(String step, List<Load> loads) {
        progress.begin(step, loads.size());
        for (Load item : loads) {
            try {
                progress.ok(item.id(), await(item.load().get()).nextUpdate());
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
