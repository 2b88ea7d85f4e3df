package org.attestation.gateway.store.pg;

import org.attestation.gateway.error.GatewayException;

/** The embedded database's directory belongs to another running gateway. */
public final class DatabaseInUseException extends GatewayException {

    public DatabaseInUseException(String message) {
        super("DATABASE_IN_USE", message);
    }
}
