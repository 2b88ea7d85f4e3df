package org.attestation.gateway.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One administrative change: who made it, what it was, when, and for policies the policy hash.
 *
 * @param actor   who: {@code system}, or the identity an admin call was authorized as
 * @param action  what, e.g. {@code policy.set}, {@code signer.add}, {@code signing-key.create}
 * @param subject what it was applied to, e.g. the attestation type or the certificate thumbprint
 */
public record AuditEntry(Instant at, String actor, String action, String tenant, String subject,
        Optional<String> policyHash) {

    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(policyHash, "policyHash");
    }
}
