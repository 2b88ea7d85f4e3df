package org.attestation.gateway.config;

/** What verification does with collateral past its nextUpdate or notAfter at the verification time. */
public enum ExpiredCollateral {
    /** Reject the evidence. */
    FAIL,
    /** Verify, with {@code x-ms-collateral-expired} set so that policies decide. */
    FLAG
}
