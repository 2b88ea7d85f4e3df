package org.attestation.gateway.evidence.dcap;

import java.util.Arrays;

/**
 * {@code sgx_report_body_t}, 384 bytes: the body of an SGX quote, and the QE report inside every quote's
 * signature data. Fields are read from the raw bytes at the offsets of Intel's SDK header.
 */
public record SgxReportBody(byte[] raw) implements QuoteBody {

    public static final int SIZE = 384;

    static final int CPU_SVN = 0;
    static final int MISC_SELECT = 16;
    static final int ISV_EXT_PROD_ID = 32;
    static final int ATTRIBUTES = 48;
    static final int MR_ENCLAVE = 64;
    static final int MR_SIGNER = 128;
    static final int CONFIG_ID = 192;
    static final int ISV_PROD_ID = 256;
    static final int ISV_SVN = 258;
    static final int CONFIG_SVN = 260;
    static final int ISV_FAMILY_ID = 304;
    static final int REPORT_DATA = 320;

    /** ATTRIBUTES.FLAGS bit 1: the enclave was launched in debug mode. */
    static final long FLAG_DEBUG = 0x2;
    /** ATTRIBUTES.FLAGS bit 7: Key Separation and Sharing; CONFIGID, CONFIGSVN and the KSS ids are meaningful. */
    static final long FLAG_KSS = 0x80;

    public SgxReportBody {
        if (raw.length != SIZE) {
            throw new QuoteFormatException("an SGX report body has " + SIZE + " bytes, not " + raw.length);
        }
        raw = raw.clone();
    }

    @Override
    public byte[] raw() {
        return raw.clone();
    }

    public byte[] cpuSvn() {
        return LittleEndian.slice(raw, CPU_SVN, 16);
    }

    /** MISCSELECT as the 4 bytes of the report (little-endian order). */
    public byte[] miscSelectBytes() {
        return LittleEndian.slice(raw, MISC_SELECT, 4);
    }

    public byte[] isvExtProdId() {
        return LittleEndian.slice(raw, ISV_EXT_PROD_ID, 16);
    }

    /** The 16 ATTRIBUTES bytes: FLAGS (u64 LE) then XFRM (u64 LE). */
    public byte[] attributes() {
        return LittleEndian.slice(raw, ATTRIBUTES, 16);
    }

    public long flags() {
        return LittleEndian.u64(raw, ATTRIBUTES);
    }

    public boolean debug() {
        return (flags() & FLAG_DEBUG) != 0;
    }

    public boolean kss() {
        return (flags() & FLAG_KSS) != 0;
    }

    public byte[] mrEnclave() {
        return LittleEndian.slice(raw, MR_ENCLAVE, 32);
    }

    public byte[] mrSigner() {
        return LittleEndian.slice(raw, MR_SIGNER, 32);
    }

    public byte[] configId() {
        return LittleEndian.slice(raw, CONFIG_ID, 64);
    }

    public int isvProdId() {
        return LittleEndian.u16(raw, ISV_PROD_ID);
    }

    public int isvSvn() {
        return LittleEndian.u16(raw, ISV_SVN);
    }

    public int configSvn() {
        return LittleEndian.u16(raw, CONFIG_SVN);
    }

    public byte[] isvFamilyId() {
        return LittleEndian.slice(raw, ISV_FAMILY_ID, 16);
    }

    @Override
    public byte[] reportData() {
        return LittleEndian.slice(raw, REPORT_DATA, 64);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SgxReportBody other && Arrays.equals(raw, other.raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return "SgxReportBody[isvProdId=" + isvProdId() + ", isvSvn=" + isvSvn() + ", debug=" + debug() + "]";
    }
}
