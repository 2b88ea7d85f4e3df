package org.attestation.gateway.store;

import io.vertx.core.Future;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Collateral in memory: the memory store's, and the whole store of a job that runs without one (warmup). */
public final class MemoryCollateral implements Store.Collateral {

    private final ConcurrentMap<String, CollateralEntry> entries = new ConcurrentHashMap<>();

    @Override
    public Future<Optional<CollateralEntry>> find(String key) {
        return Future.succeededFuture(Optional.ofNullable(entries.get(key)));
    }

    @Override
    public Future<Void> put(CollateralEntry entry) {
        entries.put(entry.key(), entry);
        return Future.succeededFuture();
    }
}
