package org.attestation.gateway.intake;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.attestation.gateway.crypto.Pem;
import org.attestation.gateway.support.FakeKds;
import org.attestation.gateway.support.SharedVectors;
import org.attestation.gateway.support.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real SEV-SNP reports through {@code POST /attest/SevSnpVm} with AMD's pinned roots: the chain comes from a fake KDS
 * replaying AMD's Milan {@code cert_chain}; KDS has no CRL for them (none is public), so the tokens say
 * {@code sevsnp_crl_checked: false}.
 */
class SevSnpVmVectorsTest {

    private static final String GSG = "snp/go-sev-guest/verify/";
    private static final String SIDECAR = "snp/confidential-sidecar-containers/pkg/attest/test_data/";
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final String API = "?api-version=2025-06-01";

    @TempDir
    static Path dir;

    static FakeKds kds;
    static TestGateway gateway;

    @BeforeAll
    static void start() {
        kds = new FakeKds();
        kds.serve("/vcek/v1/Milan/cert_chain", SharedVectors.bytes(GSG + "trust/ask_ark_milan.pem"));
        kds.serve("/vcek/v1/Milan/crl", aResponse().withStatus(404));
        gateway = TestGateway.startVerifying(TestGateway.config(dir.resolve("data"), Map.of(
                "GATEWAY_AMD_KDS_URL", kds.url(), "GATEWAY_VERIFY_AT", "2025-06-01T00:00:00Z")));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        kds.close();
    }

    private static JsonObject envelope(byte[] report, String chainPem) {
        String evidence = B64URL.encodeToString(new JsonObject().put("SnpReport", B64URL.encodeToString(report))
                .put("VcekCertChain", B64URL.encodeToString(chainPem.getBytes(StandardCharsets.US_ASCII)))
                .encode().getBytes(StandardCharsets.UTF_8));
        return new JsonObject().put("report", evidence);
    }

    private static JsonObject claims(HttpResponse<String> response) {
        String token = new JsonObject(response.body()).getString("token");
        return new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    @Test
    void goSevGuestsDebugReportIsAttestedAndRefusedByAPolicyThatForbidsDebug() {
        // Given go-sev-guest's v2 debug report with its VCEK (the product comes from the VCEK, the chain from KDS)
        String vcek = Pem.encode(Pem.CERTIFICATE, SharedVectors.bytes(GSG + "testdata/vcek.testcer"));
        JsonObject request = envelope(SharedVectors.bytes(GSG + "testdata/attestation.bin"), vcek);
        String forbidsDebug = "version=1.0; authorizationrules { "
                + "c:[type==\"x-ms-sevsnpvm-is-debuggable\", value==false] => permit(); };";

        // When it is attested under the default policy, and under a policy that forbids debug
        HttpResponse<String> byDefault = gateway.post("/attest/SevSnpVm" + API, "application/json", request.encode());
        HttpResponse<String> strict = gateway.post("/attest/SevSnpVm" + API, "application/json",
                request.copy().put("draftPolicyForAttestation", forbidsDebug).encode());

        // Then the signature is valid and the token says debuggable; the strict policy refuses it without a token
        assertThat(byDefault.statusCode()).as(byDefault.body()).isEqualTo(200);
        JsonObject claims = claims(byDefault);
        assertThat(claims.getValue("x-ms-sevsnpvm-is-debuggable")).isEqualTo(true);
        assertThat(claims.getString("sevsnp_product")).isEqualTo("Milan");
        assertThat(claims.getValue("sevsnp_crl_checked")).isEqualTo(false);
        assertThat(strict.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(strict.body()).getJsonObject("error").getString("code")).isEqualTo("PolicyEvaluationError");
    }

    @Test
    void anAciReportBindsItsSecurityPolicyAsInitTimeData() {
        // Given the ACI sidecar's report with its THIM certificates, and its security policy as init-time data
        byte[] policy = Base64.getDecoder().decode(SharedVectors.text(SIDECAR + "uvm_security_policy.base64").strip());
        JsonObject request = envelope(SharedVectors.bytes(SIDECAR + "snp_report.bin"),
                SharedVectors.text(SIDECAR + "uvm_host_amd_certificate.pem"))
                .put("initTimeData", new JsonObject().put("data", B64URL.encodeToString(policy)).put("dataType", "Binary"));
        int chainRequests = kds.requests("/vcek/v1/Milan/cert_chain");

        // When it is attested, and again with another policy
        HttpResponse<String> bound = gateway.post("/attest/SevSnpVm" + API, "application/json", request.encode());
        HttpResponse<String> other = gateway.post("/attest/SevSnpVm" + API, "application/json", request.copy()
                .put("initTimeData", new JsonObject().put("data", B64URL.encodeToString(new byte[] {1})).put("dataType", "Binary"))
                .encode());

        // Then HOST_DATA binds the policy, the chain came with the evidence, and another policy is refused
        assertThat(bound.statusCode()).as(bound.body()).isEqualTo(200);
        assertThat(claims(bound).getString("x-ms-attestation-type")).isEqualTo("sevsnpvm");
        assertThat(kds.requests("/vcek/v1/Milan/cert_chain")).isEqualTo(chainRequests);
        assertThat(other.statusCode()).isEqualTo(400);
        assertThat(other.body()).contains("INIT_TIME_DATA_MISMATCH").contains("HOST_DATA");
    }
}
