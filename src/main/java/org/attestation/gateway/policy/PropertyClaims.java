package org.attestation.gateway.policy;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The property claims a policy issued with {@code issueproperty} (maa-api.md §2.7): all of them by type (a type
 * issued twice keeps its last value), and typed views of those the gateway acts on. The values of those are checked
 * when they are issued, so the views cannot fail.
 */
public record PropertyClaims(Map<String, Object> all) {

    public static final String REPORT_VALIDITY_IN_MINUTES = "report_validity_in_minutes";
    public static final String OMIT_X5C = "omit_x5c";
    public static final String SGX_TCB_IDENTIFIER = "x-ms-sgx-tcbidentifier";
    /** MAA's maximum token lifetime. */
    public static final Duration MAX_TOKEN_LIFETIME = Duration.ofDays(365);

    public PropertyClaims {
        all.forEach(PropertyClaims::check);
        all = Collections.unmodifiableMap(new LinkedHashMap<>(all));
    }

    /** {@code report_validity_in_minutes} as a token lifetime, at most one year; empty: the gateway's default. */
    public Optional<Duration> tokenLifetime() {
        return Optional.ofNullable((Long) all.get(REPORT_VALIDITY_IN_MINUTES))
                .map(Duration::ofMinutes)
                .map(lifetime -> lifetime.compareTo(MAX_TOKEN_LIFETIME) > 0 ? MAX_TOKEN_LIFETIME : lifetime);
    }

    /** {@code omit_x5c}: the token header carries {@code x5t} instead of {@code x5c}. False unless issued. */
    public boolean omitX5c() {
        return Boolean.TRUE.equals(all.get(OMIT_X5C));
    }

    /** {@code x-ms-sgx-tcbidentifier}: the SGX TCB baseline, e.g. {@code azuredefault} or {@code 10}. */
    public Optional<String> tcbIdentifier() {
        return Optional.ofNullable((String) all.get(SGX_TCB_IDENTIFIER));
    }

    /** Rejects a value the gateway could not act on, when the policy issues it. */
    static void check(String type, Object value) {
        switch (type) {
            case REPORT_VALIDITY_IN_MINUTES -> require(type, value, value instanceof Long minutes && minutes > 0,
                    "a positive whole number of minutes");
            case OMIT_X5C -> require(type, value, value instanceof Boolean, "a boolean");
            case SGX_TCB_IDENTIFIER -> require(type, value, value instanceof String, "a string");
            default -> {
                // other property claims (e.g. TPM's required_pcr_mask) are kept as issued
            }
        }
    }

    private static void require(String type, Object value, boolean valid, String expected) {
        if (!valid) {
            throw new PolicyEvaluationException("the property claim " + type + " must be " + expected + ", not "
                    + Claim.valueTypeOf(value) + " " + value);
        }
    }
}
