package org.attestation.gateway.store.pg;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.attestation.gateway.Main;
import org.attestation.gateway.crypto.CryptoProviders;
import org.attestation.gateway.crypto.Pem;
import org.attestation.gateway.policy.PolicyHash;
import org.attestation.gateway.token.SigningKey;
import org.attestation.gateway.token.SigningKeyFactory;
import org.attestation.gateway.token.TokenAlgorithm;
import org.attestation.gateway.bus.Addresses;
import org.attestation.gateway.bus.Bus;
import org.attestation.gateway.token.SignedToken;
import org.attestation.gateway.token.TokenRequest;
import org.attestation.gateway.evidence.AttestationType;
import org.attestation.gateway.store.StoreChange;
import org.attestation.gateway.store.StoredPolicy;
import org.attestation.gateway.store.Tenant;
import org.attestation.gateway.support.FakePcs;
import org.attestation.gateway.support.P1;
import org.attestation.gateway.support.PolicyWrites;
import org.attestation.gateway.support.TestGateway;
import org.attestation.gateway.support.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Gateways sharing one PostgreSQL: changes propagate, keys are shared, restarts and outages are survived. */
class ReplicasTest {

    @RegisterExtension
    static final TestPostgres PG = new TestPostgres();

    private static final String KEK = Base64.getEncoder().encodeToString(randomBytes());
    private static final String ATTEST = "/attest/SgxEnclave?api-version=2022-08-01";

    @TempDir
    Path dir;

    private static byte[] randomBytes() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private TestGateway replica(String name, String pgUrl, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of("GATEWAY_STORE", "postgres", "GATEWAY_PG_URL", pgUrl,
                "GATEWAY_KEY_ENCRYPTION_KEY", KEK));
        env.putAll(extra);
        return TestGateway.startVerifying(TestGateway.config(dir.resolve(name), env));
    }

    private static <T> T await(io.vertx.core.Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> writePolicy(TestGateway gateway, String jws) {
        return TestGateway.send(java.net.http.HttpRequest.newBuilder(
                        gateway.url("/policies/SgxEnclave?api-version=2022-08-01"))
                .header("Content-Type", "text/plain").PUT(java.net.http.HttpRequest.BodyPublishers.ofString(jws))
                .build());
    }

    private static StoredPolicy policy(String text) {
        return new StoredPolicy(Tenant.DEFAULT, AttestationType.SGX_ENCLAVE, text, "jws", Optional.empty(), 0,
                Instant.now());
    }

    @Test
    void aChangeThroughOneReplicaReachesTheOtherWithinASecondAndKeysAreShared() throws Exception {
        try (TestGateway first = replica("first", PG.url(), Map.of());
                TestGateway second = replica("second", PG.url(), Map.of())) {
            // Given the second replica listening for changes
            BlockingQueue<Long> heard = new LinkedBlockingQueue<>();
            second.gateway().store().onChange(change -> {
                if (change.kind() == StoreChange.Kind.POLICY) {
                    heard.add(System.nanoTime());
                }
            });

            // When a policy is written through the first
            List<Long> delays = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                long written = System.nanoTime();
                await(first.gateway().store().policies().put(policy("version=1.0; authorizationrules{=>permit();}; // " + i),
                        "admin:test"));
                Long arrived = heard.poll(1, TimeUnit.SECONDS);
                assertThat(arrived).as("change %d heard by the second replica within a second", i).isNotNull();
                delays.add((arrived - written) / 1_000_000);
            }

            // Then the second sees it within a second, reads it whole, and both publish the same signing key
            assertThat(await(second.gateway().store().policies().find(Tenant.DEFAULT, AttestationType.SGX_ENCLAVE))
                    .orElseThrow().text()).endsWith("// 4");
            assertThat(new JsonObject(first.get("/certs").body())).isEqualTo(new JsonObject(second.get("/certs").body()));
            System.out.println("propagation delays between replicas (ms): " + delays);
        }
    }

    @Test
    void aTenantKeyCreatedByOneReplicaSignsOnTheOther() {
        try (TestGateway first = replica("first", PG.url(), Map.of());
                TestGateway second = replica("second", PG.url(), Map.of())) {
            // Given a tenant whose key the first replica creates on first use
            await(first.gateway().store().tenants().create(new Tenant("contoso", Instant.now()), "admin:test"));
            String firstCerts = first.get("/tenants/contoso/certs").body();

            // Then the second serves the same key
            assertThat(new JsonObject(second.get("/tenants/contoso/certs").body())).isEqualTo(new JsonObject(firstCerts));
        }
    }

    @Test
    void aReplicaStoppedAbruptlyLeavesTheOtherServingAndCatchesUpAfterARestart() {
        try (TestGateway second = replica("second", PG.url(), Map.of())) {
            TestGateway first = replica("first", PG.url(), Map.of());
            String certs = second.get("/certs").body();

            // When the first stops abruptly while the second serves requests
            first.gateway().vertx().close();
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                statuses.add(second.get("/certs").statusCode());
            }
            // And a policy changes while the first is away
            await(second.gateway().store().policies().put(policy("version=1.0; authorizationrules{=>deny();};"),
                    "admin:test"));

            // Then the second never failed, and the restarted first sees the change and the same keys
            assertThat(statuses).containsOnly(200);
            try (TestGateway restarted = replica("first", PG.url(), Map.of())) {
                assertThat(await(restarted.gateway().store().policies().find(Tenant.DEFAULT, AttestationType.SGX_ENCLAVE))
                        .orElseThrow().text()).isEqualTo("version=1.0; authorizationrules{=>deny();};");
                assertThat(new JsonObject(restarted.get("/certs").body())).isEqualTo(new JsonObject(certs));
            }
        }
    }

    @Test
    void rotationPublishesTheNextKeyFirstThenSignsWithItThenRetiresTheOldOne() throws Exception {
        try (TestGateway first = replica("first", PG.url(), Map.of());
                TestGateway second = replica("second", PG.url(), Map.of())) {
            String oldKid = signingKid(first);
            Path config = Files.writeString(dir.resolve("rotate.yaml"), "store:\n  kind: postgres\n  pgUrl: " + PG.url()
                    + "\n  keyEncryptionKey: " + KEK + "\n");

            // When the key is rotated from the command line, to sign in 3 s, the old one retiring 3 s later
            long rotated = System.nanoTime();
            assertThat(Main.run("keys", "rotate", "--activate-after", "PT3S", "--retire-after", "PT3S", "--config",
                    config.toString())).isZero();

            // Then both replicas publish the new key within a second, and still sign with the old one
            await(() -> publishedKids(second).size() == 2, rotated, Duration.ofSeconds(1));
            assertThat(publishedKids(first)).hasSize(2).contains(oldKid);
            assertThat(signingKid(second)).isEqualTo(oldKid);
            String newKid = publishedKids(second).stream().filter(k -> !k.equals(oldKid)).findFirst().orElseThrow();

            // And after activation both sign with the new key, the old one still published
            await(() -> signingKid(first).equals(newKid), rotated, Duration.ofSeconds(6));
            assertThat(signingKid(second)).isEqualTo(newKid);
            assertThat(publishedKids(second)).contains(oldKid);

            // And once retired, the old key is gone from /certs
            await(() -> publishedKids(first).equals(List.of(newKid)), rotated, Duration.ofSeconds(10));
            assertThat(publishedKids(second)).containsExactly(newKid);
        }
    }

    private static String signingKid(TestGateway gateway) {
        SignedToken token = await(Bus.request(gateway.gateway().vertx().eventBus(), Addresses.TOKEN_SIGN,
                TokenRequest.signed(Tenant.DEFAULT, Map.of()), Duration.ofSeconds(5), SignedToken.class));
        return new JsonObject(new String(Base64.getUrlDecoder().decode(token.jwt().split("\\.")[0]))).getString("kid");
    }

    private static List<String> publishedKids(TestGateway gateway) {
        var keys = new JsonObject(gateway.get("/certs").body()).getJsonArray("keys");
        List<String> kids = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            kids.add(keys.getJsonObject(i).getString("kid"));
        }
        return kids;
    }

    private static void await(BooleanSupplier condition, long since, Duration within)
            throws InterruptedException {
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - since > within.toNanos()) {
                throw new AssertionError("not within " + within);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void embeddedModeKeepsPolicyAndSigningKeyAcrossRestarts() {
        String kid;
        try (TestGateway gateway = embeddedGateway()) {
            await(gateway.gateway().store().policies().put(policy("version=1.2; authorizationrules{=>permit();};"),
                    "admin:test"));
            kid = new JsonObject(gateway.get("/certs").body()).getJsonArray("keys").getJsonObject(0).getString("kid");
        }
        try (TestGateway again = embeddedGateway()) {
            assertThat(await(again.gateway().store().policies().find(Tenant.DEFAULT, AttestationType.SGX_ENCLAVE))
                    .orElseThrow().text()).isEqualTo("version=1.2; authorizationrules{=>permit();};");
            assertThat(new JsonObject(again.get("/certs").body()).getJsonArray("keys").getJsonObject(0).getString("kid"))
                    .isEqualTo(kid);
            assertThat(dir.resolve("embedded/key-encryption-key")).exists();
        }
    }

    private TestGateway embeddedGateway() {
        return TestGateway.startVerifying(TestGateway.config(dir.resolve("embedded"), Map.of("GATEWAY_STORE", "embedded")));
    }

    @Test
    void aPolicySetThroughOneReplicaGovernsTheTokensOfTheOtherWithinASecond() throws Exception {
        String body = "{\"quote\":\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(P1.quote()) + "\"}";
        try (FakePcs pcs = P1.pcs()) {
            Map<String, String> verifying = P1.settings(pcs, Map.of());
            try (TestGateway writer = replica("writer", PG.url(), verifying);
                    TestGateway attester = replica("attester", PG.url(), verifying)) {
                // Given the attesting replica has served a token under a permissive policy it set itself
                await(attester.gateway().store().policies().put(policy("version=1.0; authorizationrules{=>permit();};"),
                        "admin:test"));
                assertThat(attester.post(ATTEST, "application/json", body).statusCode()).isEqualTo(200);

                // When a new policy is set through the other replica
                String text = "version=1.0; authorizationrules{=>permit();}; issuancerules{=>issue(type=\"rev\", value=" 
                        + System.nanoTime() + ");};";
                long written = System.nanoTime();
                await(writer.gateway().store().policies().put(policy(text), "admin:test"));

                // Then within a second the attesting replica's tokens carry the new policy's hash
                String expected = PolicyHash.of(text);
                String seen = "";
                while (!seen.equals(expected) && System.nanoTime() - written < TimeUnit.SECONDS.toNanos(1)) {
                    HttpResponse<String> response = attester.post(ATTEST, "application/json", body);
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                    String jwt = new JsonObject(response.body()).getString("token");
                    seen = new JsonObject(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1])))
                            .getString("x-ms-policy-hash");
                }
                assertThat(seen).isEqualTo(expected);
                System.out.println("policy in force on the other replica after (ms): "
                        + (System.nanoTime() - written) / 1_000_000);
            }
        }
    }

    @Test
    void attestationGoesOnThroughADatabaseOutageAndTheStoreRecoversByItself() throws Exception {
        String body = "{\"quote\":\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(P1.quote()) + "\"}";
        try (TestPostgres.Dedicated database = TestPostgres.dedicated();
                FakePcs pcs = P1.pcs()) {
            String url = "postgresql://postgres@127.0.0.1:" + database.connectOptions().getPort() + "/postgres";
            SigningKey signer = new SigningKeyFactory(CryptoProviders.install(), Clock.systemUTC())
                    .generate(TokenAlgorithm.RS256, URI.create("https://signer.test"));
            Path signers = Files.writeString(dir.resolve("signers.pem"),
                    Pem.encode(Pem.CERTIFICATE, signer.chainDer().get(0)));
            String policyWrite = PolicyWrites.jws(signer,
                    PolicyWrites.policyPayload("version=1.0; authorizationrules{=>permit();};"));
            try (TestGateway gateway = replica("outage", url,
                    P1.settings(pcs, Map.of("GATEWAY_POLICY_SIGNERS", signers.toString())))) {
                // Given a warm gateway
                assertThat(gateway.post(ATTEST, "application/json", body).statusCode()).isEqualTo(200);

                // When the database stops
                database.stop();

                // Then attestations keep succeeding from the caches, and readiness reports the store down
                for (int i = 0; i < 10; i++) {
                    HttpResponse<String> response = gateway.post(ATTEST, "application/json", body);
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                }
                assertThat(gateway.get("/health/ready").statusCode()).isEqualTo(503);
                // And what needs the database now (a tenant lookup) answers 503 with Retry-After, not 500
                HttpResponse<String> lookup = gateway.get("/tenants/contoso/certs");
                assertThat(lookup.statusCode()).as(lookup.body()).isEqualTo(503);
                assertThat(lookup.headers().firstValue("Retry-After")).isPresent();
                assertThat(new JsonObject(lookup.body()).getJsonObject("error").getString("message"))
                        .isEqualTo("the store is unavailable; retry later");
                // And so does a correctly signed policy write
                HttpResponse<String> write = writePolicy(gateway, policyWrite);
                assertThat(write.statusCode()).as(write.body()).isEqualTo(503);
                assertThat(write.headers().firstValue("Retry-After")).isPresent();

                // And when it returns, the gateway recovers without a restart
                database.start();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
                while (gateway.get("/health/ready").statusCode() != 200 && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertThat(gateway.get("/health/ready").statusCode()).isEqualTo(200);
                HttpResponse<String> rewrite = writePolicy(gateway, policyWrite);
                assertThat(rewrite.statusCode()).as(rewrite.body()).isEqualTo(200);
                assertThat(gateway.post(ATTEST, "application/json", body).statusCode()).isEqualTo(200);
            }
        }
    }
}
