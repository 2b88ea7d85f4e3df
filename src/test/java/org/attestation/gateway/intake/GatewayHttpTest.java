package org.attestation.gateway.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.attestation.gateway.support.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP edge of a running gateway: discovery documents, health, metrics, and every refusal in MAA's shape. */
class GatewayHttpTest {

    private static final String ATTEST = "/attest/SgxEnclave?api-version=2022-08-01";

    @TempDir
    static Path dataDir;

    static TestGateway gateway;

    @BeforeAll
    static void start() {
        gateway = TestGateway.start(dataDir, Map.of("GATEWAY_HTTP_MAX_BODY_SIZE", "4KiB"));
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
    }

    private static void assertError(HttpResponse<String> response, int status, String code, String message) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json; charset=utf-8");
        assertThat(new JsonObject(response.body())).isEqualTo(
                new JsonObject().put("error", new JsonObject().put("code", code).put("message", message)));
    }

    @Test
    void readyAndLive() {
        HttpResponse<String> ready = gateway.get("/health/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(ready.body()).getString("outcome")).isEqualTo("UP");
        assertThat(ready.body()).contains("\"store\"").contains("\"signing-keys\"");
        assertThat(gateway.get("/health/live").statusCode()).isEqualTo(200);
    }

    @Test
    void certsIsAJwksWhoseKeysCarryTypeKidAndCertificate() {
        HttpResponse<String> response = gateway.get("/certs");

        assertThat(response.statusCode()).isEqualTo(200);
        var keys = new JsonObject(response.body()).getJsonArray("keys");
        assertThat(keys).isNotEmpty();
        for (int i = 0; i < keys.size(); i++) {
            JsonObject key = keys.getJsonObject(i);
            assertThat(key.getString("kty")).isEqualTo("RSA");
            assertThat(key.getString("kid")).isNotBlank();
            assertThat(key.getJsonArray("x5c")).isNotEmpty();
            assertThat(key.getString("n")).isNotBlank();
            assertThat(key.getString("e")).isEqualTo("AQAB");
            assertThat(key.containsKey("d")).isFalse();
        }
    }

    @Test
    void openIdConfigurationNamesIssuerJwksAndAlgorithms() {
        HttpResponse<String> response = gateway.get("/.well-known/openid-configuration");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject metadata = new JsonObject(response.body());
        String issuer = gateway.gateway().publicUrl().toString();
        assertThat(metadata.getString("issuer")).isEqualTo(issuer);
        assertThat(metadata.getString("jwks_uri")).isEqualTo(issuer + "/certs");
        assertThat(metadata.getJsonArray("id_token_signing_alg_values_supported").getList()).containsExactly("RS256");
        assertThat(metadata.getJsonArray("claims_supported").getList())
                .contains("x-ms-attestation-type", "attester_tcb_status", "x-ms-collateral-expired");
    }

    @Test
    void defaultTenantIsAlsoServedUnderItsNameWithOneIssuer() {
        JsonObject metadata = new JsonObject(gateway.get("/tenants/default/.well-known/openid-configuration").body());
        assertThat(metadata.getString("issuer")).isEqualTo(gateway.gateway().publicUrl().toString());
        assertThat(gateway.get("/tenants/default/certs").statusCode()).isEqualTo(200);
    }

    @Test
    void unknownTenantIs404() {
        assertError(gateway.get("/tenants/nobody/certs"), 404, "NotFound", "there is no tenant 'nobody'");
    }

    @Test
    void unknownRouteIs404() {
        assertError(gateway.get("/no/such/thing"), 404, "NotFound", "no such resource");
    }

    @Test
    void wrongMethodIs405() {
        HttpResponse<String> response = TestGateway.send(
                HttpRequest.newBuilder(gateway.url("/certs")).DELETE().build());
        assertError(response, 405, "MethodNotAllowed", "this resource does not support that method");
    }

    @Test
    void wrongContentTypeIs415() {
        assertError(gateway.post(ATTEST, "text/plain", "{}"), 415, "UnsupportedMediaType",
                "the Content-Type is not one this endpoint takes");
    }

    @Test
    void bodyOverTheLimitIs413() {
        String body = "{\"quote\":\"" + "A".repeat(8 * 1024) + "\"}";
        assertError(gateway.post(ATTEST, "application/json", body), 413, "RequestEntityTooLarge",
                "the request body exceeds the gateway's limit");
    }

    @Test
    void malformedJsonIs400() {
        assertError(gateway.post(ATTEST, "application/json", "{\"quote\":"), 400, "InvalidParameter",
                "the request body is not a JSON object");
        assertError(gateway.post(ATTEST, "application/json", "{\"quote\":\"not base64!\"}"), 400,
                "InvalidParameter", "the field 'quote' is not base64url");
        assertError(gateway.post(ATTEST, "application/json", "{\"report\":\"AAAA\"}"), 400,
                "InvalidParameter", "the field 'quote' is required");
        assertError(gateway.post(ATTEST, "application/json",
                        "{\"quote\":\"AAAA\",\"runtimeData\":{\"data\":\"AAAA\",\"dataType\":\"XML\"}}"), 400,
                "InvalidParameter", "the field 'runtimeData.dataType' must be Binary or JSON, not 'XML'");
    }

    @Test
    void missingOrUnknownApiVersionIs400() {
        assertError(gateway.post("/attest/SgxEnclave", "application/json", "{}"), 400, "InvalidParameter",
                "the api-version query parameter is required; supported: "
                        + "2020-10-01, 2022-08-01, 2022-09-01-preview, 2023-04-01-preview, 2025-06-01");
        assertError(gateway.post("/attest/SgxEnclave?api-version=2019-01-01", "application/json", "{}"), 400,
                "InvalidParameter", "api-version '2019-01-01' is not supported; supported: "
                        + "2020-10-01, 2022-08-01, 2022-09-01-preview, 2023-04-01-preview, 2025-06-01");
    }

    @Test
    void everyListedApiVersionIsAccepted() {
        for (String version : ApiVersions.SUPPORTED) {
            HttpResponse<String> response = gateway.post("/attest/SgxEnclave?api-version=" + version,
                    "application/json", "{\"quote\":\"AAAA\"}");
            // No verifier is installed in this gateway: the request went through intake and reached verification.
            assertError(response, 501, "NotImplemented", "this gateway has no verifier for SgxEnclave evidence");
        }
    }

    @Test
    void unknownAttestationTypeIs404() {
        assertError(gateway.post("/attest/Banana?api-version=2022-08-01", "application/json", "{\"quote\":\"AA\"}"),
                404, "NotFound", "unknown attestation type 'Banana'; one of SgxEnclave, OpenEnclave, SevSnpVm, TdxVm, Tpm");
    }

    @Test
    void traceparentIsEchoedAsRequestId() {
        String traceparent = "00-09d4db1a752ffb5d40529e88fcb46410-0000000000000000-00";
        HttpResponse<String> response = TestGateway.send(HttpRequest.newBuilder(gateway.url("/certs"))
                .header("traceparent", traceparent).timeout(Duration.ofSeconds(5)).GET().build());

        assertThat(response.headers().firstValue("x-ms-request-id")).hasValue(traceparent);
        assertThat(gateway.get("/certs").headers().firstValue("x-ms-request-id").orElseThrow())
                .matches("[0-9a-f-]{36}");
    }

    @Test
    void metricsArePrometheusTextWithRoutesStatusesAndJvm() {
        // Given some traffic
        gateway.get("/certs");
        gateway.get("/no/such/thing");

        // When metrics are scraped
        HttpResponse<String> response = gateway.get("/metrics");

        // Then requests are counted by route, method and status, latencies are histograms, and the JVM is there
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .containsPattern("vertx_http_server_requests_total\\{code=\"200\",method=\"GET\",route=\"/certs\"}")
                .containsPattern("vertx_http_server_requests_total\\{code=\"404\",method=\"GET\"")
                .contains("vertx_http_server_response_time_seconds_bucket")
                .contains("jvm_memory_used_bytes");
    }
}
