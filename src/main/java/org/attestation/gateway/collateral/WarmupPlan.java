package org.attestation.gateway.collateral;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.attestation.gateway.evidence.snp.SigningKey;
import org.attestation.gateway.evidence.snp.SnpProduct;

/**
 * A warmup plan: the Intel and AMD collateral to fetch ahead of need (collateral-cache/warmup-plan.example.yaml).
 * <pre>
 * update: standard          # optional; default: the configured collateral.intelPcsUpdate
 * platforms:
 *   - { tee: sgx, fmspc: 00A067110000, ca: processor }
 * amd:
 *   - { product: Genoa, chipId: &lt;128 hex&gt;, reportedTcb: "0x541700000000000A" }
 *   - { product: Milan, vlek: true }
 * </pre>
 * Each platform needs its TCB info, the QE identity of its TEE and the CRL of its PCK CA; every quote also
 * needs the root CA CRL. The QVE identity is not planned: the gateway verifies as QvE does and never reads it.
 * Each AMD entry needs its product's VCEK cert_chain and CRL, with {@code vlek: true} the VLEK ones too, and
 * with a chip ID and REPORTED_TCB that chip's VCEK at that TCB.
 *
 * @param items    the Intel items to fetch, each once, in plan order, the root CA CRL last
 * @param amdItems the AMD items to fetch, each once, in plan order
 */
public record WarmupPlan(String update, List<IntelCollateralKey> items, List<AmdCollateralKey> amdItems) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION));

    /**
     * The file as written; null members are keys the file left out. Members are strings, bound from the
     * scalar's text, so that an unquoted all-digit FMSPC such as 000000000000 does not become the number 0.
     */
    private record PlanFile(String update, List<Platform> platforms, List<AmdEntry> amd) {
    }

    private record AmdEntry(String product, String chipId, String reportedTcb, Boolean vlek) {

        @Override
        public String toString() {
            return "{product: " + product + (chipId == null ? "" : ", chipId: " + chipId)
                    + (reportedTcb == null ? "" : ", reportedTcb: " + reportedTcb) + (vlek == null ? "" : ", vlek: " + vlek)
                    + "}";
        }
    }

    private record Platform(String tee, String fmspc, String ca) {

        @Override
        public String toString() {
            return "{tee: " + tee + ", fmspc: " + fmspc + ", ca: " + ca + "}";
        }
    }

    /** A plan that cannot be used: the message is one line naming the file and the entry. */
    public static final class InvalidPlanException extends RuntimeException {
        InvalidPlanException(Path file, String problem) {
            super(file + ": " + problem);
        }
    }

    /** Reads and checks a plan; {@code configuredUpdate} is the feed when the plan names none. */
    public static WarmupPlan read(Path file, String configuredUpdate) {
        PlanFile plan = parse(file);
        String update = plan.update() != null ? plan.update() : configuredUpdate;
        if (!IntelCollateralKey.STANDARD.equals(update) && !IntelCollateralKey.EARLY.equals(update)) {
            throw new InvalidPlanException(file, "update is standard or early, not " + update);
        }
        List<Platform> platforms = plan.platforms() == null ? List.of() : plan.platforms();
        List<AmdEntry> amd = plan.amd() == null ? List.of() : plan.amd();
        if (platforms.isEmpty() && amd.isEmpty()) {
            throw new InvalidPlanException(file, "platforms and amd list nothing to fetch");
        }
        Set<IntelCollateralKey> items = new LinkedHashSet<>();
        for (int i = 0; i < platforms.size(); i++) {
            Platform platform = plan.platforms().get(i);
            if (platform == null) {
                throw new InvalidPlanException(file, "platforms[" + i + "] is empty");
            }
            String entry = "platforms[" + i + "] " + platform;
            List<String> missing = new ArrayList<>();
            if (platform.tee() == null) {
                missing.add("tee");
            }
            if (platform.fmspc() == null) {
                missing.add("fmspc");
            }
            if (platform.ca() == null) {
                missing.add("ca");
            }
            if (!missing.isEmpty()) {
                throw new InvalidPlanException(file, entry + ": missing " + String.join(", ", missing));
            }
            try {
                items.add(IntelCollateralKey.tcbInfo(platform.tee(), platform.fmspc(), update));
                items.add(IntelCollateralKey.qeIdentity(platform.tee(), update));
                items.add(IntelCollateralKey.pckCrl(platform.ca()));
            } catch (IllegalArgumentException e) {
                throw new InvalidPlanException(file, entry + ": " + e.getMessage());
            }
        }
        if (!items.isEmpty()) {
            items.add(IntelCollateralKey.rootCaCrl());
        }
        Set<AmdCollateralKey> amdItems = new LinkedHashSet<>();
        for (int i = 0; i < amd.size(); i++) {
            amdItems.addAll(amdItems(file, i, amd.get(i)));
        }
        return new WarmupPlan(update, List.copyOf(items), List.copyOf(amdItems));
    }

    private static List<AmdCollateralKey> amdItems(Path file, int index, AmdEntry entry) {
        if (entry == null) {
            throw new InvalidPlanException(file, "amd[" + index + "] is empty");
        }
        String name = "amd[" + index + "] " + entry;
        if (entry.product() == null) {
            throw new InvalidPlanException(file, name + ": missing product");
        }
        if ((entry.chipId() == null) != (entry.reportedTcb() == null)) {
            throw new InvalidPlanException(file, name + ": chipId and reportedTcb go together (a VCEK is per chip "
                    + "and TCB)");
        }
        try {
            SnpProduct product = SnpProduct.named(entry.product());
            List<AmdCollateralKey> keys = new ArrayList<>();
            if (entry.chipId() != null) {
                keys.add(AmdCollateralKey.vcek(product, hex(entry.chipId(), "chipId"), tcb(entry.reportedTcb())));
            }
            keys.add(AmdCollateralKey.certChain(product, SigningKey.VCEK));
            keys.add(AmdCollateralKey.crl(product, SigningKey.VCEK));
            if (Boolean.TRUE.equals(entry.vlek())) {
                keys.add(AmdCollateralKey.certChain(product, SigningKey.VLEK));
                keys.add(AmdCollateralKey.crl(product, SigningKey.VLEK));
            }
            return keys;
        } catch (IllegalArgumentException | CollateralMissingException e) {
            throw new InvalidPlanException(file, name + ": " + e.getMessage());
        }
    }

    private static byte[] hex(String text, String what) {
        try {
            return HexFormat.of().parseHex(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is hex digits, not " + text);
        }
    }

    /** REPORTED_TCB as the u64 (0x-prefixed hex, or decimal), as {@code snpguest} and reports print it. */
    private static long tcb(String text) {
        try {
            return text.startsWith("0x") || text.startsWith("0X") ? Long.parseUnsignedLong(text.substring(2), 16)
                    : Long.parseUnsignedLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("reportedTcb is a u64 (0x-prefixed hex or decimal), not " + text);
        }
    }

    private static PlanFile parse(Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new InvalidPlanException(file, "no readable file there");
        }
        try {
            PlanFile plan = YAML.readValue(file.toFile(), PlanFile.class);
            if (plan == null) {
                throw new InvalidPlanException(file, "the plan is empty");
            }
            return plan;
        } catch (UnrecognizedPropertyException e) {
            List<JsonMappingException.Reference> parents = e.getPath().subList(0, e.getPath().size() - 1);
            throw new InvalidPlanException(file, (parents.isEmpty() ? "" : path(parents) + ": ") + "unknown key '"
                    + e.getPropertyName() + "' (known: " + e.getKnownPropertyIds().stream().map(Object::toString)
                            .sorted().collect(Collectors.joining(", ")) + ")");
        } catch (MismatchedInputException e) {
            throw new InvalidPlanException(file, (e.getPath().isEmpty() ? "the plan" : path(e.getPath()))
                    + " must be " + expected(e.getTargetType()) + line(e));
        } catch (JsonProcessingException e) {
            throw new InvalidPlanException(file, "not valid YAML: " + e.getOriginalMessage().lines().findFirst()
                    .orElse("") + line(e));
        } catch (IOException e) {
            throw new InvalidPlanException(file, "cannot read it: " + e.getMessage());
        }
    }

    /** {@code platforms[1].fmspc}, with the indexes as YAML lists count them, from 0. */
    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String expected(Class<?> type) {
        if (type == PlanFile.class) {
            return "a mapping of update, platforms and amd";
        } else if (type == AmdEntry.class) {
            return "a mapping of product, chipId, reportedTcb and vlek";
        } else if (type == Platform.class) {
            return "a mapping of tee, fmspc and ca";
        } else if (type != null && List.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "a single value";
    }

    private static String line(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
    }
}
