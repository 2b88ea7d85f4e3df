package org.attestation.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.attestation.gateway.crypto.CryptoProviders;
import org.attestation.gateway.evidence.AttestationType;
import org.attestation.gateway.token.SigningKey;
import org.attestation.gateway.token.SigningKeyFactory;
import org.attestation.gateway.token.TokenAlgorithm;
import org.junit.jupiter.api.Test;

/** What every {@link Store} must do; each implementation's test extends this. */
public abstract class StoreContract {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    protected abstract Store store();

    protected static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e.getCause() == null ? e : e.getCause());
        }
    }

    static StoredPolicy policy(String tenant, String text) {
        return new StoredPolicy(tenant, AttestationType.SGX_ENCLAVE, text, "jws-of-" + text, Optional.empty(), 0, T0);
    }

    @Test
    void defaultTenantExistsAndCannotBeDeleted() {
        assertThat(await(store().tenants().find(Tenant.DEFAULT))).isPresent();
        assertThatThrownBy(() -> await(store().tenants().delete(Tenant.DEFAULT, "test")))
                .hasMessageContaining("the default tenant cannot be deleted");
    }

    @Test
    void tenantsAreCreatedOnceListedAndDeleted() {
        assertThat(await(store().tenants().create(new Tenant("contoso", T0), "test"))).isTrue();
        assertThat(await(store().tenants().create(new Tenant("contoso", T0), "test"))).isFalse();
        assertThat(await(store().tenants().list())).extracting(Tenant::name).contains("contoso", Tenant.DEFAULT);

        assertThat(await(store().tenants().delete("contoso", "test"))).isTrue();
        assertThat(await(store().tenants().delete("contoso", "test"))).isFalse();
        assertThat(await(store().tenants().find("contoso"))).isEmpty();
    }

    @Test
    void deletingATenantDeletesItsPoliciesSignersAndSigningKeys() {
        // Given a tenant with a policy, a policy management certificate and a signing key
        await(store().tenants().create(new Tenant("adatum", T0), "test"));
        await(store().policies().put(policy("adatum", "version=1.0; authorizationrules{=>permit();};"), "test"));
        await(store().policySigners().add(new PolicySigner("adatum", "600AEA22A9D034F91B925BC4FE7CF406C364D179",
                new byte[] {1, 2, 3}, T0), "test"));
        SigningKey key = new SigningKeyFactory(CryptoProviders.install(), java.time.Clock.systemUTC())
                .generate(TokenAlgorithm.ES256, java.net.URI.create("https://gateway.test/tenants/adatum"));
        await(store().signingKeys().save("adatum", key, "test"));

        // When it is deleted and created again
        await(store().tenants().delete("adatum", "test"));
        await(store().tenants().create(new Tenant("adatum", T0), "test"));

        // Then nothing of the first one is left
        assertThat(await(store().policies().find("adatum", AttestationType.SGX_ENCLAVE))).isEmpty();
        assertThat(await(store().policySigners().list("adatum"))).isEmpty();
        assertThat(await(store().signingKeys().versions("adatum"))).isEmpty();
    }

    @Test
    void policyWritesReplaceTheWholePolicyAndCountVersions() {
        StoredPolicy first = await(store().policies().put(policy(Tenant.DEFAULT, "version=1.0; authorizationrules{=>permit();};"), "test"));
        StoredPolicy second = await(store().policies().put(policy(Tenant.DEFAULT, "version=1.0; authorizationrules{=>deny();};"), "test"));

        assertThat(first.version()).isEqualTo(1);
        assertThat(second.version()).isEqualTo(2);
        StoredPolicy read = await(store().policies().find(Tenant.DEFAULT, AttestationType.SGX_ENCLAVE)).orElseThrow();
        assertThat(read.text()).isEqualTo("version=1.0; authorizationrules{=>deny();};");
        assertThat(read.jws()).isEqualTo("jws-of-version=1.0; authorizationrules{=>deny();};");
        assertThat(await(store().policies().find(Tenant.DEFAULT, AttestationType.TPM))).isEmpty();

        assertThat(await(store().policies().remove(Tenant.DEFAULT, AttestationType.SGX_ENCLAVE, "test"))).isTrue();
        assertThat(await(store().policies().remove(Tenant.DEFAULT, AttestationType.SGX_ENCLAVE, "test"))).isFalse();
    }

    @Test
    void policySignersAreKeyedByThumbprintPerTenant() {
        PolicySigner signer = new PolicySigner(Tenant.DEFAULT, "600AEA22A9D034F91B925BC4FE7CF406C364D179",
                new byte[] {1, 2, 3}, T0);

        assertThat(await(store().policySigners().add(signer, "test"))).isTrue();
        assertThat(await(store().policySigners().add(signer, "test"))).isFalse();
        assertThat(await(store().policySigners().list(Tenant.DEFAULT))).containsExactly(signer);
        assertThat(await(store().policySigners().list("other"))).isEmpty();
        assertThat(await(store().policySigners().remove(Tenant.DEFAULT, signer.thumbprint(), "test"))).isTrue();
        assertThat(await(store().policySigners().remove(Tenant.DEFAULT, signer.thumbprint(), "test"))).isFalse();
    }

    @Test
    void collateralKeepsRawBytesAndHeaders() {
        byte[] body = "{\"tcbInfo\":{}}".getBytes();
        CollateralEntry entry = new CollateralEntry("sgx/tcb/00906ED50000", body,
                Map.of("TCB-Info-Issuer-Chain", "pem"), T0, T0.plusSeconds(86400));

        await(store().collateral().put(entry));
        body[0] = 'X';

        CollateralEntry read = await(store().collateral().find("sgx/tcb/00906ED50000")).orElseThrow();
        assertThat(read).isEqualTo(entry);
        assertThat(new String(read.body())).startsWith("{");
        assertThat(await(store().collateral().find("sgx/tcb/unknown"))).isEmpty();
    }

    @Test
    void policyHistoryKeepsEveryVersionAndResetKeepsItToo() {
        await(store().policies().put(policy(Tenant.DEFAULT, "version=1.0; authorizationrules{=>permit();};"), "a"));
        await(store().policies().put(policy(Tenant.DEFAULT, "version=1.2; authorizationrules{=>permit();};"), "b"));
        await(store().policies().remove(Tenant.DEFAULT, AttestationType.SGX_ENCLAVE, "c"));

        assertThat(await(store().policies().find(Tenant.DEFAULT, AttestationType.SGX_ENCLAVE))).isEmpty();
        assertThat(await(store().policies().history(Tenant.DEFAULT, AttestationType.SGX_ENCLAVE)))
                .extracting(StoredPolicy::version, StoredPolicy::text)
                .containsExactly(tuple(2L, "version=1.2; authorizationrules{=>permit();};"),
                        tuple(1L, "version=1.0; authorizationrules{=>permit();};"));
    }

    @Test
    void everyAdministrativeChangeIsAuditedWithActorAndPolicyHash() {
        // Given a policy set, a signer added and a tenant created
        StoredPolicy stored = await(store().policies().put(policy(Tenant.DEFAULT, "version=1.0; authorizationrules{=>permit();};"),
                "admin:alice"));
        await(store().policySigners().add(new PolicySigner(Tenant.DEFAULT, "AB12", new byte[] {1}, T0), "admin:bob"));

        // When the audit log is read
        List<AuditEntry> entries = await(store().audit().list(Tenant.DEFAULT));

        // Then both changes are there, in order, with who and the policy hash
        assertThat(entries).extracting(AuditEntry::actor, AuditEntry::action, AuditEntry::subject)
                .containsSubsequence(tuple("admin:alice", "policy.set", "SgxEnclave"),
                        tuple("admin:bob", "signer.add", "AB12"));
        assertThat(entries).filteredOn(e -> e.action().equals("policy.set")).extracting(AuditEntry::policyHash)
                .containsExactly(Optional.of(stored.policyHash()));
        assertThat(stored.policyHash()).hasSize(43);
    }

    @Test
    void racingPolicyWritesLeaveOneWholePolicyAndBothAreAudited() {
        String first = "version=1.0; authorizationrules{c:[type==\"a\"]=>permit();};";
        String second = "version=1.0; authorizationrules{c:[type==\"b\"]=>deny();};";

        List<StoredPolicy> results = await(Future.all(
                store().policies().put(policy(Tenant.DEFAULT, first), "replica-1"),
                store().policies().put(policy(Tenant.DEFAULT, second), "replica-2"))).list();

        StoredPolicy current = await(store().policies().find(Tenant.DEFAULT, AttestationType.SGX_ENCLAVE)).orElseThrow();
        assertThat(current.text()).isIn(first, second);
        assertThat(current.jws()).isEqualTo("jws-of-" + current.text());
        assertThat(results).extracting(StoredPolicy::version).containsExactlyInAnyOrder(1L, 2L);
        assertThat(await(store().audit().list(Tenant.DEFAULT))).extracting(AuditEntry::actor)
                .contains("replica-1", "replica-2");
    }

    @Test
    void subscribersHearOfChanges() throws Exception {
        BlockingQueue<StoreChange> heard = new LinkedBlockingQueue<>();
        store().onChange(heard::add);

        await(store().policySigners().add(new PolicySigner(Tenant.DEFAULT, "CD34", new byte[] {1}, T0), "test"));

        StoreChange change;
        do {
            change = heard.poll(5, TimeUnit.SECONDS);
        } while (change != null && change.kind() == StoreChange.Kind.EVERYTHING);
        assertThat(change).isEqualTo(new StoreChange(StoreChange.Kind.POLICY_SIGNER, Tenant.DEFAULT, "CD34"));
    }

    @Test
    void theWritersOwnSubscribersHearOfAWriteBeforeItIsAnswered() {
        // Given a subscriber on the store that will write
        List<StoreChange> heard = new CopyOnWriteArrayList<>();
        store().onChange(heard::add);

        // When a policy is written and the write answered
        await(store().policies().put(new StoredPolicy(Tenant.DEFAULT, AttestationType.TDX_VM,
                "version=1.0; authorizationrules{=>permit();};", "jws", Optional.empty(), 0, T0), "test"));

        // Then the change was already heard: caches here never serve the old policy after the answer
        assertThat(heard).contains(new StoreChange(StoreChange.Kind.POLICY, Tenant.DEFAULT, "TdxVm"));
    }

    @Test
    void pingSucceedsWhenTheStoreServes() {
        await(store().ping());
        assertThat(List.of(store().tenants(), store().policies(), store().collateral())).doesNotContainNull();
    }
}
