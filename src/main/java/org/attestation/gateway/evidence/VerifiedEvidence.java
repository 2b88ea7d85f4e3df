package org.attestation.gateway.evidence;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Evidence that passed every check, turned into claims (incoming claims for the policy, token claims). */
public record VerifiedEvidence(AttestationType type, Map<String, Object> claims) {

    public VerifiedEvidence {
        Objects.requireNonNull(type, "type");
        claims = Collections.unmodifiableMap(new LinkedHashMap<>(claims));
    }
}
