package org.attestation.gateway.evidence.dcap;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Collateral whose chains, CRL signatures and JSON signatures have been checked and whose documents are
 * parsed: time-independent, so it is verified once and reused for every quote it judges.
 *
 * @param earliestExpiration the soonest {@code nextUpdate} or {@code notAfter} of every item (QvE's
 *                           {@code earliest_expiration_date})
 * @param latestCrlThisUpdate the latest CRL {@code thisUpdate}: before it, a CRL is not yet valid
 */
record VerifiedCollateral(DcapCollateral raw, X509CRL rootCrl, X509CRL pckCrl, List<X509Certificate> pckCrlChain,
        List<X509Certificate> tcbInfoChain, List<X509Certificate> qeIdentityChain, TcbInfo tcbInfo,
        EnclaveIdentity qeIdentity, Instant earliestExpiration, Instant latestCrlThisUpdate,
        Map<String, String> hashes, String pckCrlIssuerName) {
}
