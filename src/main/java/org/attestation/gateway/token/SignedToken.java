package org.attestation.gateway.token;

import java.util.Objects;

/** A compact JWS (or an unsecured JWT) as issued by the token service. */
public record SignedToken(String jwt) {

    public SignedToken {
        Objects.requireNonNull(jwt, "jwt");
    }
}
