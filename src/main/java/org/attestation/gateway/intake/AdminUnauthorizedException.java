package org.attestation.gateway.intake;

/** A management write without a valid administrator bearer token, where the bearer trust model applies. */
final class AdminUnauthorizedException extends RequestException {

    AdminUnauthorizedException(String message) {
        super("UNAUTHORIZED", message);
    }

    @Override
    int status() {
        return 401;
    }
}
