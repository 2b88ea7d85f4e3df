package org.attestation.gateway.evidence.snp.testpki;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import org.attestation.gateway.crypto.Pem;
import org.attestation.gateway.evidence.snp.SigningKey;

/** A test VCEK/VLEK and its key pair (the private key signs reports). */
public record TestVek(X509Certificate certificate, KeyPair keys, SigningKey kind) {

    public byte[] der() {
        return Pem.der(certificate);
    }
}
