package org.attestation.gateway.collateral;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.attestation.gateway.config.CollateralMode;
import org.attestation.gateway.config.GatewayConfig;
import org.attestation.gateway.evidence.dcap.DcapCollateral;
import org.attestation.gateway.evidence.dcap.DcapVerifier;
import org.attestation.gateway.store.CollateralEntry;
import org.attestation.gateway.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's Intel collateral tier. An item is looked up in memory, then in the store, then on disk,
 * then (in lazy mode) at PCS; nothing enters any layer before its chain and signature verify. Concurrent
 * misses for one item share one upstream request. Items are refreshed in the background ahead of their
 * {@code nextUpdate}; a cached copy is served while the upstream is down, even past {@code nextUpdate}
 * (verification then flags or fails it, as configured). Freshness is judged by the clock given: the
 * verification time when evidence is replayed at {@code GATEWAY_VERIFY_AT}, else the real time.
 */
public final class IntelCollateralTier {

    private static final Logger LOG = LoggerFactory.getLogger(IntelCollateralTier.class);
    /** A failed background refresh is not retried sooner than this: no request loops. */
    static final Duration REFRESH_RETRY = Duration.ofMinutes(10);

    private final Vertx vertx;
    private final CollateralLayers layers;
    private final Optional<PcsClient> pcs;
    private final DcapVerifier checker;
    private final String update;
    private final Duration refreshAhead;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final SingleFlight<CollateralEntry> inFlight = new SingleFlight<>(() -> count("in-flight"));
    private final Map<String, Instant> lastRefresh = new ConcurrentHashMap<>();
    private final Map<String, Assembled> assembled = new ConcurrentHashMap<>();
    private final Counter currentHits;
    private final TaggedCounters lookups;

    /** The collateral of one (TEE, FMSPC, CA), kept while its four items are the same objects. */
    private record Assembled(List<CollateralEntry> items, DcapCollateral collateral) {
    }

    /** {@code pcs} is empty in offline mode: the tier then never calls out. */
    public IntelCollateralTier(Vertx vertx, Store.Collateral store, CollateralDirectory disk, Optional<PcsClient> pcs,
            DcapVerifier checker, String update, Duration refreshAhead, Clock clock, MeterRegistry metrics) {
        this.vertx = vertx;
        this.lookups = new TaggedCounters(metrics, "gateway_collateral_lookups_total", "source");
        this.layers = new CollateralLayers(vertx, store, disk, this::count);
        this.pcs = pcs;
        this.checker = checker;
        this.update = update;
        this.refreshAhead = refreshAhead;
        this.clock = clock;
        this.metrics = metrics;
        Gauge.builder("gateway_collateral_items_expiring", layers.memory(), this::expiringCount)
                .description("cached Intel collateral items within the refresh window or past nextUpdate")
                .register(metrics);
        Gauge.builder("gateway_collateral_items", layers.memory(), Map::size).register(metrics);
        this.currentHits = Counter.builder("gateway_collateral_lookups_total").tag("source", "current").register(metrics);
    }

    /**
     * The tier the configuration describes, for the gateway and for jobs without it (warmup): PCS unless
     * offline, and collateral freshness judged when evidence is, at GATEWAY_VERIFY_AT when replaying.
     */
    public static IntelCollateralTier configured(Vertx vertx, GatewayConfig config, Store.Collateral store,
            DcapVerifier checker, Clock clock, MeterRegistry metrics) {
        GatewayConfig.Collateral collateral = config.collateral();
        Optional<PcsClient> pcs = collateral.mode() == CollateralMode.OFFLINE ? Optional.empty()
                : Optional.of(new PcsClient(vertx, collateral.intelPcsUrl(), collateral.intelPcsApiKey().orElse(null),
                        PcsClient.Settings.defaults().withRequestTimeout(collateral.intelPcsTimeout()), metrics));
        Clock judgedAt = config.verification().verifyAt().map(at -> Clock.fixed(at, ZoneOffset.UTC)).orElse(clock);
        return new IntelCollateralTier(vertx, store, new CollateralDirectory(collateral.dir()), pcs, checker,
                collateral.intelPcsUpdate(), collateral.refreshAhead(), judgedAt, metrics);
    }

    /** The Intel feed ({@code standard} or {@code early}) this tier asks for. */
    public String update() {
        return update;
    }

    /** The collateral for a quote of {@code tee} from a platform with {@code fmspc}, certified by {@code ca}. */
    public Future<DcapCollateral> forQuote(String tee, String fmspc, String ca) {
        IntelCollateralKey tcb = IntelCollateralKey.tcbInfo(tee, fmspc, update);
        IntelCollateralKey qe = IntelCollateralKey.qeIdentity(tee, update);
        IntelCollateralKey crl = IntelCollateralKey.pckCrl(ca);
        IntelCollateralKey root = IntelCollateralKey.rootCaCrl();
        return Future.all(item(tcb), item(qe), item(crl), item(root)).map(all -> {
            List<CollateralEntry> items = all.list();
            String id = assembledId(tee, fmspc, ca);
            Assembled known = assembled.get(id);
            if (known != null && sameObjects(known.items(), items)) {
                return known.collateral();
            }
            DcapCollateral collateral = CollateralItems.assemble(tcb, items.get(0), qe, items.get(1), crl, items.get(2),
                    items.get(3));
            assembled.put(id, new Assembled(items, collateral));
            return collateral;
        });
    }

    /**
     * The collateral {@link #forQuote} would answer now, when answering needs nothing from it: assembled before,
     * each item still the one in memory and not yet in its refresh window. Any other case (a miss, an item due
     * for a refresh or past nextUpdate) is empty and goes through {@code forQuote}, which fetches and refreshes.
     * Thread-safe, for the evidence workers: a warm attestation needs no event-bus round trip for its collateral.
     */
    public Optional<DcapCollateral> current(String tee, String fmspc, String ca) {
        Assembled known = assembled.get(assembledId(tee, fmspc, ca));
        if (known == null) {
            return Optional.empty();
        }
        Instant refreshFrom = clock.instant().plus(refreshAhead);
        for (CollateralEntry item : known.items()) {
            if (layers.inMemory(item.key()) != item || !refreshFrom.isBefore(item.nextUpdate())) {
                return Optional.empty();
            }
        }
        currentHits.increment();
        return Optional.of(known.collateral());
    }

    private static String assembledId(String tee, String fmspc, String ca) {
        return tee + "|" + fmspc.toUpperCase(Locale.ROOT) + "|" + ca;
    }

    /** One verified item, from the nearest layer that has it. */
    public Future<CollateralEntry> item(IntelCollateralKey key) {
        CollateralEntry cached = layers.inMemory(key.id());
        if (cached != null && clock.instant().isBefore(cached.nextUpdate())) {
            count("memory");
            refreshIfDue(key, cached);
            return Future.succeededFuture(cached);
        }
        if (cached != null) {
            // Past nextUpdate: try for a newer one, and serve the old one if the upstream cannot help
            count("memory-expired");
            return pcs.isEmpty() ? Future.succeededFuture(cached)
                    : singleFlight(key, () -> fetch(key)).recover(e -> Future.succeededFuture(cached));
        }
        // The refresh check runs once the load is done: started inside it, it would join the load itself
        return singleFlight(key, () -> layers.find(key.id(), entry -> check(key, entry))
                .compose(found -> found.isPresent() ? Future.succeededFuture(found.get()) : fetchOnMiss(key)))
                .onSuccess(entry -> refreshIfDue(key, entry));
    }

    /** Fetches an item from PCS now, whatever the cache holds (warmup, refresh). */
    public Future<CollateralEntry> refresh(IntelCollateralKey key) {
        return singleFlight(key, () -> fetch(key));
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
     * Loads a bundle: every item is verified before it enters the cache. Answers the ids that were
     * refused, with the reason; the others are in memory, the store and on disk.
     */
    public Future<Map<String, String>> importFrom(Path dir) {
        return layers.importFrom(dir, IntelCollateralKey::parse, this::check);
    }

    private void check(IntelCollateralKey key, CollateralEntry entry) {
        CollateralItems.check(checker, key, entry.body(), entry.headers());
    }

    /** Starts the background refresh of items nearing their {@code nextUpdate} (lazy mode only). */
    public void startRefreshing(Duration every) {
        if (pcs.isPresent()) {
            vertx.setPeriodic(every.toMillis(), timer -> layers.memory().values().forEach(entry ->
                    IntelCollateralKey.parse(entry.key()).ifPresent(key -> refreshIfDue(key, entry))));
        }
    }

    /** Starts a background refresh when an item is within the refresh window of its nextUpdate. */
    private void refreshIfDue(IntelCollateralKey key, CollateralEntry entry) {
        if (!clock.instant().isBefore(entry.nextUpdate().minus(refreshAhead))) {
            refreshInBackground(key);
        }
    }

    private void refreshInBackground(IntelCollateralKey key) {
        Instant now = clock.instant();
        Instant last = lastRefresh.get(key.id());
        if (pcs.isEmpty() || last != null && now.isBefore(last.plus(REFRESH_RETRY))) {
            return;
        }
        lastRefresh.put(key.id(), now);
        singleFlight(key, () -> fetch(key)).onFailure(e -> LOG.atWarn().addKeyValue("item", key.id())
                .log("background refresh failed; the cached copy stays in use: {}", e.getMessage()));
    }

    private Future<CollateralEntry> singleFlight(IntelCollateralKey key, Supplier<Future<CollateralEntry>> load) {
        return inFlight.run(key.id(), load);
    }

    private Future<CollateralEntry> fetchOnMiss(IntelCollateralKey key) {
        if (pcs.isEmpty()) {
            count("offline-miss");
            return Future.failedFuture(CollateralLayers.offlineMiss(key.id()));
        }
        return fetch(key);
    }

    private Future<CollateralEntry> fetch(IntelCollateralKey key) {
        count("upstream");
        return pcs.orElseThrow().fetch(key)
                .compose(response -> layers.keep(() -> new CollateralEntry(key.id(), response.body(),
                        response.headers(), clock.instant(),
                        CollateralItems.check(checker, key, response.body(), response.headers()))))
                .onFailure(e -> Counter.builder("gateway_collateral_errors_total").tag("item", key.kind().path())
                        .tag("reason", e.getClass().getSimpleName()).register(metrics).increment());
    }

    private void count(String source) {
        lookups.increment(source);
    }

    private double expiringCount(Map<String, CollateralEntry> items) {
        Instant soon = clock.instant().plus(refreshAhead);
        return items.values().stream().filter(e -> !soon.isBefore(e.nextUpdate())).count();
    }

    private static boolean sameObjects(List<CollateralEntry> a, List<CollateralEntry> b) {
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }
}
