package org.attestation.gateway.token;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.attestation.gateway.store.KeyVersion;

/**
 * A tenant's token keys as they stand at one instant: the key that signs (the newest activated key of the
 * configured algorithm), every key that is published (not retired; a key is published before it signs),
 * their JWKS rendered once, and until when this selection holds.
 */
public record TenantKeys(SigningKey signing, List<SigningKey> published, String jwksJson, Instant validUntil,
        List<KeyVersion> versions) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public TenantKeys {
        Objects.requireNonNull(signing, "signing");
        published = List.copyOf(published);
        Objects.requireNonNull(jwksJson, "jwksJson");
        Objects.requireNonNull(validUntil, "validUntil");
        versions = List.copyOf(versions);
    }

    /** The selection at {@code at}; empty when no key of {@code algorithm} signs then. */
    static Optional<TenantKeys> select(List<KeyVersion> versions, TokenAlgorithm algorithm, Instant at) {
        Optional<SigningKey> signing = versions.stream()
                .filter(v -> v.key().algorithm() == algorithm && v.signsAt(at))
                .max(Comparator.comparing(KeyVersion::activateAt))
                .map(KeyVersion::key);
        if (signing.isEmpty()) {
            return Optional.empty();
        }
        // The signing key first: a verifier that tries keys in order finds it at once
        List<SigningKey> published = new ArrayList<>();
        published.add(signing.get());
        versions.stream().filter(v -> v.publishedAt(at) && v.key() != signing.get()).map(KeyVersion::key)
                .forEach(published::add);
        Instant validUntil = versions.stream()
                .flatMap(v -> Stream.concat(Stream.of(v.activateAt()), v.retireAt().stream()))
                .filter(at::isBefore)
                .min(Comparator.naturalOrder())
                .orElse(Instant.MAX);
        try {
            return Optional.of(new TenantKeys(signing.get(), published, JSON.writeValueAsString(Jwks.of(published)),
                    validUntil, versions));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether an activation or retirement has passed since this selection was made. */
    boolean staleAt(Instant at) {
        return !at.isBefore(validUntil);
    }
}
