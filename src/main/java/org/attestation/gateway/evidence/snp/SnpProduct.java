package org.attestation.gateway.evidence.snp;

import java.util.Optional;

/** The AMD EPYC generations KDS issues VCEKs for (spec/snp.md §1.6), with their KDS path names. */
public enum SnpProduct {
    MILAN("Milan", 0, 64),
    GENOA("Genoa", 0, 64),
    TURIN("Turin", 1, 8);

    private final String kdsName;
    private final int vekStructVersion;
    private final int hwIdBytes;

    SnpProduct(String kdsName, int vekStructVersion, int hwIdBytes) {
        this.kdsName = kdsName;
        this.vekStructVersion = vekStructVersion;
        this.hwIdBytes = hwIdBytes;
    }

    /**
     * The product segment of KDS URLs and of the AMD CNs: {@code ARK-Milan}, {@code /vcek/v1/Milan/…} (Genoa
     * also for Bergamo and Siena).
     */
    public String kdsName() {
        return kdsName;
    }

    /** The length of the hwID in the VCEK and the KDS URL (§2.1): 64 bytes of CHIP_ID, or its first 8 on Turin. */
    public int hwIdBytes() {
        return hwIdBytes;
    }

    /** The product by its KDS name, {@code Milan}, {@code Genoa} or {@code Turin}, in any case. */
    public static SnpProduct named(String name) {
        for (SnpProduct product : values()) {
            if (product.kdsName.equalsIgnoreCase(name)) {
                return product;
            }
        }
        throw new IllegalArgumentException("an AMD product is Milan, Genoa or Turin, not " + name);
    }

    /** The VEK structVersion extension this product's certificates carry (§2.5: 1 for Turin, else 0). */
    public int vekStructVersion() {
        return vekStructVersion;
    }

    /** Whether TCB_VERSION has Turin's layout (FMC_SPL at byte 0, §1.3). */
    public boolean turinTcbLayout() {
        return this == TURIN;
    }

    /**
     * §1.6: family 19h models 00–0F are Milan; 10–1F and A0–AF (Bergamo, Siena) Genoa; family 1Ah models
     * 00–11 Turin. Anything else (Venice included, which has no KDS endpoint yet) is unknown.
     */
    public static Optional<SnpProduct> fromCpuid(int family, int model) {
        if (family == 0x19) {
            if (model <= 0x0F) {
                return Optional.of(MILAN);
            }
            if (model >= 0x10 && model <= 0x1F || model >= 0xA0 && model <= 0xAF) {
                return Optional.of(GENOA);
            }
        } else if (family == 0x1A && model <= 0x11) {
            return Optional.of(TURIN);
        }
        return Optional.empty();
    }

    /** §1.6 v2 fallback: the VEK productName extension by prefix ("Milan-B0" is Milan). */
    public static Optional<SnpProduct> fromProductName(String productName) {
        for (SnpProduct product : values()) {
            if (product.matchesProductName(productName)) {
                return Optional.of(product);
            }
        }
        return Optional.empty();
    }

    /** A productName belongs to this product when it is the KDS name or starts with it and a dash. */
    public boolean matchesProductName(String productName) {
        return productName != null
                && (productName.equals(kdsName) || productName.startsWith(kdsName + "-"));
    }

    /** The product of an AMD CN such as {@code ARK-Genoa} or {@code SEV-VLEK-Turin}: its last dash segment. */
    static Optional<SnpProduct> fromCommonNameSuffix(String commonName) {
        int dash = commonName == null ? -1 : commonName.lastIndexOf('-');
        if (dash < 0) {
            return Optional.empty();
        }
        String suffix = commonName.substring(dash + 1);
        for (SnpProduct product : values()) {
            if (product.kdsName.equals(suffix)) {
                return Optional.of(product);
            }
        }
        return Optional.empty();
    }
}
