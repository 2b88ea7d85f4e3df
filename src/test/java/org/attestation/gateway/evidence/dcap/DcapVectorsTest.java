package org.attestation.gateway.evidence.dcap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HexFormat;
import org.attestation.gateway.crypto.CryptoProviders;
import org.attestation.gateway.crypto.Pem;
import org.attestation.gateway.support.SharedVectors;
import org.junit.jupiter.api.Test;

/**
 * Every pairing of quote and collateral in {@code ../shared/vectors/dcap/PROVENANCE.md}, verified at the time
 * given there against the pinned production Intel SGX Root CA, with the result Intel's algorithm gives.
 */
class DcapVectorsTest {

    private static final String PHALA = "dcap/phala-dcap-qvl/";
    private static final String GOOGLE = "dcap/google-go-tdx-guest/";
    private static final String AUTOMATA = "dcap/automata-solana/";
    private static final String TRUSTEE = "dcap/coco-trustee/";
    private static final Instant JULY_2025 = Instant.ofEpochSecond(1751328000);
    private static final Instant MARCH_2026 = Instant.ofEpochSecond(1772323200);
    private static final Instant JULY_2023 = Instant.ofEpochSecond(1688173200);

    private final DcapVerifier verifier = new DcapVerifier(TrustedRoot.intel(), CryptoProviders.install());

    private DcapVerification verify(String quote, String collateral, Instant at) {
        return verifier.verify(Quote.parse(SharedVectors.bytes(quote)),
                DcapCollateral.fromJson(SharedVectors.text(collateral)), at);
    }

    @Test
    void p1PhalaSgxV3IsConfigurationAndSwHardeningNeeded() {
        DcapVerification result = verify(PHALA + "sgx_quote", PHALA + "sgx_quote_collateral.json", JULY_2025);

        assertThat(result.status()).isEqualTo(TcbStatus.CONFIGURATION_AND_SW_HARDENING_NEEDED);
        assertThat(result.advisoryIds()).containsExactly("INTEL-SA-00289", "INTEL-SA-00615");
        assertThat(result.tcb().tcbDate()).isEqualTo(Instant.parse("2024-03-13T00:00:00Z"));
        assertThat(result.qeLevel().isvSvn()).isEqualTo(8);
        assertThat(result.qeLevel().status()).isEqualTo(TcbStatus.UP_TO_DATE);
        assertThat(result.collateralExpired()).isFalse();
        assertThat(HexFormat.of().formatHex(result.pck().fmspc())).isEqualToIgnoringCase("00A067110000");
    }

    @Test
    void p2PhalaTdxV4IsUpToDate() {
        DcapVerification result = verify(PHALA + "tdx_quote", PHALA + "tdx_quote_collateral.json", JULY_2025);

        assertThat(result.status()).isEqualTo(TcbStatus.UP_TO_DATE);
        assertThat(result.advisoryIds()).isEmpty();
        // TEE_TCB_SVN 06 01 03: module TDX_01 with SVN 6 matches TDX_01's first level, ISVSVN 4
        assertThat(result.tcb().moduleLevel()).hasValueSatisfying(level -> {
            assertThat(level.isvSvn()).isEqualTo(4);
            assertThat(level.status()).isEqualTo(TcbStatus.UP_TO_DATE);
        });
        assertThat(result.collateralExpired()).isFalse();
    }

    @Test
    void p3PhalaTdxV5HasNoMatchingTcbLevel() {
        assertNotSupported(PHALA + "tdx_quote_outdated", PHALA + "tdx_quote_outdated_collateral.json", MARCH_2026);
    }

    @Test
    void p4PhalaTdxQuotesWithoutTheirOwnCollateralHaveNoMatchingTcbLevel() {
        assertNotSupported(PHALA + "quote-from-tappd.bin", PHALA + "tdx_quote_collateral.json", JULY_2025);
        assertNotSupported(PHALA + "tdx-quote-hex.bin", PHALA + "tdx_quote_collateral.json", JULY_2025);
    }

    @Test
    void g1GoogleSprE4HasNoMatchingTcbLevel() {
        assertNotSupported(GOOGLE + "tdx_prod_quote_SPR_E4.dat", GOOGLE + "collateral_v4_SPR_E4.dcap-qvl.json",
                JULY_2023);
    }

    @Test
    void g2GoogleV5Td15WithCompositeCollateralIsUpToDate() {
        DcapVerification result = verify(GOOGLE + "quote_v5_sample.dat", GOOGLE + "collateral_v5_composite.dcap-qvl.json",
                MARCH_2026);

        assertThat(result.quote().bodyType()).isEqualTo(Quote.BODY_TD_1_5);
        assertThat(result.status()).isEqualTo(TcbStatus.UP_TO_DATE);
        assertThat(result.tcb().moduleLevel()).hasValueSatisfying(level -> assertThat(level.isvSvn()).isEqualTo(6));
        assertThat(result.collateralExpired()).isFalse();
    }

    @Test
    void a1AutomataTdxPaddedTo8000BytesIsOutOfDate() {
        DcapVerification result = verify(AUTOMATA + "quote_tdx.bin", AUTOMATA + "collateral_tdx.dcap-qvl.json",
                Instant.ofEpochSecond(1754006400));

        assertThat(result.quote().raw()).hasSize(8000);
        assertThat(result.status()).isEqualTo(TcbStatus.OUT_OF_DATE);
        assertThat(result.advisoryIds()).containsExactly("INTEL-SA-00960", "INTEL-SA-00982", "INTEL-SA-00986");
        assertThat(result.tcb().tcbDate()).isEqualTo(Instant.parse("2023-08-09T00:00:00Z"));
    }

    @Test
    void a5DebugEnclaveIsNotRejectedByIntelsAlgorithm() {
        DcapVerification result = verify(AUTOMATA + "quote_sgx.bin", PHALA + "sgx_quote_collateral.json", JULY_2025);

        assertThat(((SgxReportBody) result.quote().body()).debug()).isTrue();
        assertThat(result.status()).isEqualTo(TcbStatus.CONFIGURATION_AND_SW_HARDENING_NEEDED);
        assertThat(result.advisoryIds()).containsExactly("INTEL-SA-00289", "INTEL-SA-00615");
    }

    @Test
    void c1DebugTdIsUpToDate() {
        DcapVerification result = verify(TRUSTEE + "tdx_quote_4.dat", GOOGLE + "collateral_v4_SPR_E4.dcap-qvl.json",
                JULY_2023);

        assertThat(((TdReportBody) result.quote().body()).tdAttributes()[0] & 1).isEqualTo(1);
        assertThat(result.status()).isEqualTo(TcbStatus.UP_TO_DATE);
    }

    @Test
    void c4TrusteeModuleMajor3IsOutOfDateWithExpiredCrlFlagged() {
        // Given trustee's signed TCB info and TD_QE identity, completed with Intel-signed CRLs and chains of
        // the same CAs from the Automata set (its PCK CRL expired in August 2025)
        SignedMember tcbInfo = SignedMember.of(SharedVectors.text(TRUSTEE + "tcbInfo.json"), "tcbInfo");
        SignedMember qeIdentity = SignedMember.of(SharedVectors.text(TRUSTEE + "enclaveIdentity.json"), "enclaveIdentity");
        String root = pem(AUTOMATA + "root.der");
        DcapCollateral collateral = new DcapCollateral(pem(AUTOMATA + "platform.der") + root,
                SharedVectors.bytes(AUTOMATA + "intel_root_ca_crl.der"), SharedVectors.bytes(AUTOMATA + "pck_platform_crl.der"),
                pem(AUTOMATA + "signing.der") + root, tcbInfo.text(), tcbInfo.signature(),
                pem(AUTOMATA + "signing.der") + root, qeIdentity.text(), qeIdentity.signature());

        // When quote 6 is verified inside the TCB info's window
        DcapVerification result = verifier.verify(Quote.parse(SharedVectors.bytes(TRUSTEE + "tdx_quote_6.dat")),
                collateral, Instant.parse("2025-11-01T00:00:00Z"));

        // Then the platform is OutOfDate, module TDX_03 UpToDate, and the stale CRL is flagged, not fatal
        assertThat(result.status()).isEqualTo(TcbStatus.OUT_OF_DATE);
        assertThat(result.tcb().tcbDate()).isEqualTo(Instant.parse("2018-01-04T00:00:00Z"));
        assertThat(result.tcb().moduleLevel()).hasValueSatisfying(
                level -> assertThat(level.status()).isEqualTo(TcbStatus.UP_TO_DATE));
        assertThat(result.collateralExpired()).isTrue();
    }

    @Test
    void trusteePartialCollateralWithoutCrlsIsRejected() {
        assertThatThrownBy(() -> DcapCollateral.fromJson(SharedVectors.text(TRUSTEE + "partial_collateral_tdx_quote_6.json")))
                .isInstanceOf(CollateralFormatException.class)
                .hasMessage("the collateral lacks pck_crl_issuer_chain");
    }

    @Test
    void sameCollateralIsVerifiedOnceAndExpiryFollowsTheVerificationTime() {
        // Given P1 verified inside its window
        verify(PHALA + "sgx_quote", PHALA + "sgx_quote_collateral.json", JULY_2025);

        // When it is verified again one second after the QE identity expired
        DcapVerification late = verify(PHALA + "sgx_quote", PHALA + "sgx_quote_collateral.json",
                Instant.parse("2025-07-19T10:01:19Z"));

        // Then the cached collateral serves, and expiry is flagged without failing (as QvE)
        assertThat(verifier.cacheSizes()[0]).isEqualTo(1);
        assertThat(late.collateralExpired()).isTrue();
        assertThat(late.status()).isEqualTo(TcbStatus.CONFIGURATION_AND_SW_HARDENING_NEEDED);
    }

    @Test
    void coldVerificationChecksEverySignatureAndWarmOnlyThoseOfTheQuote() {
        // Given a fresh verifier
        DcapVerification cold = verify(PHALA + "sgx_quote", PHALA + "sgx_quote_collateral.json", JULY_2025);
        long coldCount = verifier.signatureVerifications();

        // When the same quote is verified again with the same collateral
        verify(PHALA + "sgx_quote", PHALA + "sgx_quote_collateral.json", JULY_2025);
        long warmCount = verifier.signatureVerifications() - coldCount;

        // Then the cold path checked root, PCK CA, both CRLs, TCB signing cert, TCB info, QE identity, PCK,
        // QE report and quote; the warm path only the PCK certificate, the QE report and the quote
        assertThat(cold.status()).isEqualTo(TcbStatus.CONFIGURATION_AND_SW_HARDENING_NEEDED);
        assertThat(coldCount).isEqualTo(10);
        assertThat(warmCount).isEqualTo(3);
    }

    @Test
    void itemsCheckedOnArrivalAreNotParsedOrCheckedAgainWhenTheirCollateralIsVerified() {
        // Given P1's four items checked one by one, as the collateral tier checks each when it arrives
        DcapCollateral collateral = DcapCollateral.fromJson(SharedVectors.text(PHALA + "sgx_quote_collateral.json"));
        HexFormat hex = HexFormat.of();
        verifier.checkTcbInfo("{\"tcbInfo\":" + collateral.tcbInfo() + ",\"signature\":\""
                + hex.formatHex(collateral.tcbInfoSignature()) + "\"}", collateral.tcbInfoIssuerChain());
        verifier.checkEnclaveIdentity("{\"enclaveIdentity\":" + collateral.qeIdentity() + ",\"signature\":\""
                + hex.formatHex(collateral.qeIdentitySignature()) + "\"}", collateral.qeIdentityIssuerChain());
        verifier.checkPckCrl(collateral.pckCrl(), collateral.pckCrlIssuerChain());
        verifier.checkRootCaCrl(collateral.rootCaCrl());
        long itemChecks = verifier.signatureVerifications();

        // When the quote is verified with the collateral those items make up
        DcapVerification result = verifier.verify(Quote.parse(SharedVectors.bytes(PHALA + "sgx_quote")), collateral,
                JULY_2025);

        // Then the items cost root, TCB signing cert, TCB info, QE identity, PCK CA, both CRLs; the verification
        // only the two CRL signatures (against this collateral's chains) and the PCK, QE report and quote
        assertThat(result.status()).isEqualTo(TcbStatus.CONFIGURATION_AND_SW_HARDENING_NEEDED);
        assertThat(itemChecks).isEqualTo(7);
        assertThat(verifier.signatureVerifications() - itemChecks).isEqualTo(5);
    }

    @Test
    void intelSampleTdxWithItsTestRootPassesChainsAndSignaturesAndFailsOnTheModuleIdentity() {
        // Given Intel's synthetic TDX sample (its own test root, chains root first, DER chain in the quote)
        String folder = "dcap/intel-qvl-sampledata/tdx/";
        TrustedRoot sampleRoot = TrustedRoot.of(Pem.certificates(SharedVectors.text(folder + "trustedRootCaCert.pem")).get(0));
        SignedMember tcbInfo = SignedMember.of(SharedVectors.text(folder + "tcbInfo.json"), "tcbInfo");
        SignedMember qeIdentity = SignedMember.of(SharedVectors.text(folder + "qeIdentity.json"), "enclaveIdentity");
        DcapCollateral collateral = new DcapCollateral(SharedVectors.text(folder + "pckSignChain.pem"),
                SharedVectors.bytes(folder + "rootCaCrl.der"), SharedVectors.bytes(folder + "intermediateCaCrl.der"),
                SharedVectors.text(folder + "tcbSignChain.pem"), tcbInfo.text(), tcbInfo.signature(),
                SharedVectors.text(folder + "tcbSignChain.pem"), qeIdentity.text(), qeIdentity.signature());

        // When it is verified with that root configured, as GATEWAY_TRUST_INTEL_ROOT does
        DcapVerifier testRootVerifier = new DcapVerifier(sampleRoot, CryptoProviders.install());

        // Then chains, CRLs and signatures pass, and its random module fields fail the module identity check
        assertThatThrownBy(() -> testRootVerifier.verify(Quote.parse(SharedVectors.bytes(folder + "quote.dat")),
                collateral, Instant.parse("2025-01-01T00:00:00Z")))
                .isInstanceOf(DcapVerificationException.class)
                .extracting(e -> ((DcapVerificationException) e).status())
                .isEqualTo(QvlStatus.TDX_MODULE_MISMATCH);
    }

    @Test
    void quoteWithoutThePckChainIsRefused() {
        // Intel's SGX sample carries certification data type 1 (PPID in clear), not the PCK chain
        assertThatThrownBy(() -> verifier.verify(Quote.parse(SharedVectors.bytes("dcap/intel-qvl-sampledata/sgx/quote.dat")),
                DcapCollateral.fromJson(SharedVectors.text(PHALA + "sgx_quote_collateral.json")), JULY_2025))
                .isInstanceOf(DcapVerificationException.class)
                .extracting(e -> ((DcapVerificationException) e).status())
                .isEqualTo(QvlStatus.UNSUPPORTED_CERT_FORMAT);
    }

    @Test
    void signedMemberIsTheExactReceivedText() {
        // Given a raw PCS body
        String body = SharedVectors.text("dcap/google-go-tdx-guest/sample_tcbInfo_response");

        // When its signed member is cut out
        SignedMember member = SignedMember.of(body, "tcbInfo");

        // Then it is the exact substring between "tcbInfo": and ,"signature"
        assertThat(body).contains("{\"tcbInfo\":" + member.text() + ",\"signature\":\"");
        assertThat(member.signature()).hasSize(64);
    }

    @Test
    void productionQuotesAreRefusedUnderAnotherTrustedRoot() {
        TrustedRoot sampleRoot = TrustedRoot.of(Pem.certificates(
                SharedVectors.text("dcap/intel-qvl-sampledata/tdx/trustedRootCaCert.pem")).get(0));
        DcapVerifier testRootVerifier = new DcapVerifier(sampleRoot, CryptoProviders.install());

        assertThatThrownBy(() -> testRootVerifier.verify(Quote.parse(SharedVectors.bytes(PHALA + "sgx_quote")),
                DcapCollateral.fromJson(SharedVectors.text(PHALA + "sgx_quote_collateral.json")), JULY_2025))
                .isInstanceOf(DcapVerificationException.class)
                .extracting(e -> ((DcapVerificationException) e).status())
                .isEqualTo(QvlStatus.SGX_ROOT_CA_UNTRUSTED);
    }

    private void assertNotSupported(String quote, String collateral, Instant at) {
        assertThatThrownBy(() -> verify(quote, collateral, at))
                .isInstanceOf(DcapVerificationException.class)
                .extracting(e -> ((DcapVerificationException) e).status())
                .isEqualTo(QvlStatus.TCB_NOT_SUPPORTED);
    }

    private static String pem(String derFile) {
        return Pem.encode(Pem.CERTIFICATE, SharedVectors.bytes(derFile));
    }
}
