package org.attestation.gateway.intake;

/** A tenant create for a name that is taken. */
final class TenantExistsException extends RequestException {

    TenantExistsException(String tenant) {
        super("TENANT_EXISTS", "tenant '" + tenant + "' exists already");
    }

    @Override
    int status() {
        return 409;
    }

    @Override
    String maaCode() {
        return "Conflict";
    }
}
