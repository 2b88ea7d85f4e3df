package org.attestation.gateway.evidence;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/** MAA's binding of runtime data to evidence: SHA-256(runtime data) is the first 32 bytes of the report data. */
public final class ReportDataBinding {

    private ReportDataBinding() {
    }

    public static void check(byte[] reportData, byte[] runtimeData) {
        byte[] expected;
        try {
            expected = MessageDigest.getInstance("SHA-256").digest(runtimeData);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        if (!MessageDigest.isEqual(Arrays.copyOf(reportData, 32), expected)) {
            throw new RuntimeDataMismatchException("SHA-256 of the runtime data (" + HexFormat.of().formatHex(expected)
                    + ") is not the first 32 bytes of the report data ("
                    + HexFormat.of().formatHex(reportData, 0, 32) + ")");
        }
    }
}
