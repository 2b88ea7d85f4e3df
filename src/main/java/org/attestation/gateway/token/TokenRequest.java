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
 * @param certificateHeader how the header names the signing certificate
 * @param unsecured a draft-policy result: {@code alg: none}, no signature
 */
public record TokenRequest(String tenant, Map<String, Object> claims, Optional<Duration> lifetime,
        CertificateHeader certificateHeader, boolean unsecured) {

    /**
     * The signing certificate in the header: MAA's SGX, OE, TDX, SNP and management tokens have neither; TPM
     * tokens carry {@code x5c}, or {@code x5t} when the policy sets {@code omit_x5c} (maa-api.md §3.1).
     */
    public enum CertificateHeader {
        NONE, X5C, X5T
    }

    public TokenRequest {
        Objects.requireNonNull(tenant, "tenant");
        claims = Collections.unmodifiableMap(new LinkedHashMap<>(claims));
        Objects.requireNonNull(lifetime, "lifetime");
        Objects.requireNonNull(certificateHeader, "certificateHeader");
    }

    /** A signed token with the default lifetime and header. */
    public static TokenRequest signed(String tenant, Map<String, Object> claims) {
        return new TokenRequest(tenant, claims, Optional.empty(), CertificateHeader.NONE, false);
    }
}
