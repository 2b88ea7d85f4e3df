package org.attestation.gateway.load;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.global;

import io.gatling.javaapi.core.Simulation;

/**
 * A mix of SGX (60%), TDX (30%) and SEV-SNP (10%) attestations, warm caches, open model: the three evidence
 * types share the worker pools and the token service.
 */
public class MixedEvidenceSimulation extends Simulation {

    {
        int rate = Evidence.intProperty("rate", 300);
        int duration = Evidence.intProperty("duration", 60);
        setUp(SteadySgxSimulation.attest("sgx", "SgxEnclave", Evidence.sgxBody())
                        .injectOpen(constantUsersPerSec(rate * 0.6).during(duration)),
                SteadySgxSimulation.attest("tdx", "TdxVm", Evidence.tdxBody())
                        .injectOpen(constantUsersPerSec(rate * 0.3).during(duration)),
                SteadySgxSimulation.attest("snp", "SevSnpVm", Evidence.snpBody())
                        .injectOpen(constantUsersPerSec(rate * 0.1).during(duration)))
                .protocols(SteadySgxSimulation.protocol())
                .assertions(global().failedRequests().count().is(0L));
    }
}
