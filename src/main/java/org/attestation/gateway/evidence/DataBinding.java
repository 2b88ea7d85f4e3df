package org.attestation.gateway.evidence;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * MAA's binding of request data to evidence (maa-api.md §1.3): SHA-256 of the runtime data is the first 32 bytes
 * of the report data, SHA-256 of the init-time data the first 32 bytes of the field the platform fixes at launch
 * (SGX CONFIGID, TDX MRCONFIGID, SEV-SNP HOST_DATA). Each binding yields the claims MAA derives from the data.
 */
public final class DataBinding {

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private DataBinding() {
    }

    /**
     * Checks the runtime data against the report data; answers {@code x-ms-runtime} for JSON data and, for SGX
     * and Open Enclave evidence, the enclave held data {@code x-ms-sgx-ehd} with its deprecated duplicates.
     */
    public static Map<String, Object> runtime(BindingData data, byte[] reportData, boolean enclaveHeldData) {
        byte[] expected = sha256(data.data());
        if (!MessageDigest.isEqual(Arrays.copyOf(reportData, 32), expected)) {
            throw new RuntimeDataMismatchException("SHA-256 of the runtime data (" + HexFormat.of().formatHex(expected)
                    + ") is not the first 32 bytes of the report data (" + HexFormat.of().formatHex(reportData, 0, 32)
                    + ")");
        }
        Map<String, Object> claims = new LinkedHashMap<>();
        if (data.dataType() == BindingData.DataType.JSON) {
            claims.put("x-ms-runtime", data.json());
        }
        if (enclaveHeldData) {
            String ehd = B64URL.encodeToString(data.data());
            claims.put("x-ms-sgx-ehd", ehd);
            claims.put("maa-ehd", ehd);
            claims.put("aas-ehd", ehd);
        }
        return claims;
    }

    /** Checks the init-time data against {@code fieldName}; answers {@code x-ms-inittime} for JSON data. */
    public static Map<String, Object> initTime(BindingData data, byte[] field, String fieldName) {
        byte[] expected = sha256(data.data());
        if (!MessageDigest.isEqual(Arrays.copyOf(field, 32), expected)) {
            throw new InitTimeDataMismatchException("SHA-256 of the init-time data (" + HexFormat.of().formatHex(expected)
                    + ") is not the first 32 bytes of " + fieldName + " (" + HexFormat.of().formatHex(field, 0, 32)
                    + ")");
        }
        return data.dataType() == BindingData.DataType.JSON ? Map.of("x-ms-inittime", data.json()) : Map.of();
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
