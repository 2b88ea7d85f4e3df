package org.attestation.gateway.intake;

/** A management write the tenant's trust model does not allow as sent (MAA's {@code InvalidOperation}). */
final class PolicyWriteRefusedException extends RequestException {

    PolicyWriteRefusedException(String message) {
        super("POLICY_WRITE_REFUSED", message);
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
