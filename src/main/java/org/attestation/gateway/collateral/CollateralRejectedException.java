package org.attestation.gateway.collateral;

import org.attestation.gateway.error.GatewayException;

/** Collateral that was received but failed its checks (malformed, bad chain or signature): never cached. */
public final class CollateralRejectedException extends GatewayException {

    public CollateralRejectedException(String message, Throwable cause) {
        super("COLLATERAL_REJECTED", message, cause);
    }
}
