package org.attestation.gateway.token;

import java.net.URI;
import org.attestation.gateway.store.Tenant;

/** A tenant's issuer URL ({@code iss}): the default tenant at the public URL, others under {@code /tenants/{name}}. */
public record Issuers(URI publicUrl) {

    public URI of(String tenant) {
        return Tenant.DEFAULT.equals(tenant) ? publicUrl : URI.create(publicUrl + "/tenants/" + tenant);
    }
}
