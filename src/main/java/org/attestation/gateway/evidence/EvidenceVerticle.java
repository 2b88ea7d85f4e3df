package org.attestation.gateway.evidence;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.attestation.gateway.bus.Addresses;
import org.attestation.gateway.bus.Bus;
import org.attestation.gateway.token.TokenRequest;

/**
 * Serves {@link Addresses#EVIDENCE_VERIFY}: verifies the evidence, then applies the tenant's policy, and
 * answers the token to sign. Deployed as worker verticles on a pool sized for the cores: verification is
 * CPU-bound and must never run on an event loop.
 */
public final class EvidenceVerticle extends VerticleBase {

    private final EvidenceVerifiers verifiers;
    private final PolicyStage policy;

    public EvidenceVerticle(EvidenceVerifiers verifiers, PolicyStage policy) {
        this.verifiers = verifiers;
        this.policy = policy;
    }

    @Override
    public Future<?> start() {
        return Bus.<AttestationRequest, TokenRequest>serve(vertx.eventBus(), Addresses.EVIDENCE_VERIFY,
                request -> verifiers.verify(request).compose(evidence -> policy.apply(request, evidence)))
                .completion();
    }
}
