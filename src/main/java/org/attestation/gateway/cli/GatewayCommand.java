package org.attestation.gateway.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The command tree. Without a subcommand it serves, so {@code java -jar attestation-gateway.jar} starts the gateway. */
@Command(name = "attestation-gateway", mixinStandardHelpOptions = true,
        versionProvider = GatewayCommand.Version.class,
        subcommands = {ServeCommand.class, VerifyCommand.class, KeysCommand.class, PolicyCommand.class, WarmupCommand.class},
        description = {
            "Remote attestation service for confidential computing, compatible with Microsoft Azure Attestation.",
            "Without a command it runs 'serve'.",
            "Exit codes: 0 success, 1 evidence rejected or job failed, 2 usage or configuration error."})
public final class GatewayCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config = new ConfigOption();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ServeCommand serve = new ServeCommand();
        serve.config = config;
        serve.spec = spec;
        return serve.call();
    }

    /** The version recorded in the jar's manifest by the build. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = GatewayCommand.class.getPackage().getImplementationVersion();
            return new String[] {"attestation-gateway " + (version == null ? "(development build)" : version)};
        }
    }
}
