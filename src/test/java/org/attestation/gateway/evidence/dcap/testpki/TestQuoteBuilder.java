package org.attestation.gateway.evidence.dcap.testpki;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a raw SGX or TDX DCAP quote exactly as spec/dcap.md §1 lays it out, signed by a {@link DcapTestPki}:
 * a PCK certificate is issued for the quote (carrying the SGX extension of §2.7), the QE report is signed with the
 * PCK key and binds the attestation key (report data = SHA-256(key x‖y ‖ QE auth data) ‖ 32 zero bytes), and the
 * quote is signed with the PKI's attestation key over header ‖ body (v5: header ‖ body type ‖ body size ‖ body).
 * The certification data is type 5: PEM leaf ‖ PEM intermediate ‖ PEM root ‖ one NUL byte, as Intel's QE writes it
 * (v4/v5 wrap it in type-6 QE-report certification data).
 *
 * <p>Defaults ({@link DcapTestDefaults}): SGX, version 3 (TDX: 4); Processor CA for SGX, Platform CA for TDX;
 * FMSPC {@code 00906ED50000}, PCE-ID {@code 0000}, PCK component SVNs {@code 3,3,2,2,4,1,0,5,0…}, PCESVN 13,
 * CPUSVN = the component SVNs as bytes, SGX type 0 (Processor) / 1 (Platform), random PCK serial, PCK notAfter =
 * the PKI's; enclave attributes {@code 05 00… 03 00…}, fixed MRENCLAVE/MRSIGNER, ISV fields 0; TD
 * {@code tee_tcb_svn 06 01 03 00…} (module TDX_01 ISVSVN 6), SEPT_VE_DISABLE set, zero MRSIGNERSEAM and
 * SEAMATTRIBUTES, {@code tee_tcb_svn2 = tee_tcb_svn}; report data zero; QE ISVSVN 8, QE prod ID 1 (SGX) / 2 (TDX),
 * QE MRSIGNER Intel's SGX QE / TD QE signer, QE attributes {@code 11 00…}, QE auth data 0..31. The header carries
 * qe_svn/pce_svn in v3 and zeros (reserved) in v4/v5. Such a quote verifies as {@code UpToDate} against
 * {@link TestCollateralBuilder} defaults of the same PKI and TEE.
 */
public final class TestQuoteBuilder {

    // Header, spec §1.1
    private static final int HEADER_SIZE = 48;
    private static final int HEADER_VERSION = 0;
    private static final int HEADER_ATT_KEY_TYPE = 2;
    private static final int HEADER_TEE_TYPE = 4;
    private static final int HEADER_QE_SVN = 8;
    private static final int HEADER_PCE_SVN = 10;
    private static final int HEADER_QE_VENDOR_ID = 12;
    private static final int HEADER_USER_DATA = 28;
    private static final int USER_DATA_SIZE = 20;
    private static final int ATT_KEY_TYPE_ECDSA_P256 = 2;
    private static final byte[] INTEL_QE_VENDOR_ID = Hex.parse("939A7233F79C4CA9940A0DB3957F0607");
    // v5 body descriptor, spec §1.2
    private static final int BODY_TYPE_SGX = 1;
    private static final int BODY_TYPE_TD10 = 2;
    private static final int BODY_TYPE_TD15 = 3;
    // Signature data, spec §1.5
    private static final int SHA256_SIZE = 32;
    private static final int DEFAULT_QE_AUTH_DATA_SIZE = 32;
    private static final int CERT_TYPE_PCK_CHAIN = 5;
    private static final int CERT_TYPE_QE_REPORT = 6;
    private static final int STANDARD_CHAIN_LENGTH = 3;
    private static final int MAX_CHAIN_LENGTH = 4;

    private final DcapTestPki pki;
    private final SgxReportLayout enclave = new SgxReportLayout(Hex.parse(DcapTestDefaults.ENCLAVE_ATTRIBUTES),
            Hex.parse(DcapTestDefaults.MR_ENCLAVE), Hex.parse(DcapTestDefaults.MR_SIGNER));
    private final SgxReportLayout qe = new SgxReportLayout(Hex.parse(DcapTestDefaults.QE_ATTRIBUTES),
            Hex.parse(DcapTestDefaults.QE_MR_ENCLAVE), null);
    private final TdReportLayout td = new TdReportLayout();

    private TeeType tee = TeeType.SGX;
    private Integer version;
    private boolean tdx15;
    private byte[] userData = Hex.parse(DcapTestDefaults.USER_DATA);
    private KeyPair attestationKey;
    private byte[] qeAuthData = new byte[DEFAULT_QE_AUTH_DATA_SIZE];

    private CaType pckCa;
    private byte[] ppid = Hex.parse(DcapTestDefaults.PPID);
    private byte[] fmspc = Hex.parse(DcapTestDefaults.FMSPC);
    private byte[] pceId = Hex.parse(DcapTestDefaults.PCE_ID);
    private int[] pckComponentSvns = DcapTestDefaults.pckComponentSvns();
    private int pcesvn = DcapTestDefaults.PCESVN;
    private byte[] pckCpuSvn = DcapTestDefaults.cpuSvn();
    private Integer sgxType;
    private byte[] platformInstanceId = Hex.parse(DcapTestDefaults.PLATFORM_INSTANCE_ID);
    private boolean dynamicPlatform = true;
    private boolean cachedKeys = true;
    private boolean smtEnabled = true;
    private BigInteger pckSerial;
    private Instant pckNotAfter;

    private byte[] qeMrSigner;
    private Integer qeIsvProdId;

    private int trailingBytes;
    private boolean corruptQuoteSignature;
    private boolean corruptQeReportSignature;
    private boolean wrongQeReportData;
    private boolean pckSignedByForeignCa;
    private int certDataSizeDelta;
    private int certChainCount = STANDARD_CHAIN_LENGTH;

    private X509Certificate lastPckCertificate;

    TestQuoteBuilder(DcapTestPki pki) {
        this.pki = pki;
        this.attestationKey = pki.attestationKey();
        qe.isvSvn = DcapTestDefaults.QE_ISVSVN;
        for (int i = 0; i < qeAuthData.length; i++) {
            qeAuthData[i] = (byte) i;
        }
    }

    // ---- TEE, version, body

    /** An SGX quote (the default): tee_type 0, SGX report body; v5 body type 1. */
    public TestQuoteBuilder sgx() {
        tee = TeeType.SGX;
        tdx15 = false;
        return this;
    }

    /** A TDX quote: tee_type 0x81, TD report 1.0 body; v5 body type 2. */
    public TestQuoteBuilder tdx() {
        tee = TeeType.TDX;
        return this;
    }

    /** Quote version 3, 4 or 5 (default 3 for SGX, 4 for TDX; TDX needs 4 or 5). */
    public TestQuoteBuilder version(int quoteVersion) {
        if (quoteVersion < 3 || quoteVersion > 5) {
            throw new IllegalArgumentException("quote version must be 3, 4 or 5");
        }
        version = quoteVersion;
        return this;
    }

    /** A TDX v5 quote with body type 3: the 648-byte TD report 1.5 (tee_tcb_svn2, mrservicetd). */
    public TestQuoteBuilder tdReport15() {
        tee = TeeType.TDX;
        version = 5;
        tdx15 = true;
        return this;
    }

    /** Header user_data (20 bytes). */
    public TestQuoteBuilder userData(byte[] value) {
        userData = Hex.sized(value, USER_DATA_SIZE, "user data");
        return this;
    }

    /** Report data of the SGX enclave or TD report (64 bytes). */
    public TestQuoteBuilder reportData(byte[] value) {
        enclave.reportData = Hex.sized(value, SgxReportLayout.REPORT_DATA_SIZE, "report data");
        td.reportData = enclave.reportData.clone();
        return this;
    }

    /** CPUSVN of the SGX enclave report and of the QE report (16 bytes); not used for TCB matching. */
    public TestQuoteBuilder cpuSvn(byte[] value) {
        enclave.cpuSvn = Hex.sized(value, SgxReportLayout.CPUSVN_SIZE, "cpusvn");
        qe.cpuSvn = enclave.cpuSvn.clone();
        return this;
    }

    /** Sets the debug bit: SGX attributes flags bit 1, TD attributes bit 0. Call after attributes()/tdAttributes(). */
    public TestQuoteBuilder debug() {
        enclave.attributes[0] |= SgxReportLayout.FLAG_DEBUG;
        td.tdAttributes[0] |= TdReportLayout.ATTRIBUTE_DEBUG;
        return this;
    }

    // ---- SGX enclave report

    public TestQuoteBuilder mrEnclave(byte[] value) {
        enclave.mrEnclave = Hex.sized(value, SgxReportLayout.MEASUREMENT_SIZE, "mrenclave");
        return this;
    }

    public TestQuoteBuilder mrSigner(byte[] value) {
        enclave.mrSigner = Hex.sized(value, SgxReportLayout.MEASUREMENT_SIZE, "mrsigner");
        return this;
    }

    public TestQuoteBuilder isvProdId(int value) {
        enclave.isvProdId = value;
        return this;
    }

    public TestQuoteBuilder isvSvn(int value) {
        enclave.isvSvn = value;
        return this;
    }

    /** Enclave attributes: flags (u64 LE) ‖ xfrm (u64 LE), 16 bytes. */
    public TestQuoteBuilder attributes(byte[] value) {
        enclave.attributes = Hex.sized(value, SgxReportLayout.ATTRIBUTES_SIZE, "attributes");
        return this;
    }

    public TestQuoteBuilder miscSelect(int value) {
        enclave.miscSelect = value;
        return this;
    }

    public TestQuoteBuilder configId(byte[] value) {
        enclave.configId = Hex.sized(value, SgxReportLayout.CONFIG_ID_SIZE, "configid");
        return this;
    }

    public TestQuoteBuilder configSvn(int value) {
        enclave.configSvn = value;
        return this;
    }

    public TestQuoteBuilder isvExtProdId(byte[] value) {
        enclave.isvExtProdId = Hex.sized(value, SgxReportLayout.ID_SIZE, "isvextprodid");
        return this;
    }

    public TestQuoteBuilder isvFamilyId(byte[] value) {
        enclave.isvFamilyId = Hex.sized(value, SgxReportLayout.ID_SIZE, "isvfamilyid");
        return this;
    }

    // ---- TD report

    /** [0] module ISVSVN, [1] module major version (> 0 selects identity {@code TDX_%02X}), [2] late microcode. */
    public TestQuoteBuilder teeTcbSvn(byte[] value) {
        td.teeTcbSvn = Hex.sized(value, TdReportLayout.SVN_SIZE, "tee_tcb_svn");
        return this;
    }

    /** TD 1.5 only: the module SVNs the TD was launched with (default: equal to tee_tcb_svn). */
    public TestQuoteBuilder teeTcbSvn2(byte[] value) {
        td.teeTcbSvn2 = Hex.sized(value, TdReportLayout.SVN_SIZE, "tee_tcb_svn2");
        return this;
    }

    public TestQuoteBuilder mrSeam(byte[] value) {
        td.mrSeam = Hex.sized(value, TdReportLayout.MEASUREMENT_SIZE, "mrseam");
        return this;
    }

    /** Must equal the TCB info's module mrsigner (zeros for Intel's module). */
    public TestQuoteBuilder mrSignerSeam(byte[] value) {
        td.mrSignerSeam = Hex.sized(value, TdReportLayout.MEASUREMENT_SIZE, "mrsignerseam");
        return this;
    }

    /** Must be zero for a valid quote. */
    public TestQuoteBuilder seamAttributes(byte[] value) {
        td.seamAttributes = Hex.sized(value, TdReportLayout.U64_SIZE, "seamattributes");
        return this;
    }

    public TestQuoteBuilder tdAttributes(byte[] value) {
        td.tdAttributes = Hex.sized(value, TdReportLayout.U64_SIZE, "tdattributes");
        return this;
    }

    public TestQuoteBuilder xfam(byte[] value) {
        td.xfam = Hex.sized(value, TdReportLayout.U64_SIZE, "xfam");
        return this;
    }

    public TestQuoteBuilder mrTd(byte[] value) {
        td.mrTd = Hex.sized(value, TdReportLayout.MEASUREMENT_SIZE, "mrtd");
        return this;
    }

    public TestQuoteBuilder mrConfigId(byte[] value) {
        td.mrConfigId = Hex.sized(value, TdReportLayout.MEASUREMENT_SIZE, "mrconfigid");
        return this;
    }

    public TestQuoteBuilder mrOwner(byte[] value) {
        td.mrOwner = Hex.sized(value, TdReportLayout.MEASUREMENT_SIZE, "mrowner");
        return this;
    }

    public TestQuoteBuilder mrOwnerConfig(byte[] value) {
        td.mrOwnerConfig = Hex.sized(value, TdReportLayout.MEASUREMENT_SIZE, "mrownerconfig");
        return this;
    }

    /** RTMR {@code index} (0..3). */
    public TestQuoteBuilder rtmr(int index, byte[] value) {
        td.rtmrs[index] = Hex.sized(value, TdReportLayout.MEASUREMENT_SIZE, "rtmr" + index);
        return this;
    }

    /** TD 1.5 only. */
    public TestQuoteBuilder mrServiceTd(byte[] value) {
        td.mrServiceTd = Hex.sized(value, TdReportLayout.MEASUREMENT_SIZE, "mrservicetd");
        return this;
    }

    // ---- PCK certificate

    /** Which intermediate issues the PCK certificate (default Processor for SGX, Platform for TDX). */
    public TestQuoteBuilder pckCa(CaType ca) {
        pckCa = ca;
        return this;
    }

    /** FMSPC, 12 hex digits. */
    public TestQuoteBuilder fmspc(String hex) {
        fmspc = Hex.sized(Hex.parse(hex), SgxExtension.FMSPC_SIZE, "fmspc");
        return this;
    }

    /** PCE-ID, 4 hex digits. */
    public TestQuoteBuilder pceId(String hex) {
        pceId = Hex.sized(Hex.parse(hex), SgxExtension.PCE_ID_SIZE, "pce id");
        return this;
    }

    /** The 16 SGX TCB component SVNs of the PCK certificate, the values TCB levels are matched against. */
    public TestQuoteBuilder pckComponentSvns(int[] svns) {
        if (svns.length != TcbLevelSpec.COMPONENTS) {
            throw new IllegalArgumentException("16 component SVNs expected");
        }
        pckComponentSvns = svns.clone();
        return this;
    }

    /** PCESVN of the PCK certificate (and of the v3 header). */
    public TestQuoteBuilder pcesvn(int value) {
        pcesvn = value;
        return this;
    }

    /** CPUSVN written into the PCK certificate ({@code .2.18}). */
    public TestQuoteBuilder pckCpuSvn(byte[] value) {
        pckCpuSvn = Hex.sized(value, SgxReportLayout.CPUSVN_SIZE, "pck cpusvn");
        return this;
    }

    public TestQuoteBuilder ppid(byte[] value) {
        ppid = Hex.sized(value, SgxExtension.PPID_SIZE, "ppid");
        return this;
    }

    /** SGX Type (.5): 0 Standard, 1 Scalable, 2 ScalableWithIntegrity. */
    public TestQuoteBuilder sgxType(int value) {
        sgxType = value;
        return this;
    }

    /** Platform-CA certificates only (.6). */
    public TestQuoteBuilder platformInstanceId(byte[] value) {
        platformInstanceId = Hex.sized(value, SgxExtension.PLATFORM_INSTANCE_ID_SIZE, "platform instance id");
        return this;
    }

    /** Platform-CA certificates only (.7); default all true. */
    public TestQuoteBuilder pckConfiguration(boolean dynamic, boolean cached, boolean smt) {
        dynamicPlatform = dynamic;
        cachedKeys = cached;
        smtEnabled = smt;
        return this;
    }

    /** Serial of the PCK certificate (default random), e.g. to revoke it beforehand. */
    public TestQuoteBuilder pckSerial(BigInteger serial) {
        pckSerial = serial;
        return this;
    }

    public TestQuoteBuilder pckNotAfter(Instant notAfter) {
        pckNotAfter = notAfter;
        return this;
    }

    // ---- QE

    public TestQuoteBuilder qeIsvSvn(int value) {
        qe.isvSvn = value;
        return this;
    }

    public TestQuoteBuilder qeIsvProdId(int value) {
        qeIsvProdId = value;
        return this;
    }

    public TestQuoteBuilder qeMrSigner(byte[] value) {
        qeMrSigner = Hex.sized(value, SgxReportLayout.MEASUREMENT_SIZE, "qe mrsigner");
        return this;
    }

    public TestQuoteBuilder qeMiscSelect(int value) {
        qe.miscSelect = value;
        return this;
    }

    public TestQuoteBuilder qeAttributes(byte[] value) {
        qe.attributes = Hex.sized(value, SgxReportLayout.ATTRIBUTES_SIZE, "qe attributes");
        return this;
    }

    /** QE authentication data (any length up to 65535), hashed into the QE report data. */
    public TestQuoteBuilder qeAuthData(byte[] value) {
        qeAuthData = value.clone();
        return this;
    }

    /** Signs with another attestation key instead of the PKI's. */
    public TestQuoteBuilder attestationKey(KeyPair key) {
        attestationKey = key;
        return this;
    }

    // ---- Sabotage

    /** Appends {@code n} zero bytes after the signature data; verifiers must ignore them (spec §1.2). */
    public TestQuoteBuilder trailingBytes(int n) {
        trailingBytes = n;
        return this;
    }

    /** Flips a bit of the quote signature (INVALID_QUOTE_SIGNATURE). */
    public TestQuoteBuilder corruptQuoteSignature() {
        corruptQuoteSignature = true;
        return this;
    }

    /** Flips a bit of the QE report signature (INVALID_QE_REPORT_SIGNATURE). */
    public TestQuoteBuilder corruptQeReportSignature() {
        corruptQeReportSignature = true;
        return this;
    }

    /** QE report data that does not bind the attestation key; the QE report is still validly signed. */
    public TestQuoteBuilder wrongQeReportData() {
        wrongQeReportData = true;
        return this;
    }

    /** The PCK certificate names the chain's intermediate as issuer but is signed by an unrelated key. */
    public TestQuoteBuilder pckSignedByForeignCa() {
        pckSignedByForeignCa = true;
        return this;
    }

    /** Declares an inner certification-data size {@code delta} bytes off the actual size. */
    public TestQuoteBuilder certDataSizeDelta(int delta) {
        certDataSizeDelta = delta;
        return this;
    }

    /** Embeds 1..4 certificates: fewer than 3 drops from the root end, 4 appends the TCB Signing certificate. */
    public TestQuoteBuilder certChainCount(int count) {
        if (count < 1 || count > MAX_CHAIN_LENGTH) {
            throw new IllegalArgumentException("chain length must be 1..4");
        }
        certChainCount = count;
        return this;
    }

    // ---- Build

    /** The raw quote. Issues a new PCK certificate, available afterwards from {@link #lastPckCertificate()}. */
    public byte[] build() {
        int quoteVersion = version != null ? version : tee.defaultQuoteVersion;
        if (tee == TeeType.TDX && quoteVersion < 4) {
            throw new IllegalStateException("TDX quotes are version 4 or 5");
        }
        if (tdx15 && (tee != TeeType.TDX || quoteVersion != 5)) {
            throw new IllegalStateException("a TD 1.5 report needs a TDX version 5 quote");
        }
        CaType ca = pckCa != null ? pckCa : tee.defaultPckCa;
        lastPckCertificate = pki.issuePck(ca, pckExtension(ca),
                pckSerial != null ? pckSerial : IntelX509.newSerial(),
                pckNotAfter != null ? pckNotAfter : pki.notAfter(), pckSignedByForeignCa);

        byte[] body = tee == TeeType.SGX ? enclave.encode() : td.encode(tdx15);
        byte[] signed = quoteVersion >= 5
                ? concat(header(quoteVersion), le16(bodyType()), le32(body.length), body)
                : concat(header(quoteVersion), body);
        byte[] attestationPublicKey = IntelX509.rawPublicKey(attestationKey.getPublic());
        byte[] quoteSignature = IntelX509.signRaw(attestationKey.getPrivate(), signed);
        if (corruptQuoteSignature) {
            flipLastBit(quoteSignature);
        }
        byte[] qeCertificationData = qeCertificationData(attestationPublicKey, ca);
        byte[] signatureData = quoteVersion == 3
                ? concat(quoteSignature, attestationPublicKey, qeCertificationData)
                : concat(quoteSignature, attestationPublicKey, le16(CERT_TYPE_QE_REPORT),
                        le32(qeCertificationData.length), qeCertificationData);
        return concat(signed, le32(signatureData.length), signatureData, new byte[trailingBytes]);
    }

    /** The PCK certificate embedded by the last {@link #build()}, e.g. to revoke its serial in collateral. */
    public X509Certificate lastPckCertificate() {
        if (lastPckCertificate == null) {
            throw new IllegalStateException("build() has not been called");
        }
        return lastPckCertificate;
    }

    private SgxExtension pckExtension(CaType ca) {
        int type = sgxType != null ? sgxType : (ca == CaType.PROCESSOR ? 0 : 1);
        return new SgxExtension(ppid, pckComponentSvns, pcesvn, pckCpuSvn, pceId, fmspc, type, ca,
                platformInstanceId, dynamicPlatform, cachedKeys, smtEnabled);
    }

    private byte[] header(int quoteVersion) {
        ByteBuffer header = ByteBuffer.allocate(HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        header.putShort(HEADER_VERSION, (short) quoteVersion);
        header.putShort(HEADER_ATT_KEY_TYPE, (short) ATT_KEY_TYPE_ECDSA_P256);
        header.putInt(HEADER_TEE_TYPE, tee.headerValue);
        if (quoteVersion == 3) {
            header.putShort(HEADER_QE_SVN, (short) qe.isvSvn);
            header.putShort(HEADER_PCE_SVN, (short) pcesvn);
        }
        header.put(HEADER_QE_VENDOR_ID, INTEL_QE_VENDOR_ID);
        header.put(HEADER_USER_DATA, userData);
        return header.array();
    }

    private int bodyType() {
        if (tee == TeeType.SGX) {
            return BODY_TYPE_SGX;
        }
        return tdx15 ? BODY_TYPE_TD15 : BODY_TYPE_TD10;
    }

    /**
     * QE report ‖ QE report signature ‖ auth data length ‖ auth data ‖ cert type 5 ‖ cert size ‖ PCK chain: the v3
     * signature data after the attestation key, and the payload of v4/v5 certification data type 6.
     */
    private byte[] qeCertificationData(byte[] attestationPublicKey, CaType ca) {
        qe.mrSigner = qeMrSigner != null ? qeMrSigner : Hex.parse(tee.qeMrSigner);
        qe.isvProdId = qeIsvProdId != null ? qeIsvProdId : tee.qeIsvProdId;
        qe.reportData = new byte[SgxReportLayout.REPORT_DATA_SIZE];
        System.arraycopy(sha256(concat(attestationPublicKey, qeAuthData)), 0, qe.reportData, 0, SHA256_SIZE);
        if (wrongQeReportData) {
            qe.reportData[0] ^= 0x01;
        }
        byte[] qeReport = qe.encode();
        byte[] qeReportSignature = IntelX509.signRaw(pki.pckPrivateKey(), qeReport);
        if (corruptQeReportSignature) {
            flipLastBit(qeReportSignature);
        }
        byte[] chain = pckChain(ca);
        return concat(qeReport, qeReportSignature, le16(qeAuthData.length), qeAuthData, le16(CERT_TYPE_PCK_CHAIN),
                le32(chain.length + certDataSizeDelta), chain);
    }

    private byte[] pckChain(CaType ca) {
        List<X509Certificate> chain = new ArrayList<>(
                List.of(lastPckCertificate, pki.pckCa(ca), pki.rootCertificate(), pki.tcbSigning()));
        String pem = IntelX509.pem(chain.subList(0, certChainCount)) + "\0";
        return pem.getBytes(StandardCharsets.US_ASCII);
    }

    private static void flipLastBit(byte[] bytes) {
        bytes[bytes.length - 1] ^= 0x01;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] le16(int value) {
        return ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) value).array();
    }

    private static byte[] le32(int value) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
