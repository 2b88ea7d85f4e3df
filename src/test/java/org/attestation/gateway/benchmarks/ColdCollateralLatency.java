package org.attestation.gateway.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.attestation.gateway.Gateway;
import org.attestation.gateway.evidence.dcap.DcapCollateral;
import org.attestation.gateway.support.FakePcs;
import org.attestation.gateway.support.SharedVectors;
import org.attestation.gateway.support.TestGateway;

/**
 * How much latency one collateral fetch adds to an attestation: a fake PCS answering after 200 ms, a
 * gateway with an empty cache; the first attestation (cold: four items fetched in parallel, each checked)
 * against the median of the next ones (warm). Several rounds, each with a fresh cache. Run with
 * {@code load-tests/cold-collateral.sh}.
 */
public final class ColdCollateralLatency {

    private static final int ROUNDS = 5;
    private static final int WARM_REQUESTS = 50;

    private ColdCollateralLatency() {
    }

    public static void main(String[] args) throws Exception {
        DcapCollateral p1 = DcapCollateral.fromJson(SharedVectors.text("dcap/phala-dcap-qvl/sgx_quote_collateral.json"));
        String body = "{\"quote\":\"" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(SharedVectors.bytes("dcap/phala-dcap-qvl/sgx_quote")) + "\"}";
        List<Long> added = new ArrayList<>();
        try (FakePcs pcs = new FakePcs().serve("sgx", "00A067110000", "processor", p1)) {
            pcs.server().setGlobalFixedDelay(200);
            for (int round = 1; round <= ROUNDS; round++) {
                Path dir = Files.createTempDirectory("cold-collateral");
                var config = TestGateway.config(dir, Map.of("GATEWAY_INTEL_PCS_URL", pcs.url(),
                        "GATEWAY_VERIFY_AT", "2025-07-01T00:00:00Z", "GATEWAY_LOG_LEVEL", "warn"));
                try (TestGateway gateway = new TestGateway(Gateway.start(config).toCompletionStage()
                        .toCompletableFuture().get(20, TimeUnit.SECONDS))) {
                    long cold = timeMillis(gateway, body);
                    List<Long> warm = new ArrayList<>();
                    for (int i = 0; i < WARM_REQUESTS; i++) {
                        warm.add(timeMillis(gateway, body));
                    }
                    long warmMedian = median(warm);
                    added.add(cold - warmMedian);
                    System.out.printf("round %d: cold %d ms, warm median %d ms, added by the fetch %d ms%n", round, cold,
                            warmMedian, cold - warmMedian);
                }
            }
        }
        System.out.printf("cold-path latency added by one fetch (PCS latency 200 ms): median %d ms over %d rounds%n",
                median(added), ROUNDS);
    }

    private static long timeMillis(TestGateway gateway, String body) {
        long started = System.nanoTime();
        int status = gateway.post("/attest/SgxEnclave?api-version=2022-08-01", "application/json", body).statusCode();
        if (status != 200) {
            throw new IllegalStateException("attestation answered " + status);
        }
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(Long::compare);
        return sorted.get(sorted.size() / 2);
    }
}
