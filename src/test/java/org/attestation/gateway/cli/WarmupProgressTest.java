package org.attestation.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WarmupProgressTest {

    final StringWriter written = new StringWriter();
    final PrintWriter out = new PrintWriter(written);

    @Test
    void withoutATerminalEachItemIsOneLine() {
        WarmupProgress progress = WarmupProgress.to(out, false);

        progress.begin("fetching", 2);
        progress.ok("intel/sgx/tcb/00A067110000/standard", Instant.parse("2025-07-19T10:56:11Z"));
        progress.failed("intel/sgx/rootcacrl", "127.0.0.1 has no intel/sgx/rootcacrl (404)");
        progress.end();

        assertThat(written.toString().lines()).containsExactly(
                "ok intel/sgx/tcb/00A067110000/standard (nextUpdate 2025-07-19T10:56:11Z)",
                "FAILED intel/sgx/rootcacrl: 127.0.0.1 has no intel/sgx/rootcacrl (404)");
    }

    @Test
    void onATerminalABarIsRedrawnInPlaceAndFailuresStayAsLines() {
        WarmupProgress progress = WarmupProgress.to(out, true);

        progress.begin("fetching", 2);
        progress.failed("intel/sgx/rootcacrl", "127.0.0.1 has no intel/sgx/rootcacrl (404)");
        progress.ok("intel/sgx/tcb/00A067110000/standard", Instant.parse("2025-07-19T10:56:11Z"));
        progress.end();

        String erase = "\r\u001B[2K";
        String half = "[" + "=".repeat(15) + " ".repeat(15) + "]";
        String full = "[" + "=".repeat(30) + "]";
        assertThat(written.toString()).isEqualTo(
                erase + "[" + " ".repeat(30) + "] 0/2 fetching"
                + erase + "FAILED intel/sgx/rootcacrl: 127.0.0.1 has no intel/sgx/rootcacrl (404)" + System.lineSeparator()
                + erase + half + " 1/2 fetching intel/sgx/rootcacrl"
                + erase + full + " 2/2 fetching intel/sgx/tcb/00A067110000/standard"
                + erase + full + " 2/2 fetching" + System.lineSeparator());
    }
}
