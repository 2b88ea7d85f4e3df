package org.attestation.gateway.evidence.snp;

/** The key that signed a report (SIGNER_INFO.SIGNING_KEY, §1.1), and the certificate CN that carries it. */
public enum SigningKey {
    /** Versioned Chip Endorsement Key: per chip and TCB, from KDS. */
    VCEK(0, "SEV-VCEK", "vcek"),
    /** Versioned Loaded Endorsement Key: per cloud provider, supplied with the evidence. */
    VLEK(1, "SEV-VLEK", "vlek");

    private final int code;
    private final String commonName;
    private final String kdsPath;

    SigningKey(int code, String commonName, String kdsPath) {
        this.code = code;
        this.commonName = commonName;
        this.kdsPath = kdsPath;
    }

    public int code() {
        return code;
    }

    /** The subject CN of this kind of certificate (§2.4). */
    public String commonName() {
        return commonName;
    }

    /** The first segment of this key family's KDS paths and collateral ids: {@code vcek} or {@code vlek}. */
    public String kdsPath() {
        return kdsPath;
    }

    /** The CN of the intermediate that issues this kind of key for a product: SEV-Milan or SEV-VLEK-Milan. */
    public String issuerCommonName(SnpProduct product) {
        return this == VCEK ? "SEV-" + product.kdsName() : "SEV-VLEK-" + product.kdsName();
    }

    static SigningKey fromCode(int code) {
        for (SigningKey key : values()) {
            if (key.code == code) {
                return key;
            }
        }
        throw new IllegalArgumentException("no signing key " + code);
    }
}
