package org.attestation.gateway.evidence.dcap.testpki;

import java.nio.ByteBuffer;

/**
 * The TD report body of TDX quotes (spec §1.4): 584 bytes for TDX 1.0, 648 for TDX 1.5 (adds
 * {@code tee_tcb_svn2} and {@code mrservicetd}). Fields are set directly by {@link TestQuoteBuilder}.
 */
final class TdReportLayout {

    static final int SIZE_10 = 584;
    static final int SIZE_15 = 648;
    static final int RTMR_COUNT = 4;
    private static final int TEE_TCB_SVN = 0;
    private static final int MRSEAM = 16;
    private static final int MRSIGNERSEAM = 64;
    private static final int SEAMATTRIBUTES = 112;
    private static final int TDATTRIBUTES = 120;
    private static final int XFAM = 128;
    private static final int MRTD = 136;
    private static final int MRCONFIGID = 184;
    private static final int MROWNER = 232;
    private static final int MROWNERCONFIG = 280;
    private static final int RTMR0 = 328;
    static final int SVN_SIZE = 16;
    /** mrseam, mrsignerseam, mrtd, mrconfigid, mrowner, mrownerconfig, rtmrN, mrservicetd. */
    static final int MEASUREMENT_SIZE = 48;
    /** seamattributes, tdattributes, xfam. */
    static final int U64_SIZE = 8;
    private static final int REPORTDATA = 520;
    private static final int TEE_TCB_SVN2 = 584;
    private static final int MRSERVICETD = 600;
    /** Bit 0 of {@code tdattributes} byte 0 (TUD.DEBUG). */
    static final int ATTRIBUTE_DEBUG = 0x01;

    byte[] teeTcbSvn = Hex.parse(DcapTestDefaults.TEE_TCB_SVN);
    byte[] mrSeam = Hex.parse(DcapTestDefaults.MR_SEAM);
    byte[] mrSignerSeam = new byte[MEASUREMENT_SIZE];
    byte[] seamAttributes = new byte[U64_SIZE];
    byte[] tdAttributes = Hex.parse(DcapTestDefaults.TD_ATTRIBUTES);
    byte[] xfam = Hex.parse(DcapTestDefaults.XFAM);
    byte[] mrTd = Hex.parse(DcapTestDefaults.MR_TD);
    byte[] mrConfigId = new byte[MEASUREMENT_SIZE];
    byte[] mrOwner = new byte[MEASUREMENT_SIZE];
    byte[] mrOwnerConfig = new byte[MEASUREMENT_SIZE];
    final byte[][] rtmrs = new byte[RTMR_COUNT][MEASUREMENT_SIZE];
    byte[] reportData = new byte[SgxReportLayout.REPORT_DATA_SIZE];
    /** TDX 1.5 only; {@code null} means "same as {@link #teeTcbSvn}" (no TD-preserving update happened). */
    byte[] teeTcbSvn2;
    byte[] mrServiceTd = new byte[MEASUREMENT_SIZE];

    byte[] encode(boolean tdx15) {
        ByteBuffer out = ByteBuffer.allocate(tdx15 ? SIZE_15 : SIZE_10);
        out.put(TEE_TCB_SVN, teeTcbSvn);
        out.put(MRSEAM, mrSeam);
        out.put(MRSIGNERSEAM, mrSignerSeam);
        out.put(SEAMATTRIBUTES, seamAttributes);
        out.put(TDATTRIBUTES, tdAttributes);
        out.put(XFAM, xfam);
        out.put(MRTD, mrTd);
        out.put(MRCONFIGID, mrConfigId);
        out.put(MROWNER, mrOwner);
        out.put(MROWNERCONFIG, mrOwnerConfig);
        for (int i = 0; i < RTMR_COUNT; i++) {
            out.put(RTMR0 + i * MEASUREMENT_SIZE, rtmrs[i]);
        }
        out.put(REPORTDATA, reportData);
        if (tdx15) {
            out.put(TEE_TCB_SVN2, teeTcbSvn2 != null ? teeTcbSvn2 : teeTcbSvn);
            out.put(MRSERVICETD, mrServiceTd);
        }
        return out.array();
    }
}
