package org.attestation.gateway.collateral;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.attestation.gateway.evidence.snp.SigningKey;
import org.attestation.gateway.evidence.snp.SnpProduct;
import org.attestation.gateway.evidence.snp.TcbVersion;

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
 * @param tcb      the VCEK's TCB (VCEK only), decoded with the product's layout; kept with its reserved
 *                 bytes zero, so that keys are equal when their SPLs are
 */
public record AmdCollateralKey(Kind kind, SnpProduct product, SigningKey endorser, String hwId, TcbVersion tcb) {

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

    private static final Pattern HEX = Pattern.compile("[0-9a-f]+");
    private static final Pattern VCEK_ID = Pattern.compile(
            "amd/vcek/(\\w+)/([0-9a-f]+)/(?:fmc(\\d+)_)?bl(\\d+)_tee(\\d+)_snp(\\d+)_ucode(\\d+)");
    private static final Pattern OTHER_ID = Pattern.compile("amd/(vcek|vlek)/(\\w+)/(cert_chain|crl)");

    public AmdCollateralKey {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(endorser, "endorser");
        if (kind == Kind.VCEK) {
            if (endorser != SigningKey.VCEK) {
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
            // a TCB decoded (or built) with another product's layout
            if (tcb.fmcSpl().isPresent() != product.turinTcbLayout()) {
                throw new IllegalArgumentException("fmcSPL is " + (product.turinTcbLayout() ? "required" : "only")
                        + " for Turin");
            }
            for (int spl : new int[] {tcb.fmcSpl().orElse(0), tcb.blSpl(), tcb.teeSpl(), tcb.snpSpl(), tcb.ucodeSpl()}) {
                if (spl < 0 || spl > 255) {
                    throw new IllegalArgumentException("an SPL is a byte, 0 to 255, not " + spl);
                }
            }
            tcb = tcb(product, tcb.fmcSpl().orElse(0), tcb.blSpl(), tcb.teeSpl(), tcb.snpSpl(), tcb.ucodeSpl());
        } else if (hwId != null || tcb != null) {
            throw new IllegalArgumentException("a " + kind.label() + " has no hwID or TCB");
        }
    }

    /**
     * The VCEK of a chip at a TCB. {@code chipId} is the report's CHIP_ID (64 bytes) or the hwID itself; for
     * Turin only its first 8 bytes count, and the rest must be zero. An all-zero CHIP_ID (masked) fails
     * with {@link CollateralMissingException}: KDS cannot be asked.
     */
    public static AmdCollateralKey vcek(SnpProduct product, byte[] chipId, TcbVersion tcb) {
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
        return new AmdCollateralKey(Kind.VCEK, product, SigningKey.VCEK,
                HexFormat.of().formatHex(chipId, 0, length), tcb);
    }

    /** The VCEK of a chip at the report's REPORTED_TCB (the u64 as read little-endian). */
    public static AmdCollateralKey vcek(SnpProduct product, byte[] chipId, long reportedTcb) {
        return vcek(product, chipId, TcbVersion.decode(reportedTcb, product));
    }

    /** The chain of a key family: ASK then ARK for VCEK, ASVK then ARK for VLEK. */
    public static AmdCollateralKey certChain(SnpProduct product, SigningKey endorser) {
        return new AmdCollateralKey(Kind.CERT_CHAIN, product, endorser, null, null);
    }

    /** The CRL of a key family's CAs, signed by the ARK. */
    public static AmdCollateralKey crl(SnpProduct product, SigningKey endorser) {
        return new AmdCollateralKey(Kind.CRL, product, endorser, null, null);
    }

    /** The store key and relative file path (see the class comment). */
    public String id() {
        String base = "amd/" + endorser.kdsPath() + "/" + product.kdsName() + "/";
        if (kind != Kind.VCEK) {
            return base + kind.label();
        }
        return base + hwId + "/" + (tcb.fmcSpl().isPresent() ? "fmc" + tcb.fmcSpl().getAsInt() + "_" : "")
                + "bl" + tcb.blSpl() + "_tee" + tcb.teeSpl() + "_snp" + tcb.snpSpl() + "_ucode" + tcb.ucodeSpl();
    }

    /** The inverse of {@link #id()}; empty for a string that is not an AMD item id. */
    public static Optional<AmdCollateralKey> parse(String id) {
        try {
            Matcher vcek = VCEK_ID.matcher(id);
            if (vcek.matches()) {
                SnpProduct product = SnpProduct.named(vcek.group(1));
                // an SPL over 255 is cut to its low byte, so the id differs and is refused below
                TcbVersion tcb = tcb(product, vcek.group(3) == null ? 0 : Integer.parseInt(vcek.group(3)),
                        Integer.parseInt(vcek.group(4)), Integer.parseInt(vcek.group(5)),
                        Integer.parseInt(vcek.group(6)), Integer.parseInt(vcek.group(7)));
                AmdCollateralKey key = new AmdCollateralKey(Kind.VCEK, product, SigningKey.VCEK, vcek.group(2), tcb);
                return key.id().equals(id) ? Optional.of(key) : Optional.empty();
            }
            Matcher other = OTHER_ID.matcher(id);
            if (other.matches()) {
                SigningKey endorser = SigningKey.valueOf(other.group(1).toUpperCase(Locale.ROOT));
                SnpProduct product = SnpProduct.named(other.group(2));
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
        String base = "/" + endorser.kdsPath() + "/v1/" + product.kdsName() + "/";
        if (kind != Kind.VCEK) {
            return base + kind.label();
        }
        return base + hwId + "?" + (tcb.fmcSpl().isPresent() ? "fmcSPL=" + tcb.fmcSpl().getAsInt() + "&" : "")
                + "blSPL=" + tcb.blSpl() + "&teeSPL=" + tcb.teeSpl() + "&snpSPL=" + tcb.snpSpl() + "&ucodeSPL="
                + tcb.ucodeSpl();
    }

    /** The TCB of these SPLs in the product's layout, reserved bytes zero (each SPL is cut to its low byte). */
    private static TcbVersion tcb(SnpProduct product, int fmc, int bl, int tee, int snp, int ucode) {
        return TcbVersion.decode(TcbVersion.compose(product, fmc, bl, tee, snp, ucode), product);
    }

    @Override
    public String toString() {
        return id();
    }
}
