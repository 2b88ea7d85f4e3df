package org.attestation.gateway.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.attestation.gateway.evidence.AttestationType;
import org.attestation.gateway.policy.DefaultPolicies;
import org.attestation.gateway.policy.PolicyEvaluationException;
import org.attestation.gateway.policy.PolicyHash;
import org.attestation.gateway.store.StoredPolicy;
import org.attestation.gateway.store.Tenant;
import org.attestation.gateway.support.FakePcs;
import org.attestation.gateway.support.P1;
import org.attestation.gateway.support.SharedVectors;
import org.attestation.gateway.support.TestGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real SGX quote attested under the default, a stored and a draft policy: what the policy decides is what is issued. */
class AttestationPolicyTest {

    private static final String ATTEST = "/attest/SgxEnclave?api-version=2022-08-01";
    private static final String P1_QUOTE = "dcap/phala-dcap-qvl/sgx_quote";

    @TempDir
    Path dataDir;

    private FakePcs pcs;
    private TestGateway gateway;

    @BeforeEach
    void start() throws Exception {
        pcs = P1.pcs();
        gateway = TestGateway.startVerifying(TestGateway.config(dataDir, P1.settings(pcs, Map.of())));
    }

    @AfterEach
    void stop() {
        gateway.close();
        pcs.close();
    }

    private static String body(Optional<String> draftPolicy) {
        JsonObject body = new JsonObject().put("quote",
                Base64.getUrlEncoder().withoutPadding().encodeToString(SharedVectors.bytes(P1_QUOTE)));
        draftPolicy.ifPresent(text -> body.put("draftPolicyForAttestation", text));
        return body.encode();
    }

    private static JsonObject part(String jwt, int index) {
        return new JsonObject(new String(Base64.getUrlDecoder().decode(jwt.split("\\.", -1)[index]),
                StandardCharsets.UTF_8));
    }

    private void setPolicy(String text) throws Exception {
        gateway.gateway().store().policies()
                .put(new StoredPolicy(Tenant.DEFAULT, AttestationType.SGX_ENCLAVE, text, "jws", Optional.empty(), 0,
                        Instant.now()), "admin:test")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void theDefaultPolicyIssuesMaasLegacyClaimsAndNamesItsHash() {
        // When the quote is attested with no policy set
        HttpResponse<String> response = gateway.post(ATTEST, "application/json", body(Optional.empty()));

        // Then the token carries the default policy's hash and the claims it issues from the evidence
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonObject claims = part(new JsonObject(response.body()).getString("token"), 1);
        String defaultText = DefaultPolicies.of(AttestationType.SGX_ENCLAVE).orElseThrow().text();
        assertThat(claims.getString("x-ms-policy-hash")).isEqualTo(PolicyHash.of(defaultText));
        assertThat(claims.getString("sgx-mrenclave")).isEqualTo(claims.getString("x-ms-sgx-mrenclave")).isNotBlank();
        assertThat(claims.getString("sgx-mrsigner")).isEqualTo(claims.getString("x-ms-sgx-mrsigner"));
        assertThat(claims.getBoolean("is-debuggable")).isEqualTo(claims.getBoolean("x-ms-sgx-is-debuggable"));
        assertThat(claims.getString("tee")).isEqualTo("sgx");
    }

    @Test
    void aStoredPolicyDecidesAndItsIssuedClaimsAreInTheToken() throws Exception {
        // Given a policy that permits only this enclave's signer and issues a claim of its own
        JsonObject evidence = part(new JsonObject(gateway.post(ATTEST, "application/json", body(Optional.empty())).body())
                .getString("token"), 1);
        String policy = """
                version=1.2;
                authorizationrules {
                    [type=="x-ms-sgx-mrsigner", value=="%s"] => permit();
                };
                issuancerules {
                    c:[type=="x-ms-sgx-svn"] => issue(type="app-svn", value=c.value);
                    => issue(type="app-tier", value="gold");
                };
                """.formatted(evidence.getString("x-ms-sgx-mrsigner"));
        setPolicy(policy);

        // When the quote is attested
        HttpResponse<String> response = gateway.post(ATTEST, "application/json", body(Optional.empty()));

        // Then the stored policy's hash and issued claims are in a signed token
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String jwt = new JsonObject(response.body()).getString("token");
        assertThat(part(jwt, 0).getString("alg")).isNotEqualTo("none");
        JsonObject claims = part(jwt, 1);
        assertThat(claims.getString("x-ms-policy-hash")).isEqualTo(PolicyHash.of(policy));
        assertThat(claims.getLong("app-svn")).isEqualTo(evidence.getLong("x-ms-sgx-svn"));
        assertThat(claims.getString("app-tier")).isEqualTo("gold");
        assertThat(claims.containsKey("sgx-mrenclave")).as("the default's claims are not issued").isFalse();
    }

    @Test
    void aPolicyThatDoesNotPermitGetsPolicyEvaluationErrorAndNoToken() throws Exception {
        // Given a policy that permits another signer only, and one that denies debuggable and release enclaves alike
        setPolicy("""
                version=1.0;
                authorizationrules { [type=="x-ms-sgx-mrsigner", value=="%s"] => permit(); };
                """.formatted("00".repeat(32)));

        // When the quote is attested
        HttpResponse<String> notPermitted = gateway.post(ATTEST, "application/json", body(Optional.empty()));
        setPolicy("""
                version=1.0;
                authorizationrules { => permit(); c:[type=="x-ms-sgx-is-debuggable"] => deny(); };
                """);
        HttpResponse<String> denied = gateway.post(ATTEST, "application/json", body(Optional.empty()));

        // Then both are MAA's PolicyEvaluationError, a 400 without a token
        assertThat(notPermitted.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(notPermitted.body()).getJsonObject("error").getString("code"))
                .isEqualTo("PolicyEvaluationError");
        assertThat(notPermitted.body()).doesNotContain("token");
        assertThat(denied.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(denied.body()).getJsonObject("error").getString("message"))
                .isEqualTo(PolicyEvaluationException.DENY_ISSUED);
    }

    @Test
    void aDraftPolicyIsEvaluatedInsteadOfTheStoredOneAndYieldsAnUnsecuredToken() throws Exception {
        // Given a stored policy that would deny
        setPolicy("version=1.0; authorizationrules { => deny(); };");
        String draft = "version=1.0; authorizationrules { => permit(); }; issuancerules { => issue(type=\"draft\", value=true); };";

        // When the quote is attested with a draft policy
        HttpResponse<String> response = gateway.post(ATTEST, "application/json", body(Optional.of(draft)));

        // Then the draft decided, and the token is unsecured so that no relying party can mistake it for a verdict
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String jwt = new JsonObject(response.body()).getString("token");
        assertThat(part(jwt, 0).getString("alg")).isEqualTo("none");
        assertThat(jwt).endsWith(".");
        assertThat(part(jwt, 1).getString("x-ms-policy-hash")).isEqualTo(PolicyHash.of(draft));
        assertThat(part(jwt, 1).getBoolean("draft")).isTrue();
    }

    @Test
    void aBrokenDraftPolicyIsAParsingError() {
        // When the draft is not a policy
        HttpResponse<String> response = gateway.post(ATTEST, "application/json",
                body(Optional.of("version=1.0; authorizationrules { => permit() };")));

        // Then the client is told where, with MAA's code
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(response.body()).getJsonObject("error").getString("code"))
                .isEqualTo("PolicyParsingError");
    }

    @Test
    void failedEvidenceIsRejectedBeforeAnyPolicyIsConsulted() throws Exception {
        // Given a permissive policy and a quote with one flipped signature byte
        setPolicy("version=1.0; authorizationrules { => permit(); };");
        byte[] quote = SharedVectors.bytes(P1_QUOTE);
        quote[quote.length - 10] ^= 1;
        String body = new JsonObject().put("quote", Base64.getUrlEncoder().withoutPadding().encodeToString(quote))
                .encode();

        // When it is attested
        HttpResponse<String> response = gateway.post(ATTEST, "application/json", body);

        // Then no policy can rescue it
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(response.body()).getJsonObject("error").getString("code")).isEqualTo("InvalidParameter");
    }
}
