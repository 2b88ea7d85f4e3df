package org.attestation.gateway.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a policy decided.
 *
 * @param denial why issuance is not authorized: a {@code deny()} fired, or no {@code permit()} did; empty when
 *     authorized
 * @param issued the outgoing claims ({@code issue}), in the order they were issued, duplicates kept; empty when
 *     not authorized (issuance rules did not run)
 * @param properties the property claims ({@code issueproperty}), also those of configuration rules on a denial
 */
public record PolicyResult(Optional<PolicyEvaluationException> denial, List<Claim> issued, PropertyClaims properties) {

    public PolicyResult {
        Objects.requireNonNull(denial, "denial");
        issued = List.copyOf(issued);
        Objects.requireNonNull(properties, "properties");
    }

    public boolean authorized() {
        return denial.isEmpty();
    }

    /** This result when authorized; otherwise throws the denial. */
    public PolicyResult requireAuthorized() {
        if (denial.isPresent()) {
            throw denial.get();
        }
        return this;
    }
}
