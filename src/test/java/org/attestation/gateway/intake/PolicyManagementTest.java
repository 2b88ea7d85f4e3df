package org.attestation.gateway.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attestation.gateway.support.PolicyWrites.jws;
import static org.attestation.gateway.support.PolicyWrites.policyPayload;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.attestation.gateway.crypto.CryptoProviders;
import org.attestation.gateway.crypto.Pem;
import org.attestation.gateway.store.AuditEntry;
import org.attestation.gateway.store.Tenant;
import org.attestation.gateway.support.TestGateway;
import org.attestation.gateway.token.SigningKey;
import org.attestation.gateway.token.SigningKeyFactory;
import org.attestation.gateway.token.TokenAlgorithm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MAA's policy and certificate management, isolated trust model, with bodies signed by Nimbus JOSE+JWT. */
class PolicyManagementTest {

    private static final SigningKeyFactory KEYS = new SigningKeyFactory(CryptoProviders.install(), Clock.systemUTC());
    private static final SigningKey SIGNER = KEYS.generate(TokenAlgorithm.RS256, URI.create("https://signer.test"));
    private static final SigningKey STRANGER = KEYS.generate(TokenAlgorithm.RS256, URI.create("https://stranger.test"));
    private static final String POLICY = "version=1.0; authorizationrules{ => permit(); }; issuancerules{ };";
    private static final String QUERY = "?api-version=2022-08-01";

    @TempDir
    static Path dir;

    static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        Path signers = Files.writeString(dir.resolve("signers.pem"), Pem.encode(Pem.CERTIFICATE, SIGNER.chainDer().get(0)));
        gateway = TestGateway.start(dir.resolve("data"), Map.of("GATEWAY_POLICY_SIGNERS", signers.toString()));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static HttpResponse<String> send(String method, String path, String contentType, String body) {
        return TestGateway.send(HttpRequest.newBuilder(gateway.url(path + QUERY)).header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static JsonObject claims(HttpResponse<String> response) {
        String token = new JsonObject(response.body()).getString("token");
        return new JsonObject(new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1])));
    }

    private static String policyText(HttpResponse<String> getResponse) {
        String jws = claims(getResponse).getString("x-ms-policy");
        JsonObject payload = new JsonObject(new String(java.util.Base64.getUrlDecoder().decode(jws.split("\\.")[1])));
        return new String(java.util.Base64.getUrlDecoder().decode(payload.getString("AttestationPolicy")));
    }

    private static String errorCode(HttpResponse<String> response) {
        return new JsonObject(response.body()).getJsonObject("error").getString("code");
    }

    @Test
    void signedPolicyIsSetReadBackExactlyAndAudited() throws Exception {
        // Given a policy JWS signed by the registered policy management certificate
        String body = jws(SIGNER, policyPayload(POLICY));

        // When it is PUT as text/plain
        HttpResponse<String> set = send("PUT", "/policies/TdxVm", "text/plain", body);

        // Then the answer is an MAA token with the result, the hash of the JWS received, and the signer
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        JsonObject result = claims(set);
        assertThat(result.getString("x-ms-policy-result")).isEqualTo("Updated");
        assertThat(result.getString("x-ms-policy-token-hash")).isEqualTo(java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8))));
        assertThat(result.getJsonObject("x-ms-policy-signer").getJsonArray("x5c").getString(0))
                .isEqualTo(SIGNER.x5c().get(0));
        assertThat(result.getLong("exp") - result.getLong("iat")).isEqualTo(3600);
        // And GET returns the exact text, and the audit log names the signer with the policy hash
        assertThat(policyText(send("GET", "/policies/TdxVm", "text/plain", ""))).isEqualTo(POLICY);
        List<AuditEntry> audit = gateway.gateway().store().audit().list(Tenant.DEFAULT).toCompletionStage()
                .toCompletableFuture().get();
        assertThat(audit).anySatisfy(entry -> {
            assertThat(entry.action()).isEqualTo("policy.set");
            assertThat(entry.actor()).startsWith("signer:");
            assertThat(entry.policyHash()).isPresent();
        });
    }

    @Test
    void jsonQuotedBodyIsAcceptedAndResetRestoresTheDefault() throws Exception {
        String quoted = "\"" + jws(SIGNER, policyPayload(POLICY)) + "\"";
        assertThat(send("PUT", "/policies/OpenEnclave", "application/json", quoted).statusCode()).isEqualTo(200);

        HttpResponse<String> reset = send("POST", "/policies/OpenEnclave:reset", "text/plain", jws(SIGNER, ""));

        assertThat(reset.statusCode()).as(reset.body()).isEqualTo(200);
        assertThat(claims(reset).getString("x-ms-policy-result")).isEqualTo("Removed");
        assertThat(policyText(send("GET", "/policies/OpenEnclave", "text/plain", "")))
                .startsWith("// Default Open Enclave policy");
    }

    @Test
    void defaultPolicyIsServedUntilOneIsSet() {
        HttpResponse<String> response = send("GET", "/policies/SgxEnclave", "text/plain", "");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(policyText(response)).contains("x-ms-sgx-tcbidentifier");
        assertThat(claims(send("GET", "/policies/Tpm", "text/plain", "")).containsKey("x-ms-policy")).isFalse();
    }

    @Test
    void unsignedWritesAreRefusedUnderTheIsolatedModel() {
        String unsigned = "eyJhbGciOiJub25lIn0." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(policyPayload(POLICY).getBytes(StandardCharsets.UTF_8)) + ".";

        HttpResponse<String> response = send("PUT", "/policies/SgxEnclave", "text/plain", unsigned);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(errorCode(response)).isEqualTo("InvalidOperation");
        assertThat(send("POST", "/policies/SgxEnclave:reset", "text/plain", "eyJhbGciOiJub25lIn0..").statusCode())
                .isEqualTo(400);
    }

    @Test
    void aWriteSignedByAnUnknownCertificateIs401() throws Exception {
        HttpResponse<String> response = send("PUT", "/policies/SgxEnclave", "text/plain", jws(STRANGER, policyPayload(POLICY)));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(errorCode(response)).isEqualTo("Unauthorized");
    }

    @Test
    void tamperedJwsIsRefused() throws Exception {
        String[] parts = jws(SIGNER, policyPayload(POLICY)).split("\\.");
        String tampered = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(policyPayload("version=1.0; authorizationrules{=>deny();};").getBytes()) + "." + parts[2];

        HttpResponse<String> response = send("PUT", "/policies/SgxEnclave", "text/plain", tampered);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(response.body()).getJsonObject("error").getString("message"))
                .isEqualTo("the JWS signature does not verify with the certificate in its x5c header");
    }

    @Test
    void aBrokenPolicyIsAParsingErrorWithLineAndColumn() throws Exception {
        HttpResponse<String> response = send("PUT", "/policies/SgxEnclave", "text/plain",
                jws(SIGNER, policyPayload("version=1.0; authorizationrules{ => permit() };")));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(errorCode(response)).isEqualTo("PolicyParsingError");
        assertThat(new JsonObject(response.body()).getJsonObject("error").getString("message"))
                .isEqualTo("1:46: expected ';' after the action, found '}'");
    }

    @Test
    void certificatesAreListedAddedAndRemovedButNeverTheLast() throws Exception {
        // Given the configured signer
        var keys = claims(send("GET", "/certificates", "text/plain", "")).getJsonObject("x-ms-policy-certificates")
                .getJsonArray("keys");
        assertThat(keys).hasSize(1);
        assertThat(keys.getJsonObject(0).getString("kty")).isEqualTo("RSA");
        assertThat(keys.getJsonObject(0).getJsonArray("x5c").getString(0)).isEqualTo(SIGNER.x5c().get(0));
        String newcomer = new JsonObject().put("policyCertificate", new JsonObject().put("kty", "X.509")
                .put("x5c", new io.vertx.core.json.JsonArray().add(STRANGER.x5c().get(0)))).encode();

        // When another certificate is added by the signer, as the Java SDK sends it (a JSON string literal)
        HttpResponse<String> added = send("POST", "/certificates:add", "application/json",
                "\"" + jws(SIGNER, newcomer) + "\"");

        // Then it is present, and it can sign writes
        assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
        assertThat(claims(added).getString("x-ms-policycertificates-result")).isEqualTo("IsPresent");
        assertThat(claims(added).getString("x-ms-certificate-thumbprint")).matches("[0-9A-F]{40}");
        assertThat(send("PUT", "/policies/SevSnpVm", "text/plain", jws(STRANGER, policyPayload(POLICY))).statusCode())
                .isEqualTo(200);

        // And it can be removed again, but the last certificate cannot
        HttpResponse<String> removed = send("POST", "/certificates:remove", "application/json", jws(SIGNER, newcomer));
        assertThat(claims(removed).getString("x-ms-policycertificates-result")).isEqualTo("IsAbsent");
        String self = new JsonObject().put("policyCertificate", new JsonObject()
                .put("x5c", new io.vertx.core.json.JsonArray().add(SIGNER.x5c().get(0)))).encode();
        HttpResponse<String> last = send("POST", "/certificates:remove", "application/json", jws(SIGNER, self));
        assertThat(last.statusCode()).isEqualTo(400);
        assertThat(errorCode(last)).isEqualTo("InvalidOperation");
    }

    @Test
    void aTenantWithoutSignersAcceptsNoWrite(@TempDir Path other) throws Exception {
        try (TestGateway open = TestGateway.start(other, Map.of())) {
            HttpResponse<String> response = TestGateway.send(HttpRequest.newBuilder(open.url("/policies/SgxEnclave" + QUERY))
                    .header("Content-Type", "text/plain")
                    .PUT(HttpRequest.BodyPublishers.ofString(jws(SIGNER, policyPayload(POLICY)))).build());

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(new JsonObject(response.body()).getJsonObject("error").getString("message"))
                    .startsWith("tenant 'default' has no policy management certificates");
        }
    }
}
