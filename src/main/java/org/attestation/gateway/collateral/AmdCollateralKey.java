package org.attestation.gateway.collateral;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One item of AMD collateral from the Key Distribution Service (KDS): what to ask for, and its id in the
 * store and on disk. The id mirrors the KDS path, normalised (product as KDS spells it, hwID in lower-case
 * hex, SPLs in decimal, a fixed order), so that one chip at one TCB is one item however its URL was written:
 * <ul>
 * <li>{@code amd/vcek/Milan/<128 hex>/bl3_tee0_snp8_ucode115}, {@code amd/vcek/Turin/<16 hex>/fmc1_bl3_tee0_snp8_ucode210}</li>
 * <li>{@code amd/vcek/Genoa/cert_chain} (ASK then ARK), {@code amd/vlek/Genoa/cert_chain} (ASVK then ARK)</li>
 * <li>{@code amd/vcek/Genoa/crl}, {@code amd/vlek/Genoa/crl}</li>
 * </ul>
 *
 * @param endorser {@code VCEK} for a VCEK; the signing key family for a chain or CRL
 * @param hwId     lower-case hex of the hwID (VCEK only): 64 bytes for Milan and Genoa, 8 for Turin
 * @param tcb      the SPLs of the VCEK's TCB (VCEK only)
 */
public record AmdCollateralKey(Kind kind, Product product, Endorser endorser, String hwId, Tcb tcb) {

    /** The kinds of item. */
    public enum Kind {
        VCEK("vcek"), CERT_CHAIN("cert_chain"), CRL("crl");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** The name in ids, metrics and the KDS path: {@code vcek}, {@code cert_chain}, {@code crl}. */
        public String label() {
            return label;
        }
    }

    /** The key families KDS certifies, with their path prefix. */
    public enum Endorser {
        VCEK("vcek"), VLEK("vlek");

        private final String path;

        Endorser(String path) {
            this.path = path;
        }

        public String path() {
            return path;
        }
    }

    /** The products KDS knows, as its URLs spell them (Genoa also for Bergamo and Siena), with their hwID length. */
    public enum Product {
        MILAN("Milan", 64), GENOA("Genoa", 64), TURIN("Turin", 8);

        private final String kdsName;
        private final int hwIdBytes;

        Product(String kdsName, int hwIdBytes) {
            this.kdsName = kdsName;
            this.hwIdBytes = hwIdBytes;
        }

        public String kdsName() {
            return kdsName;
        }

        /** The length of the hwID in the VCEK and the KDS URL: 64 bytes, or 8 for Turin. */
        public int hwIdBytes() {
            return hwIdBytes;
        }

        /** {@code Milan}, {@code Genoa} or {@code Turin}, in any case. */
        public static Product named(String name) {
            for (Product product : values()) {
                if (product.kdsName.equalsIgnoreCase(name)) {
                    return product;
                }
            }
            throw new IllegalArgumentException("an AMD product is Milan, Genoa or Turin, not " + name);
        }
    }

    /**
     * The security patch levels of a TCB, as KDS takes them. {@code fmc} is Turin's only (null otherwise).
     */
    public record Tcb(Integer fmc, int bl, int tee, int snp, int ucode) {

        public Tcb {
            for (int spl : new int[] {fmc == null ? 0 : fmc, bl, tee, snp, ucode}) {
                if (spl < 0 || spl > 255) {
                    throw new IllegalArgumentException("an SPL is a byte, 0 to 255, not " + spl);
                }
            }
        }

        /**
         * A TCB_VERSION (REPORTED_TCB of a report) decoded with the product's byte layout; the u64 is as the
         * report holds it little-endian, so byte 0 is its least significant. Milan and Genoa: byte 0 BL, 1 TEE,
         * 6 SNP, 7 UCODE. Turin: byte 0 FMC, 1 BL, 2 TEE, 3 SNP, 7 UCODE.
         */
        public static Tcb decode(Product product, long tcbVersion) {
            if (product == Product.TURIN) {
                return new Tcb(at(tcbVersion, 0), at(tcbVersion, 1), at(tcbVersion, 2), at(tcbVersion, 3),
                        at(tcbVersion, 7));
            }
            return new Tcb(null, at(tcbVersion, 0), at(tcbVersion, 1), at(tcbVersion, 6), at(tcbVersion, 7));
        }

        private static int at(long value, int index) {
            return (int) (value >>> (8 * index)) & 0xFF;
        }
    }

    private static final Pattern HEX = Pattern.compile("[0-9a-f]+");
    private static final Pattern VCEK_ID = Pattern.compile(
            "amd/vcek/(\\w+)/([0-9a-f]+)/(?:fmc(\\d+)_)?bl(\\d+)_tee(\\d+)_snp(\\d+)_ucode(\\d+)");
    private static final Pattern OTHER_ID = Pattern.compile("amd/(vcek|vlek)/(\\w+)/(cert_chain|crl)");

    public AmdCollateralKey {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(endorser, "endorser");
        if (kind == Kind.VCEK) {
            if (endorser != Endorser.VCEK) {
                throw new IllegalArgumentException("a VLEK cannot be fetched from KDS without credentials");
            }
            if (hwId == null || !HEX.matcher(hwId).matches() || hwId.length() != 2 * product.hwIdBytes()) {
                throw new IllegalArgumentException("the hwID of a " + product.kdsName() + " VCEK is "
                        + product.hwIdBytes() + " bytes in lower-case hex, not " + hwId);
            }
            if (hwId.chars().allMatch(c -> c == '0')) {
                throw new CollateralMissingException("CHIP_ID is all zero (masked): no VCEK can be fetched from AMD "
                        + "KDS; the evidence must carry its VCEK, or use a VLEK");
            }
            Objects.requireNonNull(tcb, "tcb");
            if ((tcb.fmc() != null) != (product == Product.TURIN)) {
                throw new IllegalArgumentException("fmcSPL is " + (product == Product.TURIN ? "required" : "only")
                        + " for Turin");
            }
        } else if (hwId != null || tcb != null) {
            throw new IllegalArgumentException("a " + kind.label() + " has no hwID or TCB");
        }
    }

    /**
     * The VCEK of a chip at a TCB. {@code chipId} is the report's CHIP_ID (64 bytes) or the hwID itself; for
     * Turin only its first 8 bytes count, and the rest must be zero. An all-zero CHIP_ID (masked) fails
     * with {@link CollateralMissingException}: KDS cannot be asked.
     */
    public static AmdCollateralKey vcek(Product product, byte[] chipId, Tcb tcb) {
        int length = product.hwIdBytes();
        if (chipId.length != length && chipId.length != 64) {
            throw new IllegalArgumentException("a CHIP_ID is 64 bytes (or the " + length + "-byte hwID), not "
                    + chipId.length);
        }
        for (int i = length; i < chipId.length; i++) {
            if (chipId[i] != 0) {
                throw new IllegalArgumentException("a " + product.kdsName() + " CHIP_ID has zero bytes after its "
                        + length + "-byte hwID");
            }
        }
        return new AmdCollateralKey(Kind.VCEK, product, Endorser.VCEK,
                HexFormat.of().formatHex(chipId, 0, length), tcb);
    }

    /** The VCEK of a chip at the report's REPORTED_TCB (the u64 as read little-endian). */
    public static AmdCollateralKey vcek(Product product, byte[] chipId, long reportedTcb) {
        return vcek(product, chipId, Tcb.decode(product, reportedTcb));
    }

    /** The chain of a key family: ASK then ARK for VCEK, ASVK then ARK for VLEK. */
    public static AmdCollateralKey certChain(Product product, Endorser endorser) {
        return new AmdCollateralKey(Kind.CERT_CHAIN, product, endorser, null, null);
    }

    /** The CRL of a key family's CAs, signed by the ARK. */
    public static AmdCollateralKey crl(Product product, Endorser endorser) {
        return new AmdCollateralKey(Kind.CRL, product, endorser, null, null);
    }

    /** The store key and relative file path (see the class comment). */
    public String id() {
        String base = "amd/" + endorser.path() + "/" + product.kdsName() + "/";
        if (kind != Kind.VCEK) {
            return base + kind.label();
        }
        return base + hwId + "/" + (tcb.fmc() == null ? "" : "fmc" + tcb.fmc() + "_") + "bl" + tcb.bl() + "_tee"
                + tcb.tee() + "_snp" + tcb.snp() + "_ucode" + tcb.ucode();
    }

    /** The inverse of {@link #id()}; empty for a string that is not an AMD item id. */
    public static Optional<AmdCollateralKey> parse(String id) {
        try {
            Matcher vcek = VCEK_ID.matcher(id);
            if (vcek.matches()) {
                Tcb tcb = new Tcb(vcek.group(3) == null ? null : Integer.valueOf(vcek.group(3)),
                        Integer.parseInt(vcek.group(4)), Integer.parseInt(vcek.group(5)),
                        Integer.parseInt(vcek.group(6)), Integer.parseInt(vcek.group(7)));
                AmdCollateralKey key = new AmdCollateralKey(Kind.VCEK, Product.named(vcek.group(1)), Endorser.VCEK,
                        vcek.group(2), tcb);
                return key.id().equals(id) ? Optional.of(key) : Optional.empty();
            }
            Matcher other = OTHER_ID.matcher(id);
            if (other.matches()) {
                Endorser endorser = Endorser.valueOf(other.group(1).toUpperCase(Locale.ROOT));
                Product product = Product.named(other.group(2));
                AmdCollateralKey key = other.group(3).equals("crl") ? crl(product, endorser)
                        : certChain(product, endorser);
                return key.id().equals(id) ? Optional.of(key) : Optional.empty();
            }
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * The KDS path and query: {@code /vcek/v1/Milan/<hwid>?blSPL=3&teeSPL=0&snpSPL=8&ucodeSPL=115}, with
     * {@code fmcSPL} first for Turin; {@code /{vcek|vlek}/v1/<product>/cert_chain} and {@code .../crl}.
     */
    public String kdsPathAndQuery() {
        String base = "/" + endorser.path() + "/v1/" + product.kdsName() + "/";
        if (kind != Kind.VCEK) {
            return base + kind.label();
        }
        return base + hwId + "?" + (tcb.fmc() == null ? "" : "fmcSPL=" + tcb.fmc() + "&") + "blSPL=" + tcb.bl()
                + "&teeSPL=" + tcb.tee() + "&snpSPL=" + tcb.snp() + "&ucodeSPL=" + tcb.ucode();
    }

    @Override
    public String toString() {
        return id();
    }
}
