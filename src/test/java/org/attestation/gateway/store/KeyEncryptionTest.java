package org.attestation.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class KeyEncryptionTest {

    private static byte[] randomKek() {
        byte[] kek = new byte[32];
        new SecureRandom().nextBytes(kek);
        return kek;
    }

    @Test
    void sealedKeyOpensOnlyWithTheSameKekAndBinding() {
        // Given a private key sealed for one tenant and kid
        byte[] privateKey = "-- pkcs8 bytes of a private key --".getBytes();
        byte[] kek = randomKek();
        byte[] sealed = new KeyEncryption(kek).seal(privateKey, "signing-key:default:kid-1");

        // Then the sealed bytes do not contain the key, and only the same KEK and binding open them
        assertThat(new String(sealed)).doesNotContain("pkcs8");
        assertThat(new KeyEncryption(kek).open(sealed, "signing-key:default:kid-1")).isEqualTo(privateKey);
        assertThatThrownBy(() -> new KeyEncryption(randomKek()).open(sealed, "signing-key:default:kid-1"))
                .isInstanceOf(KeyDecryptionException.class);
        assertThatThrownBy(() -> new KeyEncryption(kek).open(sealed, "signing-key:other:kid-1"))
                .isInstanceOf(KeyDecryptionException.class);
    }

    @Test
    void everySealUsesAFreshNonce() {
        KeyEncryption encryption = new KeyEncryption(randomKek());

        assertThat(encryption.seal(new byte[] {1, 2, 3}, "x")).isNotEqualTo(encryption.seal(new byte[] {1, 2, 3}, "x"));
    }

    @Test
    void kekMustBe256Bits() {
        assertThatThrownBy(() -> new KeyEncryption(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }
}
