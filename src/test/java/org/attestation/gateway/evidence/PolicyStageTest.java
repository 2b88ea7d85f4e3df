package org.attestation.gateway.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.attestation.gateway.policy.Claim;
import org.attestation.gateway.policy.PolicyCache;
import org.attestation.gateway.policy.PolicyEvaluationException;
import org.attestation.gateway.policy.PolicyEvaluator;
import org.attestation.gateway.policy.PolicyHash;
import org.attestation.gateway.store.FileSigningKeys;
import org.attestation.gateway.store.MemoryStore;
import org.attestation.gateway.store.StoredPolicy;
import org.attestation.gateway.store.Tenant;
import org.attestation.gateway.token.TokenRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The policy step alone: which policy is in force, what it turns into, and how a change takes effect. */
@ExtendWith(VertxExtension.class)
class PolicyStageTest {

    @TempDir
    Path dataDir;

    private MemoryStore store;
    private PolicyStage stage;

    @BeforeEach
    void setUp(Vertx vertx) {
        store = new MemoryStore(new FileSigningKeys(vertx, dataDir), Clock.systemUTC());
        stage = new PolicyStage(store, new PolicyCache(16), new PolicyEvaluator());
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static AttestationRequest request(AttestationType type, Optional<String> draft) {
        return new AttestationRequest(Tenant.DEFAULT, type, new byte[] {1}, Optional.empty(), Optional.empty(), draft,
                Optional.of("n-1"));
    }

    private static VerifiedEvidence evidence(AttestationType type) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("x-ms-sgx-svn", 7);
        claims.put("x-ms-sgx-mrsigner", "ab".repeat(32));
        claims.put("x-ms-sgx-is-debuggable", false);
        claims.put("x-ms-sgx-collateral", Map.of("qeidhash", "00"));
        claims.put("attester_advisory_ids", List.of("INTEL-SA-00615"));
        return new VerifiedEvidence(type, claims);
    }

    private void store(AttestationType type, String text) throws Exception {
        await(store.policies().put(new StoredPolicy(Tenant.DEFAULT, type, text, "jws", Optional.empty(), 0,
                Instant.now()), "test"));
    }

    @Test
    void tpmHasNoDefaultPolicySoAttestationWaitsForOne() {
        // When TPM evidence reaches the policy step before any Tpm policy was set
        Future<TokenRequest> token = stage.apply(request(AttestationType.TPM, Optional.empty()),
                evidence(AttestationType.TPM));

        // Then it fails with MAA's message, and no token is made
        assertThatThrownBy(() -> await(token)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(PolicyNotSetException.class)
                .hasMessage("A VBS attestation policy has not been set on the attestation provider.");
    }

    @Test
    void aChangedPolicyIsInForceForTheNextRequest() throws Exception {
        // Given a stored policy already loaded by the stage
        store(AttestationType.SGX_ENCLAVE, "version=1.0; authorizationrules{=>permit();};");
        await(stage.apply(request(AttestationType.SGX_ENCLAVE, Optional.empty()), evidence(AttestationType.SGX_ENCLAVE)));

        // When it is replaced by one that denies
        store(AttestationType.SGX_ENCLAVE, "version=1.0; authorizationrules{=>deny();};");

        // Then the next request is judged by the new one
        assertThatThrownBy(() -> await(stage.apply(request(AttestationType.SGX_ENCLAVE, Optional.empty()),
                evidence(AttestationType.SGX_ENCLAVE))))
                .cause().isInstanceOf(PolicyEvaluationException.class).hasMessage(PolicyEvaluationException.DENY_ISSUED);

        // And after a reset the default is in force again
        await(store.policies().remove(Tenant.DEFAULT, AttestationType.SGX_ENCLAVE, "test"));
        assertThat(await(stage.apply(request(AttestationType.SGX_ENCLAVE, Optional.empty()),
                evidence(AttestationType.SGX_ENCLAVE))).claims()).containsKey("sgx-mrsigner");
    }

    @Test
    void theTokenCarriesEvidenceIssuedClaimsHashNonceAndProperties() throws Exception {
        // Given a policy that issues a claim and shortens the token's lifetime
        String text = """
                version=1.2;
                configurationrules { => issueproperty(type="report_validity_in_minutes", value=5); };
                authorizationrules { c:[type=="x-ms-sgx-svn", value>=7] => permit(); };
                issuancerules { c:[type=="x-ms-sgx-svn"] => issue(type="svn-seen", value=c.value); };
                """;
        store(AttestationType.SGX_ENCLAVE, text);

        // When evidence passes it
        TokenRequest token = await(stage.apply(request(AttestationType.SGX_ENCLAVE, Optional.empty()),
                evidence(AttestationType.SGX_ENCLAVE)));

        // Then the token to sign has all of it, and is signed
        assertThat(token.claims()).containsEntry("svn-seen", 7L).containsEntry("x-ms-sgx-svn", 7)
                .containsEntry("x-ms-policy-hash", PolicyHash.of(text)).containsEntry("nonce", "n-1")
                .containsEntry("x-ms-attestation-type", "sgx");
        assertThat(token.lifetime()).hasValue(Duration.ofMinutes(5));
        assertThat(token.unsecured()).isFalse();
    }

    @Test
    void aDraftIsEvaluatedInsteadOfTheStoredPolicyAndMarksTheTokenUnsecured() throws Exception {
        store(AttestationType.SGX_ENCLAVE, "version=1.0; authorizationrules{=>deny();};");
        String draft = "version=1.0; authorizationrules{=>permit();};";

        TokenRequest token = await(stage.apply(request(AttestationType.SGX_ENCLAVE, Optional.of(draft)),
                evidence(AttestationType.SGX_ENCLAVE)));

        assertThat(token.unsecured()).isTrue();
        assertThat(token.claims()).containsEntry("x-ms-policy-hash", PolicyHash.of(draft));
    }

    @Test
    void policiesSeeNumbersAsIntegersAndStructuresAsJsonText() {
        // When the evidence claims are presented to a policy
        List<Claim> incoming = PolicyStage.incoming(evidence(AttestationType.SGX_ENCLAVE));

        // Then numbers are the policy language's integers, and objects and lists are JSON text
        assertThat(incoming).extracting(Claim::type, Claim::value).contains(
                org.assertj.core.groups.Tuple.tuple("x-ms-sgx-svn", 7L),
                org.assertj.core.groups.Tuple.tuple("x-ms-sgx-is-debuggable", false),
                org.assertj.core.groups.Tuple.tuple("x-ms-sgx-collateral", "{\"qeidhash\":\"00\"}"),
                org.assertj.core.groups.Tuple.tuple("attester_advisory_ids", "[\"INTEL-SA-00615\"]"));
        assertThat(incoming).allMatch(claim -> claim.issuer() == Claim.Issuer.ATTESTATION_SERVICE);
    }
}
