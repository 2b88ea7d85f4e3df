package org.attestation.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.attestation.gateway.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedOut;
    private PrintStream savedErr;

    @BeforeEach
    void capture() {
        savedOut = System.out;
        savedErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(savedOut);
        System.setErr(savedErr);
    }

    @Test
    void helpListsServeAndExitsZero() {
        assertThat(Main.run("--help")).isEqualTo(0);
        String help = out.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        assertThat(help).contains("serve").contains("--config")
                .contains("Exit codes: 0 success, 1 evidence rejected or job failed, 2 usage or configuration error.");
    }

    @Test
    void serveHasItsOwnHelp() {
        assertThat(Main.run("serve", "--help")).isEqualTo(0);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Usage: attestation-gateway serve");
    }

    @Test
    void unknownOptionOrCommandIsAUsageError() {
        assertThat(Main.run("--frobnicate")).isEqualTo(2);
        assertThat(Main.run("serve", "--frobnicate")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unknown option: '--frobnicate'");
    }

    @Test
    void unreadableConfigFileIsAConfigurationError() {
        assertThat(Main.run("serve", "--config", "/nonexistent/gateway.yaml")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).strip())
                .isEqualTo("configuration error: --config /nonexistent/gateway.yaml: no readable file there");
    }
}
