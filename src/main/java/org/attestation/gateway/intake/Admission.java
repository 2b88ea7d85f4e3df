package org.attestation.gateway.intake;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Admission control for attestations, shared by every intake instance of a gateway: at most {@code limit} in
 * flight. Beyond it a request is answered 503 with Retry-After at once ({@link OverloadedException}) rather than
 * queued: an overload sheds work instead of growing queues, memory and latency until nothing is answered.
 */
public final class Admission {

    private final int limit;
    private final AtomicInteger inFlight = new AtomicInteger();

    public Admission(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("the in-flight limit must be positive");
        }
        this.limit = limit;
    }

    /** Admits one attestation, or throws {@link OverloadedException}; an admitted one must {@link #leave()}. */
    void enter() {
        if (inFlight.incrementAndGet() > limit) {
            inFlight.decrementAndGet();
            throw new OverloadedException(limit);
        }
    }

    void leave() {
        inFlight.decrementAndGet();
    }
}
