package org.attestation.gateway.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * MAA's v1.2 functions (maa-api.md §2.6), for one evaluation. Arguments arrive evaluated and never empty; a wrong
 * count or type is a {@link PolicyEvaluationException} that names the function's signature.
 */
final class PolicyFunctions {

    private final CompiledPolicy policy;
    private final EvaluationBudget budget;

    PolicyFunctions(CompiledPolicy policy, EvaluationBudget budget) {
        this.policy = policy;
        this.budget = budget;
    }

    /** The function's value; empty only for {@code JsonToClaimValue} of JSON null. */
    Optional<Object> call(String name, List<Object> arguments) {
        switch (name) {
            case "JmesPath":
                expect("JmesPath(json, query)", arguments, Kind.STRING, Kind.STRING);
                return Optional.of(jmesPath((String) arguments.get(0), (String) arguments.get(1)));
            case "JsonToClaimValue":
                expect("JsonToClaimValue(json)", arguments, Kind.STRING);
                return jsonToClaimValue((String) arguments.get(0));
            case "IsSubsetOf":
                expect("IsSubsetOf(set, set)", arguments, Kind.SET, Kind.SET);
                return Optional.of(isSubsetOf((Set<?>) arguments.get(0), (Set<?>) arguments.get(1)));
            case "AppendString":
                expect("AppendString(string, string)", arguments, Kind.STRING, Kind.STRING);
                return Optional.of(appendString((String) arguments.get(0), (String) arguments.get(1)));
            case "NegateBool":
                expect("NegateBool(boolean)", arguments, Kind.BOOLEAN);
                return Optional.of(!(Boolean) arguments.get(0));
            case "ContainsOnlyValue":
                expect("ContainsOnlyValue(set, value)", arguments, Kind.SET, Kind.SINGLE);
                return Optional.of(containsOnlyValue((Set<?>) arguments.get(0), arguments.get(1)));
            default:
                throw new PolicyEvaluationException("unknown function " + name);
        }
    }

    private String jmesPath(String json, String query) {
        if (json.isEmpty() || query.isEmpty()) {
            throw new PolicyEvaluationException("JmesPath(json, query) takes two non-empty strings");
        }
        JsonNode document = PolicyJson.parse("JmesPath", json, budget);
        return policy.query(query).search(document, budget);
    }

    private boolean isSubsetOf(Set<?> subset, Set<?> set) {
        budget.dataWork(subset.size());
        return set.containsAll(subset);
    }

    /** A set holds each value once, so "non-empty and every element equals v" is "exactly {v}". */
    private static boolean containsOnlyValue(Set<?> set, Object value) {
        return set.size() == 1 && set.contains(value);
    }

    private String appendString(String left, String right) {
        long length = (long) left.length() + right.length();
        budget.checkLength("AppendString's result", length);
        budget.dataWork(length);
        return left + right;
    }

    /** Integer, boolean, string, or a set from an array of those; JSON null is empty; fractions and objects fail. */
    private Optional<Object> jsonToClaimValue(String json) {
        JsonNode node = PolicyJson.parse("JsonToClaimValue", json, budget);
        if (node.isNull()) {
            return Optional.empty();
        }
        if (node.isArray()) {
            List<Object> elements = new ArrayList<>(node.size());
            node.forEach(element -> elements.add(single(element)));
            return Optional.of(Claim.normalize(elements));
        }
        return Optional.of(single(node));
    }

    private static Object single(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            if (!node.canConvertToLong()) {
                throw new PolicyEvaluationException("JsonToClaimValue: " + node + " does not fit 64 bits");
            }
            return node.longValue();
        }
        if (node.isNumber()) {
            throw new PolicyEvaluationException("JsonToClaimValue: a fraction (" + node + ") is not a claim value");
        }
        String kind = node.getNodeType().name().toLowerCase(Locale.ROOT);
        throw new PolicyEvaluationException("JsonToClaimValue: JSON " + kind
                + " is not a claim value; only whole numbers, booleans, strings and arrays of those are");
    }

    private static void expect(String signature, List<Object> arguments, Kind... kinds) {
        if (arguments.size() != kinds.length) {
            throw new PolicyEvaluationException(signature + " takes " + kinds.length + " argument"
                    + (kinds.length == 1 ? "" : "s") + ", not " + arguments.size());
        }
        for (int i = 0; i < kinds.length; i++) {
            Object argument = arguments.get(i);
            if (!kinds[i].accepts(argument)) {
                throw new PolicyEvaluationException(signature + ": argument " + (i + 1) + " must be "
                        + kinds[i].description + ", not " + Claim.valueTypeOf(argument) + " " + shorten(argument));
            }
        }
    }

    private static String shorten(Object value) {
        String text = String.valueOf(value);
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    private enum Kind {
        STRING("a string"), BOOLEAN("a boolean"), SET("a set"), SINGLE("a single value, not a set");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        boolean accepts(Object value) {
            return switch (this) {
                case STRING -> value instanceof String;
                case BOOLEAN -> value instanceof Boolean;
                case SET -> value instanceof Set;
                case SINGLE -> !(value instanceof Set);
            };
        }
    }
}
