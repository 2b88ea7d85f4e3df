package org.attestation.gateway.evidence;

import java.util.Optional;

/** The attestation types of MAA's API, as they appear in {@code /attest/{type}} and {@code /policies/{type}}. */
public enum AttestationType {
    SGX_ENCLAVE("SgxEnclave", "quote", "sgx"),
    OPEN_ENCLAVE("OpenEnclave", "report", "sgx"),
    SEV_SNP_VM("SevSnpVm", "report", "sevsnpvm"),
    TDX_VM("TdxVm", "quote", "tdxvm"),
    TPM("Tpm", "data", "tpm");

    private final String apiName;
    private final String evidenceField;
    private final String tokenType;

    AttestationType(String apiName, String evidenceField, String tokenType) {
        this.apiName = apiName;
        this.evidenceField = evidenceField;
        this.tokenType = tokenType;
    }

    /** The name in URLs, e.g. {@code SgxEnclave}. */
    public String apiName() {
        return apiName;
    }

    /** The request field that carries the evidence. */
    public String evidenceField() {
        return evidenceField;
    }

    /** The token's {@code x-ms-attestation-type}. */
    public String tokenType() {
        return tokenType;
    }

    /** Looks up a URL segment, ignoring case as MAA does. */
    public static Optional<AttestationType> fromApiName(String name) {
        for (AttestationType type : values()) {
            if (type.apiName.equalsIgnoreCase(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
