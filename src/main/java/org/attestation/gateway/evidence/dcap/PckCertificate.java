package org.attestation.gateway.evidence.dcap;

import java.io.IOException;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Boolean;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;

/**
 * A PCK certificate and Intel's SGX extension (OID 1.2.840.113741.1.13.1): the platform's TCB (16 SGX
 * component SVNs and PCESVN), its FMSPC and PCE-ID, and for platform-CA certificates the platform
 * instance and configuration.
 */
public record PckCertificate(X509Certificate certificate, byte[] ppid, int[] sgxComponentSvns, int pceSvn,
        byte[] cpuSvn, byte[] pceId, byte[] fmspc, int sgxType, Optional<byte[]> platformInstanceId,
        Optional<Configuration> configuration) {

    static final String SGX_EXTENSION = "1.2.840.113741.1.13.1";
    static final String PPID = SGX_EXTENSION + ".1";
    static final String TCB = SGX_EXTENSION + ".2";
    static final String PCESVN = TCB + ".17";
    static final String CPUSVN = TCB + ".18";
    static final String PCE_ID = SGX_EXTENSION + ".3";
    static final String FMSPC = SGX_EXTENSION + ".4";
    static final String SGX_TYPE = SGX_EXTENSION + ".5";
    static final String PLATFORM_INSTANCE_ID = SGX_EXTENSION + ".6";
    static final String CONFIGURATION = SGX_EXTENSION + ".7";

    /** The platform configuration of a platform-CA PCK certificate (.7). */
    public record Configuration(boolean dynamicPlatform, boolean cachedKeys, boolean smtEnabled) {
    }

    public PckCertificate {
        ppid = ppid.clone();
        sgxComponentSvns = sgxComponentSvns.clone();
        cpuSvn = cpuSvn.clone();
        pceId = pceId.clone();
        fmspc = fmspc.clone();
        platformInstanceId = platformInstanceId.map(byte[]::clone);
    }

    /**
     * Reads the SGX extension. QVL: exactly 5 entries (processor CA) or 7 (platform CA); PPID, TCB with
     * all 18 entries, PCE-ID, FMSPC and SGX type must be present.
     */
    public static PckCertificate of(X509Certificate certificate) {
        byte[] extension = certificate.getExtensionValue(SGX_EXTENSION);
        if (extension == null) {
            throw invalid("the PCK certificate has no SGX extension");
        }
        try {
            ASN1Sequence entries = ASN1Sequence.getInstance(
                    ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(extension).getOctets()));
            if (entries.size() != 5 && entries.size() != 7) {
                throw invalid("the SGX extension has " + entries.size() + " entries, not 5 or 7");
            }
            Map<String, ASN1Encodable> byOid = entriesByOid(entries);
            ASN1Sequence tcbEntries = ASN1Sequence.getInstance(required(byOid, TCB));
            if (tcbEntries.size() != 18) {
                throw invalid("the SGX TCB extension has " + tcbEntries.size() + " entries, not 18");
            }
            Map<String, ASN1Encodable> tcb = entriesByOid(tcbEntries);
            int[] components = new int[16];
            for (int i = 0; i < 16; i++) {
                components[i] = boundedInt(required(tcb, TCB + "." + (i + 1)), 255);
            }
            Optional<Configuration> configuration = Optional.ofNullable(byOid.get(CONFIGURATION))
                    .map(PckCertificate::configuration);
            return new PckCertificate(certificate,
                    octets(required(byOid, PPID), 16),
                    components,
                    boundedInt(required(tcb, PCESVN), 65535),
                    octets(required(tcb, CPUSVN), 16),
                    octets(required(byOid, PCE_ID), 2),
                    octets(required(byOid, FMSPC), 6),
                    ASN1Enumerated.getInstance(required(byOid, SGX_TYPE)).intValueExact(),
                    Optional.ofNullable(byOid.get(PLATFORM_INSTANCE_ID)).map(value -> octets(value, 16)),
                    configuration);
        } catch (IOException | IllegalArgumentException | ArithmeticException | ClassCastException e) {
            if (e instanceof DcapVerificationException d) {
                throw d;
            }
            throw new DcapVerificationException(QvlStatus.INVALID_PCK_CERT,
                    "the SGX extension of the PCK certificate is malformed: " + e.getMessage(), e);
        }
    }

    private static Map<String, ASN1Encodable> entriesByOid(ASN1Sequence entries) {
        Map<String, ASN1Encodable> byOid = new HashMap<>();
        for (ASN1Encodable entry : entries) {
            ASN1Sequence pair = ASN1Sequence.getInstance(entry);
            if (pair.size() != 2) {
                throw invalid("an SGX extension entry is not an (OID, value) pair");
            }
            String oid = ASN1ObjectIdentifier.getInstance(pair.getObjectAt(0)).getId();
            if (byOid.put(oid, pair.getObjectAt(1)) != null) {
                throw invalid("the SGX extension repeats " + oid);
            }
        }
        return byOid;
    }

    private static ASN1Encodable required(Map<String, ASN1Encodable> entries, String oid) {
        ASN1Encodable value = entries.get(oid);
        if (value == null) {
            throw invalid("the SGX extension lacks " + oid);
        }
        return value;
    }

    private static int boundedInt(ASN1Encodable value, int max) {
        BigInteger number = ASN1Integer.getInstance(value).getValue();
        if (number.signum() < 0 || number.compareTo(BigInteger.valueOf(max)) > 0) {
            throw invalid("an SGX extension SVN is out of range: " + number);
        }
        return number.intValue();
    }

    private static byte[] octets(ASN1Encodable value, int length) {
        byte[] octets = ASN1OctetString.getInstance(value).getOctets();
        if (octets.length != length) {
            throw invalid("an SGX extension value has " + octets.length + " bytes, not " + length);
        }
        return octets;
    }

    private static Configuration configuration(ASN1Encodable value) {
        Map<String, ASN1Encodable> entries = entriesByOid(ASN1Sequence.getInstance(value));
        return new Configuration(flag(entries, CONFIGURATION + ".1"), flag(entries, CONFIGURATION + ".2"),
                flag(entries, CONFIGURATION + ".3"));
    }

    private static boolean flag(Map<String, ASN1Encodable> entries, String oid) {
        ASN1Encodable value = entries.get(oid);
        return value != null && ASN1Boolean.getInstance(value).isTrue();
    }

    private static DcapVerificationException invalid(String message) {
        return new DcapVerificationException(QvlStatus.INVALID_PCK_CERT, message);
    }

    @Override
    public byte[] ppid() {
        return ppid.clone();
    }

    @Override
    public int[] sgxComponentSvns() {
        return sgxComponentSvns.clone();
    }

    @Override
    public byte[] cpuSvn() {
        return cpuSvn.clone();
    }

    @Override
    public byte[] pceId() {
        return pceId.clone();
    }

    @Override
    public byte[] fmspc() {
        return fmspc.clone();
    }

    @Override
    public Optional<byte[]> platformInstanceId() {
        return platformInstanceId.map(byte[]::clone);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PckCertificate other && certificate.equals(other.certificate);
    }

    @Override
    public int hashCode() {
        return certificate.hashCode();
    }

    @Override
    public String toString() {
        return "PckCertificate[fmspc=" + java.util.HexFormat.of().formatHex(fmspc) + ", tcb="
                + Arrays.toString(sgxComponentSvns) + "/" + pceSvn + "]";
    }
}
