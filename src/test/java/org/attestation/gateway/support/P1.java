package org.attestation.gateway.support;

import java.util.HashMap;
import java.util.Map;
import org.attestation.gateway.evidence.dcap.DcapCollateral;

/**
 * Vector P1 of PROVENANCE.md: a real SGX quote (Phala dcap-qvl) with its PCS collateral, valid at {@link #TIME}.
 * Tests attest it for real: a fake PCS serves the collateral and the gateway verifies at that time.
 */
public final class P1 {

    public static final String QUOTE = "dcap/phala-dcap-qvl/sgx_quote";
    public static final String COLLATERAL = "dcap/phala-dcap-qvl/sgx_quote_collateral.json";
    public static final String TIME = "2025-07-01T00:00:00Z";

    private P1() {
    }

    public static byte[] quote() {
        return SharedVectors.bytes(QUOTE);
    }

    /** A fake Intel PCS serving P1's collateral (FMSPC 00A067110000, processor CA). */
    public static FakePcs pcs() {
        return new FakePcs().serve("sgx", "00A067110000", "processor",
                DcapCollateral.fromJson(SharedVectors.text(COLLATERAL)));
    }

    /** Gateway settings that fetch collateral from {@code pcs} and verify at P1's time, plus {@code extra}. */
    public static Map<String, String> settings(FakePcs pcs, Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>(Map.of("GATEWAY_INTEL_PCS_URL", pcs.url(), "GATEWAY_VERIFY_AT", TIME));
        settings.putAll(extra);
        return settings;
    }
}
