package org.attestation.gateway.intake;

/** A missing or unknown {@code api-version} query parameter. */
final class ApiVersionException extends RequestException {

    ApiVersionException(String message) {
        super("UNSUPPORTED_API_VERSION", message);
    }

    @Override
    int status() {
        return 400;
    }
}
