package org.attestation.gateway.collateral;

import org.attestation.gateway.error.GatewayException;

/** Collateral that does not exist where the gateway may look: offline and not cached, or unknown to PCS (404). */
public final class CollateralMissingException extends GatewayException {

    public CollateralMissingException(String message) {
        super("COLLATERAL_MISSING", message);
    }
}
