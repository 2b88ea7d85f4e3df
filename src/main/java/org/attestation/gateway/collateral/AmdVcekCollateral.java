package org.attestation.gateway.collateral;

import java.util.List;

/**
 * What a VCEK-signed SNP report needs from AMD, as raw DER: the VCEK of its chip and TCB, and the ASK and ARK of
 * its product (KDS {@code /vcek/v1/{product}/cert_chain}). Structurally checked only: the SNP verifier checks the
 * chain to its pinned ARK and the VCEK's extensions. The chain's CRL is asked for apart, as for a VEK that comes
 * with the evidence, so that a missing CRL never fails a report.
 */
public record AmdVcekCollateral(byte[] vcek, byte[] ask, byte[] ark) {

    public AmdVcekCollateral {
        vcek = vcek.clone();
        ask = ask.clone();
        ark = ark.clone();
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

    /** ASK then ARK, DER. */
    public List<byte[]> chain() {
        return List.of(ask(), ark());
    }

    @Override
    public String toString() {
        return "AmdVcekCollateral[vcek=" + vcek.length + " bytes, ask=" + ask.length + " bytes, ark=" + ark.length
                + " bytes]";
    }
}
