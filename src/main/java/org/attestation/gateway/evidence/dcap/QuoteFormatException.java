package org.attestation.gateway.evidence.dcap;

import org.attestation.gateway.error.GatewayException;

/**
 * A quote (or an Open Enclave report around one) that does not have a structure Intel's QVL accepts:
 * QVL's {@code STATUS_UNSUPPORTED_QUOTE_FORMAT}, with the precise reason in the message.
 */
public final class QuoteFormatException extends GatewayException {

    public QuoteFormatException(String message) {
        super(QvlStatus.UNSUPPORTED_QUOTE_FORMAT.name(), message);
    }
}
