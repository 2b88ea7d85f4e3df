package org.attestation.gateway.policy;

import org.attestation.gateway.error.GatewayException;

/**
 * A policy that did not authorize issuance (MAA's {@code PolicyEvaluationError}), or that could not be evaluated:
 * a function given the wrong arguments, an ordering comparison of strings, a bound of {@link EvaluationLimits}.
 */
public final class PolicyEvaluationException extends GatewayException {

    /** MAA's own text when a {@code deny()} fired. */
    public static final String DENY_ISSUED = "A Deny claim was issued, authorization failed.";
    /** When no {@code permit()} fired: authorization is denied by default. */
    public static final String NOT_PERMITTED = "The authorization rules did not permit issuance.";

    public PolicyEvaluationException(String message) {
        super("POLICY_EVALUATION_ERROR", message);
    }

    private PolicyEvaluationException(String message, Throwable cause) {
        super("POLICY_EVALUATION_ERROR", message, cause);
    }

    static PolicyEvaluationException denyIssued() {
        return new PolicyEvaluationException(DENY_ISSUED);
    }

    static PolicyEvaluationException notPermitted() {
        return new PolicyEvaluationException(NOT_PERMITTED);
    }

    /** The same failure, located at the rule where it happened. */
    PolicyEvaluationException atLine(int line) {
        return new PolicyEvaluationException("rule at line " + line + ": " + getMessage(), this);
    }
}
