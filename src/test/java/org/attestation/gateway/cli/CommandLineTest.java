package org.attestation.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.attestation.gateway.Main;
import org.attestation.gateway.support.CapturedOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CommandLineTest {

    @RegisterExtension
    final CapturedOutput output = new CapturedOutput();

    @Test
    void helpListsServeAndExitsZero() {
        assertThat(Main.run("--help")).isEqualTo(0);
        String help = output.out().replaceAll("\\s+", " ");
        assertThat(help).contains("serve").contains("--config")
                .contains("Exit codes: 0 success, 1 evidence rejected or job failed, 2 usage or configuration error.");
    }

    @Test
    void serveHasItsOwnHelp() {
        assertThat(Main.run("serve", "--help")).isEqualTo(0);
        assertThat(output.out()).contains("Usage: attestation-gateway serve");
    }

    @Test
    void unknownOptionOrCommandIsAUsageError() {
        assertThat(Main.run("--frobnicate")).isEqualTo(2);
        assertThat(Main.run("serve", "--frobnicate")).isEqualTo(2);
        assertThat(output.err()).contains("Unknown option: '--frobnicate'");
    }

    @Test
    void unreadableConfigFileIsAConfigurationError() {
        assertThat(Main.run("serve", "--config", "/nonexistent/gateway.yaml")).isEqualTo(2);
        assertThat(output.err().strip())
                .isEqualTo("configuration error: --config /nonexistent/gateway.yaml: no readable file there");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"serve", "warmup", "keys rotate"})
    void everyCommandThatReadsTheConfigurationReportsItsMistakesAlike(String command) {
        // When a command is given a configuration file that is not there
        String[] args = (command + " --config /nonexistent/gateway.yaml").split(" ");

        // Then it is a configuration error, exit 2, worded the same by every command
        assertThat(Main.run(args)).isEqualTo(2);
        assertThat(output.err().strip())
                .isEqualTo("configuration error: --config /nonexistent/gateway.yaml: no readable file there");
    }
}
