package org.attestation.gateway.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.burt.jmespath.Adapter;
import io.burt.jmespath.Expression;
import io.burt.jmespath.JmesPathException;
import io.burt.jmespath.JmesPathType;
import io.burt.jmespath.RuntimeConfiguration;
import io.burt.jmespath.function.ArgumentConstraints;
import io.burt.jmespath.function.BaseFunction;
import io.burt.jmespath.function.FunctionArgument;
import io.burt.jmespath.function.FunctionRegistry;
import io.burt.jmespath.jackson.JacksonRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Collection;
import java.util.List;

/**
 * JSON for the v1.2 functions: parsing within the length bound, and MAA's {@code JmesPath} on the io.burt JMESPath
 * library over Jackson, with MAA's {@code equals_ignore_case(a, b)} registered as a library function.
 *
 * <p>Metering: the library evaluates each node of a query once per element it iterates, and it iterates only what
 * it lists. So every list it takes is charged (elements × query length), and every string it makes or writes is
 * charged by length, to the budget of the evaluation running on this thread. A short query that doubles an array
 * at each pipe stage then fails at the bound instead of filling the heap.
 */
final class PolicyJson {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    private static final MeteredRuntime RUNTIME = new MeteredRuntime();

    private PolicyJson() {
    }

    /** A compiled JMESPath query: immutable, shared by threads and evaluations. */
    record Query(String text, Expression<JsonNode> expression) {

        /** Runs the query; the result is its compact JSON text. */
        String search(JsonNode document, EvaluationBudget budget) {
            RUNTIME.meter.set(new Meter(budget, text.length()));
            try {
                budget.dataWork(text.length());
                return write(expression.search(document), budget, "JmesPath's result");
            } catch (JmesPathException e) {
                throw new PolicyEvaluationException("JmesPath: " + e.getMessage());
            } catch (StackOverflowError e) {
                throw nestedTooDeeply();
            } finally {
                RUNTIME.meter.remove();
            }
        }
    }

    static Query compile(String query) {
        try {
            return new Query(query, RUNTIME.compile(query));
        } catch (JmesPathException e) {
            throw new PolicyEvaluationException("JmesPath: the query is not valid JMESPath: " + e.getMessage());
        } catch (StackOverflowError e) {
            throw nestedTooDeeply();
        }
    }

    static JsonNode parse(String function, String json, EvaluationBudget budget) {
        budget.checkLength(function + "'s JSON input", json.length());
        budget.dataWork(json.length());
        try {
            JsonNode node = JSON.readTree(json);
            if (node.isMissingNode()) {
                throw new PolicyEvaluationException(function + ": the JSON input is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new PolicyEvaluationException(function + ": the input is not JSON: " + e.getOriginalMessage());
        }
    }

    /**
     * The library's parser and evaluator recurse once per nesting level, so a query nested deeper than the thread's
     * stack allows ends there; that is the policy's fault and is answered as such.
     */
    private static PolicyEvaluationException nestedTooDeeply() {
        return new PolicyEvaluationException("JmesPath: the query is nested too deeply");
    }

    /** Compact JSON text, stopped at the length bound and charged as work while it is written. */
    private static String write(JsonNode node, EvaluationBudget budget, String what) {
        StringBuilder text = new StringBuilder();
        Writer bounded = new Writer() {
            @Override
            public void write(char[] chars, int offset, int length) {
                budget.checkLength(what, text.length() + (long) length);
                budget.dataWork(length);
                text.append(chars, offset, length);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        try {
            JSON.writeValue(bounded, node);
        } catch (IOException e) {
            // Jackson wraps what the writer throws: here, the bound
            if (e.getCause() instanceof PolicyEvaluationException exceeded) {
                throw exceeded;
            }
            throw new UncheckedIOException("writing JSON to memory", e);
        }
        return text.toString();
    }

    /** The evaluation a search charges, and the length of its query (a bound on the nodes run per element). */
    private record Meter(EvaluationBudget budget, int queryLength) {
    }

    /** The Jackson runtime, charging what it lists and makes to the search running on this thread. */
    private static final class MeteredRuntime extends JacksonRuntime {

        private final ThreadLocal<Meter> meter = new ThreadLocal<>();

        MeteredRuntime() {
            super(new RuntimeConfiguration.Builder()
                    .withFunctionRegistry(FunctionRegistry.defaultRegistry().extend(new EqualsIgnoreCase()))
                    .build(), JSON);
        }

        @Override
        public List<JsonNode> toList(JsonNode value) {
            List<JsonNode> elements = super.toList(value);
            chargePerElement(elements.size());
            return elements;
        }

        @Override
        public Collection<JsonNode> getPropertyNames(JsonNode value) {
            Collection<JsonNode> names = super.getPropertyNames(value);
            chargePerElement(names.size());
            return names;
        }

        @Override
        public JsonNode createString(String string) {
            charge(string.length());
            return super.createString(string);
        }

        @Override
        public String toString(JsonNode value) {
            if (value.isTextual()) {
                charge(value.textValue().length());
                return value.textValue();
            }
            Meter current = meter.get();
            return current == null ? super.toString(value) : write(value, current.budget(), "a JMESPath string");
        }

        private void chargePerElement(int elements) {
            Meter current = meter.get();
            if (current != null) {
                current.budget().dataWork((long) elements * Math.max(1, current.queryLength()));
            }
        }

        /** Outside a search (compiling a query's literals) nothing is charged. */
        private void charge(long units) {
            Meter current = meter.get();
            if (current != null) {
                current.budget().dataWork(units);
            }
        }
    }

    /** MAA's dialect: {@code equals_ignore_case(a, b)} compares two strings ignoring case. */
    private static final class EqualsIgnoreCase extends BaseFunction {

        EqualsIgnoreCase() {
            super("equals_ignore_case", ArgumentConstraints.typeOf(JmesPathType.STRING),
                    ArgumentConstraints.typeOf(JmesPathType.STRING));
        }

        @Override
        protected <T> T callFunction(Adapter<T> runtime, List<FunctionArgument<T>> arguments) {
            String left = runtime.toString(arguments.get(0).value());
            String right = runtime.toString(arguments.get(1).value());
            return runtime.createBoolean(left.equalsIgnoreCase(right));
        }
    }
}
