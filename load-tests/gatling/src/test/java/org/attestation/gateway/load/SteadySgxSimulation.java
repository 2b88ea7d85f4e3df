package org.attestation.gateway.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.PopulationBuilder;
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

    /** The name of the requests of a simulation's first phase, which the scripts leave out of the figures. */
    static final String RAMP = "ramp ";

    /**
     * An open-model scenario: a 10 s ramp to {@code rate} (its requests named {@link #RAMP} + {@code name}), then
     * {@code rate} for {@code duration} s (named {@code name}). The ramp lets Gatling's own JVM, a new one on the
     * same cores each run, warm up, so that its start does not show up in the gateway's figures.
     */
    static PopulationBuilder rampThenConstant(String name, String type, String body, double rate, int duration) {
        return attest(RAMP + name, type, body).injectOpen(rampUsersPerSec(1).to(rate).during(10))
                .andThen(attest(name, type, body).injectOpen(constantUsersPerSec(rate).during(duration)));
    }

    {
        int rate = Evidence.intProperty("rate", 400);
        int duration = Evidence.intProperty("duration", 60);
        setUp(rampThenConstant("sgx", "SgxEnclave", Evidence.sgxBody(), rate, duration))
                .protocols(protocol())
                .assertions(global().failedRequests().count().is(0L));
    }
}
