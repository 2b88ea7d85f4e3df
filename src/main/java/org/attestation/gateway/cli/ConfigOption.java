package org.attestation.gateway.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --config FILE}, shared by every command that reads the gateway's configuration. */
public final class ConfigOption {

    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML configuration file (default: the embedded conf/gateway.yaml). "
                    + "GATEWAY_* environment variables override it.")
    Path file;

    Optional<Path> file() {
        return Optional.ofNullable(file);
    }
}
