package org.attestation.gateway.load;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.global;

import io.gatling.javaapi.core.Simulation;

/**
 * A burst of {@code users} SGX attestations at once against a gateway whose collateral cache is empty and whose
 * PCS answers each item after {@code upstreamLatencyMs}: single flight must make one upstream request per item
 * (the script counts them in WireMock), and no attestation may take longer than the upstream latency plus
 * 100 ms.
 */
public class ColdCollateralBurstSimulation extends Simulation {

    {
        int users = Evidence.intProperty("users", 200);
        int latency = Evidence.intProperty("upstreamLatencyMs", 200);
        setUp(SteadySgxSimulation.attest("cold-sgx", "SgxEnclave", Evidence.sgxBody()).injectOpen(atOnceUsers(users)))
                .protocols(SteadySgxSimulation.protocol())
                .assertions(global().failedRequests().count().is(0L),
                        global().responseTime().max().lt(latency + 100));
    }
}
