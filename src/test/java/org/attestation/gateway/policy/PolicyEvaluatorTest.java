package org.attestation.gateway.policy;

import static java.util.stream.Collectors.joining;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.attestation.gateway.support.SampleClaims.service;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.attestation.gateway.policy.Claim.Issuer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class PolicyEvaluatorTest {

    private static final PolicyEvaluator EVALUATOR = new PolicyEvaluator();

    /** Evidence claims most cases run on: one of each value type, and one claim from the client. */
    private static final List<Claim> CLAIMS = List.of(service("svn", 2L), service("signer", "ab12"),
            service("debuggable", false), Claim.of("note", "hi", Issuer.CUSTOM_CLAIM));

    /**
     * One case per rule of maa-api.md §2.3–2.7. The outcome reads "authorized" or "denied: reason", then the issued
     * claims ({@code type=value}, strings quoted, the issuer when it is not the policy) and the property claims; or
     * "error: message". An expected outcome ending in "..." is a prefix.
     */
    static Stream<Arguments> cases() {
        List<Claim> pairs = List.of(service("k", "1"), service("k", "2"), service("m", "a"), service("m", "b"));
        List<Claim> doc = List.of(service("doc", """
                {"a":{"b":"x","n":[1,2]},"s":"txt","Events":[{"Name":"SecureBoot"},{"Name":"PK"}]}"""));
        return Stream.of(
                // §2.5 verdicts
                Arguments.of("default deny: no permit fired",
                        policy("[type==\"svn\", value==3] => permit();", ""), CLAIMS,
                        "denied: The authorization rules did not permit issuance."),
                Arguments.of("default deny: no authorization rules, so issuance does not run",
                        "version=1.0; issuancerules { => issue(type=\"x\", value=1); };", CLAIMS,
                        "denied: The authorization rules did not permit issuance."),
                Arguments.of("deny wins over an earlier permit, and issuance does not run",
                        policy("=> permit();\n[type==\"debuggable\", value==false] => deny();",
                                "=> issue(type=\"x\", value=1);"), CLAIMS,
                        "denied: A Deny claim was issued, authorization failed."),
                Arguments.of("deny wins over a later permit: all authorization rules run",
                        policy("=> deny();\n=> permit();", ""), CLAIMS,
                        "denied: A Deny claim was issued, authorization failed."),
                Arguments.of("several permits: any one authorizes (OR)",
                        policy("[type==\"svn\", value==1] => permit();\n[type==\"svn\", value==2] => permit();",
                                "=> issue(type=\"ok\", value=true);"), CLAIMS,
                        "authorized; issued ok=true"),
                Arguments.of("authorization rules after a permit still run",
                        policy("=> permit();\n=> add(type=\"late\", value=1);",
                                "c:[type==\"late\"] => issue(type=\"sawLate\", value=c.value);"), CLAIMS,
                        "authorized; issued sawLate=1"),
                Arguments.of("a rule sees claims that earlier rules added",
                        policy("=> add(type=\"step\", value=1);\n[type==\"step\", value==1] => permit();", ""), CLAIMS,
                        "authorized"),
                Arguments.of("a rule without conditions always fires",
                        policy("=> permit();", "=> issue(type=\"always\", value=\"yes\");"), CLAIMS,
                        "authorized; issued always='yes'"),
                // §2.3 conditions and bindings
                Arguments.of("one claim must satisfy all the properties of a condition",
                        policy("[type==\"signer\", value==\"hi\"] => permit();", ""), CLAIMS,
                        "denied: The authorization rules did not permit issuance."),
                Arguments.of("&& needs every condition",
                        policy("[type==\"svn\", value==2] && [type==\"signer\", value==\"zz\"] => permit();", ""), CLAIMS,
                        "denied: The authorization rules did not permit issuance."),
                Arguments.of("bindings across conditions: the action uses the bound claim",
                        policy("=> permit();",
                                "c1:[type==\"signer\"] && c2:[type==\"svn\", value>=2] => issue(type=\"x\", value=c1.value);"),
                        CLAIMS, "authorized; issued x='ab12'"),
                Arguments.of("a rule fires once per combination of bound claims",
                        policy("=> permit();", "c1:[type==\"k\"] && c2:[type==\"m\"] => "
                                + "issue(type=\"pair\", value=AppendString(c1.value, c2.value));"), pairs,
                        "authorized; issued pair='1a', pair='1b', pair='2a', pair='2b'"),
                Arguments.of("a condition without identifier fires once, however many claims match",
                        policy("=> permit();", "[type==\"k\"] => issue(type=\"once\", value=true);"), pairs,
                        "authorized; issued once=true"),
                Arguments.of("a later condition compares with a bound claim",
                        policy("c:[type==\"svn\"] && [type==\"minSvn\", value<=c.value] => permit();", ""),
                        List.of(service("svn", 2), service("minSvn", 3), service("minSvn", 1)), "authorized"),
                Arguments.of("issue(claim=c) repeats the bound claim, issuer included",
                        policy("=> permit();", "c:[type==\"svn\"] => issue(claim=c);"), CLAIMS,
                        "authorized; issued svn=2 (AttestationService)"),
                Arguments.of("a rule does not see its own additions",
                        policy("c:[type==\"k\"] => add(type=\"k\", value=c.value);\n=> permit();",
                                "c:[type==\"k\"] => issue(type=\"seen\", value=c.value);"), pairs,
                        "authorized; issued seen='1', seen='2', seen='1', seen='2'"),
                Arguments.of("absence: ! holds when no claim matches",
                        policy("![type==\"revoked\"] => permit();", ""), CLAIMS, "authorized"),
                Arguments.of("absence: ! fails when a claim matches",
                        policy("![type==\"revoked\"] => permit();", ""), with(service("revoked", true)),
                        "denied: The authorization rules did not permit issuance."),
                // §2.3 operators and value types
                Arguments.of("integers: every operator, negative and hex literals",
                        policy("=> permit();", """
                                [type=="svn", value==2] => issue(type="eq", value=true);
                                [type=="svn", value!=2] => issue(type="ne", value=true);
                                [type=="svn", value<2] => issue(type="lt", value=true);
                                [type=="svn", value<=2] => issue(type="le", value=true);
                                [type=="svn", value>-1] => issue(type="gt", value=true);
                                [type=="svn", value>=3] => issue(type="ge", value=true);
                                [type=="svn", value==0x2] => issue(type="hex", value=true);"""), CLAIMS,
                        "authorized; issued eq=true, le=true, gt=true, hex=true"),
                Arguments.of("strings: == and != compare exactly, case included",
                        policy("=> permit();", """
                                [type=="signer", value=="ab12"] => issue(type="eq", value=true);
                                [type=="signer", value=="AB12"] => issue(type="eqUpper", value=true);
                                [type=="signer", value!="AB12"] => issue(type="ne", value=true);"""), CLAIMS,
                        "authorized; issued eq=true, ne=true"),
                Arguments.of("booleans: == and !=",
                        policy("=> permit();", """
                                [type=="debuggable", value==false] => issue(type="eq", value=true);
                                [type=="debuggable", value!=true] => issue(type="ne", value=true);
                                [type=="debuggable", value==true] => issue(type="eqTrue", value=true);"""), CLAIMS,
                        "authorized; issued eq=true, ne=true"),
                Arguments.of("values of different types never compare, whatever the operator",
                        policy("=> permit();", """
                                [type=="svn", value=="2"] => issue(type="eq", value=true);
                                [type=="svn", value!="2"] => issue(type="ne", value=true);
                                [type=="svn", value<"3"] => issue(type="lt", value=true);
                                [type=="debuggable", value=="false"] => issue(type="bool", value=true);
                                [type=="signer", value!=1] => issue(type="str", value=true);
                                => issue(type="end", value=true);"""), CLAIMS,
                        "authorized; issued end=true"),
                Arguments.of("ordering strings is an evaluation error",
                        policy("[type==\"signer\", value<\"b\"] => permit();", ""), CLAIMS,
                        "error: rule at line 3: '<' compares whole numbers only, not String values"),
                Arguments.of("ordering booleans is an evaluation error",
                        policy("[type==\"debuggable\", value>=false] => permit();", ""), CLAIMS,
                        "error: rule at line 3: '>=' compares whole numbers only, not Boolean values"),
                Arguments.of("issuer compares with the claim's issuer",
                        policy("=> permit();", """
                                [type=="note", issuer=="CustomClaim"] => issue(type="custom", value=true);
                                [type=="note", issuer=="AttestationService"] => issue(type="service", value=true);"""),
                        CLAIMS, "authorized; issued custom=true"),
                // §2.4 actions
                Arguments.of("claims the policy makes have issuer AttestationPolicy",
                        policy("=> add(type=\"made\", value=1);\n[type==\"made\", issuer==\"AttestationPolicy\"] => permit();",
                                ""), CLAIMS, "authorized"),
                Arguments.of("add reaches the incoming claims only, issue the token too",
                        policy("=> permit();", """
                                => add(type="hidden", value=1);
                                => issue(type="shown", value=2);
                                [type=="hidden"] && [type=="shown"] => issue(type="both", value=true);"""), CLAIMS,
                        "authorized; issued shown=2, both=true"),
                Arguments.of("valueType: the value's type, or the label given",
                        policy("=> permit();", """
                                => add(type="n", value=5);
                                => add(type="s", value="x", valueType="Label");
                                [type=="n", valueType=="Integer"] && [type=="s", valueType=="Label"] => issue(type="typed", value=true);"""),
                        CLAIMS, "authorized; issued typed=true"),
                // §2.7 property claims
                Arguments.of("issueproperty: a property claim, and an incoming claim",
                        """
                        version=1.1;
                        configurationrules { => issueproperty(type="x-ms-sgx-tcbidentifier", value="10"); };
                        authorizationrules { => permit(); };
                        issuancerules {
                            c:[type=="x-ms-sgx-tcbidentifier", issuer=="AttestationPolicy"] => issue(type="tcb", value=c.value);
                            => issueproperty(type="omit_x5c", value=true);
                        };""", CLAIMS,
                        "authorized; issued tcb='10'; properties x-ms-sgx-tcbidentifier='10', omit_x5c=true"),
                Arguments.of("configuration rules run even when authorization fails",
                        """
                        version=1.1;
                        configurationrules { => issueproperty(type="report_validity_in_minutes", value=60); };
                        issuancerules { => issueproperty(type="omit_x5c", value=true); };""", CLAIMS,
                        "denied: The authorization rules did not permit issuance.; properties report_validity_in_minutes=60"),
                Arguments.of("a property the gateway acts on must have its type",
                        policy("=> permit();", "=> issueproperty(type=\"report_validity_in_minutes\", value=\"long\");"),
                        CLAIMS, "error: rule at line 6: the property claim report_validity_in_minutes must be "
                                + "a positive whole number of minutes, not String long"),
                // §2.6 functions
                Arguments.of("JmesPath: the JSON text of the result",
                        policy("=> permit();", """
                                c:[type=="doc"] => issue(type="b", value=JmesPath(c.value, "a.b"));
                                c:[type=="doc"] => issue(type="n", value=JmesPath(c.value, "a.n"));
                                c:[type=="doc"] => issue(type="none", value=JmesPath(c.value, "a.zz"));"""), doc,
                        "authorized; issued b='\"x\"', n='[1,2]', none='null'"),
                Arguments.of("JmesPath: MAA's equals_ignore_case",
                        policy("=> permit();", "c:[type==\"doc\"] => issue(type=\"n\", value=JsonToClaimValue("
                                + "JmesPath(c.value, \"length(Events[?equals_ignore_case(Name, 'secureboot')])\")));"), doc,
                        "authorized; issued n=1"),
                Arguments.of("JmesPath: equals_ignore_case takes strings",
                        policy("=> permit();", "c:[type==\"doc\"] => issue(type=\"n\", value="
                                + "JmesPath(c.value, \"equals_ignore_case(a.n, 'x')\"));"), doc,
                        "error: rule at line 6: JmesPath: Invalid argument type calling \"equals_ignore_case\"..."),
                Arguments.of("JmesPath: a query that is not JMESPath",
                        policy("=> permit();", "c:[type==\"doc\"] => issue(type=\"q\", value=JmesPath(c.value, \"a[?\"));"),
                        doc, "error: rule at line 6: JmesPath: the query is not valid JMESPath: ..."),
                Arguments.of("JmesPath: input that is not JSON",
                        policy("=> permit();", "=> issue(type=\"q\", value=JmesPath(\"{nope\", \"a\"));"), CLAIMS,
                        "error: rule at line 6: JmesPath: the input is not JSON: ..."),
                Arguments.of("JmesPath: empty strings",
                        policy("=> permit();", "=> issue(type=\"q\", value=JmesPath(\"\", \"a\"));"), CLAIMS,
                        "error: rule at line 6: JmesPath(json, query) takes two non-empty strings"),
                Arguments.of("JsonToClaimValue: whole number, boolean, string",
                        policy("=> permit();", """
                                c:[type=="doc"] => issue(type="i", value=JsonToClaimValue(JmesPath(c.value, "a.n[1]")));
                                c:[type=="doc"] => issue(type="b", value=JsonToClaimValue(JmesPath(c.value, "length(a.n) == `2`")));
                                c:[type=="doc"] => issue(type="s", value=JsonToClaimValue(JmesPath(c.value, "s")));"""),
                        doc, "authorized; issued i=2, b=true, s='txt'"),
                Arguments.of("JsonToClaimValue: an array of primitives is a set",
                        policy("=> permit();", "=> issue(type=\"set\", value=JsonToClaimValue(\"[3, 1, 3, 2]\"));"),
                        CLAIMS, "authorized; issued set=[3, 1, 2]"),
                Arguments.of("JsonToClaimValue: null makes the action a no-op",
                        policy("=> permit();", """
                                => issue(type="none", value=JsonToClaimValue("null"));
                                ![type=="none"] => issue(type="absent", value=true);"""), CLAIMS,
                        "authorized; issued absent=true"),
                Arguments.of("JsonToClaimValue: a fraction is an error",
                        policy("=> permit();", "=> issue(type=\"f\", value=JsonToClaimValue(\"1.5\"));"), CLAIMS,
                        "error: rule at line 6: JsonToClaimValue: a fraction (1.5) is not a claim value"),
                Arguments.of("JsonToClaimValue: an object is an error",
                        policy("=> permit();", "=> issue(type=\"o\", value=JsonToClaimValue(\"{}\"));"), CLAIMS,
                        "error: rule at line 6: JsonToClaimValue: JSON object is not a claim value; "
                                + "only whole numbers, booleans, strings and arrays of those are"),
                Arguments.of("JsonToClaimValue: an array of objects is an error",
                        policy("=> permit();", "=> issue(type=\"o\", value=JsonToClaimValue(\"[1, {}]\"));"), CLAIMS,
                        "error: rule at line 6: JsonToClaimValue: JSON object is not a claim value; ..."),
                Arguments.of("IsSubsetOf",
                        policy("=> permit();", """
                                => issue(type="sub", value=IsSubsetOf(JsonToClaimValue("[1]"), JsonToClaimValue("[2, 1]")));
                                => issue(type="notSub", value=IsSubsetOf(JsonToClaimValue("[1, 3]"), JsonToClaimValue("[1]")));"""),
                        CLAIMS, "authorized; issued sub=true, notSub=false"),
                Arguments.of("AppendString and NegateBool",
                        policy("=> permit();", """
                                c:[type=="signer"] => issue(type="s", value=AppendString("0x", c.value));
                                c:[type=="debuggable"] => issue(type="b", value=NegateBool(c.value));"""), CLAIMS,
                        "authorized; issued s='0xab12', b=true"),
                Arguments.of("ContainsOnlyValue: non-empty, and every element equal",
                        policy("=> permit();", """
                                => issue(type="only", value=ContainsOnlyValue(JsonToClaimValue("[2, 2]"), 2));
                                => issue(type="mixed", value=ContainsOnlyValue(JsonToClaimValue("[2, 1]"), 2));
                                => issue(type="empty", value=ContainsOnlyValue(JsonToClaimValue("[]"), 2));
                                => issue(type="typed", value=ContainsOnlyValue(JsonToClaimValue("[2]"), "2"));"""),
                        CLAIMS, "authorized; issued only=true, mixed=false, empty=false, typed=false"),
                Arguments.of("a function given the wrong type names itself",
                        policy("=> permit();", "=> issue(type=\"b\", value=NegateBool(\"yes\"));"), CLAIMS,
                        "error: rule at line 6: NegateBool(boolean): argument 1 must be a boolean, not String yes"),
                Arguments.of("a function given the wrong count names itself",
                        policy("=> permit();", "=> issue(type=\"s\", value=AppendString(\"a\"));"), CLAIMS,
                        "error: rule at line 6: AppendString(string, string) takes 2 arguments, not 1"),
                Arguments.of("a set function given a single value names itself",
                        policy("=> permit();", "=> issue(type=\"s\", value=IsSubsetOf(1, JsonToClaimValue(\"[1]\")));"),
                        CLAIMS, "error: rule at line 6: IsSubsetOf(set, set): argument 1 must be a set, not Integer 1"),
                Arguments.of("an empty argument empties the function, and the action is a no-op",
                        policy("=> permit();", """
                                => issue(type="b", value=NegateBool(JsonToClaimValue("null")));
                                ![type=="b"] => issue(type="noB", value=true);"""), CLAIMS,
                        "authorized; issued noB=true"),
                Arguments.of("a comparison with an empty value is false",
                        policy("[type==\"svn\", value!=JsonToClaimValue(\"null\")] => permit();", ""), CLAIMS,
                        "denied: The authorization rules did not permit issuance."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void evaluationFollowsTheRulesOfTheLanguage(String rule, String policy, List<Claim> incoming, String expected) {
        // Given a policy that exercises the rule, and incoming claims (the arguments)

        // When it is evaluated
        String outcome = outcome(policy, incoming);

        // Then the verdict, the issued claims and the properties are the language's
        if (expected.endsWith("...")) {
            assertThat(outcome).startsWith(expected.substring(0, expected.length() - 3));
        } else {
            assertThat(outcome).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            60,       PT1H
            1440,     PT24H
            525600,   PT8760H
            10000000, PT8760H
            """)
    void reportValidityIsTheTokenLifetimeCappedAtOneYear(long minutes, Duration lifetime) {
        // Given a policy that sets report_validity_in_minutes
        String policy = policy("=> permit();",
                "=> issueproperty(type=\"report_validity_in_minutes\", value=" + minutes + ");");

        // When it is evaluated
        PolicyResult result = EVALUATOR.evaluate(PolicyParser.parse(policy), CLAIMS);

        // Then the token lifetime is the value, at most a year
        assertThat(result.properties().tokenLifetime()).contains(lifetime);
        assertThat(result.properties().all()).containsEntry("report_validity_in_minutes", minutes);
    }

    @Test
    void withoutPropertyClaimsTheGatewayDefaultsApply() {
        // Given a policy that issues no property claim
        String policy = policy("=> permit();", "");

        // When it is evaluated
        PropertyClaims properties = EVALUATOR.evaluate(PolicyParser.parse(policy), CLAIMS).properties();

        // Then nothing is overridden
        assertThat(properties.tokenLifetime()).isEmpty();
        assertThat(properties.omitX5c()).isFalse();
        assertThat(properties.tcbIdentifier()).isEmpty();
        assertThat(properties.all()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            report_validity_in_minutes | 0     | a positive whole number of minutes, not Integer 0
            omit_x5c                   | "yes" | a boolean, not String yes
            x-ms-sgx-tcbidentifier     | 10    | a string, not Integer 10
            """)
    void propertyClaimsTheGatewayActsOnAreChecked(String type, String value, String problem) {
        // Given a policy that issues a property claim with a value of the wrong kind
        String policy = policy("=> permit();", "=> issueproperty(type=\"" + type + "\", value=" + value + ");");

        // When it is evaluated, Then it fails at the rule
        assertThatThrownBy(() -> EVALUATOR.evaluate(PolicyParser.parse(policy), CLAIMS))
                .isInstanceOf(PolicyEvaluationException.class)
                .hasMessage("rule at line 6: the property claim " + type + " must be " + problem);
    }

    @Test
    void aDenialIsAPolicyEvaluationErrorWhenRequired() {
        // Given a policy that denies
        PolicyResult result = EVALUATOR.evaluate(PolicyParser.parse(policy("=> deny();", "")), CLAIMS);

        // When authorization is required, Then the denial is thrown with MAA's code and message
        assertThat(result.authorized()).isFalse();
        assertThatThrownBy(result::requireAuthorized)
                .isInstanceOfSatisfying(PolicyEvaluationException.class,
                        e -> assertThat(e.code()).isEqualTo("POLICY_EVALUATION_ERROR"))
                .hasMessage("A Deny claim was issued, authorization failed.");
    }

    // ---- bounds ---------------------------------------------------------------------------------------

    @Test
    void manyBindingsOverManyClaimsStopAtTheCombinationBound() {
        // Given a rule whose three bindings over 1,000 claims would make a billion combinations
        List<Claim> many = IntStream.range(0, 1_000).mapToObj(i -> service("k", (long) i)).toList();
        String policy = policy("c1:[type==\"k\"] && c2:[type==\"k\"] && c3:[type==\"k\"] => permit();", "");

        // When it is evaluated, Then it fails with the bound, quickly
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatThrownBy(
                () -> EVALUATOR.evaluate(PolicyParser.parse(policy), many))
                .isInstanceOf(PolicyEvaluationException.class)
                .hasMessage("rule at line 3: the combinations of claims matching this rule exceeded the bound of 10000"));
    }

    @Test
    void claimsStopAtTheClaimBound() {
        // Given a gateway that allows 50 claims, and a policy that adds one claim per incoming claim, twice
        PolicyEvaluator evaluator = new PolicyEvaluator(new EvaluationLimits(50, 10_000, 1_000_000, 1 << 20, 1 << 20));
        List<Claim> twenty = IntStream.range(0, 20).mapToObj(i -> service("k", (long) i)).toList();
        String policy = policy("c:[type==\"k\"] => add(type=\"k\", value=c.value);\n"
                + "c:[type==\"k\"] => add(type=\"k\", value=c.value);", "");

        // When it is evaluated, Then the second rule passes the bound
        assertThatThrownBy(() -> evaluator.evaluate(PolicyParser.parse(policy), twenty))
                .isInstanceOf(PolicyEvaluationException.class)
                .hasMessage("rule at line 4: the claims exceeded the bound of 50");
        List<Claim> tooMany = IntStream.range(0, 51).mapToObj(i -> service("k", (long) i)).toList();
        assertThatThrownBy(() -> evaluator.evaluate(PolicyParser.parse(policy), tooMany))
                .hasMessage("the claims exceeded the bound of 50");
    }

    @Test
    void manyRulesStopAtTheComparisonBound() {
        // Given a gateway that allows 100,000 comparisons, and 100 rules (each within the combination bound) over
        // 10,000 claims
        PolicyEvaluator evaluator = new PolicyEvaluator(new EvaluationLimits(10_000, 10_000, 100_000, 1 << 20, 1 << 20));
        List<Claim> many = IntStream.range(0, 10_000).mapToObj(i -> service("k", (long) i)).toList();
        String policy = policy("[type==\"none\"] => permit();\n".repeat(100), "");

        // When it is evaluated, Then the 11th rule (line 13) passes the bound
        assertThatThrownBy(() -> evaluator.evaluate(PolicyParser.parse(policy), many))
                .hasMessage("rule at line 13: the property comparisons exceeded the bound of 100000");
    }

    @Test
    void jmesPathInputIsBounded() {
        // Given a JSON claim one character longer than 1 MiB
        String big = "[" + "1,".repeat((1 << 19) - 1) + "1]";
        String policy = policy("=> permit();", "c:[type==\"big\"] => issue(type=\"n\", value=JmesPath(c.value, \"length(@)\"));");

        // When a policy queries it, Then it is refused before it is parsed
        assertThat(big).hasSize((1 << 20) + 1);
        assertThatThrownBy(() -> EVALUATOR.evaluate(PolicyParser.parse(policy), List.of(service("big", big))))
                .hasMessage("rule at line 6: JmesPath's JSON input (1048577 characters) exceeded the bound of 1048576");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            flatten doubling an array at every stage | [@,@][] | the data work (characters and elements) exceeded the bound of 33554432
            to_string doubling a string at every stage | to_string([@,@]) | exceeded the bound of
            """)
    void jmesPathWorkIsBounded(String attack, String stage, String bound) {
        // Given a short query that doubles its data 40 times
        String query = "@" + (" | " + stage).repeat(40);
        String policy = policy("=> permit();",
                "c:[type==\"doc\"] => issue(type=\"n\", value=JmesPath(c.value, \"" + query + "\"));");

        // When it is evaluated, Then it fails at a bound, quickly, instead of filling the heap
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(
                () -> EVALUATOR.evaluate(PolicyParser.parse(policy), List.of(service("doc", "[1,2,3,4,5,6,7,8]"))))
                .isInstanceOf(PolicyEvaluationException.class)
                .hasMessageStartingWith("rule at line 6: ")
                .hasMessageContaining(bound));
    }

    @Test
    void appendStringIsBounded() {
        // Given a gateway that allows strings of 1,000 characters, and a policy that doubles a string in each rule
        PolicyEvaluator evaluator = new PolicyEvaluator(new EvaluationLimits(100, 100, 1_000, 1_000, 1 << 20));
        String policy = policy(IntStream.range(0, 12).mapToObj(i -> "c:[type==\"s" + i + "\"] => add(type=\"s" + (i + 1)
                + "\", value=AppendString(c.value, c.value));").collect(joining("\n")), "");

        // When it is evaluated, Then the tenth rule (line 12) stops at the length bound
        assertThatThrownBy(() -> evaluator.evaluate(PolicyParser.parse(policy), List.of(service("s0", "x"))))
                .hasMessage("rule at line 12: AppendString's result (1024 characters) exceeded the bound of 1000");
    }

    @Test
    void aQueryNestedTooDeeplyFailsCleanly() {
        // Given a query nested deeper than the library's recursion allows
        String query = "length(".repeat(5_000) + "@" + ")".repeat(5_000);
        String policy = policy("=> permit();", "=> issue(type=\"n\", value=JmesPath(\"[]\", \"" + query + "\"));");

        // When it is evaluated, Then it is the policy's error
        assertThatThrownBy(() -> EVALUATOR.evaluate(PolicyParser.parse(policy), CLAIMS))
                .hasMessage("rule at line 6: JmesPath: the query is nested too deeply");
    }

    // ---- helpers --------------------------------------------------------------------------------------

    /** A v1.2 policy: authorization rules from line 3, issuance rules after them. */
    private static String policy(String authorization, String issuance) {
        return "version=1.2;\nauthorizationrules {\n" + authorization + "\n};\nissuancerules {\n" + issuance + "\n};";
    }

    private static List<Claim> with(Claim extra) {
        List<Claim> claims = new ArrayList<>(CLAIMS);
        claims.add(extra);
        return claims;
    }

    private static String outcome(String policy, List<Claim> incoming) {
        try {
            PolicyResult result = EVALUATOR.evaluate(PolicyParser.parse(policy), incoming);
            String verdict = result.authorized() ? "authorized" : "denied: " + result.denial().orElseThrow().getMessage();
            String issued = result.issued().stream().map(PolicyEvaluatorTest::render).collect(joining(", "));
            String properties = result.properties().all().entrySet().stream()
                    .map(p -> p.getKey() + "=" + render(p.getValue())).collect(joining(", "));
            return verdict + (issued.isEmpty() ? "" : "; issued " + issued)
                    + (properties.isEmpty() ? "" : "; properties " + properties);
        } catch (PolicyEvaluationException e) {
            return "error: " + e.getMessage();
        }
    }

    private static String render(Claim claim) {
        return claim.type() + "=" + render(claim.value())
                + (claim.issuer() == Issuer.ATTESTATION_POLICY ? "" : " (" + claim.issuer().text() + ")");
    }

    private static String render(Object value) {
        if (value instanceof String text) {
            return "'" + text + "'";
        }
        return value instanceof Collection<?> set ? set.toString() : String.valueOf(value);
    }
}
