package org.attestation.gateway.evidence.dcap.testpki;

/** SGX or TDX, with the defaults that differ between them in quotes and collateral. */
enum TeeType {
    SGX(0x00000000, 3, CaType.PROCESSOR, "SGX", "QE", DcapTestDefaults.SGX_QE_MR_SIGNER,
            DcapTestDefaults.SGX_QE_ISVPRODID),
    TDX(0x00000081, 4, CaType.PLATFORM, "TDX", "TD_QE", DcapTestDefaults.TD_QE_MR_SIGNER,
            DcapTestDefaults.TD_QE_ISVPRODID);

    /** Header {@code tee_type} (spec §1.1). */
    final int headerValue;
    final int defaultQuoteVersion;
    final CaType defaultPckCa;
    /** TCB info {@code id} and QE identity {@code id} (spec §3.3, §3.4). */
    final String tcbInfoId;
    final String qeIdentityId;
    final String qeMrSigner;
    final int qeIsvProdId;

    TeeType(int headerValue, int defaultQuoteVersion, CaType defaultPckCa, String tcbInfoId, String qeIdentityId,
            String qeMrSigner, int qeIsvProdId) {
        this.headerValue = headerValue;
        this.defaultQuoteVersion = defaultQuoteVersion;
        this.defaultPckCa = defaultPckCa;
        this.tcbInfoId = tcbInfoId;
        this.qeIdentityId = qeIdentityId;
        this.qeMrSigner = qeMrSigner;
        this.qeIsvProdId = qeIsvProdId;
    }
}
