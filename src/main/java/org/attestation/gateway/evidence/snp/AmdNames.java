package org.attestation.gateway.evidence.snp;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import javax.security.auth.x500.X500Principal;
import org.attestation.gateway.crypto.Pem;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/** AMD certificate names (§2.4) and fingerprints. */
final class AmdNames {

    private AmdNames() {
    }

    /** The CN of a name, or "" when it has none. */
    static String commonName(X500Principal principal) {
        RDN[] cns = X500Name.getInstance(principal.getEncoded()).getRDNs(BCStyle.CN);
        return cns.length == 0 ? "" : IETFUtils.valueToString(cns[0].getFirst().getValue());
    }

    static String commonName(X509Certificate certificate) {
        return commonName(certificate.getSubjectX500Principal());
    }

    static boolean selfIssued(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal());
    }

    /** Lower-case hex SHA-256 of a certificate's DER: how AMD roots are pinned (§2.6). */
    static String fingerprint(X509Certificate certificate) {
        return sha256Hex(Pem.der(certificate));
    }

    static String sha256Hex(byte[] data) {
        return HexFormat.of().formatHex(sha256(data));
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
