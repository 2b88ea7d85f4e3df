package org.attestation.gateway.evidence.dcap;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.security.auth.x500.X500Principal;
import org.attestation.gateway.crypto.CryptoProviders;
import org.attestation.gateway.crypto.Pem;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;

/**
 * Verifies SGX and TDX quotes as Intel's QvE and QVL do (spec/dcap.md §2): the PCK chain to the pinned
 * root with revocation, the collateral's chains and signatures over the exact received text, the QE
 * report and its binding to the attestation key, the QE identity, the quote signature, and the TCB
 * level. Plain Java and thread-safe. Collateral is verified once and reused while it is in the cache;
 * PCK intermediates verified against the root are remembered by fingerprint.
 */
public final class DcapVerifier {

    private static final int COLLATERAL_CACHE = 256;
    private static final int INTERMEDIATE_CACHE = 64;
    private static final int PARSED_CHAIN_CACHE = 1024;

    private final TrustedRoot trustedRoot;
    private final Signatures signatures;
    private final BoundedCache<String, VerifiedCollateral> collaterals = new BoundedCache<>(COLLATERAL_CACHE);
    /** The collateral tier hands out the same instance until it refreshes: spares hashing it per quote. */
    private final BoundedCache<Identity, VerifiedCollateral> byInstance = new BoundedCache<>(COLLATERAL_CACHE);
    /** PCK chains parsed from the exact certification data bytes: parsing only, every check still runs. */
    private final BoundedCache<ExactBytes, ParsedChain> parsedChains = new BoundedCache<>(PARSED_CHAIN_CACHE);
    /** Attestation keys as public keys (the point checked on the curve once): a QE's key signs all its quotes. */
    private final BoundedCache<ExactBytes, Optional<PublicKey>> attestationKeys = new BoundedCache<>(PARSED_CHAIN_CACHE);
    private final BoundedCache<String, Boolean> verifiedIntermediates = new BoundedCache<>(INTERMEDIATE_CACHE);
    /**
     * Signed PCS documents checked once per exact text, signature and issuer chain: the collateral tier checks
     * each item as it arrives, then the quote's collateral brings the same bytes again. The second time costs a
     * lookup instead of a parse and two signatures, which matters on the cold path, where this code runs
     * uncompiled. Revocation of the signing certificate is checked on every verification of collateral.
     */
    private final BoundedCache<SignedText, Checked<TcbInfo>> checkedTcbInfos = new BoundedCache<>(COLLATERAL_CACHE);
    private final BoundedCache<SignedText, Checked<EnclaveIdentity>> checkedIdentities =
            new BoundedCache<>(COLLATERAL_CACHE);
    /** CRLs parsed from their exact DER (large ones take milliseconds); their signature is checked every time. */
    private final BoundedCache<ExactBytes, X509CRL> parsedCrls = new BoundedCache<>(COLLATERAL_CACHE);

    public DcapVerifier(TrustedRoot trustedRoot, CryptoProviders providers) {
        this.trustedRoot = trustedRoot;
        this.signatures = new Signatures(providers);
    }

    /**
     * Verifies {@code quote} with {@code collateral} at instant {@code at}. Answers the verdict, or throws
     * {@link DcapVerificationException} (or {@link CollateralFormatException}) naming the failed check.
     */
    public DcapVerification verify(Quote quote, DcapCollateral collateral, Instant at) {
        // QvE: extract the PCK chain from certification data type 5
        ParsedChain parsed = pckChain(quote.qe());
        List<X509Certificate> chain = parsed.certificates();
        // QVL steps 4-6 for the collateral: time-independent, so verified once
        VerifiedCollateral verified = byInstance.get(new Identity(collateral), instance -> collaterals.get(
                HexFormat.of().formatHex(collateral.digest()), digest -> verifyCollateral(collateral)));
        // QVL step 4: the PCK chain and its revocation
        verifyPckChain(parsed, verified);
        PckCertificate pck = parsed.pck();
        // QvE step 3: collateral expiration informs, it does not fail
        boolean expired = expired(verified, chain, at);
        // QVL step 7: the quote against its collateral
        TcbInfo tcbInfo = verified.tcbInfo();
        checkTcbInfoApplies(quote, pck, tcbInfo);
        if (tcbInfo.isTdx()) {
            checkTdxModule(quote, tcbInfo);
        }
        checkQeReport(quote, pck);
        IsvLevel qeLevel = checkQeIdentity(quote, verified.qeIdentity());
        checkQuoteSignature(quote);
        // QVL step 7.13: the platform TCB level, converged with the module and QE statuses
        TcbEvaluation evaluation = TcbEvaluation.evaluate(quote, pck, tcbInfo, qeLevel.status());
        if (evaluation.status() == TcbStatus.REVOKED) {
            throw new DcapVerificationException(QvlStatus.SGX_TCB_REVOKED,
                    "the platform's TCB level is revoked (tcbDate " + evaluation.tcbDate() + ", advisories "
                            + evaluation.advisoryIds() + ")");
        }
        return new DcapVerification(quote, pck, evaluation, qeLevel, tcbInfo, verified.qeIdentity(), collateral,
                verified.hashes(),
                expired, at);
    }

    /** QvE {@code extract_chain_from_quote}: type 5, exactly three certificates (PEM; DER is tolerated). */
    private ParsedChain pckChain(QeCertificationData qe) {
        if (qe.certificationDataType() != QeCertificationData.CERT_TYPE_PCK_CHAIN) {
            throw new DcapVerificationException(QvlStatus.UNSUPPORTED_CERT_FORMAT, "certification data type "
                    + qe.certificationDataType() + " does not carry the PCK chain; only type 5 is supported");
        }
        byte[] data = qe.certificationData();
        return parsedChains.get(new ExactBytes(data), bytes -> {
            List<X509Certificate> certificates = parsedChain(data);
            return new ParsedChain(certificates, certificates.stream().map(DcapVerifier::commonName).toList(),
                    PckCertificate.of(certificates.get(0)));
        });
    }

    private static List<X509Certificate> parsedChain(byte[] data) {
        int end = data.length;
        while (end > 0 && data[end - 1] == 0) {
            end--;
        }
        List<X509Certificate> certificates;
        try {
            String text = new String(data, 0, end, StandardCharsets.US_ASCII);
            certificates = text.startsWith("-----BEGIN")
                    ? Pem.certificates(text)
                    : derCertificates(Arrays.copyOf(data, end));
        } catch (IllegalArgumentException e) {
            throw new DcapVerificationException(QvlStatus.SGX_PCK_CERT_CHAIN_ERROR,
                    "the PCK chain in the quote cannot be parsed: " + e.getMessage(), e);
        }
        if (certificates.size() != 3) {
            throw new DcapVerificationException(QvlStatus.SGX_PCK_CERT_CHAIN_ERROR,
                    "the PCK chain in the quote has " + certificates.size() + " certificates, not 3");
        }
        return leafFirst(certificates);
    }

    private static List<X509Certificate> derCertificates(byte[] der) {
        try {
            Collection<? extends java.security.cert.Certificate> all = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(der));
            return all.stream().map(X509Certificate.class::cast).toList();
        } catch (CertificateException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Orders leaf, intermediate, root by their issuer links (Intel's QE writes them leaf first). */
    private static List<X509Certificate> leafFirst(List<X509Certificate> certificates) {
        X509Certificate root = certificates.stream().filter(DcapVerifier::selfIssued).findFirst().orElse(null);
        if (root == null) {
            throw new DcapVerificationException(QvlStatus.SGX_PCK_CERT_CHAIN_ERROR,
                    "the PCK chain in the quote has no self-issued root");
        }
        X509Certificate intermediate = certificates.stream()
                .filter(c -> c != root && c.getIssuerX500Principal().equals(root.getSubjectX500Principal()))
                .findFirst().orElse(null);
        X509Certificate leaf = certificates.stream().filter(c -> c != root && c != intermediate).findFirst().orElse(null);
        if (intermediate == null || leaf == null) {
            throw new DcapVerificationException(QvlStatus.SGX_PCK_CERT_CHAIN_ERROR,
                    "the PCK chain in the quote is not leaf, intermediate and root");
        }
        return List.of(leaf, intermediate, root);
    }

    // ---- QVL steps 4-6: collateral ----------------------------------------------------------------

    private VerifiedCollateral verifyCollateral(DcapCollateral c) {
        X509CRL rootCrl = crl(c.rootCaCrl(), "root CA CRL");
        X509CRL pckCrl = crl(c.pckCrl(), "PCK CRL");
        // QVL PckCrlVerifier: the PCK CRL issuer chain is [PCK CA, root]
        List<X509Certificate> pckCrlChain = chain(c.pckCrlIssuerChain(), "PCK CRL issuer chain",
                QvlStatus.SGX_PCK_CERT_CHAIN_ERROR);
        X509Certificate root = pckCrlChain.get(1);
        checkTrustedRoot(root);
        checkIntermediate(pckCrlChain.get(0), root);
        // QVL PckCertVerifier: the root CA CRL is issued and signed by the root
        checkCrl(rootCrl, root, "root CA CRL");
        // QVL PckCrlVerifier: the PCK CRL is issued and signed by the PCK CA
        checkCrl(pckCrl, pckCrlChain.get(0), "PCK CRL");
        // QVL TCBInfoVerifier
        Checked<TcbInfo> checkedTcbInfo = tcbInfo(c.tcbInfo(), c.tcbInfoSignature(), c.tcbInfoIssuerChain());
        List<X509Certificate> tcbChain = checkedTcbInfo.chain();
        checkNotRevoked(tcbChain.get(0), rootCrl);
        TcbInfo tcbInfo = checkedTcbInfo.document();
        // QVL EnclaveIdentityVerifier
        Checked<EnclaveIdentity> checkedQeIdentity = enclaveIdentity(c.qeIdentity(), c.qeIdentitySignature(),
                c.qeIdentityIssuerChain());
        List<X509Certificate> qeChain = checkedQeIdentity.chain();
        checkNotRevoked(qeChain.get(0), rootCrl);
        EnclaveIdentity qeIdentity = checkedQeIdentity.document();
        // QvE qve_get_collateral_dates: the earliest expiration of every item
        Instant earliest = Stream.of(
                        Stream.of(rootCrl.getNextUpdate().toInstant(), pckCrl.getNextUpdate().toInstant(),
                                tcbInfo.nextUpdate(), qeIdentity.nextUpdate()),
                        Stream.of(pckCrlChain, tcbChain, qeChain).flatMap(List::stream)
                                .map(cert -> cert.getNotAfter().toInstant()))
                .flatMap(s -> s).min(Instant::compareTo).orElseThrow();
        Instant latestThisUpdate = Stream.of(rootCrl.getThisUpdate(), pckCrl.getThisUpdate())
                .map(java.util.Date::toInstant).max(Instant::compareTo).orElseThrow();
        return new VerifiedCollateral(c, rootCrl, pckCrl, pckCrlChain, tcbChain, qeChain, tcbInfo, qeIdentity,
                earliest, latestThisUpdate, c.pieceHashes(),
                new X509Principal(pckCrl.getIssuerX500Principal()).commonName());
    }

    /** QVL TCBSigningChain: exactly [TCB Signing, root], signed by the trusted root. */
    private List<X509Certificate> signingChain(String pem, String what) {
        List<X509Certificate> chain = chain(pem, what, QvlStatus.SGX_TCB_SIGNING_CERT_CHAIN_ERROR);
        X509Certificate signing = chain.get(0);
        X509Certificate root = chain.get(1);
        checkTrustedRoot(root);
        if (!commonName(signing).contains("SGX TCB Signing")) {
            throw new DcapVerificationException(QvlStatus.SGX_TCB_SIGNING_CERT_INVALID,
                    "the " + what + " does not start with an SGX TCB Signing certificate");
        }
        checkIssuedBy(signing, root, QvlStatus.SGX_TCB_SIGNING_CERT_INVALID,
                "the signing certificate of the " + what + " is not signed by the root");
        return chain;
    }

    /** QVL TCBSigningChain: the TCB signing certificate is not revoked by the root CA CRL. */
    private static void checkNotRevoked(X509Certificate signing, X509CRL rootCrl) {
        if (rootCrl.getRevokedCertificate(signing.getSerialNumber()) != null) {
            throw new DcapVerificationException(QvlStatus.SGX_TCB_SIGNING_CERT_REVOKED,
                    "the TCB signing certificate (serial " + signing.getSerialNumber().toString(16)
                            + ") is revoked by the root CA CRL");
        }
    }

    /** A signed PCS text exactly as received: the signed member's text, its raw signature, the issuer chain. */
    private record SignedText(String text, ByteBuffer signature, String issuerChainPem) {

        SignedText(String text, byte[] signature, String issuerChainPem) {
            this(text, ByteBuffer.wrap(signature.clone()), issuerChainPem);
        }
    }

    /** A signed document whose chain ends in the trusted root and whose signature covers its exact text, parsed. */
    private record Checked<T>(List<X509Certificate> chain, T document) {
    }

    /** QVL TCBInfoVerifier: the chain to the root and the signature over the exact text, then the parse. */
    private Checked<TcbInfo> tcbInfo(String text, byte[] signature, String issuerChainPem) {
        return checked(checkedTcbInfos, text, signature, issuerChainPem, "TCB info",
                QvlStatus.TCB_INFO_INVALID_SIGNATURE, TcbInfo::parse);
    }

    /** QVL EnclaveIdentityVerifier: checked like TCB info. */
    private Checked<EnclaveIdentity> enclaveIdentity(String text, byte[] signature, String issuerChainPem) {
        return checked(checkedIdentities, text, signature, issuerChainPem, "enclave identity",
                QvlStatus.SGX_ENCLAVE_IDENTITY_INVALID_SIGNATURE, EnclaveIdentity::parse);
    }

    private <T> Checked<T> checked(BoundedCache<SignedText, Checked<T>> cache, String text, byte[] signature,
            String issuerChainPem, String what, QvlStatus badSignature, Function<String, T> parse) {
        return cache.get(new SignedText(text, signature, issuerChainPem), key -> {
            List<X509Certificate> chain = signingChain(issuerChainPem, what + " issuer chain");
            if (!signatures.verify(chain.get(0).getPublicKey(), signature, DcapCollateral.utf8(text))) {
                throw new DcapVerificationException(badSignature,
                        "the " + what + " signature does not verify over the received text");
            }
            return new Checked<>(chain, parse.apply(text));
        });
    }

    private static List<X509Certificate> chain(String pem, String what, QvlStatus status) {
        List<X509Certificate> chain;
        try {
            chain = Pem.certificates(pem);
        } catch (IllegalArgumentException e) {
            throw new DcapVerificationException(status, "the " + what + " cannot be parsed: " + e.getMessage(), e);
        }
        if (chain.size() != 2) {
            throw new DcapVerificationException(status, "the " + what + " has " + chain.size() + " certificates, not 2");
        }
        // PCS headers list the root last; Intel's own sample data lists it first
        return selfIssued(chain.get(0)) && !selfIssued(chain.get(1)) ? List.of(chain.get(1), chain.get(0)) : chain;
    }

    private X509CRL crl(byte[] der, String what) {
        return parsedCrls.get(new ExactBytes(der), key -> {
            try {
                return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
            } catch (CRLException | CertificateException | ClassCastException e) {
                throw new DcapVerificationException(QvlStatus.SGX_CRL_UNSUPPORTED_FORMAT,
                        "the " + what + " is not a DER CRL: " + e.getMessage(), e);
            }
        });
    }

    /** QVL PckCrlVerifier: issuer DN equal, CRL Number and Authority Key Identifier present, signature valid. */
    private void checkCrl(X509CRL crl, X509Certificate issuer, String what) {
        if (!crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            throw new DcapVerificationException(QvlStatus.SGX_CRL_UNKNOWN_ISSUER, "the " + what + " is issued by "
                    + crl.getIssuerX500Principal().getName() + ", not by " + issuer.getSubjectX500Principal().getName());
        }
        if (crl.getExtensionValue(Extension.cRLNumber.getId()) == null
                || crl.getExtensionValue(Extension.authorityKeyIdentifier.getId()) == null) {
            throw new DcapVerificationException(QvlStatus.SGX_CRL_UNSUPPORTED_FORMAT,
                    "the " + what + " lacks the CRL Number or Authority Key Identifier extension");
        }
        if (!signatures.signedBy(crl, issuer.getPublicKey())) {
            throw new DcapVerificationException(QvlStatus.SGX_CRL_INVALID_SIGNATURE,
                    "the " + what + " signature does not verify with its issuer's key");
        }
    }

    // ---- single pieces of collateral, checked as they arrive, before any cache holds them ----------

    /** A PCS TCB info body and its issuer chain: chain to the root, signature over the exact text, parse. */
    public TcbInfo checkTcbInfo(String body, String issuerChainPem) {
        SignedMember member = SignedMember.of(body, "tcbInfo");
        return tcbInfo(member.text(), member.signature(), issuerChainPem).document();
    }

    /** A PCS enclave identity body (QE, TD_QE, QVE) and its issuer chain, checked like TCB info. */
    public EnclaveIdentity checkEnclaveIdentity(String body, String issuerChainPem) {
        SignedMember member = SignedMember.of(body, "enclaveIdentity");
        return enclaveIdentity(member.text(), member.signature(), issuerChainPem).document();
    }

    /** A PCK CRL (DER) and its issuer chain [PCK CA, root]: the CA chains to the root and signed the CRL. */
    public X509CRL checkPckCrl(byte[] der, String issuerChainPem) {
        X509CRL crl = crl(der, "PCK CRL");
        List<X509Certificate> chain = chain(issuerChainPem, "PCK CRL issuer chain", QvlStatus.SGX_PCK_CERT_CHAIN_ERROR);
        checkTrustedRoot(chain.get(1));
        checkIntermediate(chain.get(0), chain.get(1));
        checkCrl(crl, chain.get(0), "PCK CRL");
        return crl;
    }

    /** The root CA CRL (DER), signed by the trusted root's key. */
    public X509CRL checkRootCaCrl(byte[] der) {
        X509CRL crl = crl(der, "root CA CRL");
        if (crl.getExtensionValue(Extension.cRLNumber.getId()) == null
                || crl.getExtensionValue(Extension.authorityKeyIdentifier.getId()) == null) {
            throw new DcapVerificationException(QvlStatus.SGX_CRL_UNSUPPORTED_FORMAT,
                    "the root CA CRL lacks the CRL Number or Authority Key Identifier extension");
        }
        if (!signatures.signedBy(crl, trustedRoot.publicKey())) {
            throw new DcapVerificationException(QvlStatus.SGX_CRL_INVALID_SIGNATURE,
                    "the root CA CRL is not signed by the trusted root");
        }
        return crl;
    }

    /** A PCK chain as parsed from certification data, leaf first, with the leaf's SGX extension. */
    private record ParsedChain(List<X509Certificate> certificates, List<String> commonNames, PckCertificate pck) {
    }

    /**
     * Bytes as a cache key by their contents. The hash covers the length and the first bytes only (for a PCK
     * chain, the leaf's header and serial); equality compares every byte.
     */
    private record ExactBytes(byte[] bytes, int hash) {
        private static final int HASHED_PREFIX = 512;

        ExactBytes(byte[] bytes) {
            this(bytes, prefixHash(bytes));
        }

        private static int prefixHash(byte[] bytes) {
            int hash = bytes.length;
            for (int i = 0, end = Math.min(bytes.length, HASHED_PREFIX); i < end; i++) {
                hash = 31 * hash + bytes[i];
            }
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ExactBytes other && other.hash == hash && Arrays.equals(other.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** An object as a key by its identity, not its contents. */
    private record Identity(Object object) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Identity other && other.object == object;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(object);
        }
    }

    /** Which PCK CA issued the quote's PCK certificate, and its SGX extension: what selects the collateral. */
    public PckOrigin pckOrigin(Quote quote) {
        ParsedChain parsed = pckChain(quote.qe());
        String issuer = parsed.commonNames().get(1);
        String ca = issuer.contains("Platform") ? PckOrigin.PLATFORM : issuer.contains("Processor")
                ? PckOrigin.PROCESSOR : null;
        if (ca == null) {
            throw new DcapVerificationException(QvlStatus.SGX_PCK_CERT_CHAIN_ERROR,
                    "the PCK certificate's CA is neither the Processor nor the Platform CA: " + issuer);
        }
        return new PckOrigin(parsed.pck(), ca);
    }

    /** The PCK certificate of a quote (not yet verified) and the CA type that issued it. */
    public record PckOrigin(PckCertificate pck, String caType) {
        public static final String PROCESSOR = "processor";
        public static final String PLATFORM = "platform";

        public String fmspcHex() {
            return HexFormat.of().withUpperCase().formatHex(pck.fmspc());
        }
    }

    // ---- QVL step 4: the PCK chain ---------------------------------------------------------------

    private void verifyPckChain(ParsedChain chain, VerifiedCollateral collateral) {
        X509Certificate leaf = chain.certificates().get(0);
        X509Certificate intermediate = chain.certificates().get(1);
        X509Certificate root = chain.certificates().get(2);
        String leafName = chain.commonNames().get(0);
        String intermediateName = chain.commonNames().get(1);
        // QVL PckCertVerifier: CN of root contains "SGX Root CA", intermediate "CA", leaf "SGX PCK Certificate"
        if (!chain.commonNames().get(2).contains("SGX Root CA") || !intermediateName.contains("CA")) {
            throw new DcapVerificationException(QvlStatus.SGX_PCK_CERT_CHAIN_ERROR,
                    "the PCK chain is not Intel SGX Root CA, PCK CA, PCK certificate");
        }
        // QVL step 7.1: the leaf is a PCK certificate
        if (!leafName.contains("SGX PCK Certificate")) {
            throw new DcapVerificationException(QvlStatus.INVALID_PCK_CERT,
                    "the quote's leaf certificate is not an SGX PCK Certificate: " + leafName);
        }
        // QvE: the chain's root has the pinned key, and signs itself
        checkTrustedRoot(root);
        // QVL PckCertVerifier: the intermediate is issued and signed by the root
        checkIntermediate(intermediate, root);
        // QVL PckCertVerifier: the PCK certificate is issued and signed by the intermediate
        if (!leaf.getIssuerX500Principal().equals(intermediate.getSubjectX500Principal())
                || !signatures.signedBy(leaf, intermediate.getPublicKey())) {
            throw new DcapVerificationException(QvlStatus.SGX_PCK_INVALID,
                    "the PCK certificate is not signed by the PCK CA of its chain");
        }
        // QVL PckCertVerifier: the root CA CRL must not list the intermediate
        if (collateral.rootCrl().getRevokedCertificate(intermediate.getSerialNumber()) != null) {
            throw new DcapVerificationException(QvlStatus.SGX_INTERMEDIATE_CA_REVOKED,
                    "the PCK CA (" + intermediateName + ", serial "
                            + intermediate.getSerialNumber().toString(16) + ") is revoked by the root CA CRL");
        }
        // QVL step 7.2: the PCK CRL is the one of the PCK's CA (processor or platform)
        if (!collateral.pckCrlIssuerName().contains("CA")
                || !collateral.pckCrl().getIssuerX500Principal().equals(leaf.getIssuerX500Principal())) {
            throw new DcapVerificationException(QvlStatus.INVALID_PCK_CRL, "the PCK CRL is issued by "
                    + collateral.pckCrlIssuerName() + ", but the PCK certificate by " + intermediateName);
        }
        // QVL step 7.3: the PCK certificate must not be revoked
        if (collateral.pckCrl().getRevokedCertificate(leaf.getSerialNumber()) != null) {
            throw new DcapVerificationException(QvlStatus.SGX_PCK_REVOKED,
                    "the PCK certificate (serial " + leaf.getSerialNumber().toString(16) + ") is revoked");
        }
    }

    /** QVL: the trusted root must be self-issued and self-signed; QvE: and carry the pinned key. */
    private void checkTrustedRoot(X509Certificate root) {
        if (!trustedRoot.trusts(root.getPublicKey())) {
            throw new DcapVerificationException(QvlStatus.SGX_ROOT_CA_UNTRUSTED,
                    "the chain ends in a root that is not the " + (trustedRoot.isIntel() ? "pinned Intel SGX Root CA"
                            : "configured trusted root") + ": " + root.getSubjectX500Principal().getName());
        }
        String fingerprint = "root:" + fingerprint(root, null);
        verifiedIntermediates.get(fingerprint, key -> {
            if (!selfIssued(root) || !signatures.signedBy(root, root.getPublicKey())) {
                throw new DcapVerificationException(QvlStatus.SGX_ROOT_CA_INVALID,
                        "the root certificate does not sign itself");
            }
            return Boolean.TRUE;
        });
    }

    /** QVL PckCertVerifier: the PCK CA is issued and signed by the root. */
    private void checkIntermediate(X509Certificate intermediate, X509Certificate root) {
        checkIssuedBy(intermediate, root, QvlStatus.SGX_INTERMEDIATE_CA_INVALID,
                "the PCK CA certificate is not signed by the root");
    }

    /** Issuer DN and signature; a pair that verified is remembered by fingerprint and not checked again. */
    private void checkIssuedBy(X509Certificate certificate, X509Certificate issuer, QvlStatus status, String message) {
        verifiedIntermediates.get(fingerprint(certificate, issuer), key -> {
            if (!certificate.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())
                    || !signatures.signedBy(certificate, issuer.getPublicKey())) {
                throw new DcapVerificationException(status, message);
            }
            return Boolean.TRUE;
        });
    }

    /** QvE: expired iff the earliest expiration is at or before the verification time (CRLs also before thisUpdate). */
    private static boolean expired(VerifiedCollateral collateral, List<X509Certificate> pckChain, Instant at) {
        Instant earliest = pckChain.stream().map(c -> c.getNotAfter().toInstant())
                .reduce(collateral.earliestExpiration(), (a, b) -> a.isBefore(b) ? a : b);
        return !earliest.isAfter(at) || at.isBefore(collateral.latestCrlThisUpdate());
    }

    // ---- QVL step 7: the quote ----------------------------------------------------------------------

    /** QVL steps 7.4 and 7.5: the TCB info is for this TEE, FMSPC and PCE. */
    private static void checkTcbInfoApplies(Quote quote, PckCertificate pck, TcbInfo tcbInfo) {
        if (quote.isTdx() != tcbInfo.isTdx() || (quote.isTdx() && tcbInfo.version() < 3)) {
            throw new DcapVerificationException(QvlStatus.TCB_INFO_MISMATCH, "the TCB info is for "
                    + tcbInfo.id() + " but the quote is " + (quote.isTdx() ? "TDX" : "SGX"));
        }
        if (!Arrays.equals(pck.fmspc(), tcbInfo.fmspc()) || !Arrays.equals(pck.pceId(), tcbInfo.pceId())) {
            throw new DcapVerificationException(QvlStatus.TCB_INFO_MISMATCH, "the TCB info is for FMSPC "
                    + HexFormat.of().formatHex(tcbInfo.fmspc()) + " PCE " + HexFormat.of().formatHex(tcbInfo.pceId())
                    + ", the PCK certificate for FMSPC " + HexFormat.of().formatHex(pck.fmspc()) + " PCE "
                    + HexFormat.of().formatHex(pck.pceId()));
        }
    }

    /** QVL step 7.7 (TdxModuleCheck): MRSIGNERSEAM and SEAMATTRIBUTES against the module identity. */
    private static void checkTdxModule(Quote quote, TcbInfo tcbInfo) {
        TdReportBody td = (TdReportBody) quote.body();
        int majorVersion = td.teeTcbSvn()[1] & 0xFF;
        TcbInfo.TdxModule expected = tcbInfo.tdxModule().orElseThrow();
        if (quote.version() > 3 && majorVersion > 0) {
            expected = tcbInfo.moduleIdentity(majorVersion).map(TcbInfo.TdxModuleIdentity::module)
                    .orElseThrow(() -> new DcapVerificationException(QvlStatus.TDX_MODULE_MISMATCH,
                            String.format("the TCB info has no identity TDX_%02X for the TDX module", majorVersion)));
        }
        byte[] seamAttributes = td.seamAttributes();
        boolean zeroAttributes = Arrays.equals(seamAttributes, new byte[8]);
        if (!Arrays.equals(td.mrSignerSeam(), expected.mrSigner()) || !zeroAttributes
                || !Arrays.equals(seamAttributes, expected.attributes())) {
            throw new DcapVerificationException(QvlStatus.TDX_MODULE_MISMATCH,
                    "MRSIGNERSEAM or SEAMATTRIBUTES of the TD do not match the TDX module identity");
        }
    }

    /** QVL steps 7.8 and 7.9: the QE report is signed by the PCK key and binds the attestation key. */
    private void checkQeReport(Quote quote, PckCertificate pck) {
        QeCertificationData qe = quote.qe();
        if (!signatures.verify(pck.certificate().getPublicKey(), qe.qeReportSignature(), qe.qeReport().raw())) {
            throw new DcapVerificationException(QvlStatus.INVALID_QE_REPORT_SIGNATURE,
                    "the QE report is not signed by the PCK key");
        }
        byte[] expected = Arrays.copyOf(sha256(quote.attestationKey(), qe.qeAuthData()), 64);
        if (!MessageDigest.isEqual(qe.qeReport().reportData(), expected)) {
            throw new DcapVerificationException(QvlStatus.INVALID_QE_REPORT_DATA,
                    "the QE report data is not SHA-256(attestation key || QE authentication data) and zeros");
        }
    }

    /** QVL steps 7.10 and 7.11 (EnclaveReportVerifier): the QE matches its identity; its TCB level by ISVSVN. */
    private static IsvLevel checkQeIdentity(Quote quote, EnclaveIdentity identity) {
        String expectedId = quote.isTdx() ? EnclaveIdentity.TD_QE : EnclaveIdentity.QE;
        if (!expectedId.equals(identity.id())) {
            throw new DcapVerificationException(QvlStatus.QE_IDENTITY_MISMATCH,
                    "the QE identity is for " + identity.id() + ", the quote needs " + expectedId);
        }
        SgxReportBody report = quote.qe().qeReport();
        if (!maskedEquals(report.miscSelectBytes(), identity.miscSelectMask(), identity.miscSelect())
                || !maskedEquals(report.attributes(), identity.attributesMask(), identity.attributes())
                || !Arrays.equals(report.mrSigner(), identity.mrSigner())
                || report.isvProdId() != identity.isvProdId()) {
            throw new DcapVerificationException(QvlStatus.QE_IDENTITY_MISMATCH,
                    "the QE report does not match the QE identity (MRSIGNER, ISVPRODID, MISCSELECT or ATTRIBUTES)");
        }
        IsvLevel level = identity.tcbLevels().stream().filter(l -> l.isvSvn() <= report.isvSvn()).findFirst()
                .orElseThrow(() -> new DcapVerificationException(QvlStatus.SGX_ENCLAVE_REPORT_ISVSVN_NOT_SUPPORTED,
                        "no QE identity level covers the QE's ISVSVN " + report.isvSvn()));
        if (level.status() == TcbStatus.REVOKED) {
            throw new DcapVerificationException(QvlStatus.SGX_ENCLAVE_REPORT_ISVSVN_REVOKED,
                    "the QE's ISVSVN " + report.isvSvn() + " is revoked");
        }
        return level;
    }

    /** QVL step 7.12: a valid attestation key signed header and body. */
    private void checkQuoteSignature(Quote quote) {
        byte[] attestationKey = quote.attestationKey();
        PublicKey key = attestationKeys.get(new ExactBytes(attestationKey),
                bytes -> Optional.ofNullable(Signatures.attestationKey(attestationKey))).orElse(null);
        if (key == null || !signatures.verify(key, quote.quoteSignature(), quote.signedBytes())) {
            throw new DcapVerificationException(QvlStatus.INVALID_QUOTE_SIGNATURE,
                    "the quote signature does not verify with its attestation key");
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------

    private static boolean maskedEquals(byte[] value, byte[] mask, byte[] expected) {
        for (int i = 0; i < value.length; i++) {
            if ((value[i] & mask[i]) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean selfIssued(X509Certificate certificate) {
        return certificate.getIssuerX500Principal().equals(certificate.getSubjectX500Principal());
    }

    static String commonName(X509Certificate certificate) {
        return new X509Principal(certificate.getSubjectX500Principal()).commonName();
    }

    private static String fingerprint(X509Certificate certificate, X509Certificate issuer) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(certificate.getEncoded());
            if (issuer != null) {
                sha256.update(issuer.getEncoded());
            }
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException | java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                sha256.update(part);
            }
            return sha256.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A distinguished name's CN. */
    private record X509Principal(X500Principal principal) {
        String commonName() {
            var rdns = new X500Name(principal.getName(X500Principal.RFC2253)).getRDNs(BCStyle.CN);
            return rdns.length == 0 ? "" : Objects.toString(rdns[0].getFirst().getValue(), "");
        }
    }

    /** How many collateral sets and issuer links are cached (for the benchmark and tests). */
    int[] cacheSizes() {
        return new int[] {collaterals.size(), verifiedIntermediates.size()};
    }

    /** Signature verifications (ECDSA over data, certificates and CRLs) this verifier has run. */
    public long signatureVerifications() {
        return signatures.count();
    }

}
