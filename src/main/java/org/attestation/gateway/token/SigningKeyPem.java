package org.attestation.gateway.token;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.attestation.gateway.crypto.Pem;
import org.bouncycastle.util.io.pem.PemObject;

/** A signing key as text: one PKCS#8 {@code PRIVATE KEY} block followed by its certificate chain. */
public final class SigningKeyPem {

    private SigningKeyPem() {
    }

    public static String encode(SigningKey key) {
        StringBuilder text = new StringBuilder(Pem.encode(Pem.PRIVATE_KEY, key.privateKey().getEncoded()));
        for (byte[] certificate : key.chainDer()) {
            text.append(Pem.encode(Pem.CERTIFICATE, certificate));
        }
        return text.toString();
    }

    /**
     * Parses the text written by {@link #encode}. Throws {@link SigningKeyException} naming what is wrong;
     * whether the key matches its certificate is {@link SigningKeyFactory#checkPair}'s job.
     */
    public static SigningKey decode(String text, TokenAlgorithm algorithm) {
        List<PemObject> blocks;
        try {
            blocks = Pem.blocks(text);
        } catch (IllegalArgumentException e) {
            throw new SigningKeyException(e.getMessage(), e);
        }
        PrivateKey privateKey = null;
        List<X509Certificate> chain = new ArrayList<>();
        try {
            for (PemObject block : blocks) {
                switch (block.getType()) {
                    case Pem.PRIVATE_KEY -> {
                        if (privateKey != null) {
                            throw new SigningKeyException("more than one PRIVATE KEY block");
                        }
                        privateKey = Pem.privateKey(block.getContent());
                    }
                    case Pem.CERTIFICATE -> chain.add(Pem.certificate(block.getContent()));
                    default -> throw new SigningKeyException("unexpected PEM block " + block.getType());
                }
            }
        } catch (IllegalArgumentException e) {
            throw new SigningKeyException(e.getMessage(), e);
        }
        if (privateKey == null) {
            throw new SigningKeyException("no PRIVATE KEY block");
        }
        if (chain.isEmpty()) {
            throw new SigningKeyException("no CERTIFICATE block");
        }
        try {
            return new SigningKey(SigningKeyFactory.kidOf(chain.get(0)), algorithm, privateKey, chain);
        } catch (IllegalArgumentException e) {
            throw new SigningKeyException(e.getMessage(), e);
        }
    }
}
