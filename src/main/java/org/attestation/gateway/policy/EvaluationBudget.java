package org.attestation.gateway.policy;

/** What one evaluation has spent of its {@link EvaluationLimits}. One per evaluation, used by one thread. */
final class EvaluationBudget {

    private final EvaluationLimits limits;
    private int combinations;
    private long comparisons;
    private long dataWork;

    EvaluationBudget(EvaluationLimits limits) {
        this.limits = limits;
    }

    EvaluationLimits limits() {
        return limits;
    }

    void checkClaimCount(int claims) {
        if (claims > limits.maxClaims()) {
            throw exceeded("the claims", limits.maxClaims());
        }
    }

    void startRule() {
        combinations = 0;
    }

    void combination() {
        if (++combinations > limits.maxCombinationsPerRule()) {
            throw exceeded("the combinations of claims matching this rule", limits.maxCombinationsPerRule());
        }
    }

    void comparisons(int count) {
        comparisons += count;
        if (comparisons > limits.maxComparisons()) {
            throw exceeded("the property comparisons", limits.maxComparisons());
        }
    }

    void dataWork(long units) {
        dataWork += units;
        if (dataWork > limits.maxDataWork()) {
            throw exceeded("the data work (characters and elements)", limits.maxDataWork());
        }
    }

    /** A JSON input or a computed string must stay within {@link EvaluationLimits#maxJsonLength()}. */
    void checkLength(String what, long length) {
        if (length > limits.maxJsonLength()) {
            throw exceeded(what + " (" + length + " characters)", limits.maxJsonLength());
        }
    }

    private static PolicyEvaluationException exceeded(String what, long bound) {
        return new PolicyEvaluationException(what + " exceeded the bound of " + bound);
    }
}
