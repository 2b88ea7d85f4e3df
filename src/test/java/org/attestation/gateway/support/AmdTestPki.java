package org.attestation.gateway.support;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import org.attestation.gateway.crypto.Pem;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A test PKI shaped like AMD's (spec snp.md §2.4), for collateral tests that need bodies KDS would send:
 * ARK (self-signed) and ASK (RSA; 2048 bits, as only the structure matters here), VCEKs (EC P-384, serial 0)
 * signed by the ASK, and a CRL signed by the ARK. Nothing here is a real AMD certificate.
 */
public final class AmdTestPki {

    public static final Instant NOT_BEFORE = Instant.parse("2024-01-01T00:00:00Z");
    public static final Instant VCEK_NOT_AFTER = Instant.parse("2031-01-01T00:00:00Z");
    public static final Instant CA_NOT_AFTER = Instant.parse("2049-01-01T00:00:00Z");
    public static final Instant CRL_NEXT_UPDATE = Instant.parse("2030-01-01T00:00:00Z");

    private final String product;
    private final KeyPair ark = keyPair("RSA");
    private final KeyPair ask = keyPair("RSA");
    private final byte[] arkDer;
    private final byte[] askDer;

    public AmdTestPki(String product) {
        this.product = product;
        arkDer = certificate("ARK-" + product, ark.getPublic(), "ARK-" + product, ark, BigInteger.valueOf(0x10000),
                CA_NOT_AFTER, true);
        askDer = certificate("SEV-" + product, ask.getPublic(), "ARK-" + product, ark, BigInteger.valueOf(0x10001),
                CA_NOT_AFTER, true);
    }

    /** A VCEK: a fresh EC P-384 key certified by the ASK, serial 0, valid until {@link #VCEK_NOT_AFTER}. */
    public byte[] vcek() {
        return certificate("SEV-VCEK", keyPair("EC").getPublic(), "SEV-" + product, ask, BigInteger.ZERO,
                VCEK_NOT_AFTER, false);
    }

    /** A KDS cert_chain body: the ASK then the ARK, PEM. */
    public byte[] certChain() {
        return (Pem.encode(Pem.CERTIFICATE, askDer) + Pem.encode(Pem.CERTIFICATE, arkDer))
                .getBytes(StandardCharsets.US_ASCII);
    }

    public byte[] askDer() {
        return askDer.clone();
    }

    public byte[] arkDer() {
        return arkDer.clone();
    }

    /** A KDS CRL body: DER, signed by the ARK, next update {@code nextUpdate}. */
    public byte[] crl(Instant nextUpdate) {
        try {
            X509v2CRLBuilder crl = new X509v2CRLBuilder(name("ARK-" + product), Date.from(NOT_BEFORE));
            crl.setNextUpdate(Date.from(nextUpdate));
            return crl.build(signer(ark)).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public byte[] crl() {
        return crl(CRL_NEXT_UPDATE);
    }

    private static byte[] certificate(String subject, PublicKey key, String issuer, KeyPair issuerKeys,
            BigInteger serial, Instant notAfter, boolean ca) {
        try {
            var builder = new JcaX509v3CertificateBuilder(name(issuer), serial, Date.from(NOT_BEFORE),
                    Date.from(notAfter), name(subject), key);
            if (ca) {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            }
            return builder.build(signer(issuerKeys)).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ContentSigner signer(KeyPair keys) throws Exception {
        return new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate());
    }

    private static X500Name name(String commonName) {
        return new X500Name("CN=" + commonName + ", O=Advanced Micro Devices, L=Santa Clara, ST=CA, C=US, "
                + "OU=Engineering");
    }

    private static KeyPair keyPair(String algorithm) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (algorithm.equals("EC")) {
                generator.initialize(new ECGenParameterSpec("secp384r1"));
            } else {
                generator.initialize(2048);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
