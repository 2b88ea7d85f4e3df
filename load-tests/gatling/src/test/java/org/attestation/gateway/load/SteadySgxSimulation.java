package org.attestation.gateway.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

/**
 * Steady warm-cache SGX attestation (open model): {@code rate} new attestations per second for {@code duration}
 * seconds after a ramp, on shared keep-alive connections (as many as the requests in flight need: Gatling does
 * not cap a shared pool). Each one is a full {@code POST /attest/SgxEnclave} of the Phala SGX quote with an
 * RS256 token in the answer.
 */
public class SteadySgxSimulation extends Simulation {

    static HttpProtocolBuilder protocol() {
        return http.baseUrl(Evidence.baseUrl())
                .disableWarmUp() // the default warm-up request goes to gatling.io
                .shareConnections()
                .contentTypeHeader("application/json")
                .acceptHeader("application/json");
    }

    static ScenarioBuilder attest(String name, String type, String body) {
        return scenario(name).exec(http(name).post("/attest/" + type + "?api-version=2022-08-01")
                .body(StringBody(body))
                .check(status().is(200), jsonPath("$.token").exists()));
    }

    /**
     * The open-model profile of every simulation: a 10 s ramp to {@code rate}, then {@code rate} for
     * {@code duration} s. The ramp lets Gatling's own JVM (on the same cores) warm up, so that its start does not
     * show up as the gateway's latency.
     */
    static OpenInjectionStep[] rampThenConstant(double rate, int duration) {
        return new OpenInjectionStep[] {rampUsersPerSec(1).to(rate).during(10), constantUsersPerSec(rate).during(duration)};
    }

    {
        int rate = Evidence.intProperty("rate", 400);
        int duration = Evidence.intProperty("duration", 60);
        setUp(attest("sgx", "SgxEnclave", Evidence.sgxBody()).injectOpen(rampThenConstant(rate, duration)))
                .protocols(protocol())
                .assertions(global().failedRequests().count().is(0L));
    }
}
