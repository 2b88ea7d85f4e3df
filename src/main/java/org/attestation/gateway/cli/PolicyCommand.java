package org.attestation.gateway.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.attestation.gateway.policy.PolicyParseException;
import org.attestation.gateway.policy.PolicyParser;
import org.attestation.gateway.policy.PolicySyntax.Policy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code policy}: attestation policy tools. */
@Command(name = "policy", mixinStandardHelpOptions = true, subcommands = PolicyCommand.Check.class,
        description = "Attestation policy tools.")
public final class PolicyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    /** {@code policy check FILE}: parses; prints {@code FILE:line:column: problem} and exits 1 when it does not. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Parse an attestation policy (MAA policy language 1.0-1.2).",
                "Exit codes: 0 it parses, 1 it does not (the error is printed as FILE:line:column), 2 usage error."})
    static final class Check implements Callable<Integer> {

        @Parameters(paramLabel = "FILE", description = "policy text")
        Path file;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                spec.commandLine().getErr().println("policy check: cannot read " + file);
                return ExitCodes.USAGE;
            }
            try {
                Policy policy = PolicyParser.parse(text);
                spec.commandLine().getOut().println(file + ": ok (version " + policy.version() + ", "
                        + policy.configurationRules().size() + " configuration, " + policy.authorizationRules().size()
                        + " authorization, " + policy.issuanceRules().size() + " issuance rules)");
                return ExitCodes.OK;
            } catch (PolicyParseException e) {
                spec.commandLine().getErr().println(file + ":" + e.getMessage());
                return ExitCodes.FAILED;
            }
        }
    }
}
