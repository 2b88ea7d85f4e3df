package org.attestation.gateway.token;

import java.util.List;
import java.util.Objects;

/**
 * A tenant's token keys: the one that signs now, every key whose tokens still verify, and their JWKS
 * rendered once as JSON text.
 */
public record TenantKeys(SigningKey signing, List<SigningKey> all, String jwksJson) {

    public TenantKeys {
        Objects.requireNonNull(signing, "signing");
        all = List.copyOf(all);
        Objects.requireNonNull(jwksJson, "jwksJson");
    }
}
