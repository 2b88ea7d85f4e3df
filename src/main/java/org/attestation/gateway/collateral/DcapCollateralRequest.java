package org.attestation.gateway.collateral;

import java.util.Objects;

/** What a quote needs: the collateral of its TEE ({@code sgx}, {@code tdx}), its FMSPC and its PCK CA. */
public record DcapCollateralRequest(String tee, String fmspc, String ca) {

    public DcapCollateralRequest {
        Objects.requireNonNull(tee, "tee");
        Objects.requireNonNull(fmspc, "fmspc");
        Objects.requireNonNull(ca, "ca");
    }
}
