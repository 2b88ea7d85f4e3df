package org.attestation.gateway.intake;

/** A management write (policy, certificate or tenant) the trust models do not allow as sent (MAA's {@code InvalidOperation}). */
final class ManagementWriteRefusedException extends RequestException {

    ManagementWriteRefusedException(String message) {
        super("MANAGEMENT_WRITE_REFUSED", message);
    }

    @Override
    int status() {
        return 400;
    }

    @Override
    String maaCode() {
        return "InvalidOperation";
    }
}
