package org.attestation.gateway.evidence.dcap;

import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A concurrent cache with a size bound, for results that are expensive to compute and safe to share:
 * verified collateral and verified certificate chains. When full, an arbitrary entry leaves; the
 * collateral tier, not this cache, decides what is fresh.
 */
public final class BoundedCache<K, V> {

    private final ConcurrentHashMap<K, V> entries = new ConcurrentHashMap<>();
    private final int maxEntries;

    public BoundedCache(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    public V get(K key, Function<K, V> compute) {
        V value = entries.get(key);
        if (value != null) {
            return value;
        }
        value = compute.apply(key);
        if (entries.size() >= maxEntries) {
            Iterator<K> keys = entries.keySet().iterator();
            if (keys.hasNext()) {
                entries.remove(keys.next());
            }
        }
        V raced = entries.putIfAbsent(key, value);
        return raced != null ? raced : value;
    }

    public int size() {
        return entries.size();
    }
}
