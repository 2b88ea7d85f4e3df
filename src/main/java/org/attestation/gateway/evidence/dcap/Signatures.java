package org.attestation.gateway.evidence.dcap;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;
import org.attestation.gateway.crypto.CryptoProviders;
import org.attestation.gateway.crypto.EcdsaSignatures;
import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.jce.spec.ECNamedCurveParameterSpec;
import org.bouncycastle.jce.spec.ECNamedCurveSpec;

/** ECDSA P-256 checks of DCAP, on the fastest provider: raw r‖s over bytes, certificates, CRLs. */
final class Signatures {

    private static final String ALGORITHM = "SHA256withECDSA";
    private static final ECNamedCurveParameterSpec P256 = ECNamedCurveTable.getParameterSpec("secp256r1");
    private static final ECNamedCurveSpec P256_SPEC = new ECNamedCurveSpec("secp256r1", P256.getCurve(), P256.getG(),
            P256.getN(), P256.getH());

    private final CryptoProviders providers;
    private final LongAdder verifications = new LongAdder();

    Signatures(CryptoProviders providers) {
        this.providers = providers;
    }

    long count() {
        return verifications.sum();
    }

    /** A raw r‖s signature over {@code message}; false for any malformed signature. */
    boolean verify(PublicKey key, byte[] rawSignature, byte[] message) {
        verifications.increment();
        try {
            Signature signature = providers.signature(ALGORITHM);
            signature.initVerify(key);
            signature.update(message);
            return signature.verify(EcdsaSignatures.concatenatedToDer(rawSignature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    boolean signedBy(X509Certificate certificate, PublicKey issuerKey) {
        verifications.increment();
        try {
            certificate.verify(issuerKey, providers.signatureProvider(ALGORITHM));
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    boolean signedBy(X509CRL crl, PublicKey issuerKey) {
        verifications.increment();
        try {
            crl.verify(issuerKey, providers.signatureProvider(ALGORITHM));
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** The attestation key x‖y as a public key, if it is a point of P-256 (QVL: a valid attestation key). */
    static PublicKey attestationKey(byte[] xy) {
        if (xy.length != 64) {
            return null;
        }
        BigInteger x = new BigInteger(1, Arrays.copyOfRange(xy, 0, 32));
        BigInteger y = new BigInteger(1, Arrays.copyOfRange(xy, 32, 64));
        try {
            if (!P256.getCurve().createPoint(x, y).isValid()) {
                return null;
            }
            return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), P256_SPEC));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return null;
        }
    }
}
