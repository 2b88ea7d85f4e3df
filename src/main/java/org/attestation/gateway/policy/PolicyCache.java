package org.attestation.gateway.policy;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Compiled policies by {@code x-ms-policy-hash}, so that a policy is parsed and its queries compiled once rather
 * than per attestation. Holds at most {@code capacity} policies, dropping the least recently used. Thread-safe.
 */
public final class PolicyCache {

    private final Map<String, CompiledPolicy> byHash;

    public PolicyCache(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.byHash = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CompiledPolicy> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The compiled policy for this text, parsed (a {@link PolicyParseException} if it is not one) on a miss. */
    public CompiledPolicy compiled(String policyText) {
        String hash = PolicyHash.of(policyText);
        synchronized (byHash) {
            CompiledPolicy cached = byHash.get(hash);
            if (cached != null) {
                return cached;
            }
        }
        // Parsed outside the lock: two threads may both compile a new policy, and one result is kept.
        CompiledPolicy compiled = CompiledPolicy.parse(policyText);
        synchronized (byHash) {
            return byHash.computeIfAbsent(hash, h -> compiled);
        }
    }

    public int size() {
        synchronized (byHash) {
            return byHash.size();
        }
    }
}
