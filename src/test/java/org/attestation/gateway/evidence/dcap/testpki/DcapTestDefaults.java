package org.attestation.gateway.evidence.dcap.testpki;

import java.time.Instant;

/**
 * The values {@link TestQuoteBuilder} and {@link TestCollateralBuilder} use when a knob is not turned. They are
 * chosen so that a default quote verifies as {@code UpToDate} against default collateral of the same
 * {@link DcapTestPki}, for SGX and for TDX alike. Hex strings are upper case, as in Intel's JSON.
 */
public final class DcapTestDefaults {

    /** Validity of the root, both PCK CAs, the TCB Signing certificate and every PCK certificate. */
    public static final Instant PKI_NOT_BEFORE = Instant.parse("2020-01-01T00:00:00Z");
    public static final Instant PKI_NOT_AFTER = Instant.parse("2040-01-01T00:00:00Z");

    /** Platform identity carried by the PCK certificate and by the TCB info. */
    public static final String FMSPC = "00906ED50000";
    public static final String PCE_ID = "0000";
    /** PCESVN of the PCK certificate TCB, the v3 header {@code pce_svn} and the default TCB level. */
    public static final int PCESVN = 13;
    /** PCK PPID ({@code .1}) and, for Platform-CA certificates, the Platform Instance ID ({@code .6}). */
    public static final String PPID = "5050494454455354504B49504C415446";
    public static final String PLATFORM_INSTANCE_ID = "504C4154464F524D494E5354414E4345";

    /** QE report: ISVSVN 8, attributes {@code 11 00…} (INIT | PROVISIONKEY), auth data bytes 0..31. */
    public static final int QE_ISVSVN = 8;
    public static final String QE_ATTRIBUTES = "11000000000000000000000000000000";
    public static final String QE_MR_ENCLAVE = "51452D4D52454E434C4156452D4F462D5448452D544553542D504B492D514521";
    /** Intel's real signers and product IDs of the SGX QE and the TD QE (spec §3.4). */
    public static final String SGX_QE_MR_SIGNER = "8C4F5775D796503E96137F77C68A829A0056AC8DED70140B081B094490C57BFF";
    public static final int SGX_QE_ISVPRODID = 1;
    public static final String TD_QE_MR_SIGNER = "DC9E2A7C6F948F17474E34A7FC43ED030F7C1563F1BABDDF6340C82E0E54A8C5";
    public static final int TD_QE_ISVPRODID = 2;

    /** Application enclave: INIT | MODE64BIT, XFRM x87 | SSE; fixed MRENCLAVE and MRSIGNER. */
    public static final String ENCLAVE_ATTRIBUTES = "05000000000000000300000000000000";
    public static final String MR_ENCLAVE = "454E434C4156452D4D52454E434C4156452D5445535456414C55452D30303031";
    public static final String MR_SIGNER = "454E434C4156452D4D525349474E45522D5445535456414C55452D3030303031";

    /** TD: module ISVSVN 6, major version 1 ({@code TDX_01}), late microcode SVN 3. */
    public static final String TEE_TCB_SVN = "06010300000000000000000000000000";
    /** TD attributes with SEPT_VE_DISABLE (bit 28) set and DEBUG clear, XFAM as on real TDs. */
    public static final String TD_ATTRIBUTES = "0000001000000000";
    public static final String XFAM = "E702060000000000";
    public static final String MR_SEAM = "4D525345414D2D4F462D5448452D544553542D504B492D54"
            + "44582D4D4F44554C452D3030303030303030303030303130";
    public static final String MR_TD = "4D5254442D4F462D5448452D544553542D504B492D545255"
            + "53542D444F4D41494E2D3030303030303030303030303130";
    /** Header {@code user_data}: a 16-byte QE identifier followed by 4 zero bytes, as Intel's QE writes. */
    public static final String USER_DATA = "51452D4944454E5449464945522D303100000000";

    /** TCB info and QE identity {@code issueDate}/{@code nextUpdate}; also the CRLs' thisUpdate/nextUpdate. */
    public static final Instant ISSUE_DATE = Instant.parse("2026-01-01T00:00:00Z");
    public static final Instant NEXT_UPDATE = Instant.parse("2026-12-31T00:00:00Z");
    /** {@code tcbDate} of every default TCB level. */
    public static final Instant TCB_DATE = Instant.parse("2025-11-12T00:00:00Z");
    public static final int TCB_EVALUATION_DATA_NUMBER = 19;

    private static final int[] PCK_COMPONENT_SVNS = {3, 3, 2, 2, 4, 1, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0};

    private DcapTestDefaults() {
    }

    /** SGX TCB component SVNs 1..16 of the PCK certificate and of the default TCB level. */
    public static int[] pckComponentSvns() {
        return PCK_COMPONENT_SVNS.clone();
    }

    /** CPUSVN of the reports and of the PCK certificate ({@code .2.18}): the component SVNs as bytes. */
    public static byte[] cpuSvn() {
        byte[] cpuSvn = new byte[PCK_COMPONENT_SVNS.length];
        for (int i = 0; i < cpuSvn.length; i++) {
            cpuSvn[i] = (byte) PCK_COMPONENT_SVNS[i];
        }
        return cpuSvn;
    }

    /** {@link #TEE_TCB_SVN} as 16 ints: the default TCB level's {@code tdxtcbcomponents}. */
    public static int[] teeTcbSvnComponents() {
        byte[] svn = Hex.parse(TEE_TCB_SVN);
        int[] components = new int[svn.length];
        for (int i = 0; i < svn.length; i++) {
            components[i] = svn[i] & 0xFF;
        }
        return components;
    }
}
