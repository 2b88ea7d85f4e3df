package org.attestation.gateway.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import org.attestation.gateway.evidence.AttestationType;

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

    /**
     * MAA's {@code x-ms-policy-hash} (maa-api.md §2.8): base64url(SHA-256(UTF-8(base64url(UTF-8(text))))),
     * unpadded.
     */
    public String policyHash() {
        Base64.Encoder b64url = Base64.getUrlEncoder().withoutPadding();
        try {
            byte[] encoded = b64url.encodeToString(text.getBytes(StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            return b64url.encodeToString(MessageDigest.getInstance("SHA-256").digest(encoded));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    StoredPolicy withVersion(long newVersion) {
        return new StoredPolicy(tenant, type, text, jws, signerThumbprint, newVersion, updatedAt);
    }
}
