package org.attestation.gateway.collateral;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1Primitive;

/**
 * The structural checks of AMD collateral, before any layer holds it: a VCEK is one DER X.509 certificate
 * with an EC key; a cert_chain is exactly two PEM CERTIFICATE blocks and nothing else; a CRL is one DER
 * X.509 CRL. Nothing here checks signatures or chains to the AMD roots: the SNP verifier does, on every
 * use. Answers when the item is due to be fetched again: the VCEK's notAfter, the earliest notAfter of a
 * chain, the CRL's nextUpdate.
 */
public final class AmdCollateralItems {

    /** A CRL without nextUpdate is fetched again after this long. */
    static final Duration CRL_WITHOUT_NEXT_UPDATE = Duration.ofDays(1);
    private static final Pattern PEM_CERTIFICATE = Pattern.compile(
            "\\s*-----BEGIN CERTIFICATE-----\\s*([A-Za-z0-9+/=\\s]+?)-----END CERTIFICATE-----");

    private AmdCollateralItems() {
    }

    /** Checks a body received for {@code key}; throws {@link CollateralRejectedException}. */
    public static Instant check(AmdCollateralKey key, byte[] body, Instant now) {
        try {
            return switch (key.kind()) {
                case VCEK -> {
                    X509Certificate vcek = singleDerCertificate(body);
                    if (!(vcek.getPublicKey() instanceof ECPublicKey)) {
                        throw new IllegalArgumentException("its key is " + vcek.getPublicKey().getAlgorithm()
                                + ", not EC");
                    }
                    yield vcek.getNotAfter().toInstant();
                }
                case CERT_CHAIN -> certChain(body).stream().map(c -> c.getNotAfter().toInstant())
                        .min(Instant::compareTo).orElseThrow();
                case CRL -> {
                    X509CRL crl = crl(body);
                    yield crl.getNextUpdate() == null ? now.plus(CRL_WITHOUT_NEXT_UPDATE)
                            : crl.getNextUpdate().toInstant();
                }
            };
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new CollateralRejectedException(key + " was rejected: " + e.getMessage(), e);
        }
    }

    /**
     * The DER certificates of a KDS cert_chain body, in order (ASK or ASVK, then ARK); as go-sev-guest's
     * {@code ParseProductCertChain}, exactly two CERTIFICATE blocks and no trailing bytes.
     */
    public static List<X509Certificate> certChain(byte[] body) throws GeneralSecurityException {
        String text = new String(body, StandardCharsets.US_ASCII);
        List<X509Certificate> certificates = new ArrayList<>();
        Matcher block = PEM_CERTIFICATE.matcher(text);
        int end = 0;
        while (block.find() && block.start() == end) {
            byte[] der = Base64.getMimeDecoder().decode(block.group(1));
            certificates.add(singleDerCertificate(der));
            end = block.end();
        }
        if (certificates.size() != 2 || !text.substring(end).isBlank()) {
            throw new IllegalArgumentException("a cert_chain is exactly two PEM CERTIFICATE blocks, not "
                    + (certificates.size() == 2 ? "two followed by other bytes" : certificates.size() + " blocks"));
        }
        return certificates;
    }

    private static X509Certificate singleDerCertificate(byte[] der) throws GeneralSecurityException {
        requireOneDerObject(der, "certificate");
        return (X509Certificate) factory().generateCertificate(new ByteArrayInputStream(der));
    }

    private static X509CRL crl(byte[] der) throws GeneralSecurityException {
        requireOneDerObject(der, "CRL");
        return (X509CRL) factory().generateCRL(new ByteArrayInputStream(der));
    }

    /** One DER SEQUENCE and nothing after it (the JDK's factories also take PEM, and ignore trailing bytes). */
    private static void requireOneDerObject(byte[] der, String what) {
        if (der.length == 0 || der[0] != 0x30) {
            throw new IllegalArgumentException("it is not a DER " + what);
        }
        try {
            ASN1Primitive.fromByteArray(der);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("it is not one DER " + what + ": " + e.getMessage());
        }
    }

    private static CertificateFactory factory() throws GeneralSecurityException {
        return CertificateFactory.getInstance("X.509");
    }
}
