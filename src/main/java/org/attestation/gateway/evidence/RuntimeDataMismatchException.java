package org.attestation.gateway.evidence;

import org.attestation.gateway.error.GatewayException;

/** The evidence's report data does not carry SHA-256 of the runtime data the client sent. */
public final class RuntimeDataMismatchException extends GatewayException {

    public RuntimeDataMismatchException(String message) {
        super("RUNTIME_DATA_MISMATCH", message);
    }
}
