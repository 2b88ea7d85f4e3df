package org.attestation.gateway.evidence.dcap.testpki;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds the collateral for quotes of a {@link DcapTestPki}: root CA CRL, PCK CRL, TCB info v3 (spec §3.3) and QE
 * identity v2 (spec §3.4), each signed like Intel's (spec §3.5) and serialised compactly in Intel's key order.
 *
 * <p>Defaults ({@link DcapTestDefaults}): SGX (TCB info id {@code SGX}, QE identity {@code QE}); Processor CA for
 * SGX, Platform CA for TDX; FMSPC {@code 00906ED50000}, PCE-ID {@code 0000}; issueDate 2026-01-01, nextUpdate
 * 2026-12-31 for TCB info, QE identity and both CRLs; tcbEvaluationDataNumber 19; one TCB level
 * {@link TcbLevelSpec#upToDate()}; TDX: {@code tdxModule} mrsigner zeros, attributes zeros, mask
 * {@code FFFFFFFFFFFFFFFF}, and one module identity {@code TDX_01} with the same values and one level ISVSVN 6
 * {@code UpToDate}; QE identity miscselect {@code 00000000}/{@code FFFFFFFF}, attributes
 * {@code 1100…}/{@code FBFFFFFFFFFFFFFF0000…}, Intel's QE / TD QE mrsigner and prod ID 1 / 2, one level ISVSVN 8
 * {@code UpToDate}; nothing revoked. Explicit {@code tcbLevel}, {@code tdxModuleIdentity} and {@code qeTcbLevel}
 * calls replace the corresponding default list, in call order (= JSON order).
 */
public final class TestCollateralBuilder {

    private static final int TCB_INFO_VERSION = 3;
    private static final int QE_IDENTITY_VERSION = 2;
    /** {@code category}/{@code type} Intel writes for SGX components in TDX TCB info (absent in SGX TCB info). */
    private static final String[][] SGX_COMPONENT_LABELS = {{"BIOS", "Early Microcode Update"},
        {"OS/VMM", "SGX Late Microcode Update"}, {"OS/VMM", "TXT SINIT"}, {"BIOS", null}, {"BIOS", null},
        {"BIOS", null}, null, {"OS/VMM", "SEAMLDR ACM"}};
    private static final String[][] TDX_COMPONENT_LABELS = {{"OS/VMM", "TDX Module"}, {"OS/VMM", "TDX Module"},
        {"OS/VMM", "TDX Late Microcode Update"}};

    private final DcapTestPki pki;
    private TeeType tee = TeeType.SGX;
    private CaType pckCa;
    private String fmspc = DcapTestDefaults.FMSPC;
    private String pceId = DcapTestDefaults.PCE_ID;
    private Instant issueDate = DcapTestDefaults.ISSUE_DATE;
    private Instant nextUpdate = DcapTestDefaults.NEXT_UPDATE;
    private Instant qeIssueDate;
    private Instant qeNextUpdate;
    private Instant crlThisUpdate;
    private Instant crlNextUpdate;
    private int tcbEvaluationDataNumber = DcapTestDefaults.TCB_EVALUATION_DATA_NUMBER;
    private final List<TcbLevelSpec> tcbLevels = new ArrayList<>();

    private ModuleSigner tdxModule = ModuleSigner.INTEL;
    private final List<TdxModuleIdentity> tdxModuleIdentities = new ArrayList<>();
    private boolean withoutTdxModuleIdentities;

    private String qeIdentityId;
    private byte[] qeMrSigner;
    private Integer qeIsvProdId;
    private String qeMiscSelect = "00000000";
    private String qeMiscSelectMask = "FFFFFFFF";
    private String qeAttributes = DcapTestDefaults.QE_ATTRIBUTES;
    private String qeAttributesMask = "FBFFFFFFFFFFFFFF0000000000000000";
    private final List<IsvTcbLevel> qeTcbLevels = new ArrayList<>();

    private final Set<BigInteger> revokedPcks = new LinkedHashSet<>();
    private boolean revokeIntermediate;
    private boolean revokeTcbSigning;
    private boolean tcbInfoSignedByForeignKey;
    private boolean qeIdentitySignedByForeignKey;
    private boolean rootCrlSignedByForeignKey;
    private boolean pckCrlSignedByForeignKey;
    private Instant tcbSigningNotAfter;

    /** Expected MRSIGNERSEAM and SEAM attributes/mask of {@code tdxModule} or one {@code tdxModuleIdentities} entry. */
    private record ModuleSigner(byte[] mrsigner, byte[] attributes, byte[] attributesMask) {

        /** Intel's module: zero signer and attributes, mask {@code FFFFFFFFFFFFFFFF}. */
        static final ModuleSigner INTEL = new ModuleSigner(new byte[TdReportLayout.MEASUREMENT_SIZE],
                new byte[TdReportLayout.U64_SIZE], Hex.parse("FFFFFFFFFFFFFFFF"));

        ModuleSigner {
            mrsigner = Hex.sized(mrsigner, TdReportLayout.MEASUREMENT_SIZE, "module mrsigner");
            attributes = Hex.sized(attributes, TdReportLayout.U64_SIZE, "module attributes");
            attributesMask = Hex.sized(attributesMask, TdReportLayout.U64_SIZE, "module attributes mask");
        }

        void putInto(ObjectNode node) {
            node.put("mrsigner", Hex.upper(mrsigner));
            node.put("attributes", Hex.upper(attributes));
            node.put("attributesMask", Hex.upper(attributesMask));
        }
    }

    private record TdxModuleIdentity(String id, ModuleSigner signer, List<IsvTcbLevel> tcbLevels) {
    }

    TestCollateralBuilder(DcapTestPki pki) {
        this.pki = pki;
    }

    // ---- TEE and platform

    /** SGX collateral (the default): TCB info id {@code SGX}, QE identity id {@code QE}. */
    public TestCollateralBuilder sgx() {
        tee = TeeType.SGX;
        return this;
    }

    /** TDX collateral: TCB info id {@code TDX} with {@code tdxModule}, QE identity id {@code TD_QE}. */
    public TestCollateralBuilder tdx() {
        tee = TeeType.TDX;
        return this;
    }

    /** Which PCK CA's CRL and issuer chain to supply (default Processor for SGX, Platform for TDX). */
    public TestCollateralBuilder pckCa(CaType ca) {
        pckCa = ca;
        return this;
    }

    /** TCB info {@code fmspc}, 12 hex digits (written upper case). */
    public TestCollateralBuilder fmspc(String hex) {
        fmspc = Hex.sizedHex(hex, SgxExtension.FMSPC_SIZE, "fmspc");
        return this;
    }

    /** TCB info {@code pceId}, 4 hex digits. */
    public TestCollateralBuilder pceId(String hex) {
        pceId = Hex.sizedHex(hex, SgxExtension.PCE_ID_SIZE, "pce id");
        return this;
    }

    // ---- Validity

    /** {@code issueDate} of TCB info and QE identity; also the CRLs' thisUpdate unless {@link #crlValidity}. */
    public TestCollateralBuilder issueDate(Instant date) {
        issueDate = date;
        return this;
    }

    /** {@code nextUpdate} of TCB info and QE identity; also the CRLs' nextUpdate unless {@link #crlValidity}. */
    public TestCollateralBuilder nextUpdate(Instant date) {
        nextUpdate = date;
        return this;
    }

    /** thisUpdate/nextUpdate of the root CA CRL and the PCK CRL. */
    public TestCollateralBuilder crlValidity(Instant thisUpdate, Instant crlNext) {
        crlThisUpdate = thisUpdate;
        crlNextUpdate = crlNext;
        return this;
    }

    /** QE identity {@code issueDate}/{@code nextUpdate} different from the TCB info's. */
    public TestCollateralBuilder qeIdentityValidity(Instant qeIssue, Instant qeNext) {
        qeIssueDate = qeIssue;
        qeNextUpdate = qeNext;
        return this;
    }

    /** {@code tcbEvaluationDataNumber} of TCB info and QE identity. */
    public TestCollateralBuilder tcbEvaluationDataNumber(int number) {
        tcbEvaluationDataNumber = number;
        return this;
    }

    // ---- TCB info

    /** Adds a platform TCB level; levels are written in call order. */
    public TestCollateralBuilder tcbLevel(TcbLevelSpec level) {
        tcbLevels.add(level);
        return this;
    }

    /** TDX {@code tdxModule}: expected MRSIGNERSEAM (48 bytes), SEAM attributes and mask (8 bytes each). */
    public TestCollateralBuilder tdxModule(byte[] mrsigner, byte[] attributes, byte[] attributesMask) {
        tdxModule = new ModuleSigner(mrsigner, attributes, attributesMask);
        return this;
    }

    /** Adds a TDX module identity (e.g. {@code "TDX_01"}); its levels are walked in the given order. */
    public TestCollateralBuilder tdxModuleIdentity(String id, byte[] mrsigner, byte[] attributes,
            byte[] attributesMask, List<IsvTcbLevel> levels) {
        tdxModuleIdentities.add(new TdxModuleIdentity(id, new ModuleSigner(mrsigner, attributes, attributesMask),
                List.copyOf(levels)));
        return this;
    }

    /** Omits {@code tdxModuleIdentities} altogether (TDX_MODULE_MISMATCH for module versions > 0). */
    public TestCollateralBuilder withoutTdxModuleIdentities() {
        withoutTdxModuleIdentities = true;
        return this;
    }

    // ---- QE identity

    /** QE identity {@code id} instead of {@code QE}/{@code TD_QE}. */
    public TestCollateralBuilder qeIdentityId(String id) {
        qeIdentityId = id;
        return this;
    }

    public TestCollateralBuilder qeMrSigner(byte[] mrsigner) {
        qeMrSigner = Hex.sized(mrsigner, SgxReportLayout.MEASUREMENT_SIZE, "qe mrsigner");
        return this;
    }

    public TestCollateralBuilder qeIsvProdId(int prodId) {
        qeIsvProdId = prodId;
        return this;
    }

    /** {@code miscselect}, 8 hex digits in report byte order. */
    public TestCollateralBuilder qeMiscSelect(String hex) {
        qeMiscSelect = Hex.sizedHex(hex, SgxReportLayout.MISCSELECT_SIZE, "miscselect");
        return this;
    }

    public TestCollateralBuilder qeMiscSelectMask(String hex) {
        qeMiscSelectMask = Hex.sizedHex(hex, SgxReportLayout.MISCSELECT_SIZE, "miscselectMask");
        return this;
    }

    /** {@code attributes}, 32 hex digits. */
    public TestCollateralBuilder qeAttributes(String hex) {
        qeAttributes = Hex.sizedHex(hex, SgxReportLayout.ATTRIBUTES_SIZE, "attributes");
        return this;
    }

    public TestCollateralBuilder qeAttributesMask(String hex) {
        qeAttributesMask = Hex.sizedHex(hex, SgxReportLayout.ATTRIBUTES_SIZE, "attributesMask");
        return this;
    }

    /** Adds a QE TCB level; levels are written in call order. */
    public TestCollateralBuilder qeTcbLevel(int isvsvn, String status, Instant tcbDate, List<String> advisoryIds) {
        return qeTcbLevel(new IsvTcbLevel(isvsvn, status, tcbDate, advisoryIds));
    }

    public TestCollateralBuilder qeTcbLevel(IsvTcbLevel level) {
        qeTcbLevels.add(level);
        return this;
    }

    // ---- Revocation

    /** Lists a PCK certificate serial in the PCK CRL (PCK_REVOKED). */
    public TestCollateralBuilder revokePck(BigInteger serial) {
        revokedPcks.add(serial);
        return this;
    }

    /** Lists the selected PCK CA in the root CA CRL (INTERMEDIATE_CA_REVOKED). */
    public TestCollateralBuilder revokeIntermediate() {
        revokeIntermediate = true;
        return this;
    }

    /** Lists the TCB Signing certificate in the root CA CRL (TCB_SIGNING_CERT_REVOKED). */
    public TestCollateralBuilder revokeTcbSigning() {
        revokeTcbSigning = true;
        return this;
    }

    // ---- Sabotage

    /** TCB info signed by a key that is not the TCB Signing key (TCB_INFO_INVALID_SIGNATURE). */
    public TestCollateralBuilder tcbInfoSignedByForeignKey() {
        tcbInfoSignedByForeignKey = true;
        return this;
    }

    /** QE identity signed by a key that is not the TCB Signing key. */
    public TestCollateralBuilder qeIdentitySignedByForeignKey() {
        qeIdentitySignedByForeignKey = true;
        return this;
    }

    /** Root CA CRL naming the root as issuer but signed by another key. */
    public TestCollateralBuilder rootCrlSignedByForeignKey() {
        rootCrlSignedByForeignKey = true;
        return this;
    }

    /** PCK CRL naming the PCK CA as issuer but signed by another key. */
    public TestCollateralBuilder pckCrlSignedByForeignKey() {
        pckCrlSignedByForeignKey = true;
        return this;
    }

    /** Supplies the TCB Signing certificate re-issued (same key and serial) with this notAfter, in both chains. */
    public TestCollateralBuilder tcbSigningNotAfter(Instant notAfter) {
        tcbSigningNotAfter = notAfter;
        return this;
    }

    // ---- Build

    /** All members, signed. Each call signs afresh (ECDSA is randomised); the signed texts are identical. */
    public TestCollateral buildCollateral() {
        CaType ca = pckCa != null ? pckCa : tee.defaultPckCa;
        X509Certificate tcbSigning = tcbSigningNotAfter != null
                ? pki.tcbSigning(tcbSigningNotAfter) : pki.tcbSigning();
        X509Certificate root = pki.rootCertificate();
        String tcbChain = IntelX509.pem(List.of(tcbSigning, root));

        List<BigInteger> revokedByRoot = new ArrayList<>();
        if (revokeIntermediate) {
            revokedByRoot.add(pki.pckCa(ca).getSerialNumber());
        }
        if (revokeTcbSigning) {
            revokedByRoot.add(tcbSigning.getSerialNumber());
        }
        Instant thisUpdate = crlThisUpdate != null ? crlThisUpdate : issueDate;
        Instant crlNext = crlNextUpdate != null ? crlNextUpdate : nextUpdate;
        byte[] rootCrl = IntelX509.crl(root, rootCrlSignedByForeignKey ? pki.foreignPrivateKey() : pki.rootPrivateKey(),
                thisUpdate, crlNext, revokedByRoot);
        byte[] pckCrl = IntelX509.crl(pki.pckCa(ca),
                pckCrlSignedByForeignKey ? pki.foreignPrivateKey() : pki.caPrivateKey(ca), thisUpdate, crlNext,
                revokedPcks);

        String tcbInfo = tcbInfoJson();
        String qeIdentity = qeIdentityJson();
        return new TestCollateral(IntelX509.pem(List.of(pki.pckCa(ca), root)), Hex.lower(rootCrl), Hex.lower(pckCrl),
                tcbChain, tcbInfo, sign(tcbInfo, tcbInfoSignedByForeignKey), tcbChain, qeIdentity,
                sign(qeIdentity, qeIdentitySignedByForeignKey));
    }

    /** The dcap-qvl collateral JSON (see {@link TestCollateral#toJson()}). */
    public String build() {
        return buildCollateral().toJson();
    }

    /** The PCS TCB info response body {@code {"tcbInfo":{…},"signature":"…"}}. */
    public String buildPcsTcbInfoBody() {
        return buildCollateral().pcsTcbInfoBody();
    }

    /** The PCS QE identity response body {@code {"enclaveIdentity":{…},"signature":"…"}}. */
    public String buildPcsQeIdentityBody() {
        return buildCollateral().pcsQeIdentityBody();
    }

    private String sign(String rawJson, boolean foreign) {
        PrivateKey key = foreign ? pki.foreignPrivateKey() : pki.tcbSigningPrivateKey();
        return Hex.lower(IntelX509.signRaw(key, rawJson.getBytes(StandardCharsets.UTF_8)));
    }

    private String tcbInfoJson() {
        ObjectNode info = IntelJson.object();
        info.put("id", tee.tcbInfoId);
        info.put("version", TCB_INFO_VERSION);
        info.put("issueDate", IntelJson.date(issueDate));
        info.put("nextUpdate", IntelJson.date(nextUpdate));
        info.put("fmspc", fmspc);
        info.put("pceId", pceId);
        info.put("tcbType", 0);
        info.put("tcbEvaluationDataNumber", tcbEvaluationDataNumber);
        boolean tdx = tee == TeeType.TDX;
        if (tdx) {
            tdxModule.putInto(info.putObject("tdxModule"));
            if (!withoutTdxModuleIdentities) {
                ArrayNode identities = info.putArray("tdxModuleIdentities");
                for (TdxModuleIdentity identity : moduleIdentities()) {
                    ObjectNode node = identities.addObject();
                    node.put("id", identity.id());
                    identity.signer().putInto(node);
                    putIsvLevels(node, identity.tcbLevels());
                }
            }
        }
        ArrayNode levels = info.putArray("tcbLevels");
        for (TcbLevelSpec spec : tcbLevels.isEmpty() ? List.of(TcbLevelSpec.upToDate()) : tcbLevels) {
            ObjectNode level = levels.addObject();
            ObjectNode tcb = level.putObject("tcb");
            putComponents(tcb.putArray("sgxtcbcomponents"), spec.sgxComponentSvns(), tdx ? SGX_COMPONENT_LABELS : null);
            tcb.put("pcesvn", spec.pcesvn());
            if (tdx) {
                putComponents(tcb.putArray("tdxtcbcomponents"), spec.tdxComponentSvns(), TDX_COMPONENT_LABELS);
            }
            IntelJson.putLevelTail(level, spec.tcbDate(), spec.tcbStatus(), spec.advisoryIds());
        }
        return IntelJson.compact(info);
    }

    private List<TdxModuleIdentity> moduleIdentities() {
        if (!tdxModuleIdentities.isEmpty()) {
            return tdxModuleIdentities;
        }
        int[] teeTcbSvn = DcapTestDefaults.teeTcbSvnComponents();
        return List.of(new TdxModuleIdentity(String.format("TDX_%02X", teeTcbSvn[1]), ModuleSigner.INTEL,
                List.of(IsvTcbLevel.of(teeTcbSvn[0], "UpToDate"))));
    }

    private String qeIdentityJson() {
        ObjectNode identity = IntelJson.object();
        identity.put("id", qeIdentityId != null ? qeIdentityId : tee.qeIdentityId);
        identity.put("version", QE_IDENTITY_VERSION);
        identity.put("issueDate", IntelJson.date(qeIssueDate != null ? qeIssueDate : issueDate));
        identity.put("nextUpdate", IntelJson.date(qeNextUpdate != null ? qeNextUpdate : nextUpdate));
        identity.put("tcbEvaluationDataNumber", tcbEvaluationDataNumber);
        identity.put("miscselect", qeMiscSelect);
        identity.put("miscselectMask", qeMiscSelectMask);
        identity.put("attributes", qeAttributes);
        identity.put("attributesMask", qeAttributesMask);
        identity.put("mrsigner", qeMrSigner != null ? Hex.upper(qeMrSigner) : tee.qeMrSigner);
        identity.put("isvprodid", qeIsvProdId != null ? qeIsvProdId : tee.qeIsvProdId);
        putIsvLevels(identity, qeTcbLevels.isEmpty()
                ? List.of(IsvTcbLevel.of(DcapTestDefaults.QE_ISVSVN, "UpToDate")) : qeTcbLevels);
        return IntelJson.compact(identity);
    }

    private static void putIsvLevels(ObjectNode parent, List<IsvTcbLevel> levels) {
        ArrayNode array = parent.putArray("tcbLevels");
        for (IsvTcbLevel level : levels) {
            ObjectNode node = array.addObject();
            node.putObject("tcb").put("isvsvn", level.isvsvn());
            IntelJson.putLevelTail(node, level.tcbDate(), level.tcbStatus(), level.advisoryIds());
        }
    }

    private static void putComponents(ArrayNode array, int[] svns, String[][] labels) {
        for (int i = 0; i < svns.length; i++) {
            ObjectNode component = array.addObject();
            component.put("svn", svns[i]);
            String[] label = labels != null && i < labels.length ? labels[i] : null;
            if (label != null) {
                component.put("category", label[0]);
                if (label[1] != null) {
                    component.put("type", label[1]);
                }
            }
        }
    }
}
