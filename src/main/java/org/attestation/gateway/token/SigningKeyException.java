package org.attestation.gateway.token;

import org.attestation.gateway.error.GatewayException;

/** A stored signing key that cannot be used: unreadable, corrupt, or not matching its certificate. */
public final class SigningKeyException extends GatewayException {

    public SigningKeyException(String message) {
        super("SIGNING_KEY_UNUSABLE", message);
    }

    public SigningKeyException(String message, Throwable cause) {
        super("SIGNING_KEY_UNUSABLE", message, cause);
    }
}
