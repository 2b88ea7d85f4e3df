package org.attestation.gateway.token;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
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
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The actor of changes the gateway makes by itself, in the audit log. */
    public static final String SYSTEM = "system";

    private final Store.SigningKeyRepository repository;
    private final SigningKeyFactory factory;
    private final TokenAlgorithm algorithm;
    private final Issuers issuers;
    private final ConcurrentMap<String, Future<TenantKeys>> loaded = new ConcurrentHashMap<>();

    public KeyRing(Store.SigningKeyRepository repository, SigningKeyFactory factory, TokenAlgorithm algorithm,
            Issuers issuers) {
        this.repository = repository;
        this.factory = factory;
        this.algorithm = algorithm;
        this.issuers = issuers;
    }

    /** The tenant's keys; a failed load is forgotten so that the next call tries again. */
    public Future<TenantKeys> keys(String tenant) {
        Future<TenantKeys> existing = loaded.get(tenant);
        if (existing != null) {
            return existing;
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
     * until the reload succeeds (a database hiccup never leaves a tenant without keys).
     */
    public void changed(StoreChange change) {
        for (String tenant : loaded.keySet()) {
            if (change.affects(StoreChange.Kind.SIGNING_KEY, tenant)) {
                repository.list(tenant).map(stored -> {
                    stored.forEach(factory::checkPair);
                    return stored.stream().filter(k -> k.algorithm() == algorithm).findFirst()
                            .map(signing -> tenantKeys(signing, stored));
                }).onSuccess(reloaded -> reloaded.ifPresent(keys -> loaded.put(tenant, Future.succeededFuture(keys))))
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
        return repository.list(tenant).compose(stored -> {
            stored.forEach(factory::checkPair);
            SigningKey signing = stored.stream().filter(k -> k.algorithm() == algorithm).findFirst().orElse(null);
            if (signing != null) {
                LOG.atInfo().addKeyValue("tenant", tenant).addKeyValue("kid", signing.kid())
                        .addKeyValue("alg", algorithm).log("token signing key loaded");
                return Future.succeededFuture(tenantKeys(signing, stored));
            }
            SigningKey created = factory.generate(algorithm, issuers.of(tenant));
            return repository.save(tenant, created, SYSTEM).map(saved -> {
                LOG.atInfo().addKeyValue("tenant", tenant).addKeyValue("kid", created.kid())
                        .addKeyValue("alg", algorithm).log("token signing key created");
                List<SigningKey> all = new ArrayList<>(stored);
                all.add(0, created);
                return tenantKeys(created, all);
            });
        });
    }

    private static TenantKeys tenantKeys(SigningKey signing, List<SigningKey> all) {
        // The signing key first: a verifier that tries keys in order finds it at once.
        List<SigningKey> ordered = new ArrayList<>(all);
        ordered.remove(signing);
        ordered.add(0, signing);
        try {
            return new TenantKeys(signing, ordered, JSON.writeValueAsString(Jwks.of(ordered)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
