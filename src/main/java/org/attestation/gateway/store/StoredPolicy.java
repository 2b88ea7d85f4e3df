package org.attestation.gateway.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.attestation.gateway.evidence.AttestationType;
import org.attestation.gateway.policy.PolicyHash;

/**
 * A tenant's policy for one attestation type, with the exact text that was set and the JWS it came in.
 *
 * @param version increases by one with every change, starting at 1
 * @param signerThumbprint SHA-1 thumbprint of the policy management certificate that signed it, if signed
 */
public record StoredPolicy(String tenant, AttestationType type, String text, String jws,
        Optional<String> signerThumbprint, long version, Instant updatedAt) {

    public StoredPolicy {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(jws, "jws");
        Objects.requireNonNull(signerThumbprint, "signerThumbprint");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** MAA's {@code x-ms-policy-hash} of the text (maa-api.md §2.8). */
    public String policyHash() {
        return PolicyHash.of(text);
    }

    StoredPolicy withVersion(long newVersion) {
        return new StoredPolicy(tenant, type, text, jws, signerThumbprint, newVersion, updatedAt);
    }
}
