package org.attestation.gateway.evidence.dcap.testpki;

import java.util.HexFormat;

/** Hex as Intel writes it: upper case for JSON fields, lower case for signatures and DER blobs. */
final class Hex {

    private static final HexFormat LOWER = HexFormat.of();
    private static final HexFormat UPPER = HexFormat.of().withUpperCase();

    private Hex() {
    }

    static byte[] parse(String hex) {
        return LOWER.parseHex(hex);
    }

    static String upper(byte[] bytes) {
        return UPPER.formatHex(bytes);
    }

    static String lower(byte[] bytes) {
        return LOWER.formatHex(bytes);
    }

    /** A copy of {@code value}, refused unless it has exactly {@code length} bytes. */
    static byte[] sized(byte[] value, int length, String what) {
        if (value.length != length) {
            throw new IllegalArgumentException(what + " must be " + length + " bytes, got " + value.length);
        }
        return value.clone();
    }

    /** A hex string of exactly {@code length} bytes, returned upper case. */
    static String sizedHex(String hex, int length, String what) {
        return upper(sized(parse(hex), length, what));
    }
}
