package org.attestation.gateway;

import org.attestation.gateway.cli.ExitCodes;
import org.attestation.gateway.cli.GatewayCommand;
import org.attestation.gateway.config.ConfigException;
import org.attestation.gateway.ops.Logging;
import picocli.CommandLine;

/** Entry point of {@code attestation-gateway.jar}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and answers its exit code (INTERFACE.md: 0, 1 or 2). */
    public static int run(String... args) {
        Logging.routeVertxLogging();
        CommandLine commandLine = new CommandLine(new GatewayCommand());
        commandLine.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.USAGE);
        commandLine.getCommandSpec().exitCodeOnExecutionException(ExitCodes.FAILED);
        // Every command reads the configuration; a mistake in it is reported the same way by all of them
        commandLine.setExecutionExceptionHandler((failure, command, parsed) -> {
            if (failure instanceof ConfigException) {
                command.getErr().println("configuration error: " + failure.getMessage());
                return ExitCodes.USAGE;
            }
            throw failure;
        });
        return commandLine.execute(args);
    }
}
