package org.attestation.gateway.token;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.attestation.gateway.crypto.CryptoProviders;
import org.attestation.gateway.crypto.Pem;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Creates signing keys with self-signed certificates, and checks that a key pairs with its certificate. */
public final class SigningKeyFactory {

    /** Self-signed certificates outlive any key rotation schedule; the key, not the certificate, is rotated. */
    static final Duration CERTIFICATE_VALIDITY = Duration.ofDays(5 * 365);

    private final CryptoProviders providers;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public SigningKeyFactory(CryptoProviders providers, Clock clock) {
        this.providers = providers;
        this.clock = clock;
    }

    /** A new key for {@code algorithm}, certified by itself with {@code CN=<issuer URL>} as MAA does. */
    public SigningKey generate(TokenAlgorithm algorithm, URI issuer) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm.keyType());
            generator.initialize(algorithm.keyGenSpec(), random);
            KeyPair pair = generator.generateKeyPair();
            X509Certificate certificate = selfSign(pair, algorithm, issuer);
            return new SigningKey(kidOf(certificate), algorithm, pair.getPrivate(), List.of(certificate));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot create a " + algorithm + " signing key", e);
        }
    }

    private X509Certificate selfSign(KeyPair pair, TokenAlgorithm algorithm, URI issuer)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, issuer.toString()).build();
        Instant now = clock.instant();
        var builder = new JcaX509v3CertificateBuilder(subject, new BigInteger(127, random).add(BigInteger.ONE),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(CERTIFICATE_VALIDITY)), subject,
                pair.getPublic());
        var extensions = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        builder.addExtension(Extension.subjectKeyIdentifier, false,
                extensions.createSubjectKeyIdentifier(pair.getPublic()));
        String certificateSignature = algorithm == TokenAlgorithm.ES256 ? "SHA256withECDSA" : "SHA256withRSA";
        ContentSigner signer = new JcaContentSignerBuilder(certificateSignature)
                .setProvider(providers.signatureProvider(certificateSignature)).build(pair.getPrivate());
        X509CertificateHolder holder = builder.build(signer);
        return Pem.certificate(holder.getEncoded());
    }

    /** {@code kid}: base64url SHA-256 of the certificate (the {@code x5t#S256} thumbprint). */
    public static String kidOf(X509Certificate certificate) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(SigningKey.der(certificate)));
    }

    /**
     * Proves that the private key and the certificate belong together by signing and verifying a probe.
     * Throws {@link SigningKeyException} otherwise.
     */
    public void checkPair(SigningKey key) {
        byte[] probe = "attestation-gateway signing key check".getBytes(StandardCharsets.US_ASCII);
        try {
            Signature signer = providers.signature(key.algorithm().jcaSignature());
            key.algorithm().configure(signer);
            signer.initSign(key.privateKey());
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = providers.signature(key.algorithm().jcaSignature());
            key.algorithm().configure(verifier);
            verifier.initVerify(key.publicKey());
            verifier.update(probe);
            if (!verifier.verify(signature)) {
                throw new SigningKeyException("the private key does not belong to its certificate");
            }
        } catch (GeneralSecurityException e) {
            throw new SigningKeyException("the key cannot sign " + key.algorithm() + ": " + e.getMessage(), e);
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
