package org.attestation.gateway.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import org.attestation.gateway.crypto.CryptoProviders;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class SigningKeyPemTest {

    private final SigningKeyFactory keys = new SigningKeyFactory(CryptoProviders.install(), Clock.systemUTC());
    private static final URI ISSUER = URI.create("https://gateway.test");

    @ParameterizedTest
    @EnumSource(TokenAlgorithm.class)
    void roundTripKeepsKeyAndCertificate(TokenAlgorithm algorithm) {
        // Given a key written as PEM
        SigningKey key = keys.generate(algorithm, ISSUER);
        String pem = SigningKeyPem.encode(key);

        // When it is read back
        SigningKey read = SigningKeyPem.decode(pem, algorithm);

        // Then it is the same key, and it still pairs with its certificate
        assertThat(read.kid()).isEqualTo(key.kid());
        assertThat(read.privateKey().getEncoded()).isEqualTo(key.privateKey().getEncoded());
        keys.checkPair(read);
        assertThat(read.toString()).doesNotContain("PRIVATE").contains(key.kid());
    }

    @Test
    void truncatedPemIsRefused() {
        String pem = SigningKeyPem.encode(keys.generate(TokenAlgorithm.RS256, ISSUER));

        assertThatThrownBy(() -> SigningKeyPem.decode(pem.substring(0, pem.length() / 2), TokenAlgorithm.RS256))
                .isInstanceOf(SigningKeyException.class);
    }

    @Test
    void keyOfTheWrongTypeIsRefused() {
        String ecPem = SigningKeyPem.encode(keys.generate(TokenAlgorithm.ES256, ISSUER));

        assertThatThrownBy(() -> SigningKeyPem.decode(ecPem, TokenAlgorithm.RS256))
                .isInstanceOf(SigningKeyException.class)
                .hasMessage("RS256 needs an RSA key, not EC");
    }

    @Test
    void keyThatDoesNotBelongToItsCertificateIsRefused() {
        // Given the private key of one pair and the certificate of another
        SigningKey first = keys.generate(TokenAlgorithm.ES256, ISSUER);
        SigningKey second = keys.generate(TokenAlgorithm.ES256, ISSUER);
        SigningKey mixed = new SigningKey(second.kid(), TokenAlgorithm.ES256, first.privateKey(), second.chain());

        // Then the pair check refuses it
        assertThatThrownBy(() -> keys.checkPair(mixed))
                .isInstanceOf(SigningKeyException.class)
                .hasMessage("the private key does not belong to its certificate");
    }

    @Test
    void pemWithoutCertificateIsRefused() {
        SigningKey key = keys.generate(TokenAlgorithm.ES256, ISSUER);
        String onlyKey = org.attestation.gateway.crypto.Pem.encode("PRIVATE KEY", key.privateKey().getEncoded());

        assertThatThrownBy(() -> SigningKeyPem.decode(onlyKey, TokenAlgorithm.ES256))
                .isInstanceOf(SigningKeyException.class)
                .hasMessage("no CERTIFICATE block");
    }
}
