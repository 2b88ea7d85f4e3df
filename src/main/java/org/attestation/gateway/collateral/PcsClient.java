package org.attestation.gateway.collateral;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Fetches Intel collateral from PCS (or any PCCS) politely: a timeout per request; 429 honoured by waiting
 * {@code Retry-After} (and not calling that host again before then); exponential backoff with full jitter
 * on 5xx and connection errors; a bounded number of attempts; and a per-host circuit breaker that stops
 * calling a host that keeps failing. 404 is an answer, not a failure: the item does not exist.
 */
public final class PcsClient {

    /** Response headers kept with the body (the issuer chains, and what PCCS clients read). */
    static final List<String> KEPT_HEADERS = List.of("TCB-Info-Issuer-Chain", "SGX-TCB-Info-Issuer-Chain",
            "SGX-Enclave-Identity-Issuer-Chain", "SGX-PCK-CRL-Issuer-Chain", "Content-Type", "Request-ID");

    /** The default PCS host, whose root CA CRL is served from Intel's certificate host, not from PCS. */
    static final String INTEL_PCS_HOST = "api.trustedservices.intel.com";
    static final String INTEL_ROOT_CA_CRL = "https://certificates.trustedservices.intel.com/IntelSGXRootCA.der";

    private final Vertx vertx;
    private final WebClient client;
    private final URI base;
    private final String apiKey;
    private final Settings settings;
    private final MeterRegistry metrics;
    private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
    private final Map<String, Long> notBeforeMillis = new ConcurrentHashMap<>();

    /** Timeouts and retry budget. */
    public record Settings(Duration requestTimeout, int maxAttempts, Duration backoffBase, Duration maxRetryAfter,
            int breakerThreshold, Duration breakerCooldown) {

        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(10), 3, Duration.ofMillis(200), Duration.ofSeconds(10), 5,
                    Duration.ofSeconds(30));
        }

        public Settings withRequestTimeout(Duration timeout) {
            return new Settings(timeout, maxAttempts, backoffBase, maxRetryAfter, breakerThreshold, breakerCooldown);
        }
    }

    public PcsClient(Vertx vertx, URI base, String apiKey, Settings settings, MeterRegistry metrics) {
        this.vertx = vertx;
        this.base = base;
        this.apiKey = apiKey;
        this.settings = settings;
        this.metrics = metrics;
        this.client = UpstreamClient.create(vertx, settings.requestTimeout());
    }

    /** The URL an item is fetched from. */
    URI url(IntelCollateralKey key) {
        if (key.kind() == IntelCollateralKey.Kind.ROOT_CA_CRL && INTEL_PCS_HOST.equals(base.getHost())) {
            return URI.create(INTEL_ROOT_CA_CRL);
        }
        return URI.create(base + key.pcsPathAndQuery());
    }

    public Future<PcsResponse> fetch(IntelCollateralKey key) {
        URI url = url(key);
        Promise<PcsResponse> result = Promise.promise();
        attempt(key, url, 1, result);
        return result.future();
    }

    private void attempt(IntelCollateralKey key, URI url, int attempt, Promise<PcsResponse> result) {
        String host = url.getHost() + ":" + url.getPort();
        CircuitBreaker breaker = breakers.computeIfAbsent(host, h -> new CircuitBreaker(settings));
        long now = System.currentTimeMillis();
        Long notBefore = notBeforeMillis.get(host);
        if (notBefore != null && notBefore > now) {
            result.fail(new CollateralUnavailableException(host + " asked not to be called before "
                    + Instant.ofEpochMilli(notBefore) + " (429 Retry-After)"));
            return;
        }
        if (!breaker.allows(now)) {
            result.fail(new CollateralUnavailableException("the circuit to " + host + " is open after repeated "
                    + "failures; not calling it until " + Instant.ofEpochMilli(breaker.openUntil())));
            return;
        }
        var request = client.getAbs(url.toString()).timeout(settings.requestTimeout().toMillis());
        if (apiKey != null) {
            request.putHeader("Ocp-Apim-Subscription-Key", apiKey);
        }
        Timer.Sample sample = Timer.start(metrics);
        request.send().onComplete(done -> {
            String status = done.succeeded() ? Integer.toString(done.result().statusCode()) : "error";
            sample.stop(Timer.builder("gateway_collateral_upstream").tag("endpoint", key.kind().path())
                    .tag("status", status).register(metrics));
            if (done.failed()) {
                breaker.failed(System.currentTimeMillis());
                retryOrFail(key, url, attempt, result, 0, "cannot reach " + host + ": " + done.cause().getMessage());
                return;
            }
            HttpResponse<Buffer> response = done.result();
            int code = response.statusCode();
            if (code == 200) {
                breaker.succeeded();
                result.complete(new PcsResponse(response.body() == null ? new byte[0] : response.body().getBytes(),
                        kept(response)));
            } else if (code == 404) {
                breaker.succeeded();
                result.fail(new CollateralMissingException(url.getHost() + " has no " + key + " (404)"));
            } else if (code == 429) {
                long retryAfter = retryAfterMillis(response.getHeader("Retry-After"));
                notBeforeMillis.put(host, System.currentTimeMillis() + retryAfter);
                if (retryAfter > settings.maxRetryAfter().toMillis()) {
                    result.fail(new CollateralUnavailableException(host + " is throttling (429); it asks to retry in "
                            + retryAfter / 1000 + " s"));
                } else {
                    retryOrFail(key, url, attempt, result, retryAfter, host + " is throttling (429)");
                }
            } else if (code >= 500) {
                breaker.failed(System.currentTimeMillis());
                retryOrFail(key, url, attempt, result, 0, host + " answered " + code + " for " + key);
            } else {
                breaker.succeeded();
                result.fail(new CollateralUnavailableException(host + " refused the request for " + key + " ("
                        + code + ")"));
            }
        });
    }

    private void retryOrFail(IntelCollateralKey key, URI url, int attempt, Promise<PcsResponse> result,
            long waitMillis, String reason) {
        if (attempt >= settings.maxAttempts()) {
            result.fail(new CollateralUnavailableException(reason + " (after " + attempt + " attempts)"));
            return;
        }
        // Exponential backoff with full jitter, unless the server said how long to wait
        long backoff = waitMillis > 0 ? waitMillis
                : ThreadLocalRandom.current().nextLong(1, settings.backoffBase().toMillis() * (1L << (attempt - 1)) + 1);
        vertx.setTimer(backoff, timer -> attempt(key, url, attempt + 1, result));
    }

    private static Map<String, String> kept(HttpResponse<Buffer> response) {
        Map<String, String> headers = new HashMap<>();
        for (String name : KEPT_HEADERS) {
            String value = response.getHeader(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        return headers;
    }

    /** Retry-After in seconds (PCS sends seconds); an HTTP date or garbage counts as one second. */
    private static long retryAfterMillis(String header) {
        if (header == null) {
            return TimeUnit.SECONDS.toMillis(1);
        }
        try {
            return TimeUnit.SECONDS.toMillis(Math.max(0, Long.parseLong(header.strip())));
        } catch (NumberFormatException e) {
            return TimeUnit.SECONDS.toMillis(1);
        }
    }

    public void close() {
        client.close();
    }

    /** Opens after {@code threshold} consecutive failures; lets one request through after the cooldown. */
    static final class CircuitBreaker {
        private final int threshold;
        private final long cooldownMillis;
        private int consecutiveFailures;
        private long openUntil;

        CircuitBreaker(Settings settings) {
            this.threshold = settings.breakerThreshold();
            this.cooldownMillis = settings.breakerCooldown().toMillis();
        }

        synchronized boolean allows(long now) {
            return consecutiveFailures < threshold || now >= openUntil;
        }

        synchronized void failed(long now) {
            consecutiveFailures++;
            if (consecutiveFailures >= threshold) {
                openUntil = now + cooldownMillis;
            }
        }

        synchronized void succeeded() {
            consecutiveFailures = 0;
        }

        synchronized long openUntil() {
            return openUntil;
        }
    }
}
