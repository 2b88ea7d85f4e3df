package org.attestation.gateway.evidence.dcap.testpki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.attestation.gateway.crypto.EcdsaSignatures;
import org.attestation.gateway.crypto.Pem;
import org.bouncycastle.asn1.ASN1Boolean;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks the test PKI against the specification with plain JCA and an independent little parser written from
 * spec/dcap.md §1 (no gateway verifier involved): chains, QE report signature and binding, quote signature over the
 * right bytes for every version/body type, JSON signatures over the exact raw text, CRLs, and every sabotage knob.
 */
class DcapTestPkiSelfCheckTest {

    private static final DcapTestPki PKI = DcapTestPki.create();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();
    private static final String SGX_EXTENSION = "1.2.840.113741.1.13.1";

    // ---- Chains and the PCK certificate

    @Test
    void pkiCertificatesChainToTheRootAndCarryIntelNames() throws Exception {
        X509Certificate root = PKI.rootCertificate();

        root.verify(root.getPublicKey());
        PKI.processorCa().verify(root.getPublicKey());
        PKI.platformCa().verify(root.getPublicKey());
        PKI.tcbSigning().verify(root.getPublicKey());
        assertThat(subject(root)).isEqualTo(intelName("Intel SGX Root CA"));
        assertThat(subject(PKI.processorCa())).isEqualTo(intelName("Intel SGX PCK Processor CA"));
        assertThat(subject(PKI.platformCa())).isEqualTo(intelName("Intel SGX PCK Platform CA"));
        assertThat(subject(PKI.tcbSigning())).isEqualTo(intelName("Intel SGX TCB Signing"));
        // UTF8String everywhere except the PrintableString country, as in Intel's certificates
        assertThat(Arrays.stream(X500Name.getInstance(root.getSubjectX500Principal().getEncoded()).getRDNs())
                .map(rdn -> rdn.getFirst().getValue().getClass().getSimpleName()))
                .containsExactly("DERUTF8String", "DERUTF8String", "DERUTF8String", "DERUTF8String",
                        "DERPrintableString");
        assertThat(root.getBasicConstraints()).isEqualTo(1);
        assertThat(PKI.processorCa().getBasicConstraints()).isZero();
        assertThat(PKI.tcbSigning().getBasicConstraints()).isEqualTo(-1);
        assertThat(Pem.certificates(PKI.rootCertificatePem())).containsExactly(root);
    }

    @Test
    void processorPckCertificateCarriesFiveSgxExtensionEntries() throws Exception {
        // Given a default SGX quote with a chosen FMSPC, PCE-ID and TCB
        int[] svns = {9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 255, 0, 0, 0, 0, 1};
        TestQuoteBuilder builder = PKI.quote().fmspc("00A067110000").pceId("0100").pckComponentSvns(svns).pcesvn(300);
        ParsedQuote quote = ParsedQuote.parse(builder.build());

        // When the embedded chain and the leaf's SGX extension are read
        List<X509Certificate> chain = quote.chain();
        Map<String, ASN1Encodable> extension = sgxExtension(chain.get(0));

        // Then leaf ← Processor CA ← root, and the extension has .1–.5 with the chosen values
        chain.get(0).verify(PKI.processorCa().getPublicKey());
        assertThat(chain).containsExactly(builder.lastPckCertificate(), PKI.processorCa(), PKI.rootCertificate());
        assertThat(subject(chain.get(0))).isEqualTo(intelName("Intel SGX PCK Certificate"));
        assertThat(chain.get(0).getIssuerX500Principal()).isEqualTo(PKI.processorCa().getSubjectX500Principal());
        assertThat(extension.keySet()).containsExactlyInAnyOrder(".1", ".2", ".3", ".4", ".5");
        assertThat(octets(extension.get(".4"))).isEqualTo(HEX.parseHex("00a067110000"));
        assertThat(octets(extension.get(".3"))).isEqualTo(HEX.parseHex("0100"));
        assertThat(ASN1Enumerated.getInstance(extension.get(".5")).intValueExact()).isZero();
        Map<String, ASN1Encodable> tcb = entries(extension.get(".2"), SGX_EXTENSION + ".2");
        assertThat(tcb).hasSize(18);
        for (int i = 0; i < 16; i++) {
            assertThat(ASN1Integer.getInstance(tcb.get("." + (i + 1))).intValueExact()).isEqualTo(svns[i]);
        }
        assertThat(ASN1Integer.getInstance(tcb.get(".17")).intValueExact()).isEqualTo(300);
        assertThat(octets(tcb.get(".18"))).hasSize(16);
        assertThat(chain.get(0).getNonCriticalExtensionOIDs()).contains(SGX_EXTENSION);
    }

    @Test
    void platformPckCertificateAddsPlatformInstanceIdAndConfiguration() throws Exception {
        ParsedQuote quote = ParsedQuote.parse(PKI.quote().tdx().pckConfiguration(true, false, true).build());

        X509Certificate leaf = quote.chain().get(0);
        Map<String, ASN1Encodable> extension = sgxExtension(leaf);
        Map<String, ASN1Encodable> configuration = entries(extension.get(".7"), SGX_EXTENSION + ".7");

        leaf.verify(PKI.platformCa().getPublicKey());
        assertThat(quote.chain().get(1)).isEqualTo(PKI.platformCa());
        assertThat(extension.keySet()).containsExactlyInAnyOrder(".1", ".2", ".3", ".4", ".5", ".6", ".7");
        assertThat(octets(extension.get(".6"))).hasSize(16);
        assertThat(ASN1Enumerated.getInstance(extension.get(".5")).intValueExact()).isEqualTo(1);
        assertThat(configuration.values()).extracting(v -> ASN1Boolean.getInstance(v).isTrue())
                .containsExactly(true, false, true);
    }

    // ---- Quotes of every version and body type

    static Stream<Arguments> quoteShapes() {
        return Stream.of(
                Arguments.of("SGX v3", (UnaryOperator<TestQuoteBuilder>) q -> q, 3, 0, 1, 384),
                Arguments.of("SGX v4", (UnaryOperator<TestQuoteBuilder>) q -> q.version(4), 4, 0, 1, 384),
                Arguments.of("SGX v5", (UnaryOperator<TestQuoteBuilder>) q -> q.version(5), 5, 0, 1, 384),
                Arguments.of("TDX v4", (UnaryOperator<TestQuoteBuilder>) TestQuoteBuilder::tdx, 4, 0x81, 2, 584),
                Arguments.of("TDX v5", (UnaryOperator<TestQuoteBuilder>) q -> q.tdx().version(5), 5, 0x81, 2, 584),
                Arguments.of("TDX v5 TD 1.5", (UnaryOperator<TestQuoteBuilder>) TestQuoteBuilder::tdReport15, 5, 0x81,
                        3, 648));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("quoteShapes")
    void quoteIsLaidOutAndSignedAsSpecified(String name, UnaryOperator<TestQuoteBuilder> shape, int version, int tee,
            int bodyType, int bodySize) throws Exception {
        // Given a quote of this shape
        TestQuoteBuilder builder = shape.apply(PKI.quote());
        ParsedQuote quote = ParsedQuote.parse(builder.build());

        // Then header and body are as specified
        assertThat(quote.version).isEqualTo(version);
        assertThat(quote.teeType).isEqualTo(tee);
        assertThat(quote.bodyType).isEqualTo(bodyType);
        assertThat(quote.body).hasSize(bodySize);
        assertThat(quote.attKeyType).isEqualTo(2);
        assertThat(HEX.formatHex(quote.vendorId)).isEqualTo("939a7233f79c4ca9940a0db3957f0607");
        assertThat(quote.signedBytes).hasSize((version == 5 ? 54 : 48) + bodySize);
        // and the three quote-local signatures and bindings hold
        PublicKey pck = quote.chain().get(0).getPublicKey();
        assertThat(verifies(pck, quote.qeReport, quote.qeReportSignature)).isTrue();
        assertThat(quote.qeReportDataBindsAttestationKey()).isTrue();
        assertThat(verifies(attestationKey(quote.attestationKey), quote.signedBytes, quote.quoteSignature)).isTrue();
        assertThat(quote.attestationKey).isEqualTo(IntelX509.rawPublicKey(PKI.attestationKey().getPublic()));
        // and the certification data is PEM leaf ‖ intermediate ‖ root ‖ one NUL, its size declared exactly
        assertThat(quote.certType).isEqualTo(5);
        assertThat(quote.declaredCertSize).isEqualTo(quote.certData.length);
        assertThat(quote.certData[quote.certData.length - 1]).isZero();
        assertThat(quote.certData[quote.certData.length - 2]).isEqualTo((byte) '\n');
        assertThat(quote.chain()).hasSize(3).first().isEqualTo(builder.lastPckCertificate());
        assertThat(quote.trailing).isZero();
    }

    @Test
    void sgxReportFieldsLandAtTheirOffsets() {
        byte[] mrEnclave = filled(32, 0xA1);
        byte[] reportData = filled(64, 0xD4);
        ParsedQuote quote = ParsedQuote.parse(PKI.quote().mrEnclave(mrEnclave).mrSigner(filled(32, 0xB2))
                .isvProdId(0x1234).isvSvn(7).reportData(reportData).debug().build());

        assertThat(Arrays.copyOfRange(quote.body, 64, 96)).isEqualTo(mrEnclave);
        assertThat(Arrays.copyOfRange(quote.body, 128, 160)).isEqualTo(filled(32, 0xB2));
        assertThat(quote.body[256]).isEqualTo((byte) 0x34);
        assertThat(quote.body[257]).isEqualTo((byte) 0x12);
        assertThat(quote.body[258]).isEqualTo((byte) 7);
        assertThat(Arrays.copyOfRange(quote.body, 320, 384)).isEqualTo(reportData);
        assertThat(HEX.formatHex(Arrays.copyOfRange(quote.body, 48, 64))).isEqualTo("07000000000000000300000000000000");
        assertThat(HEX.formatHex(quote.header, 8, 12)).isEqualTo("08000d00");
    }

    @Test
    void tdReport15FieldsLandAtTheirOffsets() {
        byte[] svn = HEX.parseHex("0b010400000000000000000000000000");
        byte[] svn2 = HEX.parseHex("0d010400000000000000000000000000");
        ParsedQuote quote = ParsedQuote.parse(PKI.quote().tdReport15().teeTcbSvn(svn).teeTcbSvn2(svn2)
                .rtmr(3, filled(48, 0x33)).mrServiceTd(filled(48, 0x5e)).reportData(filled(64, 0x77)).build());

        assertThat(Arrays.copyOfRange(quote.body, 0, 16)).isEqualTo(svn);
        assertThat(Arrays.copyOfRange(quote.body, 472, 520)).isEqualTo(filled(48, 0x33));
        assertThat(Arrays.copyOfRange(quote.body, 520, 584)).isEqualTo(filled(64, 0x77));
        assertThat(Arrays.copyOfRange(quote.body, 584, 600)).isEqualTo(svn2);
        assertThat(Arrays.copyOfRange(quote.body, 600, 648)).isEqualTo(filled(48, 0x5e));
        assertThat(HEX.formatHex(quote.header, 8, 12)).isEqualTo("00000000");
    }

    // ---- Collateral

    @ParameterizedTest(name = "tdx={0}")
    @MethodSource("booleans")
    void tcbInfoAndQeIdentityAreSignedOverTheirExactRawText(boolean tdx) throws Exception {
        // Given default collateral
        TestCollateralBuilder builder = tdx ? PKI.collateral().tdx() : PKI.collateral();
        TestCollateral collateral = builder.buildCollateral();
        List<X509Certificate> chain = Pem.certificates(collateral.tcbInfoIssuerChain());

        // Then both signatures verify with the TCB Signing key over the raw UTF-8 text
        assertThat(chain).containsExactly(PKI.tcbSigning(), PKI.rootCertificate());
        assertThat(Pem.certificates(collateral.qeIdentityIssuerChain())).isEqualTo(chain);
        assertThat(verifies(chain.get(0).getPublicKey(), utf8(collateral.tcbInfo()),
                HEX.parseHex(collateral.tcbInfoSignature()))).isTrue();
        assertThat(verifies(chain.get(0).getPublicKey(), utf8(collateral.qeIdentity()),
                HEX.parseHex(collateral.qeIdentitySignature()))).isTrue();
        // and the PCS bodies embed the same text, first member, compact
        String tcbBody = builder.buildPcsTcbInfoBody();
        String qeBody = builder.buildPcsQeIdentityBody();
        assertThat(rawMember(tcbBody, "tcbInfo")).isEqualTo(collateral.tcbInfo());
        assertThat(rawMember(qeBody, "enclaveIdentity")).isEqualTo(collateral.qeIdentity());
        JsonNode body = JSON.readTree(tcbBody);
        assertThat(verifies(PKI.tcbSigning().getPublicKey(), utf8(collateral.tcbInfo()),
                HEX.parseHex(body.get("signature").asText()))).isTrue();
        assertThat(JSON.writeValueAsString(JSON.readTree(collateral.tcbInfo()))).isEqualTo(collateral.tcbInfo());
        // and the keys come in Intel's order
        assertThat(fieldNames(JSON.readTree(collateral.tcbInfo()))).containsExactlyElementsOf(tdx
                ? List.of("id", "version", "issueDate", "nextUpdate", "fmspc", "pceId", "tcbType",
                        "tcbEvaluationDataNumber", "tdxModule", "tdxModuleIdentities", "tcbLevels")
                : List.of("id", "version", "issueDate", "nextUpdate", "fmspc", "pceId", "tcbType",
                        "tcbEvaluationDataNumber", "tcbLevels"));
        assertThat(fieldNames(JSON.readTree(collateral.qeIdentity()))).containsExactly("id", "version", "issueDate",
                "nextUpdate", "tcbEvaluationDataNumber", "miscselect", "miscselectMask", "attributes",
                "attributesMask", "mrsigner", "isvprodid", "tcbLevels");
        assertThat(fieldNames(JSON.readTree(collateral.toJson()))).containsExactly("pck_crl_issuer_chain",
                "root_ca_crl", "pck_crl", "tcb_info_issuer_chain", "tcb_info", "tcb_info_signature",
                "qe_identity_issuer_chain", "qe_identity", "qe_identity_signature");
    }

    @ParameterizedTest(name = "tdx={0}")
    @MethodSource("booleans")
    void defaultCollateralDescribesTheDefaultQuoteAsUpToDate(boolean tdx) throws Exception {
        // Given the default quote and collateral of one TEE
        ParsedQuote quote = ParsedQuote.parse((tdx ? PKI.quote().tdx() : PKI.quote()).build());
        TestCollateral collateral = (tdx ? PKI.collateral().tdx() : PKI.collateral()).buildCollateral();
        JsonNode tcbInfo = JSON.readTree(collateral.tcbInfo());
        JsonNode qeIdentity = JSON.readTree(collateral.qeIdentity());
        Map<String, ASN1Encodable> extension = sgxExtension(quote.chain().get(0));
        Map<String, ASN1Encodable> tcb = entries(extension.get(".2"), SGX_EXTENSION + ".2");

        // Then the platform identity and the single UpToDate level equal the PCK certificate's
        assertThat(tcbInfo.get("id").asText()).isEqualTo(tdx ? "TDX" : "SGX");
        assertThat(tcbInfo.get("fmspc").asText()).isEqualToIgnoringCase(HEX.formatHex(octets(extension.get(".4"))));
        assertThat(tcbInfo.get("pceId").asText()).isEqualToIgnoringCase(HEX.formatHex(octets(extension.get(".3"))));
        JsonNode level = tcbInfo.get("tcbLevels").get(0);
        assertThat(tcbInfo.get("tcbLevels")).hasSize(1);
        assertThat(level.get("tcbStatus").asText()).isEqualTo("UpToDate");
        for (int i = 0; i < 16; i++) {
            assertThat(level.at("/tcb/sgxtcbcomponents/" + i + "/svn").asInt())
                    .isEqualTo(ASN1Integer.getInstance(tcb.get("." + (i + 1))).intValueExact());
        }
        assertThat(level.at("/tcb/pcesvn").asInt()).isEqualTo(ASN1Integer.getInstance(tcb.get(".17")).intValueExact());
        // and the QE identity matches the QE report
        assertThat(qeIdentity.get("id").asText()).isEqualTo(tdx ? "TD_QE" : "QE");
        assertThat(qeIdentity.get("mrsigner").asText())
                .isEqualToIgnoringCase(HEX.formatHex(Arrays.copyOfRange(quote.qeReport, 128, 160)));
        assertThat(qeIdentity.get("isvprodid").asInt()).isEqualTo(le16(quote.qeReport, 256));
        assertThat(qeIdentity.at("/tcbLevels/0/tcb/isvsvn").asInt()).isLessThanOrEqualTo(le16(quote.qeReport, 258));
        assertThat(qeIdentity.at("/tcbLevels/0/tcbStatus").asText()).isEqualTo("UpToDate");
        if (tdx) {
            // and the TDX level and module identity match tee_tcb_svn
            for (int i = 2; i < 16; i++) {
                assertThat(quote.body[i] & 0xFF)
                        .isGreaterThanOrEqualTo(level.at("/tcb/tdxtcbcomponents/" + i + "/svn").asInt());
            }
            JsonNode module = tcbInfo.at("/tdxModuleIdentities/0");
            assertThat(module.get("id").asText()).isEqualTo(String.format("TDX_%02X", quote.body[1]));
            assertThat(module.at("/tcbLevels/0/tcb/isvsvn").asInt()).isLessThanOrEqualTo(quote.body[0] & 0xFF);
            assertThat(tcbInfo.at("/tdxModule/mrsigner").asText())
                    .isEqualTo(HEX.formatHex(Arrays.copyOfRange(quote.body, 64, 112)));
        }
    }

    @Test
    void crlsAreSignedByTheirIssuersAndListWhatWasRevoked() throws Exception {
        // Given a quote whose PCK, intermediate and TCB Signing certificate are all revoked
        TestQuoteBuilder quote = PKI.quote().pckSerial(BigInteger.valueOf(0x1234567));
        quote.build();
        TestCollateral collateral = PKI.collateral().revokePck(quote.lastPckCertificate().getSerialNumber())
                .revokeIntermediate().revokeTcbSigning().buildCollateral();

        // When the CRLs are read
        X509CRL rootCrl = crl(collateral.rootCaCrlDer());
        X509CRL pckCrl = crl(collateral.pckCrlDer());

        // Then each is signed by its issuer, carries CRL Number and AKI, and lists the serials
        rootCrl.verify(PKI.rootCertificate().getPublicKey());
        pckCrl.verify(PKI.processorCa().getPublicKey());
        assertThat(rootCrl.getIssuerX500Principal()).isEqualTo(PKI.rootCertificate().getSubjectX500Principal());
        assertThat(pckCrl.getIssuerX500Principal()).isEqualTo(PKI.processorCa().getSubjectX500Principal());
        for (X509CRL crl : List.of(rootCrl, pckCrl)) {
            assertThat(crl.getNonCriticalExtensionOIDs()).contains("2.5.29.20", "2.5.29.35");
            assertThat(crl.getThisUpdate().toInstant()).isEqualTo(DcapTestDefaults.ISSUE_DATE);
            assertThat(crl.getNextUpdate().toInstant()).isEqualTo(DcapTestDefaults.NEXT_UPDATE);
        }
        assertThat(rootCrl.isRevoked(PKI.processorCa())).isTrue();
        assertThat(rootCrl.isRevoked(PKI.tcbSigning())).isTrue();
        assertThat(rootCrl.isRevoked(PKI.platformCa())).isFalse();
        assertThat(pckCrl.isRevoked(quote.lastPckCertificate())).isTrue();
        assertThat(pckCrl.getRevokedCertificates()).hasSize(1);
        assertThat(Pem.certificates(collateral.pckCrlIssuerChain()))
                .containsExactly(PKI.processorCa(), PKI.rootCertificate());
    }

    @Test
    void platformCollateralUsesThePlatformCaAndCustomValidity() throws Exception {
        Instant thisUpdate = Instant.parse("2026-03-01T00:00:00Z");
        Instant nextUpdate = Instant.parse("2026-03-31T00:00:00Z");
        TestCollateral collateral = PKI.collateral().tdx().crlValidity(thisUpdate, nextUpdate).buildCollateral();

        X509CRL pckCrl = crl(collateral.pckCrlDer());

        pckCrl.verify(PKI.platformCa().getPublicKey());
        assertThat(pckCrl.getThisUpdate().toInstant()).isEqualTo(thisUpdate);
        assertThat(pckCrl.getNextUpdate().toInstant()).isEqualTo(nextUpdate);
        assertThat(Pem.certificates(collateral.pckCrlIssuerChain()).get(0)).isEqualTo(PKI.platformCa());
        assertThat(JSON.readTree(collateral.tcbInfo()).get("issueDate").asText()).isEqualTo("2026-01-01T00:00:00Z");
    }

    @Test
    void tcbLevelsQeLevelsAndModuleIdentitiesAreWrittenInCallOrder() throws Exception {
        TestCollateral collateral = PKI.collateral().tdx()
                .tcbLevel(TcbLevelSpec.of("UpToDate").withSgxComponentSvns(new int[] {9, 9, 9, 9, 9, 9, 9, 9, 0, 0,
                    0, 0, 0, 0, 0, 0}))
                .tcbLevel(TcbLevelSpec.of("OutOfDate").withAdvisoryIds("INTEL-SA-00615", "INTEL-SA-00828"))
                .tdxModuleIdentity("TDX_03", new byte[48], new byte[8], HEX.parseHex("ffffffffffffffff"),
                        List.of(IsvTcbLevel.of(3, "UpToDate")))
                .qeTcbLevel(9, "UpToDate", Instant.parse("2025-11-12T00:00:00Z"), List.of())
                .qeTcbLevel(IsvTcbLevel.of(4, "Revoked")).buildCollateral();

        JsonNode tcbInfo = JSON.readTree(collateral.tcbInfo());
        JsonNode qeIdentity = JSON.readTree(collateral.qeIdentity());

        assertThat(tcbInfo.at("/tcbLevels/0/tcbStatus").asText()).isEqualTo("UpToDate");
        assertThat(tcbInfo.at("/tcbLevels/0/advisoryIDs").isMissingNode()).isTrue();
        assertThat(tcbInfo.at("/tcbLevels/1/advisoryIDs").toString())
                .isEqualTo("[\"INTEL-SA-00615\",\"INTEL-SA-00828\"]");
        assertThat(tcbInfo.get("tdxModuleIdentities")).hasSize(1);
        assertThat(tcbInfo.at("/tdxModuleIdentities/0/id").asText()).isEqualTo("TDX_03");
        assertThat(qeIdentity.at("/tcbLevels/1/tcbStatus").asText()).isEqualTo("Revoked");
        assertThat(PKI.collateral().tdx().withoutTdxModuleIdentities().buildCollateral().tcbInfo())
                .doesNotContain("tdxModuleIdentities");
    }

    // ---- Sabotage knobs

    @Test
    void quoteSabotageBreaksExactlyTheTargetedCheck() throws Exception {
        ParsedQuote badQuoteSignature = ParsedQuote.parse(PKI.quote().corruptQuoteSignature().build());
        ParsedQuote badQeSignature = ParsedQuote.parse(PKI.quote().tdx().corruptQeReportSignature().build());
        ParsedQuote badBinding = ParsedQuote.parse(PKI.quote().version(4).wrongQeReportData().build());

        assertThat(verifies(attestationKey(badQuoteSignature.attestationKey), badQuoteSignature.signedBytes,
                badQuoteSignature.quoteSignature)).isFalse();
        assertThat(verifies(badQuoteSignature.chain().get(0).getPublicKey(), badQuoteSignature.qeReport,
                badQuoteSignature.qeReportSignature)).isTrue();
        assertThat(verifies(badQeSignature.chain().get(0).getPublicKey(), badQeSignature.qeReport,
                badQeSignature.qeReportSignature)).isFalse();
        assertThat(verifies(attestationKey(badQeSignature.attestationKey), badQeSignature.signedBytes,
                badQeSignature.quoteSignature)).isTrue();
        assertThat(badBinding.qeReportDataBindsAttestationKey()).isFalse();
        assertThat(verifies(badBinding.chain().get(0).getPublicKey(), badBinding.qeReport,
                badBinding.qeReportSignature)).isTrue();
    }

    @Test
    void trailingBytesFollowTheSignatureDataAndChangeNothingElse() throws Exception {
        ParsedQuote quote = ParsedQuote.parse(PKI.quote().tdx().trailingBytes(70).build());

        assertThat(quote.trailing).isEqualTo(70);
        assertThat(verifies(attestationKey(quote.attestationKey), quote.signedBytes, quote.quoteSignature)).isTrue();
        assertThat(quote.chain()).hasSize(3);
    }

    @Test
    void pckSignedByForeignCaDoesNotVerifyUnderTheChainsIntermediate() {
        ParsedQuote quote = ParsedQuote.parse(PKI.quote().pckSignedByForeignCa().build());

        X509Certificate leaf = quote.chain().get(0);

        assertThat(leaf.getIssuerX500Principal()).isEqualTo(PKI.processorCa().getSubjectX500Principal());
        assertThatThrownBy(() -> leaf.verify(PKI.processorCa().getPublicKey())).isInstanceOf(SignatureException.class);
    }

    @Test
    void certificationDataSizeAndChainLengthCanBeWrong() {
        ParsedQuote sizeOff = ParsedQuote.parse(PKI.quote().version(4).certDataSizeDelta(-16).build());
        ParsedQuote v3SizeOff = ParsedQuote.parse(PKI.quote().certDataSizeDelta(5).build());
        ParsedQuote two = ParsedQuote.parse(PKI.quote().certChainCount(2).build());
        ParsedQuote four = ParsedQuote.parse(PKI.quote().tdx().certChainCount(4).build());

        assertThat(sizeOff.declaredCertSize).isEqualTo(sizeOff.certData.length - 16);
        assertThat(v3SizeOff.declaredCertSize).isEqualTo(v3SizeOff.certData.length + 5);
        assertThat(two.chain()).containsExactly(two.chain().get(0), PKI.processorCa());
        assertThat(four.chain()).hasSize(4).endsWith(PKI.rootCertificate(), PKI.tcbSigning());
    }

    @Test
    void foreignRootHasTheSameNameButAnotherKey() throws Exception {
        DcapTestPki foreign = PKI.withForeignRoot();
        ParsedQuote quote = ParsedQuote.parse(foreign.quote().build());

        List<X509Certificate> chain = quote.chain();

        assertThat(chain.get(2).getSubjectX500Principal()).isEqualTo(PKI.rootCertificate().getSubjectX500Principal());
        assertThat(chain.get(2).getPublicKey()).isNotEqualTo(PKI.rootCertificate().getPublicKey());
        chain.get(0).verify(chain.get(1).getPublicKey());
        chain.get(1).verify(chain.get(2).getPublicKey());
        assertThatThrownBy(() -> chain.get(1).verify(PKI.rootCertificate().getPublicKey()))
                .isInstanceOf(SignatureException.class);
        assertThatThrownBy(() -> foreign.tcbSigning().verify(PKI.rootCertificate().getPublicKey()))
                .isInstanceOf(SignatureException.class);
    }

    @Test
    void collateralSabotageIsSignedByTheWrongKeys() throws Exception {
        TestCollateral collateral = PKI.collateral().tcbInfoSignedByForeignKey().qeIdentitySignedByForeignKey()
                .rootCrlSignedByForeignKey().pckCrlSignedByForeignKey().buildCollateral();
        PublicKey tcbSigning = PKI.tcbSigning().getPublicKey();

        assertThat(verifies(tcbSigning, utf8(collateral.tcbInfo()), HEX.parseHex(collateral.tcbInfoSignature())))
                .isFalse();
        assertThat(verifies(tcbSigning, utf8(collateral.qeIdentity()),
                HEX.parseHex(collateral.qeIdentitySignature()))).isFalse();
        assertThatThrownBy(() -> crl(collateral.rootCaCrlDer()).verify(PKI.rootCertificate().getPublicKey()))
                .isInstanceOf(SignatureException.class);
        assertThatThrownBy(() -> crl(collateral.pckCrlDer()).verify(PKI.processorCa().getPublicKey()))
                .isInstanceOf(SignatureException.class);
    }

    @Test
    void tcbSigningCanBeReissuedWithAnotherNotAfter() throws Exception {
        Instant notAfter = Instant.parse("2025-05-21T00:00:00Z");
        TestCollateral collateral = PKI.collateral().tcbSigningNotAfter(notAfter).buildCollateral();

        X509Certificate reissued = Pem.certificates(collateral.tcbInfoIssuerChain()).get(0);

        reissued.verify(PKI.rootCertificate().getPublicKey());
        assertThat(reissued.getNotAfter().toInstant()).isEqualTo(notAfter);
        assertThat(reissued.getSerialNumber()).isEqualTo(PKI.tcbSigning().getSerialNumber());
        assertThat(reissued.getPublicKey()).isEqualTo(PKI.tcbSigning().getPublicKey());
        assertThat(verifies(reissued.getPublicKey(), utf8(collateral.tcbInfo()),
                HEX.parseHex(collateral.tcbInfoSignature()))).isTrue();
    }

    @Test
    void invalidShapesAreRefused() {
        assertThatThrownBy(() -> PKI.quote().tdx().version(3).build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> PKI.quote().tdReport15().version(4).build())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> PKI.quote().mrEnclave(new byte[31])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PKI.quote().lastPckCertificate()).isInstanceOf(IllegalStateException.class);
    }

    // ---- Helpers

    static Stream<Boolean> booleans() {
        return Stream.of(false, true);
    }

    /** A quote read with the offsets of spec/dcap.md §1, independently of the builder. */
    private static final class ParsedQuote {
        byte[] header;
        int version;
        int attKeyType;
        int teeType;
        byte[] vendorId;
        int bodyType;
        byte[] body;
        byte[] signedBytes;
        byte[] quoteSignature;
        byte[] attestationKey;
        byte[] qeReport;
        byte[] qeReportSignature;
        byte[] qeAuthData;
        int certType;
        int declaredCertSize;
        byte[] certData;
        int trailing;

        static ParsedQuote parse(byte[] raw) {
            ByteBuffer in = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
            ParsedQuote q = new ParsedQuote();
            q.header = Arrays.copyOf(raw, 48);
            q.version = in.getShort(0);
            q.attKeyType = in.getShort(2);
            q.teeType = in.getInt(4);
            q.vendorId = Arrays.copyOfRange(raw, 12, 28);
            int bodyStart = 48;
            int bodySize = q.teeType == 0 ? 384 : 584;
            q.bodyType = q.teeType == 0 ? 1 : 2;
            if (q.version == 5) {
                q.bodyType = in.getShort(48);
                bodySize = in.getInt(50);
                bodyStart = 54;
            }
            q.body = Arrays.copyOfRange(raw, bodyStart, bodyStart + bodySize);
            int signedLength = bodyStart + bodySize;
            q.signedBytes = Arrays.copyOf(raw, signedLength);
            int start = signedLength + 4;
            int end = start + in.getInt(signedLength);
            q.quoteSignature = Arrays.copyOfRange(raw, start, start + 64);
            q.attestationKey = Arrays.copyOfRange(raw, start + 64, start + 128);
            int at = start + 128;
            if (q.version != 3) {
                assertThat((int) in.getShort(at)).as("outer certification data type").isEqualTo(6);
                assertThat(at + 6 + in.getInt(at + 2)).as("outer size").isEqualTo(end);
                at += 6;
            }
            q.qeReport = Arrays.copyOfRange(raw, at, at + 384);
            q.qeReportSignature = Arrays.copyOfRange(raw, at + 384, at + 448);
            int authLength = in.getShort(at + 448) & 0xFFFF;
            q.qeAuthData = Arrays.copyOfRange(raw, at + 450, at + 450 + authLength);
            at += 450 + authLength;
            q.certType = in.getShort(at);
            q.declaredCertSize = in.getInt(at + 2);
            q.certData = Arrays.copyOfRange(raw, at + 6, end);
            q.trailing = raw.length - end;
            return q;
        }

        List<X509Certificate> chain() {
            return Pem.certificates(new String(certData, StandardCharsets.US_ASCII));
        }

        boolean qeReportDataBindsAttestationKey() throws GeneralSecurityException {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(attestationKey);
            byte[] expected = Arrays.copyOf(sha256.digest(qeAuthData), 64);
            return Arrays.equals(Arrays.copyOfRange(qeReport, 320, 384), expected);
        }
    }

    /** The subject DN in encoding order (CN first, as Intel encodes it). */
    private static String subject(X509Certificate certificate) {
        return X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()).toString();
    }

    private static String intelName(String commonName) {
        return "CN=" + commonName + ",O=Intel Corporation,L=Santa Clara,ST=CA,C=US";
    }

    private static boolean verifies(PublicKey key, byte[] data, byte[] rawSignature) throws GeneralSecurityException {
        Signature signature = Signature.getInstance("SHA256withECDSA");
        signature.initVerify(key);
        signature.update(data);
        return signature.verify(EcdsaSignatures.concatenatedToDer(rawSignature));
    }

    private static PublicKey attestationKey(byte[] xy) throws GeneralSecurityException {
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        ECPoint point = new ECPoint(new BigInteger(1, Arrays.copyOf(xy, 32)),
                new BigInteger(1, Arrays.copyOfRange(xy, 32, 64)));
        return KeyFactory.getInstance("EC")
                .generatePublic(new ECPublicKeySpec(point, parameters.getParameterSpec(ECParameterSpec.class)));
    }

    private static X509CRL crl(byte[] der) throws GeneralSecurityException {
        return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
    }

    /** The SGX extension's entries keyed by OID suffix (".1" … ".7"). */
    private static Map<String, ASN1Encodable> sgxExtension(X509Certificate certificate) throws Exception {
        byte[] value = ASN1OctetString.getInstance(certificate.getExtensionValue(SGX_EXTENSION)).getOctets();
        return entries(ASN1Primitive.fromByteArray(value), SGX_EXTENSION);
    }

    private static Map<String, ASN1Encodable> entries(ASN1Encodable sequence, String prefix) {
        Map<String, ASN1Encodable> entries = new HashMap<>();
        for (ASN1Encodable element : ASN1Sequence.getInstance(sequence)) {
            ASN1Sequence entry = ASN1Sequence.getInstance(element);
            String oid = ASN1ObjectIdentifier.getInstance(entry.getObjectAt(0)).getId();
            assertThat(oid).startsWith(prefix + ".");
            entries.put(oid.substring(prefix.length()), entry.getObjectAt(1));
        }
        return entries;
    }

    private static byte[] octets(ASN1Encodable value) {
        return ASN1OctetString.getInstance(value).getOctets();
    }

    private static String rawMember(String body, String member) {
        String prefix = "{\"" + member + "\":";
        assertThat(body).startsWith(prefix).endsWith("\"}");
        return body.substring(prefix.length(), body.lastIndexOf(",\"signature\":\""));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static int le16(byte[] bytes, int offset) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getShort(offset) & 0xFFFF;
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
