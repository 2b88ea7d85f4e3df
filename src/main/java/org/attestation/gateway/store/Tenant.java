package org.attestation.gateway.store;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/** An attestation provider: its own policies, signers, signing keys and issuer URL. */
public record Tenant(String name, Instant createdAt) {

    /** The tenant served at {@code /}. */
    public static final String DEFAULT = "default";

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    public Tenant {
        Objects.requireNonNull(createdAt, "createdAt");
        if (!isValidName(name)) {
            throw new IllegalArgumentException("a tenant name is 1 to 63 lower-case letters, digits and dashes");
        }
    }

    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }
}
