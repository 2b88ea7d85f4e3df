package org.attestation.gateway.collateral;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One counter per value of a tag, registered on first use: counting on the hot path is a map lookup. */
final class TaggedCounters {

    private final MeterRegistry registry;
    private final String name;
    private final String tag;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    TaggedCounters(MeterRegistry registry, String name, String tag) {
        this.registry = registry;
        this.name = name;
        this.tag = tag;
    }

    void increment(String value) {
        counters.computeIfAbsent(value, v -> Counter.builder(name).tag(tag, v).register(registry)).increment();
    }
}
