package org.attestation.gateway.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.attestation.gateway.Gateway;
import org.attestation.gateway.config.ConfigException;
import org.attestation.gateway.config.ConfigLoader;
import org.attestation.gateway.config.GatewayConfig;
import org.attestation.gateway.ops.Logging;
import org.attestation.gateway.token.SigningKeyException;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code serve}: runs the gateway until the process is told to stop. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start the gateway (the default command) and serve until stopped.")
public final class ServeCommand implements Callable<Integer> {

    private static final long STOP_TIMEOUT_SECONDS = 30;

    @Mixin
    ConfigOption config = new ConfigOption();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        GatewayConfig settings = ConfigLoader.fromSystem().load(config.file());
        Logging.configure(settings.log());
        Gateway gateway;
        try {
            gateway = Gateway.start(settings).toCompletionStage().toCompletableFuture().get();
        } catch (ExecutionException e) {
            return startFailed(err, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.FAILED;
        }
        awaitShutdown(gateway);
        return ExitCodes.OK;
    }

    private static int startFailed(PrintWriter err, Throwable cause) {
        if (cause instanceof SigningKeyException || cause instanceof ConfigException) {
            err.println("configuration error: " + cause.getMessage());
            return ExitCodes.USAGE;
        }
        err.println("the gateway did not start: " + (cause.getMessage() != null ? cause.getMessage() : cause));
        return ExitCodes.FAILED;
    }

    /** Blocks until SIGTERM or SIGINT, then stops the gateway cleanly (open requests finish or fail). */
    private static void awaitShutdown(Gateway gateway) {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LoggerFactory.getLogger(ServeCommand.class).info("stopping");
            try {
                gateway.stop().toCompletionStage().toCompletableFuture().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                LoggerFactory.getLogger(ServeCommand.class).warn("unclean stop: {}", e.toString());
            } finally {
                stopped.countDown();
            }
        }, "gateway-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
