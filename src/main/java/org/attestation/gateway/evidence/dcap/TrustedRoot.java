package org.attestation.gateway.evidence.dcap;

import java.io.IOException;
import java.nio.file.Path;
import java.security.interfaces.ECPublicKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.attestation.gateway.crypto.Pem;

/**
 * The root every DCAP chain must end in, pinned by its public key as QvE pins it: Intel's production
 * SGX Root CA, or for test PKIs only, the certificate configured by {@code GATEWAY_TRUST_INTEL_ROOT}.
 */
public final class TrustedRoot {

    /** QvE {@code INTEL_ROOT_PUB_KEY}: the production Intel SGX Root CA's P-256 key, uncompressed. */
    static final byte[] INTEL_SGX_ROOT_CA_KEY = HexFormat.of().parseHex("04"
            + "0ba9c4c0c0c86193a3fe23d6b02cda10a8bbd4e88e48b4458561a36e705525f5"
            + "67918e2edc88e40d860bd0cc4ee26aacc988e505a953558c453f6b0904ae7394");

    private final byte[] publicKey;
    private final boolean pinnedIntel;

    private TrustedRoot(byte[] publicKey, boolean pinnedIntel) {
        this.publicKey = publicKey;
        this.pinnedIntel = pinnedIntel;
    }

    public static TrustedRoot intel() {
        return new TrustedRoot(INTEL_SGX_ROOT_CA_KEY, true);
    }

    /** A test root replacing Intel's (GATEWAY_TRUST_INTEL_ROOT): the first certificate of the PEM file. */
    public static TrustedRoot fromPemFile(Path file) throws IOException {
        List<X509Certificate> certificates = Pem.readCertificates(file);
        if (certificates.isEmpty()) {
            throw new IOException(file + " holds no certificate");
        }
        return of(certificates.get(0));
    }

    public static TrustedRoot of(X509Certificate certificate) {
        return new TrustedRoot(uncompressed(certificate.getPublicKey()), false);
    }

    /** Whether this is Intel's production root rather than a configured test root. */
    public boolean isIntel() {
        return pinnedIntel;
    }

    /** The root's public key, to check what the root signs directly (the root CA CRL). */
    PublicKey publicKey() {
        return Signatures.attestationKey(Arrays.copyOfRange(publicKey, 1, 65));
    }

    boolean trusts(PublicKey key) {
        return Arrays.equals(publicKey, uncompressed(key));
    }

    /** SEC1 uncompressed point {@code 04 ‖ x ‖ y}; empty for keys that are not P-256. */
    static byte[] uncompressed(PublicKey key) {
        if (!(key instanceof ECPublicKey ec) || ec.getParams().getCurve().getField().getFieldSize() != 256) {
            return new byte[0];
        }
        byte[] out = new byte[65];
        out[0] = 0x04;
        copyUnsigned(ec.getW().getAffineX().toByteArray(), out, 1);
        copyUnsigned(ec.getW().getAffineY().toByteArray(), out, 33);
        return out;
    }

    private static void copyUnsigned(byte[] value, byte[] out, int offset) {
        int start = value.length > 32 ? value.length - 32 : 0;
        int length = value.length - start;
        System.arraycopy(value, start, out, offset + 32 - length, length);
    }
}
