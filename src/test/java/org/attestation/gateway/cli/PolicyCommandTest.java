package org.attestation.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.attestation.gateway.Main;
import org.attestation.gateway.evidence.AttestationType;
import org.attestation.gateway.policy.DefaultPolicies;
import org.attestation.gateway.support.CapturedOutput;
import org.attestation.gateway.support.SharedVectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class PolicyCommandTest {

    @RegisterExtension
    final CapturedOutput output = new CapturedOutput();

    @TempDir
    Path dir;

    @Test
    void aPublishedPolicyChecksOk() {
        Path file = SharedVectors.path("maa-policies/13-tpm-v1.2-systemguard-smm.txt");

        assertThat(Main.run("policy", "check", file.toString())).isEqualTo(0);
        assertThat(output.out()).startsWith(file + ": ok (version 1.2, ");
    }

    @Test
    void aBrokenPolicyPrintsFileLineAndColumnAndExitsOne() throws Exception {
        Path file = Files.writeString(dir.resolve("broken.txt"), "version=1.0;\nauthorizationrules {\n  => permit()\n};");

        assertThat(Main.run("policy", "check", file.toString())).isEqualTo(1);
        assertThat(output.err().strip()).isEqualTo(file + ":4:1: expected ';' after the action, found '}'");
    }

    @Test
    void missingFileIsAUsageError() {
        assertThat(Main.run("policy", "check", dir.resolve("none.txt").toString())).isEqualTo(2);
        assertThat(Main.run("policy")).isEqualTo(2);
    }

    @Test
    void defaultPoliciesParseAndMatchMaa() {
        assertThat(DefaultPolicies.of(AttestationType.SGX_ENCLAVE)).hasValueSatisfying(p -> {
            assertThat(p.version()).isEqualTo("1.1");
            assertThat(p.issuanceRules()).hasSize(6);
        });
        assertThat(DefaultPolicies.of(AttestationType.OPEN_ENCLAVE)).isPresent();
        assertThat(DefaultPolicies.of(AttestationType.TDX_VM)).isPresent();
        assertThat(DefaultPolicies.of(AttestationType.SEV_SNP_VM)).isPresent();
        assertThat(DefaultPolicies.of(AttestationType.TPM)).isEmpty();
    }
}
