package org.attestation.gateway.collateral;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.attestation.gateway.evidence.dcap.DcapCollateral;
import org.attestation.gateway.support.FakePcs;
import org.attestation.gateway.support.SharedVectors;
import org.attestation.gateway.support.TestGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Intel collateral tier against a fake PCS that misbehaves: faults, throttling, single flight, restart, offline. */
class CollateralTierTest {

    private static final String ATTEST = "/attest/SgxEnclave?api-version=2022-08-01";
    private static final String TCB = "/sgx/certification/v4/tcb";

    @TempDir
    Path dataDir;

    private DcapCollateral p1;
    private String body;

    @BeforeEach
    void vectors() {
        p1 = DcapCollateral.fromJson(SharedVectors.text(CollateralPathTest.P1_COLLATERAL));
        body = CollateralPathTest.attestBody(CollateralPathTest.P1_QUOTE);
    }

    private TestGateway gateway(FakePcs pcs, Map<String, String> env) {
        return CollateralPathTest.gateway(dataDir, pcs, env);
    }

    private HttpResponse<String> attest(TestGateway gateway) {
        return gateway.post(ATTEST, "application/json", body);
    }

    private static JsonObject claims(HttpResponse<String> response) {
        String token = new JsonObject(response.body()).getString("token");
        return new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1])));
    }

    private static String errorMessage(HttpResponse<String> response) {
        return new JsonObject(response.body()).getJsonObject("error").getString("message");
    }

    @Test
    void throttlingIsHonouredAndTheRequestThenSucceeds() {
        // Given a PCS that answers the TCB info with 429 Retry-After: 1 once, then serves it
        try (FakePcs pcs = new FakePcs().serve("sgx", "00A067110000", "processor", p1)) {
            pcs.server().stubFor(get(urlPathEqualTo(TCB))
                    .inScenario("throttle").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("served")
                    .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")));
            try (TestGateway gateway = gateway(pcs, Map.of())) {
                // When a quote is attested
                long started = System.nanoTime();
                HttpResponse<String> response = attest(gateway);

                // Then the gateway waited as asked, asked again, and verified
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(1000);
                assertThat(pcs.requests(TCB)).isEqualTo(2);
            }
        }
    }

    @Test
    void serverErrorsAreRetriedWithBackoffThenReported() throws Exception {
        // Given a PCS whose TCB info endpoint always fails
        try (FakePcs pcs = new FakePcs().serve("sgx", "00A067110000", "processor", p1);
                TestGateway gateway = gateway(pcs, Map.of())) {
            pcs.serveTcbInfo("sgx", "00A067110000", aResponse().withStatus(500));

            // When a quote is attested
            HttpResponse<String> response = attest(gateway);

            // Then three attempts were made and the client gets a 503 with Retry-After, not a 500
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).isPresent();
            assertThat(errorMessage(response)).startsWith("collateral is unavailable: ")
                    .contains("answered 500").endsWith("(after 3 attempts)");
            assertThat(pcs.requests(TCB)).isEqualTo(3);
        }
    }

    @Test
    void connectionResetsAreRetriedThenReported() {
        try (FakePcs pcs = new FakePcs().serve("sgx", "00A067110000", "processor", p1);
                TestGateway gateway = gateway(pcs, Map.of())) {
            pcs.serveTcbInfo("sgx", "00A067110000", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

            HttpResponse<String> response = attest(gateway);

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(errorMessage(response)).contains("cannot reach");
            assertThat(pcs.requests(TCB)).isEqualTo(3);
        }
    }

    @Test
    void slowUpstreamTimesOut() {
        try (FakePcs pcs = new FakePcs().serve("sgx", "00A067110000", "processor", p1);
                TestGateway gateway = gateway(pcs, Map.of("GATEWAY_INTEL_PCS_TIMEOUT", "200ms"))) {
            pcs.serveTcbInfo("sgx", "00A067110000", FakePcs.ok("{}").withFixedDelay(2000));

            HttpResponse<String> response = attest(gateway);

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(errorMessage(response)).startsWith("collateral is unavailable: cannot reach");
        }
    }

    @Test
    void malformedOrBadlySignedCollateralIsRejectedAndNeverCached() {
        // Given a PCS whose TCB info signature does not verify
        byte[] badSignature = p1.tcbInfoSignature();
        badSignature[5] ^= 1;
        try (FakePcs pcs = new FakePcs().serve("sgx", "00A067110000", "processor", p1);
                TestGateway gateway = gateway(pcs, Map.of())) {
            pcs.serveTcbInfo("sgx", "00A067110000",
                    FakePcs.ok(FakePcs.pcsBody("tcbInfo", p1.tcbInfo(), badSignature)).withHeader(
                            "TCB-Info-Issuer-Chain", FakePcs.urlEncode(p1.tcbInfoIssuerChain())));

            // When a quote is attested twice
            HttpResponse<String> first = attest(gateway);
            attest(gateway);

            // Then both are refused, nothing was cached, and each asked PCS again
            assertThat(first.statusCode()).isEqualTo(503);
            assertThat(errorMessage(first)).contains("was rejected").contains("TCB info signature does not verify");
            assertThat(dataDir.resolve("collateral/intel/sgx/tcb/00A067110000/standard.body")).doesNotExist();
            assertThat(pcs.requests(TCB)).isEqualTo(2);

            // And a body that is not JSON at all fares the same
            pcs.serveTcbInfo("sgx", "00A067110000", FakePcs.ok("<html>gateway timeout</html>"));
            assertThat(errorMessage(attest(gateway))).contains("was rejected");
        }
    }

    @Test
    void expiredTcbInfoFailsByDefaultAndIsFlaggedOnRequest() {
        // Given a verification time after the TCB info's nextUpdate (2025-07-19)
        Map<String, String> late = Map.of("GATEWAY_VERIFY_AT", "2025-07-25T00:00:00Z");
        try (FakePcs pcs = new FakePcs().serve("sgx", "00A067110000", "processor", p1)) {
            try (TestGateway failing = gateway(pcs, late)) {
                // When the policy is the default (fail)
                HttpResponse<String> refused = attest(failing);

                // Then the evidence is rejected, naming the reason
                assertThat(refused.statusCode()).isEqualTo(400);
                assertThat(errorMessage(refused)).startsWith("the evidence was rejected (COLLATERAL_EXPIRED)");
            }
            try (TestGateway flagging = CollateralPathTest.gateway(dataDir.resolve("second"), pcs,
                    Map.of("GATEWAY_VERIFY_AT", "2025-07-25T00:00:00Z", "GATEWAY_COLLATERAL_EXPIRED", "flag"))) {
                // When the policy is flag
                HttpResponse<String> flagged = attest(flagging);

                // Then a token is issued with the claim set, for policies to decide
                assertThat(flagged.statusCode()).as(flagged.body()).isEqualTo(200);
                assertThat(claims(flagged).getBoolean("x-ms-collateral-expired")).isTrue();
            }
        }
    }

    @Test
    void concurrentMissesMakeOneUpstreamRequestPerItem() {
        // Given a slow PCS (200 ms) and nothing cached
        try (FakePcs pcs = new FakePcs().serve("sgx", "00A067110000", "processor", p1)) {
            pcs.server().setGlobalFixedDelay(200);
            try (TestGateway gateway = gateway(pcs, Map.of())) {
                // When 200 verifications of the quote arrive at once
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    responses.add(client.sendAsync(HttpRequest.newBuilder(gateway.url(ATTEST))
                            .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
                }
                List<Integer> statuses = responses.stream().map(CompletableFuture::join).map(HttpResponse::statusCode)
                        .toList();

                // Then all succeed, and PCS saw exactly one request per collateral item
                assertThat(statuses).containsOnly(200).hasSize(200);
                assertThat(pcs.requests(TCB)).isEqualTo(1);
                assertThat(pcs.requests("/sgx/certification/v4/qe/identity")).isEqualTo(1);
                assertThat(pcs.requests("/sgx/certification/v4/pckcrl")).isEqualTo(1);
                assertThat(pcs.requests("/sgx/certification/v4/rootcacrl")).isEqualTo(1);
                assertThat(pcs.totalRequests()).isEqualTo(4);
            }
        }
    }

    @Test
    void collateralFetchedBeforeARestartIsServedFromDiskAfterIt() throws Exception {
        try (FakePcs pcs = new FakePcs().serve("sgx", "00A067110000", "processor", p1)) {
            // Given a gateway that fetched the collateral, then stopped
            try (TestGateway before = gateway(pcs, Map.of())) {
                assertThat(attest(before).statusCode()).isEqualTo(200);
            }
            int fetched = pcs.totalRequests();

            // When a new gateway starts on the same collateral directory
            try (TestGateway after = gateway(pcs, Map.of())) {
                HttpResponse<String> response = attest(after);

                // Then it verifies without asking PCS
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(pcs.totalRequests()).isEqualTo(fetched);
            }
        }
    }

    @Test
    void offlineModeNeverCallsOutAndNamesWhatIsMissing() throws Exception {
        try (FakePcs pcs = new FakePcs().serve("sgx", "00A067110000", "processor", p1)) {
            // Given an offline gateway with an empty cache
            try (TestGateway offline = gateway(pcs, Map.of("GATEWAY_COLLATERAL_MODE", "offline"))) {
                HttpResponse<String> response = attest(offline);

                // Then the miss is a clear error, and no request reached PCS
                assertThat(response.statusCode()).isEqualTo(503);
                assertThat(errorMessage(response)).startsWith("collateral is missing: offline mode: intel/sgx/")
                        .contains("is neither cached nor in an imported bundle");
                assertThat(pcs.totalRequests()).isZero();
            }
            // When a lazy gateway filled the cache, an offline one serves from it, still without a request
            try (TestGateway lazy = gateway(pcs, Map.of())) {
                assertThat(attest(lazy).statusCode()).isEqualTo(200);
            }
            int fetched = pcs.totalRequests();
            try (TestGateway offline = gateway(pcs, Map.of("GATEWAY_COLLATERAL_MODE", "offline"))) {
                assertThat(attest(offline).statusCode()).isEqualTo(200);
                assertThat(pcs.totalRequests()).isEqualTo(fetched);
            }
        }
    }

    @Test
    void itemsNearTheirNextUpdateAreRefreshedInTheBackgroundWhileTheCachedCopyServes() throws Exception {
        try (FakePcs pcs = new FakePcs().serve("sgx", "00A067110000", "processor", p1)) {
            // Given a cache filled on 2025-07-01
            try (TestGateway early = gateway(pcs, Map.of())) {
                assertThat(attest(early).statusCode()).isEqualTo(200);
            }
            assertThat(pcs.requests(TCB)).isEqualTo(1);

            // When a gateway judges at 2025-07-19T00:00Z, within a day of the TCB info's nextUpdate
            try (TestGateway late = gateway(pcs, Map.of("GATEWAY_VERIFY_AT", "2025-07-19T00:00:00Z"))) {
                HttpResponse<String> response = attest(late);

                // Then it answers from the cached copy at once, and asks PCS for a newer one behind
                assertThat(response.statusCode()).isEqualTo(200);
                // and items in their refresh window go through the tier's lookups, never its current answer
                assertThat(attest(late).statusCode()).isEqualTo(200);
                assertThat(late.get("/metrics").body())
                        .doesNotContainPattern("gateway_collateral_lookups_total\\{source=\"current\"} [1-9]");
                long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                while (pcs.requests(TCB) < 2 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(pcs.requests(TCB)).isEqualTo(2);
            }
        }
    }

    @Test
    void cachedCopyServesWhileTheUpstreamIsDown() {
        try (FakePcs pcs = new FakePcs().serve("sgx", "00A067110000", "processor", p1)) {
            try (TestGateway early = gateway(pcs, Map.of())) {
                assertThat(attest(early).statusCode()).isEqualTo(200);
            }
            // Given PCS now fails everything
            pcs.server().resetMappings();
            pcs.server().stubFor(get(urlPathEqualTo(TCB)).willReturn(aResponse().withStatus(503)));

            // When the collateral is due for a refresh but still valid
            try (TestGateway late = gateway(pcs, Map.of("GATEWAY_VERIFY_AT", "2025-07-19T00:00:00Z"))) {
                // Then attestation goes on from the cache
                assertThat(attest(late).statusCode()).isEqualTo(200);
                assertThat(attest(late).statusCode()).isEqualTo(200);
            }
        }
    }

    @Test
    void circuitOpensAfterRepeatedFailuresAndStopsCallingTheHost() {
        try (FakePcs pcs = new FakePcs().serve("sgx", "00A067110000", "processor", p1);
                TestGateway gateway = gateway(pcs, Map.of())) {
            pcs.serveTcbInfo("sgx", "00A067110000", aResponse().withStatus(500));

            // Given attestations that keep failing (3 attempts each) until the breaker opens
            HttpResponse<String> response = attest(gateway);
            for (int i = 0; i < 5 && !errorMessage(response).contains("circuit"); i++) {
                response = attest(gateway);
            }
            int whenOpen = pcs.requests(TCB);

            // When another attestation comes
            HttpResponse<String> next = attest(gateway);

            // Then the host is not called while the circuit is open, and the client is told why
            assertThat(whenOpen).isBetween(5, 9);
            assertThat(pcs.requests(TCB)).isEqualTo(whenOpen);
            assertThat(next.statusCode()).isEqualTo(503);
            assertThat(errorMessage(next)).contains("the circuit to 127.0.0.1:").contains("is open after repeated failures");
        }
    }

    @Test
    void tdxQuoteVerifiesThroughThePathAndMetricsCountTheLayers() {
        DcapCollateral p2 = DcapCollateral.fromJson(SharedVectors.text("dcap/phala-dcap-qvl/tdx_quote_collateral.json"));
        try (FakePcs pcs = new FakePcs().serve("tdx", "B0C06F000000", "platform", p2);
                TestGateway gateway = gateway(pcs, Map.of())) {
            String tdxBody = CollateralPathTest.attestBody("dcap/phala-dcap-qvl/tdx_quote");
            HttpResponse<String> response = gateway.post("/attest/TdxVm?api-version=2025-06-01", "application/json",
                    tdxBody);
            gateway.post("/attest/TdxVm?api-version=2025-06-01", "application/json", tdxBody);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(claims(response).getString("attester_tcb_status")).isEqualTo("UpToDate");
            assertThat(claims(response).getString("x-ms-attestation-type")).isEqualTo("tdxvm");
            assertThat(gateway.get("/metrics").body())
                    .containsPattern("gateway_collateral_lookups_total\\{source=\"upstream\"} 4")
                    // the second attestation reads the tier's current answer: no item lookups, no bus round trip
                    .containsPattern("gateway_collateral_lookups_total\\{source=\"current\"} 1")
                    .doesNotContainPattern("gateway_collateral_lookups_total\\{source=\"memory\"} [1-9]")
                    .contains("gateway_collateral_upstream_seconds_count{endpoint=\"tcb\",status=\"200\"}")
                    .contains("gateway_collateral_items_expiring");
        }
    }

    @Test
    void quoteOfTheWrongTeeForTheEndpointIsRefused() {
        try (FakePcs pcs = new FakePcs(); TestGateway gateway = gateway(pcs, Map.of())) {
            HttpResponse<String> response = gateway.post("/attest/TdxVm?api-version=2025-06-01", "application/json",
                    body);

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(errorMessage(response)).isEqualTo("the evidence was rejected (UNSUPPORTED_QUOTE_FORMAT): "
                    + "/attest/TdxVm takes a TDX quote; this is an SGX quote");
            assertThat(pcs.totalRequests()).isZero();
        }
    }
}
