package org.attestation.gateway.store;

import org.attestation.gateway.error.GatewayException;

/** A stored private key that the configured key-encryption key cannot open. */
public final class KeyDecryptionException extends GatewayException {

    public KeyDecryptionException(String message) {
        super("KEY_DECRYPTION_FAILED", message);
    }
}
