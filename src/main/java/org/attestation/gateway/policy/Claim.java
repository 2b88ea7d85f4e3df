package org.attestation.gateway.policy;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * A claim as MAA policies see it (maa-api.md §2.2).
 *
 * @param value a {@code String}, a {@code Long} (an {@code Integer} is widened), a {@code Boolean}, or, from
 *     policy v1.2, a set of those (any collection is copied into an immutable set that keeps its order)
 * @param valueType {@code String}, {@code Integer}, {@code Boolean} or {@code Set}; {@link #of} derives it from
 *     the value. It is a label: comparisons use the value's own type.
 */
public record Claim(String type, Object value, String valueType, Issuer issuer) {

    /** Who made the claim: the evidence, this policy, or the attesting client. */
    public enum Issuer {
        ATTESTATION_SERVICE("AttestationService"), ATTESTATION_POLICY("AttestationPolicy"), CUSTOM_CLAIM("CustomClaim");

        private final String text;

        Issuer(String text) {
            this.text = text;
        }

        /** The name policies compare against, e.g. {@code issuer=="AttestationService"}. */
        public String text() {
            return text;
        }
    }

    public Claim {
        Objects.requireNonNull(type, "type");
        value = normalize(value);
        Objects.requireNonNull(valueType, "valueType");
        Objects.requireNonNull(issuer, "issuer");
    }

    public static Claim of(String type, Object value, Issuer issuer) {
        return new Claim(type, value, valueTypeOf(value), issuer);
    }

    /** The type of a claim value: {@code Integer}, {@code Boolean}, {@code String} or {@code Set}. */
    static String valueTypeOf(Object value) {
        if (value instanceof Long || value instanceof Integer) {
            return "Integer";
        }
        if (value instanceof Boolean) {
            return "Boolean";
        }
        return value instanceof Collection ? "Set" : "String";
    }

    /** A value as claims hold it: integers widened, collections copied into an immutable ordered set. */
    static Object normalize(Object value) {
        if (value instanceof Collection<?> elements) {
            Set<Object> set = new LinkedHashSet<>();
            for (Object element : elements) {
                set.add(scalar(element));
            }
            return Collections.unmodifiableSet(set);
        }
        return scalar(value);
    }

    private static Object scalar(Object value) {
        if (value instanceof Integer number) {
            return number.longValue();
        }
        if (value instanceof String || value instanceof Long || value instanceof Boolean) {
            return value;
        }
        String found = value == null ? "null" : value.getClass().getSimpleName();
        throw new IllegalArgumentException("a claim value is a string, a whole number, a boolean or a set of them, not "
                + found);
    }
}
