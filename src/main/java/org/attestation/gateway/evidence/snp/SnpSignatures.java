package org.attestation.gateway.evidence.snp;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.concurrent.atomic.LongAdder;
import org.attestation.gateway.crypto.CryptoProviders;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/**
 * The signature checks of SEV-SNP, counted: the report's ECDSA P-384/SHA-384 (§1.2) and AMD's RSASSA-PSS
 * with SHA-384, MGF1-SHA-384, salt 48, trailer 1 on certificates and CRLs (§2.4). Other PSS parameters, or
 * other algorithms, fail.
 */
final class SnpSignatures {

    static final String REPORT_ALGORITHM = "SHA384withECDSA";
    static final String PSS_ALGORITHM = "RSASSA-PSS";
    private static final String PSS_OID = PKCSObjectIdentifiers.id_RSASSA_PSS.getId();
    private static final PSSParameterSpec AMD_PSS = new PSSParameterSpec("SHA-384", "MGF1", MGF1ParameterSpec.SHA384,
            48, 1);

    private final CryptoProviders providers;
    private final LongAdder verifications = new LongAdder();

    SnpSignatures(CryptoProviders providers) {
        this.providers = providers;
    }

    long count() {
        return verifications.sum();
    }

    /** The report signature: R and S as integers, encoded to DER for JCA. */
    boolean report(PublicKey key, byte[] signed, BigInteger r, BigInteger s) {
        verifications.increment();
        try {
            byte[] der = new DERSequence(new ASN1Encodable[] {new ASN1Integer(r), new ASN1Integer(s)})
                    .getEncoded(ASN1Encoding.DER);
            Signature signature = providers.signature(REPORT_ALGORITHM);
            signature.initVerify(key);
            signature.update(signed);
            return signature.verify(der);
        } catch (GeneralSecurityException | java.io.IOException | RuntimeException e) {
            return false;
        }
    }

    boolean signedBy(X509Certificate certificate, PublicKey issuerKey) {
        try {
            return pss(certificate.getSigAlgOID(), certificate.getSigAlgParams(), certificate.getTBSCertificate(),
                    certificate.getSignature(), issuerKey);
        } catch (java.security.cert.CertificateEncodingException e) {
            return false;
        }
    }

    boolean signedBy(X509CRL crl, PublicKey issuerKey) {
        try {
            return pss(crl.getSigAlgOID(), crl.getSigAlgParams(), crl.getTBSCertList(), crl.getSignature(), issuerKey);
        } catch (java.security.cert.CRLException e) {
            return false;
        }
    }

    private boolean pss(String oid, byte[] params, byte[] tbs, byte[] signatureBytes, PublicKey key) {
        verifications.increment();
        if (!PSS_OID.equals(oid) || !amdPssParameters(params)) {
            return false;
        }
        try {
            Signature signature = providers.signature(PSS_ALGORITHM);
            signature.setParameter(AMD_PSS);
            signature.initVerify(key);
            signature.update(tbs);
            return signature.verify(signatureBytes);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** SHA-384, MGF1 with SHA-384, salt 48, trailer 1 (§2.4). */
    static boolean amdPssParameters(byte[] encoded) {
        if (encoded == null) {
            return false;
        }
        try {
            RSASSAPSSparams p = RSASSAPSSparams.getInstance(encoded);
            AlgorithmIdentifier mgf = p.getMaskGenAlgorithm();
            return p.getHashAlgorithm().getAlgorithm().equals(NISTObjectIdentifiers.id_sha384)
                    && mgf.getAlgorithm().equals(PKCSObjectIdentifiers.id_mgf1)
                    && AlgorithmIdentifier.getInstance(mgf.getParameters()).getAlgorithm()
                            .equals(NISTObjectIdentifiers.id_sha384)
                    && p.getSaltLength().intValueExact() == 48
                    && p.getTrailerField().intValueExact() == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
