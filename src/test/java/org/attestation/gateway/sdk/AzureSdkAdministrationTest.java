package org.attestation.gateway.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.security.attestation.AttestationAdministrationClient;
import com.azure.security.attestation.AttestationAdministrationClientBuilder;
import com.azure.security.attestation.models.AttestationPolicySetOptions;
import com.azure.security.attestation.models.AttestationSigningKey;
import com.azure.security.attestation.models.AttestationType;
import com.azure.security.attestation.models.CertificateModification;
import com.azure.security.attestation.models.PolicyCertificatesModificationResult;
import com.azure.security.attestation.models.PolicyManagementCertificateOptions;
import com.azure.security.attestation.models.PolicyModification;
import com.azure.security.attestation.models.PolicyResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.HashMap;
import org.attestation.gateway.crypto.CryptoProviders;
import org.attestation.gateway.crypto.Pem;
import org.attestation.gateway.policy.ManagementJws;
import org.attestation.gateway.store.PolicySigner;
import org.attestation.gateway.store.Tenant;
import org.attestation.gateway.support.TestGateway;
import org.attestation.gateway.support.TestTls;
import org.attestation.gateway.token.SigningKey;
import org.attestation.gateway.token.SigningKeyFactory;
import org.attestation.gateway.token.TokenAlgorithm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

/**
 * The official SDK's {@code AttestationAdministrationClient} (1.1.29) against a gateway serving HTTPS, in the isolated
 * trust model: the SDK signs every write with a test policy management key, as with an isolated MAA instance.
 */
class AzureSdkAdministrationTest {

    private static final SigningKeyFactory KEYS = new SigningKeyFactory(CryptoProviders.install(), Clock.systemUTC());
    private static final SigningKey SIGNER = KEYS.generate(TokenAlgorithm.RS256, URI.create("https://signer.test"));
    /** The SDK's tests set policies with odd whitespace and compare the text read back. */
    private static final String POLICY = "version =1.0; authorizationrules{=> permit();}; issuancerules{};";

    @TempDir
    static Path dir;

    static TestTls tls;
    static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        tls = TestTls.create(dir);
        Path signers = Files.writeString(dir.resolve("signers.pem"), Pem.encode(Pem.CERTIFICATE, SIGNER.chainDer().get(0)));
        Map<String, String> env = new HashMap<>(tls.settings());
        env.put("GATEWAY_POLICY_SIGNERS", signers.toString());
        gateway = TestGateway.start(TestGateway.config(dir.resolve("data"), env),
                new org.attestation.gateway.evidence.EvidenceVerifiers(java.util.List.of()));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static AttestationAdministrationClient client() {
        return client(gateway.gateway().publicUrl().toString());
    }

    private static AttestationAdministrationClient client(String endpoint) {
        // Isolated MAA instances still get an AAD token from the SDK; this gateway's isolated model checks the JWS
        TokenCredential credential = request -> Mono.just(new AccessToken("test-aad-token", OffsetDateTime.now().plusHours(1)));
        return new AttestationAdministrationClientBuilder()
                .endpoint(endpoint)
                .credential(credential)
                .httpClient(new JdkHttpClientBuilder(HttpClient.newBuilder().sslContext(tls.clientContext())).build())
                .buildClient();
    }

    private static AttestationSigningKey signingKey(SigningKey key) {
        return new AttestationSigningKey(key.chain().get(0), key.privateKey());
    }

    @Test
    void theSdkSetsGetsAndResetsASignedPolicyAndAgreesOnTheTokenHash() {
        AttestationAdministrationClient client = client();
        AttestationPolicySetOptions options = new AttestationPolicySetOptions().setAttestationPolicy(POLICY)
                .setAttestationSigner(signingKey(SIGNER));

        // When the SDK sets the policy, reads it back, then resets it
        PolicyResult set = client.setAttestationPolicy(AttestationType.SGX_ENCLAVE, options);
        String read = client.getAttestationPolicy(AttestationType.SGX_ENCLAVE);
        PolicyResult reset = client.resetAttestationPolicy(AttestationType.SGX_ENCLAVE,
                new AttestationPolicySetOptions().setAttestationSigner(signingKey(SIGNER)));

        // Then the write is Updated with the hash the SDK computes itself, the exact text comes back, and reset Removed
        assertThat(set.getPolicyResolution()).isEqualTo(PolicyModification.UPDATED);
        assertThat(set.getPolicyTokenHash().toBytes()).isEqualTo(client.calculatePolicyTokenHash(POLICY,
                signingKey(SIGNER)).toBytes());
        assertThat(set.getPolicySigner().getCertificates().get(0)).isEqualTo(SIGNER.chain().get(0));
        assertThat(read).isEqualTo(POLICY);
        assertThat(reset.getPolicyResolution()).isEqualTo(PolicyModification.REMOVED);
        assertThat(client.getAttestationPolicy(AttestationType.SGX_ENCLAVE)).isNotEqualTo(POLICY);
    }

    @Test
    void underATenantPathTheSdkManagesThatTenantsPolicyOnly() throws Exception {
        // Given a tenant whose policy management certificate is the test signer
        var store = gateway.gateway().store();
        store.tenants().create(new Tenant("fabrikam", Instant.now()), "test").toCompletionStage().toCompletableFuture().get();
        store.policySigners().add(new PolicySigner("fabrikam", ManagementJws.thumbprint(SIGNER.chain().get(0)),
                SIGNER.chainDer().get(0), Instant.now()), "test").toCompletionStage().toCompletableFuture().get();
        AttestationAdministrationClient tenant = client(gateway.gateway().publicUrl() + "/tenants/fabrikam");

        // When the SDK sets an Open Enclave policy there
        PolicyResult set = tenant.setAttestationPolicy(AttestationType.OPEN_ENCLAVE, new AttestationPolicySetOptions()
                .setAttestationPolicy(POLICY).setAttestationSigner(signingKey(SIGNER)));

        // Then the tenant has it, the default tenant does not, and the tenant lists its own certificate
        assertThat(set.getPolicyResolution()).isEqualTo(PolicyModification.UPDATED);
        assertThat(tenant.getAttestationPolicy(AttestationType.OPEN_ENCLAVE)).isEqualTo(POLICY);
        assertThat(client().getAttestationPolicy(AttestationType.OPEN_ENCLAVE)).isNotEqualTo(POLICY);
        assertThat(tenant.listPolicyManagementCertificates().getAttestationSigners()).singleElement()
                .satisfies(signer -> assertThat(signer.getCertificates().get(0)).isEqualTo(SIGNER.chain().get(0)));
    }

    @Test
    void theSdkListsAddsAndRemovesPolicyManagementCertificates() {
        AttestationAdministrationClient client = client();
        SigningKey newcomer = KEYS.generate(TokenAlgorithm.RS256, URI.create("https://newcomer.test"));

        // When the SDK lists the certificates, adds one, lists again, then removes it
        int before = client.listPolicyManagementCertificates().getAttestationSigners().size();
        PolicyCertificatesModificationResult added = client.addPolicyManagementCertificate(
                new PolicyManagementCertificateOptions(newcomer.chain().get(0), signingKey(SIGNER)));
        int during = client.listPolicyManagementCertificates().getAttestationSigners().size();
        PolicyCertificatesModificationResult removed = client.deletePolicyManagementCertificate(
                new PolicyManagementCertificateOptions(newcomer.chain().get(0), signingKey(SIGNER)));

        // Then the gateway reports presence and absence with the certificate's thumbprint
        assertThat(before).isEqualTo(1);
        assertThat(added.getCertificateResolution()).isEqualTo(CertificateModification.IS_PRESENT);
        assertThat(added.getCertificateThumbprint()).isEqualTo(removed.getCertificateThumbprint()).isNotBlank();
        assertThat(during).isEqualTo(2);
        assertThat(removed.getCertificateResolution()).isEqualTo(CertificateModification.IS_ABSENT);
        assertThat(client.listPolicyManagementCertificates().getAttestationSigners()).hasSize(1);
    }
}
