package org.attestation.gateway.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.attestation.gateway.policy.PolicySyntax.Action;
import org.attestation.gateway.policy.PolicySyntax.ClaimAction;
import org.attestation.gateway.policy.PolicySyntax.ClaimReference;
import org.attestation.gateway.policy.PolicySyntax.ClaimSpec;
import org.attestation.gateway.policy.PolicySyntax.ClaimVerb;
import org.attestation.gateway.policy.PolicySyntax.Condition;
import org.attestation.gateway.policy.PolicySyntax.Deny;
import org.attestation.gateway.policy.PolicySyntax.Expression;
import org.attestation.gateway.policy.PolicySyntax.FunctionCall;
import org.attestation.gateway.policy.PolicySyntax.Literal;
import org.attestation.gateway.policy.PolicySyntax.NewClaim;
import org.attestation.gateway.policy.PolicySyntax.Operator;
import org.attestation.gateway.policy.PolicySyntax.Permit;
import org.attestation.gateway.policy.PolicySyntax.Policy;
import org.attestation.gateway.policy.PolicySyntax.Property;
import org.attestation.gateway.policy.PolicySyntax.PropertyCondition;
import org.attestation.gateway.policy.PolicySyntax.PropertyReference;
import org.attestation.gateway.policy.PolicySyntax.Rule;

/**
 * Evaluates an MAA policy over the claims that evidence verification produced (maa-api.md §2.2–2.7). Thread-safe:
 * each call keeps its state to itself.
 *
 * <p>Semantics. MAA documents them loosely (§2.5); where it is silent they follow AD FS claim rules, whose grammar
 * MAA's policy language is.
 * <ul>
 * <li><b>Order.</b> Configuration rules run first, then <em>all</em> authorization rules, then issuance rules only
 * when authorized. Rules run in order. A rule sees the incoming claims as they were when it started, including the
 * claims earlier rules added; what it adds itself is for the rules after it, so a rule cannot feed on its own
 * output.
 * <li><b>Verdict.</b> Authorized when at least one {@code permit()} fired and no {@code deny()} did: not first match,
 * deny wins, and the default is deny. A denial carries MAA's {@link PolicyEvaluationException#DENY_ISSUED} or
 * {@link PolicyEvaluationException#NOT_PERMITTED}.
 * <li><b>Conditions.</b> {@code [...]} holds when at least one incoming claim satisfies all its property
 * conditions; {@code ![...]} when none does. A condition with an identifier ({@code c:[...]}) binds the matching
 * claim, and the rule fires once per combination of bound claims, in the order of the incoming claims (AD FS);
 * {@code c.value} and {@code issue(claim=c)} use that combination's claim. A condition without an identifier only
 * needs one match. Conditions are tried left to right, so one may refer to claims bound before it, and to its own
 * candidate.
 * <li><b>Comparisons.</b> Integers: {@code == != < <= > >=}. Strings, booleans and sets: {@code ==} and {@code !=}
 * only; ordering them is an evaluation error. Values of different types never compare: the comparison is false
 * whatever the operator, {@code !=} included. Strings compare exactly (case matters). {@code issuer} compares the
 * issuer's name ({@code AttestationService}, ...), {@code valueType} the claim's label.
 * <li><b>Actions.</b> {@code add} adds to the incoming claims only; {@code issue} to the incoming and outgoing
 * claims (in order, duplicates kept); {@code issueproperty} to the incoming and property claims. A claim made with
 * {@code type=, value=} has issuer {@code AttestationPolicy} and, without {@code valueType=}, its value's type;
 * {@code claim=c} repeats the bound claim unchanged, issuer included. A value left empty by a function
 * ({@code JsonToClaimValue} of JSON null; a function given an empty argument is empty too) makes the action a no-op
 * and a comparison with it false.
 * <li><b>Errors and bounds.</b> A wrong function argument, an ordering comparison of strings, or going past one of
 * the {@link EvaluationLimits} throws a {@link PolicyEvaluationException} that names the rule's line.
 * </ul>
 */
public final class PolicyEvaluator {

    private final EvaluationLimits limits;

    public PolicyEvaluator() {
        this(EvaluationLimits.DEFAULT);
    }

    public PolicyEvaluator(EvaluationLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** Compiles the policy's queries first: for a policy used more than once, evaluate a {@link CompiledPolicy}. */
    public PolicyResult evaluate(Policy policy, List<Claim> incoming) {
        return evaluate(CompiledPolicy.of(policy), incoming);
    }

    public PolicyResult evaluate(CompiledPolicy policy, List<Claim> incoming) {
        return new Evaluation(policy, incoming).run();
    }

    /** Whether a claim's property compares as the condition asks. */
    private static boolean compare(Object actual, Operator operator, Object expected) {
        if (actual instanceof Long left && expected instanceof Long right) {
            int order = Long.compare(left, right);
            return switch (operator) {
                case EQ -> order == 0;
                case NE -> order != 0;
                case LT -> order < 0;
                case LE -> order <= 0;
                case GT -> order > 0;
                case GE -> order >= 0;
            };
        }
        String type = Claim.valueTypeOf(actual);
        if (!type.equals(Claim.valueTypeOf(expected))) {
            return false;
        }
        return switch (operator) {
            case EQ -> actual.equals(expected);
            case NE -> !actual.equals(expected);
            default -> throw new PolicyEvaluationException("'" + operator.symbol()
                    + "' compares whole numbers only, not " + type + " values");
        };
    }

    private static Object property(Claim claim, Property property) {
        return switch (property) {
            case TYPE -> claim.type();
            case VALUE -> claim.value();
            case ISSUER -> claim.issuer().text();
            case VALUE_TYPE -> claim.valueType();
        };
    }

    private static String text(Object value, String role) {
        if (value instanceof String text) {
            return text;
        }
        throw new PolicyEvaluationException("a claim's " + role + " must be a string, not "
                + Claim.valueTypeOf(value) + " " + value);
    }

    /** The state of one evaluation. */
    private final class Evaluation {

        private final CompiledPolicy policy;
        private final EvaluationBudget budget = new EvaluationBudget(limits);
        private final PolicyFunctions functions;
        private final List<Claim> incoming;
        private final List<Claim> issued = new ArrayList<>();
        private final Map<String, Object> properties = new LinkedHashMap<>();
        /** The claims bound by the identifiers of the rule being matched. */
        private final Map<String, Claim> bound = new HashMap<>();
        private boolean permitted;
        private boolean denied;

        Evaluation(CompiledPolicy policy, List<Claim> incoming) {
            this.policy = policy;
            this.functions = new PolicyFunctions(policy, budget);
            this.incoming = new ArrayList<>(incoming);
            budget.checkClaimCount(this.incoming.size());
        }

        PolicyResult run() {
            Policy syntax = policy.policy();
            run(syntax.configurationRules());
            run(syntax.authorizationRules());
            Optional<PolicyEvaluationException> denial = denied ? Optional.of(PolicyEvaluationException.denyIssued())
                    : permitted ? Optional.empty() : Optional.of(PolicyEvaluationException.notPermitted());
            if (denial.isEmpty()) {
                run(syntax.issuanceRules());
            }
            return new PolicyResult(denial, issued, new PropertyClaims(properties));
        }

        private void run(List<Rule> rules) {
            for (Rule rule : rules) {
                budget.startRule();
                try {
                    match(rule, 0, incoming.size());
                } catch (PolicyEvaluationException e) {
                    throw e.atLine(rule.line());
                }
                bound.clear();
            }
        }

        /**
         * Matches the rule's conditions from {@code index} on against the first {@code visible} incoming claims,
         * and acts once per complete combination.
         */
        private void match(Rule rule, int index, int visible) {
            if (index == rule.conditions().size()) {
                act(rule.action());
                return;
            }
            Condition condition = rule.conditions().get(index);
            if (condition.binding().isEmpty()) {
                if (anySatisfies(condition, visible) != condition.negated()) {
                    match(rule, index + 1, visible);
                }
                return;
            }
            String name = condition.binding().get();
            for (int i = 0; i < visible; i++) {
                Claim claim = incoming.get(i);
                bound.put(name, claim);
                if (satisfies(condition, claim)) {
                    budget.combination();
                    match(rule, index + 1, visible);
                }
            }
            bound.remove(name);
        }

        private boolean anySatisfies(Condition condition, int visible) {
            for (int i = 0; i < visible; i++) {
                if (satisfies(condition, incoming.get(i))) {
                    return true;
                }
            }
            return false;
        }

        private boolean satisfies(Condition condition, Claim claim) {
            budget.comparisons(Math.max(1, condition.properties().size()));
            for (PropertyCondition property : condition.properties()) {
                Optional<Object> expected = value(property.value());
                if (expected.isEmpty()) {
                    return false;
                }
                if (expected.get() instanceof Set<?> set) {
                    budget.dataWork(set.size());
                }
                if (!compare(property(claim, property.property()), property.operator(), expected.get())) {
                    return false;
                }
            }
            return true;
        }

        private void act(Action action) {
            if (action instanceof Permit) {
                permitted = true;
            } else if (action instanceof Deny) {
                denied = true;
            } else {
                ClaimAction claimAction = (ClaimAction) action;
                claim(claimAction.claim()).ifPresent(claim -> add(claimAction.verb(), claim));
            }
        }

        private Optional<Claim> claim(ClaimSpec spec) {
            if (spec instanceof ClaimReference reference) {
                return Optional.of(bound.get(reference.binding()));
            }
            NewClaim made = (NewClaim) spec;
            Optional<Object> type = value(made.type());
            Optional<Object> value = value(made.value());
            Optional<Object> valueType = made.valueType().isPresent() ? value(made.valueType().get())
                    : value.map(Claim::valueTypeOf);
            if (type.isEmpty() || value.isEmpty() || valueType.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Claim(text(type.get(), "type"), value.get(), text(valueType.get(), "valueType"),
                    Claim.Issuer.ATTESTATION_POLICY));
        }

        private void add(ClaimVerb verb, Claim claim) {
            if (verb == ClaimVerb.ISSUE_PROPERTY) {
                PropertyClaims.check(claim.type(), claim.value());
            }
            budget.checkClaimCount(incoming.size() + 1);
            if (claim.value() instanceof Set<?> set) {
                budget.dataWork(set.size());
            }
            incoming.add(claim);
            switch (verb) {
                case ISSUE -> issued.add(claim);
                case ISSUE_PROPERTY -> properties.put(claim.type(), claim.value());
                case ADD -> {
                    // incoming only
                }
            }
        }

        /** An expression's value; empty when a function leaves it empty. */
        private Optional<Object> value(Expression expression) {
            if (expression instanceof Literal literal) {
                return Optional.of(literal.value());
            }
            if (expression instanceof PropertyReference reference) {
                return Optional.of(property(bound.get(reference.binding()), reference.property()));
            }
            FunctionCall call = (FunctionCall) expression;
            List<Object> arguments = new ArrayList<>(call.arguments().size());
            for (Expression argument : call.arguments()) {
                Optional<Object> value = value(argument);
                if (value.isEmpty()) {
                    return Optional.empty();
                }
                arguments.add(value.get());
            }
            return functions.call(call.name(), arguments);
        }
    }
}
