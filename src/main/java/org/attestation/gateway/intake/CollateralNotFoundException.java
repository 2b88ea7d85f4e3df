package org.attestation.gateway.intake;

import org.attestation.gateway.collateral.CollateralMissingException;

/**
 * A collateral item asked for by the PCCS-compatible API that the gateway cannot obtain because it does not
 * exist where the gateway may look. There the item is the resource, so its absence is 404, as PCS answers;
 * behind an attestation the same absence is the gateway's failure (503).
 */
final class CollateralNotFoundException extends RequestException {

    CollateralNotFoundException(CollateralMissingException missing) {
        super(missing.code(), "no such collateral: " + missing.getMessage());
    }

    @Override
    int status() {
        return 404;
    }
}
