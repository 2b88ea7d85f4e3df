package org.attestation.gateway.intake;

/** A body that is not the JSON the endpoint takes, or a field that cannot be decoded. */
final class MalformedRequestException extends RequestException {

    MalformedRequestException(String message) {
        super("MALFORMED_REQUEST", message);
    }

    @Override
    int status() {
        return 400;
    }
}
