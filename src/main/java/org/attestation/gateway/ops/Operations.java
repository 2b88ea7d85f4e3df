package org.attestation.gateway.ops;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What operators watch: liveness, readiness (the store answers and signing keys are loaded) and
 * Prometheus metrics (HTTP requests by route and status with latency histograms, event-bus reply
 * failures, JVM).
 */
public final class Operations {

    private final PrometheusMeterRegistry registry;
    private HealthChecks liveness;
    private HealthChecks readiness;

    public Operations() {
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Vert.x metrics options that feed {@link #registry()}. */
    public MicrometerMetricsOptions metricsOptions() {
        return new MicrometerMetricsOptions()
                .setEnabled(true)
                .setJvmMetricsEnabled(true)
                .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true).setPublishQuantiles(true))
                .addLabels(Label.HTTP_ROUTE, Label.HTTP_METHOD, Label.HTTP_CODE, Label.EB_ADDRESS, Label.EB_FAILURE);
    }

    /**
     * Registers the health procedures once Vert.x runs. Ready means every check passes: the store
     * answers and the default tenant's signing key is loaded.
     */
    public void registerHealth(Vertx vertx, Supplier<Future<Void>> storePing, BooleanSupplier signingKeysLoaded) {
        liveness = HealthChecks.create(vertx).register("event-loop", promise -> promise.complete(Status.OK()));
        readiness = HealthChecks.create(vertx)
                .register("store", promise -> storePing.get()
                        .onSuccess(v -> promise.complete(Status.OK()))
                        .onFailure(e -> promise.complete(Status.KO())))
                .register("signing-keys", promise -> promise.complete(
                        signingKeysLoaded.getAsBoolean() ? Status.OK() : Status.KO()));
    }

    public HealthChecks liveness() {
        return liveness;
    }

    public HealthChecks readiness() {
        return readiness;
    }
}
