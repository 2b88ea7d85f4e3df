package org.attestation.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attestation.gateway.support.SampleClaims.service;

import java.util.List;
import org.attestation.gateway.policy.Claim.Issuer;
import org.attestation.gateway.support.SampleClaims;
import org.attestation.gateway.support.SharedVectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The published MAA policies of vectors/maa-policies, evaluated on claims shaped as maa-api.md §2.10 describes. */
class PolicySamplesEvaluationTest {

    private static final PolicyEvaluator EVALUATOR = new PolicyEvaluator();

    private static final String EFI_GLOBAL_VARIABLE = "8BE4DF61-93CA-11D2-AA0D-00E098032B8C";

    /** The PCR 0-3 SHA-256 values that 10-tpm-v1.2-pcr-match.txt requires. */
    private static final List<String> EXPECTED_PCRS = List.of(
            "4c833b1c361fceffd8dc0f81eec76081b71e1a0eb2193caed0b6e1c7735ec33e",
            "8c25e3be6ad6f5bd33c9ae40d5d5461e88c1a7366df0c9ee5c7e5ff40d3d1d0e",
            "3d458cfe55cc03ea1f443f1562beec8df51c75e14a9fcf9a7234a13f198e7969",
            "3d458cfe55cc03ea1f443f1562beec8df51c75e14a9fcf9a7234a13f198e7969");

    @ParameterizedTest
    @CsvSource(textBlock = """
            02-sgx-default-v1.1.txt,                    azuredefault, 1
            22-thomvanl-isolated-sgx-v1.1-tcbid-10.txt, 10,           2
            """)
    void sgxDefaultPoliciesAuthorizeAndIssueTheLegacyClaims(String file, String tcbIdentifier, int teeClaims) {
        // Given MAA's default SGX policy (and an isolated-mode copy that repeats its last rule)
        CompiledPolicy policy = CompiledPolicy.parse(sample(file));

        // When it is evaluated on a release enclave's claims
        PolicyResult result = EVALUATOR.evaluate(policy, SampleClaims.sgx());

        // Then the enclave is authorized and the legacy claims are issued from the x-ms-sgx ones, in rule order
        assertThat(result.authorized()).isTrue();
        List<Claim> expected = List.of(
                policyClaim("is-debuggable", false),
                policyClaim("sgx-mrsigner", SampleClaims.MRSIGNER),
                policyClaim("sgx-mrenclave", SampleClaims.MRENCLAVE),
                policyClaim("product-id", SampleClaims.PRODUCT_ID),
                policyClaim("svn", SampleClaims.SVN));
        assertThat(result.issued()).startsWith(expected.toArray(Claim[]::new));
        assertThat(result.issued().subList(expected.size(), result.issued().size()))
                .hasSize(teeClaims).allSatisfy(tee -> assertThat(tee).isEqualTo(policyClaim("tee", "sgx")));
        assertThat(result.properties().tcbIdentifier()).contains(tcbIdentifier);
        assertThat(result.properties().tokenLifetime()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            AQ, true
            AA, false
            """)
    void secureBootIsReadFromTheEventLogWithJmesPath(String secureBootVariable, boolean enabled) {
        // Given the v1.2 secure boot policy, and an event log whose SecureBoot variable is 1 (AQ) or 0 (AA)
        CompiledPolicy policy = CompiledPolicy.parse(sample("09-tpm-v1.2-secureboot-jmespath.txt"));
        String events = events(variable(1, "SecureBoot", secureBootVariable), variable(2, "PK", "oWlhZ2U="),
                event(3, 4, "EV_EFI_BOOT_SERVICES_APPLICATION", "{}"));

        // When it is evaluated
        PolicyResult result = EVALUATOR.evaluate(policy, List.of(service("events", events)));

        // Then secureBootEnabled says which; the intermediate efiConfigVariables claim stays out of the token
        assertThat(result.authorized()).isTrue();
        assertThat(result.issued()).containsExactly(policyClaim("secureBootEnabled", enabled));
    }

    @Test
    void secureBootIsFalseWhenTheEventLogHasNoSecureBootVariable() {
        // Given the v1.2 secure boot policy, and event logs without the variable, or no event log at all
        CompiledPolicy policy = CompiledPolicy.parse(sample("09-tpm-v1.2-secureboot-jmespath.txt"));
        List<Claim> withoutVariable = List.of(service("events", events(variable(2, "PK", "oWlhZ2U="))));

        // When it is evaluated, Then the absence rule issues false
        assertThat(EVALUATOR.evaluate(policy, withoutVariable).issued())
                .containsExactly(policyClaim("secureBootEnabled", false));
        assertThat(EVALUATOR.evaluate(policy, List.of()).issued())
                .containsExactly(policyClaim("secureBootEnabled", false));
    }

    @Test
    void pcrMatchAuthorizesOnlyTheExpectedPcrs() {
        // Given the v1.2 PCR policy, a platform with the four expected PCRs, and one whose PCR 1 differs
        CompiledPolicy policy = CompiledPolicy.parse(sample("10-tpm-v1.2-pcr-match.txt"));
        String matching = pcrs(EXPECTED_PCRS);
        String pcr1Differs = pcrs(List.of(EXPECTED_PCRS.get(0), "00".repeat(32), EXPECTED_PCRS.get(2),
                EXPECTED_PCRS.get(3)));

        // When each is evaluated
        PolicyResult accepted = EVALUATOR.evaluate(policy, List.of(service("pcrs", matching)));
        PolicyResult refused = EVALUATOR.evaluate(policy, List.of(service("pcrs", pcr1Differs)));

        // Then only the first is authorized; the policy issues nothing
        assertThat(accepted.authorized()).isTrue();
        assertThat(accepted.issued()).isEmpty();
        assertThat(refused.denial()).get().extracting(Throwable::getMessage)
                .isEqualTo(PolicyEvaluationException.NOT_PERMITTED);
    }

    @Test
    void systemGuardPolicyBuildsItsQueryWithAppendString() {
        // Given the v1.2 System Guard policy, and an event log with a valid DRTM state event (sequence 10) after
        // one SMM level event (level 2)
        CompiledPolicy policy = CompiledPolicy.parse(sample("13-tpm-v1.2-systemguard-smm.txt"));
        String events = events(
                event(5, 20, "EV_EVENT_TAG", "{\"EVENT_DRTM_SMM\":{\"Value\":2}}"),
                event(10, 20, "EV_EVENT_TAG",
                        "{\"EVENT_TRUSTBOUNDARY\":{\"EVENT_DRTM_STATE_AUTH\":{\"SignatureValid\":true}}}"),
                event(11, 20, "EV_EVENT_TAG", "{\"EVENT_DRTM_SMM\":{\"Value\":3}}"));

        // When it is evaluated
        PolicyResult result = EVALUATOR.evaluate(policy, List.of(service("events", events)));

        // Then the DRTM launch is valid and the SMM level is the one logged before it
        assertThat(result.issued()).containsExactly(policyClaim("drtmMleValid", true), policyClaim("smmLevel", 2L));
    }

    @Test
    void denyAllPolicyDenies() {
        // Given the deny-all policy of the policy signing guide
        CompiledPolicy policy = CompiledPolicy.parse(sample("15-author-sign-deny-all-v1.0.txt"));

        // When it is evaluated on any claims
        PolicyResult result = EVALUATOR.evaluate(policy, SampleClaims.sgx());

        // Then it is denied with MAA's message, and nothing is issued
        assertThat(result.authorized()).isFalse();
        assertThat(result.denial()).get().extracting(Throwable::getMessage)
                .isEqualTo("A Deny claim was issued, authorization failed.");
        assertThat(result.issued()).isEmpty();
    }

    private static String sample(String file) {
        return SharedVectors.text("maa-policies/" + file);
    }

    private static Claim policyClaim(String type, Object value) {
        return Claim.of(type, value, Issuer.ATTESTATION_POLICY);
    }

    private static String events(String... events) {
        return "{\"Events\":[" + String.join(",", events) + "]}";
    }

    private static String event(int sequence, int pcr, String type, String processedData) {
        return "{\"EventSeq\":" + sequence + ",\"PcrIndex\":" + pcr + ",\"EventTypeString\":\"" + type
                + "\",\"ProcessedData\":" + processedData + "}";
    }

    private static String variable(int sequence, String name, String data) {
        return event(sequence, 7, "EV_EFI_VARIABLE_DRIVER_CONFIG", "{\"VariableGuid\":\"" + EFI_GLOBAL_VARIABLE
                + "\",\"UnicodeName\":\"" + name + "\",\"VariableData\":\"" + data + "\"}");
    }

    private static String pcrs(List<String> sha256) {
        StringBuilder json = new StringBuilder("{\"PCRs\":[");
        for (int i = 0; i < sha256.size(); i++) {
            json.append(i == 0 ? "" : ",").append("{\"Index\":").append(i).append(",\"Digests\":{\"SHA1\":\"")
                    .append("11".repeat(20)).append("\",\"SHA256\":\"").append(sha256.get(i)).append("\"}}");
        }
        return json.append("]}").toString();
    }
}
