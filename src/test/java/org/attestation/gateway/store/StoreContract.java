package org.attestation.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.attestation.gateway.evidence.AttestationType;
import org.junit.jupiter.api.Test;

/** What every {@link Store} must do; each implementation's test extends this. */
abstract class StoreContract {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    abstract Store store();

    static <T> T await(Future<T> future) {
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
        assertThatThrownBy(() -> await(store().tenants().delete(Tenant.DEFAULT)))
                .hasMessageContaining("the default tenant cannot be deleted");
    }

    @Test
    void tenantsAreCreatedOnceListedAndDeleted() {
        assertThat(await(store().tenants().create(new Tenant("contoso", T0)))).isTrue();
        assertThat(await(store().tenants().create(new Tenant("contoso", T0)))).isFalse();
        assertThat(await(store().tenants().list())).extracting(Tenant::name).contains("contoso", Tenant.DEFAULT);

        assertThat(await(store().tenants().delete("contoso"))).isTrue();
        assertThat(await(store().tenants().delete("contoso"))).isFalse();
        assertThat(await(store().tenants().find("contoso"))).isEmpty();
    }

    @Test
    void policyWritesReplaceTheWholePolicyAndCountVersions() {
        StoredPolicy first = await(store().policies().put(policy(Tenant.DEFAULT, "version=1.0; authorizationrules{=>permit();};")));
        StoredPolicy second = await(store().policies().put(policy(Tenant.DEFAULT, "version=1.0; authorizationrules{=>deny();};")));

        assertThat(first.version()).isEqualTo(1);
        assertThat(second.version()).isEqualTo(2);
        StoredPolicy read = await(store().policies().find(Tenant.DEFAULT, AttestationType.SGX_ENCLAVE)).orElseThrow();
        assertThat(read.text()).isEqualTo("version=1.0; authorizationrules{=>deny();};");
        assertThat(read.jws()).isEqualTo("jws-of-version=1.0; authorizationrules{=>deny();};");
        assertThat(await(store().policies().find(Tenant.DEFAULT, AttestationType.TPM))).isEmpty();

        assertThat(await(store().policies().remove(Tenant.DEFAULT, AttestationType.SGX_ENCLAVE))).isTrue();
        assertThat(await(store().policies().remove(Tenant.DEFAULT, AttestationType.SGX_ENCLAVE))).isFalse();
    }

    @Test
    void policySignersAreKeyedByThumbprintPerTenant() {
        PolicySigner signer = new PolicySigner(Tenant.DEFAULT, "600AEA22A9D034F91B925BC4FE7CF406C364D179",
                new byte[] {1, 2, 3}, T0);

        assertThat(await(store().policySigners().add(signer))).isTrue();
        assertThat(await(store().policySigners().add(signer))).isFalse();
        assertThat(await(store().policySigners().list(Tenant.DEFAULT))).containsExactly(signer);
        assertThat(await(store().policySigners().list("other"))).isEmpty();
        assertThat(await(store().policySigners().remove(Tenant.DEFAULT, signer.thumbprint()))).isTrue();
        assertThat(await(store().policySigners().remove(Tenant.DEFAULT, signer.thumbprint()))).isFalse();
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
    void pingSucceedsWhenTheStoreServes() {
        await(store().ping());
        assertThat(List.of(store().tenants(), store().policies(), store().collateral())).doesNotContainNull();
    }
}
