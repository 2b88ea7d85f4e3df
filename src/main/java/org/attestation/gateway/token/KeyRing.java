package org.attestation.gateway.token;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.attestation.gateway.store.KeyVersion;
import org.attestation.gateway.store.Store;
import org.attestation.gateway.store.StoreChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The token keys of every tenant, loaded from the store once and kept in memory. A tenant without a key
 * for the configured algorithm gets one, created and saved before it signs anything. Concurrent first
 * requests for one tenant share a single load. Shared by all token verticles.
 */
public final class KeyRing {

    private static final Logger LOG = LoggerFactory.getLogger(KeyRing.class);
    /** The actor of changes the gateway makes by itself, in the audit log. */
    public static final String SYSTEM = "system";

    private final Store.SigningKeyRepository repository;
    private final SigningKeyFactory factory;
    private final TokenAlgorithm algorithm;
    private final Issuers issuers;
    private final Clock clock;
    private final ConcurrentMap<String, Future<TenantKeys>> loaded = new ConcurrentHashMap<>();

    public KeyRing(Store.SigningKeyRepository repository, SigningKeyFactory factory, TokenAlgorithm algorithm,
            Issuers issuers, Clock clock) {
        this.repository = repository;
        this.factory = factory;
        this.algorithm = algorithm;
        this.issuers = issuers;
        this.clock = clock;
    }

    /**
     * The tenant's keys now. When a key's activation or retirement time has passed since they were loaded,
     * the selection is made again from the versions already held; a failed load is forgotten so that the next
     * call tries again.
     */
    public Future<TenantKeys> keys(String tenant) {
        Future<TenantKeys> existing = loaded.get(tenant);
        if (existing != null) {
            Instant now = clock.instant();
            if (existing.succeeded() && existing.result().staleAt(now)) {
                Optional<TenantKeys> reselected = TenantKeys.select(existing.result().versions(), algorithm, now);
                if (reselected.isPresent()) {
                    Future<TenantKeys> current = Future.succeededFuture(reselected.get());
                    loaded.replace(tenant, existing, current);
                    return current;
                }
                loaded.remove(tenant, existing);
            } else {
                return existing;
            }
        }
        Promise<TenantKeys> promise = Promise.promise();
        Future<TenantKeys> raced = loaded.putIfAbsent(tenant, promise.future());
        if (raced != null) {
            return raced;
        }
        load(tenant).onComplete(result -> {
            if (result.failed()) {
                loaded.remove(tenant, promise.future());
            }
            promise.handle(result);
        });
        return promise.future();
    }

    /**
     * Follows changes from any replica: a tenant whose keys changed is reloaded, and the keys in use stay
     * until the reload succeeds (a database hiccup never leaves a tenant without keys). A tenant created or
     * deleted is forgotten: its keys went with it, and a tenant of the same name loads or creates its own.
     */
    public void changed(StoreChange change) {
        for (String tenant : loaded.keySet()) {
            if (change.kind() == StoreChange.Kind.TENANT && change.tenant().equals(tenant)) {
                loaded.remove(tenant);
            } else if (change.affects(StoreChange.Kind.SIGNING_KEY, tenant)) {
                versions(tenant).map(versions -> TenantKeys.select(versions, algorithm, clock.instant()))
                        .onSuccess(keys -> keys.ifPresent(k -> loaded.put(tenant, Future.succeededFuture(k))))
                        .onFailure(e -> LOG.atWarn().addKeyValue("tenant", tenant)
                                .log("keeping the loaded signing keys; reload failed: {}", e.getMessage()));
            }
        }
    }

    /** True once the tenant's keys are loaded and usable (readiness). */
    public boolean isLoaded(String tenant) {
        Future<TenantKeys> keys = loaded.get(tenant);
        return keys != null && keys.succeeded();
    }

    private Future<TenantKeys> load(String tenant) {
        return versions(tenant).compose(versions -> {
            Optional<TenantKeys> keys = TenantKeys.select(versions, algorithm, clock.instant());
            if (keys.isPresent()) {
                LOG.atInfo().addKeyValue("tenant", tenant).addKeyValue("kid", keys.get().signing().kid())
                        .addKeyValue("alg", algorithm).log("token signing key loaded");
                return Future.succeededFuture(keys.get());
            }
            SigningKey created = factory.generate(algorithm, issuers.of(tenant));
            return repository.save(tenant, created, SYSTEM).compose(saved -> {
                LOG.atInfo().addKeyValue("tenant", tenant).addKeyValue("kid", created.kid())
                        .addKeyValue("alg", algorithm).log("token signing key created");
                return versions(tenant);
            }).map(reloaded -> TenantKeys.select(reloaded, algorithm, clock.instant()).orElseThrow());
        });
    }

    /** The stored versions, each checked to pair with its certificate. */
    private Future<List<KeyVersion>> versions(String tenant) {
        return repository.versions(tenant).map(versions -> {
            versions.forEach(v -> factory.checkPair(v.key()));
            return versions;
        });
    }
}
