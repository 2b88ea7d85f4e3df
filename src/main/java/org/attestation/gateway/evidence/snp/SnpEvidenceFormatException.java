package org.attestation.gateway.evidence.snp;

import org.attestation.gateway.error.GatewayException;

/** The {@code SevSnpVm} evidence envelope (the request's {@code report}) is malformed. */
public final class SnpEvidenceFormatException extends GatewayException {

    public SnpEvidenceFormatException(String message) {
        super("SNP_EVIDENCE_MALFORMED", message);
    }
}
