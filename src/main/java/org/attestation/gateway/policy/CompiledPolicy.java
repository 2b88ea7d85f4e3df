package org.attestation.gateway.policy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.attestation.gateway.policy.PolicySyntax.ClaimAction;
import org.attestation.gateway.policy.PolicySyntax.Expression;
import org.attestation.gateway.policy.PolicySyntax.FunctionCall;
import org.attestation.gateway.policy.PolicySyntax.Literal;
import org.attestation.gateway.policy.PolicySyntax.NewClaim;
import org.attestation.gateway.policy.PolicySyntax.Policy;
import org.attestation.gateway.policy.PolicySyntax.PropertyCondition;
import org.attestation.gateway.policy.PolicySyntax.Rule;

/**
 * A policy ready to evaluate: the syntax tree, its {@code x-ms-policy-hash}, and the JMESPath queries it spells out
 * as literals, compiled once. Immutable; one instance serves any number of threads.
 */
public final class CompiledPolicy {

    private final Policy policy;
    private final String hash;
    private final Map<String, PolicyJson.Query> queries;

    private CompiledPolicy(Policy policy, String hash, Map<String, PolicyJson.Query> queries) {
        this.policy = policy;
        this.hash = hash;
        this.queries = queries;
    }

    public static CompiledPolicy of(Policy policy) {
        Objects.requireNonNull(policy, "policy");
        Map<String, PolicyJson.Query> queries = new HashMap<>();
        Stream.of(policy.configurationRules(), policy.authorizationRules(), policy.issuanceRules())
                .flatMap(List::stream)
                .flatMap(CompiledPolicy::expressions)
                .flatMap(CompiledPolicy::literalQueries)
                .distinct()
                .forEach(query -> compileIfValid(query, queries));
        return new CompiledPolicy(policy, PolicyHash.of(policy.text()), Map.copyOf(queries));
    }

    /** Parses (a {@link PolicyParseException} when the text is not a policy) and compiles. */
    public static CompiledPolicy parse(String text) {
        return of(PolicyParser.parse(text));
    }

    public Policy policy() {
        return policy;
    }

    /** MAA's {@code x-ms-policy-hash} of the policy text. */
    public String hash() {
        return hash;
    }

    /** The compiled query: compiled with the policy, or now when the policy computes it (e.g. with AppendString). */
    PolicyJson.Query query(String text) {
        PolicyJson.Query query = queries.get(text);
        return query != null ? query : PolicyJson.compile(text);
    }

    private static Stream<Expression> expressions(Rule rule) {
        Stream<Expression> conditions = rule.conditions().stream()
                .flatMap(condition -> condition.properties().stream())
                .map(PropertyCondition::value);
        if (rule.action() instanceof ClaimAction action && action.claim() instanceof NewClaim claim) {
            Stream<Expression> made = Stream.concat(Stream.of(claim.type(), claim.value()), claim.valueType().stream());
            return Stream.concat(conditions, made);
        }
        return conditions;
    }

    private static Stream<String> literalQueries(Expression expression) {
        if (!(expression instanceof FunctionCall call)) {
            return Stream.empty();
        }
        Stream<String> own = call.name().equals("JmesPath") && call.arguments().size() == 2
                && call.arguments().get(1) instanceof Literal query && query.value() instanceof String text
                ? Stream.of(text) : Stream.empty();
        return Stream.concat(own, call.arguments().stream().flatMap(CompiledPolicy::literalQueries));
    }

    /** An invalid query is left to fail when its rule runs, where the error names the rule's line. */
    private static void compileIfValid(String query, Map<String, PolicyJson.Query> queries) {
        try {
            queries.put(query, PolicyJson.compile(query));
        } catch (PolicyEvaluationException invalid) {
            // reported by the evaluation that reaches it
        }
    }
}
