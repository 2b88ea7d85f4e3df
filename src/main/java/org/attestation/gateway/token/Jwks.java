package org.attestation.gateway.token;

import java.math.BigInteger;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON Web Key Sets (RFC 7517) for the keys that sign tokens. Every key carries {@code kty}, {@code kid},
 * {@code x5c} (the Azure SDKs reject a key without it) and its public parameters.
 */
public final class Jwks {

    private Jwks() {
    }

    /** {@code {"keys": [...]}} for the given keys, in order. */
    public static Map<String, Object> of(List<SigningKey> keys) {
        List<Map<String, Object>> jwks = new ArrayList<>();
        for (SigningKey key : keys) {
            jwks.add(jwk(key));
        }
        return Map.of("keys", jwks);
    }

    static Map<String, Object> jwk(SigningKey key) {
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", key.algorithm().keyType());
        jwk.put("kid", key.kid());
        jwk.put("use", "sig");
        jwk.put("alg", key.algorithm().name());
        if (key.publicKey() instanceof RSAPublicKey rsa) {
            jwk.put("n", unsigned(rsa.getModulus(), 0));
            jwk.put("e", unsigned(rsa.getPublicExponent(), 0));
        } else if (key.publicKey() instanceof ECPublicKey ec) {
            jwk.put("crv", "P-256");
            jwk.put("x", unsigned(ec.getW().getAffineX(), TokenAlgorithm.ES256_FIELD_BYTES));
            jwk.put("y", unsigned(ec.getW().getAffineY(), TokenAlgorithm.ES256_FIELD_BYTES));
        }
        jwk.put("x5c", key.x5c());
        return jwk;
    }

    /** Base64url of a big-endian unsigned integer, left-padded to {@code width} bytes when width > 0 (RFC 7518 §6). */
    private static String unsigned(BigInteger value, int width) {
        byte[] bytes = value.toByteArray();
        int start = bytes[0] == 0 && bytes.length > 1 ? 1 : 0;
        int length = bytes.length - start;
        byte[] out = new byte[Math.max(width, length)];
        System.arraycopy(bytes, start, out, out.length - length, length);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    }
}
