package org.attestation.gateway.intake;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.attestation.gateway.evidence.AttestationType;

/** {@code /attest/{type}} naming a type MAA does not define. */
final class UnknownAttestationTypeException extends RequestException {

    UnknownAttestationTypeException(String type) {
        super("UNKNOWN_ATTESTATION_TYPE", "unknown attestation type '" + shorten(type) + "'; one of "
                + Arrays.stream(AttestationType.values()).map(AttestationType::apiName)
                        .collect(Collectors.joining(", ")));
    }

    @Override
    int status() {
        return 404;
    }
}
