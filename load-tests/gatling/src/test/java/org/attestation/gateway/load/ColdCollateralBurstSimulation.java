package org.attestation.gateway.load;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;

import io.gatling.javaapi.core.Simulation;

/**
 * A burst of {@code users} SGX attestations at once for a platform whose collateral the gateway has never seen,
 * from a PCS that answers each item after {@code upstreamLatencyMs}. The gateway is warm otherwise: for
 * {@code warmupSeconds} it first attests TDX quotes, ramping up to 200/s (another FMSPC and PCK CA, so none of
 * the SGX items is cached; only the root CA CRL is shared). Single flight must make one upstream request per
 * item (the script counts them in WireMock), and no attestation of the burst may take longer than the upstream
 * latency plus 100 ms. The SGX-only code (quote body, TCB levels, claims, the SGX policy) runs for the first
 * time in the burst: no second SGX platform with collateral is available to warm it.
 */
public class ColdCollateralBurstSimulation extends Simulation {

    {
        int users = Evidence.intProperty("users", 200);
        int latency = Evidence.intProperty("upstreamLatencyMs", 200);
        int warmup = Evidence.intProperty("warmupSeconds", 15);
        // The TDX warm-up ramps up (a cold gateway fetches TDX collateral first) and is left out of the figures
        setUp(SteadySgxSimulation.attest(SteadySgxSimulation.RAMP + "tdx", "TdxVm", Evidence.tdxBody())
                        .injectOpen(rampUsersPerSec(10).to(200).during(warmup)),
                SteadySgxSimulation.attest("cold-sgx", "SgxEnclave", Evidence.sgxBody())
                        .injectOpen(nothingFor(warmup + 2), atOnceUsers(users)))
                .protocols(SteadySgxSimulation.protocol())
                .assertions(global().failedRequests().count().is(0L),
                        details("cold-sgx").responseTime().max().lt(latency + 100));
    }
}
