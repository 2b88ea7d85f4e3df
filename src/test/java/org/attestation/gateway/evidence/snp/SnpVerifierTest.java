package org.attestation.gateway.evidence.snp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.attestation.gateway.collateral.AmdCollateralKey;
import org.attestation.gateway.crypto.CryptoProviders;
import org.attestation.gateway.crypto.Pem;
import org.attestation.gateway.evidence.snp.testpki.SnpTestPki;
import org.attestation.gateway.evidence.snp.testpki.TestReportBuilder;
import org.attestation.gateway.evidence.snp.testpki.TestVek;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The SEV-SNP verifier against a test AMD PKI: one test per check of spec/snp.md §3.1 steps 2–8. */
class SnpVerifierTest {

    private static final Instant AT = SnpTestPki.AT;

    private final SnpTestPki milan = SnpTestPki.of(SnpProduct.MILAN);
    private final TestVek vcek = milan.vek(SigningKey.VCEK).build();
    private final SnpVerifier verifier = new SnpVerifier(milan.roots(), CryptoProviders.install());

    private SnpVerification verify(byte[] report, SnpEndorsements endorsements) {
        return verifier.verify(SnpReport.parse(report), endorsements, AT);
    }

    private static void assertRejected(ThrowingCallable call, SnpStatus status) {
        assertThatThrownBy(call).isInstanceOf(SnpVerificationException.class)
                .satisfies(e -> assertThat(((SnpVerificationException) e).status()).isEqualTo(status));
    }

    private static void assertFormat(byte[] report, String field, int offset) {
        assertThatThrownBy(() -> SnpReport.parse(report)).isInstanceOf(SnpReportFormatException.class)
                .satisfies(e -> {
                    SnpReportFormatException f = (SnpReportFormatException) e;
                    assertThat(f.field()).isEqualTo(field);
                    assertThat(f.offset()).isEqualTo(offset);
                    assertThat(f.code()).isEqualTo("SNP_REPORT_FORMAT_INVALID");
                });
    }

    // ---- positives ------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 5})
    void everyReportVersionVerifies(int version) {
        // Given a Milan report of this version signed by its VCEK
        byte[] report = new TestReportBuilder(SnpProduct.MILAN).version(version).signedBy(vcek);

        // When it is verified
        SnpVerification result = verify(report, milan.endorsements(vcek));

        // Then the product comes from CPUID (v3+) or from the VCEK's productName "Milan-B0" (v2)
        assertThat(result.product()).isEqualTo(SnpProduct.MILAN);
        assertThat(result.signingKey()).isEqualTo(SigningKey.VCEK);
        assertThat(result.reportedTcb().ucodeSpl()).isEqualTo(115);
        assertThat(result.crlChecked()).isFalse();
        assertThat(result.report().launchMitVector()).isEqualTo(version >= 5 ? Optional.of(3L) : Optional.empty());
    }

    @Test
    void genoaAndTurinVerifyWithTheirLayouts() {
        // Given Genoa and Turin PKIs, VCEKs and reports (Turin: FMC at TCB byte 0, 8-byte hwID, structVersion 1)
        SnpTestPki genoa = SnpTestPki.of(SnpProduct.GENOA);
        TestVek genoaVcek = genoa.vek(SigningKey.VCEK).build();
        SnpTestPki turin = SnpTestPki.of(SnpProduct.TURIN);
        TestVek turinVcek = turin.vek(SigningKey.VCEK).build();
        SnpVerifier both = new SnpVerifier(AmdRoots.of(List.of(genoa.ark(), turin.ark())), CryptoProviders.install());

        // When each is verified
        SnpVerification g = both.verify(SnpReport.parse(new TestReportBuilder(SnpProduct.GENOA).signedBy(genoaVcek)),
                genoa.endorsements(genoaVcek), AT);
        SnpVerification t = both.verify(SnpReport.parse(new TestReportBuilder(SnpProduct.TURIN).signedBy(turinVcek)),
                turin.endorsements(turinVcek), AT);

        // Then both pass, Turin with its FMC SPL and 8-byte hwID
        assertThat(g.product()).isEqualTo(SnpProduct.GENOA);
        assertThat(t.product()).isEqualTo(SnpProduct.TURIN);
        assertThat(t.reportedTcb().fmcSpl()).hasValue(1);
        assertThat(t.vek().hwId()).hasValueSatisfying(hw -> assertThat(hw).hasSize(8));
        assertThat(t.vek().structVersion()).isEqualTo(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> tcb = (Map<String, Object>) SnpClaims.of(t).get("sevsnp_reported_tcb");
        assertThat(tcb).containsEntry("fmc", 1).containsEntry("bootloader", 3).containsEntry("snpfw", 8);
    }

    @Test
    void turinVcekMustCarryEightByteHwIdAndZeroChipIdTail() {
        SnpTestPki turin = SnpTestPki.of(SnpProduct.TURIN);
        SnpVerifier v = new SnpVerifier(turin.roots(), CryptoProviders.install());
        // Given a Turin VCEK whose hwID is the 64-byte form
        TestVek wide = turin.vek(SigningKey.VCEK).hwId(TestReportBuilder.defaultChipId()).build();
        byte[] report = new TestReportBuilder(SnpProduct.TURIN).signedBy(wide);
        // Then it is refused
        assertRejected(() -> v.verify(SnpReport.parse(report), turin.endorsements(wide), AT),
                SnpStatus.SNP_CHIP_ID_MISMATCH);

        // Given a Turin report whose CHIP_ID has non-zero bytes after the first 8
        TestVek good = turin.vek(SigningKey.VCEK).build();
        byte[] dirty = new TestReportBuilder(SnpProduct.TURIN).chipId(TestReportBuilder.defaultChipId()).signedBy(good);
        // Then it is refused too
        assertRejected(() -> v.verify(SnpReport.parse(dirty), turin.endorsements(good), AT),
                SnpStatus.SNP_CHIP_ID_MISMATCH);

        // Given a Turin VCEK without fmcSPL, or with structVersion 0
        TestVek noFmc = turin.vek(SigningKey.VCEK).withoutFmc().build();
        TestVek v0 = turin.vek(SigningKey.VCEK).structVersion(0).build();
        assertRejected(() -> v.verify(SnpReport.parse(new TestReportBuilder(SnpProduct.TURIN).signedBy(noFmc)),
                turin.endorsements(noFmc), AT), SnpStatus.SNP_TCB_MISMATCH);
        assertRejected(() -> v.verify(SnpReport.parse(new TestReportBuilder(SnpProduct.TURIN).signedBy(v0)),
                turin.endorsements(v0), AT), SnpStatus.SNP_PRODUCT_MISMATCH);
    }

    @Test
    void vlekSignedReportWithMaskedChipIdVerifies() {
        // Given a VLEK (csp_id, no hwID) and a report with SIGNING_KEY 1 and CHIP_ID zero, VMPL 1
        TestVek vlek = milan.vek(SigningKey.VLEK).build();
        byte[] report = new TestReportBuilder(SnpProduct.MILAN).chipId(new byte[64]).vmpl(1).signedBy(vlek);

        // When it is verified with the ASVK chain
        SnpVerification result = verify(report, milan.endorsements(vlek));

        // Then it passes as VLEK-signed, and no VCEK could be looked up for it
        assertThat(result.signingKey()).isEqualTo(SigningKey.VLEK);
        assertThat(result.vek().cspId()).hasValue("CN=cc-test.example");
        assertThat(SnpClaims.of(result)).containsEntry("sevsnp_signing_key", "VLEK").containsEntry("x-ms-sevsnpvm-vmpl", 1);
        assertRejected(() -> result.report().unmaskedChipId(), SnpStatus.SNP_CHIP_ID_MASKED);
        // And a VLEK chain offered for a VCEK-signed report is refused
        assertRejected(() -> verify(new TestReportBuilder(SnpProduct.MILAN).signingKeyCode(0).signedBy(vlek),
                milan.endorsements(vlek)), SnpStatus.SNP_VEK_INVALID);
    }

    @Test
    void debugPolicyIsNotRejectedByTheVerifier() {
        // Given a debuggable guest (POLICY 0xB0000, like go-sev-guest's sample)
        byte[] report = new TestReportBuilder(SnpProduct.MILAN).policy(0xB0000L).signedBy(vcek);
        // Then the verifier passes it and the claim tells policy
        assertThat(SnpClaims.of(verify(report, milan.endorsements(vcek))))
                .containsEntry("x-ms-sevsnpvm-is-debuggable", true).containsEntry("sevsnp_policy_debug", true);
    }

    // ---- §3.1 step 8: signature --------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource({"0x090, measurement", "0x2A0, R", "0x2E8, S", "0x004, guest svn"})
    void aFlippedByteBreaksTheSignature(String offsetHex, String what) {
        // Given a valid report with one byte flipped after signing
        int offset = Integer.decode(offsetHex);
        byte[] report = new TestReportBuilder(SnpProduct.MILAN).signedBy(vcek);
        report[offset] ^= 0x01;
        // Then the signature fails
        assertRejected(() -> verify(report, milan.endorsements(vcek)), SnpStatus.SNP_REPORT_SIGNATURE_INVALID);
    }

    // ---- §3.1 step 7: binding ------------------------------------------------------------------------

    @Test
    void vcekOfAnotherChipIsRefused() {
        byte[] other = TestReportBuilder.defaultChipId();
        other[63] ^= 0x55;
        TestVek foreign = milan.vek(SigningKey.VCEK).chipId(other).build();
        byte[] report = new TestReportBuilder(SnpProduct.MILAN).signedBy(foreign);
        assertRejected(() -> verify(report, milan.endorsements(foreign)), SnpStatus.SNP_CHIP_ID_MISMATCH);
    }

    @Test
    void vcekWhoseSplsDifferFromReportedTcbIsRefused() {
        // Given a VCEK for microcode 116 and a report with REPORTED_TCB microcode 115
        TestVek newer = milan.vek(SigningKey.VCEK).tcb(TcbVersion.decode(TcbVersion.compose(SnpProduct.MILAN, 0, 3,
                0, 8, 116), SnpProduct.MILAN)).build();
        assertRejected(() -> verify(new TestReportBuilder(SnpProduct.MILAN).signedBy(newer), milan.endorsements(newer)),
                SnpStatus.SNP_TCB_MISMATCH);
        // And a report whose REPORTED_TCB byte 0 (BL) is one higher than the VCEK's (trustee's check_report_tcb_failure)
        byte[] bumped = new TestReportBuilder(SnpProduct.MILAN).set(0x180, (byte) 4).signedBy(vcek);
        assertRejected(() -> verify(bumped, milan.endorsements(vcek)), SnpStatus.SNP_TCB_MISMATCH);
    }

    @Test
    void productMismatchesAndUnknownProductsAreRefused() {
        // CPUID says Milan but the VCEK says Genoa
        TestVek genoaNamed = milan.vek(SigningKey.VCEK).productName("Genoa").build();
        assertRejected(() -> verify(new TestReportBuilder(SnpProduct.MILAN).signedBy(genoaNamed),
                milan.endorsements(genoaNamed)), SnpStatus.SNP_PRODUCT_MISMATCH);
        // CPUID family 1Ah model 50h (Venice: no KDS endpoint)
        byte[] venice = new TestReportBuilder(SnpProduct.MILAN).set(0x188, (byte) 0x1A, (byte) 0x50).signedBy(vcek);
        assertRejected(() -> verify(venice, milan.endorsements(vcek)), SnpStatus.SNP_PRODUCT_UNKNOWN);
        // v2 (no CPUID) with a VCEK productName nobody knows
        TestVek unknown = milan.vek(SigningKey.VCEK).productName("Naples").build();
        assertRejected(() -> verify(new TestReportBuilder(SnpProduct.MILAN).version(2).signedBy(unknown),
                milan.endorsements(unknown)), SnpStatus.SNP_PRODUCT_UNKNOWN);
    }

    // ---- §3.1 step 6: chain ---------------------------------------------------------------------------

    @Test
    void anArkThatIsNotPinnedIsNotTrusted() {
        // Given a whole PKI with the right names but another ARK key
        SnpTestPki impostor = SnpTestPki.fresh(SnpProduct.MILAN);
        TestVek fake = impostor.vek(SigningKey.VCEK).build();
        byte[] report = new TestReportBuilder(SnpProduct.MILAN).signedBy(fake);
        // Then neither the test roots nor AMD's production pins trust it
        assertRejected(() -> verify(report, impostor.endorsements(fake)), SnpStatus.SNP_ROOT_NOT_TRUSTED);
        assertRejected(() -> new SnpVerifier(AmdRoots.pinned(), CryptoProviders.install())
                .verify(SnpReport.parse(report), impostor.endorsements(fake), AT), SnpStatus.SNP_ROOT_NOT_TRUSTED);
    }

    @Test
    void anAskNotSignedByTheArkIsRefused() {
        SnpTestPki broken = milan.withAskNotSignedByArk();
        TestVek v = broken.vek(SigningKey.VCEK).build();
        assertRejected(() -> verify(new TestReportBuilder(SnpProduct.MILAN).signedBy(v), broken.endorsements(v)),
                SnpStatus.SNP_ASK_CHAIN_INVALID);
    }

    @Test
    void aVcekNotSignedByTheAskIsRefused() {
        // Given a VCEK with the ASK's name as issuer but signed by another RSA key
        TestVek forged = milan.vek(SigningKey.VCEK).signedBy(SnpTestPki.of(SnpProduct.GENOA).arkKey()).build();
        assertRejected(() -> verify(new TestReportBuilder(SnpProduct.MILAN).signedBy(forged),
                milan.endorsements(forged)), SnpStatus.SNP_VEK_CHAIN_INVALID);
    }

    @Test
    void missingPiecesAreNamed() {
        byte[] report = new TestReportBuilder(SnpProduct.MILAN).signedBy(vcek);
        assertRejected(() -> verify(report, new SnpEndorsements(Optional.empty(), milan.chain(SigningKey.VCEK),
                Optional.empty())), SnpStatus.SNP_VEK_MISSING);
        assertRejected(() -> verify(report, SnpEndorsements.of(vcek.der(), List.of())),
                SnpStatus.SNP_CERT_CHAIN_MISSING);
    }

    @Test
    void expiredAndNotYetValidVeksAreRefused() {
        TestVek expired = milan.vek(SigningKey.VCEK).validity(Instant.parse("2024-12-10T00:00:00Z"),
                Instant.parse("2025-12-10T00:00:00Z")).build();
        byte[] report = new TestReportBuilder(SnpProduct.MILAN).signedBy(expired);
        assertRejected(() -> verify(report, milan.endorsements(expired)), SnpStatus.SNP_CERTIFICATE_EXPIRED);
        // The same VEK verifies at a time inside its validity (the verdict is time-independent and cached)
        assertThat(verifier.verify(SnpReport.parse(report), milan.endorsements(expired),
                Instant.parse("2025-06-01T00:00:00Z")).product()).isEqualTo(SnpProduct.MILAN);
        assertRejected(() -> verifier.verify(SnpReport.parse(report), milan.endorsements(expired),
                Instant.parse("2024-01-01T00:00:00Z")), SnpStatus.SNP_CERTIFICATE_EXPIRED);
    }

    @Test
    void theCrlRevokesAsksAndVeksAndTellsWhenItIsStale() {
        byte[] report = new TestReportBuilder(SnpProduct.MILAN).signedBy(vcek);
        SnpEndorsements plain = milan.endorsements(vcek);
        // A CRL revoking nothing: checked, fresh
        SnpVerification clean = verify(report, plain.withCrl(milan.crl(BigInteger.valueOf(12345))));
        assertThat(clean.crlChecked()).isTrue();
        assertThat(clean.collateralExpired()).isFalse();
        // The VCEK's serial (0) revoked
        assertRejected(() -> verify(report, plain.withCrl(milan.crl(BigInteger.ZERO))), SnpStatus.SNP_VEK_REVOKED);
        // The ASK's serial revoked
        assertRejected(() -> verify(report, plain.withCrl(milan.crl(milan.ask().getSerialNumber()))),
                SnpStatus.SNP_ASK_REVOKED);
        // A CRL past its nextUpdate: flagged, not failed
        byte[] stale = milan.crl(AT.minusSeconds(90 * 86400), AT.minusSeconds(86400), milan.arkKey());
        assertThat(verify(report, plain.withCrl(stale)).collateralExpired()).isTrue();
        // A CRL signed by another key
        byte[] forged = milan.crl(AT.minusSeconds(86400), AT.plusSeconds(86400), SnpTestPki.of(SnpProduct.GENOA).arkKey());
        assertRejected(() -> verify(report, plain.withCrl(forged)), SnpStatus.SNP_CRL_INVALID);
        assertRejected(() -> verify(report, plain.withCrl(new byte[] {1, 2, 3})), SnpStatus.SNP_CRL_INVALID);
    }

    @Test
    void aWarmVerificationChecksOnlyTheReportSignature() {
        // Given a fresh verifier and a valid report with its chain and a CRL
        SnpVerifier fresh = new SnpVerifier(milan.roots(), CryptoProviders.install());
        byte[] report = new TestReportBuilder(SnpProduct.MILAN).signedBy(vcek);
        SnpEndorsements endorsements = milan.endorsements(vcek).withCrl(milan.crl());

        // When it is verified twice
        fresh.verify(SnpReport.parse(report), endorsements, AT);
        long cold = fresh.signatureVerifications();
        fresh.verify(SnpReport.parse(report), endorsements, AT);
        long warm = fresh.signatureVerifications() - cold;

        // Then the first checks ARK, ASK, VCEK, CRL and report; the second only the report
        assertThat(cold).isEqualTo(5);
        assertThat(warm).isEqualTo(1);
    }

    // ---- §3.1 step 2: structure -------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource({"3, 0x04C, reserved", "3, 0x18B, reserved", "3, 0x19F, reserved", "2, 0x188, reserved",
            "3, 0x1EB, reserved", "3, 0x1EF, reserved", "3, 0x1F8, reserved", "5, 0x208, reserved",
            "3, 0x29F, reserved", "3, 0x330, SIGNATURE.reserved", "3, 0x49F, SIGNATURE.reserved",
            "3, 0x048, SIGNER_INFO"})
    void nonZeroReservedBytesAreRefusedByName(int version, String offsetHex, String field) {
        int offset = Integer.decode(offsetHex);
        byte[] report = new TestReportBuilder(SnpProduct.MILAN).version(version).signedBy(vcek);
        report[offset] |= (byte) (offset == 0x048 ? 0x20 : 0x01);
        assertFormat(report, field, offset);
    }

    @Test
    void versionsAlgorithmsSigningKeysAndPolicyBitsOutsideTheSpecAreRefused() {
        TestReportBuilder b = new TestReportBuilder(SnpProduct.MILAN);
        assertFormat(new TestReportBuilder(SnpProduct.MILAN).version(1).signedBy(vcek), "VERSION", 0);
        assertFormat(new TestReportBuilder(SnpProduct.MILAN).version(6).signedBy(vcek), "VERSION", 0);
        assertFormat(new TestReportBuilder(SnpProduct.MILAN).signingKeyCode(7).signedBy(vcek),
                "SIGNER_INFO.SIGNING_KEY", 0x048);
        assertFormat(new TestReportBuilder(SnpProduct.MILAN).signingKeyCode(2).signedBy(vcek),
                "SIGNER_INFO.SIGNING_KEY", 0x048);
        assertFormat(b.set(0x034, (byte) 2).signedBy(vcek), "SIGNATURE_ALGO", 0x034);
        assertFormat(new TestReportBuilder(SnpProduct.MILAN).policy(0x10000L).signedBy(vcek), "POLICY", 0x008);
        assertFormat(new TestReportBuilder(SnpProduct.MILAN).policy(0x30000L | 1L << 26).signedBy(vcek), "POLICY",
                0x008);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 793, 1183, 1185, 2048})
    void reportsOfAnyOtherSizeAreRefusedWithTheSize(int size) {
        byte[] report = Arrays.copyOf(new TestReportBuilder(SnpProduct.MILAN).signedBy(vcek), size);
        assertThatThrownBy(() -> SnpReport.parse(report)).isInstanceOf(SnpReportFormatException.class)
                .hasMessageContaining(size + " bytes").hasMessageContaining("1184");
    }

    @Test
    void theConstructorChecksAsParseDoes() {
        // Given bytes that parse() refuses, then the canonical constructor refuses them too (no unchecked instance)
        byte[] unsigned = new TestReportBuilder(SnpProduct.MILAN).signingKeyCode(7).signedBy(vcek);
        assertThatThrownBy(() -> new SnpReport(unsigned)).isInstanceOf(SnpReportFormatException.class);
        assertThatThrownBy(() -> new SnpReport(null)).isInstanceOf(SnpReportFormatException.class)
                .hasMessageContaining("0 bytes");
    }

    @Test
    void hclReportsAreCheckedBeforeTheirReportIsUsed() {
        // Given an HCL header with a SNP report and 4 bytes of variable data
        byte[] hcl = new byte[1240];
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(hcl).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 0x414C4348).putInt(1224, 2).putInt(1228, 1).putInt(1232, 4);
        System.arraycopy(new TestReportBuilder(SnpProduct.MILAN).signedBy(vcek), 0, hcl, 32, SnpReport.SIZE);
        assertThat(AzureHclReport.parse(hcl).variableData()).hasSize(4);
        // Then a claimed variable-data size beyond the buffer, a wrong magic or a short buffer are refused
        b.putInt(1232, 5);
        assertThatThrownBy(() -> AzureHclReport.parse(hcl)).hasMessageContaining("claims 5 bytes");
        b.putInt(1232, 4).putInt(0, 0);
        assertThatThrownBy(() -> AzureHclReport.parse(hcl)).hasMessageContaining("HCLA");
        assertThatThrownBy(() -> AzureHclReport.parse(new byte[1000])).hasMessageContaining("1000 bytes");
    }

    @Test
    void certificatesThatAreNotVeksAreInvalid() {
        // Given a real test VCEK, it parses; the ASK (CN SEV-Milan, no AMD extensions) and non-DER bytes do not
        assertThat(VekCertificate.parse(vcek.der()).productName()).isEqualTo("Milan-B0");
        assertRejected(() -> VekCertificate.parse(Pem.der(milan.ask())), SnpStatus.SNP_VEK_INVALID);
        assertRejected(() -> VekCertificate.parse(new byte[] {0x30, 0x00}), SnpStatus.SNP_VEK_INVALID);
    }

    // ---- helpers the lead uses -------------------------------------------------------------------------

    @Test
    void vcekKeyUsesTheProductsHwIdAndLayout() {
        SnpReport turin = SnpReport.parse(new TestReportBuilder(SnpProduct.TURIN).signedBy(
                SnpTestPki.of(SnpProduct.TURIN).vek(SigningKey.VCEK).build()));
        AmdCollateralKey key = AmdCollateralKey.vcek(SnpProduct.TURIN, turin.chipId(), turin.reportedTcb());
        assertThat(key.hwId()).isEqualTo("1011121314151617");
        assertThat(key.kdsPathAndQuery()).isEqualTo(
                "/vcek/v1/Turin/1011121314151617?fmcSPL=1&blSPL=3&teeSPL=0&snpSPL=8&ucodeSPL=115");
        SnpReport m = SnpReport.parse(new TestReportBuilder(SnpProduct.MILAN).signedBy(vcek));
        assertThat(AmdCollateralKey.vcek(SnpProduct.MILAN, m.chipId(), m.reportedTcb()).hwId())
                .hasSize(2 * 64);
    }

    @Test
    void pemChainsAreSortedByCommonName() {
        // Given MAA's VcekCertChain in KDS order and shuffled
        String vekPem = Pem.encode(Pem.CERTIFICATE, vcek.der());
        String askPem = Pem.encode(Pem.CERTIFICATE, Pem.der(milan.ask()));
        String arkPem = Pem.encode(Pem.CERTIFICATE, Pem.der(milan.ark()));
        for (String pem : List.of(vekPem + askPem + arkPem, arkPem + vekPem + askPem)) {
            SnpEndorsements e = SnpEndorsements.fromPemChain(pem);
            // Then the VEK, then ASK and ARK are found, and the report verifies
            assertThat(e.vek()).hasValueSatisfying(der -> assertThat(der).isEqualTo(vcek.der()));
            assertThat(e.chain()).hasSize(2);
            assertThat(e.chain().get(0)).isEqualTo(Pem.der(milan.ask()));
            assertThat(verify(new TestReportBuilder(SnpProduct.MILAN).signedBy(vcek), e).product())
                    .isEqualTo(SnpProduct.MILAN);
        }
    }

    @Test
    void rootsFileNamesTheProductByArkCommonName(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("amd-roots.pem");
        Files.writeString(file, Pem.encode(Pem.CERTIFICATE, Pem.der(SnpTestPki.of(SnpProduct.GENOA).ark())));
        AmdRoots roots = AmdRoots.fromPemFile(file);
        assertThat(roots.isAmdProduction()).isFalse();
        assertThat(roots.trustsArk(SnpProduct.GENOA, SnpTestPki.of(SnpProduct.GENOA).ark())).isTrue();
        assertThat(roots.trustsArk(SnpProduct.MILAN, SnpTestPki.of(SnpProduct.GENOA).ark())).isFalse();
        Files.writeString(file, Pem.encode(Pem.CERTIFICATE, vcek.der()));
        assertThatThrownBy(() -> AmdRoots.fromPemFile(file)).hasMessageContaining("SEV-VCEK");
    }

    @Test
    void hwIdWrappedInAnOctetStringIsUnwrapped() {
        TestVek wrapped = milan.vek(SigningKey.VCEK).hwIdAsOctetString().build();
        assertThat(VekCertificate.parse(wrapped.der()).hwId()).hasValueSatisfying(
                hw -> assertThat(hw).isEqualTo(TestReportBuilder.defaultChipId()));
        assertThat(verify(new TestReportBuilder(SnpProduct.MILAN).signedBy(wrapped), milan.endorsements(wrapped))
                .vek().hwId()).isPresent();
    }

    @Test
    void productDetectionFollowsTheCpuidRanges() {
        assertThat(SnpProduct.fromCpuid(0x19, 0x01)).hasValue(SnpProduct.MILAN);
        assertThat(SnpProduct.fromCpuid(0x19, 0x11)).hasValue(SnpProduct.GENOA);
        assertThat(SnpProduct.fromCpuid(0x19, 0xA0)).hasValue(SnpProduct.GENOA);
        assertThat(SnpProduct.fromCpuid(0x19, 0xAF)).hasValue(SnpProduct.GENOA);
        assertThat(SnpProduct.fromCpuid(0x19, 0x20)).isEmpty();
        assertThat(SnpProduct.fromCpuid(0x1A, 0x02)).hasValue(SnpProduct.TURIN);
        assertThat(SnpProduct.fromCpuid(0x1A, 0x50)).isEmpty();
        assertThat(SnpProduct.fromProductName("Milan-B0")).hasValue(SnpProduct.MILAN);
        assertThat(SnpProduct.fromProductName("Genoa")).hasValue(SnpProduct.GENOA);
        assertThat(SnpProduct.fromProductName("Milanese")).isEmpty();
    }
}
