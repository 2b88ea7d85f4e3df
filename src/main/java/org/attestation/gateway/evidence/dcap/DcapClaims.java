package org.attestation.gateway.evidence.dcap;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The claims of a verified SGX or TDX quote: MAA's (maa-api.md §3.3, the TDX EAT profile) plus the
 * gateway's {@code attester_*} and {@code x-ms-collateral-expired} (INTERFACE.md). Digests and identities
 * are lower-case hex, SVNs and ids integers.
 */
public final class DcapClaims {

    public static final String TDX_EAT_PROFILE = "https://aka.ms/maa-eat-profile-tdxvm";

    private static final HexFormat HEX = HexFormat.of();

    private DcapClaims() {
    }

    public static Map<String, Object> of(DcapVerification verification) {
        Map<String, Object> claims = new LinkedHashMap<>();
        if (verification.quote().body() instanceof SgxReportBody sgx) {
            sgxClaims(sgx, claims);
            Map<String, Object> hashes = collateralHashes(verification);
            claims.put("x-ms-sgx-collateral", hashes);
            // The deprecated duplicates MAA still emits for SGX: maa-prefixed collateral hashes and "ver"
            Map<String, Object> legacy = new LinkedHashMap<>();
            hashes.forEach((name, hash) -> legacy.put("maa-" + name, hash));
            claims.put("maa-attestationcollateral", legacy);
            claims.put("ver", "1.0");
        } else {
            tdxClaims((TdReportBody) verification.quote().body(), claims);
        }
        claims.put("attester_tcb_status", verification.status().jsonName());
        claims.put("attester_advisory_ids", verification.advisoryIds());
        claims.put("attester_tcb_date", verification.tcb().tcbDate().toString());
        claims.put("x-ms-collateral-expired", verification.collateralExpired());
        return claims;
    }

    private static void sgxClaims(SgxReportBody body, Map<String, Object> claims) {
        claims.put("x-ms-sgx-is-debuggable", body.debug());
        claims.put("x-ms-sgx-mrenclave", HEX.formatHex(body.mrEnclave()));
        claims.put("x-ms-sgx-mrsigner", HEX.formatHex(body.mrSigner()));
        claims.put("x-ms-sgx-product-id", body.isvProdId());
        claims.put("x-ms-sgx-svn", body.isvSvn());
        claims.put("x-ms-sgx-report-data", HEX.formatHex(body.reportData()));
        if (body.kss()) {
            // Key Separation and Sharing: the enclave's configuration and extended identities are meaningful
            claims.put("x-ms-sgx-config-id", HEX.formatHex(body.configId()));
            claims.put("x-ms-sgx-config-svn", body.configSvn());
            claims.put("x-ms-sgx-isv-extended-product-id", HEX.formatHex(body.isvExtProdId()));
            claims.put("x-ms-sgx-isv-family-id", HEX.formatHex(body.isvFamilyId()));
        }
    }

    private static void tdxClaims(TdReportBody body, Map<String, Object> claims) {
        long attributes = body.tdAttributesBits();
        boolean debug = (attributes & TdReportBody.TD_DEBUG) != 0;
        byte[] teeTcbSvn = body.teeTcbSvn();
        claims.put("eat_profile", TDX_EAT_PROFILE);
        claims.put("intuse", "generic");
        claims.put("dbgstat", debug ? "enabled" : "disabled");
        claims.put("tdx_mrconfigid", HEX.formatHex(body.mrConfigId()));
        claims.put("tdx_mrowner", HEX.formatHex(body.mrOwner()));
        claims.put("tdx_mrownerconfig", HEX.formatHex(body.mrOwnerConfig()));
        claims.put("tdx_mrseam", HEX.formatHex(body.mrSeam()));
        claims.put("tdx_mrsignerseam", HEX.formatHex(body.mrSignerSeam()));
        claims.put("tdx_mrtd", HEX.formatHex(body.mrTd()));
        claims.put("tdx_report_data", HEX.formatHex(body.reportData()));
        for (int i = 0; i < 4; i++) {
            claims.put("tdx_rtmr" + i, HEX.formatHex(body.rtmr(i)));
        }
        claims.put("tdx_seam_attributes", HEX.formatHex(body.seamAttributes()));
        // TDX module version: major (TEE_TCB_SVN[1]) and minor SVN (TEE_TCB_SVN[0]) as one number
        claims.put("tdx_seamsvn", (teeTcbSvn[1] & 0xFF) << 8 | teeTcbSvn[0] & 0xFF);
        claims.put("tdx_td_attributes", HEX.formatHex(body.tdAttributes()));
        claims.put("tdx_td_attributes_debug", debug);
        claims.put("tdx_td_attributes_key_locker", (attributes & TdReportBody.TD_KL) != 0);
        claims.put("tdx_td_attributes_perfmon", (attributes & TdReportBody.TD_PERFMON) != 0);
        claims.put("tdx_td_attributes_protection_keys", (attributes & TdReportBody.TD_PKS) != 0);
        claims.put("tdx_td_attributes_septve_disable", (attributes & TdReportBody.TD_SEPT_VE_DISABLE) != 0);
        claims.put("tdx_tee_tcb_svn", HEX.formatHex(teeTcbSvn));
        claims.put("tdx_xfam", HEX.formatHex(body.xfam()));
        body.teeTcbSvn2().ifPresent(svn2 -> claims.put("tdx_tee_tcb_svn2", HEX.formatHex(svn2)));
        body.mrServiceTd().ifPresent(mr -> claims.put("tdx_mrservicetd", HEX.formatHex(mr)));
    }

    /**
     * SHA-256 of each piece of collateral exactly as received, as MAA's {@code x-ms-sgx-collateral}: the
     * collateral's hashed once when it was verified, the quote's here.
     */
    private static Map<String, Object> collateralHashes(DcapVerification verification) {
        Map<String, Object> hashes = new TreeMap<>(verification.collateralHashes());
        hashes.put("quotehash", sha256Hex(verification.quote().raw()));
        return hashes;
    }

    private static String sha256Hex(byte[] data) {
        return HEX.formatHex(DcapVerifier.sha256(data));
    }
}
