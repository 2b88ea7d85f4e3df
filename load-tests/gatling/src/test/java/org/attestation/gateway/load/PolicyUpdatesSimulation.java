package org.attestation.gateway.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Steady SGX attestation while the default tenant's SGX policy (or {@code policyType}'s) is replaced
 * {@code updatesPerSec} times a second through {@code PUT /policies/{type}}, each write a JWS signed (RS256) by the policy management key the
 * script configured ({@code signer.key}, {@code signer.cert}). No attestation may fail while policies change.
 */
public class PolicyUpdatesSimulation extends Simulation {

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final AtomicLong VERSION = new AtomicLong();

    private static String read(String property) {
        try {
            return Files.readString(Path.of(System.getProperty(property)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NullPointerException e) {
            throw new IllegalStateException("-D" + property + " is required", e);
        }
    }

    private static byte[] pemBody(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    }

    /** A policy write: {"AttestationPolicy": base64url(text)}, a new text each time so the hash changes. */
    static String signedPolicy(PrivateKey key, String certificate) {
        String text = "version=1.0; authorizationrules { => permit(); }; issuancerules { "
                + "=> issue(type=\"policy-version\", value=" + VERSION.incrementAndGet() + "); };";
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"x5c\":[\"" + certificate + "\"]}";
        String payload = "{\"AttestationPolicy\":\"" + B64URL.encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "\"}";
        String input = B64URL.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + B64URL.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + B64URL.encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ScenarioBuilder writes(String name, PrivateKey key, String certificate, String policyType) {
        return scenario(name).exec(http(name).put("/policies/" + policyType + "?api-version=2022-08-01")
                .header("Content-Type", "text/plain")
                .body(StringBody(session -> signedPolicy(key, certificate)))
                .check(status().is(200), jsonPath("$.token").exists()));
    }

    {
        int rate = Evidence.intProperty("rate", 300);
        int updates = Evidence.intProperty("updatesPerSec", 2);
        int duration = Evidence.intProperty("duration", 60);
        PrivateKey key;
        try {
            key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pemBody(read("signer.key"))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signer.key is not a PKCS#8 RSA key", e);
        }
        String certificate = Base64.getEncoder().encodeToString(pemBody(read("signer.cert")));
        PrivateKey signingKey = key;
        String policyType = System.getProperty("policyType", "SgxEnclave");
        setUp(SteadySgxSimulation.rampThenConstant("sgx", "SgxEnclave", Evidence.sgxBody(), rate, duration),
                writes(SteadySgxSimulation.RAMP + "policy", signingKey, certificate, policyType)
                        .injectOpen(rampUsersPerSec(1).to(updates).during(10))
                        .andThen(writes("policy", signingKey, certificate, policyType)
                                .injectOpen(constantUsersPerSec(updates).during(duration))))
                .protocols(SteadySgxSimulation.protocol())
                .assertions(global().failedRequests().count().is(0L));
    }
}
