package org.attestation.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.attestation.gateway.policy.PolicySyntax.ClaimAction;
import org.attestation.gateway.policy.PolicySyntax.ClaimVerb;
import org.attestation.gateway.policy.PolicySyntax.FunctionCall;
import org.attestation.gateway.policy.PolicySyntax.NewClaim;
import org.attestation.gateway.policy.PolicySyntax.Operator;
import org.attestation.gateway.policy.PolicySyntax.Permit;
import org.attestation.gateway.policy.PolicySyntax.Policy;
import org.attestation.gateway.support.SharedVectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PolicyParserTest {

    private static final String FOLDER = "maa-policies/";

    @ParameterizedTest
    @ValueSource(strings = {"02-sgx-default-v1.1.txt", "03-sgx-multiple-enclaves-v1.0.txt",
        "04-sgx-legacy-default-v1.0.decoded-from-jwt.txt", "06-sgx-mrsigner-rotation-v1.0.txt",
        "07-tpm-v1.0-platformattested.txt", "08-tpm-v1.1-configurationrules.txt", "09-tpm-v1.2-secureboot-jmespath.txt",
        "10-tpm-v1.2-pcr-match.txt", "11-tpm-v1.2-vbs-enclave-identity.txt", "12-tpm-v1.2-issue-all-events.txt",
        "13-tpm-v1.2-systemguard-smm.txt", "14-author-sign-issue-securitylevel-v1.0.txt",
        "15-author-sign-deny-all-v1.0.txt", "18-azure-sdk-minimal-v1.0.txt",
        "19-azure-sdk-java-test-space-before-eq.txt", "20-azure-sdk-java-old-test-minimal.txt",
        "21-maa-signing-tool-add.custom.claim.txt", "21-maa-signing-tool-deny.all.txt",
        "21-maa-signing-tool-permit.secure.boot.txt", "22-thomvanl-isolated-sgx-v1.1-tcbid-10.txt"})
    void everyPublishedPolicyParses(String file) {
        String text = SharedVectors.text(FOLDER + file);

        Policy policy = PolicyParser.parse(text);

        assertThat(policy.text()).isEqualTo(text);
        assertThat(PolicyParser.VERSIONS).contains(policy.version());
        assertThat(policy.authorizationRules().size() + policy.issuanceRules().size()).isPositive();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            01-sgx-custom-v1.0.txt                            | expected a value
            05-sgx-legacy-default-doc-typographic-quotes.txt  | a typographic quote (U+201D) is not a string delimiter
            16-author-sign-sample-NONCONFORMING.txt           | expected
            17-claim-rule-grammar-FRAGMENT.txt                | a typographic quote (U+201D) is not a string delimiter
            """)
    void brokenSamplesAreRejectedWithLineAndColumn(String file, String problem) {
        assertThatThrownBy(() -> PolicyParser.parse(SharedVectors.text(FOLDER + file)))
                .isInstanceOf(PolicyParseException.class)
                .hasMessageMatching("\\d+:\\d+: .*")
                .hasMessageContaining(problem);
    }

    @Test
    void defaultSgxPolicyHasItsStructure() {
        Policy policy = PolicyParser.parse(SharedVectors.text(FOLDER + "02-sgx-default-v1.1.txt"));

        assertThat(policy.version()).isEqualTo("1.1");
        assertThat(policy.configurationRules()).hasSize(1);
        assertThat(policy.configurationRules().get(0).action()).isInstanceOfSatisfying(ClaimAction.class,
                a -> assertThat(a.verb()).isEqualTo(ClaimVerb.ISSUE_PROPERTY));
        assertThat(policy.authorizationRules()).extracting(r -> r.action()).containsExactly(new Permit());
        assertThat(policy.issuanceRules()).isNotEmpty();
    }

    @Test
    void v12FunctionsAndAbsenceAreParsed() {
        Policy policy = PolicyParser.parse("""
                version=1.2;
                authorizationrules { ![type=="x"] => permit(); };
                issuancerules {
                    c:[type=="events", issuer=="AttestationService"] =>
                        add(type="sb", value=JsonToClaimValue(JmesPath(c.value, "Events[?EventTypeString == 'X']")));
                };""");

        assertThat(policy.authorizationRules().get(0).conditions().get(0).negated()).isTrue();
        NewClaim added = (NewClaim) ((ClaimAction) policy.issuanceRules().get(0).action()).claim();
        assertThat(added.value()).isInstanceOfSatisfying(FunctionCall.class, f -> {
            assertThat(f.name()).isEqualTo("JsonToClaimValue");
            assertThat(((FunctionCall) f.arguments().get(0)).name()).isEqualTo("JmesPath");
        });
        assertThat(policy.issuanceRules().get(0).conditions().get(0).properties().get(0).operator())
                .isEqualTo(Operator.EQ);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            version=1.3; authorizationrules{=>permit();};                           | 1:9: expected a policy version (1.0, 1.1 or 1.2), found '1.3'
            version=1.0; authorizationrules{=>permit()};                            | 1:43: expected ';' after the action, found '}'
            version=1.0; configurationrules{};                                      | 1:14: configurationrules need version 1.1 or later, found 'configurationrules'
            version=1.1; authorizationrules{![type=="a"]=>permit();};               | 1:33: the '!' (absence) condition needs version 1.2, found '!'
            version=1.0; issuancerules{=>permit();};                                | 1:30: permit() is only allowed in authorizationrules, found 'permit'
            version=1.0; authorizationrules{=>issue(type="a", value=1);};           | 1:35: issue() is not allowed in authorizationrules, found 'issue'
            version=1.0; authorizationrules{=>permit();}; issuancerules{=>issue(claim=c);}; | 1:75: expected a claim bound in this rule's conditions, found 'c'
            version=1.1; issuancerules{=>issue(type="a", value=JmesPath("{}", "a"));};   | 1:52: functions need version 1.2, found 'JmesPath'
            version=1.0; authorizationrules{[type=="a" => permit();};              | 1:44: expected ']' to close the condition (or ',' before another property), found '=>'
            version=1.0; authorizationrules{=>permit();}; authorizationrules{};     | 1:47: expected a section (configurationrules, authorizationrules, issuancerules) in that order, or the end of the policy, found 'authorizationrules'
            version=1.0; authorizationrules{[type=="unclosed] => permit();};       | 1:40: the string that starts here is not closed
            """)
    void mistakesAreReportedWhereTheyAre(String text, String message) {
        assertThatThrownBy(() -> PolicyParser.parse(text)).isInstanceOf(PolicyParseException.class).hasMessage(message);
    }

    @Test
    void lineAndColumnCountLines() {
        assertThatThrownBy(() -> PolicyParser.parse("version=1.0;\nauthorizationrules {\n   => permit() ;\n  =>;\n};"))
                .hasMessage("4:5: expected an action: permit(), deny(), add(...), issue(...) or issueproperty(...), found ';'");
    }

    @Test
    void randomMutationsOfSamplesOnlyEverRaiseParseErrors() {
        // Property: whatever the bytes, the parser answers a policy or its own error, never anything else
        Random random = new Random(20261123);
        List<String> samples = List.of("02-sgx-default-v1.1.txt", "09-tpm-v1.2-secureboot-jmespath.txt",
                "13-tpm-v1.2-systemguard-smm.txt", "22-thomvanl-isolated-sgx-v1.1-tcbid-10.txt").stream()
                .map(f -> SharedVectors.text(FOLDER + f)).toList();
        String alphabet = "[](){};:,.=!<>&|\"\\/ \nabcxyz019$-_\u201D";
        int parsed = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder(samples.get(random.nextInt(samples.size())));
            for (int edits = 1 + random.nextInt(4); edits > 0 && text.length() > 0; edits--) {
                int at = random.nextInt(text.length());
                switch (random.nextInt(3)) {
                    case 0 -> text.deleteCharAt(at);
                    case 1 -> text.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    default -> text.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            try {
                PolicyParser.parse(text.toString());
                parsed++;
            } catch (PolicyParseException expected) {
                assertThat(expected.getMessage()).matches("(?s)\\d+:\\d+: .*");
            }
        }
        assertThat(parsed).isPositive();
    }
}
