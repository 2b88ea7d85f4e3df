package org.attestation.gateway.evidence.snp;

import java.io.ByteArrayInputStream;
import java.security.PublicKey;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.attestation.gateway.crypto.CryptoProviders;
import org.attestation.gateway.crypto.Pem;
import org.attestation.gateway.evidence.dcap.BoundedCache;

/**
 * Verifies SEV-SNP attestation reports as spec/snp.md §3.1 steps 2–8 describe: the chain VEK → ASK/ASVK →
 * pinned ARK with AMD's RSASSA-PSS, validity at the given instant and the optional ARK CRL, the VEK's AMD
 * extensions against the report, and the report's ECDSA P-384 signature over its exact bytes. Plain Java
 * and thread-safe. Verified intermediates and VEKs are remembered by the SHA-256 of their DER, so a warm
 * verification checks one signature (the report's) plus comparisons.
 */
public final class SnpVerifier {

    private static final int INTERMEDIATE_CACHE = 64;
    private static final int VEK_CACHE = 4096;
    private static final int CRL_CACHE = 16;

    /** A verified ARK and ASK/ASVK pair for one product and key kind. */
    private record Intermediates(X509Certificate ark, X509Certificate ask, String askFingerprint) {
    }

    private final AmdRoots roots;
    private final SnpSignatures signatures;
    private final BoundedCache<String, VekCertificate> parsedVeks = new BoundedCache<>(VEK_CACHE);
    private final BoundedCache<String, Intermediates> verifiedIntermediates = new BoundedCache<>(INTERMEDIATE_CACHE);
    private final BoundedCache<String, Boolean> verifiedVeks = new BoundedCache<>(VEK_CACHE);
    private final BoundedCache<String, X509CRL> verifiedCrls = new BoundedCache<>(CRL_CACHE);

    public SnpVerifier(AmdRoots roots, CryptoProviders providers) {
        this.roots = roots;
        this.signatures = new SnpSignatures(providers);
    }

    /**
     * Verifies {@code report} (already through {@link SnpReport#parse}, §3.1 step 2) with its endorsements at
     * instant {@code at}. Answers the verdict or throws {@link SnpVerificationException} naming the check.
     */
    public SnpVerification verify(SnpReport report, SnpEndorsements endorsements, Instant at) {
        SigningKey signingKey = report.signingKey();
        // SNP §3.1 step 5: the VCEK/VLEK comes with the evidence (a missing VCEK is fetched by the caller first)
        byte[] vekDer = endorsements.vek().orElseThrow(() -> new SnpVerificationException(SnpStatus.SNP_VEK_MISSING,
                "no " + signingKey + " certificate came with the report"
                        + (signingKey == SigningKey.VCEK ? "; fetch it from KDS first" : "")));
        String vekFingerprint = AmdNames.sha256Hex(vekDer);
        VekCertificate vek = parsedVeks.get(vekFingerprint, fp -> VekCertificate.parse(vekDer));
        // SNP §3.1 step 5: the certificate is the kind SIGNER_INFO.SIGNING_KEY names
        if (vek.kind() != signingKey) {
            throw new SnpVerificationException(SnpStatus.SNP_VEK_INVALID, "the report is signed by its "
                    + signingKey + " but the certificate supplied is a " + vek.kind());
        }
        // SNP §3.1 step 3: the product from CPUID (v3+), else from the VEK's productName (v2)
        SnpProduct product = product(report, vek);
        // SNP §3.1 step 4: decode REPORTED_TCB with the product's layout
        TcbVersion reportedTcb = TcbVersion.decode(report.reportedTcb(), product);
        // SNP §3.1 step 6: the chain to the pinned ARK, validity at the time, the optional CRL
        ChainVerdict chain = verifyChain(product, signingKey, vek, vekFingerprint, endorsements, at);
        // SNP §3.1 step 7 (§2.5 checks 1–5): the VEK is the one for this report
        checkBinding(report, vek, product, reportedTcb);
        // SNP §3.1 step 8: the report signature over the exact received bytes 0x000–0x29F
        if (!signatures.report(vek.certificate().getPublicKey(), report.signedBytes(), report.signatureR(),
                report.signatureS())) {
            throw new SnpVerificationException(SnpStatus.SNP_REPORT_SIGNATURE_INVALID,
                    "the report signature does not verify with the " + signingKey + " over bytes 0x000-0x29F");
        }
        return new SnpVerification(report, product, signingKey, reportedTcb, vek, chain.crlChecked(),
                chain.collateralExpired(), at);
    }

    /**
     * Only §3.1 step 6 for a VEK without its report (e.g. a VCEK fetched from KDS before it is cached): the
     * chain to the pinned ARK of {@code product}, validity at {@code at} and the optional CRL, plus the
     * VEK's productName and structVersion against the product.
     */
    public VekCertificate verifyChain(SnpProduct product, SnpEndorsements endorsements, Instant at) {
        byte[] vekDer = endorsements.vek().orElseThrow(() -> new SnpVerificationException(SnpStatus.SNP_VEK_MISSING,
                "no VCEK/VLEK to verify"));
        String vekFingerprint = AmdNames.sha256Hex(vekDer);
        VekCertificate vek = parsedVeks.get(vekFingerprint, fp -> VekCertificate.parse(vekDer));
        // SNP §2.5 check 4: productName and structVersion belong to the product
        if (!product.matchesProductName(vek.productName()) || vek.structVersion() != product.vekStructVersion()) {
            throw new SnpVerificationException(SnpStatus.SNP_PRODUCT_MISMATCH, "the VEK (productName "
                    + vek.productName() + ", structVersion " + vek.structVersion() + ") is not a "
                    + product.kdsName() + " VEK");
        }
        verifyChain(product, vek.kind(), vek, vekFingerprint, endorsements, at);
        return vek;
    }

    private record ChainVerdict(boolean crlChecked, boolean collateralExpired) {
    }

    private ChainVerdict verifyChain(SnpProduct product, SigningKey signingKey, VekCertificate vek,
            String vekFingerprint, SnpEndorsements endorsements, Instant at) {
        // SNP §3.1 step 6: ARK pinned and self-signed, ASK/ASVK pinned or signed by it (cached by fingerprints)
        Intermediates intermediates = intermediates(product, signingKey, endorsements.chain());
        // SNP §3.1 step 6: VEK signed by the ASK/ASVK with RSASSA-PSS, EC P-384 key, names (cached)
        verifiedVeks.get(intermediates.askFingerprint() + ":" + vekFingerprint,
                key -> checkVekSignedByAsk(vek, intermediates.ask(), product, signingKey));
        // SNP §3.1 step 6: every certificate of the chain is valid at the verification time
        checkValidity(intermediates.ark(), at);
        checkValidity(intermediates.ask(), at);
        checkValidity(vek.certificate(), at);
        // SNP §3.1 step 6: the optional CRL, signed by the ARK; ASK/ASVK and VEK serials not revoked
        boolean crlChecked = false;
        boolean collateralExpired = false;
        if (endorsements.crl().isPresent()) {
            X509CRL crl = crl(endorsements.crl().get(), intermediates.ark());
            checkNotRevoked(crl, intermediates.ask(), SnpStatus.SNP_ASK_REVOKED);
            checkNotRevoked(crl, vek.certificate(), SnpStatus.SNP_VEK_REVOKED);
            crlChecked = true;
            collateralExpired = crl.getNextUpdate() != null && crl.getNextUpdate().toInstant().isBefore(at);
        }
        return new ChainVerdict(crlChecked, collateralExpired);
    }

    /** Signature verifications performed so far (report, certificates, CRLs): cold vs warm cost. */
    public long signatureVerifications() {
        return signatures.count();
    }

    // ---- SNP §3.1 step 3: product ------------------------------------------------------------------

    private static SnpProduct product(SnpReport report, VekCertificate vek) {
        if (report.hasCpuid()) {
            int family = report.cpuidFamily().orElseThrow();
            int model = report.cpuidModel().orElseThrow();
            SnpProduct product = report.cpuidProduct().orElseThrow(() -> new SnpVerificationException(
                    SnpStatus.SNP_PRODUCT_UNKNOWN, String.format(
                            "CPUID family 0x%02X model 0x%02X is not Milan, Genoa or Turin", family, model)));
            // SNP §2.5 check 4: the VEK's productName agrees with the CPUID (prefix match)
            if (!product.matchesProductName(vek.productName())) {
                throw new SnpVerificationException(SnpStatus.SNP_PRODUCT_MISMATCH, "the report's CPUID names "
                        + product.kdsName() + " but the VEK's productName is " + vek.productName());
            }
            return product;
        }
        return SnpProduct.fromProductName(vek.productName()).orElseThrow(() -> new SnpVerificationException(
                SnpStatus.SNP_PRODUCT_UNKNOWN, "a version " + report.version()
                        + " report carries no CPUID and the VEK's productName " + vek.productName() + " is unknown"));
    }

    // ---- SNP §3.1 step 6: chain ---------------------------------------------------------------------

    private Intermediates intermediates(SnpProduct product, SigningKey signingKey, List<byte[]> chain) {
        if (chain.isEmpty()) {
            throw new SnpVerificationException(SnpStatus.SNP_CERT_CHAIN_MISSING, "no ASK/ASVK and ARK came with the "
                    + "report; fetch /" + (signingKey == SigningKey.VCEK ? "vcek" : "vlek") + "/v1/"
                    + product.kdsName() + "/cert_chain");
        }
        if (chain.size() != 2) {
            throw new SnpVerificationException(SnpStatus.SNP_ASK_CHAIN_INVALID,
                    "the chain has " + chain.size() + " certificates, not the ASK/ASVK and the ARK");
        }
        String key = product + ":" + signingKey + ":" + AmdNames.sha256Hex(chain.get(0)) + ":"
                + AmdNames.sha256Hex(chain.get(1));
        return verifiedIntermediates.get(key, k -> verifyIntermediates(product, signingKey, chain));
    }

    private Intermediates verifyIntermediates(SnpProduct product, SigningKey signingKey, List<byte[]> chain) {
        X509Certificate first = certificate(chain.get(0), "first chain certificate");
        X509Certificate second = certificate(chain.get(1), "second chain certificate");
        // KDS cert_chain is ASK then ARK; accept the reverse: the ARK is the self-issued one
        boolean arkFirst = AmdNames.selfIssued(first) && !AmdNames.selfIssued(second);
        X509Certificate ark = arkFirst ? first : second;
        X509Certificate ask = arkFirst ? second : first;
        // SNP §3.1 step 6: the ARK is pinned for the product (SHA-256 of its DER, §2.6)
        if (!roots.trustsArk(product, ark)) {
            throw new SnpVerificationException(SnpStatus.SNP_ROOT_NOT_TRUSTED, "the ARK (" + AmdNames.commonName(ark)
                    + ", SHA-256 " + AmdNames.fingerprint(ark) + ") is not the pinned ARK-" + product.kdsName());
        }
        // SNP §3.1 step 6: the ARK is self-signed with RSASSA-PSS and named ARK-<product>
        if (!AmdNames.selfIssued(ark) || !AmdNames.commonName(ark).equals("ARK-" + product.kdsName())
                || !signatures.signedBy(ark, ark.getPublicKey())) {
            throw new SnpVerificationException(SnpStatus.SNP_ROOT_NOT_TRUSTED,
                    "the ARK is not a self-signed ARK-" + product.kdsName() + " (RSASSA-PSS SHA-384)");
        }
        // SNP §3.1 step 6: the ASK/ASVK is named for the product and key kind and issued by the ARK
        String expectedCn = signingKey.issuerCommonName(product);
        if (!AmdNames.commonName(ask).equals(expectedCn)
                || !ask.getIssuerX500Principal().equals(ark.getSubjectX500Principal())) {
            throw new SnpVerificationException(SnpStatus.SNP_ASK_CHAIN_INVALID, "the intermediate is "
                    + AmdNames.commonName(ask) + " issued by " + ask.getIssuerX500Principal().getName() + ", not "
                    + expectedCn + " issued by the ARK");
        }
        // SNP §3.1 step 6: the ASK/ASVK is the pinned one, or verifies under the pinned ARK (RSASSA-PSS SHA-384)
        if (!roots.pinnedIntermediate(product, ask) && !signatures.signedBy(ask, ark.getPublicKey())) {
            throw new SnpVerificationException(SnpStatus.SNP_ASK_CHAIN_INVALID,
                    "the " + expectedCn + " is not signed by the ARK with RSASSA-PSS SHA-384, MGF1 SHA-384, salt 48");
        }
        return new Intermediates(ark, ask, AmdNames.fingerprint(ask));
    }

    private boolean checkVekSignedByAsk(VekCertificate vek, X509Certificate ask, SnpProduct product,
            SigningKey signingKey) {
        X509Certificate certificate = vek.certificate();
        // SNP §3.1 step 6: the VEK is issued by this ASK/ASVK
        if (!certificate.getIssuerX500Principal().equals(ask.getSubjectX500Principal())) {
            throw new SnpVerificationException(SnpStatus.SNP_VEK_CHAIN_INVALID, "the " + signingKey
                    + " is issued by " + certificate.getIssuerX500Principal().getName() + ", not by "
                    + signingKey.issuerCommonName(product));
        }
        // SNP §3.1 step 6: the VEK key is EC P-384
        PublicKey key = certificate.getPublicKey();
        if (!(key instanceof ECPublicKey ec) || ec.getParams().getCurve().getField().getFieldSize() != 384) {
            throw new SnpVerificationException(SnpStatus.SNP_VEK_CHAIN_INVALID,
                    "the " + signingKey + " key is not an EC P-384 key");
        }
        // SNP §3.1 step 6: the VEK signature verifies under the ASK/ASVK (RSASSA-PSS SHA-384)
        if (!signatures.signedBy(certificate, ask.getPublicKey())) {
            throw new SnpVerificationException(SnpStatus.SNP_VEK_CHAIN_INVALID, "the " + signingKey
                    + " is not signed by " + signingKey.issuerCommonName(product)
                    + " with RSASSA-PSS SHA-384, MGF1 SHA-384, salt 48");
        }
        return Boolean.TRUE;
    }

    private static void checkValidity(X509Certificate certificate, Instant at) {
        if (at.isBefore(certificate.getNotBefore().toInstant()) || at.isAfter(certificate.getNotAfter().toInstant())) {
            throw new SnpVerificationException(SnpStatus.SNP_CERTIFICATE_EXPIRED, AmdNames.commonName(certificate)
                    + " is valid from " + certificate.getNotBefore().toInstant() + " to "
                    + certificate.getNotAfter().toInstant() + ", not at " + at);
        }
    }

    private X509CRL crl(byte[] der, X509Certificate ark) {
        return verifiedCrls.get(AmdNames.fingerprint(ark) + ":" + AmdNames.sha256Hex(der), key -> {
            X509CRL crl;
            try {
                crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
            } catch (CRLException | CertificateException | ClassCastException e) {
                throw new SnpVerificationException(SnpStatus.SNP_CRL_INVALID, "the CRL is not a DER CRL: "
                        + e.getMessage(), e);
            }
            // SNP §3.1 step 6: the CRL is issued and signed (RSASSA-PSS) by the ARK
            if (!crl.getIssuerX500Principal().equals(ark.getSubjectX500Principal())
                    || !signatures.signedBy(crl, ark.getPublicKey())) {
                throw new SnpVerificationException(SnpStatus.SNP_CRL_INVALID, "the CRL is not issued and signed by "
                        + AmdNames.commonName(ark) + " (issuer " + crl.getIssuerX500Principal().getName() + ")");
            }
            return crl;
        });
    }

    private static void checkNotRevoked(X509CRL crl, X509Certificate certificate, SnpStatus status) {
        if (crl.getRevokedCertificate(certificate.getSerialNumber()) != null) {
            throw new SnpVerificationException(status, AmdNames.commonName(certificate) + " (serial 0x"
                    + certificate.getSerialNumber().toString(16) + ") is revoked by the ARK's CRL");
        }
    }

    // ---- SNP §3.1 step 7: VEK ⇄ report --------------------------------------------------------------

    private static void checkBinding(SnpReport report, VekCertificate vek, SnpProduct product, TcbVersion reported) {
        // SNP §2.5 check 4: structVersion 1 on Turin, 0 on Milan and Genoa
        if (vek.structVersion() != product.vekStructVersion()) {
            throw new SnpVerificationException(SnpStatus.SNP_PRODUCT_MISMATCH, "the VEK's structVersion is "
                    + vek.structVersion() + ", " + product.kdsName() + " VEKs have " + product.vekStructVersion());
        }
        // SNP §2.5 check 1: each SPL equals REPORTED_TCB's component (FMC too on Turin)
        boolean fmcMatches = product != SnpProduct.TURIN
                || vek.fmcSpl().isPresent() && vek.fmcSpl().getAsInt() == reported.fmcSpl().orElse(-1);
        if (!fmcMatches || vek.blSpl() != reported.blSpl() || vek.teeSpl() != reported.teeSpl()
                || vek.snpSpl() != reported.snpSpl() || vek.ucodeSpl() != reported.ucodeSpl()) {
            throw new SnpVerificationException(SnpStatus.SNP_TCB_MISMATCH, "the VEK's SPLs " + vek
                    + " are not REPORTED_TCB " + reported);
        }
        // SNP §2.5 check 3: a VCEK has hwID and no csp_id, a VLEK csp_id and no hwID
        if (vek.kind() == SigningKey.VCEK && (vek.hwId().isEmpty() || vek.cspId().isPresent())) {
            throw new SnpVerificationException(SnpStatus.SNP_VEK_INVALID, "a VCEK must have hwID and no csp_id");
        }
        if (vek.kind() == SigningKey.VLEK && (vek.cspId().isEmpty() || vek.hwId().isPresent())) {
            throw new SnpVerificationException(SnpStatus.SNP_VEK_INVALID, "a VLEK must have csp_id and no hwID");
        }
        // SNP §2.5 check 2: VCEK hwID equals CHIP_ID (Turin: 8 bytes, CHIP_ID[8..64] zero); a masked CHIP_ID
        // carries nothing to compare, and the report signature still binds the chip's VCEK to the report
        if (vek.kind() == SigningKey.VCEK && !report.chipIdMasked()) {
            byte[] chipId = report.chipId();
            byte[] hwId = vek.hwId().orElseThrow();
            boolean matches = product == SnpProduct.TURIN
                    ? hwId.length == 8 && Arrays.equals(hwId, Arrays.copyOf(chipId, 8))
                            && Arrays.equals(Arrays.copyOfRange(chipId, 8, 64), new byte[56])
                    : Arrays.equals(hwId, chipId);
            if (!matches) {
                throw new SnpVerificationException(SnpStatus.SNP_CHIP_ID_MISMATCH, "the VCEK's hwID "
                        + HexFormat.of().formatHex(hwId) + " is not the report's CHIP_ID "
                        + HexFormat.of().formatHex(chipId));
            }
        }
    }

    private static X509Certificate certificate(byte[] der, String what) {
        try {
            return Pem.certificate(der);
        } catch (IllegalArgumentException e) {
            throw new SnpVerificationException(SnpStatus.SNP_ASK_CHAIN_INVALID, "the " + what
                    + " is not an X.509 certificate: " + e.getMessage(), e);
        }
    }
}
