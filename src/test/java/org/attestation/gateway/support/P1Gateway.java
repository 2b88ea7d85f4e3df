package org.attestation.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One verifying gateway per test class that attests {@link P1} for real: a fake PCS with P1's collateral, the
 * production verifiers, verification at P1's time. Register it with {@code @RegisterExtension}.
 */
public final class P1Gateway implements BeforeAllCallback, AfterAllCallback {

    private final Map<String, String> extra;
    private Path dataDir;
    private FakePcs pcs;
    private TestGateway gateway;

    public P1Gateway(Map<String, String> extra) {
        this.extra = Map.copyOf(extra);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dataDir = Files.createTempDirectory("p1-gateway");
        pcs = P1.pcs();
        gateway = TestGateway.startVerifying(TestGateway.config(dataDir, P1.settings(pcs, extra)));
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        // Without ../shared/vectors the class was skipped before anything started
        if (gateway != null) {
            gateway.close();
        }
        if (pcs != null) {
            pcs.close();
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> {
                try {
                    Files.delete(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    public TestGateway gateway() {
        return gateway;
    }
}
