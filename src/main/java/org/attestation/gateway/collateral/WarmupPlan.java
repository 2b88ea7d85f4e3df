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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A warmup plan: the Intel collateral to fetch ahead of need (collateral-cache/warmup-plan.example.yaml).
 * <pre>
 * update: standard          # optional; default: the configured collateral.intelPcsUpdate
 * platforms:
 *   - { tee: sgx, fmspc: 00A067110000, ca: processor }
 * </pre>
 * Each platform needs its TCB info, the QE identity of its TEE and the CRL of its PCK CA; every quote also
 * needs the root CA CRL. The QVE identity is not planned: the gateway verifies as QvE does and never reads it.
 *
 * @param items what to fetch, each once, in plan order, the root CA CRL last
 */
public record WarmupPlan(String update, List<IntelCollateralKey> items) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION));

    /**
     * The file as written; null members are keys the file left out. Members are strings, bound from the
     * scalar's text, so that an unquoted all-digit FMSPC such as 000000000000 does not become the number 0.
     */
    private record PlanFile(String update, List<Platform> platforms) {
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
        if (plan.platforms() == null || plan.platforms().isEmpty()) {
            throw new InvalidPlanException(file, "platforms lists nothing to fetch");
        }
        Set<IntelCollateralKey> items = new LinkedHashSet<>();
        for (int i = 0; i < plan.platforms().size(); i++) {
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
        items.add(IntelCollateralKey.rootCaCrl());
        return new WarmupPlan(update, List.copyOf(items));
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
            return "a mapping of update and platforms";
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
