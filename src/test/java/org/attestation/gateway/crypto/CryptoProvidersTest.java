package org.attestation.gateway.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.Provider;
import java.security.Security;
import java.util.List;
import java.util.function.Supplier;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;

class CryptoProvidersTest {

    @Test
    void providerThatFailsToLoadIsSkippedWithItsReason() {
        // Given a preferred provider that cannot load here, and BouncyCastle
        Supplier<Provider> broken = () -> {
            throw new UnsatisfiedLinkError("no native library for this platform");
        };

        // When providers are selected
        CryptoProviders providers = CryptoProviders.select(List.of(broken, BouncyCastleProvider::new));

        // Then BouncyCastle serves EC and RSA, and the reason is kept for the log
        assertThat(providers.signatureProvider(CryptoProviders.EC_P256_VERIFY).getName()).isEqualTo("BC");
        assertThat(providers.signatureProvider(CryptoProviders.RSA_SIGN).getName()).isEqualTo("BC");
        assertThat(providers.skipped()).containsExactly("no native library for this platform");
        assertThat(providers.describe()).startsWith("EC: BC ");
    }

    @Test
    void withoutPreferredProvidersTheJvmWideListServes() throws Exception {
        CryptoProviders providers = CryptoProviders.select(List.of());

        assertThat(providers.signatureProvider(CryptoProviders.EC_P256_VERIFY))
                .isSameAs(java.security.Signature.getInstance(CryptoProviders.EC_P256_VERIFY).getProvider());
    }

    @Test
    void installedSelectionPrefersTheNativeProviderWhereItLoads() {
        // When the gateway installs its providers on this machine
        CryptoProviders installed = CryptoProviders.install();

        // Then EC goes to the native provider if it loaded, else to BouncyCastle; never to the slow JDK default
        String ec = installed.signatureProvider(CryptoProviders.EC_P256_VERIFY).getName();
        assertThat(ec).isIn("AmazonCorrettoCryptoProvider", "BC");
        if (installed.skipped().isEmpty()) {
            assertThat(ec).isEqualTo("AmazonCorrettoCryptoProvider");
            assertThat(Security.getProviders()[0].getName()).isEqualTo("AmazonCorrettoCryptoProvider");
        }
        // And every algorithm the token service uses has a provider
        assertThat(installed.signature("RSASSA-PSS")).isNotNull();
    }
}
