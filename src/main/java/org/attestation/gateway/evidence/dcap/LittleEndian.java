package org.attestation.gateway.evidence.dcap;

import java.util.Arrays;

/** Reads the little-endian integers and byte ranges of Intel's structures. */
final class LittleEndian {

    private LittleEndian() {
    }

    static int u16(byte[] b, int offset) {
        return (b[offset] & 0xFF) | (b[offset + 1] & 0xFF) << 8;
    }

    /** An unsigned 32-bit value; lengths above {@link Integer#MAX_VALUE} are returned as such, never negative. */
    static long u32(byte[] b, int offset) {
        return (u16(b, offset) | (long) u16(b, offset + 2) << 16) & 0xFFFFFFFFL;
    }

    static long u64(byte[] b, int offset) {
        return u32(b, offset) | u32(b, offset + 4) << 32;
    }

    static byte[] slice(byte[] b, int offset, int length) {
        return Arrays.copyOfRange(b, offset, offset + length);
    }
}
