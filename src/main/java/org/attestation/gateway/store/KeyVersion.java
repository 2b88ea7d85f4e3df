package org.attestation.gateway.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.attestation.gateway.token.SigningKey;

/**
 * A signing key and its lifecycle: it signs from {@code activateAt} on (it is published in {@code /certs}
 * before that, so verifiers know it first), and stays published until {@code retireAt}, when every token it
 * signed has expired.
 */
public record KeyVersion(SigningKey key, Instant activateAt, Optional<Instant> retireAt) {

    public KeyVersion {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(activateAt, "activateAt");
        Objects.requireNonNull(retireAt, "retireAt");
    }

    public boolean publishedAt(Instant at) {
        return retireAt.isEmpty() || at.isBefore(retireAt.get());
    }

    public boolean signsAt(Instant at) {
        return publishedAt(at) && !at.isBefore(activateAt);
    }
}
