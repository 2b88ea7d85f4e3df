package org.attestation.gateway.error;

/**
 * Base of every failure the gateway reports. Each failure is its own subclass carrying a stable code
 * (for verification failures, the vendor's status name); the HTTP edge maps them, in one place, to
 * MAA error codes and statuses.
 */
public abstract class GatewayException extends RuntimeException {

    private final String code;

    protected GatewayException(String code, String message) {
        super(message);
        this.code = code;
    }

    protected GatewayException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** Stable failure code, e.g. {@code SIGNING_KEY_UNREADABLE} or {@code SGX_QL_PCK_REVOKED}. */
    public String code() {
        return code;
    }
}
