package org.attestation.gateway.evidence;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.Objects;

/** {@code runtimeData} or {@code initTimeData} of an attest request: bytes the evidence must be bound to. */
public record BindingData(byte[] data, DataType dataType) {

    /** How MAA interprets the bytes: as opaque binary or as a JSON document that becomes a claim. */
    public enum DataType {
        BINARY,
        JSON
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    public BindingData {
        data = data.clone();
        Objects.requireNonNull(dataType, "dataType");
    }

    /**
     * The data read as JSON (maps, lists, strings, numbers, booleans), as it goes into {@code x-ms-runtime} or
     * {@code x-ms-inittime}; an {@link IllegalArgumentException} when it is not JSON.
     */
    public Object json() {
        try {
            return JSON.readValue(data, Object.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("the data is not JSON: " + e.getOriginalMessage(), e);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("the data is not JSON", e);
        }
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BindingData other && Arrays.equals(data, other.data) && dataType == other.dataType;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(data) + dataType.hashCode();
    }

    @Override
    public String toString() {
        return "BindingData[" + dataType + ", " + data.length + " bytes]";
    }
}
