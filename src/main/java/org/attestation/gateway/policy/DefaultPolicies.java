package org.attestation.gateway.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.attestation.gateway.evidence.AttestationType;

/**
 * The policies of {@code conf/policies/} (embedded in the jar): what a tenant gets for an attestation
 * type until it sets its own, as MAA does. No TPM default exists, as in MAA.
 */
public final class DefaultPolicies {

    private static final Map<AttestationType, PolicySyntax.Policy> POLICIES = load();

    private DefaultPolicies() {
    }

    public static Optional<PolicySyntax.Policy> of(AttestationType type) {
        return Optional.ofNullable(POLICIES.get(type));
    }

    private static Map<AttestationType, PolicySyntax.Policy> load() {
        Map<AttestationType, PolicySyntax.Policy> policies = new EnumMap<>(AttestationType.class);
        for (AttestationType type : AttestationType.values()) {
            try (InputStream in = DefaultPolicies.class.getResourceAsStream("/conf/policies/" + type.apiName() + ".txt")) {
                if (in != null) {
                    policies.put(type, PolicyParser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return policies;
    }
}
