package org.attestation.gateway.evidence.snp;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The KDS coordinates of a report's VCEK (spec/snp.md §2.1): {@code GET /vcek/v1/{product}/{hwid}?…SPL=…}.
 * Also a cache key: a VCEK is a pure function of (product, hwID, REPORTED_TCB).
 *
 * @param hwId 64 bytes of CHIP_ID for Milan and Genoa, its first 8 bytes for Turin
 */
public record VcekLookup(SnpProduct product, byte[] hwId, TcbVersion reportedTcb) {

    public VcekLookup {
        hwId = hwId.clone();
    }

    static VcekLookup of(SnpReport report, SnpProduct product) {
        if (report.chipIdMasked()) {
            throw new SnpVerificationException(SnpStatus.SNP_CHIP_ID_MASKED,
                    "CHIP_ID is all zero (masked), so the VCEK cannot be fetched from KDS");
        }
        byte[] chipId = report.chipId();
        byte[] hwId = product == SnpProduct.TURIN ? Arrays.copyOf(chipId, 8) : chipId;
        return new VcekLookup(product, hwId, TcbVersion.decode(report.reportedTcb(), product));
    }

    @Override
    public byte[] hwId() {
        return hwId.clone();
    }

    /** Lower-case hex of the hwID: 128 characters, or 16 on Turin. */
    public String hwIdHex() {
        return HexFormat.of().formatHex(hwId);
    }

    /** The KDS path and query, e.g. {@code /vcek/v1/Turin/1e55…?fmcSPL=0&blSPL=3&teeSPL=0&snpSPL=8&ucodeSPL=115}. */
    public String kdsPath() {
        StringBuilder path = new StringBuilder("/vcek/v1/").append(product.kdsName()).append('/').append(hwIdHex())
                .append('?');
        reportedTcb.fmcSpl().ifPresent(fmc -> path.append("fmcSPL=").append(fmc).append('&'));
        return path.append("blSPL=").append(reportedTcb.blSpl()).append("&teeSPL=").append(reportedTcb.teeSpl())
                .append("&snpSPL=").append(reportedTcb.snpSpl()).append("&ucodeSPL=").append(reportedTcb.ucodeSpl())
                .toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VcekLookup other && product == other.product && Arrays.equals(hwId, other.hwId)
                && reportedTcb.equals(other.reportedTcb);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * product.hashCode() + Arrays.hashCode(hwId)) + reportedTcb.hashCode();
    }

    @Override
    public String toString() {
        return "VcekLookup[" + kdsPath() + "]";
    }
}
