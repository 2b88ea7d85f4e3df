package org.attestation.gateway.evidence.dcap.testpki;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.attestation.gateway.evidence.dcap.testpki.IntelX509.CertificateRequest;
import org.attestation.gateway.evidence.dcap.testpki.IntelX509.Role;

/**
 * A complete test PKI in the shape of Intel's DCAP PKI: a test "Intel SGX Root CA", the "Intel SGX PCK Processor
 * CA" and "Intel SGX PCK Platform CA", the "Intel SGX TCB Signing" certificate, one platform PCK key (each quote
 * gets a freshly issued PCK certificate for it) and one QE attestation key. All keys are ECDSA P-256; all
 * certificates are valid {@link DcapTestDefaults#PKI_NOT_BEFORE} … {@link DcapTestDefaults#PKI_NOT_AFTER} unless
 * created with {@link #create(Instant, Instant)}. A separate "foreign" key, certified by nobody, signs whatever a
 * sabotage knob asks to be signed by the wrong key.
 */
public final class DcapTestPki {

    private final Instant notBefore;
    private final Instant notAfter;
    private final KeyPair rootKey;
    private final KeyPair processorKey;
    private final KeyPair platformKey;
    private final KeyPair tcbSigningKey;
    private final KeyPair pckKey;
    private final KeyPair attestationKey;
    private final KeyPair foreignKey;
    private final BigInteger tcbSigningSerial = IntelX509.newSerial();
    private final X509Certificate root;
    private final X509Certificate processorCa;
    private final X509Certificate platformCa;
    private final X509Certificate tcbSigning;

    private DcapTestPki(Instant notBefore, Instant notAfter, KeyPair rootKey, KeyPair processorKey,
            KeyPair platformKey, KeyPair tcbSigningKey, KeyPair pckKey, KeyPair attestationKey, KeyPair foreignKey) {
        this.notBefore = notBefore;
        this.notAfter = notAfter;
        this.rootKey = rootKey;
        this.processorKey = processorKey;
        this.platformKey = platformKey;
        this.tcbSigningKey = tcbSigningKey;
        this.pckKey = pckKey;
        this.attestationKey = attestationKey;
        this.foreignKey = foreignKey;
        this.root = IntelX509.selfSigned(request(IntelX509.ROOT_CN, rootKey, Role.ROOT), rootKey.getPrivate());
        this.processorCa = issueCa(CaType.PROCESSOR, processorKey);
        this.platformCa = issueCa(CaType.PLATFORM, platformKey);
        this.tcbSigning = tcbSigning(notAfter);
    }

    /** Fresh keys, certificates valid 2020-01-01 … 2040-01-01. */
    public static DcapTestPki create() {
        return create(DcapTestDefaults.PKI_NOT_BEFORE, DcapTestDefaults.PKI_NOT_AFTER);
    }

    /** Fresh keys; root, CAs, TCB Signing and (unless a quote says otherwise) PCK certificates valid as given. */
    public static DcapTestPki create(Instant notBefore, Instant notAfter) {
        return new DcapTestPki(notBefore, notAfter, IntelX509.newKeyPair(), IntelX509.newKeyPair(),
                IntelX509.newKeyPair(), IntelX509.newKeyPair(), IntelX509.newKeyPair(), IntelX509.newKeyPair(),
                IntelX509.newKeyPair());
    }

    /**
     * Another PKI of the same shape whose root has the same DN but a new key ("a root that is not the pinned
     * one"). The CA, TCB Signing, PCK and attestation keys are kept and re-certified under the new root, so its
     * quotes and collateral are well-formed and internally consistent, but no chain reaches this PKI's root.
     */
    public DcapTestPki withForeignRoot() {
        return new DcapTestPki(notBefore, notAfter, IntelX509.newKeyPair(), processorKey, platformKey, tcbSigningKey,
                pckKey, attestationKey, foreignKey);
    }

    /** A builder for a quote of this PKI's platform; see {@link TestQuoteBuilder} for the defaults. */
    public TestQuoteBuilder quote() {
        return new TestQuoteBuilder(this);
    }

    /** A builder for collateral signed by this PKI; see {@link TestCollateralBuilder} for the defaults. */
    public TestCollateralBuilder collateral() {
        return new TestCollateralBuilder(this);
    }

    /** The root as PEM, to be configured as the trusted Intel root (e.g. {@code GATEWAY_TRUST_INTEL_ROOT}). */
    public String rootCertificatePem() {
        return IntelX509.pem(List.of(root));
    }

    public X509Certificate rootCertificate() {
        return root;
    }

    public X509Certificate processorCa() {
        return processorCa;
    }

    public X509Certificate platformCa() {
        return platformCa;
    }

    public X509Certificate pckCa(CaType type) {
        return type == CaType.PROCESSOR ? processorCa : platformCa;
    }

    public X509Certificate tcbSigning() {
        return tcbSigning;
    }

    /** The QE attestation key that signs quotes by default. */
    public KeyPair attestationKey() {
        return attestationKey;
    }

    /** The TCB Signing certificate re-issued with another notAfter, same key and serial (as Intel did in 2025). */
    X509Certificate tcbSigning(Instant tcbSigningNotAfter) {
        return IntelX509.issue(new CertificateRequest(IntelX509.TCB_SIGNING_CN, tcbSigningKey.getPublic(),
                tcbSigningSerial, notBefore, tcbSigningNotAfter, Role.END_ENTITY, IntelX509.ROOT_CRL_URL, null),
                root, rootKey.getPrivate());
    }

    /** A PCK certificate for this platform's PCK key, issued under {@code ca}, signed by it or by the foreign key. */
    X509Certificate issuePck(CaType ca, SgxExtension extension, BigInteger serial, Instant pckNotAfter,
            boolean signedByForeignKey) {
        var request = new CertificateRequest(IntelX509.PCK_CN, pckKey.getPublic(), serial, notBefore, pckNotAfter,
                Role.END_ENTITY, ca.pckCrlUrl(), extension.toExtension());
        return IntelX509.issue(request, pckCa(ca),
                signedByForeignKey ? foreignKey.getPrivate() : caKey(ca).getPrivate());
    }

    Instant notAfter() {
        return notAfter;
    }

    PrivateKey rootPrivateKey() {
        return rootKey.getPrivate();
    }

    PrivateKey caPrivateKey(CaType ca) {
        return caKey(ca).getPrivate();
    }

    PrivateKey tcbSigningPrivateKey() {
        return tcbSigningKey.getPrivate();
    }

    PrivateKey pckPrivateKey() {
        return pckKey.getPrivate();
    }

    PrivateKey foreignPrivateKey() {
        return foreignKey.getPrivate();
    }

    private KeyPair caKey(CaType ca) {
        return ca == CaType.PROCESSOR ? processorKey : platformKey;
    }

    private X509Certificate issueCa(CaType ca, KeyPair key) {
        return IntelX509.issue(request(ca.commonName(), key, Role.CA), root, rootKey.getPrivate());
    }

    private CertificateRequest request(String commonName, KeyPair key, Role role) {
        return new CertificateRequest(commonName, key.getPublic(), IntelX509.newSerial(), notBefore, notAfter, role,
                IntelX509.ROOT_CRL_URL, null);
    }
}
