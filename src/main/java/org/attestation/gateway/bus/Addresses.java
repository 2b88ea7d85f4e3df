package org.attestation.gateway.bus;

/** Every event-bus address of the pipeline, with the message types it carries. */
public final class Addresses {

    /**
     * {@code AttestationRequest} → {@code TokenRequest}: verified evidence judged by the tenant's policy. Served
     * by the evidence verticles (workers).
     */
    public static final String EVIDENCE_VERIFY = "gateway.evidence.verify";

    /** {@code TokenRequest} → {@code SignedToken}. Served by the token verticles (workers). */
    public static final String TOKEN_SIGN = "gateway.token.sign";

    /** tenant name ({@code String}) → {@code TenantKeys}: the JWKS of the tenant. Served by the token verticles. */
    public static final String TOKEN_KEYS = "gateway.token.keys";

    /** {@code DcapCollateralRequest} → {@code DcapCollateral}. Served by the collateral verticle. */
    public static final String COLLATERAL_DCAP = "gateway.collateral.dcap";

    /** {@code IntelCollateralKey} → {@code CollateralEntry}: one raw item (the PCCS-compatible API). */
    public static final String COLLATERAL_ITEM = "gateway.collateral.item";

    /**
     * {@code AmdCollateralKey} → {@code CollateralEntry}: one AMD item (VCEK, cert_chain or CRL), its body the
     * raw DER (PEM for a cert_chain) as KDS sent it. Served by the AMD collateral verticle.
     */
    public static final String COLLATERAL_AMD = "gateway.collateral.amd";

    /**
     * {@code AmdCollateralKey} of a VCEK → {@code AmdVcekCollateral}: the VCEK and its product's ASK and ARK, as
     * DER. Served by the AMD collateral verticle.
     */
    public static final String COLLATERAL_AMD_VCEK = "gateway.collateral.amd.vcek";

    private Addresses() {
    }
}
