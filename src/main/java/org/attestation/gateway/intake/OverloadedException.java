package org.attestation.gateway.intake;

import org.attestation.gateway.error.GatewayException;

/** The gateway has as many attestations in flight as it admits (GATEWAY_MAX_IN_FLIGHT): 503, retry later. */
final class OverloadedException extends GatewayException {

    OverloadedException(int limit) {
        super("OVERLOADED", "the gateway is at its limit of " + limit + " attestations in flight; retry later");
    }
}
