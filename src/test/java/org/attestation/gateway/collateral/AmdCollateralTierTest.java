package org.attestation.gateway.collateral;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.attestation.gateway.bus.Addresses;
import org.attestation.gateway.bus.Bus;
import org.attestation.gateway.crypto.Pem;
import org.attestation.gateway.evidence.snp.SigningKey;
import org.attestation.gateway.evidence.snp.SnpProduct;
import org.attestation.gateway.evidence.snp.TcbVersion;
import org.attestation.gateway.evidence.snp.testpki.SnpTestPki;
import org.attestation.gateway.store.CollateralEntry;
import org.attestation.gateway.store.MemoryCollateral;
import org.attestation.gateway.support.FakeKds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The AMD collateral tier against a fake KDS: layers, single flight, the per-URL rate limit, throttling, offline. */
class AmdCollateralTierTest {

    static final TcbVersion MILAN_TCB = TcbVersion.decode(0x7308000000000003L, SnpProduct.MILAN);
    static final byte[] CHIP = chip(64, 0x11);
    static final String CHIP_HEX = HexFormat.of().formatHex(CHIP);
    static final String VCEK_PATH = "/vcek/v1/Milan/" + CHIP_HEX;
    static final String CHAIN_PATH = "/vcek/v1/Milan/cert_chain";
    static final String CRL_PATH = "/vcek/v1/Milan/crl";
    static final AmdCollateralKey VCEK = AmdCollateralKey.vcek(SnpProduct.MILAN, CHIP, MILAN_TCB);
    static final AmdCollateralKey CHAIN = AmdCollateralKey.certChain(SnpProduct.MILAN, SigningKey.VCEK);
    static final AmdCollateralKey CRL = AmdCollateralKey.crl(SnpProduct.MILAN, SigningKey.VCEK);

    static SnpTestPki pki;
    static byte[] vcekDer;
    static byte[] certChain;
    static byte[] crlDer;

    @TempDir
    Path dir;

    Vertx vertx;
    FakeKds kds;

    @BeforeAll
    static void certificates() {
        pki = SnpTestPki.of(SnpProduct.MILAN);
        vcekDer = pki.vek(SigningKey.VCEK).build().der();
        certChain = pki.certChainPem(SigningKey.VCEK).getBytes(StandardCharsets.US_ASCII);
        crlDer = pki.kdsCrl();
    }

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        kds = new FakeKds();
    }

    @AfterEach
    void stop() throws Exception {
        kds.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static byte[] chip(int length, int fill) {
        byte[] chip = new byte[length];
        for (int i = 0; i < length; i++) {
            chip[i] = (byte) (fill + i);
        }
        return chip;
    }

    AmdCollateralTier tier(Path cache, MemoryCollateral store, Duration interval) {
        KdsClient client = new KdsClient(vertx, URI.create(kds.url()),
                KdsClient.Settings.defaults().withSameUrlInterval(interval), Clock.systemUTC(), new SimpleMeterRegistry());
        return new AmdCollateralTier(vertx, store, new CollateralDirectory(cache), Optional.of(client),
                Clock.systemUTC(), new SimpleMeterRegistry());
    }

    AmdCollateralTier tier(Duration interval) {
        return tier(dir.resolve("cache"), new MemoryCollateral(), interval);
    }

    AmdCollateralTier offlineTier(Path cache) {
        return new AmdCollateralTier(vertx, new MemoryCollateral(), new CollateralDirectory(cache), Optional.empty(),
                Clock.systemUTC(), new SimpleMeterRegistry());
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static Throwable failure(Future<?> future) throws Exception {
        try {
            await(future);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected a failure");
    }

    @Test
    void coldFetchCachesInEveryLayerAndAHitMakesNoSecondRequest() throws Exception {
        // Given a KDS that knows the chip's VCEK
        kds.serve(VCEK_PATH, vcekDer);
        MemoryCollateral store = new MemoryCollateral();
        AmdCollateralTier tier = tier(dir.resolve("cache"), store, Duration.ofMillis(100));

        // When the VCEK is asked for twice
        CollateralEntry first = await(tier.item(VCEK));
        CollateralEntry second = await(tier.item(VCEK));

        // Then KDS was asked once, with the SPLs of the TCB, and the DER is served as received, kept until notAfter
        assertThat(kds.requests(VCEK_PATH)).isEqualTo(1);
        assertThat(kds.server().getAllServeEvents().get(0).getRequest().getUrl())
                .isEqualTo(VCEK_PATH + "?blSPL=3&teeSPL=0&snpSPL=8&ucodeSPL=115");
        assertThat(first.body()).isEqualTo(vcekDer);
        assertThat(second).isSameAs(first);
        assertThat(first.nextUpdate()).isEqualTo(SnpTestPki.NOT_AFTER);
        // And the store and the disk hold it under its normalised id
        assertThat(await(store.find(VCEK.id()))).contains(first);
        assertThat(dir.resolve("cache/" + VCEK.id() + ".body")).hasBinaryContent(vcekDer);
    }

    @Test
    void restartReadsFromTheDiskOrTheStoreWithoutKds() throws Exception {
        // Given a tier that fetched the VCEK, its chain and CRL
        kds.serve(VCEK_PATH, vcekDer).serveChainAndCrl(pki);
        MemoryCollateral store = new MemoryCollateral();
        AmdCollateralTier first = tier(dir.resolve("cache"), store, Duration.ofMillis(100));
        AmdVcekCollateral fetched = await(first.forVcek(VCEK));
        await(first.item(CRL));

        // When fresh tiers (a restart) ask again: one with the disk cache only, one with the store only
        AmdCollateralTier fromDisk = tier(dir.resolve("cache"), new MemoryCollateral(), Duration.ofMillis(100));
        AmdCollateralTier fromStore = tier(dir.resolve("empty"), store, Duration.ofMillis(100));

        // Then both answer the same DER, and KDS heard one request per item
        for (AmdCollateralTier restarted : List.of(fromDisk, fromStore)) {
            AmdVcekCollateral again = await(restarted.forVcek(VCEK));
            assertThat(again.vcek()).isEqualTo(fetched.vcek()).isEqualTo(vcekDer);
            assertThat(again.ask()).isEqualTo(Pem.der(pki.ask()));
            assertThat(again.ark()).isEqualTo(Pem.der(pki.ark()));
            assertThat(await(restarted.item(CRL)).body()).isEqualTo(crlDer);
        }
        assertThat(kds.totalRequests()).isEqualTo(3);
    }

    @Test
    void burstForANewChipMakesOneKdsRequestPerItem() throws Exception {
        // Given a KDS that answers slowly
        kds.serve(VCEK_PATH, aResponse().withStatus(200).withBody(vcekDer).withFixedDelay(300))
                .serve(CHAIN_PATH, aResponse().withStatus(200).withBody(certChain).withFixedDelay(300))
                .serve(CRL_PATH, aResponse().withStatus(200).withBody(crlDer).withFixedDelay(300));
        AmdCollateralTier tier = tier(Duration.ofMillis(100));

        // When 32 reports of the same new chip arrive at once, each asking for its VCEK and its CRL over the bus
        Bus.registerCodecs(vertx.eventBus());
        vertx.deployVerticle(new AmdCollateralVerticle(tier)).toCompletionStage().toCompletableFuture().get();
        List<Future<AmdVcekCollateral>> burst = new ArrayList<>();
        List<Future<CollateralEntry>> crls = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            burst.add(Bus.request(vertx.eventBus(), Addresses.COLLATERAL_AMD_VCEK, VCEK, Duration.ofSeconds(10),
                    AmdVcekCollateral.class));
            crls.add(Bus.request(vertx.eventBus(), Addresses.COLLATERAL_AMD, CRL, Duration.ofSeconds(10),
                    CollateralEntry.class));
        }
        await(Future.all(burst));
        await(Future.all(crls));

        // Then each answered the chain and the CRL, and KDS heard exactly one request per item
        assertThat(burst).allSatisfy(f -> assertThat(f.result().vcek()).isEqualTo(vcekDer));
        assertThat(crls).allSatisfy(f -> {
            assertThat(f.result().body()).isEqualTo(crlDer);
            assertThat(f.result().nextUpdate()).isEqualTo(SnpTestPki.NOT_AFTER);
        });
        assertThat(kds.requests(VCEK_PATH)).isEqualTo(1);
        assertThat(kds.requests(CHAIN_PATH)).isEqualTo(1);
        assertThat(kds.requests(CRL_PATH)).isEqualTo(1);
    }

    @Test
    void throttlingIsHonouredNoRequestBeforeRetryAfterThenSuccess() throws Exception {
        // Given a KDS that throttles the VCEK once with Retry-After: 1, then serves it
        kds.server().stubFor(get(urlPathEqualTo(VCEK_PATH)).inScenario("throttle")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("served")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")));
        kds.server().stubFor(get(urlPathEqualTo(VCEK_PATH)).inScenario("throttle").whenScenarioStateIs("served")
                .willReturn(aResponse().withStatus(200).withBody(vcekDer)));
        AmdCollateralTier tier = tier(Duration.ofMillis(50));

        // When the VCEK is asked for, and again at once
        Instant asked = Instant.now();
        Throwable throttled = failure(tier.item(VCEK));
        Throwable again = failure(tier.item(VCEK));

        // Then both fail as unavailable with the retry time, and KDS heard one request
        assertThat(throttled).isInstanceOf(CollateralUnavailableException.class).hasMessageContaining("429");
        assertThat(((CollateralUnavailableException) throttled).retryAt()).hasValueSatisfying(at ->
                assertThat(at).isBetween(asked.plusMillis(900), asked.plusSeconds(3)));
        assertThat(again).isInstanceOf(CollateralUnavailableException.class);
        assertThat(kds.requests(VCEK_PATH)).isEqualTo(1);

        // And once Retry-After has passed, the next request succeeds
        Thread.sleep(1100);
        assertThat(await(tier.item(VCEK)).body()).isEqualTo(vcekDer);
        assertThat(kds.requests(VCEK_PATH)).isEqualTo(2);
    }

    @Test
    void oneRequestPerUrlPerIntervalFailuresIncluded() throws Exception {
        // Given a KDS that fails with 503 once, then serves the CRL; and a 500 ms interval per URL
        kds.server().stubFor(get(urlPathEqualTo(CRL_PATH)).inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("up")
                .willReturn(aResponse().withStatus(503)));
        kds.server().stubFor(get(urlPathEqualTo(CRL_PATH)).inScenario("flaky").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(200).withBody(crlDer)));
        AmdCollateralTier tier = tier(Duration.ofMillis(500));

        // When the CRL is asked for, then again within the interval
        Throwable down = failure(tier.item(CRL));
        Throwable within = failure(tier.item(CRL));

        // Then both fail as unavailable, the second without a request to KDS, and nothing is cached
        assertThat(down).isInstanceOf(CollateralUnavailableException.class).hasMessageContaining("503");
        assertThat(within).isSameAs(down);
        assertThat(kds.requests(CRL_PATH)).isEqualTo(1);
        assertThat(tier.cached()).isEmpty();

        // And after the interval KDS is asked again
        Thread.sleep(600);
        assertThat(await(tier.item(CRL)).body()).isEqualTo(crlDer);
        assertThat(kds.requests(CRL_PATH)).isEqualTo(2);
        // And AMD's 10 seconds are the default
        assertThat(KdsClient.Settings.defaults().sameUrlInterval()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void garbageIsRejectedAndNeverCached() throws Exception {
        // Given a KDS that answers the VCEK with an HTML page, the chain with three certificates, the CRL with a certificate
        String threeCertificates = new String(certChain) + new String(certChain).lines()
                .takeWhile(l -> !l.startsWith("-----END")).reduce("", (a, b) -> a + b + "\n") + "-----END CERTIFICATE-----\n";
        kds.serve(VCEK_PATH, "<html>busy</html>".getBytes())
                .serve(CHAIN_PATH, threeCertificates.getBytes())
                .serve(CRL_PATH, vcekDer);
        Path cache = dir.resolve("cache");
        AmdCollateralTier tier = tier(cache, new MemoryCollateral(), Duration.ofMillis(50));

        // When each is asked for
        List<Throwable> failures = List.of(failure(tier.item(VCEK)), failure(tier.item(CHAIN)), failure(tier.item(CRL)));

        // Then each is rejected, and no layer holds anything
        assertThat(failures).allSatisfy(f -> assertThat(f).isInstanceOf(CollateralRejectedException.class));
        assertThat(failures.get(1)).hasMessageContaining("exactly two PEM CERTIFICATE blocks");
        assertThat(tier.cached()).isEmpty();
        assertThat(new CollateralDirectory(cache).ids()).isEmpty();

        // And once KDS sends a real VCEK, it is fetched (nothing bad was remembered as good)
        Thread.sleep(100);
        kds.serve(VCEK_PATH, vcekDer);
        assertThat(await(tier.item(VCEK)).body()).isEqualTo(vcekDer);
    }

    @Test
    void unknownChipIsMissingAndRememberedBriefly() throws Exception {
        // Given a KDS that does not know the chip
        kds.serve(VCEK_PATH, aResponse().withStatus(404));
        AmdCollateralTier tier = tier(Duration.ofMillis(50));

        // When it is asked twice, the second time after the same-URL interval
        Throwable missing = failure(tier.item(VCEK));
        Thread.sleep(100);
        Throwable again = failure(tier.item(VCEK));

        // Then it is missing, and the 404 answered the second request without KDS (negative cache)
        assertThat(missing).isInstanceOf(CollateralMissingException.class).hasMessageContaining("404");
        assertThat(again).isSameAs(missing);
        assertThat(kds.requests(VCEK_PATH)).isEqualTo(1);
    }

    @Test
    void offlineModeNeverCallsKdsAndServesImportedBundles() throws Exception {
        // Given a bundle exported by a connected tier
        kds.serve(VCEK_PATH, vcekDer).serveChainAndCrl(pki);
        AmdCollateralTier connected = tier(Duration.ofMillis(50));
        await(connected.forVcek(VCEK));
        await(connected.item(CRL));
        Path bundle = dir.resolve("bundle");
        assertThat(await(connected.exportTo(bundle))).isEqualTo(3);
        int requests = kds.totalRequests();

        // And an offline tier with an empty cache, which cannot serve the VCEK
        AmdCollateralTier offline = offlineTier(dir.resolve("offline-cache"));
        assertThat(failure(offline.item(VCEK))).isInstanceOf(CollateralMissingException.class)
                .hasMessageContaining("offline mode: " + VCEK.id());

        // When the bundle is imported
        assertThat(await(offline.importFrom(bundle))).isEmpty();

        // Then the offline tier serves it, a fresh one reads its disk, and KDS heard nothing more
        assertThat(await(offline.forVcek(VCEK)).vcek()).isEqualTo(vcekDer);
        assertThat(await(offlineTier(dir.resolve("offline-cache")).item(CRL)).body()).isEqualTo(crlDer);
        assertThat(kds.totalRequests()).isEqualTo(requests);
    }

    @Test
    void importRefusesDamagedItems() throws Exception {
        // Given a bundle whose CRL is damaged
        kds.serveChainAndCrl(pki);
        AmdCollateralTier connected = tier(Duration.ofMillis(50));
        await(connected.item(CHAIN));
        await(connected.item(CRL));
        Path bundle = dir.resolve("bundle");
        await(connected.exportTo(bundle));
        Files.write(bundle.resolve(CRL.id() + ".body"), "not a CRL".getBytes());

        // When it is imported
        AmdCollateralTier fresh = offlineTier(dir.resolve("fresh"));
        var refused = await(fresh.importFrom(bundle));

        // Then the CRL is refused and named; the chain is loaded
        assertThat(refused).containsOnlyKeys(CRL.id());
        assertThat(fresh.cached()).containsOnlyKeys(CHAIN.id());
    }

    @Test
    void turinVcekIsFetchedByItsEightByteHwIdWithFmcSplFirst() throws Exception {
        // Given a Turin CHIP_ID (8-byte hwID, then zeros) and a REPORTED_TCB with FMC 1, BL 3, TEE 0, SNP 5, UCODE 210
        byte[] chipId = new byte[64];
        System.arraycopy(chip(8, 0xA0), 0, chipId, 0, 8);
        AmdCollateralKey turin = AmdCollateralKey.vcek(SnpProduct.TURIN, chipId, 0xD200000005000301L);
        String path = "/vcek/v1/Turin/a0a1a2a3a4a5a6a7";
        kds.serve(path, SnpTestPki.of(SnpProduct.TURIN).vek(SigningKey.VCEK).build().der());

        // When it is fetched
        await(tier(Duration.ofMillis(50)).item(turin));

        // Then KDS was asked with 16 hex digits and fmcSPL first
        assertThat(kds.server().getAllServeEvents().get(0).getRequest().getUrl())
                .isEqualTo(path + "?fmcSPL=1&blSPL=3&teeSPL=0&snpSPL=5&ucodeSPL=210");
        assertThat(turin.id()).isEqualTo("amd/vcek/Turin/a0a1a2a3a4a5a6a7/fmc1_bl3_tee0_snp5_ucode210");
    }
}
