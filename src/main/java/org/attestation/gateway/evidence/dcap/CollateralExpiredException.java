package org.attestation.gateway.evidence.dcap;

import org.attestation.gateway.error.GatewayException;

/**
 * Evidence judged with collateral past its {@code nextUpdate} or {@code notAfter}, under the policy that
 * rejects it (QvE's {@code SGX_QL_QV_RESULT} with {@code collateral_expiration_status} set).
 */
public final class CollateralExpiredException extends GatewayException {

    public CollateralExpiredException(String message) {
        super("COLLATERAL_EXPIRED", message);
    }
}
