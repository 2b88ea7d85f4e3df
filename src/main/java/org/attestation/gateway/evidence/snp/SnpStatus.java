package org.attestation.gateway.evidence.snp;

/**
 * Why an SEV-SNP report failed verification (spec/snp.md §3.1). Names follow the vendors' vocabulary
 * (AMD's SNP ABI and KDS terms, go-sev-guest's checks); each is a stable error code.
 */
public enum SnpStatus {
    /** §3.1 step 2: the report's structure (size, version, algorithm, reserved fields, policy). */
    SNP_REPORT_FORMAT_INVALID,
    /** §3.1 step 3: the CPUID (v3+) or the VEK's productName (v2) names no known product. */
    SNP_PRODUCT_UNKNOWN,
    /** §2.5 check 4: the VEK's productName or structVersion contradicts the report's product. */
    SNP_PRODUCT_MISMATCH,
    /** §3.1 step 5: no VCEK/VLEK came with the evidence. */
    SNP_VEK_MISSING,
    /** The VCEK/VLEK cannot be parsed, lacks an AMD extension, or is the wrong kind for SIGNING_KEY. */
    SNP_VEK_INVALID,
    /** §3.1 step 6: no ASK/ASVK and ARK came with the evidence. */
    SNP_CERT_CHAIN_MISSING,
    /** §3.1 step 6: the ARK is not pinned for the product (or is not self-signed). */
    SNP_ROOT_NOT_TRUSTED,
    /** §3.1 step 6: the ASK/ASVK is not the pinned one and is not signed by the ARK, or its names are wrong. */
    SNP_ASK_CHAIN_INVALID,
    /** §3.1 step 6: the VEK is not signed by the ASK/ASVK, or its names or key are wrong. */
    SNP_VEK_CHAIN_INVALID,
    /** §3.1 step 6: a certificate of the chain is not valid at the verification time. */
    SNP_CERTIFICATE_EXPIRED,
    /** §3.1 step 6: the CRL cannot be parsed, is not issued or signed by the ARK. */
    SNP_CRL_INVALID,
    /** §3.1 step 6: the ASK/ASVK is listed in the ARK's CRL. */
    SNP_ASK_REVOKED,
    /** §3.1 step 6: the VEK's serial is listed in the ARK's CRL. */
    SNP_VEK_REVOKED,
    /** §2.5 check 1: a VEK SPL differs from the same component of REPORTED_TCB. */
    SNP_TCB_MISMATCH,
    /** §2.5 check 2: the VCEK's hwID is not the report's CHIP_ID. */
    SNP_CHIP_ID_MISMATCH,
    /** CHIP_ID is all zero (masked): no VCEK can be fetched from KDS. */
    SNP_CHIP_ID_MASKED,
    /** §3.1 step 8: the report signature does not verify with the VEK. */
    SNP_REPORT_SIGNATURE_INVALID
}
