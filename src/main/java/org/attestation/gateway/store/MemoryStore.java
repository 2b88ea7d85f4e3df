package org.attestation.gateway.store;

import io.vertx.core.Future;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.attestation.gateway.evidence.AttestationType;

/**
 * State in memory, for sidecars and tests: lost on restart, except the signing keys, which live in the
 * repository given (files under the data directory).
 */
public final class MemoryStore implements Store {

    private final ConcurrentMap<String, Tenant> tenants = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, StoredPolicy> policies = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, ConcurrentMap<String, PolicySigner>> signers = new ConcurrentHashMap<>();
    private final MemoryCollateral collateral = new MemoryCollateral();
    private final SigningKeyRepository signingKeys;

    public MemoryStore(SigningKeyRepository signingKeys, Clock clock) {
        this.signingKeys = signingKeys;
        tenants.put(Tenant.DEFAULT, new Tenant(Tenant.DEFAULT, clock.instant()));
    }

    @Override
    public Future<Void> ping() {
        return Future.succeededFuture();
    }

    @Override
    public Tenants tenants() {
        return new Tenants() {
            @Override
            public Future<Optional<Tenant>> find(String name) {
                return Future.succeededFuture(Optional.ofNullable(tenants.get(name)));
            }

            @Override
            public Future<List<Tenant>> list() {
                List<Tenant> all = new ArrayList<>(tenants.values());
                all.sort(Comparator.comparing(Tenant::name));
                return Future.succeededFuture(all);
            }

            @Override
            public Future<Boolean> create(Tenant tenant) {
                return Future.succeededFuture(tenants.putIfAbsent(tenant.name(), tenant) == null);
            }

            @Override
            public Future<Boolean> delete(String name) {
                if (Tenant.DEFAULT.equals(name)) {
                    return Future.failedFuture(new IllegalArgumentException("the default tenant cannot be deleted"));
                }
                boolean removed = tenants.remove(name) != null;
                if (removed) {
                    policies.keySet().removeIf(key -> key.startsWith(name + "/"));
                    signers.remove(name);
                }
                return Future.succeededFuture(removed);
            }
        };
    }

    @Override
    public Policies policies() {
        return new Policies() {
            @Override
            public Future<Optional<StoredPolicy>> find(String tenant, AttestationType type) {
                return Future.succeededFuture(Optional.ofNullable(policies.get(key(tenant, type))));
            }

            @Override
            public Future<StoredPolicy> put(StoredPolicy policy) {
                // One atomic replace per key: racing writers leave one whole policy.
                StoredPolicy stored = policies.compute(key(policy.tenant(), policy.type()),
                        (k, previous) -> policy.withVersion(previous == null ? 1 : previous.version() + 1));
                return Future.succeededFuture(stored);
            }

            @Override
            public Future<Boolean> remove(String tenant, AttestationType type) {
                return Future.succeededFuture(policies.remove(key(tenant, type)) != null);
            }

            private String key(String tenant, AttestationType type) {
                return tenant + "/" + type.apiName();
            }
        };
    }

    @Override
    public PolicySigners policySigners() {
        return new PolicySigners() {
            @Override
            public Future<List<PolicySigner>> list(String tenant) {
                List<PolicySigner> all = new ArrayList<>(signers.getOrDefault(tenant, new ConcurrentHashMap<>()).values());
                all.sort(Comparator.comparing(PolicySigner::addedAt).thenComparing(PolicySigner::thumbprint));
                return Future.succeededFuture(all);
            }

            @Override
            public Future<Boolean> add(PolicySigner signer) {
                Map<String, PolicySigner> ofTenant = signers.computeIfAbsent(signer.tenant(),
                        t -> new ConcurrentHashMap<>());
                return Future.succeededFuture(ofTenant.putIfAbsent(signer.thumbprint(), signer) == null);
            }

            @Override
            public Future<Boolean> remove(String tenant, String thumbprint) {
                Map<String, PolicySigner> ofTenant = signers.get(tenant);
                return Future.succeededFuture(ofTenant != null && ofTenant.remove(thumbprint) != null);
            }
        };
    }

    @Override
    public SigningKeyRepository signingKeys() {
        return signingKeys;
    }

    @Override
    public Collateral collateral() {
        return collateral;
    }

    @Override
    public Future<Void> close() {
        return Future.succeededFuture();
    }
}
