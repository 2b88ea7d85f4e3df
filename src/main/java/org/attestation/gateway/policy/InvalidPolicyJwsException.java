package org.attestation.gateway.policy;

import org.attestation.gateway.error.GatewayException;

/** A policy or certificate management body that is not a valid JWS: malformed, badly signed, wrong payload. */
public final class InvalidPolicyJwsException extends GatewayException {

    public InvalidPolicyJwsException(String message) {
        super("INVALID_OPERATION", message);
    }
}
