package org.attestation.gateway.intake;

import org.attestation.gateway.error.GatewayException;

/** A request the HTTP edge refuses before it reaches the pipeline; each failure is its own subclass. */
abstract class RequestException extends GatewayException {

    RequestException(String code, String message) {
        super(code, message);
    }

    /** HTTP status to answer with. */
    abstract int status();
}
