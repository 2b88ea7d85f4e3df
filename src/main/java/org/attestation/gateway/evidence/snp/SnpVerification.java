package org.attestation.gateway.evidence.snp;

import java.time.Instant;

/**
 * A report that passed spec/snp.md §3.1 steps 2–8: structure, product, chain to a pinned ARK, VEK ⇄ report
 * binding and the report signature. Policy (debug, VMPL, minimum TCBs, …) is the caller's.
 *
 * @param reportedTcb       REPORTED_TCB decoded with the product's layout
 * @param crlChecked        a CRL came with the endorsements and was checked; false means revocation was not
 *                          checked at all (the caller decides whether that is acceptable)
 * @param collateralExpired the CRL was past its nextUpdate at {@code verifiedAt}: informs, does not fail
 */
public record SnpVerification(SnpReport report, SnpProduct product, SigningKey signingKey, TcbVersion reportedTcb,
        VekCertificate vek, boolean crlChecked, boolean collateralExpired, Instant verifiedAt) {
}
