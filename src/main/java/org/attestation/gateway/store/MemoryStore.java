package org.attestation.gateway.store;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.attestation.gateway.evidence.AttestationType;
import org.attestation.gateway.token.SigningKey;
import org.attestation.gateway.token.TokenAlgorithm;

/**
 * State in memory, for sidecars and tests: lost on restart, except the signing keys, which live in the
 * repository given (files under the data directory). Changes are published to this process's subscribers.
 */
public final class MemoryStore implements Store {

    private final Clock clock;
    private final ConcurrentMap<String, Tenant> tenants = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, List<StoredPolicy>> policies = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, ConcurrentMap<String, PolicySigner>> signers = new ConcurrentHashMap<>();
    private final List<AuditEntry> auditLog = new CopyOnWriteArrayList<>();
    private final List<Consumer<StoreChange>> listeners = new CopyOnWriteArrayList<>();
    private final MemoryCollateral collateral = new MemoryCollateral();
    private final SigningKeyRepository signingKeys;
    private final FileSigningKeys keyFiles;

    public MemoryStore(FileSigningKeys signingKeys, Clock clock) {
        this.clock = clock;
        this.keyFiles = signingKeys;
        this.signingKeys = new SigningKeyRepository() {
            @Override
            public Future<List<KeyVersion>> versions(String tenant) {
                return signingKeys.versions(tenant);
            }

            @Override
            public Future<Void> rotate(String tenant, SigningKey next, Instant activateAt, Instant retireAt,
                    String actor) {
                return signingKeys.rotate(tenant, next, activateAt, retireAt, actor);
            }

            @Override
            public Future<Optional<SigningKey>> find(String tenant, TokenAlgorithm alg) {
                return signingKeys.find(tenant, alg);
            }

            @Override
            public Future<Void> save(String tenant, SigningKey key, String actor) {
                return signingKeys.save(tenant, key, actor).onSuccess(v -> changed(actor, "signing-key.create", tenant,
                        StoreChange.Kind.SIGNING_KEY, key.kid(), Optional.empty()));
            }
        };
        tenants.put(Tenant.DEFAULT, new Tenant(Tenant.DEFAULT, clock.instant()));
    }

    /** Records the change in the audit log and tells the subscribers. */
    private void changed(String actor, String action, String tenant, StoreChange.Kind kind, String subject,
            Optional<String> policyHash) {
        auditLog.add(new AuditEntry(clock.instant(), actor, action, tenant, subject, policyHash));
        StoreChange change = new StoreChange(kind, tenant, subject);
        listeners.forEach(listener -> listener.accept(change));
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
            public Future<Boolean> create(Tenant tenant, String actor) {
                boolean created = tenants.putIfAbsent(tenant.name(), tenant) == null;
                if (created) {
                    changed(actor, "tenant.create", tenant.name(), StoreChange.Kind.TENANT, tenant.name(),
                            Optional.empty());
                }
                return Future.succeededFuture(created);
            }

            @Override
            public Future<Boolean> delete(String name, String actor) {
                if (Tenant.DEFAULT.equals(name)) {
                    return Future.failedFuture(new IllegalArgumentException("the default tenant cannot be deleted"));
                }
                if (tenants.remove(name) == null) {
                    return Future.succeededFuture(false);
                }
                policies.keySet().removeIf(key -> key.startsWith(name + "/"));
                signers.remove(name);
                return keyFiles.deleteTenant(name).map(deleted -> {
                    changed(actor, "tenant.delete", name, StoreChange.Kind.TENANT, name, Optional.empty());
                    return true;
                });
            }
        };
    }

    @Override
    public Policies policies() {
        return new Policies() {
            @Override
            public Future<Optional<StoredPolicy>> find(String tenant, AttestationType type) {
                List<StoredPolicy> versions = policies.get(key(tenant, type));
                return Future.succeededFuture(versions == null || versions.isEmpty()
                        ? Optional.empty() : Optional.ofNullable(current(versions)));
            }

            @Override
            public Future<StoredPolicy> put(StoredPolicy policy, String actor) {
                // One atomic update per key: racing writers leave one whole policy, each in the history
                List<StoredPolicy> versions = policies.compute(key(policy.tenant(), policy.type()), (k, previous) -> {
                    List<StoredPolicy> next = previous == null ? new ArrayList<>() : new ArrayList<>(previous);
                    long version = next.stream().mapToLong(StoredPolicy::version).max().orElse(0) + 1;
                    next.add(policy.withVersion(version));
                    return next;
                });
                StoredPolicy stored = versions.get(versions.size() - 1);
                changed(actor, "policy.set", policy.tenant(), StoreChange.Kind.POLICY, policy.type().apiName(),
                        Optional.of(stored.policyHash()));
                return Future.succeededFuture(stored);
            }

            @Override
            public Future<Boolean> remove(String tenant, AttestationType type, String actor) {
                List<StoredPolicy> versions = policies.get(key(tenant, type));
                if (versions == null || current(versions) == null) {
                    return Future.succeededFuture(false);
                }
                policies.computeIfPresent(key(tenant, type), (k, previous) -> {
                    List<StoredPolicy> next = new ArrayList<>(previous);
                    next.add(null);
                    return next;
                });
                changed(actor, "policy.reset", tenant, StoreChange.Kind.POLICY, type.apiName(), Optional.empty());
                return Future.succeededFuture(true);
            }

            @Override
            public Future<List<StoredPolicy>> history(String tenant, AttestationType type) {
                List<StoredPolicy> versions = new ArrayList<>(policies.getOrDefault(key(tenant, type), List.of()));
                versions.removeIf(Objects::isNull);
                versions.sort(Comparator.comparingLong(StoredPolicy::version).reversed());
                return Future.succeededFuture(versions);
            }

            /** The latest version, or null after a reset. */
            private StoredPolicy current(List<StoredPolicy> versions) {
                return versions.get(versions.size() - 1);
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
            public Future<Boolean> add(PolicySigner signer, String actor) {
                Map<String, PolicySigner> ofTenant = signers.computeIfAbsent(signer.tenant(),
                        t -> new ConcurrentHashMap<>());
                boolean added = ofTenant.putIfAbsent(signer.thumbprint(), signer) == null;
                if (added) {
                    changed(actor, "signer.add", signer.tenant(), StoreChange.Kind.POLICY_SIGNER, signer.thumbprint(),
                            Optional.empty());
                }
                return Future.succeededFuture(added);
            }

            @Override
            public Future<Boolean> remove(String tenant, String thumbprint, String actor) {
                Map<String, PolicySigner> ofTenant = signers.get(tenant);
                boolean removed = ofTenant != null && ofTenant.remove(thumbprint) != null;
                if (removed) {
                    changed(actor, "signer.remove", tenant, StoreChange.Kind.POLICY_SIGNER, thumbprint, Optional.empty());
                }
                return Future.succeededFuture(removed);
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
    public Audit audit() {
        return tenant -> Future.succeededFuture(auditLog.stream().filter(e -> e.tenant().equals(tenant)).toList());
    }

    @Override
    public void onChange(Consumer<StoreChange> listener) {
        listeners.add(listener);
    }

    @Override
    public Future<Void> close() {
        return Future.succeededFuture();
    }
}
