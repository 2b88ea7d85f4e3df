package org.attestation.gateway.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import org.attestation.gateway.config.ConfigException;
import org.attestation.gateway.crypto.CryptoProviders;
import org.attestation.gateway.policy.ManagementJws;
import org.attestation.gateway.store.PolicySigner;
import org.attestation.gateway.store.Tenant;
import org.attestation.gateway.support.PolicyWrites;
import org.attestation.gateway.token.SigningKey;
import org.attestation.gateway.token.SigningKeyFactory;
import org.attestation.gateway.token.TokenAlgorithm;
import org.attestation.gateway.support.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bearer trust model: administrators' tokens checked with vertx-auth-jwt; unsigned policies allowed. */
class BearerTrustModelTest {

    private static final String ISSUER = "https://login.example.test";
    private static final String AUDIENCE = "attestation-gateway";
    private static final String POLICY = "version=1.0; authorizationrules{ => permit(); };";

    @TempDir
    static Path dir;

    static RSAKey adminKey;
    static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        adminKey = new RSAKeyGenerator(2048).keyID("admin-1").algorithm(JWSAlgorithm.RS256).generate();
        Path jwks = Files.writeString(dir.resolve("jwks.json"), new JWKSet(adminKey.toPublicJWK()).toString());
        gateway = TestGateway.start(dir.resolve("data"), Map.of("GATEWAY_ADMIN_JWT_ISSUER", ISSUER,
                "GATEWAY_ADMIN_JWT_AUDIENCE", AUDIENCE, "GATEWAY_ADMIN_JWKS_FILE", jwks.toString()));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    static String adminToken(String audience, Date expires) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("admin-1").build(),
                new JWTClaimsSet.Builder().issuer(ISSUER).audience(audience).subject("alice").expirationTime(expires)
                        .build());
        jwt.sign(new RSASSASigner(adminKey));
        return jwt.serialize();
    }

    static String unsignedPolicy(String text) {
        Base64.Encoder b64url = Base64.getUrlEncoder().withoutPadding();
        String payload = new JsonObject().put("AttestationPolicy", b64url.encodeToString(text.getBytes(StandardCharsets.UTF_8)))
                .encode();
        return "eyJhbGciOiJub25lIn0." + b64url.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".";
    }

    private static HttpResponse<String> put(String bearer) {
        return put("", unsignedPolicy(POLICY), bearer);
    }

    private static HttpResponse<String> put(String tenantPath, String body, String bearer) {
        var request = HttpRequest.newBuilder(gateway.url(tenantPath + "/policies/SgxEnclave?api-version=2022-08-01"))
                .header("Content-Type", "text/plain").PUT(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return TestGateway.send(request.build());
    }

    @Test
    void anAdministratorSetsAnUnsignedPolicy() throws Exception {
        HttpResponse<String> response = put(adminToken(AUDIENCE, new Date(System.currentTimeMillis() + 60_000)));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(gateway.gateway().store().audit().list(Tenant.DEFAULT).toCompletionStage().toCompletableFuture().get())
                .anySatisfy(entry -> assertThat(entry.actor()).isEqualTo("bearer:alice"));
    }

    @Test
    void writesWithoutAValidAdministratorTokenAre401() throws Exception {
        assertThat(put(null).statusCode()).isEqualTo(401);
        assertThat(put(adminToken("someone-else", new Date(System.currentTimeMillis() + 60_000))).statusCode()).isEqualTo(401);
        HttpResponse<String> expired = put(adminToken(AUDIENCE, new Date(System.currentTimeMillis() - 600_000)));
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(new JsonObject(expired.body()).getJsonObject("error").getString("code")).isEqualTo("Unauthorized");
    }

    @Test
    void aTenantWithCertificatesNeedsBothTheBearerAndItsSignature() throws Exception {
        // Given a tenant with a policy management certificate, on a gateway with the bearer model
        SigningKey signer = new SigningKeyFactory(CryptoProviders.install(), Clock.systemUTC())
                .generate(TokenAlgorithm.RS256, URI.create("https://signer.test"));
        var store = gateway.gateway().store();
        store.tenants().create(new Tenant("fabrikam", Instant.now()), "test").toCompletionStage().toCompletableFuture().get();
        store.policySigners().add(new PolicySigner("fabrikam", ManagementJws.thumbprint(signer.chain().get(0)),
                signer.chainDer().get(0), Instant.now()), "test").toCompletionStage().toCompletableFuture().get();
        String bearer = adminToken(AUDIENCE, new Date(System.currentTimeMillis() + 60_000));
        String signed = PolicyWrites.jws(signer, PolicyWrites.policyPayload(POLICY));

        // When it is written signed and with the bearer, unsigned with the bearer, and signed without it
        HttpResponse<String> both = put("/tenants/fabrikam", signed, bearer);
        HttpResponse<String> unsigned = put("/tenants/fabrikam", unsignedPolicy(POLICY), bearer);
        HttpResponse<String> noBearer = put("/tenants/fabrikam", signed, null);

        // Then only the write with both is taken
        assertThat(both.statusCode()).as(both.body()).isEqualTo(200);
        assertThat(unsigned.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(unsigned.body()).getJsonObject("error").getString("code")).isEqualTo("InvalidOperation");
        assertThat(noBearer.statusCode()).isEqualTo(401);
    }

    @Test
    void aSignedPolicyIsAlsoTakenFromAnAdministratorOfATenantWithoutCertificates() throws Exception {
        // Given a policy signed by a key the default tenant does not know, sent with an administrator's token
        SigningKey someone = new SigningKeyFactory(CryptoProviders.install(), Clock.systemUTC())
                .generate(TokenAlgorithm.RS256, URI.create("https://someone.test"));
        String signed = PolicyWrites.jws(someone, PolicyWrites.policyPayload(POLICY));

        // When it is written
        HttpResponse<String> response = put("", signed, adminToken(AUDIENCE, new Date(System.currentTimeMillis() + 60_000)));

        // Then the bearer authorizes it: without certificates, the signature is not what grants the write
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void bearerSettingsComeTogether() {
        assertThatThrownBy(() -> TestGateway.config(dir.resolve("x"), Map.of("GATEWAY_ADMIN_JWT_ISSUER", ISSUER)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("GATEWAY_ADMIN_JWT_AUDIENCE (policy.adminJwtAudience) = \"\": must be set with");
    }

    @Test
    void tenantsAreManagedByAdministratorsOnly() throws Exception {
        // Given an administrator's token
        String bearer = adminToken(AUDIENCE, new Date(System.currentTimeMillis() + 60_000));

        // When tenants are created and listed with and without it
        HttpResponse<String> anonymousCreate = tenants("PUT", "/tenants/woodgrove", null);
        HttpResponse<String> anonymousList = tenants("GET", "/tenants", null);
        HttpResponse<String> created = tenants("PUT", "/tenants/woodgrove", bearer);
        HttpResponse<String> list = tenants("GET", "/tenants", bearer);
        HttpResponse<String> deleted = tenants("DELETE", "/tenants/woodgrove", bearer);

        // Then only the administrator's calls are taken, and audited under the administrator's name
        assertThat(anonymousCreate.statusCode()).isEqualTo(401);
        assertThat(anonymousList.statusCode()).isEqualTo(401);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(list.body()).contains("\"woodgrove\"");
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(gateway.gateway().store().audit().list("woodgrove").toCompletionStage().toCompletableFuture().get())
                .extracting(entry -> entry.action() + " by " + entry.actor())
                .containsExactly("tenant.create by bearer:alice", "tenant.delete by bearer:alice");
    }

    private static HttpResponse<String> tenants(String method, String path, String bearer) {
        var request = HttpRequest.newBuilder(gateway.url(path + "?api-version=2022-08-01"))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return TestGateway.send(request.build());
    }
}
