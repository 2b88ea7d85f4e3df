package org.attestation.gateway.load;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;

import io.gatling.javaapi.core.Simulation;

/**
 * A burst of {@code users} SGX attestations at once for a platform whose collateral the gateway has never seen,
 * from a PCS that answers each item after {@code upstreamLatencyMs}. The gateway is warm otherwise: for
 * {@code warmupSeconds} it first attests TDX quotes (another FMSPC and PCK CA, so none of the SGX items is
 * cached; only the root CA CRL is shared). Single flight must make one upstream request per item (the script
 * counts them in WireMock), and no attestation of the burst may take longer than the upstream latency plus
 * 100 ms.
 */
public class ColdCollateralBurstSimulation extends Simulation {

    {
        int users = Evidence.intProperty("users", 200);
        int latency = Evidence.intProperty("upstreamLatencyMs", 200);
        int warmup = Evidence.intProperty("warmupSeconds", 15);
        setUp(SteadySgxSimulation.attest("warm-tdx", "TdxVm", Evidence.tdxBody())
                        .injectOpen(constantUsersPerSec(200).during(warmup)),
                SteadySgxSimulation.attest("cold-sgx", "SgxEnclave", Evidence.sgxBody())
                        .injectOpen(nothingFor(warmup + 2), atOnceUsers(users)))
                .protocols(SteadySgxSimulation.protocol())
                .assertions(global().failedRequests().count().is(0L),
                        details("cold-sgx").responseTime().max().lt(latency + 100));
    }
}
