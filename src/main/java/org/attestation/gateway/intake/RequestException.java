package org.attestation.gateway.intake;

import org.attestation.gateway.error.GatewayException;

/** A request the HTTP edge refuses before it reaches the pipeline; each failure is its own subclass. */
abstract class RequestException extends GatewayException {

    RequestException(String code, String message) {
        super(code, message);
    }

    /** HTTP status to answer with. */
    abstract int status();

    /** MAA's error code for it. */
    String maaCode() {
        return switch (status()) {
            case 401 -> "Unauthorized";
            case 404 -> "NotFound";
            default -> "InvalidParameter";
        };
    }

    /** A client's value quoted in a message, cut short: messages stay readable, whatever was sent. */
    static String shorten(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }
}
