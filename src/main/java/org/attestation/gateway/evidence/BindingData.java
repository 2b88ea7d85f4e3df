package org.attestation.gateway.evidence;

import java.util.Arrays;
import java.util.Objects;

/** {@code runtimeData} or {@code initTimeData} of an attest request: bytes the evidence must be bound to. */
public record BindingData(byte[] data, DataType dataType) {

    /** How MAA interprets the bytes: as opaque binary or as a JSON document that becomes a claim. */
    public enum DataType {
        BINARY,
        JSON
    }

    public BindingData {
        data = data.clone();
        Objects.requireNonNull(dataType, "dataType");
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
