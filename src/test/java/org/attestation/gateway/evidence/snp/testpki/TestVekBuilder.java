package org.attestation.gateway.evidence.snp.testpki;

import java.io.IOException;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import org.attestation.gateway.evidence.snp.SigningKey;
import org.attestation.gateway.evidence.snp.SnpProduct;
import org.attestation.gateway.evidence.snp.TcbVersion;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;

/**
 * Builds a VCEK or VLEK the way KDS issues them (spec/snp.md §2.4–2.5): CN SEV-VCEK/SEV-VLEK, serial 0, EC
 * P-384, the AMD extensions only (structVersion, productName, SPLs .3.1–.3.8, .3.9 fmcSPL and no .3.4 on
 * Turin, hwID as raw bytes or csp_id). Defaults match {@link TestReportBuilder}'s defaults; every knob
 * sabotages one property.
 */
public final class TestVekBuilder {

    private static final String AMD = "1.3.6.1.4.1.3704.1.";

    private final SnpTestPki pki;
    private final SigningKey kind;
    private SnpProduct product;
    private TcbVersion tcb;
    private byte[] chipId = TestReportBuilder.defaultChipId();
    private byte[] hwIdOverride;
    private boolean hwIdAsOctetString;
    private Integer structVersion;
    private String productName;
    private String cspId = "CN=cc-test.example";
    private Instant notBefore = SnpTestPki.NOT_BEFORE;
    private Instant notAfter = SnpTestPki.NOT_AFTER;
    private PrivateKey signer;
    private boolean omitFmc;

    TestVekBuilder(SnpTestPki pki, SigningKey kind) {
        this.pki = pki;
        this.kind = kind;
        this.product = pki.product();
        this.tcb = TestReportBuilder.defaultTcb(product);
    }

    /** The SPLs written into the certificate (the report's REPORTED_TCB by default). */
    public TestVekBuilder tcb(TcbVersion value) {
        tcb = value;
        return this;
    }

    /** The CHIP_ID this VCEK is for; the hwID is its first 8 bytes on Turin, all 64 otherwise. */
    public TestVekBuilder chipId(byte[] value) {
        chipId = value.clone();
        return this;
    }

    /** A hwID written verbatim, whatever the product. */
    public TestVekBuilder hwId(byte[] value) {
        hwIdOverride = value.clone();
        return this;
    }

    /** Wrap the hwID in a DER OCTET STRING (trustee's "new" encoding). */
    public TestVekBuilder hwIdAsOctetString() {
        hwIdAsOctetString = true;
        return this;
    }

    public TestVekBuilder structVersion(int value) {
        structVersion = value;
        return this;
    }

    public TestVekBuilder productName(String value) {
        productName = value;
        return this;
    }

    public TestVekBuilder validity(Instant from, Instant to) {
        notBefore = from;
        notAfter = to;
        return this;
    }

    /** Sign with another key than the ASK/ASVK's. */
    public TestVekBuilder signedBy(PrivateKey key) {
        signer = key;
        return this;
    }

    public TestVekBuilder withoutFmc() {
        omitFmc = true;
        return this;
    }

    public TestVek build() {
        KeyPair keys = SnpTestPki.p384();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                SnpTestPki.name(kind.issuerCommonName(product)), BigInteger.ZERO, Date.from(notBefore),
                Date.from(notAfter), SnpTestPki.name(kind.commonName()), keys.getPublic());
        try {
            integer(builder, "1", structVersion != null ? structVersion : product.vekStructVersion());
            builder.addExtension(new ASN1ObjectIdentifier(AMD + "2"), false, new DERIA5String(
                    productName != null ? productName : defaultProductName()));
            integer(builder, "3.1", tcb.blSpl());
            integer(builder, "3.2", tcb.teeSpl());
            integer(builder, "3.3", tcb.snpSpl());
            for (int reserved = product == SnpProduct.TURIN ? 5 : 4; reserved <= 7; reserved++) {
                integer(builder, "3." + reserved, 0);
            }
            integer(builder, "3.8", tcb.ucodeSpl());
            if (product == SnpProduct.TURIN && !omitFmc) {
                integer(builder, "3.9", tcb.fmcSpl().orElse(0));
            }
            if (kind == SigningKey.VCEK) {
                byte[] hwId = hwIdOverride != null ? hwIdOverride
                        : product == SnpProduct.TURIN ? Arrays.copyOf(chipId, 8) : chipId;
                byte[] content = hwIdAsOctetString ? new DEROctetString(hwId).getEncoded() : hwId;
                builder.addExtension(new Extension(new ASN1ObjectIdentifier(AMD + "4"), false,
                        new DEROctetString(content)));
            } else {
                builder.addExtension(new ASN1ObjectIdentifier(AMD + "5"), false, new DERIA5String(cspId));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        PrivateKey key = signer != null ? signer : pki.issuerKeys(kind).getPrivate();
        return new TestVek(SnpTestPki.convert(builder.build(SnpTestPki.pssSigner(key))), keys, kind);
    }

    private String defaultProductName() {
        return product == SnpProduct.MILAN && kind == SigningKey.VCEK ? "Milan-B0" : product.kdsName();
    }

    private static void integer(JcaX509v3CertificateBuilder builder, String suffix, int value) throws IOException {
        builder.addExtension(new ASN1ObjectIdentifier(AMD + suffix), false, new ASN1Integer(value));
    }
}
