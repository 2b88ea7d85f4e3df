package org.attestation.gateway.intake;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attestation.gateway.crypto.Pem;
import org.attestation.gateway.evidence.dcap.DcapCollateral;
import org.attestation.gateway.evidence.dcap.testpki.DcapTestPki;
import org.attestation.gateway.evidence.dcap.testpki.TestCollateral;
import org.attestation.gateway.support.FakePcs;
import org.attestation.gateway.support.SharedVectors;
import org.attestation.gateway.support.TestGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The PCCS-compatible collateral API against a fake Intel PCS: what it served, byte for byte, then from the cache. */
class PccsApiTest {

    private static final String VALID_AT = "2025-07-01T00:00:00Z";
    private static final String SGX_FMSPC = "00A067110000";
    private static final String SGX_COLLATERAL = "dcap/phala-dcap-qvl/sgx_quote_collateral.json";
    private static final String TCB_CHAIN = "TCB-Info-Issuer-Chain";
    private static final String IDENTITY_CHAIN = "SGX-Enclave-Identity-Issuer-Chain";
    private static final String CRL_CHAIN = "SGX-PCK-CRL-Issuer-Chain";

    @TempDir
    Path dataDir;

    private TestGateway gateway(FakePcs pcs, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of("GATEWAY_INTEL_PCS_URL", pcs.url(),
                "GATEWAY_VERIFY_AT", VALID_AT));
        env.putAll(extra);
        return TestGateway.start(dataDir, env);
    }

    @ParameterizedTest
    @CsvSource({
        "sgx, 00A067110000, processor, dcap/phala-dcap-qvl/sgx_quote_collateral.json",
        "tdx, B0C06F000000, platform, dcap/phala-dcap-qvl/tdx_quote_collateral.json"})
    void everyItemIsServedAsPcsServedItThenFromTheCache(String tee, String fmspc, String ca, String vector)
            throws Exception {
        // Given a PCS that serves real collateral
        DcapCollateral collateral = DcapCollateral.fromJson(SharedVectors.text(vector));
        try (FakePcs pcs = new FakePcs().serve(tee, fmspc, ca, collateral);
                TestGateway gateway = gateway(pcs, Map.of())) {
            String base = "/" + tee + "/certification/v4";
            for (int round = 1; round <= 2; round++) {
                // When a PCCS client asks for each item (lower-case FMSPC, as some clients send it)
                var tcbInfo = gateway.getBytes(base + "/tcb?fmspc=" + fmspc.toLowerCase() + "&update=standard");
                var qeIdentity = gateway.getBytes(base + "/qe/identity");
                var crlDer = gateway.getBytes("/sgx/certification/v4/pckcrl?ca=" + ca + "&encoding=der");
                var crlPem = gateway.getBytes("/sgx/certification/v4/pckcrl?ca=" + ca);
                var rootCrl = gateway.getBytes("/sgx/certification/v4/rootcacrl");

                // Then each body is the bytes PCS sent (CRLs in the encoding asked for), with Intel's headers
                assertServed(tcbInfo, "application/json",
                        FakePcs.pcsBody("tcbInfo", collateral.tcbInfo(), collateral.tcbInfoSignature()));
                assertIssuerChain(tcbInfo, TCB_CHAIN, collateral.tcbInfoIssuerChain());
                assertServed(qeIdentity, "application/json",
                        FakePcs.pcsBody("enclaveIdentity", collateral.qeIdentity(), collateral.qeIdentitySignature()));
                assertIssuerChain(qeIdentity, IDENTITY_CHAIN, collateral.qeIdentityIssuerChain());
                assertThat(crlDer.statusCode()).isEqualTo(200);
                assertThat(crlDer.body()).isEqualTo(collateral.pckCrl());
                assertThat(crlDer.headers().firstValue("Content-Type")).hasValue("application/pkix-crl");
                assertIssuerChain(crlDer, CRL_CHAIN, collateral.pckCrlIssuerChain());
                String pem = new String(crlPem.body(), StandardCharsets.US_ASCII);
                assertThat(pem).startsWith("-----BEGIN X509 CRL-----");
                assertThat(Pem.blocks(pem)).singleElement()
                        .satisfies(block -> assertThat(block.getContent()).isEqualTo(collateral.pckCrl()));
                assertThat(crlPem.headers().firstValue("Content-Type")).hasValue("application/x-pem-file");
                assertIssuerChain(crlPem, CRL_CHAIN, collateral.pckCrlIssuerChain());
                assertServed(rootCrl, "text/plain", HexFormat.of().formatHex(collateral.rootCaCrl()));
                // And the second round came from the cache: PCS saw one request per item
                assertThat(List.of(base + "/tcb", base + "/qe/identity", "/sgx/certification/v4/pckcrl",
                        "/sgx/certification/v4/rootcacrl")).as("round %d", round).allSatisfy(path ->
                                assertThat(pcs.requests(path)).as(path).isEqualTo(1));
            }
        }
    }

    @Test
    void qveIdentityIsServedAsPcsServedIt() throws Exception {
        // Given a test PKI trusted as the Intel root, and a PCS serving its QvE identity
        DcapTestPki pki = DcapTestPki.create();
        TestCollateral qve = pki.collateral().qeIdentityId("QVE").buildCollateral();
        Path root = Files.writeString(dataDir.resolve("root.pem"), pki.rootCertificatePem());
        try (FakePcs pcs = new FakePcs();
                TestGateway gateway = gateway(pcs, Map.of("GATEWAY_TRUST_INTEL_ROOT", root.toString(),
                        "GATEWAY_VERIFY_AT", "2026-06-01T00:00:00Z"))) {
            pcs.serveQveIdentity(FakePcs.ok(qve.pcsQeIdentityBody())
                    .withHeader(IDENTITY_CHAIN, FakePcs.urlEncode(qve.qeIdentityIssuerChain())));

            // When a client asks for it
            var response = gateway.getBytes("/sgx/certification/v4/qve/identity?update=standard");

            // Then it gets PCS's body and chain
            assertServed(response, "application/json", qve.pcsQeIdentityBody());
            assertIssuerChain(response, IDENTITY_CHAIN, qve.qeIdentityIssuerChain());
        }
    }

    @Test
    void withoutUpdateTheConfiguredFeedIsServed() throws Exception {
        // Given a gateway configured for Intel's early feed
        DcapCollateral collateral = DcapCollateral.fromJson(SharedVectors.text(SGX_COLLATERAL));
        try (FakePcs pcs = new FakePcs().serve("sgx", SGX_FMSPC, "processor", collateral);
                TestGateway gateway = gateway(pcs, Map.of("GATEWAY_INTEL_PCS_UPDATE", "early"))) {
            // When one client names no feed and another asks for the standard one
            int unnamed = gateway.get("/sgx/certification/v4/qe/identity").statusCode();
            int standard = gateway.get("/sgx/certification/v4/qe/identity?update=standard").statusCode();

            // Then PCS was asked once for each feed
            assertThat(List.of(unnamed, standard)).containsOnly(200);
            for (String update : List.of("early", "standard")) {
                assertThat(pcs.server().countRequestsMatching(getRequestedFor(
                        urlPathEqualTo("/sgx/certification/v4/qe/identity")).withQueryParam("update", equalTo(update))
                        .build()).getCount()).as(update).isEqualTo(1);
            }
        }
    }

    @Test
    void badParametersAreRefusedNamingTheParameter() throws Exception {
        // Given a gateway and requests with a parameter missing or wrong
        Map<String, String> refusals = new LinkedHashMap<>();
        refusals.put("/sgx/certification/v4/tcb", "the query parameter 'fmspc' is required: 12 hex digits");
        refusals.put("/tdx/certification/v4/tcb?fmspc=00A06711",
                "the query parameter 'fmspc' must be 12 hex digits, not '00A06711'");
        refusals.put("/sgx/certification/v4/tcb?fmspc=00A067110000&update=late",
                "the query parameter 'update' must be standard or early, not 'late'");
        refusals.put("/tdx/certification/v4/qe/identity?update=",
                "the query parameter 'update' must be standard or early, not ''");
        refusals.put("/sgx/certification/v4/pckcrl", "the query parameter 'ca' is required: processor or platform");
        refusals.put("/sgx/certification/v4/pckcrl?ca=root",
                "the query parameter 'ca' must be processor or platform, not 'root'");
        refusals.put("/sgx/certification/v4/pckcrl?ca=processor&encoding=base64",
                "the query parameter 'encoding' must be der or pem, not 'base64'");
        try (FakePcs pcs = new FakePcs(); TestGateway gateway = gateway(pcs, Map.of())) {
            refusals.forEach((path, message) -> {
                // When each is sent
                HttpResponse<String> response = gateway.get(path);

                // Then it is a 400 naming the parameter, with a request id, and PCS is not asked
                assertError(response, 400, "InvalidParameter", message);
                assertThat(response.headers().firstValue("Request-ID")).as(path)
                        .isEqualTo(response.headers().firstValue("x-ms-request-id")).isPresent();
            });
            assertThat(pcs.totalRequests()).isZero();
        }
    }

    @Test
    void anFmspcUnknownToPcsIsNotFound() throws Exception {
        // Given a PCS that does not know the FMSPC
        try (FakePcs pcs = new FakePcs(); TestGateway gateway = gateway(pcs, Map.of())) {
            pcs.serveTcbInfo("sgx", "FFFFFFFFFFFF", aResponse().withStatus(404));

            // When a client asks for its TCB info
            HttpResponse<String> response = gateway.get("/sgx/certification/v4/tcb?fmspc=FFFFFFFFFFFF");

            // Then it is not found either
            assertError(response, 404, "NotFound",
                    "no such collateral: 127.0.0.1 has no intel/sgx/tcb/FFFFFFFFFFFF/standard (404)");
        }
    }

    @Test
    void aFailingPcsIsServiceUnavailableWithRetryAfter() throws Exception {
        // Given a PCS that answers 500
        try (FakePcs pcs = new FakePcs(); TestGateway gateway = gateway(pcs, Map.of())) {
            pcs.serveQeIdentity("sgx", aResponse().withStatus(500));

            // When a client asks for the QE identity
            HttpResponse<String> response = gateway.get("/sgx/certification/v4/qe/identity");

            // Then it is told to come back later
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
            JsonObject error = new JsonObject(response.body()).getJsonObject("error");
            assertThat(error.getString("code")).isEqualTo("ServiceUnavailable");
            assertThat(error.getString("message")).contains("intel/sgx/qe/identity/standard").contains("500");
        }
    }

    @Test
    void offlineWithNothingCachedIsNotFoundAndPcsIsNeverCalled() throws Exception {
        // Given an offline gateway with an empty cache
        try (FakePcs pcs = new FakePcs();
                TestGateway gateway = gateway(pcs, Map.of("GATEWAY_COLLATERAL_MODE", "offline"))) {
            // When a client asks for a PCK CRL
            HttpResponse<String> response = gateway.get("/sgx/certification/v4/pckcrl?ca=platform&encoding=der");

            // Then it is not found, naming the item, and PCS heard nothing
            assertError(response, 404, "NotFound", "no such collateral: offline mode: intel/sgx/pckcrl/platform is "
                    + "neither cached nor in an imported bundle; fetch it with 'warmup' and import the bundle");
            assertThat(pcs.totalRequests()).isZero();
        }
    }

    private static void assertServed(HttpResponse<byte[]> response, String contentType, String body) {
        assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(body.getBytes(StandardCharsets.UTF_8));
        assertThat(response.headers().firstValue("Content-Type")).hasValue(contentType);
        assertThat(response.headers().firstValue("Request-ID"))
                .isEqualTo(response.headers().firstValue("x-ms-request-id")).isPresent();
    }

    /** The chain header as PCS sent it: URL-encoded, decoding to the PEM chain. */
    private static void assertIssuerChain(HttpResponse<byte[]> response, String header, String pemChain) {
        String value = response.headers().firstValue(header).orElseThrow();
        assertThat(value).isEqualTo(FakePcs.urlEncode(pemChain));
        assertThat(URLDecoder.decode(value, StandardCharsets.UTF_8)).isEqualTo(pemChain);
    }

    private static void assertError(HttpResponse<String> response, int status, String code, String message) {
        assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(status);
        assertThat(new JsonObject(response.body())).isEqualTo(
                new JsonObject().put("error", new JsonObject().put("code", code).put("message", message)));
    }
}
