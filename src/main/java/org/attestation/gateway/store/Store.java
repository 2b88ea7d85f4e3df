package org.attestation.gateway.store;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.attestation.gateway.evidence.AttestationType;
import org.attestation.gateway.token.SigningKey;
import org.attestation.gateway.token.TokenAlgorithm;

/**
 * The gateway's durable state, shared by every verticle (and, on PostgreSQL, by every replica).
 * Implementations are thread-safe and never block the caller: each call answers with a {@link Future}.
 * Every administrative write names its actor and is recorded in the audit log with the change itself;
 * every change is published to {@link #onChange} subscribers of all replicas.
 */
public interface Store {

    /** Succeeds when the store can serve requests (readiness). */
    Future<Void> ping();

    Tenants tenants();

    Policies policies();

    PolicySigners policySigners();

    SigningKeyRepository signingKeys();

    Collateral collateral();

    Audit audit();

    /** Calls {@code listener} for every change to shared state, from this replica or another. */
    void onChange(Consumer<StoreChange> listener);

    Future<Void> close();

    /** Attestation providers. The default tenant always exists and cannot be deleted. */
    interface Tenants {
        Future<Optional<Tenant>> find(String name);

        Future<List<Tenant>> list();

        /** False when a tenant of that name exists already. */
        Future<Boolean> create(Tenant tenant, String actor);

        /** False when there was no such tenant. */
        Future<Boolean> delete(String name, String actor);
    }

    /** One policy per tenant and attestation type; a write replaces the whole policy. */
    interface Policies {
        Future<Optional<StoredPolicy>> find(String tenant, AttestationType type);

        /** Stores the policy with the next version number, keeps the previous in history, answers it as stored. */
        Future<StoredPolicy> put(StoredPolicy policy, String actor);

        /** False when no policy was set. */
        Future<Boolean> remove(String tenant, AttestationType type, String actor);

        /** Every version that was set, newest first. */
        Future<List<StoredPolicy>> history(String tenant, AttestationType type);
    }

    /** Policy management certificates per tenant, keyed by SHA-1 thumbprint. */
    interface PolicySigners {
        Future<List<PolicySigner>> list(String tenant);

        /** False when the certificate was present already. */
        Future<Boolean> add(PolicySigner signer, String actor);

        /** False when the certificate was absent. */
        Future<Boolean> remove(String tenant, String thumbprint, String actor);
    }

    /** Token signing keys per tenant, each with its lifecycle. */
    interface SigningKeyRepository {
        /** Every key of the tenant that is not retired for good, newest activation first. */
        Future<List<KeyVersion>> versions(String tenant);

        /** The key of {@code algorithm} that signs now, if any. */
        Future<Optional<SigningKey>> find(String tenant, TokenAlgorithm algorithm);

        /** A tenant's first key of an algorithm, in force at once. */
        Future<Void> save(String tenant, SigningKey key, String actor);

        /**
         * Key rotation: {@code next} is published now and signs from {@code activateAt}; the keys of its
         * algorithm in force until then retire at {@code retireAt}, after the tokens they signed expired.
         */
        Future<Void> rotate(String tenant, SigningKey next, Instant activateAt, Instant retireAt, String actor);
    }

    /** The audit log of administrative changes. */
    interface Audit {
        /** A tenant's entries, oldest first. */
        Future<List<AuditEntry>> list(String tenant);
    }

    /** Raw vendor collateral by key. */
    interface Collateral {
        Future<Optional<CollateralEntry>> find(String key);

        Future<Void> put(CollateralEntry entry);
    }
}
