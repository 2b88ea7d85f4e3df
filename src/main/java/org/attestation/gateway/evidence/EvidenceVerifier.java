package org.attestation.gateway.evidence;

import io.vertx.core.Future;

/**
 * Verifies one attestation type's evidence down to the vendor root and turns it into claims. Called on a
 * worker thread of the evidence pool: the CPU work runs there, while collateral arrives asynchronously.
 * Every failure is a {@link org.attestation.gateway.error.GatewayException} subclass: never a result for
 * evidence that failed a check. The cryptographic cores it adapts ({@code evidence.dcap}) are plain Java.
 */
public interface EvidenceVerifier {

    AttestationType type();

    Future<VerifiedEvidence> verify(AttestationRequest request);
}
