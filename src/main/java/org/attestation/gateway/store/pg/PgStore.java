package org.attestation.gateway.store.pg;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import org.attestation.gateway.crypto.Pem;
import org.attestation.gateway.evidence.AttestationType;
import org.attestation.gateway.store.AuditEntry;
import org.attestation.gateway.store.CollateralEntry;
import org.attestation.gateway.store.KeyEncryption;
import org.attestation.gateway.store.KeyVersion;
import org.attestation.gateway.store.PolicySigner;
import org.attestation.gateway.store.Store;
import org.attestation.gateway.store.StoreChange;
import org.attestation.gateway.store.StoredPolicy;
import org.attestation.gateway.store.Tenant;
import org.attestation.gateway.token.SigningKey;
import org.attestation.gateway.token.SigningKeyPem;
import org.attestation.gateway.token.TokenAlgorithm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store on PostgreSQL, shared by any number of replicas. Each administrative write runs in one
 * transaction with its audit entry and a {@code NOTIFY} on {@value #CHANNEL}; every replica LISTENs and
 * tells its subscribers, and after a reconnection asks them to resynchronise everything, since
 * notifications sent while it was away are lost. Private keys are sealed with the key-encryption key.
 */
public final class PgStore implements Store {

    static final String CHANNEL = "gateway_changes";
    private static final Logger LOG = LoggerFactory.getLogger(PgStore.class);
    /** Pool size for 2-4 cores; the wait queue is bounded so that an overloaded database fails fast. */
    private static final int POOL_SIZE = 8;
    private static final int WAIT_QUEUE = 512;
    private static final long RECONNECT_MILLIS = 500;

    private final Pool pool;
    private final PgSubscriber subscriber;
    private final KeyEncryption keyEncryption;
    private final Clock clock;
    private final List<Consumer<StoreChange>> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean closing;

    private PgStore(Pool pool, PgSubscriber subscriber, KeyEncryption keyEncryption, Clock clock) {
        this.pool = pool;
        this.subscriber = subscriber;
        this.keyEncryption = keyEncryption;
        this.clock = clock;
    }

    /** Connects, applies the schema migrations, and starts listening for other replicas' changes. */
    public static Future<PgStore> open(Vertx vertx, PgConnectOptions options, KeyEncryption keyEncryption,
            Clock clock) {
        Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(POOL_SIZE).setMaxWaitQueueSize(WAIT_QUEUE))
                .connectingTo(options).using(vertx).build();
        PgSubscriber subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(attempt -> RECONNECT_MILLIS);
        PgStore store = new PgStore(pool, subscriber, keyEncryption, clock);
        subscriber.channel(CHANNEL)
                .handler(store::received)
                // Subscribed anew, after a start or a lost connection: whatever happened meanwhile is unknown
                .subscribeHandler(v -> store.publish(StoreChange.everything()));
        subscriber.closeHandler(v -> {
            if (!store.closing) {
                LOG.warn("lost the change notifications of the database; reconnecting");
            }
        });
        return PgMigrations.apply(pool).compose(v -> subscriber.connect()).map(v -> store)
                .onFailure(e -> {
                    subscriber.close();
                    pool.close();
                });
    }

    private void received(String payload) {
        try {
            JsonObject change = new JsonObject(payload);
            publish(new StoreChange(StoreChange.Kind.valueOf(change.getString("kind")), change.getString("tenant"),
                    change.getString("subject")));
        } catch (RuntimeException e) {
            LOG.warn("ignoring a malformed change notification: {}", payload);
        }
    }

    private void publish(StoreChange change) {
        listeners.forEach(listener -> listener.accept(change));
    }

    /**
     * Records the audit entry and notifies every replica, inside the write's transaction. This replica's own
     * listeners also hear it on commit, without waiting for the notification: a write is in force here before
     * the writer gets its answer.
     */
    private Future<Void> changed(SqlConnection connection, String actor, String action, StoreChange change,
            Optional<String> policyHash) {
        connection.transaction().completion().onSuccess(committed -> publish(change));
        String payload = new JsonObject().put("kind", change.kind().name()).put("tenant", change.tenant())
                .put("subject", change.subject()).encode();
        return connection.preparedQuery("INSERT INTO audit_log (at, actor, action, tenant, subject, policy_hash) "
                        + "VALUES ($1, $2, $3, $4, $5, $6)")
                .execute(Tuple.of(now(), actor, action, change.tenant(), change.subject(), policyHash.orElse(null)))
                .compose(v -> connection.preparedQuery("SELECT pg_notify($1, $2)").execute(Tuple.of(CHANNEL, payload)))
                .mapEmpty();
    }

    private OffsetDateTime now() {
        return time(clock.instant());
    }

    private static OffsetDateTime time(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static <T> List<T> all(Iterable<Row> rows, Function<Row, T> mapper) {
        List<T> out = new ArrayList<>();
        rows.forEach(row -> out.add(mapper.apply(row)));
        return out;
    }

    @Override
    public Future<Void> ping() {
        return pool.query("SELECT 1").execute().mapEmpty();
    }

    @Override
    public Tenants tenants() {
        return new Tenants() {
            @Override
            public Future<Optional<Tenant>> find(String name) {
                return pool.preparedQuery("SELECT name, created_at FROM tenants WHERE name = $1").execute(Tuple.of(name))
                        .map(rows -> all(rows, PgStore::tenant).stream().findFirst());
            }

            @Override
            public Future<List<Tenant>> list() {
                return pool.query("SELECT name, created_at FROM tenants ORDER BY name").execute()
                        .map(rows -> all(rows, PgStore::tenant));
            }

            @Override
            public Future<Boolean> create(Tenant tenant, String actor) {
                return pool.withTransaction(c -> c.preparedQuery(
                                "INSERT INTO tenants (name, created_at) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                        .execute(Tuple.of(tenant.name(), time(tenant.createdAt())))
                        .compose(rows -> rows.rowCount() == 0 ? Future.succeededFuture(false)
                                : changed(c, actor, "tenant.create", new StoreChange(StoreChange.Kind.TENANT,
                                        tenant.name(), tenant.name()), Optional.empty()).map(true)));
            }

            @Override
            public Future<Boolean> delete(String name, String actor) {
                if (Tenant.DEFAULT.equals(name)) {
                    return Future.failedFuture(new IllegalArgumentException("the default tenant cannot be deleted"));
                }
                return pool.withTransaction(c -> c.preparedQuery("DELETE FROM signing_keys WHERE tenant = $1")
                        .execute(Tuple.of(name))
                        .compose(keys -> c.preparedQuery("DELETE FROM tenants WHERE name = $1").execute(Tuple.of(name)))
                        .compose(rows -> rows.rowCount() == 0 ? Future.succeededFuture(false)
                                : changed(c, actor, "tenant.delete", new StoreChange(StoreChange.Kind.TENANT, name, name),
                                        Optional.empty()).map(true)));
            }
        };
    }

    private static Tenant tenant(Row row) {
        return new Tenant(row.getString("name"), row.getOffsetDateTime("created_at").toInstant());
    }

    @Override
    public Policies policies() {
        return new Policies() {
            private static final String COLUMNS = "tenant, type, version, text, jws, signer_thumbprint, updated_at";

            @Override
            public Future<Optional<StoredPolicy>> find(String tenant, AttestationType type) {
                return pool.preparedQuery("SELECT " + COLUMNS + " FROM policies WHERE tenant = $1 AND type = $2")
                        .execute(Tuple.of(tenant, type.apiName()))
                        .map(rows -> all(rows, PgStore::policy).stream().findFirst());
            }

            @Override
            public Future<StoredPolicy> put(StoredPolicy policy, String actor) {
                // The version row is locked by the upsert: racing writers queue, each writes a whole policy
                return pool.withTransaction(c -> c.preparedQuery("INSERT INTO policy_versions (tenant, type, version) "
                                + "VALUES ($1, $2, 1) ON CONFLICT (tenant, type) "
                                + "DO UPDATE SET version = policy_versions.version + 1 RETURNING version")
                        .execute(Tuple.of(policy.tenant(), policy.type().apiName()))
                        .compose(rows -> {
                            long version = rows.iterator().next().getLong(0);
                            StoredPolicy stored = new StoredPolicy(policy.tenant(), policy.type(), policy.text(),
                                    policy.jws(), policy.signerThumbprint(), version, policy.updatedAt());
                            Tuple values = Tuple.of(stored.tenant(), stored.type().apiName(), version, stored.text(),
                                    stored.jws(), stored.signerThumbprint().orElse(null), time(stored.updatedAt()));
                            return c.preparedQuery("INSERT INTO policies (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7) "
                                            + "ON CONFLICT (tenant, type) DO UPDATE SET version = $3, text = $4, jws = $5, "
                                            + "signer_thumbprint = $6, updated_at = $7")
                                    .execute(values)
                                    .compose(v -> c.preparedQuery("INSERT INTO policy_history (" + COLUMNS
                                            + ") VALUES ($1, $2, $3, $4, $5, $6, $7)").execute(values))
                                    .compose(v -> changed(c, actor, "policy.set", new StoreChange(StoreChange.Kind.POLICY,
                                            stored.tenant(), stored.type().apiName()), Optional.of(stored.policyHash())))
                                    .map(stored);
                        }));
            }

            @Override
            public Future<Boolean> remove(String tenant, AttestationType type, String actor) {
                return pool.withTransaction(c -> c.preparedQuery("DELETE FROM policies WHERE tenant = $1 AND type = $2")
                        .execute(Tuple.of(tenant, type.apiName()))
                        .compose(rows -> rows.rowCount() == 0 ? Future.succeededFuture(false)
                                : changed(c, actor, "policy.reset", new StoreChange(StoreChange.Kind.POLICY, tenant,
                                        type.apiName()), Optional.empty()).map(true)));
            }

            @Override
            public Future<List<StoredPolicy>> history(String tenant, AttestationType type) {
                return pool.preparedQuery("SELECT " + COLUMNS + " FROM policy_history WHERE tenant = $1 AND type = $2 "
                                + "ORDER BY version DESC")
                        .execute(Tuple.of(tenant, type.apiName()))
                        .map(rows -> all(rows, PgStore::policy));
            }
        };
    }

    private static StoredPolicy policy(Row row) {
        return new StoredPolicy(row.getString("tenant"), AttestationType.fromApiName(row.getString("type")).orElseThrow(),
                row.getString("text"), row.getString("jws"), Optional.ofNullable(row.getString("signer_thumbprint")),
                row.getLong("version"), row.getOffsetDateTime("updated_at").toInstant());
    }

    @Override
    public PolicySigners policySigners() {
        return new PolicySigners() {
            @Override
            public Future<List<PolicySigner>> list(String tenant) {
                return pool.preparedQuery("SELECT tenant, thumbprint, certificate, added_at FROM policy_signers "
                                + "WHERE tenant = $1 ORDER BY added_at, thumbprint")
                        .execute(Tuple.of(tenant))
                        .map(rows -> all(rows, row -> new PolicySigner(row.getString("tenant"),
                                row.getString("thumbprint"), row.getBuffer("certificate").getBytes(),
                                row.getOffsetDateTime("added_at").toInstant())));
            }

            @Override
            public Future<Boolean> add(PolicySigner signer, String actor) {
                return pool.withTransaction(c -> c.preparedQuery("INSERT INTO policy_signers "
                                + "(tenant, thumbprint, certificate, added_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING")
                        .execute(Tuple.of(signer.tenant(), signer.thumbprint(), Buffer.buffer(signer.certificateDer()),
                                time(signer.addedAt())))
                        .compose(rows -> rows.rowCount() == 0 ? Future.succeededFuture(false)
                                : changed(c, actor, "signer.add", new StoreChange(StoreChange.Kind.POLICY_SIGNER,
                                        signer.tenant(), signer.thumbprint()), Optional.empty()).map(true)));
            }

            @Override
            public Future<Boolean> remove(String tenant, String thumbprint, String actor) {
                return pool.withTransaction(c -> c.preparedQuery(
                                "DELETE FROM policy_signers WHERE tenant = $1 AND thumbprint = $2")
                        .execute(Tuple.of(tenant, thumbprint))
                        .compose(rows -> rows.rowCount() == 0 ? Future.succeededFuture(false)
                                : changed(c, actor, "signer.remove", new StoreChange(StoreChange.Kind.POLICY_SIGNER,
                                        tenant, thumbprint), Optional.empty()).map(true)));
            }
        };
    }

    @Override
    public SigningKeyRepository signingKeys() {
        return new SigningKeyRepository() {
            @Override
            public Future<List<KeyVersion>> versions(String tenant) {
                return pool.preparedQuery("SELECT tenant, kid, alg, sealed_key, chain_pem, activate_at, retire_at "
                                + "FROM signing_keys WHERE tenant = $1 AND (retire_at IS NULL OR retire_at > $2) "
                                + "ORDER BY activate_at DESC")
                        .execute(Tuple.of(tenant, now()))
                        .map(rows -> all(rows, row -> new KeyVersion(signingKey(row),
                                row.getOffsetDateTime("activate_at").toInstant(),
                                Optional.ofNullable(row.getOffsetDateTime("retire_at")).map(OffsetDateTime::toInstant))));
            }

            @Override
            public Future<Optional<SigningKey>> find(String tenant, TokenAlgorithm algorithm) {
                Instant at = clock.instant();
                return versions(tenant).map(keys -> keys.stream()
                        .filter(k -> k.key().algorithm() == algorithm && k.signsAt(at)).map(KeyVersion::key).findFirst());
            }

            @Override
            public Future<Void> save(String tenant, SigningKey key, String actor) {
                return pool.withTransaction(c -> insert(c, tenant, key, clock.instant())
                        .compose(v -> changed(c, actor, "signing-key.create", new StoreChange(
                                StoreChange.Kind.SIGNING_KEY, tenant, key.kid()), Optional.empty())));
            }

            @Override
            public Future<Void> rotate(String tenant, SigningKey next, Instant activateAt, Instant retireAt,
                    String actor) {
                return pool.withTransaction(c -> c.preparedQuery("UPDATE signing_keys SET retire_at = $3 "
                                + "WHERE tenant = $1 AND alg = $2 AND retire_at IS NULL")
                        .execute(Tuple.of(tenant, next.algorithm().name(), time(retireAt)))
                        .compose(v -> insert(c, tenant, next, activateAt))
                        .compose(v -> changed(c, actor, "signing-key.rotate", new StoreChange(
                                StoreChange.Kind.SIGNING_KEY, tenant, next.kid()), Optional.empty())));
            }

            private Future<Void> insert(SqlConnection c, String tenant, SigningKey key, Instant activateAt) {
                byte[] sealed = keyEncryption.seal(key.privateKey().getEncoded(), boundTo(tenant, key.kid()));
                String chain = String.join("", key.chainDer().stream().map(der -> Pem.encode(Pem.CERTIFICATE, der))
                        .toList());
                return c.preparedQuery("INSERT INTO signing_keys (tenant, kid, alg, sealed_key, chain_pem, created_at, "
                                + "activate_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
                        .execute(Tuple.of(tenant, key.kid(), key.algorithm().name(), Buffer.buffer(sealed), chain, now(),
                                time(activateAt)))
                        .mapEmpty();
            }
        };
    }

    private SigningKey signingKey(Row row) {
        String tenant = row.getString("tenant");
        String kid = row.getString("kid");
        byte[] pkcs8 = keyEncryption.open(row.getBuffer("sealed_key").getBytes(), boundTo(tenant, kid));
        return SigningKeyPem.decode(Pem.encode(Pem.PRIVATE_KEY, pkcs8) + row.getString("chain_pem"),
                TokenAlgorithm.valueOf(row.getString("alg")));
    }

    /** What a sealed key is bound to: it opens only for this tenant and kid. */
    private static String boundTo(String tenant, String kid) {
        return "signing-key:" + tenant + ":" + kid;
    }

    @Override
    public Collateral collateral() {
        return new Collateral() {
            @Override
            public Future<Optional<CollateralEntry>> find(String key) {
                return pool.preparedQuery("SELECT key, body, headers, fetched_at, next_update FROM collateral "
                                + "WHERE key = $1")
                        .execute(Tuple.of(key))
                        .map(rows -> all(rows, row -> {
                            Map<String, String> headers = new HashMap<>();
                            row.getJsonObject("headers").forEach(h -> headers.put(h.getKey(), String.valueOf(h.getValue())));
                            return new CollateralEntry(row.getString("key"), row.getBuffer("body").getBytes(), headers,
                                    row.getOffsetDateTime("fetched_at").toInstant(),
                                    row.getOffsetDateTime("next_update").toInstant());
                        }).stream().findFirst());
            }

            @Override
            public Future<Void> put(CollateralEntry entry) {
                JsonObject headers = new JsonObject();
                entry.headers().forEach(headers::put);
                return pool.preparedQuery("INSERT INTO collateral (key, body, headers, fetched_at, next_update) "
                                + "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (key) DO UPDATE SET body = $2, headers = $3, "
                                + "fetched_at = $4, next_update = $5")
                        .execute(Tuple.of(entry.key(), Buffer.buffer(entry.body()), headers, time(entry.fetchedAt()),
                                time(entry.nextUpdate())))
                        .mapEmpty();
            }
        };
    }

    @Override
    public Audit audit() {
        return tenant -> pool.preparedQuery("SELECT at, actor, action, tenant, subject, policy_hash FROM audit_log "
                        + "WHERE tenant = $1 ORDER BY id")
                .execute(Tuple.of(tenant))
                .map(rows -> all(rows, row -> new AuditEntry(row.getOffsetDateTime("at").toInstant(),
                        row.getString("actor"), row.getString("action"), row.getString("tenant"),
                        row.getString("subject"), Optional.ofNullable(row.getString("policy_hash")))));
    }

    @Override
    public void onChange(Consumer<StoreChange> listener) {
        listeners.add(listener);
    }

    @Override
    public Future<Void> close() {
        closing = true;
        return subscriber.close().compose(v -> pool.close());
    }
}
