package org.attestation.gateway.load;

import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.global;

import io.gatling.javaapi.core.Simulation;

/**
 * The gateway's sustained throughput for warm SGX attestation (closed model): {@code connections} clients, each
 * sending its next attestation as soon as the previous answer arrives, for {@code duration} seconds. Its mean
 * rate is what {@code crypto-bound-vs-http.sh} compares with the crypto bound; its percentiles are the latency
 * at that concurrency.
 */
public class SaturationSgxSimulation extends Simulation {

    {
        int connections = Evidence.intProperty("connections", 64);
        int duration = Evidence.intProperty("duration", 60);
        // First 15 s unreported (named "ramp sgx"): Gatling's own JVM, new each run, warms up on the same cores
        setUp(SteadySgxSimulation.attest(SteadySgxSimulation.RAMP + "sgx", "SgxEnclave", Evidence.sgxBody())
                        .injectClosed(constantConcurrentUsers(connections).during(15))
                        .andThen(SteadySgxSimulation.attest("sgx", "SgxEnclave", Evidence.sgxBody())
                                .injectClosed(constantConcurrentUsers(connections).during(duration))))
                .protocols(SteadySgxSimulation.protocol())
                .assertions(global().failedRequests().count().is(0L));
    }
}
