package org.attestation.gateway.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.util.BinaryData;
import com.azure.security.attestation.AttestationClient;
import com.azure.security.attestation.AttestationClientBuilder;
import com.azure.security.attestation.models.AttestationOptions;
import com.azure.security.attestation.models.AttestationResult;
import com.azure.security.attestation.models.AttestationSigner;
import com.azure.security.attestation.models.AttestationTokenValidationOptions;
import java.util.List;
import java.util.Map;
import org.attestation.gateway.store.Tenant;
import org.attestation.gateway.support.P1Gateway;
import org.attestation.gateway.support.SharedVectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The official Azure Attestation SDK for Java (1.1.29) against a gateway started here, token validation on. The SDK
 * talks through the JDK HttpClient (its Netty transport would clash with Vert.x's Netty).
 */
class AzureSdkAttestationTest {

    private static final String P1_QUOTE = "dcap/phala-dcap-qvl/sgx_quote";

    @RegisterExtension
    static final P1Gateway P1_GATEWAY = new P1Gateway(Map.of());

    private static AttestationClient client() {
        return client(P1_GATEWAY.gateway().url("/").toString().replaceAll("/$", ""));
    }

    private static AttestationClient client(String endpoint) {
        return new AttestationClientBuilder().endpoint(endpoint).httpClient(new JdkHttpClientBuilder().build())
                .tokenValidationOptions(new AttestationTokenValidationOptions().setExpectedIssuer(endpoint)
                        .setValidationSlack(java.time.Duration.ofSeconds(10)))
                .buildClient();
    }

    @Test
    void theSdkAttestsARealSgxQuoteAndValidatesTheToken() {
        // When the SDK attests P1's quote, validating the token's signature against /certs, its times and issuer
        AttestationResult result = client().attestSgxEnclave(BinaryData.fromBytes(SharedVectors.bytes(P1_QUOTE)));

        // Then the result carries the enclave's identity and the policy the gateway applied
        assertThat(result.getMrEnclave()).isNotBlank();
        assertThat(result.getMrSigner()).isNotBlank();
        assertThat(result.getPolicyHash()).isNotNull();
        assertThat(result.getIssuer()).isEqualTo(P1_GATEWAY.gateway().url("/").toString().replaceAll("/$", ""));
    }

    @Test
    void theTokenTheSdkAcceptedVerifiesAgainstTheGatewaysCertsIndependently() throws Exception {
        // Given the raw token of an SDK attestation (1.1.29 accepts a token that matches no key, so check it here)
        var response = client().attestSgxEnclaveWithResponse(
                new AttestationOptions(BinaryData.fromBytes(SharedVectors.bytes(P1_QUOTE))), com.azure.core.util.Context.NONE);
        var jwt = com.nimbusds.jwt.SignedJWT.parse(response.getToken().serialize());

        // When it is verified with the key /certs publishes under its kid
        var keys = com.nimbusds.jose.jwk.JWKSet.parse(P1_GATEWAY.gateway().get("/certs").body());
        var key = keys.getKeyByKeyId(jwt.getHeader().getKeyID()).toRSAKey();

        // Then the signature holds
        assertThat(jwt.verify(new com.nimbusds.jose.crypto.RSASSAVerifier(key))).isTrue();
    }

    @Test
    void theSdkRejectsTheTokenWhenItExpectsAnotherIssuer() {
        // Given an SDK client that expects a different issuer
        AttestationClient strict = new AttestationClientBuilder().endpoint(P1_GATEWAY.gateway().url("/").toString().replaceAll("/$", ""))
                .httpClient(new JdkHttpClientBuilder().build())
                .tokenValidationOptions(new AttestationTokenValidationOptions().setExpectedIssuer("https://other.test"))
                .buildClient();

        // When it attests, then its validation refuses the token: the validation the other tests rely on is on
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> strict.attestSgxEnclave(
                BinaryData.fromBytes(SharedVectors.bytes(P1_QUOTE)))).hasMessageContaining("issuer");
    }

    @Test
    void theSdkAttestsAnOpenEnclaveReportAroundTheSameQuote() {
        // Given the OE report: {u32 version=1, u32 type=2 (SGX remote), u64 quote size} + the quote, little-endian
        byte[] quote = SharedVectors.bytes(P1_QUOTE);
        byte[] report = java.nio.ByteBuffer.allocate(16 + quote.length).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .putInt(1).putInt(2).putLong(quote.length).put(quote).array();

        // When the SDK attests it as Open Enclave evidence
        AttestationResult result = client().attestOpenEnclave(BinaryData.fromBytes(report));

        // Then it is the same enclave
        assertThat(result.getMrEnclave()).isEqualTo(client().attestSgxEnclave(BinaryData.fromBytes(quote)).getMrEnclave());
    }

    @Test
    void theSameCallsWorkUnderATenantPathWithTheTenantsOwnIssuer() throws Exception {
        // Given a tenant, addressed by the SDK as its own endpoint
        P1_GATEWAY.gateway().gateway().store().tenants().create(new Tenant("contoso", java.time.Instant.now()), "test")
                .toCompletionStage().toCompletableFuture().get();
        String endpoint = P1_GATEWAY.gateway().url("/tenants/contoso").toString();
        AttestationClient tenant = client(endpoint);

        // When it attests, reads the signers and the metadata there
        AttestationResult result = tenant.attestSgxEnclave(BinaryData.fromBytes(SharedVectors.bytes(P1_QUOTE)));
        var metadata = tenant.getOpenIdMetadata();

        // Then everything names the tenant's endpoint, and the token validated against the tenant's /certs
        assertThat(result.getIssuer()).isEqualTo(endpoint);
        assertThat(metadata.getIssuer()).isEqualTo(endpoint);
        assertThat(tenant.listAttestationSigners().getAttestationSigners()).isNotEmpty();
    }

    @Test
    void theSdkReadsTheSignersAndTheOpenIdMetadata() {
        // When the SDK reads the gateway's signers and metadata
        List<AttestationSigner> signers = client().listAttestationSigners().getAttestationSigners();
        var metadata = client().getOpenIdMetadata();

        // Then each signer has its certificate and the metadata names this gateway
        assertThat(signers).isNotEmpty().allSatisfy(signer -> assertThat(signer.getCertificates()).isNotEmpty());
        assertThat(metadata.getJsonWebKeySetUrl()).isEqualTo(metadata.getIssuer() + "/certs");
    }

    @Test
    void theSdkAttestsWithADraftPolicyAndGetsAnUnsecuredToken() {
        // When a draft policy is sent along
        AttestationResult result = client().attestSgxEnclave(new AttestationOptions(
                BinaryData.fromBytes(SharedVectors.bytes(P1_QUOTE)))
                .setDraftPolicyForAttestation("version=1.0; authorizationrules{=>permit();}; issuancerules{};"));

        // Then the SDK accepts the unsecured token it gets back
        assertThat(result.getMrEnclave()).isNotBlank();
    }
}
