package org.attestation.gateway.evidence.snp;

import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.attestation.gateway.crypto.Pem;

/**
 * The AMD roots SEV-SNP chains must end in (spec/snp.md §2.6): per product, the SHA-256 of the ARK's DER,
 * and of the production ASK and ASVK. The certificates themselves arrive with the evidence or from KDS
 * {@code cert_chain}; only their fingerprints are pinned here. An ASK/ASVK is accepted when it is pinned or
 * when it verifies under the pinned ARK (test PKIs, AMD re-issuing an intermediate).
 */
public final class AmdRoots {

    private record Pins(Set<String> arks, Set<String> intermediates) {
    }

    private final Map<SnpProduct, Pins> pins;
    private final boolean amdProduction;

    private AmdRoots(Map<SnpProduct, Pins> pins, boolean amdProduction) {
        this.pins = Map.copyOf(pins);
        this.amdProduction = amdProduction;
    }

    /** AMD's production ARK, ASK and ASVK of Milan, Genoa and Turin (§2.6). */
    public static AmdRoots pinned() {
        Map<SnpProduct, Pins> pins = new EnumMap<>(SnpProduct.class);
        pins.put(SnpProduct.MILAN, new Pins(
                Set.of("69d063b45344d26a2e94e1f4210de49ef555308287d4c174445c95639a540bcd"),
                Set.of("67d303bd3905fd38db8b20e0793699870e7fa612eaad5dec358293fd8c0bac1b",
                        "c5e081f59b7efab1fe2f8b505e159704e72f29cab7ef7cf628a05a42439082f5")));
        pins.put(SnpProduct.GENOA, new Pins(
                Set.of("4c6598d19c18719c5dfd4a7d335f674e5bfe1d8f800cea2cf270c10d103db2f1"),
                Set.of("5464738c1546aed5f2cecf1dc98c5c960a92e8913238a61711bc90ec6e828521",
                        "197e610743a917d6b9bb982a5a9226ccc0a15b611be0619e626aca9151457372")));
        pins.put(SnpProduct.TURIN, new Pins(
                Set.of("1f084161a44bb6d93778a904877d4819cafa5d05ef4193b2ded9dd9c73dd3f6a"),
                Set.of("5b77ef5fe7a7a004fd9032668fba9d0fda22f88c4442069a479636a6ae3b3185",
                        "104e10a8bd060a3c20a434261a57d0588fd65a88915b4f65b08bdecaf8df1a3c")));
        return new AmdRoots(pins, true);
    }

    /**
     * GATEWAY_TRUST_AMD_ROOTS: a PEM file of ARK certificates replacing the pins (test PKIs). Each one's
     * product is taken from its CN {@code ARK-<Product>}; no intermediate is pinned.
     */
    public static AmdRoots fromPemFile(Path file) throws IOException {
        List<X509Certificate> arks = Pem.readCertificates(file);
        if (arks.isEmpty()) {
            throw new IOException(file + " holds no certificate");
        }
        try {
            return of(arks);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** ARK certificates replacing the pins, each for the product of its CN {@code ARK-<Product>}. */
    public static AmdRoots of(List<X509Certificate> arks) {
        Map<SnpProduct, Pins> pins = new EnumMap<>(SnpProduct.class);
        for (X509Certificate ark : arks) {
            String cn = AmdNames.commonName(ark);
            SnpProduct product = cn.startsWith("ARK-") ? SnpProduct.fromCommonNameSuffix(cn).orElse(null) : null;
            if (product == null) {
                throw new IllegalArgumentException("the ARK's CN " + cn + " is not ARK-Milan, ARK-Genoa or ARK-Turin");
            }
            if (pins.containsKey(product)) {
                throw new IllegalArgumentException("two ARKs for " + product.kdsName());
            }
            pins.put(product, new Pins(Set.of(AmdNames.fingerprint(ark)), Set.of()));
        }
        return new AmdRoots(pins, false);
    }

    /** Whether these are AMD's production pins rather than configured test roots. */
    public boolean isAmdProduction() {
        return amdProduction;
    }

    boolean trustsArk(SnpProduct product, X509Certificate ark) {
        Pins p = pins.get(product);
        return p != null && p.arks().contains(AmdNames.fingerprint(ark));
    }

    boolean pinnedIntermediate(SnpProduct product, X509Certificate intermediate) {
        Pins p = pins.get(product);
        return p != null && p.intermediates().contains(AmdNames.fingerprint(intermediate));
    }
}
