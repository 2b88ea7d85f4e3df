package org.attestation.gateway.token;

import java.util.List;

/** Names of the claims the gateway issues, as advertised in the OpenID metadata. */
public final class TokenClaims {

    /** MAA's list (recorded from a shared instance) plus the registered claims and the gateway's own. */
    public static final List<String> SUPPORTED = List.of(
            "iss", "iat", "nbf", "exp", "jti", "cnf", "nonce",
            "x-ms-ver", "x-ms-attestation-type", "x-ms-policy-hash", "x-ms-policy-signer", "x-ms-runtime",
            "x-ms-inittime",
            "x-ms-sgx-is-debuggable", "x-ms-sgx-mrenclave", "x-ms-sgx-mrsigner", "x-ms-sgx-svn", "x-ms-sgx-ehd",
            "x-ms-sgx-collateral", "x-ms-sgx-report-data", "x-ms-sgx-config-id", "x-ms-sgx-config-svn",
            "x-ms-sgx-isv-extended-product-id", "x-ms-sgx-isv-family-id",
            "is-debuggable", "sgx-mrsigner", "sgx-mrenclave", "product-id", "svn", "tee", "ver", "maa-ehd", "aas-ehd",
            "maa-attestationcollateral", "x-ms-sgx-product-id",
            "eat_profile", "intuse", "dbgstat", "tdx_mrconfigid", "tdx_mrowner", "tdx_mrownerconfig", "tdx_mrseam",
            "tdx_mrsignerseam", "tdx_mrtd", "tdx_report_data", "tdx_rtmr0", "tdx_rtmr1", "tdx_rtmr2", "tdx_rtmr3",
            "tdx_seam_attributes", "tdx_seamsvn", "tdx_td_attributes", "tdx_td_attributes_debug",
            "tdx_td_attributes_key_locker", "tdx_td_attributes_perfmon", "tdx_td_attributes_protection_keys",
            "tdx_td_attributes_septve_disable", "tdx_tee_tcb_svn", "tdx_xfam", "tdx_tee_tcb_svn2", "tdx_mrservicetd",
            "attester_tcb_status", "attester_advisory_ids", "attester_tcb_date", "x-ms-collateral-expired");

    private TokenClaims() {
    }
}
