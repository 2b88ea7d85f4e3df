package org.attestation.gateway.evidence.snp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.attestation.gateway.collateral.AmdCollateralKey;
import org.attestation.gateway.crypto.CryptoProviders;
import org.attestation.gateway.crypto.Pem;
import org.attestation.gateway.support.SharedVectors;
import org.junit.jupiter.api.Test;

/**
 * Every SEV-SNP vector of {@code ../shared/vectors/snp/PROVENANCE.md} (spec/snp.md §5) against AMD's pinned
 * production roots, with the outcome given there. ASK/ARK PEMs are read from the vectors folders at test time.
 */
class SnpVectorsTest {

    private static final String GSG = "snp/go-sev-guest/verify/";
    private static final String VIRTEE = "snp/virtee-sev/tests/certs_data/";
    private static final String TRUSTEE = "snp/trustee/deps/verifier/test_data/snp/";
    private static final String AZ = "snp/trustee/deps/verifier/test_data/az-snp-vtpm/";
    private static final String SIDECAR = "snp/confidential-sidecar-containers/pkg/attest/test_data/";
    private static final String LIT = "snp/lit-sev-snp-utils/resources/test/";
    private static final String MILAN_CHAIN = GSG + "trust/ask_ark_milan.pem";
    private static final String GENOA_CHAIN = GSG + "trust/ask_ark_genoa.pem";
    /** Inside every VCEK's validity except tinfoil's (issued 2026-01-11) and the VLEK's (ends 2025-12-10). */
    private static final Instant JUNE_2025 = Instant.parse("2025-06-01T00:00:00Z");
    private static final Instant JUNE_2026 = Instant.parse("2026-06-01T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    private final SnpVerifier verifier = new SnpVerifier(AmdRoots.pinned(), CryptoProviders.install());

    private static List<byte[]> chain(String pemVector) {
        return Pem.certificates(SharedVectors.text(pemVector)).stream().map(Pem::der).toList();
    }

    private SnpVerification verify(byte[] report, byte[] vek, String chainPem, Instant at) {
        return verifier.verify(SnpReport.parse(report), SnpEndorsements.of(vek, chain(chainPem)), at);
    }

    private static void assertRejected(Runnable call, SnpStatus status) {
        assertThatThrownBy(call::run).isInstanceOf(SnpVerificationException.class)
                .satisfies(e -> assertThat(((SnpVerificationException) e).status()).isEqualTo(status));
    }

    private static JsonNode json(String vector) {
        try {
            return JSON.readTree(SharedVectors.bytes(vector));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void goSevGuestDebugReportHasAValidSignatureAndSaysDebuggable() {
        // Given go-sev-guest's attestation.bin (v2, policy 0xB0000) with its VCEK and KDS's Milan cert_chain
        byte[] report = SharedVectors.bytes(GSG + "testdata/attestation.bin");
        byte[] vcek = SharedVectors.bytes(GSG + "testdata/vcek.testcer");

        // When it is verified
        SnpVerification result = verify(report, vcek, GSG + "testdata/milan.testcer", JUNE_2025);

        // Then chain, TCB, hwID and signature pass; debug is a claim for policy, not a verifier failure
        Map<String, Object> claims = SnpClaims.of(result);
        assertThat(result.product()).isEqualTo(SnpProduct.MILAN);
        assertThat(result.reportedTcb().raw()).isEqualTo(0x4405000000000002L);
        assertThat(claims).containsEntry("x-ms-sevsnpvm-is-debuggable", true)
                .containsEntry("x-ms-sevsnpvm-bootloader-svn", 2).containsEntry("x-ms-sevsnpvm-snpfw-svn", 5)
                .containsEntry("x-ms-sevsnpvm-microcode-svn", 68).containsEntry("x-ms-sevsnpvm-tee-svn", 0)
                .containsEntry("x-ms-sevsnpvm-vmpl", 0).containsEntry("sevsnp_policy_debug", true)
                .containsEntry("sevsnp_report_version", 2).containsEntry("x-ms-collateral-expired", false);
        assertThat((String) claims.get("x-ms-sevsnpvm-reportdata")).startsWith("0102030405000000");
        assertThat(AmdCollateralKey.vcek(SnpProduct.MILAN, result.report().chipId(), result.report().reportedTcb())
                .kdsPathAndQuery()).startsWith("/vcek/v1/Milan/3ac3fe21").endsWith("?blSPL=2&teeSPL=0&snpSPL=5&ucodeSPL=68");
    }

    @Test
    void virteeMilanVerifiesAndItsFlippedByte21Fails() {
        // Given virtee's report_milan.hex (ASCII hex) with its VCEK and chain
        byte[] report = HEX.parseHex(SharedVectors.text(VIRTEE + "report_milan.hex").strip());
        byte[] vcek = SharedVectors.bytes(VIRTEE + "vcek_milan.der");
        assertThat(verify(report, vcek, VIRTEE + "cert_chain_milan", JUNE_2025).reportedTcb().ucodeSpl()).isEqualTo(115);
        // When byte 21 is flipped (virtee's milan_report_invalid), then the signature fails
        report[21] ^= 0x01;
        assertRejected(() -> verify(report, vcek, VIRTEE + "cert_chain_milan", JUNE_2025),
                SnpStatus.SNP_REPORT_SIGNATURE_INVALID);
    }

    @Test
    void trusteeMilanV2VerifiesAndItsSignatureAndTcbNegativesFail() {
        byte[] report = SharedVectors.bytes(TRUSTEE + "test-report.bin");
        byte[] vcek = SharedVectors.bytes(TRUSTEE + "test-vcek.der");
        // Given reported TCB 0x7308…03 below current 0xCE08…03: legal, and the VCEK is for the reported one
        SnpVerification result = verify(report, vcek, MILAN_CHAIN, JUNE_2025);
        assertThat(result.reportedTcb().raw()).isEqualTo(0x7308000000000003L);
        assertThat(result.report().currentTcb()).isEqualTo(0xCE08000000000003L);
        // trustee check_report_signature_failure: byte 42 + 1
        byte[] sig = report.clone();
        sig[42]++;
        assertRejected(() -> verify(sig, vcek, MILAN_CHAIN, JUNE_2025), SnpStatus.SNP_REPORT_SIGNATURE_INVALID);
        // trustee check_report_tcb_failure: byte 384 (REPORTED_TCB byte 0) + 1
        byte[] tcb = report.clone();
        tcb[384]++;
        assertRejected(() -> verify(tcb, vcek, MILAN_CHAIN, JUNE_2025), SnpStatus.SNP_TCB_MISMATCH);
    }

    @Test
    void trusteeAwsVlekV3VerifiesWhileTheVlekIsValidOnly() {
        // Given the VLEK-signed v3 report (VMPL 1, CHIP_ID masked) and KDS's Milan VLEK cert_chain (ASVK, ARK)
        byte[] report = SharedVectors.bytes(TRUSTEE + "test-vlek-report.bin");
        byte[] vlek = SharedVectors.bytes(TRUSTEE + "test-vlek.der");
        SnpVerification result = verify(report, vlek, GSG + "trust/ask_ark_milan_vlek.pem", JUNE_2025);
        // Then it verifies as VLEK with its csp_id
        assertThat(result.signingKey()).isEqualTo(SigningKey.VLEK);
        assertThat(result.vek().cspId()).hasValue("CN=cc-us-east-2.amazonaws.com");
        assertThat(result.reportedTcb().ucodeSpl()).isEqualTo(217);
        assertThat(SnpClaims.of(result)).containsEntry("x-ms-sevsnpvm-vmpl", 1)
                .containsEntry("sevsnp_cpuid_model", 1);
        assertRejected(() -> result.report().unmaskedChipId(), SnpStatus.SNP_CHIP_ID_MASKED);
        // And after 2025-12-10 the VLEK has expired
        assertRejected(() -> verify(report, vlek, GSG + "trust/ask_ark_milan_vlek.pem",
                Instant.parse("2026-01-01T00:00:00Z")), SnpStatus.SNP_CERTIFICATE_EXPIRED);
    }

    @Test
    void azureHclReportsVerifyAndBindTheirVariableData() {
        // Given the Azure CVM evidence files: HCL report as a byte array (v0, genoa) or base64url (v1, v2)
        JsonNode v0 = json(AZ + "evidence-v0.json");
        JsonNode genoa = json(AZ + "evidence-genoa.json");
        List<Case> cases = List.of(
                new Case("v0", bytes(v0.get("report")), pemDer(v0.get("vcek").asText()), MILAN_CHAIN, SnpProduct.MILAN),
                new Case("genoa", bytes(genoa.get("report")), pemDer(genoa.get("vcek").asText()), GENOA_CHAIN,
                        SnpProduct.GENOA),
                v1v2("evidence-v1.json"), v1v2("evidence-v2.json"),
                new Case("hcl-report.bin", SharedVectors.bytes(AZ + "hcl-report.bin"), null, null, SnpProduct.MILAN));
        for (Case c : cases) {
            // When the SNP report is unwrapped and verified
            AzureHclReport hcl = AzureHclReport.parse(c.hcl());
            SnpReport report = SnpReport.parse(hcl.snpReport());
            SnpEndorsements endorsements = c.vcek() == null
                    ? SnpEndorsements.fromPemChain(SharedVectors.text(AZ + "vcek.pem"))
                    : SnpEndorsements.of(c.vcek(), chain(c.chain()));
            SnpVerification result = verifier.verify(report, endorsements, JUNE_2025);
            // Then it passes, and REPORT_DATA[0..32] = SHA-256(variable data), [32..64] = 0
            assertThat(result.product()).as(c.name()).isEqualTo(c.product());
            assertThat(hcl.reportDataBindsVariableData(report)).as(c.name()).isTrue();
            assertThat(SnpClaims.of(result)).as(c.name()).containsEntry("x-ms-sevsnpvm-vmpl", 0)
                    .containsEntry("x-ms-sevsnpvm-is-debuggable", false)
                    .containsEntry("x-ms-sevsnpvm-smt-allowed", true);
        }
    }

    private record Case(String name, byte[] hcl, byte[] vcek, String chain, SnpProduct product) {
    }

    /** evidence-v1/v2: base64url HCL report, base64 VCEK DER (the ASK/ARK come from KDS's Milan cert_chain). */
    private static Case v1v2(String file) {
        JsonNode evidence = json(AZ + file);
        return new Case(file, base64Any(evidence.get("hcl_report").asText()), base64Any(evidence.get("vcek").asText()),
                MILAN_CHAIN, SnpProduct.MILAN);
    }

    private static byte[] bytes(JsonNode array) {
        byte[] out = new byte[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) array.get(i).asInt();
        }
        return out;
    }

    private static byte[] pemDer(String pem) {
        return Pem.der(Pem.certificates(pem).get(0));
    }

    private static byte[] base64Any(String text) {
        String s = text.strip().replace('+', '-').replace('/', '_');
        return Base64.getUrlDecoder().decode(s.replace("=", ""));
    }

    @Test
    void sidecarReportVerifiesWithItsThimCertificates() {
        // Given the ACI report and THIM's {vcekCert, tcbm, certificateChain}
        JsonNode thim = json(SIDECAR + "uvm_host_amd_certificate.json");
        SnpEndorsements endorsements = SnpEndorsements.fromPemChain(thim.get("vcekCert").asText()
                + thim.get("certificateChain").asText());
        SnpVerification result = verifier.verify(SnpReport.parse(SharedVectors.bytes(SIDECAR + "snp_report.bin")),
                endorsements, JUNE_2025);
        // Then tcbm is REPORTED_TCB and HOST_DATA is SHA-256 of the security policy
        assertThat(result.reportedTcb().rawHex()).isEqualTo(thim.get("tcbm").asText());
        byte[] policy = Base64.getDecoder().decode(SharedVectors.text(SIDECAR + "uvm_security_policy.base64").strip());
        assertThat(SnpClaims.of(result)).containsEntry("x-ms-sevsnpvm-hostdata", HEX.formatHex(sha256(policy)));
    }

    @Test
    void theMaaClaimNamesAreExactlyThoseOfMaasExampleToken() {
        // Given the claims of MAA's REST example token and of a verified report
        java.util.Set<String> maa = new java.util.TreeSet<>();
        json("snp/azure-rest-api-specs/AttestSevSnpVm.token-claims.json").fieldNames().forEachRemaining(name -> {
            if (name.startsWith("x-ms-sevsnpvm-")) {
                maa.add(name);
            }
        });
        Map<String, Object> ours = SnpClaims.of(verify(SharedVectors.bytes(TRUSTEE + "test-report.bin"),
                SharedVectors.bytes(TRUSTEE + "test-vcek.der"), MILAN_CHAIN, JUNE_2025));
        // Then the x-ms-sevsnpvm-* names are the same 17, and the gateway adds no x-ms-ver or attestation type
        assertThat(ours.keySet().stream().filter(k -> k.startsWith("x-ms-sevsnpvm-")).toList())
                .containsExactlyElementsOf(maa);
        assertThat(maa).hasSize(17);
        assertThat(ours).doesNotContainKeys("x-ms-ver", "x-ms-attestation-type");
    }

    @Test
    void tinfoilGenoaVerifies() throws IOException {
        // Given tinfoil's bundle: base64(gzip(report)) and base64(VCEK DER)
        JsonNode bundle = json("snp/tinfoil-js/packages/verifier/test/fixtures/attestation-bundle.json");
        byte[] gz = Base64.getDecoder().decode(bundle.get("enclaveAttestationReport").get("body").asText());
        byte[] report;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            report = in.readAllBytes();
        }
        SnpVerification result = verify(report, Base64.getDecoder().decode(bundle.get("vcek").asText()), GENOA_CHAIN,
                JUNE_2026);
        // Then it is Genoa 19h/11h at bl10 snp23 uc84, fw 1.55.40
        assertThat(result.product()).isEqualTo(SnpProduct.GENOA);
        assertThat(result.reportedTcb().raw()).isEqualTo(0x541700000000000AL);
        assertThat(SnpClaims.of(result).get("sevsnp_current_firmware")).isEqualTo(Map.of("major", 1, "minor", 55,
                "build", 40));
    }

    @Test
    void trusteeE2eGenoaModelA0IsGenoa() {
        SnpVerification result = verify(SharedVectors.bytes("snp/trustee/derived/e2e-evidence-report.bin"),
                SharedVectors.bytes("snp/trustee/derived/e2e-evidence-vcek.der"), GENOA_CHAIN, JUNE_2025);
        assertThat(result.report().cpuidModel()).hasValue(0xA0);
        assertThat(result.product()).isEqualTo(SnpProduct.GENOA);
    }

    @Test
    void virteeTurinVcekChainsToTheTurinArkOnly() {
        // Given virtee's Turin VCEK (no report): structVersion 1, fmcSPL, 8-byte hwID, no .3.4
        byte[] vcek = SharedVectors.bytes(VIRTEE + "vcek_turin.der");
        VekCertificate parsed = verifier.verifyChain(SnpProduct.TURIN,
                SnpEndorsements.of(vcek, chain(VIRTEE + "cert_chain_turin")), JUNE_2025);
        assertThat(parsed.structVersion()).isEqualTo(1);
        assertThat(parsed.productName()).isEqualTo("Turin");
        assertThat(parsed.fmcSpl()).hasValue(0);
        assertThat(parsed.ucodeSpl()).isEqualTo(9);
        assertThat(parsed.hwId()).hasValueSatisfying(hw -> assertThat(HEX.formatHex(hw)).isEqualTo("1e550a8ee5cf9f4d"));
        assertThat(parsed.certificate().getExtensionValue("1.3.6.1.4.1.3704.1.3.4")).isNull();
        // And against Genoa's ASK/ARK it does not chain
        assertRejected(() -> verifier.verifyChain(SnpProduct.TURIN, SnpEndorsements.of(vcek, chain(GENOA_CHAIN)),
                JUNE_2025), SnpStatus.SNP_ROOT_NOT_TRUSTED);
    }

    @Test
    void kinvolkHclWithAnotherChipsCertificatesIsRefused() {
        // Given kinvolk's HCL report and certs.pem of a different chip (TCB extensions happen to match)
        AzureHclReport hcl = AzureHclReport.parse(
                SharedVectors.bytes("snp/azure-cvm-tooling/az-cvm-vtpm/test/hcl-report-snp.bin"));
        SnpReport report = SnpReport.parse(hcl.snpReport());
        assertThat(hcl.reportDataBindsVariableData(report)).isTrue();
        SnpEndorsements endorsements = SnpEndorsements.fromPemChain(
                SharedVectors.text("snp/azure-cvm-tooling/az-cvm-vtpm/test/certs.pem"));
        // Then the hwID/CHIP_ID binding fails
        assertRejected(() -> verifier.verify(report, endorsements, JUNE_2025), SnpStatus.SNP_CHIP_ID_MISMATCH);
    }

    @Test
    void cvmAttestationToolsSnpHclReportIsReallyTdx() {
        byte[] hcl = SharedVectors.bytes("snp/azure-cvm-attestation-tools/cvm-attestation/tests/reports/snp_hcl_report.bin");
        assertThatThrownBy(() -> AzureHclReport.parse(hcl)).isInstanceOf(SnpReportFormatException.class)
                .hasMessageContaining("type 4 (TDX)");
    }

    @Test
    void litKnownAnswerAndMalformedVariants() throws Exception {
        // Given LIT's Milan v2 report: SHA-384 of the signed region is the known answer
        SnpReport report = SnpReport.parse(SharedVectors.bytes(LIT + "guest_report.bin"));
        assertThat(HEX.formatHex(MessageDigest.getInstance("SHA-384").digest(report.signedBytes()))).isEqualTo(
                "8ac02cb042d3909a0e67ecc8a89a4869d6838f0c243a5e4d417757d6c06d10ae15d84d2b728fe80a355792f671afd6b4");
        // The bad-signature variant has a trailing newline (1185 bytes): refused as not exactly 0x4A0
        assertThatThrownBy(() -> SnpReport.parse(SharedVectors.bytes(LIT + "guest_report_bad_sig.bin")))
                .isInstanceOf(SnpReportFormatException.class).hasMessageContaining("1185 bytes");
        // and its report bytes differ from the good one's signed region at 0x15B, so no signature could cover both
        byte[] bad = java.util.Arrays.copyOf(SharedVectors.bytes(LIT + "guest_report_bad_sig.bin"), SnpReport.SIZE);
        assertThat(MessageDigest.getInstance("SHA-384").digest(SnpReport.parse(bad).signedBytes()))
                .isNotEqualTo(MessageDigest.getInstance("SHA-384").digest(report.signedBytes()));
        // The corrupt variant (793 bytes) is truncated
        assertThatThrownBy(() -> SnpReport.parse(SharedVectors.bytes(LIT + "guest_report_corrupt.bin")))
                .isInstanceOf(SnpReportFormatException.class).hasMessageContaining("793 bytes");
    }

    @Test
    void trusteeSyntheticVceksParseBothHwIdEncodings() {
        for (String file : List.of("test-vcek-invalid-legacy.der", "test-vcek-invalid-new.der")) {
            VekCertificate vcek = VekCertificate.parse(SharedVectors.bytes(TRUSTEE + file));
            assertThat(vcek.hwId()).as(file).hasValueSatisfying(hw -> assertThat(HEX.formatHex(hw)).isEqualTo(
                    "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
                            + "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f"));
        }
    }

    @Test
    void everyAmdRootAndIntermediateInTheVectorsIsPinned() {
        // Given trustee's ASK, ARK, ASVK per product
        AmdRoots pinned = AmdRoots.pinned();
        for (SnpProduct product : SnpProduct.values()) {
            List<java.security.cert.X509Certificate> certs = Pem.certificates(SharedVectors.text(
                    "snp/trustee/deps/verifier/src/snp/" + product.kdsName().toLowerCase() + "_ask_ark_asvk.pem"));
            // Then the ARK is pinned for its product only, and ASK and ASVK are pinned intermediates
            assertThat(pinned.trustsArk(product, certs.get(1))).as(product.kdsName()).isTrue();
            assertThat(pinned.pinnedIntermediate(product, certs.get(0))).isTrue();
            assertThat(pinned.pinnedIntermediate(product, certs.get(2))).isTrue();
            for (SnpProduct other : SnpProduct.values()) {
                assertThat(pinned.trustsArk(other, certs.get(1))).isEqualTo(other == product);
            }
        }
    }

    @Test
    void aWarmVerificationOfARealReportChecksOneSignature() {
        // Given a fresh verifier and the virtee Milan pair (the production ASK is pinned: its signature is not rechecked)
        SnpVerifier fresh = new SnpVerifier(AmdRoots.pinned(), CryptoProviders.install());
        SnpReport report = SnpReport.parse(HEX.parseHex(SharedVectors.text(VIRTEE + "report_milan.hex").strip()));
        SnpEndorsements endorsements = SnpEndorsements.of(SharedVectors.bytes(VIRTEE + "vcek_milan.der"),
                chain(VIRTEE + "cert_chain_milan"));

        fresh.verify(report, endorsements, JUNE_2025);
        long cold = fresh.signatureVerifications();
        fresh.verify(report, endorsements, JUNE_2025);
        long warm = fresh.signatureVerifications() - cold;

        // Then cold checks the ARK self-signature, the VCEK and the report; warm only the report
        assertThat(cold).isEqualTo(3);
        assertThat(warm).isEqualTo(1);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
