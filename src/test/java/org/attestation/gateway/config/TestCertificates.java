package org.attestation.gateway.config;

import java.net.URI;
import java.time.Clock;
import org.attestation.gateway.crypto.CryptoProviders;
import org.attestation.gateway.crypto.Pem;
import org.attestation.gateway.token.SigningKeyFactory;
import org.attestation.gateway.token.TokenAlgorithm;

/** A throw-away self-signed certificate for settings that take a PEM file. */
final class TestCertificates {

    private TestCertificates() {
    }

    static String selfSignedPem() {
        var key = new SigningKeyFactory(CryptoProviders.install(), Clock.systemUTC())
                .generate(TokenAlgorithm.ES256, URI.create("https://test.invalid"));
        return Pem.encode(Pem.CERTIFICATE, key.chainDer().get(0));
    }
}
