package org.attestation.gateway.evidence;

import org.attestation.gateway.error.GatewayException;

/** Attestation of a type that has no default policy (TPM, as in MAA) before a policy was set. */
public final class PolicyNotSetException extends GatewayException {

    public PolicyNotSetException(AttestationType type) {
        // MAA's own text names TPM attestation by its service-side name, VBS
        super("POLICY_NOT_SET", "A " + (type == AttestationType.TPM ? "VBS" : type.apiName())
                + " attestation policy has not been set on the attestation provider.");
    }
}
