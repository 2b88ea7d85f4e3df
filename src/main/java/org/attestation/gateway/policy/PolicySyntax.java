package org.attestation.gateway.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The syntax tree of an MAA attestation policy (maa-api.md §2.9). Immutable. */
public final class PolicySyntax {

    private PolicySyntax() {
    }

    /** A parsed policy and the exact text it came from. */
    public record Policy(String version, List<Rule> configurationRules, List<Rule> authorizationRules,
            List<Rule> issuanceRules, String text) {

        public Policy {
            Objects.requireNonNull(version, "version");
            configurationRules = List.copyOf(configurationRules);
            authorizationRules = List.copyOf(authorizationRules);
            issuanceRules = List.copyOf(issuanceRules);
            Objects.requireNonNull(text, "text");
        }
    }

    /** {@code [conditions] => action;}: no conditions means the rule always fires. */
    public record Rule(List<Condition> conditions, Action action, int line) {

        public Rule {
            conditions = List.copyOf(conditions);
            Objects.requireNonNull(action, "action");
        }
    }

    /**
     * {@code [!][ident:][ prop op expr, ... ]}: true when some incoming claim satisfies every property
     * condition; negated, when none does. The identifier binds the matching claim for later references.
     */
    public record Condition(boolean negated, Optional<String> binding, List<PropertyCondition> properties) {

        public Condition {
            Objects.requireNonNull(binding, "binding");
            properties = List.copyOf(properties);
        }
    }

    /** A claim property: {@code type}, {@code value}, {@code issuer} or {@code valueType}. */
    public enum Property {
        TYPE, VALUE, ISSUER, VALUE_TYPE
    }

    public enum Operator {
        EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">=");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    public record PropertyCondition(Property property, Operator operator, Expression value) {
    }

    /** What a rule does. */
    public sealed interface Action permits Permit, Deny, ClaimAction {
    }

    public record Permit() implements Action {
    }

    public record Deny() implements Action {
    }

    /** {@code add}, {@code issue} or {@code issueproperty} of a claim. */
    public record ClaimAction(ClaimVerb verb, ClaimSpec claim) implements Action {
    }

    public enum ClaimVerb {
        ADD, ISSUE, ISSUE_PROPERTY
    }

    /** {@code claim=c} or {@code type=..., value=...[, valueType=...]}. */
    public sealed interface ClaimSpec permits ClaimReference, NewClaim {
    }

    public record ClaimReference(String binding) implements ClaimSpec {
    }

    public record NewClaim(Expression type, Expression value, Optional<Expression> valueType) implements ClaimSpec {

        public NewClaim {
            Objects.requireNonNull(valueType, "valueType");
        }
    }

    /** A literal, a bound claim's property ({@code c.value}), or a v1.2 function call. */
    public sealed interface Expression permits Literal, PropertyReference, FunctionCall {
    }

    /** A string, a whole number or a boolean. */
    public record Literal(Object value) implements Expression {

        public Literal {
            if (!(value instanceof String || value instanceof Long || value instanceof Boolean)) {
                throw new IllegalArgumentException("a literal is a string, a whole number or a boolean");
            }
        }
    }

    public record PropertyReference(String binding, Property property) implements Expression {
    }

    public record FunctionCall(String name, List<Expression> arguments) implements Expression {

        public FunctionCall {
            arguments = List.copyOf(arguments);
        }
    }
}
