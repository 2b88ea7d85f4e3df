package org.attestation.gateway.store;

import java.util.Objects;

/**
 * A change to shared state, published to every replica so that caches follow within a second.
 * {@link Kind#EVERYTHING} asks for a full resynchronisation: changes made while a replica was
 * disconnected are never delivered to it.
 */
public record StoreChange(Kind kind, String tenant, String subject) {

    public enum Kind {
        TENANT, POLICY, POLICY_SIGNER, SIGNING_KEY, EVERYTHING
    }

    public StoreChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(subject, "subject");
    }

    public static StoreChange everything() {
        return new StoreChange(Kind.EVERYTHING, "*", "*");
    }

    /** Whether a cache of {@code kind} for {@code tenant} must reload; a tenant created or deleted affects all of its. */
    public boolean affects(Kind cache, String cachedTenant) {
        return kind == Kind.EVERYTHING
                || (kind == cache || kind == Kind.TENANT) && (tenant.equals(cachedTenant) || tenant.equals("*"));
    }
}
