package org.attestation.gateway.evidence.snp;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The claims of a verified SEV-SNP report: MAA's {@code x-ms-sevsnpvm-*} (spec/snp.md §4.4; hex lower-case in
 * report byte order, SVNs from REPORTED_TCB), then the gateway's {@code sevsnp_*} claims: every POLICY and
 * PLATFORM_INFO bit, the product, signing key, version, CHIP_ID, CPUID (v3+), firmware versions, mitigation
 * vectors (v5) and the four TCBs, and {@code x-ms-collateral-expired}. Each TCB is an object
 * {@code {"raw": "<16 hex digits of the u64>", "bootloader", "tee", "snpfw", "microcode"[, "fmc" on Turin]}}.
 */
public final class SnpClaims {

    private static final HexFormat HEX = HexFormat.of();

    private SnpClaims() {
    }

    public static Map<String, Object> of(SnpVerification verification) {
        SnpReport r = verification.report();
        TcbVersion tcb = verification.reportedTcb();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("x-ms-sevsnpvm-authorkeydigest", HEX.formatHex(r.authorKeyDigest()));
        claims.put("x-ms-sevsnpvm-bootloader-svn", tcb.blSpl());
        claims.put("x-ms-sevsnpvm-familyId", HEX.formatHex(r.familyId()));
        claims.put("x-ms-sevsnpvm-guestsvn", (int) r.guestSvn());
        claims.put("x-ms-sevsnpvm-hostdata", HEX.formatHex(r.hostData()));
        claims.put("x-ms-sevsnpvm-idkeydigest", HEX.formatHex(r.idKeyDigest()));
        claims.put("x-ms-sevsnpvm-imageId", HEX.formatHex(r.imageId()));
        claims.put("x-ms-sevsnpvm-is-debuggable", r.policyBit(SnpReport.POLICY_DEBUG));
        claims.put("x-ms-sevsnpvm-launchmeasurement", HEX.formatHex(r.measurement()));
        claims.put("x-ms-sevsnpvm-microcode-svn", tcb.ucodeSpl());
        claims.put("x-ms-sevsnpvm-migration-allowed", r.policyBit(SnpReport.POLICY_MIGRATE_MA));
        claims.put("x-ms-sevsnpvm-reportdata", HEX.formatHex(r.reportData()));
        claims.put("x-ms-sevsnpvm-reportid", HEX.formatHex(r.reportId()));
        claims.put("x-ms-sevsnpvm-smt-allowed", r.policyBit(SnpReport.POLICY_SMT));
        claims.put("x-ms-sevsnpvm-snpfw-svn", tcb.snpSpl());
        claims.put("x-ms-sevsnpvm-tee-svn", tcb.teeSpl());
        claims.put("x-ms-sevsnpvm-vmpl", (int) r.vmpl());

        SnpProduct product = verification.product();
        claims.put("sevsnp_product", product.kdsName());
        claims.put("sevsnp_signing_key", verification.signingKey().name());
        claims.put("sevsnp_report_version", (int) r.version());
        claims.put("sevsnp_chip_id", HEX.formatHex(r.chipId()));
        claims.put("sevsnp_report_id_ma", HEX.formatHex(r.reportIdMa()));
        claims.put("sevsnp_author_key_en", r.authorKeyEn());
        claims.put("sevsnp_mask_chip_key", r.maskChipKey());
        claims.put("sevsnp_policy", String.format("%016x", r.policy()));
        claims.put("sevsnp_policy_abi_minor", r.policyAbiMinor());
        claims.put("sevsnp_policy_abi_major", r.policyAbiMajor());
        claims.put("sevsnp_policy_smt", r.policyBit(SnpReport.POLICY_SMT));
        claims.put("sevsnp_policy_migrate_ma", r.policyBit(SnpReport.POLICY_MIGRATE_MA));
        claims.put("sevsnp_policy_debug", r.policyBit(SnpReport.POLICY_DEBUG));
        claims.put("sevsnp_policy_single_socket", r.policyBit(SnpReport.POLICY_SINGLE_SOCKET));
        claims.put("sevsnp_policy_cxl_allow", r.policyBit(SnpReport.POLICY_CXL_ALLOW));
        claims.put("sevsnp_policy_mem_aes_256_xts", r.policyBit(SnpReport.POLICY_MEM_AES_256_XTS));
        claims.put("sevsnp_policy_rapl_dis", r.policyBit(SnpReport.POLICY_RAPL_DIS));
        claims.put("sevsnp_policy_ciphertext_hiding", r.policyBit(SnpReport.POLICY_CIPHERTEXT_HIDING));
        claims.put("sevsnp_policy_page_swap_disable", r.policyBit(SnpReport.POLICY_PAGE_SWAP_DISABLE));
        claims.put("sevsnp_platform_info", String.format("%016x", r.platformInfo()));
        claims.put("sevsnp_platform_smt_enabled", r.platformInfoBit(SnpReport.PLATFORM_SMT_EN));
        claims.put("sevsnp_platform_tsme_enabled", r.platformInfoBit(SnpReport.PLATFORM_TSME_EN));
        claims.put("sevsnp_platform_ecc_enabled", r.platformInfoBit(SnpReport.PLATFORM_ECC_EN));
        claims.put("sevsnp_platform_rapl_disabled", r.platformInfoBit(SnpReport.PLATFORM_RAPL_DIS));
        claims.put("sevsnp_platform_ciphertext_hiding_enabled",
                r.platformInfoBit(SnpReport.PLATFORM_CIPHERTEXT_HIDING_EN));
        claims.put("sevsnp_platform_alias_check_complete", r.platformInfoBit(SnpReport.PLATFORM_ALIAS_CHECK_COMPLETE));
        claims.put("sevsnp_platform_iommu_write_safe", r.platformInfoBit(SnpReport.PLATFORM_IOMMU_WRITE_SAFE));
        claims.put("sevsnp_platform_tio_enabled", r.platformInfoBit(SnpReport.PLATFORM_TIO_EN));
        r.cpuidFamily().ifPresent(family -> claims.put("sevsnp_cpuid_family", family));
        r.cpuidModel().ifPresent(model -> claims.put("sevsnp_cpuid_model", model));
        r.cpuidStepping().ifPresent(stepping -> claims.put("sevsnp_cpuid_stepping", stepping));
        claims.put("sevsnp_current_firmware", firmware(r.currentMajor(), r.currentMinor(), r.currentBuild()));
        claims.put("sevsnp_committed_firmware", firmware(r.committedMajor(), r.committedMinor(), r.committedBuild()));
        claims.put("sevsnp_reported_tcb", tcb(tcb));
        claims.put("sevsnp_current_tcb", tcb(TcbVersion.decode(r.currentTcb(), product)));
        claims.put("sevsnp_committed_tcb", tcb(TcbVersion.decode(r.committedTcb(), product)));
        claims.put("sevsnp_launch_tcb", tcb(TcbVersion.decode(r.launchTcb(), product)));
        r.launchMitVector().ifPresent(v -> claims.put("sevsnp_launch_mit_vector", String.format("%016x", v)));
        r.currentMitVector().ifPresent(v -> claims.put("sevsnp_current_mit_vector", String.format("%016x", v)));
        claims.put("sevsnp_crl_checked", verification.crlChecked());
        claims.put("x-ms-collateral-expired", verification.collateralExpired());
        return claims;
    }

    private static Map<String, Object> firmware(int major, int minor, int build) {
        Map<String, Object> version = new LinkedHashMap<>();
        version.put("major", major);
        version.put("minor", minor);
        version.put("build", build);
        return version;
    }

    private static Map<String, Object> tcb(TcbVersion tcb) {
        Map<String, Object> claim = new LinkedHashMap<>();
        claim.put("raw", tcb.rawHex());
        tcb.fmcSpl().ifPresent(fmc -> claim.put("fmc", fmc));
        claim.put("bootloader", tcb.blSpl());
        claim.put("tee", tcb.teeSpl());
        claim.put("snpfw", tcb.snpSpl());
        claim.put("microcode", tcb.ucodeSpl());
        return claim;
    }
}
