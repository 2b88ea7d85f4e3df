package org.attestation.gateway.evidence;

import org.attestation.gateway.error.GatewayException;

/** No verifier is installed for the attestation type of a request. */
public final class UnsupportedEvidenceException extends GatewayException {

    public UnsupportedEvidenceException(AttestationType type) {
        super("UNSUPPORTED_EVIDENCE_TYPE", "this gateway has no verifier for " + type.apiName() + " evidence");
    }
}
