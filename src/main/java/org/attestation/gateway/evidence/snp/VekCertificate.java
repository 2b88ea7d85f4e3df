package org.attestation.gateway.evidence.snp;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;
import org.attestation.gateway.crypto.Pem;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1String;

/**
 * A VCEK or VLEK certificate with its AMD extensions decoded (spec/snp.md §2.5, prefix
 * {@code 1.3.6.1.4.1.3704.1.}). Unknown AMD OIDs are ignored (§7.4). The kind is the subject CN
 * ({@code SEV-VCEK} or {@code SEV-VLEK}).
 *
 * @param hwId  VCEK only: the raw hwID, 64 bytes (Milan, Genoa) or 8 (Turin); a DER OCTET STRING wrapping is
 *              removed
 * @param cspId VLEK only: the cloud provider, e.g. {@code CN=cc-us-east-2.amazonaws.com}
 */
public record VekCertificate(X509Certificate certificate, SigningKey kind, int structVersion, String productName,
        int blSpl, int teeSpl, int snpSpl, int ucodeSpl, OptionalInt fmcSpl, Optional<byte[]> hwId,
        Optional<String> cspId) {

    static final String AMD_OID = "1.3.6.1.4.1.3704.1.";
    static final String STRUCT_VERSION = AMD_OID + "1";
    static final String PRODUCT_NAME = AMD_OID + "2";
    static final String BL_SPL = AMD_OID + "3.1";
    static final String TEE_SPL = AMD_OID + "3.2";
    static final String SNP_SPL = AMD_OID + "3.3";
    static final String UCODE_SPL = AMD_OID + "3.8";
    static final String FMC_SPL = AMD_OID + "3.9";
    static final String HW_ID = AMD_OID + "4";
    static final String CSP_ID = AMD_OID + "5";

    public VekCertificate {
        hwId = hwId.map(byte[]::clone);
    }

    @Override
    public Optional<byte[]> hwId() {
        return hwId.map(byte[]::clone);
    }

    /** Parses a VCEK/VLEK from DER; {@link SnpStatus#SNP_VEK_INVALID} when it is not one. */
    public static VekCertificate parse(byte[] der) {
        X509Certificate certificate;
        try {
            certificate = Pem.certificate(der);
        } catch (IllegalArgumentException e) {
            throw invalid("the VCEK/VLEK is not an X.509 certificate: " + e.getMessage(), e);
        }
        return of(certificate);
    }

    public static VekCertificate of(X509Certificate certificate) {
        String cn = AmdNames.commonName(certificate.getSubjectX500Principal());
        SigningKey kind = Arrays.stream(SigningKey.values()).filter(k -> k.commonName().equals(cn)).findFirst()
                .orElseThrow(() -> invalid("the endorsement key certificate has CN " + cn
                        + ", not SEV-VCEK or SEV-VLEK", null));
        return new VekCertificate(certificate, kind, integer(certificate, STRUCT_VERSION, "structVersion"),
                string(certificate, PRODUCT_NAME, "productName").orElseThrow(() -> missing("productName")),
                integer(certificate, BL_SPL, "blSPL"), integer(certificate, TEE_SPL, "teeSPL"),
                integer(certificate, SNP_SPL, "snpSPL"), integer(certificate, UCODE_SPL, "ucodeSPL"),
                content(certificate, FMC_SPL).map(c -> OptionalInt.of(decodeInteger(c, "fmcSPL")))
                        .orElse(OptionalInt.empty()),
                content(certificate, HW_ID).map(VekCertificate::unwrapHwId), string(certificate, CSP_ID, "csp_id"));
    }

    public byte[] der() {
        return Pem.der(certificate);
    }

    /** The SPLs as the product's TCB_VERSION (for comparing with REPORTED_TCB). */
    public TcbVersion tcb(SnpProduct product) {
        long raw = TcbVersion.compose(product, fmcSpl.orElse(0), blSpl, teeSpl, snpSpl, ucodeSpl);
        return TcbVersion.decode(raw, product);
    }

    /** §2.5: hwID is raw bytes (8 or 64); tolerate the DER OCTET STRING form trustee tests. */
    private static byte[] unwrapHwId(byte[] content) {
        if (content.length == 8 || content.length == 64) {
            return content;
        }
        try {
            if (content.length > 2 && content[0] == 0x04) {
                return ASN1OctetString.getInstance(content).getOctets();
            }
        } catch (IllegalArgumentException e) {
            // not DER either: keep the raw bytes; the length check against CHIP_ID will refuse them
        }
        return content;
    }

    private static int integer(X509Certificate certificate, String oid, String name) {
        return decodeInteger(content(certificate, oid).orElseThrow(() -> missing(name)), name);
    }

    private static int decodeInteger(byte[] content, String name) {
        try {
            return ASN1Integer.getInstance(content).intValueExact();
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw invalid("the VEK extension " + name + " is not a DER INTEGER of an int", e);
        }
    }

    private static Optional<String> string(X509Certificate certificate, String oid, String name) {
        return content(certificate, oid).map(c -> {
            try {
                if (ASN1Primitive.fromByteArray(c) instanceof ASN1String s) {
                    return s.getString();
                }
            } catch (IOException e) {
                throw invalid("the VEK extension " + name + " is not DER", e);
            }
            throw invalid("the VEK extension " + name + " is not a DER string", null);
        });
    }

    /** The extension's content: {@code getExtensionValue} answers the OCTET STRING wrapper (§2.4). */
    private static Optional<byte[]> content(X509Certificate certificate, String oid) {
        byte[] value = certificate.getExtensionValue(oid);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ASN1OctetString.getInstance(value).getOctets());
        } catch (IllegalArgumentException e) {
            throw invalid("the VEK extension " + oid + " is malformed", e);
        }
    }

    private static SnpVerificationException missing(String name) {
        return invalid("the VCEK/VLEK lacks the AMD extension " + name, null);
    }

    private static SnpVerificationException invalid(String message, Throwable cause) {
        return new SnpVerificationException(SnpStatus.SNP_VEK_INVALID, message, cause);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VekCertificate other && certificate.equals(other.certificate);
    }

    @Override
    public int hashCode() {
        return certificate.hashCode();
    }

    @Override
    public String toString() {
        return "VekCertificate[" + kind + " " + productName + " bl" + blSpl + " tee" + teeSpl + " snp" + snpSpl
                + " ucode" + ucodeSpl + fmcSpl.stream().mapToObj(f -> " fmc" + f).findFirst().orElse("") + "]";
    }
}
