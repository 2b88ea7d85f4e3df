package org.attestation.gateway.evidence.snp;

import org.attestation.gateway.error.GatewayException;

/** An SEV-SNP report that failed a check of spec/snp.md §3.1; {@link #status()} names the check. */
public class SnpVerificationException extends GatewayException {

    private final SnpStatus status;

    public SnpVerificationException(SnpStatus status, String message) {
        super(status.name(), message);
        this.status = status;
    }

    public SnpVerificationException(SnpStatus status, String message, Throwable cause) {
        super(status.name(), message, cause);
        this.status = status;
    }

    public SnpStatus status() {
        return status;
    }
}
