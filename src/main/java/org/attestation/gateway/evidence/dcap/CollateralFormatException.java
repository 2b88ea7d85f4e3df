package org.attestation.gateway.evidence.dcap;

import org.attestation.gateway.error.GatewayException;

/** Collateral (TCB info, QE identity, CRL, issuer chain) that cannot be parsed; QVL's *_UNSUPPORTED_FORMAT. */
public final class CollateralFormatException extends GatewayException {

    private final QvlStatus status;

    public CollateralFormatException(QvlStatus status, String message) {
        super(status.name(), message);
        this.status = status;
    }

    public QvlStatus status() {
        return status;
    }
}
