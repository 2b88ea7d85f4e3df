package org.attestation.gateway.cli;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import org.attestation.gateway.Gateway;
import org.attestation.gateway.collateral.AmdCollateralTier;
import org.attestation.gateway.collateral.CollateralDirectory;
import org.attestation.gateway.collateral.IntelCollateralTier;
import org.attestation.gateway.collateral.WarmupPlan;
import org.attestation.gateway.config.CollateralMode;
import org.attestation.gateway.config.ConfigLoader;
import org.attestation.gateway.config.GatewayConfig;
import org.attestation.gateway.config.Setting;
import org.attestation.gateway.crypto.CryptoProviders;
import org.attestation.gateway.evidence.dcap.DcapVerifier;
import org.attestation.gateway.store.MemoryCollateral;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code warmup}: fills the collateral cache ahead of need, and moves it between machines as offline
 * bundles, without the HTTP server. The steps run in the order import, fetch, export.
 */
@Command(name = "warmup", mixinStandardHelpOptions = true,
        description = {"Fetch Intel and AMD collateral into the cache ahead of need (--plan), and carry it to "
                + "machines without PCS or KDS access as offline bundles (--export, --import). Every item is "
                + "checked before it is cached. Runs without the HTTP server.",
            "Exit codes: 0 success, 1 an item failed (each one is named), 2 usage or configuration error."})
public final class WarmupCommand implements Callable<Integer> {

    @Option(names = "--plan", paramLabel = "FILE",
            description = "YAML plan of Intel platforms (tee, fmspc, ca) and AMD chips (product, chipId, "
                    + "reportedTcb) whose collateral to fetch from PCS and KDS now "
                    + "(see collateral-cache/warmup-plan.example.yaml)")
    Path plan;

    @Option(names = "--export", paramLabel = "DIR",
            description = "write an offline bundle of the items this run fetched or imported; "
                    + "alone, of every item the cache holds")
    Path exportDir;

    @Option(names = "--import", paramLabel = "DIR",
            description = "verify every item of an offline bundle and load it into the cache")
    Path importDir;

    @Mixin
    ConfigOption config = new ConfigOption();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        GatewayConfig settings = ConfigLoader.fromSystem().load(config.file());
        DcapVerifier checker = new DcapVerifier(Gateway.trustedIntelRoot(settings), CryptoProviders.install());
        WarmupPlan items;
        try {
            items = plan == null ? new WarmupPlan(settings.collateral().intelPcsUpdate(), List.of(), List.of())
                    : WarmupPlan.read(plan, settings.collateral().intelPcsUpdate());
        } catch (WarmupPlan.InvalidPlanException e) {
            err.println("warmup: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        Optional<String> unusable = unusable(settings);
        if (unusable.isPresent()) {
            err.println("warmup: " + unusable.get());
            return ExitCodes.USAGE;
        }
        Vertx vertx = Vertx.vertx();
        try {
            MemoryCollateral store = new MemoryCollateral();
            SimpleMeterRegistry metrics = new SimpleMeterRegistry();
            IntelCollateralTier tier = IntelCollateralTier.configured(vertx, settings, store, checker,
                    Clock.systemUTC(), metrics);
            AmdCollateralTier amd = AmdCollateralTier.configured(vertx, settings, store, Clock.systemUTC(), metrics);
            return run(new WarmupJob(tier, amd, WarmupProgress.to(out, System.console() != null)), items, settings,
                    out, err);
        } catch (IOException | CompletionException e) {
            err.println("warmup: " + WarmupJob.reason(e instanceof CompletionException ? e.getCause() : e));
            return ExitCodes.FAILED;
        } finally {
            WarmupJob.await(vertx.close());
        }
    }

    private int run(WarmupJob job, WarmupPlan items, GatewayConfig settings, PrintWriter out, PrintWriter err)
            throws IOException {
        if (importDir != null) {
            job.importBundle(importDir);
        }
        if (!items.items().isEmpty() || !items.amdItems().isEmpty()) {
            job.fetch(items.items(), items.amdItems());
        }
        if (exportDir != null) {
            if (plan == null && importDir == null) {
                job.loadCache(new CollateralDirectory(settings.collateral().dir()));
            }
            out.println("exported " + job.export(exportDir) + " items to " + exportDir);
        }
        Map<String, String> failed = job.failed();
        if (failed.isEmpty()) {
            return ExitCodes.OK;
        }
        err.println("warmup: " + failed.size() + (failed.size() == 1 ? " item" : " items") + " failed: "
                + String.join(", ", failed.keySet()));
        return ExitCodes.FAILED;
    }

    /** Why this command line cannot run with these settings, in one line; empty when it can. */
    private Optional<String> unusable(GatewayConfig settings) {
        if (plan == null && importDir == null && exportDir == null) {
            return Optional.of("nothing to do: give --plan FILE, --import DIR or --export DIR");
        }
        if (plan != null && settings.collateral().mode() == CollateralMode.OFFLINE) {
            return Optional.of("--plan fetches from Intel PCS and AMD KDS, but " + Setting.COLLATERAL_MODE.label()
                    + " is offline; carry the collateral over with --export on a connected machine and --import here");
        }
        if (importDir != null) {
            try {
                CollateralDirectory bundle = new CollateralDirectory(importDir);
                if (bundle.keys().isEmpty() && bundle.amdKeys().isEmpty()) {
                    return Optional.of("--import " + importDir + ": no collateral items there (<id>.body and "
                            + "<id>.meta.json under intel/ or amd/)");
                }
            } catch (IOException e) {
                return Optional.of("--import " + importDir + ": cannot read it: " + e.getMessage());
            }
        }
        return Optional.empty();
    }
}
