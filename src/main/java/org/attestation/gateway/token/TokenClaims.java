package org.attestation.gateway.token;

import java.util.List;

/** Names of the claims the gateway issues, as advertised in the OpenID metadata. */
public final class TokenClaims {

    /** MAA's list (recorded from a shared instance) plus the registered claims and the gateway's own. */
    public static final List<String> SUPPORTED = List.of(
            "iss", "iat", "nbf", "exp", "jti", "cnf", "nonce",
            "x-ms-ver", "x-ms-attestation-type", "x-ms-policy-hash", "x-ms-policy-signer",
            "x-ms-sgx-is-debuggable", "x-ms-sgx-mrenclave", "x-ms-sgx-mrsigner", "x-ms-sgx-svn", "x-ms-sgx-ehd",
            "x-ms-sgx-collateral", "is-debuggable", "sgx-mrsigner", "sgx-mrenclave", "product-id", "svn", "tee",
            "attester_tcb_status", "attester_advisory_ids", "attester_tcb_date", "x-ms-collateral-expired");

    private TokenClaims() {
    }
}
