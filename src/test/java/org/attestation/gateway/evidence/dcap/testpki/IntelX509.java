package org.attestation.gateway.evidence.dcap.testpki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import org.attestation.gateway.crypto.EcdsaSignatures;
import org.attestation.gateway.crypto.Pem;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Keys, ECDSA P-256 signatures and certificates/CRLs shaped like Intel's (spec §2.7): DN
 * {@code CN, O=Intel Corporation, L=Santa Clara, ST=CA, C=US} (UTF8String, C PrintableString); extensions in
 * Intel's order AKI, CRL-DP, SKI, KeyUsage (critical), BasicConstraints (critical), then any extra one; CRLs v2
 * with CRL Number 1 and AKI, entries with reason keyCompromise.
 */
final class IntelX509 {

    static final String ROOT_CN = "Intel SGX Root CA";
    static final String TCB_SIGNING_CN = "Intel SGX TCB Signing";
    static final String PCK_CN = "Intel SGX PCK Certificate";
    /** Distribution point of the root CA CRL, written into every certificate the root issues. */
    static final String ROOT_CRL_URL = "https://certificates.trustedservices.intel.com/IntelSGXRootCA.der";

    private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
    private static final int P256_FIELD_BYTES = 32;
    private static final int SERIAL_BYTES = 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Path length of a certificate's BasicConstraints: root 1, PCK CAs 0, end entities none. */
    enum Role {
        ROOT(1), CA(0), END_ENTITY(-1);

        private final int pathLength;

        Role(int pathLength) {
            this.pathLength = pathLength;
        }
    }

    /** What goes into one certificate; {@code extra} (nullable) is appended after Intel's standard extensions. */
    record CertificateRequest(String commonName, PublicKey subjectKey, BigInteger serial, Instant notBefore,
            Instant notAfter, Role role, String crlUrl, Extension extra) {
    }

    private IntelX509() {
    }

    static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A positive 20-byte serial, as Intel's. */
    static BigInteger newSerial() {
        byte[] bytes = new byte[SERIAL_BYTES];
        RANDOM.nextBytes(bytes);
        return new BigInteger(1, bytes);
    }

    /** ECDSA-P256-SHA256 over {@code data}, as raw {@code r‖s} (64 bytes). */
    static byte[] signRaw(PrivateKey key, byte[] data) {
        try {
            Signature signature = Signature.getInstance(SIGNATURE_ALGORITHM);
            signature.initSign(key);
            signature.update(data);
            return EcdsaSignatures.derToConcatenated(signature.sign(), P256_FIELD_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public point as raw {@code x‖y} (64 bytes), the form quotes carry. */
    static byte[] rawPublicKey(PublicKey key) {
        var point = ((ECPublicKey) key).getW();
        byte[] raw = new byte[2 * P256_FIELD_BYTES];
        copyUnsigned(point.getAffineX(), raw, 0);
        copyUnsigned(point.getAffineY(), raw, P256_FIELD_BYTES);
        return raw;
    }

    static X500Name intelName(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.CN, commonName)
                .addRDN(BCStyle.O, "Intel Corporation")
                .addRDN(BCStyle.L, "Santa Clara")
                .addRDN(BCStyle.ST, "CA")
                .addRDN(BCStyle.C, "US")
                .build();
    }

    static X509Certificate selfSigned(CertificateRequest request, PrivateKey key) {
        return build(request, intelName(request.commonName()), request.subjectKey(), key);
    }

    /** Issued under {@code issuer}, signed with {@code signingKey} (normally the issuer's key). */
    static X509Certificate issue(CertificateRequest request, X509Certificate issuer, PrivateKey signingKey) {
        return build(request, X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()),
                issuer.getPublicKey(), signingKey);
    }

    /** A DER CRL of {@code issuer}, signed with {@code signingKey}, listing {@code revoked} serials. */
    static byte[] crl(X509Certificate issuer, PrivateKey signingKey, Instant thisUpdate, Instant nextUpdate,
            Collection<BigInteger> revoked) {
        try {
            var builder = new X509v2CRLBuilder(X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()),
                    Date.from(thisUpdate));
            builder.setNextUpdate(Date.from(nextUpdate));
            for (BigInteger serial : revoked) {
                builder.addCRLEntry(serial, Date.from(thisUpdate), CRLReason.keyCompromise);
            }
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.ONE));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(issuer.getPublicKey()));
            return builder.build(signer(signingKey)).getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Concatenated PEM blocks with {@code \n} line ends, as in Intel's issuer-chain headers and quotes. */
    static String pem(List<X509Certificate> certificates) {
        StringBuilder out = new StringBuilder();
        for (X509Certificate certificate : certificates) {
            try {
                out.append(Pem.encode(Pem.CERTIFICATE, certificate.getEncoded()).replace("\r\n", "\n"));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        return out.toString();
    }

    private static X509Certificate build(CertificateRequest request, X500Name issuerName, PublicKey issuerKey,
            PrivateKey signingKey) {
        try {
            var extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName, request.serial(),
                    Date.from(request.notBefore()), Date.from(request.notAfter()),
                    intelName(request.commonName()), request.subjectKey());
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    extensions.createAuthorityKeyIdentifier(issuerKey));
            builder.addExtension(Extension.cRLDistributionPoints, false, distributionPoint(request.crlUrl()));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensions.createSubjectKeyIdentifier(request.subjectKey()));
            boolean ca = request.role() != Role.END_ENTITY;
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(ca
                    ? KeyUsage.keyCertSign | KeyUsage.cRLSign
                    : KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
            builder.addExtension(Extension.basicConstraints, true,
                    ca ? new BasicConstraints(request.role().pathLength) : new BasicConstraints(false));
            if (request.extra() != null) {
                builder.addExtension(request.extra());
            }
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer(signingKey)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CRLDistPoint distributionPoint(String url) {
        var name = new DistributionPointName(new GeneralNames(
                new GeneralName(GeneralName.uniformResourceIdentifier, url)));
        return new CRLDistPoint(new DistributionPoint[] {new DistributionPoint(name, null, null)});
    }

    private static ContentSigner signer(PrivateKey key) throws GeneralSecurityException {
        try {
            return new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(key);
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static void copyUnsigned(BigInteger value, byte[] out, int offset) {
        byte[] bytes = value.toByteArray();
        int start = bytes.length > P256_FIELD_BYTES ? bytes.length - P256_FIELD_BYTES : 0;
        int length = bytes.length - start;
        System.arraycopy(bytes, start, out, offset + P256_FIELD_BYTES - length, length);
    }
}
