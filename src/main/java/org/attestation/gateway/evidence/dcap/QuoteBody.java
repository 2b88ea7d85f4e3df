package org.attestation.gateway.evidence.dcap;

/** What a quote attests: an SGX enclave report or a TD report. */
public sealed interface QuoteBody permits SgxReportBody, TdReportBody {

    /** The 64 bytes the enclave or TD chose to bind (runtime data hashes go here). */
    byte[] reportData();

    /** The body exactly as received. */
    byte[] raw();
}
