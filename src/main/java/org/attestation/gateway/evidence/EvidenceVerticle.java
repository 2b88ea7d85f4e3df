package org.attestation.gateway.evidence;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.attestation.gateway.bus.Addresses;
import org.attestation.gateway.bus.Bus;

/**
 * Serves {@link Addresses#EVIDENCE_VERIFY}. Deployed as worker verticles on a pool sized for the cores:
 * verification is CPU-bound and must never run on an event loop.
 */
public final class EvidenceVerticle extends VerticleBase {

    private final EvidenceVerifiers verifiers;

    public EvidenceVerticle(EvidenceVerifiers verifiers) {
        this.verifiers = verifiers;
    }

    @Override
    public Future<?> start() {
        return Bus.<AttestationRequest, VerifiedEvidence>serve(vertx.eventBus(), Addresses.EVIDENCE_VERIFY,
                verifiers::verify).completion();
    }
}
