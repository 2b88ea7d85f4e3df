package org.attestation.gateway.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts private keys at rest with the key-encryption key (KEK): AES-256-GCM, a fresh 96-bit nonce per
 * key, and what the key belongs to (tenant and kid) bound as associated data, so a sealed key cannot be
 * moved to another row. Layout: {@code version(1) ‖ nonce(12) ‖ ciphertext ‖ tag(16)}.
 */
public final class KeyEncryption {

    static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec kek;
    private final SecureRandom random = new SecureRandom();

    public KeyEncryption(byte[] kek) {
        if (kek.length != 32) {
            throw new IllegalArgumentException("the key-encryption key has 32 bytes (AES-256), not " + kek.length);
        }
        this.kek = new SecretKeySpec(kek.clone(), "AES");
    }

    public byte[] seal(byte[] plaintext, String boundTo) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, kek, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
            byte[] ciphertext = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(1 + NONCE_BYTES + ciphertext.length).put(VERSION).put(nonce).put(ciphertext)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt with the key-encryption key", e);
        }
    }

    /** Decrypts; throws {@link KeyDecryptionException} for another KEK, another binding, or damaged bytes. */
    public byte[] open(byte[] sealed, String boundTo) {
        if (sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8 || sealed[0] != VERSION) {
            throw new KeyDecryptionException("a sealed key has an unknown format");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, kek, new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE_BYTES));
            cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(Arrays.copyOfRange(sealed, 1 + NONCE_BYTES, sealed.length));
        } catch (GeneralSecurityException e) {
            throw new KeyDecryptionException("a stored private key does not decrypt with the configured "
                    + "key-encryption key (another key, or damaged data)");
        }
    }
}
