package org.attestation.gateway.token;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.json.jackson.VertxModule;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.attestation.gateway.crypto.CryptoProviders;
import org.attestation.gateway.crypto.EcdsaSignatures;

/**
 * Issues MAA-shaped JWTs: header {@code alg}, {@code jku}, {@code kid}, {@code typ}, and {@code x5c}
 * (or {@code x5t} when a policy sets {@code omit_x5c}); body claims plus {@code jti}, {@code iss},
 * {@code iat}, {@code nbf} and {@code exp} as whole seconds. Thread-safe; signing is CPU work, so callers
 * run it on a worker thread.
 */
public final class TokenIssuer {

    /** MAA caps {@code report_validity_in_minutes} at one year. */
    public static final Duration MAX_LIFETIME = Duration.ofDays(365);
    /** Claims only the issuer sets; a caller's values for them are ignored. */
    static final Set<String> REGISTERED = Set.of("jti", "iss", "iat", "nbf", "exp");

    /** Vert.x's module: claims may carry JsonObject and JsonArray values (JSON runtime data). */
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new VertxModule());
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final CryptoProviders providers;
    private final Clock clock;
    private final Duration defaultLifetime;
    private final SecureRandom random = new SecureRandom();

    public TokenIssuer(CryptoProviders providers, Clock clock, Duration defaultLifetime) {
        this.providers = providers;
        this.clock = clock;
        this.defaultLifetime = defaultLifetime;
    }

    /** Signs {@code request} with {@code key}; {@code issuer} is the tenant's public URL. */
    public SignedToken issue(TokenRequest request, SigningKey key, URI issuer) {
        if (request.unsecured()) {
            return unsecured(request, issuer);
        }
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", key.algorithm().name());
        header.put("jku", issuer + "/certs");
        header.put("kid", key.kid());
        header.put("typ", "JWT");
        switch (request.certificateHeader()) {
            case X5T -> header.put("x5t", B64URL.encodeToString(sha1(key.chainDer().get(0))));
            case X5C -> header.put("x5c", key.x5c());
            case NONE -> {
            }
        }
        String signingInput = encode(header) + "." + encode(body(request, issuer));
        return new SignedToken(signingInput + "." + B64URL.encodeToString(sign(key, signingInput)));
    }

    /** {@code alg: none} with an empty signature, as MAA returns for a draft policy. */
    public SignedToken unsecured(TokenRequest request, URI issuer) {
        return new SignedToken(encode(Map.of("alg", "none")) + "." + encode(body(request, issuer)) + ".");
    }

    private Map<String, Object> body(TokenRequest request, URI issuer) {
        long now = clock.instant().getEpochSecond();
        Duration lifetime = request.lifetime().orElse(defaultLifetime);
        if (lifetime.compareTo(MAX_LIFETIME) > 0) {
            lifetime = MAX_LIFETIME;
        }
        byte[] jti = new byte[32];
        random.nextBytes(jti);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jti", HexFormat.of().formatHex(jti));
        body.put("iss", issuer.toString());
        body.put("iat", now);
        body.put("nbf", now);
        body.put("exp", now + lifetime.toSeconds());
        request.claims().forEach((name, value) -> {
            if (!REGISTERED.contains(name)) {
                body.put(name, value);
            }
        });
        return body;
    }

    private byte[] sign(SigningKey key, String signingInput) {
        TokenAlgorithm algorithm = key.algorithm();
        try {
            Signature signature = providers.signature(algorithm.jcaSignature());
            algorithm.configure(signature);
            signature.initSign(key.privateKey());
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            byte[] value = signature.sign();
            return algorithm == TokenAlgorithm.ES256
                    ? EcdsaSignatures.derToConcatenated(value, TokenAlgorithm.ES256_FIELD_BYTES)
                    : value;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing with " + algorithm + " failed", e);
        }
    }

    private static String encode(Map<String, Object> json) {
        try {
            return B64URL.encodeToString(JSON.writeValueAsBytes(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("claims that are not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static byte[] sha1(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
