package org.attestation.gateway.evidence.dcap.testpki;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Collateral for one quote, as produced by {@link TestCollateralBuilder}: the members of Intel's
 * {@code sgx_ql_qve_collateral_t} / dcap-qvl {@code QuoteCollateralV3}. Chains are PEM (leaf first), CRLs hex of
 * DER, {@code tcbInfo}/{@code qeIdentity} the exact signed JSON text, signatures 128 hex digits {@code r‖s}.
 */
public record TestCollateral(String pckCrlIssuerChain, String rootCaCrl, String pckCrl, String tcbInfoIssuerChain,
        String tcbInfo, String tcbInfoSignature, String qeIdentityIssuerChain, String qeIdentity,
        String qeIdentitySignature) {

    /** One JSON object with dcap-qvl's keys ({@code pck_crl_issuer_chain}, {@code root_ca_crl}, …). */
    public String toJson() {
        ObjectNode json = IntelJson.object();
        json.put("pck_crl_issuer_chain", pckCrlIssuerChain);
        json.put("root_ca_crl", rootCaCrl);
        json.put("pck_crl", pckCrl);
        json.put("tcb_info_issuer_chain", tcbInfoIssuerChain);
        json.put("tcb_info", tcbInfo);
        json.put("tcb_info_signature", tcbInfoSignature);
        json.put("qe_identity_issuer_chain", qeIdentityIssuerChain);
        json.put("qe_identity", qeIdentity);
        json.put("qe_identity_signature", qeIdentitySignature);
        return IntelJson.compact(json);
    }

    /** The PCS {@code GET …/tcb} response body: {@code {"tcbInfo":…,"signature":"…"}}. */
    public String pcsTcbInfoBody() {
        return IntelJson.signedBody("tcbInfo", tcbInfo, tcbInfoSignature);
    }

    /** The PCS {@code GET …/qe/identity} response body: {@code {"enclaveIdentity":…,"signature":"…"}}. */
    public String pcsQeIdentityBody() {
        return IntelJson.signedBody("enclaveIdentity", qeIdentity, qeIdentitySignature);
    }

    public byte[] rootCaCrlDer() {
        return Hex.parse(rootCaCrl);
    }

    public byte[] pckCrlDer() {
        return Hex.parse(pckCrl);
    }
}
