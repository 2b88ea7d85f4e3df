package org.attestation.gateway.policy;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Compiled policies by their text, so that a policy is parsed, its queries compiled and its
 * {@code x-ms-policy-hash} computed once rather than per attestation (a stored policy's text is the same String
 * each time, so a hit costs no hashing of the text). Holds at most {@code capacity} policies, dropping the least recently used. Thread-safe.
 */
public final class PolicyCache {

    private final Map<String, CompiledPolicy> byText;

    public PolicyCache(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.byText = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CompiledPolicy> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The compiled policy for this text, parsed (a {@link PolicyParseException} if it is not one) on a miss. */
    public CompiledPolicy compiled(String policyText) {
        synchronized (byText) {
            CompiledPolicy cached = byText.get(policyText);
            if (cached != null) {
                return cached;
            }
        }
        // Parsed outside the lock: two threads may both compile a new policy, and one result is kept.
        CompiledPolicy compiled = CompiledPolicy.parse(policyText);
        synchronized (byText) {
            return byText.computeIfAbsent(policyText, text -> compiled);
        }
    }

    public int size() {
        synchronized (byText) {
            return byText.size();
        }
    }
}
