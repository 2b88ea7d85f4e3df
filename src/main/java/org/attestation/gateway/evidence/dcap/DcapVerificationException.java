package org.attestation.gateway.evidence.dcap;

import org.attestation.gateway.error.GatewayException;

/** A quote that failed a check of Intel's verification algorithm; {@link #status()} names the check. */
public final class DcapVerificationException extends GatewayException {

    private final QvlStatus status;

    public DcapVerificationException(QvlStatus status, String message) {
        super(status.name(), message);
        this.status = status;
    }

    public DcapVerificationException(QvlStatus status, String message, Throwable cause) {
        super(status.name(), message, cause);
        this.status = status;
    }

    public QvlStatus status() {
        return status;
    }
}
