package org.attestation.gateway.collateral;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.attestation.gateway.evidence.dcap.DcapCollateral;
import org.attestation.gateway.support.FakePcs;
import org.attestation.gateway.support.SharedVectors;
import org.attestation.gateway.support.TestGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real vectors through the whole path: attest, cache miss, fetch from a fake PCS, verify, cache hit. */
class CollateralPathTest {

    static final String P1_QUOTE = "dcap/phala-dcap-qvl/sgx_quote";
    static final String P1_COLLATERAL = "dcap/phala-dcap-qvl/sgx_quote_collateral.json";
    static final String P1_TIME = "2025-07-01T00:00:00Z";

    @TempDir
    Path dataDir;

    static String attestBody(String quoteVector) {
        return "{\"quote\":\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(SharedVectors.bytes(quoteVector))
                + "\"}";
    }

    static TestGateway gateway(Path dataDir, FakePcs pcs, Map<String, String> extra) {
        var env = new HashMap<String, String>(Map.of("GATEWAY_INTEL_PCS_URL", pcs.url(),
                "GATEWAY_VERIFY_AT", P1_TIME));
        env.putAll(extra);
        return TestGateway.startVerifying(TestGateway.config(dataDir, env));
    }

    @Test
    void realSgxQuoteIsVerifiedWithCollateralFetchedOnceThenCached() throws Exception {
        // Given a PCS that serves P1's collateral
        try (FakePcs pcs = new FakePcs().serve("sgx", "00A067110000", "processor",
                DcapCollateral.fromJson(SharedVectors.text(P1_COLLATERAL)));
                TestGateway gateway = gateway(dataDir, pcs, Map.of())) {
            // When the quote is attested twice
            HttpResponse<String> first = gateway.post("/attest/SgxEnclave?api-version=2022-08-01", "application/json",
                    attestBody(P1_QUOTE));
            HttpResponse<String> second = gateway.post("/attest/SgxEnclave?api-version=2022-08-01", "application/json",
                    attestBody(P1_QUOTE));

            // Then both get a token with Intel's verdict, and PCS saw one request per item
            assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
            assertThat(second.statusCode()).isEqualTo(200);
            String token = new JsonObject(first.body()).getString("token");
            JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1])));
            assertThat(claims.getString("attester_tcb_status")).isEqualTo("ConfigurationAndSWHardeningNeeded");
            assertThat(claims.getJsonArray("attester_advisory_ids").getList())
                    .containsExactly("INTEL-SA-00289", "INTEL-SA-00615");
            assertThat(claims.getString("x-ms-attestation-type")).isEqualTo("sgx");
            assertThat(pcs.requests("/sgx/certification/v4/tcb")).isEqualTo(1);
            assertThat(pcs.requests("/sgx/certification/v4/qe/identity")).isEqualTo(1);
            assertThat(pcs.requests("/sgx/certification/v4/pckcrl")).isEqualTo(1);
            assertThat(pcs.requests("/sgx/certification/v4/rootcacrl")).isEqualTo(1);
            // And the items are on disk in the documented layout
            assertThat(dataDir.resolve("collateral/intel/sgx/tcb/00A067110000/standard.body")).exists();
            assertThat(dataDir.resolve("collateral/intel/sgx/pckcrl/processor.meta.json")).exists();
        }
    }

    @Test
    void rawPcsResponsesAreReplayedByteForByteAndTheirQuoteVerifies() {
        // Given the raw PCS bodies and the URL-encoded issuer-chain headers exactly as Google recorded them
        String google = "dcap/google-go-tdx-guest/";
        try (FakePcs pcs = new FakePcs()) {
            pcs.serveTcbInfo("tdx", "50806F000000", FakePcs.ok(SharedVectors.text(google + "sample_tcbInfo_response"))
                    .withHeader("TCB-Info-Issuer-Chain", SharedVectors.text(google + "tcbInfoIssuerChain.urlencoded.txt").strip()));
            pcs.serveQeIdentity("tdx", FakePcs.ok(SharedVectors.text(google + "sample_qeIdentity_response"))
                    .withHeader("SGX-Enclave-Identity-Issuer-Chain",
                            SharedVectors.text(google + "qeIdentityIssuerChain.urlencoded.txt").strip()));
            pcs.servePckCrl("platform", aResponse().withStatus(200)
                    .withBody(SharedVectors.bytes(google + "pckcrl"))
                    .withHeader("SGX-PCK-CRL-Issuer-Chain", SharedVectors.text(google + "pckCrlIssuerChain.urlencoded.txt").strip()));
            pcs.serveRootCaCrl(aResponse().withStatus(200)
                    .withBody(SharedVectors.bytes(google + "rootcrl.der")));
            try (TestGateway gateway = gateway(dataDir, pcs, Map.of("GATEWAY_VERIFY_AT", "2023-07-01T01:00:00Z"))) {
                // When trustee's TDX quote from the same platform (vector C1) is attested
                HttpResponse<String> response = gateway.post("/attest/TdxVm?api-version=2025-06-01", "application/json",
                        attestBody("dcap/coco-trustee/tdx_quote_4.dat"));

                // Then it verifies UpToDate, and the cached body is the bytes PCS sent
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                String token = new JsonObject(response.body()).getString("token");
                JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1])));
                assertThat(claims.getString("attester_tcb_status")).isEqualTo("UpToDate");
                assertThat(dataDir.resolve("collateral/intel/tdx/tcb/50806F000000/standard.body"))
                        .hasBinaryContent(SharedVectors.bytes(google + "sample_tcbInfo_response"));
            }
        }
    }
}
