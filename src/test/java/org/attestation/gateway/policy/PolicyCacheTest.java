package org.attestation.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PolicyCacheTest {

    private static final String PERMIT = "version=1.0; authorizationrules{=>permit();};";
    private static final String DENY = "version=1.0; authorizationrules{=>deny();};";

    @Test
    void policyHashIsMaaFormula() {
        // Given a policy text, When it is hashed, Then the hash is base64url(SHA-256(base64url(text))), unpadded
        // (computed independently with Python's hashlib and base64)
        assertThat(PolicyHash.of(PERMIT)).isEqualTo("oZWsAYB8SErxnDvboqIBd4dwrmtdvoNOe1fj4Q1WA-4");
        assertThat(CompiledPolicy.parse(PERMIT).hash()).isEqualTo(PolicyHash.of(PERMIT));
    }

    @Test
    void aPolicyIsCompiledOncePerHash() {
        // Given a cache
        PolicyCache cache = new PolicyCache(8);

        // When the same text is asked for twice, and another text once
        CompiledPolicy first = cache.compiled(PERMIT);
        CompiledPolicy again = cache.compiled(PERMIT);
        CompiledPolicy other = cache.compiled(DENY);

        // Then the first compilation is reused, and the other is its own
        assertThat(again).isSameAs(first);
        assertThat(other).isNotSameAs(first);
        assertThat(other.policy().text()).isEqualTo(DENY);
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void theLeastRecentlyUsedPolicyLeavesAFullCache() {
        // Given a cache of two that holds PERMIT and DENY, PERMIT used last
        PolicyCache cache = new PolicyCache(2);
        CompiledPolicy permit = cache.compiled(PERMIT);
        CompiledPolicy deny = cache.compiled(DENY);
        cache.compiled(PERMIT);

        // When a third policy comes in
        cache.compiled("version=1.0; authorizationrules{=>permit();=>deny();};");

        // Then DENY was dropped and PERMIT kept
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.compiled(PERMIT)).isSameAs(permit);
        assertThat(cache.compiled(DENY)).isNotSameAs(deny);
    }

    @Test
    void aTextThatIsNotAPolicyIsAParseError() {
        // Given a text that is not a policy, When the cache is asked for it, Then the parser's error comes through
        assertThatThrownBy(() -> new PolicyCache(2).compiled("version=9.9;"))
                .isInstanceOf(PolicyParseException.class);
    }
}
