package org.attestation.gateway.evidence.snp;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * An SEV-SNP ATTESTATION_REPORT (spec/snp.md §1.1), versions 2 to 5, over its exact received bytes.
 * {@link #parse} runs the structure checks of §3.1 step 2; the accessors read fields at their named
 * offsets. All integers are little-endian.
 *
 * <p>Input must be exactly 0x4A0 bytes: trailing bytes (a certificate table, a newline) are refused rather
 * than ignored, so that what is verified is exactly what was sent; callers unwrap containers first (see
 * {@link AzureHclReport}).
 */
public record SnpReport(byte[] raw) {

    public static final int SIZE = 0x4A0;
    public static final int SIGNED_SIZE = 0x2A0;

    static final int VERSION = 0x000;
    static final int GUEST_SVN = 0x004;
    static final int POLICY = 0x008;
    static final int FAMILY_ID = 0x010;
    static final int IMAGE_ID = 0x020;
    static final int VMPL = 0x030;
    static final int SIGNATURE_ALGO = 0x034;
    static final int CURRENT_TCB = 0x038;
    static final int PLATFORM_INFO = 0x040;
    static final int SIGNER_INFO = 0x048;
    static final int RESERVED_04C = 0x04C;
    static final int REPORT_DATA = 0x050;
    static final int MEASUREMENT = 0x090;
    static final int HOST_DATA = 0x0C0;
    static final int ID_KEY_DIGEST = 0x0E0;
    static final int AUTHOR_KEY_DIGEST = 0x110;
    static final int REPORT_ID = 0x140;
    static final int REPORT_ID_MA = 0x160;
    static final int REPORTED_TCB = 0x180;
    static final int CPUID_FAM_ID = 0x188;
    static final int CPUID_MOD_ID = 0x189;
    static final int CPUID_STEP = 0x18A;
    static final int RESERVED_CPUID = 0x18B;
    static final int CHIP_ID = 0x1A0;
    static final int COMMITTED_TCB = 0x1E0;
    static final int CURRENT_BUILD = 0x1E8;
    static final int CURRENT_MINOR = 0x1E9;
    static final int CURRENT_MAJOR = 0x1EA;
    static final int RESERVED_1EB = 0x1EB;
    static final int COMMITTED_BUILD = 0x1EC;
    static final int COMMITTED_MINOR = 0x1ED;
    static final int COMMITTED_MAJOR = 0x1EE;
    static final int RESERVED_1EF = 0x1EF;
    static final int LAUNCH_TCB = 0x1F0;
    static final int LAUNCH_MIT_VECTOR = 0x1F8;
    static final int CURRENT_MIT_VECTOR = 0x200;
    static final int RESERVED_TAIL_V2 = 0x1F8;
    static final int RESERVED_TAIL_V5 = 0x208;
    static final int SIGNATURE_R = 0x2A0;
    static final int SIGNATURE_S = 0x2E8;
    static final int SIGNATURE_COMPONENT = 72;
    static final int RESERVED_SIGNATURE_TAIL = 0x330;

    public static final int SIGNATURE_ALGO_ECDSA_P384_SHA384 = 1;
    public static final int MIN_VERSION = 2;
    public static final int MAX_VERSION = 5;

    /** POLICY bits (§1.4). */
    public static final long POLICY_SMT = 1L << 16;
    public static final long POLICY_RESERVED_MUST_BE_ONE = 1L << 17;
    public static final long POLICY_MIGRATE_MA = 1L << 18;
    public static final long POLICY_DEBUG = 1L << 19;
    public static final long POLICY_SINGLE_SOCKET = 1L << 20;
    public static final long POLICY_CXL_ALLOW = 1L << 21;
    public static final long POLICY_MEM_AES_256_XTS = 1L << 22;
    public static final long POLICY_RAPL_DIS = 1L << 23;
    public static final long POLICY_CIPHERTEXT_HIDING = 1L << 24;
    public static final long POLICY_PAGE_SWAP_DISABLE = 1L << 25;
    /** Bits 26–63 must be zero. */
    public static final long POLICY_RESERVED_MBZ = -1L << 26;

    /** PLATFORM_INFO bits (§1.5); bit 6 is Turin's IOMMU_WRITE_SAFE, bit 7 TIO_EN. */
    public static final long PLATFORM_SMT_EN = 1L;
    public static final long PLATFORM_TSME_EN = 1L << 1;
    public static final long PLATFORM_ECC_EN = 1L << 2;
    public static final long PLATFORM_RAPL_DIS = 1L << 3;
    public static final long PLATFORM_CIPHERTEXT_HIDING_EN = 1L << 4;
    public static final long PLATFORM_ALIAS_CHECK_COMPLETE = 1L << 5;
    public static final long PLATFORM_IOMMU_WRITE_SAFE = 1L << 6;
    public static final long PLATFORM_TIO_EN = 1L << 7;

    /** Every instance has passed the structure checks: the constructor runs them as {@link #parse} does. */
    public SnpReport {
        raw = raw == null ? null : raw.clone();
        checkStructure(raw);
    }

    /** The report's bytes, after every structure check of §3.1 step 2. */
    public static SnpReport parse(byte[] bytes) {
        return new SnpReport(bytes);
    }

    private static void checkStructure(byte[] raw) {
        if (raw == null || raw.length < SIZE) {
            throw new SnpReportFormatException("report", 0, "the report is truncated: "
                    + (raw == null ? 0 : raw.length) + " bytes, an SEV-SNP report has " + SIZE);
        }
        if (raw.length > SIZE) {
            throw new SnpReportFormatException("report", SIZE, "the report has " + raw.length
                    + " bytes, an SEV-SNP report has exactly " + SIZE + " (unwrap certificate tables first)");
        }
        long version = u32(raw, VERSION);
        if (version < MIN_VERSION || version > MAX_VERSION) {
            throw new SnpReportFormatException("VERSION", VERSION, "report version " + version
                    + " is not supported (2 to 5)");
        }
        if (u32(raw, SIGNATURE_ALGO) != SIGNATURE_ALGO_ECDSA_P384_SHA384) {
            throw new SnpReportFormatException("SIGNATURE_ALGO", SIGNATURE_ALGO, "signature algorithm "
                    + u32(raw, SIGNATURE_ALGO) + " is not 1 (ECDSA P-384 with SHA-384)");
        }
        long signerInfo = u32(raw, SIGNER_INFO);
        int signingKey = (int) (signerInfo >>> 2) & 0x7;
        if (signingKey > 1) {
            throw new SnpReportFormatException("SIGNER_INFO.SIGNING_KEY", SIGNER_INFO, "signing key " + signingKey
                    + (signingKey == 7 ? " means the report is not signed" : " is reserved")
                    + "; only 0 (VCEK) and 1 (VLEK) are accepted");
        }
        if ((signerInfo & ~0x1FL) != 0) {
            throw new SnpReportFormatException("SIGNER_INFO", SIGNER_INFO, "SIGNER_INFO bits 5-31 must be zero");
        }
        mustBeZero(raw, "reserved", RESERVED_04C, REPORT_DATA);
        mustBeZero(raw, "reserved", version >= 3 ? RESERVED_CPUID : CPUID_FAM_ID, CHIP_ID);
        mustBeZero(raw, "reserved", RESERVED_1EB, RESERVED_1EB + 1);
        mustBeZero(raw, "reserved", RESERVED_1EF, RESERVED_1EF + 1);
        mustBeZero(raw, "reserved", version >= 5 ? RESERVED_TAIL_V5 : RESERVED_TAIL_V2, SIGNED_SIZE);
        mustBeZero(raw, "SIGNATURE.reserved", RESERVED_SIGNATURE_TAIL, SIZE);
        long policy = u64(raw, POLICY);
        if ((policy & POLICY_RESERVED_MUST_BE_ONE) == 0) {
            throw new SnpReportFormatException("POLICY", POLICY, "POLICY bit 17 must be 1");
        }
        if ((policy & POLICY_RESERVED_MBZ) != 0) {
            throw new SnpReportFormatException("POLICY", POLICY,
                    String.format("POLICY bits 26-63 must be zero, policy is 0x%X", policy));
        }
    }

    private static void mustBeZero(byte[] raw, String field, int from, int to) {
        for (int i = from; i < to; i++) {
            if (raw[i] != 0) {
                throw new SnpReportFormatException(field, i, String.format(
                        "reserved byte 0x%03X (in 0x%03X-0x%03X) is 0x%02X, must be zero", i, from, to - 1,
                        raw[i] & 0xFF));
            }
        }
    }

    @Override
    public byte[] raw() {
        return raw.clone();
    }

    /** Bytes 0x000–0x29F exactly as received: what the VEK signed (§1.2). */
    public byte[] signedBytes() {
        return Arrays.copyOf(raw, SIGNED_SIZE);
    }

    public long version() {
        return u32(VERSION);
    }

    public long guestSvn() {
        return u32(GUEST_SVN);
    }

    public long policy() {
        return u64(POLICY);
    }

    public int policyAbiMinor() {
        return (int) policy() & 0xFF;
    }

    public int policyAbiMajor() {
        return (int) (policy() >>> 8) & 0xFF;
    }

    public boolean policyBit(long mask) {
        return (policy() & mask) != 0;
    }

    public boolean debugAllowed() {
        return policyBit(POLICY_DEBUG);
    }

    public byte[] familyId() {
        return slice(FAMILY_ID, 16);
    }

    public byte[] imageId() {
        return slice(IMAGE_ID, 16);
    }

    public long vmpl() {
        return u32(VMPL);
    }

    public long signatureAlgo() {
        return u32(SIGNATURE_ALGO);
    }

    public long currentTcb() {
        return u64(CURRENT_TCB);
    }

    public long platformInfo() {
        return u64(PLATFORM_INFO);
    }

    public boolean platformInfoBit(long mask) {
        return (platformInfo() & mask) != 0;
    }

    public long signerInfo() {
        return u32(SIGNER_INFO);
    }

    public boolean authorKeyEn() {
        return (signerInfo() & 1) != 0;
    }

    public boolean maskChipKey() {
        return (signerInfo() & 2) != 0;
    }

    /** SIGNER_INFO.SIGNING_KEY: 0 VCEK, 1 VLEK (anything else is refused by {@link #parse}). */
    public SigningKey signingKey() {
        return SigningKey.fromCode((int) (signerInfo() >>> 2) & 0x7);
    }

    public byte[] reportData() {
        return slice(REPORT_DATA, 64);
    }

    public byte[] measurement() {
        return slice(MEASUREMENT, 48);
    }

    public byte[] hostData() {
        return slice(HOST_DATA, 32);
    }

    public byte[] idKeyDigest() {
        return slice(ID_KEY_DIGEST, 48);
    }

    public byte[] authorKeyDigest() {
        return slice(AUTHOR_KEY_DIGEST, 48);
    }

    public byte[] reportId() {
        return slice(REPORT_ID, 32);
    }

    public byte[] reportIdMa() {
        return slice(REPORT_ID_MA, 32);
    }

    public long reportedTcb() {
        return u64(REPORTED_TCB);
    }

    /** Whether the report carries CPUID_FAM_ID/MOD_ID/STEP (version 3 and later). */
    public boolean hasCpuid() {
        return version() >= 3;
    }

    public Optional<Integer> cpuidFamily() {
        return hasCpuid() ? Optional.of(raw[CPUID_FAM_ID] & 0xFF) : Optional.empty();
    }

    public Optional<Integer> cpuidModel() {
        return hasCpuid() ? Optional.of(raw[CPUID_MOD_ID] & 0xFF) : Optional.empty();
    }

    public Optional<Integer> cpuidStepping() {
        return hasCpuid() ? Optional.of(raw[CPUID_STEP] & 0xFF) : Optional.empty();
    }

    /** §1.6: the product named by the CPUID bytes; empty for v2 reports and for unknown models. */
    public Optional<SnpProduct> cpuidProduct() {
        return hasCpuid() ? SnpProduct.fromCpuid(raw[CPUID_FAM_ID] & 0xFF, raw[CPUID_MOD_ID] & 0xFF)
                : Optional.empty();
    }

    public byte[] chipId() {
        return slice(CHIP_ID, 64);
    }

    /** CHIP_ID all zero: the platform masks it (MASK_CHIP_ID), so no VCEK can be looked up. */
    public boolean chipIdMasked() {
        for (int i = CHIP_ID; i < CHIP_ID + 64; i++) {
            if (raw[i] != 0) {
                return false;
            }
        }
        return true;
    }

    public long committedTcb() {
        return u64(COMMITTED_TCB);
    }

    public int currentBuild() {
        return raw[CURRENT_BUILD] & 0xFF;
    }

    public int currentMinor() {
        return raw[CURRENT_MINOR] & 0xFF;
    }

    public int currentMajor() {
        return raw[CURRENT_MAJOR] & 0xFF;
    }

    public int committedBuild() {
        return raw[COMMITTED_BUILD] & 0xFF;
    }

    public int committedMinor() {
        return raw[COMMITTED_MINOR] & 0xFF;
    }

    public int committedMajor() {
        return raw[COMMITTED_MAJOR] & 0xFF;
    }

    public long launchTcb() {
        return u64(LAUNCH_TCB);
    }

    /** LAUNCH_MIT_VECTOR: version 5 and later only. */
    public Optional<Long> launchMitVector() {
        return version() >= 5 ? Optional.of(u64(LAUNCH_MIT_VECTOR)) : Optional.empty();
    }

    /** CURRENT_MIT_VECTOR: version 5 and later only. */
    public Optional<Long> currentMitVector() {
        return version() >= 5 ? Optional.of(u64(CURRENT_MIT_VECTOR)) : Optional.empty();
    }

    /** SIGNATURE.R: the 72-byte little-endian field as a positive integer. */
    public BigInteger signatureR() {
        return littleEndianUnsigned(SIGNATURE_R, SIGNATURE_COMPONENT);
    }

    public BigInteger signatureS() {
        return littleEndianUnsigned(SIGNATURE_S, SIGNATURE_COMPONENT);
    }

    /**
     * CHIP_ID, to ask KDS for this report's VCEK (§2.1). Throws {@link SnpStatus#SNP_CHIP_ID_MASKED} when it is
     * all zero (masked): no VCEK can be fetched for it.
     */
    public byte[] unmaskedChipId() {
        if (chipIdMasked()) {
            throw new SnpVerificationException(SnpStatus.SNP_CHIP_ID_MASKED,
                    "CHIP_ID is all zero (masked), so the VCEK cannot be fetched from KDS");
        }
        return chipId();
    }

    private BigInteger littleEndianUnsigned(int offset, int length) {
        byte[] bigEndian = new byte[length];
        for (int i = 0; i < length; i++) {
            bigEndian[i] = raw[offset + length - 1 - i];
        }
        return new BigInteger(1, bigEndian);
    }

    private long u32(int offset) {
        return u32(raw, offset);
    }

    private long u64(int offset) {
        return u64(raw, offset);
    }

    private static long u32(byte[] bytes, int offset) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(offset) & 0xFFFFFFFFL;
    }

    private static long u64(byte[] bytes, int offset) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(offset);
    }

    private byte[] slice(int offset, int length) {
        return Arrays.copyOfRange(raw, offset, offset + length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SnpReport other && Arrays.equals(raw, other.raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return "SnpReport[version=" + version() + ", measurement=" + HexFormat.of().formatHex(measurement()) + "]";
    }
}
