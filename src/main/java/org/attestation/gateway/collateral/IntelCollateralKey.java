package org.attestation.gateway.collateral;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.attestation.gateway.evidence.dcap.DcapVerifier.PckOrigin;

/**
 * One item of Intel collateral: what to ask PCS for, which response header carries its issuer chain, and
 * its id in the store and on disk ({@code intel/sgx/tcb/00906ED50000/standard}).
 *
 * @param tee    {@code sgx} or {@code tdx} (TCB info, QE identity); {@code sgx} otherwise
 * @param fmspc  upper-case hex, for TCB info only
 * @param ca     {@code processor} or {@code platform}, for PCK CRLs only
 * @param update {@code standard} or {@code early}, for TCB info and identities
 */
public record IntelCollateralKey(Kind kind, String tee, String fmspc, String ca, String update) {

    /** The kinds of item, with their PCS v4 paths. */
    public enum Kind {
        TCB_INFO("tcb", "TCB-Info-Issuer-Chain"),
        QE_IDENTITY("qe/identity", "SGX-Enclave-Identity-Issuer-Chain"),
        QVE_IDENTITY("qve/identity", "SGX-Enclave-Identity-Issuer-Chain"),
        PCK_CRL("pckcrl", "SGX-PCK-CRL-Issuer-Chain"),
        ROOT_CA_CRL("rootcacrl", null);

        private final String path;
        private final String issuerChainHeader;

        Kind(String path, String issuerChainHeader) {
            this.path = path;
            this.issuerChainHeader = issuerChainHeader;
        }

        /** The path after {@code /{sgx|tdx}/certification/v4/}. */
        public String path() {
            return path;
        }

        /** The PCS response header with the URL-encoded PEM issuer chain; none for the root CA CRL. */
        public String issuerChainHeader() {
            return issuerChainHeader;
        }
    }

    public static final String SGX = "sgx";
    public static final String TDX = "tdx";
    public static final String STANDARD = "standard";
    public static final String EARLY = "early";
    /** The TCB feeds Intel publishes. */
    public static final List<String> UPDATES = List.of(STANDARD, EARLY);
    /** The CAs that issue PCK certificates, as PCS names them. */
    public static final List<String> PCK_CAS = List.of(PckOrigin.PROCESSOR, PckOrigin.PLATFORM);
    private static final Pattern FMSPC = Pattern.compile("[0-9A-F]{12}");

    public IntelCollateralKey {
        Objects.requireNonNull(kind, "kind");
        if (!SGX.equals(tee) && !TDX.equals(tee)) {
            throw new IllegalArgumentException("tee is sgx or tdx, not " + tee);
        }
        if (kind == Kind.TCB_INFO && (fmspc == null || !FMSPC.matcher(fmspc).matches())) {
            throw new IllegalArgumentException("an FMSPC is 12 hex digits, not " + fmspc);
        }
        if (kind == Kind.PCK_CRL && (ca == null || !PCK_CAS.contains(ca))) {
            throw new IllegalArgumentException("a PCK CA is processor or platform, not " + ca);
        }
        if (update != null && !UPDATES.contains(update)) {
            throw new IllegalArgumentException("update is standard or early, not " + update);
        }
    }

    /** Whether {@code hex} is an FMSPC, 12 hex digits in either case (the keys hold it upper-case). */
    public static boolean isFmspc(String hex) {
        return hex != null && FMSPC.matcher(hex.toUpperCase(Locale.ROOT)).matches();
    }

    public static IntelCollateralKey tcbInfo(String tee, String fmspc, String update) {
        return new IntelCollateralKey(Kind.TCB_INFO, tee, fmspc.toUpperCase(Locale.ROOT), null, update);
    }

    /** QE identity for SGX, TD_QE identity for TDX. */
    public static IntelCollateralKey qeIdentity(String tee, String update) {
        return new IntelCollateralKey(Kind.QE_IDENTITY, tee, null, null, update);
    }

    public static IntelCollateralKey qveIdentity(String update) {
        return new IntelCollateralKey(Kind.QVE_IDENTITY, SGX, null, null, update);
    }

    public static IntelCollateralKey pckCrl(String ca) {
        return new IntelCollateralKey(Kind.PCK_CRL, SGX, null, ca, null);
    }

    public static IntelCollateralKey rootCaCrl() {
        return new IntelCollateralKey(Kind.ROOT_CA_CRL, SGX, null, null, null);
    }

    /** The store key and relative file path: {@code intel/<tee>/<path>[/<fmspc>|/<ca>][/<update>]}. */
    public String id() {
        StringBuilder id = new StringBuilder("intel/").append(tee).append('/').append(kind.path());
        if (fmspc != null) {
            id.append('/').append(fmspc);
        }
        if (ca != null) {
            id.append('/').append(ca);
        }
        if (update != null) {
            id.append('/').append(update);
        }
        return id.toString();
    }

    /** The inverse of {@link #id()}; empty for a string that is not an item id. */
    public static Optional<IntelCollateralKey> parse(String id) {
        String[] parts = id.split("/");
        try {
            if (parts.length < 3 || !parts[0].equals("intel")) {
                return Optional.empty();
            }
            String tee = parts[1];
            String rest = id.substring(("intel/" + tee + "/").length());
            if (rest.startsWith("tcb/") && parts.length == 5) {
                return Optional.of(tcbInfo(tee, parts[3], parts[4]));
            } else if (rest.startsWith("qe/identity/") && parts.length == 5) {
                return Optional.of(qeIdentity(tee, parts[4]));
            } else if (rest.startsWith("qve/identity/") && parts.length == 5) {
                return Optional.of(qveIdentity(parts[4]));
            } else if (rest.startsWith("pckcrl/") && parts.length == 4) {
                return Optional.of(pckCrl(parts[3]));
            } else if (rest.equals("rootcacrl")) {
                return Optional.of(rootCaCrl());
            }
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** The PCS v4 path and query for this item. */
    public String pcsPathAndQuery() {
        String base = "/" + tee + "/certification/v4/" + kind.path();
        return switch (kind) {
            case TCB_INFO -> base + "?fmspc=" + fmspc + "&update=" + update;
            case QE_IDENTITY, QVE_IDENTITY -> base + "?update=" + update;
            case PCK_CRL -> base + "?ca=" + ca + "&encoding=der";
            case ROOT_CA_CRL -> base;
        };
    }

    @Override
    public String toString() {
        return id();
    }
}
