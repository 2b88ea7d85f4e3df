package org.attestation.gateway.policy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** MAA's {@code x-ms-policy-hash} (maa-api.md §2.8), computed in this one place. */
public final class PolicyHash {

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private PolicyHash() {
    }

    /** base64url(SHA-256(UTF-8(base64url(UTF-8(text))))), unpadded: 43 characters. */
    public static String of(String policyText) {
        byte[] encoded = B64URL.encodeToString(policyText.getBytes(StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);
        try {
            return B64URL.encodeToString(MessageDigest.getInstance("SHA-256").digest(encoded));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
