package org.attestation.gateway.evidence.dcap;

import java.util.Arrays;
import java.util.Optional;

/**
 * The TD report body of a TDX quote: version 1.0 (584 bytes) or 1.5 (648 bytes, adding TEE_TCB_SVN2 and
 * MRSERVICETD). Offsets are relative to the body's start.
 */
public record TdReportBody(byte[] raw) implements QuoteBody {

    public static final int SIZE_1_0 = 584;
    public static final int SIZE_1_5 = 648;

    static final int TEE_TCB_SVN = 0;
    static final int MR_SEAM = 16;
    static final int MR_SIGNER_SEAM = 64;
    static final int SEAM_ATTRIBUTES = 112;
    static final int TD_ATTRIBUTES = 120;
    static final int XFAM = 128;
    static final int MR_TD = 136;
    static final int MR_CONFIG_ID = 184;
    static final int MR_OWNER = 232;
    static final int MR_OWNER_CONFIG = 280;
    static final int RTMR0 = 328;
    static final int REPORT_DATA = 520;
    static final int TEE_TCB_SVN2 = 584;
    static final int MR_SERVICE_TD = 600;

    /** TDATTRIBUTES bits (of the little-endian u64), from the TDX module specification. */
    static final long TD_DEBUG = 1L;
    static final long TD_SEPT_VE_DISABLE = 1L << 28;
    static final long TD_PKS = 1L << 30;
    static final long TD_KL = 1L << 31;
    static final long TD_PERFMON = 1L << 63;

    public TdReportBody {
        if (raw.length != SIZE_1_0 && raw.length != SIZE_1_5) {
            throw new QuoteFormatException(
                    "a TD report body has " + SIZE_1_0 + " or " + SIZE_1_5 + " bytes, not " + raw.length);
        }
        raw = raw.clone();
    }

    @Override
    public byte[] raw() {
        return raw.clone();
    }

    /** TD report 1.5 (quote v5 body type 3). */
    public boolean isVersion15() {
        return raw.length == SIZE_1_5;
    }

    /** TEE_TCB_SVN: [0] TDX module minor SVN, [1] module major version, [2] late microcode SVN. */
    public byte[] teeTcbSvn() {
        return LittleEndian.slice(raw, TEE_TCB_SVN, 16);
    }

    public byte[] mrSeam() {
        return LittleEndian.slice(raw, MR_SEAM, 48);
    }

    public byte[] mrSignerSeam() {
        return LittleEndian.slice(raw, MR_SIGNER_SEAM, 48);
    }

    public byte[] seamAttributes() {
        return LittleEndian.slice(raw, SEAM_ATTRIBUTES, 8);
    }

    public byte[] tdAttributes() {
        return LittleEndian.slice(raw, TD_ATTRIBUTES, 8);
    }

    public long tdAttributesBits() {
        return LittleEndian.u64(raw, TD_ATTRIBUTES);
    }

    public byte[] xfam() {
        return LittleEndian.slice(raw, XFAM, 8);
    }

    public byte[] mrTd() {
        return LittleEndian.slice(raw, MR_TD, 48);
    }

    public byte[] mrConfigId() {
        return LittleEndian.slice(raw, MR_CONFIG_ID, 48);
    }

    public byte[] mrOwner() {
        return LittleEndian.slice(raw, MR_OWNER, 48);
    }

    public byte[] mrOwnerConfig() {
        return LittleEndian.slice(raw, MR_OWNER_CONFIG, 48);
    }

    /** RTMR0 to RTMR3. */
    public byte[] rtmr(int index) {
        if (index < 0 || index > 3) {
            throw new IndexOutOfBoundsException("RTMR" + index);
        }
        return LittleEndian.slice(raw, RTMR0 + 48 * index, 48);
    }

    @Override
    public byte[] reportData() {
        return LittleEndian.slice(raw, REPORT_DATA, 64);
    }

    /** TD 1.5: the SVNs the TD was launched with (the TD-relaunch check compares them). */
    public Optional<byte[]> teeTcbSvn2() {
        return isVersion15() ? Optional.of(LittleEndian.slice(raw, TEE_TCB_SVN2, 16)) : Optional.empty();
    }

    /** TD 1.5: SHA-384 of bound service TDs' TDINFO, else zero. */
    public Optional<byte[]> mrServiceTd() {
        return isVersion15() ? Optional.of(LittleEndian.slice(raw, MR_SERVICE_TD, 48)) : Optional.empty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TdReportBody other && Arrays.equals(raw, other.raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return "TdReportBody[" + (isVersion15() ? "1.5" : "1.0") + "]";
    }
}
