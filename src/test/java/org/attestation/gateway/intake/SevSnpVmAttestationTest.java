package org.attestation.gateway.intake;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.attestation.gateway.crypto.Pem;
import org.attestation.gateway.evidence.snp.SigningKey;
import org.attestation.gateway.evidence.snp.SnpProduct;
import org.attestation.gateway.evidence.snp.testpki.SnpTestPki;
import org.attestation.gateway.evidence.snp.testpki.TestReportBuilder;
import org.attestation.gateway.evidence.snp.testpki.TestVek;
import org.attestation.gateway.support.FakeKds;
import org.attestation.gateway.support.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MAA's {@code POST /attest/SevSnpVm} against a gateway that verifies for real: reports of the test PKI (its ARK
 * trusted through GATEWAY_TRUST_AMD_ROOTS), with their VCEK, chain and CRL either sent in {@code VcekCertChain} or
 * fetched from a fake KDS.
 */
class SevSnpVmAttestationTest {

    private static final SnpProduct GENOA = SnpProduct.GENOA;
    private static final int HOST_DATA = 0x0C0;
    private static final byte[] RUNTIME = "{\"nonce\":\"abc\",\"attempt\":1}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] INIT_TIME = "security-policy-v1".getBytes(StandardCharsets.UTF_8);
    private static final String API = "?api-version=2022-08-01";
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    @TempDir
    static Path dir;

    static SnpTestPki pki;
    static FakeKds kds;
    static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        pki = SnpTestPki.of(GENOA);
        Path roots = Files.writeString(dir.resolve("ark.pem"), Pem.encode(Pem.CERTIFICATE, Pem.der(pki.ark())));
        kds = new FakeKds().serveChainAndCrl(pki);
        gateway = TestGateway.startVerifying(TestGateway.config(dir.resolve("data"), Map.of(
                "GATEWAY_AMD_KDS_URL", kds.url(), "GATEWAY_TRUST_AMD_ROOTS", roots.toString(),
                "GATEWAY_VERIFY_AT", SnpTestPki.AT.toString())));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        kds.close();
    }

    private static byte[] sha256(byte[] data, int size) throws Exception {
        return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(data), size);
    }

    private static byte[] chip(int seed) {
        byte[] id = new byte[64];
        Arrays.fill(id, (byte) seed);
        return id;
    }

    private static TestVek vcek(byte[] chipId) {
        return pki.vek(SigningKey.VCEK).chipId(chipId).tcb(TestReportBuilder.defaultTcb(GENOA)).build();
    }

    private static byte[] report(TestVek vcek, byte[] chipId) throws Exception {
        return new TestReportBuilder(GENOA).chipId(chipId).reportData(sha256(RUNTIME, 64))
                .set(HOST_DATA, sha256(INIT_TIME, 32)).signedBy(vcek);
    }

    /** The request body; {@code report} is the bare report, or MAA's JSON envelope when a chain is given. */
    private static String body(byte[] report, String vcekCertChain) {
        String evidence = vcekCertChain == null ? B64URL.encodeToString(report)
                : B64URL.encodeToString(new JsonObject().put("SnpReport", B64URL.encodeToString(report))
                        .put("VcekCertChain", B64URL.encodeToString(vcekCertChain.getBytes(StandardCharsets.US_ASCII)))
                        .encode().getBytes(StandardCharsets.UTF_8));
        return new JsonObject().put("report", evidence)
                .put("runtimeData", new JsonObject().put("data", B64URL.encodeToString(RUNTIME)).put("dataType", "JSON"))
                .put("initTimeData", new JsonObject().put("data", B64URL.encodeToString(INIT_TIME)).put("dataType", "Binary"))
                .put("nonce", "n-1").encode();
    }

    private static HttpResponse<String> attest(String body) {
        return gateway.post("/attest/SevSnpVm" + API, "application/json", body);
    }

    private static JsonObject claims(HttpResponse<String> response) {
        String token = new JsonObject(response.body()).getString("token");
        return new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    private static String vcekPath(byte[] chipId) {
        return "/vcek/v1/Genoa/" + HexFormat.of().formatHex(chipId);
    }

    @Test
    void aBareReportIsVerifiedWithTheVcekTheGatewayFetches() throws Exception {
        // Given a bare report of a chip whose VCEK only KDS has
        byte[] chipId = chip(0x31);
        TestVek vcek = vcek(chipId);
        kds.serve(vcekPath(chipId), vcek.der());

        // When it is attested with JSON runtime data and binary init-time data
        HttpResponse<String> response = attest(body(report(vcek, chipId), null));

        // Then the token carries MAA's SevSnpVm claims, the runtime document and the checked CRL
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonObject claims = claims(response);
        assertThat(claims.getString("x-ms-attestation-type")).isEqualTo("sevsnpvm");
        assertThat(claims.getString("x-ms-sevsnpvm-reportdata")).isEqualTo(HexFormat.of().formatHex(sha256(RUNTIME, 64)));
        assertThat(claims.getString("x-ms-sevsnpvm-hostdata")).isEqualTo(HexFormat.of().formatHex(sha256(INIT_TIME, 32)));
        assertThat(claims.getValue("x-ms-sevsnpvm-microcode-svn")).isEqualTo(115);
        assertThat(claims.getValue("x-ms-sevsnpvm-is-debuggable")).isEqualTo(false);
        assertThat(claims.getJsonObject("x-ms-runtime").getInteger("attempt")).isEqualTo(1);
        assertThat(claims.containsKey("x-ms-sgx-ehd")).isFalse();
        assertThat(claims.getString("nonce")).isEqualTo("n-1");
        assertThat(claims.getString("sevsnp_product")).isEqualTo("Genoa");
        assertThat(claims.getValue("sevsnp_crl_checked")).isEqualTo(true);
        assertThat(kds.requests(vcekPath(chipId))).isEqualTo(1);
    }

    @Test
    void aBareReportIsVerifiedWithoutItsCrlWhenKdsCannotSupplyIt(@TempDir Path ownDir) throws Exception {
        // Given a gateway whose KDS serves the VCEK and the cert_chain, but answers 404 for the CRL
        byte[] chipId = chip(0x34);
        TestVek vcek = vcek(chipId);
        Path roots = Files.writeString(ownDir.resolve("ark.pem"), Pem.encode(Pem.CERTIFICATE, Pem.der(pki.ark())));
        try (FakeKds noCrl = new FakeKds().serve(vcekPath(chipId), vcek.der()).serve("/vcek/v1/Genoa/cert_chain",
                        pki.certChainPem(SigningKey.VCEK).getBytes(StandardCharsets.US_ASCII));
                TestGateway own = TestGateway.startVerifying(TestGateway.config(ownDir.resolve("data"), Map.of(
                        "GATEWAY_AMD_KDS_URL", noCrl.url(), "GATEWAY_TRUST_AMD_ROOTS", roots.toString(),
                        "GATEWAY_VERIFY_AT", SnpTestPki.AT.toString())))) {
            // When a bare report is attested
            HttpResponse<String> response = own.post("/attest/SevSnpVm" + API, "application/json",
                    body(report(vcek, chipId), null));

            // Then it is verified with the fetched VCEK, and the token says no CRL was checked
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(claims(response).getValue("sevsnp_crl_checked")).isEqualTo(false);
            assertThat(noCrl.requests("/vcek/v1/Genoa/crl")).isPositive();
        }
    }

    @Test
    void aReportWithItsVcekCertChainNeedsNoVcekFromKds() throws Exception {
        // Given a report sent in MAA's envelope with VCEK, ASK and ARK, of a chip KDS does not know
        byte[] chipId = chip(0x32);
        TestVek vcek = vcek(chipId);
        String chain = Pem.encode(Pem.CERTIFICATE, vcek.der()) + pki.certChainPem(SigningKey.VCEK);

        // When it is attested
        HttpResponse<String> response = attest(body(report(vcek, chipId), chain));

        // Then it is verified without asking KDS for a VCEK
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(kds.requests(vcekPath(chipId))).isZero();
    }

    @Test
    void aBurstFromOneNewChipMakesOneKdsRequestPerCertificate() throws Exception {
        // Given 16 reports of one chip the gateway has never seen, and a KDS that answers slowly
        byte[] chipId = chip(0x33);
        TestVek vcek = vcek(chipId);
        kds.serve(vcekPath(chipId), aResponse().withStatus(200).withBody(vcek.der()).withFixedDelay(300));
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            bodies.add(body(report(vcek, chipId), null));
        }
        int chainsBefore = kds.requests("/vcek/v1/Genoa/cert_chain");

        // When they are attested at once
        List<CompletableFuture<HttpResponse<String>>> answers = bodies.stream()
                .map(body -> CompletableFuture.supplyAsync(() -> attest(body))).toList();

        // Then every one succeeds and KDS saw one request for the VCEK and none more for the cached chain
        assertThat(answers).allSatisfy(answer -> assertThat(answer.join().statusCode()).as(answer.join().body())
                .isEqualTo(200));
        assertThat(kds.requests(vcekPath(chipId))).isEqualTo(1);
        assertThat(kds.requests("/vcek/v1/Genoa/cert_chain") - chainsBefore).isLessThanOrEqualTo(1);
    }

    @Test
    void badEvidenceIsTheClientsErrorAndGetsNoToken() throws Exception {
        // Given a good report, one with a flipped byte in its signed region, and runtime data that does not match
        byte[] chipId = chip(0x34);
        TestVek vcek = vcek(chipId);
        String chain = Pem.encode(Pem.CERTIFICATE, vcek.der()) + pki.certChainPem(SigningKey.VCEK);
        byte[] flipped = report(vcek, chipId);
        flipped[0x90] ^= 1;
        String mismatched = body(report(vcek, chipId), chain).replace(B64URL.encodeToString(RUNTIME),
                B64URL.encodeToString("{}".getBytes(StandardCharsets.UTF_8)));
        byte[] truncated = Arrays.copyOf(report(vcek, chipId), 1000);

        // When each is attested
        Map<String, HttpResponse<String>> answers = Map.of(
                "flipped", attest(body(flipped, chain)),
                "runtime data", attest(mismatched),
                "truncated", attest(body(truncated, chain)),
                "not an envelope", attest(new JsonObject().put("report", B64URL.encodeToString("{\"SnpReport\":1}"
                        .getBytes(StandardCharsets.UTF_8))).encode()));

        // Then each is a 400 InvalidParameter naming its check
        Map<String, String> expected = Map.of("flipped", "SNP_REPORT_SIGNATURE_INVALID",
                "runtime data", "RUNTIME_DATA_MISMATCH", "truncated", "SNP_REPORT_FORMAT_INVALID",
                "not an envelope", "SnpReport is not a base64url string");
        answers.forEach((kind, response) -> {
            assertThat(response.statusCode()).as(kind + ": " + response.body()).isEqualTo(400);
            JsonObject error = new JsonObject(response.body()).getJsonObject("error");
            assertThat(error.getString("code")).as(kind).isEqualTo("InvalidParameter");
            assertThat(error.getString("message")).as(kind).contains(expected.get(kind));
            assertThat(response.body()).doesNotContain("token");
        });
    }
}
