package org.attestation.gateway.evidence.dcap;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A quote that passed every check of Intel's algorithm, with the verdict on its TCB.
 *
 * @param qeLevel           the QE identity level the QE's ISVSVN matched
 * @param collateralHashes  SHA-256 (hex) of each piece of the collateral as received, by MAA's names
 * @param collateralExpired some collateral was past its {@code nextUpdate}/{@code notAfter}, or a CRL not yet
 *                          valid, at the verification time: informs, as in QvE, and does not fail
 */
public record DcapVerification(Quote quote, PckCertificate pck, TcbEvaluation tcb, IsvLevel qeLevel,
        TcbInfo tcbInfo, EnclaveIdentity qeIdentity, DcapCollateral collateral, Map<String, String> collateralHashes,
        boolean collateralExpired, Instant verifiedAt) {

    public TcbStatus status() {
        return tcb.status();
    }

    public List<String> advisoryIds() {
        return tcb.advisoryIds();
    }
}
