package org.attestation.gateway.collateral;

import java.time.Instant;
import java.util.Optional;
import org.attestation.gateway.error.GatewayException;

/**
 * Collateral the gateway cannot obtain now: the vendor is unreachable, throttling, failing, or its circuit
 * is open, and no valid cached copy exists. Retrying later may help; {@link #retryAt()} says when, if the
 * vendor said so.
 */
public final class CollateralUnavailableException extends GatewayException {

    private final Instant retryAt;

    public CollateralUnavailableException(String message) {
        this(message, (Instant) null);
    }

    public CollateralUnavailableException(String message, Throwable cause) {
        super("COLLATERAL_UNAVAILABLE", message, cause);
        this.retryAt = null;
    }

    /** The vendor asked not to be called before {@code retryAt} (429 Retry-After). */
    public CollateralUnavailableException(String message, Instant retryAt) {
        super("COLLATERAL_UNAVAILABLE", message);
        this.retryAt = retryAt;
    }

    /** When the vendor may be asked again, if it said. */
    public Optional<Instant> retryAt() {
        return Optional.ofNullable(retryAt);
    }
}
