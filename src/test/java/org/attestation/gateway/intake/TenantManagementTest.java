package org.attestation.gateway.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attestation.gateway.support.PolicyWrites.jws;
import static org.attestation.gateway.support.PolicyWrites.policyPayload;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.attestation.gateway.crypto.CryptoProviders;
import org.attestation.gateway.crypto.Pem;
import org.attestation.gateway.support.TestGateway;
import org.attestation.gateway.token.SigningKey;
import org.attestation.gateway.token.SigningKeyFactory;
import org.attestation.gateway.token.TokenAlgorithm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tenant management (create, list, read, delete) under the default tenant's isolated trust model. */
class TenantManagementTest {

    private static final SigningKeyFactory KEYS = new SigningKeyFactory(CryptoProviders.install(), Clock.systemUTC());
    private static final SigningKey OPERATOR = KEYS.generate(TokenAlgorithm.RS256, URI.create("https://operator.test"));
    private static final SigningKey STRANGER = KEYS.generate(TokenAlgorithm.RS256, URI.create("https://stranger.test"));
    private static final String API = "?api-version=2022-08-01";

    @TempDir
    static Path dir;

    static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        Path signers = Files.writeString(dir.resolve("signers.pem"), Pem.encode(Pem.CERTIFICATE, OPERATOR.chainDer().get(0)));
        gateway = TestGateway.start(dir.resolve("data"), Map.of("GATEWAY_POLICY_SIGNERS", signers.toString()));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static String operation(String operation, String tenant) {
        return new JsonObject().put("operation", operation).put("tenant", tenant).encode();
    }

    private static HttpResponse<String> send(String method, String path, String body) {
        return TestGateway.send(HttpRequest.newBuilder(gateway.url(path))
                .header("Content-Type", "text/plain")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private static String errorCode(HttpResponse<String> response) {
        return new JsonObject(response.body()).getJsonObject("error").getString("code");
    }

    private static List<String> names(HttpResponse<String> list) {
        return new JsonObject(list.body()).getJsonArray("value").stream()
                .map(tenant -> ((JsonObject) tenant).getString("name")).toList();
    }

    @Test
    void anOperatorCreatesListsAndDeletesATenantThatThenServesItsOwnApi() throws Exception {
        // Given a create signed by the default tenant's policy management certificate
        String create = jws(OPERATOR, operation("create", "contoso"));

        // When the tenant is created, listed and used
        HttpResponse<String> created = send("PUT", "/tenants/contoso" + API, create);
        HttpResponse<String> list = gateway.get("/tenants" + API);
        HttpResponse<String> metadata = gateway.get("/tenants/contoso/.well-known/openid-configuration");
        HttpResponse<String> certificates = gateway.get("/tenants/contoso/certificates" + API);

        // Then it exists at its own issuer URL and inherits the signer as its policy management certificate
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String attestUri = gateway.url("/tenants/contoso").toString();
        assertThat(new JsonObject(created.body()).getString("attestUri")).isEqualTo(attestUri);
        assertThat(created.headers().firstValue("Location")).hasValue(attestUri);
        assertThat(names(list)).contains("default", "contoso");
        assertThat(new JsonObject(metadata.body()).getString("issuer")).isEqualTo(attestUri);
        String token = new JsonObject(certificates.body()).getString("token");
        JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1])));
        JsonArray keys = claims.getJsonObject("x-ms-policy-certificates").getJsonArray("keys");
        assertThat(keys).hasSize(1);
        assertThat(keys.getJsonObject(0).getJsonArray("x5c").getString(0))
                .isEqualTo(Base64.getEncoder().encodeToString(OPERATOR.chainDer().get(0)));

        // When it is deleted
        HttpResponse<String> deleted = send("DELETE", "/tenants/contoso" + API, jws(OPERATOR, operation("delete", "contoso")));

        // Then its API is gone and a second delete finds nothing
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
        assertThat(gateway.get("/tenants/contoso/certs").statusCode()).isEqualTo(404);
        assertThat(gateway.get("/tenants/contoso" + API).statusCode()).isEqualTo(404);
        HttpResponse<String> again = send("DELETE", "/tenants/contoso" + API, jws(OPERATOR, operation("delete", "contoso")));
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(errorCode(again)).isEqualTo("NotFound");
    }

    @Test
    void aTenantCreatedAgainAfterADeleteStartsWithoutTheOldPolicyAndKeys() throws Exception {
        // Given a tenant with a policy and a signing key, deleted
        send("PUT", "/tenants/northwind" + API, jws(OPERATOR, operation("create", "northwind")));
        String oldKid = new JsonObject(gateway.get("/tenants/northwind/certs").body()).getJsonArray("keys")
                .getJsonObject(0).getString("kid");
        HttpResponse<String> policy = send("PUT", "/tenants/northwind/policies/SgxEnclave" + API,
                jws(OPERATOR, policyPayload("version=1.0; authorizationrules{ => deny(); };")));
        assertThat(policy.statusCode()).as(policy.body()).isEqualTo(200);
        send("DELETE", "/tenants/northwind" + API, jws(OPERATOR, operation("delete", "northwind")));

        // When a tenant of the same name is created
        HttpResponse<String> recreated = send("PUT", "/tenants/northwind" + API, jws(OPERATOR, operation("create", "northwind")));

        // Then it has the default policy and a key of its own
        assertThat(recreated.statusCode()).isEqualTo(201);
        String newKid = new JsonObject(gateway.get("/tenants/northwind/certs").body()).getJsonArray("keys")
                .getJsonObject(0).getString("kid");
        assertThat(newKid).isNotEqualTo(oldKid);
        assertThat(gateway.gateway().store().policies().find("northwind", org.attestation.gateway.evidence.AttestationType.SGX_ENCLAVE)
                .toCompletionStage().toCompletableFuture().get()).isEmpty();
    }

    @Test
    void aCreateMayNameTheNewTenantsOwnPolicyManagementCertificates() throws Exception {
        // Given a create that names another certificate for the new tenant
        JsonObject payload = new JsonObject(operation("create", "tailspin")).put("policySigningCertificates",
                new JsonObject().put("keys", new JsonArray().add(new JsonObject().put("kty", "RSA")
                        .put("x5c", new JsonArray().add(Base64.getEncoder().encodeToString(STRANGER.chainDer().get(0)))))));

        // When it is created, and a policy is then written by each key
        HttpResponse<String> created = send("PUT", "/tenants/tailspin" + API, jws(OPERATOR, payload.encode()));
        String policy = policyPayload("version=1.0; authorizationrules{ => permit(); };");
        HttpResponse<String> byOperator = send("PUT", "/tenants/tailspin/policies/SgxEnclave" + API, jws(OPERATOR, policy));
        HttpResponse<String> byOwner = send("PUT", "/tenants/tailspin/policies/SgxEnclave" + API, jws(STRANGER, policy));

        // Then only the named certificate manages the tenant
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(byOperator.statusCode()).isEqualTo(401);
        assertThat(byOwner.statusCode()).as(byOwner.body()).isEqualTo(200);
    }

    @Test
    void writesTheTrustModelDoesNotAllowAreRefusedAndChangeNothing() throws Exception {
        // Given bodies that are unsigned, signed by a stranger, for another tenant or operation, or expired
        long past = Instant.now().minusSeconds(60).getEpochSecond();
        Map<String, HttpResponse<String>> answers = Map.of(
                "no body", send("PUT", "/tenants/fabrikam" + API, null),
                "unsigned", send("PUT", "/tenants/fabrikam" + API,
                        "eyJhbGciOiJub25lIn0." + Base64.getUrlEncoder().withoutPadding()
                                .encodeToString(operation("create", "fabrikam").getBytes()) + "."),
                "stranger", send("PUT", "/tenants/fabrikam" + API, jws(STRANGER, operation("create", "fabrikam"))),
                "other tenant", send("PUT", "/tenants/fabrikam" + API, jws(OPERATOR, operation("create", "contoso"))),
                "other operation", send("PUT", "/tenants/fabrikam" + API, jws(OPERATOR, operation("delete", "fabrikam"))),
                "expired", send("PUT", "/tenants/fabrikam" + API,
                        jws(OPERATOR, new JsonObject(operation("create", "fabrikam")).put("exp", past).encode())),
                "no payload", send("PUT", "/tenants/fabrikam" + API, jws(OPERATOR, "")));

        // Then each is refused with its status and code, and the tenant was not created
        Map<String, String> expected = Map.of("no body", "400 InvalidOperation", "unsigned", "400 InvalidOperation",
                "stranger", "401 Unauthorized", "other tenant", "400 InvalidOperation",
                "other operation", "400 InvalidOperation", "expired", "400 InvalidOperation",
                "no payload", "400 InvalidOperation");
        answers.forEach((kind, response) -> assertThat(response.statusCode() + " " + errorCode(response))
                .as(kind + ": " + response.body()).isEqualTo(expected.get(kind)));
        assertThat(gateway.get("/tenants/fabrikam" + API).statusCode()).isEqualTo(404);
    }

    @Test
    void badNamesTheDefaultTenantAndTakenNamesAreRefused() throws Exception {
        // When a create names a bad or taken name, and a delete names the default tenant
        HttpResponse<String> badName = send("PUT", "/tenants/Not_A_Name" + API, jws(OPERATOR, operation("create", "Not_A_Name")));
        HttpResponse<String> taken = send("PUT", "/tenants/default" + API, jws(OPERATOR, operation("create", "default")));
        HttpResponse<String> deleteDefault = send("DELETE", "/tenants/default" + API, jws(OPERATOR, operation("delete", "default")));
        HttpResponse<String> noVersion = send("PUT", "/tenants/adatum", jws(OPERATOR, operation("create", "adatum")));

        // Then each is a 4xx in MAA's shape
        assertThat(badName.statusCode() + " " + errorCode(badName)).isEqualTo("400 InvalidParameter");
        assertThat(taken.statusCode() + " " + errorCode(taken)).isEqualTo("409 Conflict");
        assertThat(deleteDefault.statusCode() + " " + errorCode(deleteDefault)).isEqualTo("400 InvalidOperation");
        assertThat(noVersion.statusCode() + " " + errorCode(noVersion)).isEqualTo("400 InvalidParameter");
        assertThat(gateway.get("/tenants/default" + API).statusCode()).isEqualTo(200);
    }
}
