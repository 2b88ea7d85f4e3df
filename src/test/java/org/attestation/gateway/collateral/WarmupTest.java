package org.attestation.gateway.collateral;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.attestation.gateway.Main;
import org.attestation.gateway.evidence.dcap.DcapCollateral;
import org.attestation.gateway.evidence.snp.SigningKey;
import org.attestation.gateway.evidence.snp.SnpProduct;
import org.attestation.gateway.evidence.snp.testpki.SnpTestPki;
import org.attestation.gateway.support.CapturedOutput;
import org.attestation.gateway.support.FakeKds;
import org.attestation.gateway.support.FakePcs;
import org.attestation.gateway.support.SharedVectors;
import org.attestation.gateway.support.TestGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The {@code warmup} command against a fake PCS: plans, offline bundles, and a gateway that uses them. */
class WarmupTest {

    static final String SGX_PLATFORM = "{ tee: sgx, fmspc: 00A067110000, ca: processor }";
    static final String TDX_PLATFORM = "{ tee: tdx, fmspc: B0C06F000000, ca: platform }";
    static final List<String> SGX_ITEMS = List.of("intel/sgx/tcb/00A067110000/standard",
            "intel/sgx/qe/identity/standard", "intel/sgx/pckcrl/processor", "intel/sgx/rootcacrl");

    @RegisterExtension
    final CapturedOutput output = new CapturedOutput();

    @TempDir
    Path dir;

    static FakePcs pcsWithSgx() {
        return new FakePcs().serve("sgx", "00A067110000", "processor",
                DcapCollateral.fromJson(SharedVectors.text(CollateralPathTest.P1_COLLATERAL)));
    }

    /** A --config file: the gateway's collateral settings, as an operator would write them. */
    Path config(String name, FakePcs pcs, Path cacheDir, String mode) throws Exception {
        return config(name, pcs.url(), "http://127.0.0.1:9", cacheDir, mode);
    }

    Path config(String name, String pcsUrl, String kdsUrl, Path cacheDir, String mode) throws Exception {
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, String.join("\n",
                "dataDir: " + dir.resolve(name + "-data"),
                "collateral:",
                "  dir: " + cacheDir,
                "  mode: " + mode,
                "  intelPcsUrl: " + pcsUrl,
                "  amdKdsUrl: " + kdsUrl,
                "verification:",
                "  verifyAt: " + CollateralPathTest.P1_TIME));
        return file;
    }

    Path plan(String... platforms) throws Exception {
        Path file = dir.resolve("plan.yaml");
        Files.writeString(file, "platforms:\n" + String.join("", List.of(platforms).stream()
                .map(p -> "  - " + p + "\n").toList()));
        return file;
    }

    List<String> printed(String prefix) {
        return printedSince(0, prefix);
    }

    /** Lines printed after {@code mark} characters of output (a run after an earlier one). */
    List<String> printedSince(int mark, String prefix) {
        return output.out().substring(mark).lines().filter(line -> line.startsWith(prefix)).toList();
    }

    @Test
    void planFetchesEveryItemIntoTheCacheWithALinePerItem() throws Exception {
        // Given a PCS that knows an SGX and a TDX platform
        try (FakePcs pcs = pcsWithSgx().serve("tdx", "B0C06F000000", "platform",
                DcapCollateral.fromJson(SharedVectors.text("dcap/phala-dcap-qvl/tdx_quote_collateral.json")))) {
            Path cache = dir.resolve("cache");

            // When a plan naming both runs
            int exit = Main.run("warmup", "--config", config("gw", pcs, cache, "lazy").toString(),
                    "--plan", plan(SGX_PLATFORM, TDX_PLATFORM).toString());

            // Then each item was fetched once and reported on its own line, root CA CRL last
            assertThat(exit).as(output.err()).isEqualTo(0);
            List<String> items = List.of("intel/sgx/tcb/00A067110000/standard", "intel/sgx/qe/identity/standard",
                    "intel/sgx/pckcrl/processor", "intel/tdx/tcb/B0C06F000000/standard", "intel/tdx/qe/identity/standard",
                    "intel/sgx/pckcrl/platform", "intel/sgx/rootcacrl");
            assertThat(printed("ok ")).hasSize(items.size());
            for (int i = 0; i < items.size(); i++) {
                assertThat(printed("ok ").get(i)).matches("ok " + items.get(i) + " \\(nextUpdate 20\\d\\d-[0-9T:-]+Z\\)");
            }
            assertThat(printed("ok ").get(0)).isEqualTo("ok intel/sgx/tcb/00A067110000/standard (nextUpdate 2025-07-19T10:56:11Z)");
            assertThat(pcs.totalRequests()).isEqualTo(items.size());
            // And every item is in the cache directory, in its documented layout
            for (String item : items) {
                assertThat(cache.resolve(item + ".body")).isNotEmptyFile();
                assertThat(cache.resolve(item + ".meta.json")).isNotEmptyFile();
            }
        }
    }

    @Test
    void exportedBundleLetsAFreshOfflineGatewayVerifyTheRealQuoteWithoutPcs() throws Exception {
        try (FakePcs pcs = pcsWithSgx()) {
            // Given a bundle exported by a warmup run on a connected machine
            Path bundle = dir.resolve("bundle");
            int exported = Main.run("warmup", "--config", config("connected", pcs, dir.resolve("cache"), "lazy").toString(),
                    "--plan", plan(SGX_PLATFORM).toString(), "--export", bundle.toString());
            assertThat(exported).as(output.err()).isEqualTo(0);
            assertThat(output.out()).contains("exported 4 items to " + bundle);
            int pcsRequests = pcs.totalRequests();

            // And a fresh gateway in offline mode whose collateral directory is empty
            Path gatewayData = dir.resolve("offline-gateway");
            try (TestGateway gateway = CollateralPathTest.gateway(gatewayData, pcs,
                    Map.of("GATEWAY_COLLATERAL_MODE", "offline"))) {
                // When the bundle is imported into that directory
                int imported = Main.run("warmup", "--config",
                        config("offline", pcs, gatewayData.resolve("collateral"), "offline").toString(),
                        "--import", bundle.toString());

                // Then the gateway verifies the real SGX quote, and PCS heard nothing more
                assertThat(imported).as(output.err()).isEqualTo(0);
                HttpResponse<String> attested = gateway.post("/attest/SgxEnclave?api-version=2022-08-01",
                        "application/json", CollateralPathTest.attestBody(CollateralPathTest.P1_QUOTE));
                assertThat(attested.statusCode()).as(attested.body()).isEqualTo(200);
                assertThat(pcs.totalRequests()).isEqualTo(pcsRequests);
            }
        }
    }

    @Test
    void itemPcsDoesNotKnowFailsTheRunAndIsNamed() throws Exception {
        try (FakePcs pcs = pcsWithSgx()) {
            // When a plan names an FMSPC PCS answers 404 for
            int exit = Main.run("warmup", "--config", config("gw", pcs, dir.resolve("cache"), "lazy").toString(),
                    "--plan", plan(SGX_PLATFORM, "{ tee: sgx, fmspc: 00A067110001, ca: processor }").toString());

            // Then the other items are fetched, and the unknown one is named in its line and at the end
            assertThat(exit).isEqualTo(1);
            assertThat(printed("ok ")).hasSize(4);
            assertThat(printed("FAILED ")).singleElement().asString()
                    .startsWith("FAILED intel/sgx/tcb/00A067110001/standard: ").contains("404");
            assertThat(output.err().strip()).isEqualTo("warmup: 1 item failed: intel/sgx/tcb/00A067110001/standard");
        }
    }

    @Test
    void tamperedBundleItemIsRefusedAndNamed() throws Exception {
        try (FakePcs pcs = pcsWithSgx()) {
            // Given an exported bundle whose TCB info has one byte changed (a later nextUpdate)
            Path bundle = dir.resolve("bundle");
            assertThat(Main.run("warmup", "--config", config("connected", pcs, dir.resolve("cache"), "lazy").toString(),
                    "--plan", plan(SGX_PLATFORM).toString(), "--export", bundle.toString())).isEqualTo(0);
            Path tcbInfo = bundle.resolve("intel/sgx/tcb/00A067110000/standard.body");
            String original = Files.readString(tcbInfo, StandardCharsets.UTF_8);
            String tampered = original.replaceFirst("\"nextUpdate\":\"2025-", "\"nextUpdate\":\"2026-");
            assertThat(tampered).isNotEqualTo(original).hasSameSizeAs(original);
            Files.writeString(tcbInfo, tampered, StandardCharsets.UTF_8);

            // When it is imported into another cache
            Path target = dir.resolve("target-cache");
            int mark = output.out().length();
            int exit = Main.run("warmup", "--config", config("offline", pcs, target, "offline").toString(),
                    "--import", bundle.toString());

            // Then that item is refused and named, and only the others entered the cache
            assertThat(exit).isEqualTo(1);
            assertThat(printedSince(mark, "FAILED ")).singleElement().asString()
                    .startsWith("FAILED intel/sgx/tcb/00A067110000/standard: ").contains("signature");
            assertThat(printedSince(mark, "ok ")).hasSize(3);
            assertThat(output.err().strip()).isEqualTo("warmup: 1 item failed: intel/sgx/tcb/00A067110000/standard");
            assertThat(target.resolve("intel/sgx/tcb/00A067110000/standard.body")).doesNotExist();
            assertThat(target.resolve("intel/sgx/rootcacrl.body")).exists();
        }
    }

    @Test
    void badPlanIsAUsageErrorWithOneLineNamingTheEntry() throws Exception {
        try (FakePcs pcs = pcsWithSgx()) {
            Path plan = plan(SGX_PLATFORM, "{ tee: sgx, fmspc: 00A0671100, ca: processor }");

            int exit = Main.run("warmup", "--config", config("gw", pcs, dir.resolve("cache"), "lazy").toString(),
                    "--plan", plan.toString());

            assertThat(exit).isEqualTo(2);
            assertThat(output.err()).isEqualTo("warmup: " + plan + ": platforms[1] {tee: sgx, fmspc: 00A0671100, "
                    + "ca: processor}: an FMSPC is 12 hex digits, not 00A0671100" + System.lineSeparator());
            assertThat(pcs.totalRequests()).isZero();
        }
    }

    @Test
    void planInOfflineModeIsAUsageErrorThatPointsToBundles() throws Exception {
        try (FakePcs pcs = pcsWithSgx()) {
            int exit = Main.run("warmup", "--config", config("gw", pcs, dir.resolve("cache"), "offline").toString(),
                    "--plan", plan(SGX_PLATFORM).toString());

            assertThat(exit).isEqualTo(2);
            assertThat(output.err().strip()).startsWith("warmup: --plan fetches from Intel PCS and AMD KDS, but "
                    + "GATEWAY_COLLATERAL_MODE (collateral.mode) is offline").contains("--import").doesNotContain("\n");
            assertThat(pcs.totalRequests()).isZero();
        }
    }

    @Test
    void exportAloneWritesWhatTheCacheHolds() throws Exception {
        try (FakePcs pcs = pcsWithSgx()) {
            // Given a cache filled by an earlier run
            Path cache = dir.resolve("cache");
            Path config = config("gw", pcs, cache, "lazy");
            assertThat(Main.run("warmup", "--config", config.toString(), "--plan", plan(SGX_PLATFORM).toString()))
                    .isEqualTo(0);
            int pcsRequests = pcs.totalRequests();

            // When only --export is given
            Path bundle = dir.resolve("bundle");
            int exit = Main.run("warmup", "--config", config.toString(), "--export", bundle.toString());

            // Then the bundle holds every cached item, read from disk and verified, without calling PCS
            assertThat(exit).as(output.err()).isEqualTo(0);
            for (String item : SGX_ITEMS) {
                assertThat(bundle.resolve(item + ".body")).hasSameBinaryContentAs(cache.resolve(item + ".body"));
            }
            assertThat(pcs.totalRequests()).isEqualTo(pcsRequests);
        }
    }

    @Test
    void amdPlanFetchesEachItemOnceAndItsBundleServesAnOfflineMachine() throws Exception {
        // Given a KDS that knows a Genoa chip's VCEK, and Genoa's VCEK chain and CRL
        SnpTestPki pki = SnpTestPki.of(SnpProduct.GENOA);
        String chip = "5a".repeat(64);
        try (FakeKds kds = new FakeKds().serveChainAndCrl(pki)) {
            kds.serve("/vcek/v1/Genoa/" + chip, pki.vek(SigningKey.VCEK).build().der());
            Path plan = Files.writeString(dir.resolve("amd-plan.yaml"), "amd:\n  - { product: Genoa, chipId: " + chip
                    + ", reportedTcb: 0x541700000000000A }\n");
            Path bundle = dir.resolve("bundle");

            // When the plan runs with --export
            int exit = Main.run("warmup", "--config", config("gw", "http://127.0.0.1:9", kds.url(), dir.resolve("cache"),
                    "lazy").toString(), "--plan", plan.toString(), "--export", bundle.toString());

            // Then each item was fetched once, with the decoded SPLs, reported, and exported
            assertThat(exit).as(output.err()).isEqualTo(0);
            List<String> items = List.of("amd/vcek/Genoa/" + chip + "/bl10_tee0_snp23_ucode84",
                    "amd/vcek/Genoa/cert_chain", "amd/vcek/Genoa/crl");
            assertThat(printed("ok ")).extracting(line -> line.split(" ")[1]).containsExactlyElementsOf(items);
            assertThat(kds.totalRequests()).isEqualTo(3);
            assertThat(kds.server().getAllServeEvents()).anySatisfy(e -> assertThat(e.getRequest().getUrl())
                    .isEqualTo("/vcek/v1/Genoa/" + chip + "?blSPL=10&teeSPL=0&snpSPL=23&ucodeSPL=84"));
            assertThat(output.out()).contains("exported 3 items to " + bundle);

            // And an offline machine imports the bundle into its cache, without KDS
            Path offlineCache = dir.resolve("offline-cache");
            int mark = output.out().length();
            assertThat(Main.run("warmup", "--config", config("offline", "http://127.0.0.1:9", kds.url(), offlineCache,
                    "offline").toString(), "--import", bundle.toString())).as(output.err()).isEqualTo(0);
            assertThat(printedSince(mark, "ok ")).hasSize(3);
            for (String item : items) {
                assertThat(offlineCache.resolve(item + ".body")).hasSameBinaryContentAs(bundle.resolve(item + ".body"));
            }
            assertThat(kds.totalRequests()).isEqualTo(3);
        }
    }

    @Test
    void withoutAnythingToDoItIsAUsageError() {
        assertThat(Main.run("warmup")).isEqualTo(2);
        assertThat(output.err().strip()).isEqualTo("warmup: nothing to do: give --plan FILE, --import DIR or --export DIR");
    }

    @Test
    void hasItsOwnHelp() {
        assertThat(Main.run("warmup", "--help")).isEqualTo(0);
        assertThat(output.out()).contains("Usage: attestation-gateway warmup").contains("--plan=FILE")
                .contains("--export=DIR").contains("--import=DIR");
    }
}
