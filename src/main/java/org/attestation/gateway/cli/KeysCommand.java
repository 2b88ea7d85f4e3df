package org.attestation.gateway.cli;

import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.attestation.gateway.config.ConfigException;
import org.attestation.gateway.config.ConfigLoader;
import org.attestation.gateway.config.GatewayConfig;
import org.attestation.gateway.config.StoreKind;
import org.attestation.gateway.crypto.CryptoProviders;
import org.attestation.gateway.store.Stores;
import org.attestation.gateway.store.Tenant;
import org.attestation.gateway.token.Issuers;
import org.attestation.gateway.token.SigningKey;
import org.attestation.gateway.token.SigningKeyFactory;
import org.attestation.gateway.token.TokenIssuer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code keys}: administration of the token signing keys. */
@Command(name = "keys", mixinStandardHelpOptions = true, subcommands = KeysCommand.Rotate.class,
        description = "Administer the token signing keys.")
public final class KeysCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    /**
     * {@code keys rotate}: creates a tenant's next signing key. It is published in {@code /certs} at once (every
     * replica learns of it within a second) and signs from {@code --activate-after} on; the keys it replaces
     * stay published for {@code --retire-after} more, until the tokens they signed have expired.
     */
    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = {"Create a tenant's next token signing key: published now, signing after a delay;",
                "the previous keys retire once the tokens they signed have expired.",
                "Needs the embedded store (with the gateway stopped) or a postgres store (any time)."})
    static final class Rotate implements Callable<Integer> {

        @Option(names = "--tenant", defaultValue = Tenant.DEFAULT, description = "tenant (default: ${DEFAULT-VALUE})")
        String tenant;

        @Option(names = "--activate-after", defaultValue = "PT10M", paramLabel = "DURATION",
                description = "ISO-8601 duration until the new key signs, so that relying parties fetch /certs "
                        + "first (default: ${DEFAULT-VALUE})")
        Duration activateAfter;

        @Option(names = "--retire-after", defaultValue = "P365D", paramLabel = "DURATION",
                description = "how long after activation the old keys stay published: the longest token lifetime "
                        + "(default: ${DEFAULT-VALUE}, the most a policy can set)")
        Duration retireAfter;

        @Mixin
        ConfigOption config = new ConfigOption();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            GatewayConfig settings = ConfigLoader.fromSystem().load(config.file());
            if (settings.store().kind() == StoreKind.MEMORY) {
                err.println("keys rotate: the memory store keeps one key file per algorithm; rotation needs "
                        + "GATEWAY_STORE=embedded or postgres");
                return ExitCodes.USAGE;
            }
            if (activateAfter.isNegative() || retireAfter.compareTo(TokenIssuer.MAX_LIFETIME) > 0
                    || retireAfter.isNegative()) {
                err.println("keys rotate: --activate-after must not be negative, and --retire-after is between 0 and "
                        + TokenIssuer.MAX_LIFETIME.toDays() + " days");
                return ExitCodes.USAGE;
            }
            Vertx vertx = Vertx.vertx();
            try {
                Clock clock = Clock.systemUTC();
                Stores.Opened store = Stores.open(vertx, settings, clock).toCompletionStage().toCompletableFuture()
                        .get(60, TimeUnit.SECONDS);
                try {
                    Issuers issuers = new Issuers(settings.publicUrl(settings.http().port()));
                    SigningKey next = new SigningKeyFactory(CryptoProviders.install(), clock)
                            .generate(settings.token().alg(), issuers.of(tenant));
                    Instant activateAt = clock.instant().plus(activateAfter);
                    Instant retireAt = activateAt.plus(retireAfter);
                    store.store().signingKeys().rotate(tenant, next, activateAt, retireAt, "cli:keys-rotate")
                            .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
                    out.println("rotated tenant " + tenant + ": new " + next.algorithm() + " key " + next.kid()
                            + " is published now and signs from " + activateAt + "; the keys it replaces retire at "
                            + retireAt);
                    return ExitCodes.OK;
                } finally {
                    store.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
                }
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                err.println("keys rotate failed: " + (cause.getMessage() != null ? cause.getMessage() : cause));
                return cause instanceof ConfigException ? ExitCodes.USAGE : ExitCodes.FAILED;
            } catch (Exception e) {
                err.println("keys rotate failed: " + e);
                return ExitCodes.FAILED;
            } finally {
                vertx.close();
            }
        }
    }
}
