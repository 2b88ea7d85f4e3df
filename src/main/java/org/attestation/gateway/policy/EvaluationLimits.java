package org.attestation.gateway.policy;

/**
 * What one policy evaluation may spend, so that no policy and no evidence can make the gateway loop or allocate
 * without limit. Going past any of them is a {@link PolicyEvaluationException} naming the bound.
 *
 * @param maxClaims incoming claims, counting those the policy adds, issues and issues as properties
 * @param maxCombinationsPerRule claims one rule's identifier-bound conditions may match, counting the partial
 *     combinations tried on the way (a rule fires once per complete combination)
 * @param maxComparisons property comparisons over the whole evaluation (a condition without properties counts one
 *     per claim it is tried on): many rules, each within its combination bound, could still multiply up
 * @param maxJsonLength characters of a JSON input to {@code JmesPath}/{@code JsonToClaimValue}, and of any string a
 *     function computes ({@code JmesPath} results, {@code AppendString})
 * @param maxDataWork characters and elements the functions go through over the whole evaluation: JSON parsed and
 *     written, strings made, elements the JMESPath library lists, set elements compared or copied. A short
 *     JMESPath query can otherwise double an array per pipe stage and fill the heap.
 */
public record EvaluationLimits(int maxClaims, int maxCombinationsPerRule, long maxComparisons, int maxJsonLength,
        long maxDataWork) {

    /** Reaching any one of them takes well under a second on a current core; real policies stay far below. */
    public static final EvaluationLimits DEFAULT = new EvaluationLimits(10_000, 10_000, 10_000_000, 1 << 20, 32L << 20);

    public EvaluationLimits {
        if (maxClaims <= 0 || maxCombinationsPerRule <= 0 || maxComparisons <= 0 || maxJsonLength <= 0
                || maxDataWork <= 0) {
            throw new IllegalArgumentException("evaluation limits must be positive");
        }
    }
}
