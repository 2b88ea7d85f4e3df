package org.attestation.gateway.evidence.dcap;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Intel's TCB info (version 2 or 3, SGX or TDX), parsed from the exact text that was signed. Levels are
 * kept in descending TCB order, as QVL orders them.
 */
public record TcbInfo(String id, int version, Instant issueDate, Instant nextUpdate, byte[] fmspc, byte[] pceId,
        int tcbEvaluationDataNumber, Optional<TdxModule> tdxModule, List<TdxModuleIdentity> tdxModuleIdentities,
        List<TcbLevel> tcbLevels) {

    public static final String SGX = "SGX";
    public static final String TDX = "TDX";

    /** A platform TCB level: 16 SGX component SVNs, PCESVN, and for TDX 16 TDX component SVNs. */
    public record TcbLevel(List<Integer> sgxComponents, int pceSvn, Optional<List<Integer>> tdxComponents,
            Instant tcbDate, TcbStatus status, List<String> advisoryIds) {

        public TcbLevel {
            sgxComponents = List.copyOf(sgxComponents);
            tdxComponents = tdxComponents.map(List::copyOf);
            advisoryIds = List.copyOf(advisoryIds);
        }
    }

    /** The TDX module's expected signer and attributes ({@code tdxModule} or one of {@code tdxModuleIdentities}). */
    public record TdxModule(byte[] mrSigner, byte[] attributes, byte[] attributesMask) {

        public TdxModule {
            mrSigner = mrSigner.clone();
            attributes = attributes.clone();
            attributesMask = attributesMask.clone();
        }

        @Override
        public byte[] mrSigner() {
            return mrSigner.clone();
        }

        @Override
        public byte[] attributes() {
            return attributes.clone();
        }

        @Override
        public byte[] attributesMask() {
            return attributesMask.clone();
        }
    }

    /** A TDX module identity, {@code TDX_01}, {@code TDX_03}..., with its own TCB levels by ISVSVN. */
    public record TdxModuleIdentity(String id, TdxModule module, List<IsvLevel> tcbLevels) {

        public TdxModuleIdentity {
            tcbLevels = List.copyOf(tcbLevels);
        }
    }

    public TcbInfo {
        fmspc = fmspc.clone();
        pceId = pceId.clone();
        tdxModuleIdentities = List.copyOf(tdxModuleIdentities);
        tcbLevels = List.copyOf(tcbLevels);
    }

    @Override
    public byte[] fmspc() {
        return fmspc.clone();
    }

    @Override
    public byte[] pceId() {
        return pceId.clone();
    }

    public boolean isTdx() {
        return TDX.equals(id);
    }

    /** The module identity named {@code TDX_%02X} for a module major version, if listed. */
    public Optional<TdxModuleIdentity> moduleIdentity(int majorVersion) {
        String wanted = String.format("TDX_%02X", majorVersion);
        return tdxModuleIdentities.stream().filter(identity -> identity.id().equalsIgnoreCase(wanted)).findFirst();
    }

    /** Parses TCB info text (the value of {@code tcbInfo}) with QVL's rules ({@code TcbInfo.cpp}). */
    public static TcbInfo parse(String text) {
        Json json = new Json(QvlStatus.SGX_TCB_INFO_UNSUPPORTED_FORMAT, "the TCB info");
        JsonNode root = json.parse(text);
        int version = json.integer(root, "version");
        if (version != 2 && version != 3) {
            throw json.fail("has version " + version + "; 2 and 3 are supported");
        }
        String id = version == 2 ? SGX : json.text(root, "id");
        if (!SGX.equals(id) && !TDX.equals(id)) {
            throw json.fail("has id " + id + "; SGX and TDX are supported");
        }
        if (version == 3 && json.integer(root, "tcbType") != 0) {
            throw json.fail("has a tcbType other than 0");
        }
        boolean tdx = TDX.equals(id);
        if (!tdx && (root.has("tdxModule") || root.has("tdxModuleIdentities"))) {
            throw json.fail("is SGX TCB info but carries TDX module data");
        }
        if (tdx && !root.has("tdxModule")) {
            throw json.fail("is TDX TCB info without tdxModule");
        }
        Optional<TdxModule> module = tdx ? Optional.of(module(json, json.field(root, "tdxModule"))) : Optional.empty();
        List<TdxModuleIdentity> identities = new ArrayList<>();
        if (root.has("tdxModuleIdentities")) {
            for (JsonNode identity : json.array(root, "tdxModuleIdentities")) {
                identities.add(new TdxModuleIdentity(json.text(identity, "id"), module(json, identity),
                        IsvLevel.parseAll(json, identity)));
            }
        }
        List<TcbLevel> levels = new ArrayList<>();
        for (JsonNode level : json.array(root, "tcbLevels")) {
            levels.add(level(json, level, version, tdx));
        }
        levels.sort(DESCENDING);
        for (int i = 1; i < levels.size(); i++) {
            if (DESCENDING.compare(levels.get(i - 1), levels.get(i)) == 0) {
                throw json.fail("lists the same TCB level twice");
            }
        }
        return new TcbInfo(id, version, json.instant(root, "issueDate"), json.instant(root, "nextUpdate"),
                json.hex(root, "fmspc", 6), json.hex(root, "pceId", 2),
                root.has("tcbEvaluationDataNumber") ? json.integer(root, "tcbEvaluationDataNumber") : 0,
                module, identities, levels);
    }

    /** QVL orders levels by SGX components, then PCESVN, then TDX components; highest first. */
    private static final Comparator<TcbLevel> DESCENDING = ((Comparator<TcbLevel>) (a, b) -> {
        int bySgx = compare(a.sgxComponents(), b.sgxComponents());
        if (bySgx != 0) {
            return bySgx;
        }
        int byPce = Integer.compare(a.pceSvn(), b.pceSvn());
        return byPce != 0 ? byPce : compare(a.tdxComponents().orElse(List.of()), b.tdxComponents().orElse(List.of()));
    }).reversed();

    private static int compare(List<Integer> a, List<Integer> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = Integer.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static TdxModule module(Json json, JsonNode node) {
        return new TdxModule(json.hex(node, "mrsigner", 48), json.hex(node, "attributes", 8),
                json.hex(node, "attributesMask", 8));
    }

    private static TcbLevel level(Json json, JsonNode node, int version, boolean tdx) {
        JsonNode tcb = json.field(node, "tcb");
        List<Integer> sgx;
        int pceSvn = json.integer(tcb, "pcesvn");
        Optional<List<Integer>> tdxComponents = Optional.empty();
        if (version == 2) {
            Integer[] components = new Integer[16];
            for (int i = 0; i < 16; i++) {
                components[i] = json.integer(tcb, String.format("sgxtcbcomp%02dsvn", i + 1));
            }
            sgx = Arrays.asList(components);
        } else {
            sgx = components(json, tcb, "sgxtcbcomponents");
            if (tdx) {
                tdxComponents = Optional.of(components(json, tcb, "tdxtcbcomponents"));
            }
        }
        return new TcbLevel(sgx, pceSvn, tdxComponents, json.instant(node, "tcbDate"), json.status(node),
                json.strings(node, "advisoryIDs"));
    }

    private static List<Integer> components(Json json, JsonNode tcb, String name) {
        JsonNode array = json.array(tcb, name);
        if (array.size() != 16) {
            throw json.fail("has " + array.size() + " " + name + ", not 16");
        }
        List<Integer> svns = new ArrayList<>();
        for (JsonNode component : array) {
            svns.add(json.integer(component, "svn"));
        }
        return svns;
    }
}
