package org.attestation.gateway.token;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the pipeline asks the token service to sign: the tenant whose key signs, the body claims (the
 * service adds {@code iss}, {@code iat}, {@code nbf}, {@code exp} and {@code jti}), and the token
 * properties a policy may set.
 *
 * @param lifetime {@code report_validity_in_minutes} from the policy; empty for the configured default
 * @param omitX5c  {@code omit_x5c} from the policy: the header carries {@code x5t} instead of {@code x5c}
 * @param unsecured a draft-policy result: {@code alg: none}, no signature
 */
public record TokenRequest(String tenant, Map<String, Object> claims, Optional<Duration> lifetime, boolean omitX5c,
        boolean unsecured) {

    public TokenRequest {
        Objects.requireNonNull(tenant, "tenant");
        claims = Collections.unmodifiableMap(new LinkedHashMap<>(claims));
        Objects.requireNonNull(lifetime, "lifetime");
    }

    /** A signed token with the default lifetime and header. */
    public static TokenRequest signed(String tenant, Map<String, Object> claims) {
        return new TokenRequest(tenant, claims, Optional.empty(), false, false);
    }
}
