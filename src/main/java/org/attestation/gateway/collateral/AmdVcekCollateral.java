package org.attestation.gateway.collateral;

import java.util.List;

/**
 * What a VCEK-signed SNP report needs from AMD, as raw DER: the VCEK of its chip and TCB, the ASK and ARK of
 * its product (KDS {@code /vcek/v1/{product}/cert_chain}) and the CRL of that chain. Structurally checked
 * only: the SNP verifier checks the chain to its pinned ARK, the CRL's signature and the VCEK's extensions.
 */
public record AmdVcekCollateral(byte[] vcek, byte[] ask, byte[] ark, byte[] crl) {

    public AmdVcekCollateral {
        vcek = vcek.clone();
        ask = ask.clone();
        ark = ark.clone();
        crl = crl.clone();
    }

    @Override
    public byte[] vcek() {
        return vcek.clone();
    }

    @Override
    public byte[] ask() {
        return ask.clone();
    }

    @Override
    public byte[] ark() {
        return ark.clone();
    }

    @Override
    public byte[] crl() {
        return crl.clone();
    }

    /** ASK then ARK, DER. */
    public List<byte[]> chain() {
        return List.of(ask(), ark());
    }

    @Override
    public String toString() {
        return "AmdVcekCollateral[vcek=" + vcek.length + " bytes, ask=" + ask.length + " bytes, ark=" + ark.length
                + " bytes, crl=" + crl.length + " bytes]";
    }
}
