package org.attestation.gateway.evidence.dcap;

import java.util.Arrays;
import java.util.HexFormat;

/** The 48-byte quote header, at the same place in quote versions 3, 4 and 5. */
public record QuoteHeader(byte[] raw) {

    public static final int SIZE = 48;

    static final int VERSION = 0;
    static final int ATT_KEY_TYPE = 2;
    static final int TEE_TYPE = 4;
    static final int QE_SVN = 8;
    static final int PCE_SVN = 10;
    static final int QE_VENDOR_ID = 12;
    static final int USER_DATA = 28;

    /** ECDSA-256-with-P-256: the only attestation key type QVL accepts. */
    public static final int ATT_KEY_TYPE_ECDSA_P256 = 2;
    public static final long TEE_TYPE_SGX = 0x00000000L;
    public static final long TEE_TYPE_TDX = 0x00000081L;
    /** Intel's quoting enclave vendor id. */
    static final byte[] INTEL_QE_VENDOR_ID = HexFormat.of().parseHex("939A7233F79C4CA9940A0DB3957F0607");

    public QuoteHeader {
        if (raw.length != SIZE) {
            throw new QuoteFormatException("a quote header has " + SIZE + " bytes, not " + raw.length);
        }
        raw = raw.clone();
    }

    @Override
    public byte[] raw() {
        return raw.clone();
    }

    public int version() {
        return LittleEndian.u16(raw, VERSION);
    }

    public int attestationKeyType() {
        return LittleEndian.u16(raw, ATT_KEY_TYPE);
    }

    public long teeType() {
        return LittleEndian.u32(raw, TEE_TYPE);
    }

    public boolean isTdx() {
        return teeType() == TEE_TYPE_TDX;
    }

    public int qeSvn() {
        return LittleEndian.u16(raw, QE_SVN);
    }

    public int pceSvn() {
        return LittleEndian.u16(raw, PCE_SVN);
    }

    public byte[] qeVendorId() {
        return LittleEndian.slice(raw, QE_VENDOR_ID, 16);
    }

    public byte[] userData() {
        return LittleEndian.slice(raw, USER_DATA, 20);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QuoteHeader other && Arrays.equals(raw, other.raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return "QuoteHeader[version=" + version() + ", tee=" + (isTdx() ? "TDX" : "SGX") + "]";
    }
}
