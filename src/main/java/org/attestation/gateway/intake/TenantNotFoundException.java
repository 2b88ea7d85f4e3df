package org.attestation.gateway.intake;

/** A {@code /tenants/{tenant}/...} path naming a tenant that does not exist. */
final class TenantNotFoundException extends RequestException {

    TenantNotFoundException(String tenant) {
        super("TENANT_NOT_FOUND", "there is no tenant '" + shorten(tenant) + "'");
    }

    @Override
    int status() {
        return 404;
    }
}
