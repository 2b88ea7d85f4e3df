package org.attestation.gateway.load;

import static io.gatling.javaapi.core.CoreDsl.global;

import io.gatling.javaapi.core.Simulation;

/**
 * A mix of SGX (60%), TDX (30%) and SEV-SNP (10%) attestations, warm caches, open model: the three evidence
 * types share the worker pools and the token service. Ramped like the steady simulation.
 */
public class MixedEvidenceSimulation extends Simulation {

    {
        int rate = Evidence.intProperty("rate", 300);
        int duration = Evidence.intProperty("duration", 60);
        setUp(SteadySgxSimulation.rampThenConstant("sgx", "SgxEnclave", Evidence.sgxBody(), rate * 0.6, duration),
                SteadySgxSimulation.rampThenConstant("tdx", "TdxVm", Evidence.tdxBody(), rate * 0.3, duration),
                SteadySgxSimulation.rampThenConstant("snp", "SevSnpVm", Evidence.snpBody(), rate * 0.1, duration))
                .protocols(SteadySgxSimulation.protocol())
                .assertions(global().failedRequests().count().is(0L));
    }
}
