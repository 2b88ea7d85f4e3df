package org.attestation.gateway.evidence.snp.testpki;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.stream.Collectors;
import org.attestation.gateway.crypto.CryptoProviders;
import org.attestation.gateway.crypto.Pem;
import org.attestation.gateway.evidence.snp.AmdRoots;
import org.attestation.gateway.evidence.snp.SigningKey;
import org.attestation.gateway.evidence.snp.SnpEndorsements;
import org.attestation.gateway.evidence.snp.SnpProduct;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A test AMD PKI for one product, built like AMD's (spec/snp.md §2.4): a self-signed {@code ARK-<P>}, an
 * {@code SEV-<P>} ASK and an {@code SEV-VLEK-<P>} ASVK under it, all RSA (2048 bits, for speed) signed with
 * RSASSA-PSS SHA-384, MGF1 SHA-384, salt 48; VCEKs and VLEKs (EC P-384, serial 0, AMD extensions) from
 * {@link #vek}; CRLs signed by the ARK from {@link #crl}. Keys are generated once per product per JVM.
 */
public final class SnpTestPki {

    public static final String PSS = "SHA384WITHRSAANDMGF1";
    static final Instant NOT_BEFORE = Instant.parse("2020-01-01T00:00:00Z");
    /** The end of every default validity period: of the CAs, of VCEKs/VLEKs, and {@link #kdsCrl}'s next update. */
    public static final Instant NOT_AFTER = Instant.parse("2045-01-01T00:00:00Z");
    /** An instant inside every default validity period. */
    public static final Instant AT = Instant.parse("2026-06-01T00:00:00Z");

    private static final java.util.Map<SnpProduct, SnpTestPki> SHARED = new java.util.concurrent.ConcurrentHashMap<>();

    private final SnpProduct product;
    private final KeyPair arkKeys;
    private final KeyPair askKeys;
    private final KeyPair asvkKeys;
    private final X509Certificate ark;
    private final X509Certificate ask;
    private final X509Certificate asvk;
    private byte[] kdsCrl;

    private SnpTestPki(SnpProduct product, KeyPair arkKeys, KeyPair askKeys, KeyPair asvkKeys,
            boolean askSignedByArk, X509Certificate existingArk) {
        this.product = product;
        this.arkKeys = arkKeys;
        this.askKeys = askKeys;
        this.asvkKeys = asvkKeys;
        this.ark = existingArk != null ? existingArk : ca("ARK-" + product.kdsName(), "ARK-" + product.kdsName(), arkKeys, arkKeys.getPrivate(),
                BigInteger.valueOf(0x10000), -1);
        // sabotage: an ASK named as if the ARK issued it, but signed by its own key
        PrivateKey askSigner = askSignedByArk ? arkKeys.getPrivate() : askKeys.getPrivate();
        this.ask = ca(SigningKey.VCEK.issuerCommonName(product), "ARK-" + product.kdsName(), askKeys, askSigner,
                BigInteger.valueOf(0x10001), 0);
        this.asvk = ca(SigningKey.VLEK.issuerCommonName(product), "ARK-" + product.kdsName(), asvkKeys,
                arkKeys.getPrivate(), BigInteger.valueOf(0x10101), 0);
    }

    /** The PKI of a product, shared across tests (key generation is the slow part). */
    public static SnpTestPki of(SnpProduct product) {
        CryptoProviders.install();
        return SHARED.computeIfAbsent(product, p -> create(p, true));
    }

    /** A fresh, unrelated PKI with the same names: an ARK nobody pinned. */
    public static SnpTestPki fresh(SnpProduct product) {
        CryptoProviders.install();
        return create(product, true);
    }

    /** This PKI's ARK with an ASK that carries the right names but is not signed by the ARK. */
    public SnpTestPki withAskNotSignedByArk() {
        return new SnpTestPki(product, arkKeys, askKeys, asvkKeys, false, ark);
    }

    private static SnpTestPki create(SnpProduct product, boolean askSignedByArk) {
        return new SnpTestPki(product, rsa(), rsa(), rsa(), askSignedByArk, null);
    }

    public SnpProduct product() {
        return product;
    }

    public X509Certificate ark() {
        return ark;
    }

    /** The ARK's private key, to sign CRLs with other update times, or to sign as another PKI's ARK. */
    public PrivateKey arkKey() {
        return arkKeys.getPrivate();
    }

    public X509Certificate ask() {
        return ask;
    }

    public X509Certificate asvk() {
        return asvk;
    }

    /** Roots pinning only this PKI's ARK, as GATEWAY_TRUST_AMD_ROOTS would. */
    public AmdRoots roots() {
        return AmdRoots.of(List.of(ark));
    }

    /** ASK (VCEK) or ASVK (VLEK), then ARK, as DER: KDS {@code cert_chain} order. */
    public List<byte[]> chain(SigningKey kind) {
        return List.of(Pem.der(kind == SigningKey.VCEK ? ask : asvk), Pem.der(ark));
    }

    /** A KDS {@code cert_chain} body: ASK (VCEK) or ASVK (VLEK), then ARK, as PEM. */
    public String certChainPem(SigningKey kind) {
        return chain(kind).stream().map(der -> Pem.encode(Pem.CERTIFICATE, der)).collect(Collectors.joining());
    }

    /** A VCEK/VLEK builder issued by this PKI's ASK/ASVK. */
    public TestVekBuilder vek(SigningKey kind) {
        return new TestVekBuilder(this, kind);
    }

    /** Endorsements: the VEK and this PKI's chain for its kind. */
    public SnpEndorsements endorsements(TestVek vek) {
        return SnpEndorsements.of(Pem.der(vek.certificate()), chain(vek.kind()));
    }

    KeyPair issuerKeys(SigningKey kind) {
        return kind == SigningKey.VCEK ? askKeys : asvkKeys;
    }

    X509Certificate issuer(SigningKey kind) {
        return kind == SigningKey.VCEK ? ask : asvk;
    }

    /** A CRL issued and signed by the ARK (next update a month after {@link #AT}), revoking {@code serials}. */
    public byte[] crl(BigInteger... serials) {
        return crl(AT.minus(1, ChronoUnit.DAYS), AT.plus(30, ChronoUnit.DAYS), arkKeys.getPrivate(), serials);
    }

    /**
     * A KDS {@code crl} body: the ARK's CRL, revoking nothing, next update {@link #NOT_AFTER}; the same bytes on
     * every call (PSS signatures are randomised), as a cache would hold them.
     */
    public synchronized byte[] kdsCrl() {
        if (kdsCrl == null) {
            kdsCrl = crl(NOT_BEFORE, NOT_AFTER, arkKeys.getPrivate());
        }
        return kdsCrl.clone();
    }

    /** A CRL with chosen update times and signing key (sabotage: another key than the ARK's). */
    public byte[] crl(Instant thisUpdate, Instant nextUpdate, PrivateKey signer, BigInteger... serials) {
        X509v2CRLBuilder builder = new X509v2CRLBuilder(name("ARK-" + product.kdsName()), Date.from(thisUpdate));
        builder.setNextUpdate(Date.from(nextUpdate));
        for (BigInteger serial : serials) {
            builder.addCRLEntry(serial, Date.from(thisUpdate), 0);
        }
        try {
            X509CRL crl = new JcaX509CRLConverter().getCRL(builder.build(pssSigner(signer)));
            return crl.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** AMD's DN shape (§2.4) with the given CN. */
    static X500Name name(String cn) {
        return new X500Name("CN=" + cn + ", O=Advanced Micro Devices, ST=CA, L=Santa Clara, C=US, OU=Engineering");
    }

    static ContentSigner pssSigner(PrivateKey key) {
        try {
            return new JcaContentSignerBuilder(PSS).build(key);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    static X509Certificate convert(X509CertificateHolder holder) {
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate ca(String cn, String issuerCn, KeyPair subject, PrivateKey signer,
            BigInteger serial, int pathLength) {
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name(issuerCn), serial,
                    Date.from(NOT_BEFORE), Date.from(NOT_AFTER), name(cn), subject.getPublic());
            builder.addExtension(Extension.basicConstraints, true,
                    pathLength < 0 ? new BasicConstraints(true) : new BasicConstraints(pathLength));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            return convert(builder.build(pssSigner(signer)));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair p384() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp384r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
