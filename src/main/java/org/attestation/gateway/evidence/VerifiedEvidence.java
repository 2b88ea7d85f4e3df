package org.attestation.gateway.evidence;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Evidence that passed every check, turned into claims (incoming claims for the policy, token claims). */
public record VerifiedEvidence(AttestationType type, Map<String, Object> claims) {

    public VerifiedEvidence {
        Objects.requireNonNull(type, "type");
        claims = Collections.unmodifiableMap(new LinkedHashMap<>(claims));
    }

    /** The evidence claims with those every MAA token carries: {@code x-ms-ver}, the type, and the nonce. */
    public Map<String, Object> tokenClaims(Optional<String> nonce) {
        Map<String, Object> all = new LinkedHashMap<>(claims);
        all.put("x-ms-ver", "1.0");
        all.put("x-ms-attestation-type", type.tokenType());
        nonce.ifPresent(value -> all.put("nonce", value));
        return all;
    }
}
