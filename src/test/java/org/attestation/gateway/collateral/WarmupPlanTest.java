package org.attestation.gateway.collateral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WarmupPlanTest {

    @TempDir
    Path dir;

    Path plan(String yaml) throws Exception {
        return Files.writeString(dir.resolve("plan.yaml"), yaml);
    }

    @Test
    void eachPlatformNeedsItsTcbInfoQeIdentityAndPckCrlAndEveryPlanTheRootCaCrlOnce() throws Exception {
        // Given two SGX platforms behind one CA, and a TDX platform; an all-digit FMSPC left unquoted
        Path file = plan("""
                update: early
                platforms:
                  - { tee: sgx, fmspc: 00a067110000, ca: processor }
                  - { tee: sgx, fmspc: 000000000000, ca: processor }
                  - tee: tdx
                    fmspc: B0C06F000000
                    ca: platform
                """);

        WarmupPlan plan = WarmupPlan.read(file, "standard");

        // Then shared items are fetched once, in plan order, with the plan's feed
        assertThat(plan.update()).isEqualTo("early");
        assertThat(plan.items()).extracting(IntelCollateralKey::id).containsExactly(
                "intel/sgx/tcb/00A067110000/early", "intel/sgx/qe/identity/early", "intel/sgx/pckcrl/processor",
                "intel/sgx/tcb/000000000000/early",
                "intel/tdx/tcb/B0C06F000000/early", "intel/tdx/qe/identity/early", "intel/sgx/pckcrl/platform",
                "intel/sgx/rootcacrl");
    }

    @Test
    void amdEntriesNeedTheirProductsChainAndCrlAndTheirChipsVcek() throws Exception {
        // Given a Genoa chip at a TCB (hex u64, unquoted), a Turin chip (CHIP_ID with its 8-byte hwID), and Milan's VLEK chain
        String genoaChip = "ab".repeat(64);
        Path file = plan("amd:\n"
                + "  - { product: Genoa, chipId: " + genoaChip + ", reportedTcb: 0x541700000000000A }\n"
                + "  - { product: turin, chipId: 0102030405060708" + "00".repeat(56) + ", reportedTcb: \"0xD200000005000301\" }\n"
                + "  - { product: Genoa }\n"
                + "  - { product: Milan, vlek: true }\n");

        WarmupPlan plan = WarmupPlan.read(file, "standard");

        // Then each item is planned once, in plan order, with the SPLs decoded in each product's layout
        assertThat(plan.items()).isEmpty();
        assertThat(plan.amdItems()).extracting(AmdCollateralKey::id).containsExactly(
                "amd/vcek/Genoa/" + genoaChip + "/bl10_tee0_snp23_ucode84", "amd/vcek/Genoa/cert_chain",
                "amd/vcek/Genoa/crl",
                "amd/vcek/Turin/0102030405060708/fmc1_bl3_tee0_snp5_ucode210", "amd/vcek/Turin/cert_chain",
                "amd/vcek/Turin/crl",
                "amd/vcek/Milan/cert_chain", "amd/vcek/Milan/crl", "amd/vlek/Milan/cert_chain", "amd/vlek/Milan/crl");
    }

    @Test
    void withoutUpdateThePlanUsesTheConfiguredFeed() throws Exception {
        Path file = plan("platforms:\n  - { tee: sgx, fmspc: 00A067110000, ca: processor }\n");

        assertThat(WarmupPlan.read(file, "early").items()).first().extracting(IntelCollateralKey::id)
                .isEqualTo("intel/sgx/tcb/00A067110000/early");
    }

    @Test
    void theExamplePlanIsAValidPlan() {
        WarmupPlan plan = WarmupPlan.read(Path.of("collateral-cache/warmup-plan.example.yaml"), "standard");

        assertThat(plan.items()).hasSize(7);
        assertThat(plan.amdItems()).isNotEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            platforms: [{ tee: sgx, fmspc: 00A067110000, ca: processor, update: early }] | platforms[0]: unknown key 'update' (known: ca, fmspc, tee)
            platform: [{ tee: sgx, fmspc: 00A067110000, ca: processor }]                | unknown key 'platform' (known: amd, platforms, update)
            platforms: [{ tee: sgx, fmspc: 00A0671100, ca: processor }]                  | platforms[0] {tee: sgx, fmspc: 00A0671100, ca: processor}: an FMSPC is 12 hex digits, not 00A0671100
            platforms: [{ tee: sev, fmspc: 00A067110000, ca: processor }]                | platforms[0] {tee: sev, fmspc: 00A067110000, ca: processor}: tee is sgx or tdx, not sev
            platforms: [{ tee: tdx, fmspc: 00A067110000, ca: root }]                     | platforms[0] {tee: tdx, fmspc: 00A067110000, ca: root}: a PCK CA is processor or platform, not root
            platforms: [{ tee: sgx, ca: processor }]                                     | platforms[0] {tee: sgx, fmspc: null, ca: processor}: missing fmspc
            platforms: [{ tee: sgx, fmspc: [00A067110000], ca: processor }]              | platforms[0].fmspc must be a single value (line 1)
            platforms: { tee: sgx, fmspc: 00A067110000, ca: processor }                  | platforms must be a list (line 1)
            platforms: []                                                                | platforms and amd list nothing to fetch
            amd: [{ product: Rome }]                                                     | amd[0] {product: Rome}: an AMD product is Milan, Genoa or Turin, not Rome
            amd: [{ product: Milan, chipId: 00 }]                                        | amd[0] {product: Milan, chipId: 00}: chipId and reportedTcb go together (a VCEK is per chip and TCB)
            amd: [{ chipId: 0a }]                                                        | amd[0] {product: null, chipId: 0a}: missing product
            amd: [{ product: Milan, chipId: 0a0b, reportedTcb: 1 }]                      | amd[0] {product: Milan, chipId: 0a0b, reportedTcb: 1}: a CHIP_ID is 64 bytes (or the 64-byte hwID), not 2
            amd: [{ product: Turin, chipId: 0000000000000000, reportedTcb: 0x0 }]        | amd[0] {product: Turin, chipId: 0000000000000000, reportedTcb: 0x0}: CHIP_ID is all zero (masked): no VCEK can be fetched from AMD KDS; the evidence must carry its VCEK, or use a VLEK
            amd: [{ product: Turin, chipId: 0102030405060708, reportedTcb: 0xZZ }]       | amd[0] {product: Turin, chipId: 0102030405060708, reportedTcb: 0xZZ}: reportedTcb is a u64 (0x-prefixed hex or decimal), not 0xZZ
            amd: [{ product: Turin, cpu: 1 }]                                            | amd[0]: unknown key 'cpu' (known: chipId, product, reportedTcb, vlek)
            update: late                                                                 | update is standard or early, not late
            platforms: [{ tee: sgx, tee: tdx }]                                          | not valid YAML: Duplicate field 'tee' (line 1)
            """)
    void badPlanIsRefusedWithOneLineNamingTheEntry(String yaml, String problem) throws Exception {
        Path file = plan(yaml);

        assertThatThrownBy(() -> WarmupPlan.read(file, "standard"))
                .isInstanceOf(WarmupPlan.InvalidPlanException.class)
                .hasMessage(file + ": " + problem);
    }

    @Test
    void missingFileIsNamed() {
        Path file = dir.resolve("absent.yaml");

        assertThatThrownBy(() -> WarmupPlan.read(file, "standard")).hasMessage(file + ": no readable file there");
    }
}
