package org.attestation.gateway.collateral;

import org.attestation.gateway.error.GatewayException;

/**
 * Collateral the gateway cannot obtain now: the vendor is unreachable, throttling, failing, or its circuit
 * is open, and no valid cached copy exists. Retrying later may help.
 */
public final class CollateralUnavailableException extends GatewayException {

    public CollateralUnavailableException(String message) {
        super("COLLATERAL_UNAVAILABLE", message);
    }

    public CollateralUnavailableException(String message, Throwable cause) {
        super("COLLATERAL_UNAVAILABLE", message, cause);
    }
}
