package org.attestation.gateway.collateral;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.attestation.gateway.config.CollateralMode;
import org.attestation.gateway.config.GatewayConfig;
import org.attestation.gateway.evidence.snp.SigningKey;
import org.attestation.gateway.evidence.snp.SnpProduct;
import org.attestation.gateway.store.CollateralEntry;
import org.attestation.gateway.store.Store;

/**
 * The gateway's AMD collateral tier: VCEKs, cert_chains and CRLs from AMD KDS, as raw DER. An item is
 * looked up in memory, then in the store, then on disk, then (in lazy mode) at KDS; nothing enters a layer
 * before it passes its structural checks ({@link AmdCollateralItems}), and a cached copy passes them again
 * before it is trusted after a restart. Concurrent misses for one item share one KDS request. An item is
 * kept until its {@code nextUpdate}: a VCEK's notAfter (years), a chain's earliest notAfter (decades), a
 * CRL's nextUpdate; past it, KDS is asked again and the cached copy is served if KDS cannot help (the SNP
 * verifier judges expiry). Nothing here verifies signatures or chains to the AMD roots: the SNP verifier
 * does.
 */
public final class AmdCollateralTier {

    private final CollateralLayers layers;
    private final Optional<KdsClient> kds;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final TaggedCounters lookups;
    private final SingleFlight<CollateralEntry> inFlight = new SingleFlight<>(() -> count("in-flight"));

    /** {@code kds} is empty in offline mode: the tier then never calls out. */
    public AmdCollateralTier(Vertx vertx, Store.Collateral store, CollateralDirectory disk, Optional<KdsClient> kds,
            Clock clock, MeterRegistry metrics) {
        this.lookups = new TaggedCounters(metrics, "gateway_amd_collateral_lookups_total", "source");
        this.layers = new CollateralLayers(vertx, store, disk, this::count);
        this.kds = kds;
        this.clock = clock;
        this.metrics = metrics;
        Gauge.builder("gateway_amd_collateral_items", layers.memory(), Map::size).register(metrics);
    }

    /**
     * The tier the configuration describes: KDS ({@code GATEWAY_AMD_KDS_URL}) unless offline, at most one
     * request per URL per 10 s; freshness judged at GATEWAY_VERIFY_AT when replaying.
     */
    public static AmdCollateralTier configured(Vertx vertx, GatewayConfig config, Store.Collateral store, Clock clock,
            MeterRegistry metrics) {
        GatewayConfig.Collateral collateral = config.collateral();
        Optional<KdsClient> kds = collateral.mode() == CollateralMode.OFFLINE ? Optional.empty()
                : Optional.of(new KdsClient(vertx, collateral.amdKdsUrl(), KdsClient.Settings.defaults(),
                        Clock.systemUTC(), metrics));
        Clock judgedAt = config.verification().verifyAt().map(at -> Clock.fixed(at, ZoneOffset.UTC)).orElse(clock);
        return new AmdCollateralTier(vertx, store, new CollateralDirectory(collateral.dir()), kds, judgedAt, metrics);
    }

    /** What a VCEK-signed report needs: the VCEK of {@code vcek} and its product's VCEK cert_chain (the CRL apart). */
    public Future<AmdVcekCollateral> forVcek(AmdCollateralKey vcek) {
        if (vcek.kind() != AmdCollateralKey.Kind.VCEK) {
            return Future.failedFuture(new IllegalArgumentException("not a VCEK: " + vcek));
        }
        SnpProduct product = vcek.product();
        return Future.all(item(vcek), item(AmdCollateralKey.certChain(product, SigningKey.VCEK))).map(all -> {
                    CollateralEntry chain = all.resultAt(1);
                    List<X509Certificate> certificates;
                    try {
                        certificates = AmdCollateralItems.certChain(chain.body());
                        return new AmdVcekCollateral(((CollateralEntry) all.resultAt(0)).body(),
                                certificates.get(0).getEncoded(), certificates.get(1).getEncoded());
                    } catch (GeneralSecurityException e) {
                        throw new CollateralRejectedException(chain.key() + " was rejected: " + e.getMessage(), e);
                    }
                });
    }

    /** One structurally checked item, from the nearest layer that has it. */
    public Future<CollateralEntry> item(AmdCollateralKey key) {
        CollateralEntry cached = layers.inMemory(key.id());
        if (cached != null && clock.instant().isBefore(cached.nextUpdate())) {
            count("memory");
            return Future.succeededFuture(cached);
        }
        if (cached != null) {
            // Past nextUpdate (a CRL, mostly): try for a newer one, and serve the old one if KDS cannot help
            count("memory-expired");
            return kds.isEmpty() ? Future.succeededFuture(cached)
                    : inFlight.run(key.id(), () -> fetch(key)).recover(e -> Future.succeededFuture(cached));
        }
        return inFlight.run(key.id(), () -> layers.find(key.id(), entry -> check(key, entry))
                .compose(found -> found.isPresent() ? Future.succeededFuture(found.get()) : fetchOnMiss(key)));
    }

    /** Fetches an item from KDS now, whatever the cache holds (warmup). */
    public Future<CollateralEntry> refresh(AmdCollateralKey key) {
        if (kds.isEmpty()) {
            return Future.failedFuture(new CollateralMissingException("offline mode: " + key + " cannot be fetched"));
        }
        return inFlight.run(key.id(), () -> fetch(key));
    }

    /** Items held in memory, by id. */
    public Map<String, CollateralEntry> cached() {
        return Map.copyOf(layers.memory());
    }

    /** Writes every cached item to {@code dir} in the cache's layout: an offline bundle. */
    public Future<Integer> exportTo(Path dir) {
        return layers.exportTo(dir);
    }

    /**
     * Loads the AMD items of a bundle: each is checked before it enters the cache. Answers the ids that were
     * refused, with the reason; the others are in memory, the store and on disk.
     */
    public Future<Map<String, String>> importFrom(Path dir) {
        return layers.importFrom(dir, AmdCollateralKey::parse, this::check);
    }

    private void check(AmdCollateralKey key, CollateralEntry entry) {
        AmdCollateralItems.check(key, entry.body(), clock.instant());
    }

    private Future<CollateralEntry> fetchOnMiss(AmdCollateralKey key) {
        if (kds.isEmpty()) {
            count("offline-miss");
            return Future.failedFuture(CollateralLayers.offlineMiss(key.id()));
        }
        return fetch(key);
    }

    /** From KDS: the client has checked the body; it is written to disk and the store, then remembered. */
    private Future<CollateralEntry> fetch(AmdCollateralKey key) {
        count("upstream");
        return kds.orElseThrow().fetch(key)
                .compose(body -> layers.keep(() -> new CollateralEntry(key.id(), body, Map.of(), clock.instant(),
                        AmdCollateralItems.check(key, body, clock.instant()))))
                .onFailure(e -> Counter.builder("gateway_amd_collateral_errors_total").tag("item", key.kind().label())
                        .tag("reason", e.getClass().getSimpleName()).register(metrics).increment());
    }

    private void count(String source) {
        lookups.increment(source);
    }
}
