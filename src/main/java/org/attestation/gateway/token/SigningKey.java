package org.attestation.gateway.token;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * A token signing key: the private key, its certificate chain (leaf first; self-signed for keys the
 * gateway makes), the algorithm it signs with, and its {@code kid}. {@link #toString()} never shows the key.
 */
public final class SigningKey {

    private final String kid;
    private final TokenAlgorithm algorithm;
    private final PrivateKey privateKey;
    private final List<X509Certificate> chain;

    public SigningKey(String kid, TokenAlgorithm algorithm, PrivateKey privateKey, List<X509Certificate> chain) {
        this.kid = Objects.requireNonNull(kid, "kid");
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
        this.chain = List.copyOf(chain);
        if (this.chain.isEmpty()) {
            throw new IllegalArgumentException("a signing key needs its certificate");
        }
        if (!algorithm.keyType().equals(privateKey.getAlgorithm())) {
            throw new IllegalArgumentException(
                    algorithm + " needs an " + algorithm.keyType() + " key, not " + privateKey.getAlgorithm());
        }
    }

    public String kid() {
        return kid;
    }

    public TokenAlgorithm algorithm() {
        return algorithm;
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    public X509Certificate certificate() {
        return chain.get(0);
    }

    public List<X509Certificate> chain() {
        return chain;
    }

    public PublicKey publicKey() {
        return certificate().getPublicKey();
    }

    /** DER of each certificate, leaf first, as {@code x5c} carries them. */
    public List<byte[]> chainDer() {
        return chain.stream().map(SigningKey::der).toList();
    }

    /** The chain as {@code x5c} (RFC 7515 §4.1.6): standard base64 DER, leaf first. */
    public List<String> x5c() {
        return chain.stream().map(c -> Base64.getEncoder().encodeToString(der(c))).toList();
    }

    static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "SigningKey[kid=" + kid + ", alg=" + algorithm + ", subject="
                + certificate().getSubjectX500Principal().getName() + "]";
    }
}
