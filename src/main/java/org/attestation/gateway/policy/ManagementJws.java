package org.attestation.gateway.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.attestation.gateway.crypto.CryptoProviders;
import org.attestation.gateway.crypto.EcdsaSignatures;
import org.attestation.gateway.crypto.Pem;

/**
 * A JWS as MAA's management calls carry it (policy set and reset, certificate add and remove): the compact
 * serialization, sent raw or as a JSON string literal (maa-api.md §0 items 5–7). Unsigned ({@code alg: none},
 * empty signature) or signed with RS256, PS256 or ES256 by the certificate in {@code x5c[0]}; the signature
 * is verified over the exact signing input received.
 *
 * @param compact the JWS exactly as received (quotes removed): what {@code x-ms-policy-token-hash} hashes
 * @param payload the decoded payload JSON (empty for a reset)
 * @param signer  the certificate that signed it, for signed bodies
 */
public record ManagementJws(String compact, Optional<JsonNode> payload, Optional<X509Certificate> signer) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Decoder B64URL = Base64.getUrlDecoder();

    /** Parses and, when signed, verifies a body. Throws {@link InvalidPolicyJwsException}. */
    public static ManagementJws parse(String body, CryptoProviders providers) {
        if (body == null) {
            throw new InvalidPolicyJwsException("the body is empty; it must be a compact JWS");
        }
        String compact = body.strip();
        if (compact.startsWith("\"")) {
            try {
                compact = JSON.readValue(compact, String.class).strip();
            } catch (Exception e) {
                throw new InvalidPolicyJwsException("the body is a JSON string that does not parse");
            }
        }
        String[] parts = compact.split("\\.", -1);
        if (parts.length != 3) {
            throw new InvalidPolicyJwsException("the body is not a compact JWS (header.payload.signature)");
        }
        JsonNode header = json(parts[0], "header");
        String alg = header.path("alg").asText("");
        Optional<JsonNode> payload = parts[1].isEmpty() ? Optional.empty() : Optional.of(json(parts[1], "payload"));
        if (alg.equals("none")) {
            if (!parts[2].isEmpty()) {
                throw new InvalidPolicyJwsException("an unsecured JWS (alg none) has an empty signature");
            }
            return new ManagementJws(compact, payload, Optional.empty());
        }
        X509Certificate signer = signer(header);
        byte[] signature = decode(parts[2], "signature");
        if (!verified(alg, signer, (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII), signature, providers)) {
            throw new InvalidPolicyJwsException("the JWS signature does not verify with the certificate in its x5c header");
        }
        return new ManagementJws(compact, payload, Optional.of(signer));
    }

    /** {@code x-ms-policy-token-hash}: base64url(SHA-256(the JWS text received)). */
    public String tokenHash() {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(compact.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** MAA's certificate thumbprint: upper-case hex SHA-1 of the DER. */
    public static String thumbprint(X509Certificate certificate) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate signer(JsonNode header) {
        JsonNode x5c = header.path("x5c");
        if (!x5c.isArray() || x5c.isEmpty() || !x5c.get(0).isTextual()) {
            throw new InvalidPolicyJwsException("a signed JWS carries its signing certificate in x5c");
        }
        try {
            return Pem.certificate(Base64.getDecoder().decode(x5c.get(0).asText()));
        } catch (IllegalArgumentException e) {
            throw new InvalidPolicyJwsException("x5c[0] is not a base64 DER certificate");
        }
    }

    private static boolean verified(String alg, X509Certificate signer, byte[] input, byte[] signature,
            CryptoProviders providers) {
        try {
            Signature verifier = switch (alg) {
                case "RS256" -> providers.signature("SHA256withRSA");
                case "PS256" -> {
                    Signature pss = providers.signature("RSASSA-PSS");
                    pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
                    yield pss;
                }
                case "ES256" -> providers.signature("SHA256withECDSA");
                default -> throw new InvalidPolicyJwsException("unsupported JWS algorithm '" + alg
                        + "' (none, RS256, PS256 and ES256 are accepted)");
            };
            verifier.initVerify(signer.getPublicKey());
            verifier.update(input);
            return verifier.verify(alg.equals("ES256") ? EcdsaSignatures.concatenatedToDer(signature) : signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static JsonNode json(String part, String what) {
        try {
            return JSON.readTree(decode(part, what));
        } catch (InvalidPolicyJwsException e) {
            throw e;
        } catch (Exception e) {
            throw new InvalidPolicyJwsException("the JWS " + what + " is not JSON");
        }
    }

    private static byte[] decode(String part, String what) {
        try {
            return B64URL.decode(part);
        } catch (IllegalArgumentException e) {
            throw new InvalidPolicyJwsException("the JWS " + what + " is not base64url");
        }
    }
}
