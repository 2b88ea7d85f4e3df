package org.attestation.gateway.evidence.snp;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.attestation.gateway.crypto.Pem;

/**
 * The certificates and CRL that endorse a report, each as DER.
 *
 * @param vek   the VCEK or VLEK; empty when it must be fetched from KDS (VCEK only)
 * @param chain the ASK (or ASVK) then the ARK; empty when they must be fetched ({@code cert_chain})
 * @param crl   the ARK's CRL ({@code /vcek/v1/{product}/crl}); empty skips revocation and says so
 */
public record SnpEndorsements(Optional<byte[]> vek, List<byte[]> chain, Optional<byte[]> crl) {

    public SnpEndorsements {
        vek = vek.map(byte[]::clone);
        chain = chain.stream().map(byte[]::clone).toList();
        crl = crl.map(byte[]::clone);
    }

    @Override
    public Optional<byte[]> vek() {
        return vek.map(byte[]::clone);
    }

    @Override
    public List<byte[]> chain() {
        return chain.stream().map(byte[]::clone).toList();
    }

    @Override
    public Optional<byte[]> crl() {
        return crl.map(byte[]::clone);
    }

    public static SnpEndorsements of(byte[] vek, List<byte[]> chain) {
        return new SnpEndorsements(Optional.of(vek), chain, Optional.empty());
    }

    /** The same endorsements with a CRL. */
    public SnpEndorsements withCrl(byte[] crlDer) {
        return new SnpEndorsements(vek, chain, Optional.of(crlDer));
    }

    /** The same endorsements with the chain (ASK/ASVK, ARK) replaced, e.g. by KDS's {@code cert_chain}. */
    public SnpEndorsements withChain(List<byte[]> newChain) {
        return new SnpEndorsements(vek, newChain, crl);
    }

    /**
     * MAA's {@code VcekCertChain} (and THIM's {@code vcekCert + certificateChain}, the Azure ACC cache): PEM
     * VEK, ASK, ARK. Certificates are recognised by CN (SEV-VCEK/SEV-VLEK, SEV-…, ARK-…), so order does not
     * matter; a chain without a VEK or without ASK/ARK leaves that part empty.
     */
    public static SnpEndorsements fromPemChain(String pem) {
        List<X509Certificate> certificates;
        try {
            certificates = Pem.certificates(pem);
        } catch (IllegalArgumentException e) {
            throw new SnpVerificationException(SnpStatus.SNP_VEK_INVALID,
                    "the VCEK certificate chain is not PEM: " + e.getMessage(), e);
        }
        byte[] vek = null;
        byte[] ask = null;
        byte[] ark = null;
        List<byte[]> others = new ArrayList<>();
        for (X509Certificate certificate : certificates) {
            String cn = AmdNames.commonName(certificate);
            byte[] der = Pem.der(certificate);
            if ((cn.equals(SigningKey.VCEK.commonName()) || cn.equals(SigningKey.VLEK.commonName())) && vek == null) {
                vek = der;
            } else if (cn.startsWith("ARK-") && ark == null) {
                ark = der;
            } else if (cn.startsWith("SEV-") && ask == null) {
                ask = der;
            } else {
                others.add(der);
            }
        }
        if (!others.isEmpty()) {
            throw new SnpVerificationException(SnpStatus.SNP_VEK_CHAIN_INVALID, "the VCEK certificate chain has "
                    + others.size() + " certificate(s) that are not one VEK, one ASK/ASVK and one ARK");
        }
        List<byte[]> chain = new ArrayList<>();
        if (ask != null) {
            chain.add(ask);
        }
        if (ark != null) {
            chain.add(ark);
        }
        return new SnpEndorsements(Optional.ofNullable(vek), chain, Optional.empty());
    }
}
