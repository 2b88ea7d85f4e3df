package org.attestation.gateway.evidence;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Evidence submitted for attestation, decoded from the request body.
 *
 * @param evidence the quote or report bytes exactly as received (signatures cover them)
 * @param draftPolicy policy text to evaluate instead of the stored one; the result is an unsigned token
 */
public record AttestationRequest(String tenant, AttestationType type, byte[] evidence,
        Optional<BindingData> runtimeData, Optional<BindingData> initTimeData, Optional<String> draftPolicy,
        Optional<String> nonce) {

    public AttestationRequest {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(type, "type");
        evidence = evidence.clone();
        Objects.requireNonNull(runtimeData, "runtimeData");
        Objects.requireNonNull(initTimeData, "initTimeData");
        Objects.requireNonNull(draftPolicy, "draftPolicy");
        Objects.requireNonNull(nonce, "nonce");
    }

    @Override
    public byte[] evidence() {
        return evidence.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AttestationRequest other && tenant.equals(other.tenant) && type == other.type
                && Arrays.equals(evidence, other.evidence) && runtimeData.equals(other.runtimeData)
                && initTimeData.equals(other.initTimeData) && draftPolicy.equals(other.draftPolicy)
                && nonce.equals(other.nonce);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tenant, type, Arrays.hashCode(evidence), runtimeData, initTimeData, draftPolicy, nonce);
    }

    @Override
    public String toString() {
        return "AttestationRequest[tenant=" + tenant + ", type=" + type.apiName() + ", evidence=" + evidence.length
                + " bytes]";
    }
}
