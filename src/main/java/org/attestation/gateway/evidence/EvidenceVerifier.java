package org.attestation.gateway.evidence;

/**
 * Verifies one attestation type's evidence down to the vendor root and turns it into claims. Plain Java,
 * free of Vert.x; CPU-bound, so the pipeline calls it on a worker thread. Throws a
 * {@link org.attestation.gateway.error.GatewayException} subclass for every failure: never a result for
 * evidence that failed a check.
 */
public interface EvidenceVerifier {

    AttestationType type();

    VerifiedEvidence verify(AttestationRequest request);
}
