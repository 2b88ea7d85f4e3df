package org.attestation.gateway.evidence.snp;

import java.util.OptionalInt;

/**
 * A TCB_VERSION (spec/snp.md §1.3): the security patch levels of the AMD firmware components, decoded
 * with the product's byte layout (never the report version's).
 *
 * @param fmcSpl   Turin's FMC_SPL (byte 0); empty on Milan and Genoa
 * @param raw      the little-endian u64 as read from the report
 */
public record TcbVersion(OptionalInt fmcSpl, int blSpl, int teeSpl, int snpSpl, int ucodeSpl, long raw) {

    /** Milan/Genoa: BL byte 0, TEE byte 1, SNP byte 6, UCODE byte 7. Turin: FMC 0, BL 1, TEE 2, SNP 3, UCODE 7. */
    public static TcbVersion decode(long raw, SnpProduct product) {
        if (product.turinTcbLayout()) {
            return new TcbVersion(OptionalInt.of(component(raw, 0)), component(raw, 1), component(raw, 2),
                    component(raw, 3), component(raw, 7), raw);
        }
        return new TcbVersion(OptionalInt.empty(), component(raw, 0), component(raw, 1), component(raw, 6),
                component(raw, 7), raw);
    }

    /** The raw u64 of the given components in the product's layout (reserved bytes zero). */
    public static long compose(SnpProduct product, int fmcSpl, int blSpl, int teeSpl, int snpSpl, int ucodeSpl) {
        if (product.turinTcbLayout()) {
            return place(fmcSpl, 0) | place(blSpl, 1) | place(teeSpl, 2) | place(snpSpl, 3) | place(ucodeSpl, 7);
        }
        return place(blSpl, 0) | place(teeSpl, 1) | place(snpSpl, 6) | place(ucodeSpl, 7);
    }

    /** Lower-case hex of the u64, 16 digits: Azure THIM's {@code tcbm} form. */
    public String rawHex() {
        return String.format("%016x", raw);
    }

    private static int component(long raw, int index) {
        return (int) (raw >>> (8 * index)) & 0xFF;
    }

    private static long place(int value, int index) {
        return (long) (value & 0xFF) << (8 * index);
    }
}
