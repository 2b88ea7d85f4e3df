package org.attestation.gateway.evidence.dcap.testpki;

/** The two Intel PCK intermediate CAs. */
public enum CaType {
    /** "Intel SGX PCK Processor CA": single-package platforms; PCK certificates with 5 SGX-extension entries. */
    PROCESSOR("Intel SGX PCK Processor CA", "processor"),
    /** "Intel SGX PCK Platform CA": multi-package and TDX platforms; 7 entries (+ Platform Instance ID, Config). */
    PLATFORM("Intel SGX PCK Platform CA", "platform");

    private final String commonName;
    private final String pcsName;

    CaType(String commonName, String pcsName) {
        this.commonName = commonName;
        this.pcsName = pcsName;
    }

    public String commonName() {
        return commonName;
    }

    /** The value of PCS {@code pckcrl?ca=…}. */
    public String pcsName() {
        return pcsName;
    }

    /** The CRL distribution point Intel writes into PCK certificates issued by this CA. */
    String pckCrlUrl() {
        return "https://api.trustedservices.intel.com/sgx/certification/v4/pckcrl?ca=" + pcsName + "&encoding=der";
    }
}
