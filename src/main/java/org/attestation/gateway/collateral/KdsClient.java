package org.attestation.gateway.collateral;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fetches AMD collateral from KDS ({@code GATEWAY_AMD_KDS_URL}) as AMD asks: KDS throttles repeat requests
 * of the same URL to about one per 10 seconds, so each URL is requested at most once per
 * {@link Settings#sameUrlInterval()}. A request for a URL within that interval shares the in-flight or the
 * last result (success or failure) instead of calling KDS again. A 200 body is checked
 * ({@link AmdCollateralItems#check}) before it is answered; a 404 is an answer ({@link CollateralMissingException})
 * remembered for {@link Settings#missingFor()}; a 429 is honoured: its {@code Retry-After} (seconds or an HTTP
 * date) leaves that URL alone until then, and the request fails as unavailable with that time. 5xx,
 * timeouts and connection errors fail as unavailable. Nothing is retried here: a retry within the interval
 * is what KDS throttles; the caller's next request, after the interval, is the retry.
 */
public final class KdsClient {

    private final WebClient client;
    private final URI base;
    private final Settings settings;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final Vertx vertx;
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();

    /**
     * @param requestTimeout  one request to KDS
     * @param sameUrlInterval at most one request per URL in this interval (AMD: 10 s)
     * @param missingFor      how long a 404 is remembered
     * @param retryAfterCap   the longest Retry-After honoured as such (a longer one is cut to this)
     */
    public record Settings(Duration requestTimeout, Duration sameUrlInterval, Duration missingFor,
            Duration retryAfterCap) {

        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofMinutes(1),
                    Duration.ofHours(1));
        }

        public Settings withSameUrlInterval(Duration interval) {
            return new Settings(requestTimeout, interval, missingFor, retryAfterCap);
        }
    }

    /** The result of the last request of one URL, and until when it stands in for a new request. */
    private static final class Slot {
        final Future<byte[]> result;
        volatile long reuseUntilMillis;

        Slot(Future<byte[]> result, long reuseUntilMillis) {
            this.result = result;
            this.reuseUntilMillis = reuseUntilMillis;
        }
    }

    public KdsClient(Vertx vertx, URI base, Settings settings, Clock clock, MeterRegistry metrics) {
        this.vertx = vertx;
        this.base = base;
        this.settings = settings;
        this.clock = clock;
        this.metrics = metrics;
        this.client = UpstreamClient.create(vertx, settings.requestTimeout());
    }

    /** The URL an item is fetched from. */
    public URI url(AmdCollateralKey key) {
        String root = base.toString();
        return URI.create((root.endsWith("/") ? root.substring(0, root.length() - 1) : root) + key.kdsPathAndQuery());
    }

    /** The checked body of an item, or its failure; shared with other requests of its URL in the interval. */
    public Future<byte[]> fetch(AmdCollateralKey key) {
        String url = url(key).toString();
        long now = clock.millis();
        Promise<byte[]> promise = Promise.promise();
        Slot mine = new Slot(promise.future(), now + settings.sameUrlInterval().toMillis());
        Slot slot = slots.compute(url, (u, last) -> last != null && now < last.reuseUntilMillis ? last : mine);
        if (slot != mine) {
            count("shared");
            return slot.result;
        }
        count("requested");
        request(key, url).onComplete(done -> {
            // Forgotten once it no longer stands in (a 404 or 429 extended that), so the map stays small
            vertx.setTimer(Math.max(1, mine.reuseUntilMillis - clock.millis()), t -> slots.remove(url, mine));
            promise.handle(done);
        });
        return mine.result;
    }

    private void count(String outcome) {
        Counter.builder("gateway_amd_collateral_kds_requests_total").tag("outcome", outcome).register(metrics)
                .increment();
    }

    private Future<byte[]> request(AmdCollateralKey key, String url) {
        Timer.Sample sample = Timer.start(metrics);
        return client.getAbs(url).timeout(settings.requestTimeout().toMillis()).send()
                .transform(done -> {
                    String status = done.succeeded() ? Integer.toString(done.result().statusCode()) : "error";
                    sample.stop(Timer.builder("gateway_amd_collateral_upstream").tag("item", key.kind().label())
                            .tag("status", status).register(metrics));
                    if (done.failed()) {
                        return Future.failedFuture(new CollateralUnavailableException("cannot reach AMD KDS for "
                                + key + ": " + done.cause().getMessage(), done.cause()));
                    }
                    return answer(key, url, done.result());
                });
    }

    private Future<byte[]> answer(AmdCollateralKey key, String url, HttpResponse<Buffer> response) {
        int code = response.statusCode();
        if (code == 200) {
            byte[] body = response.body() == null ? new byte[0] : response.body().getBytes();
            return vertx.executeBlocking(() -> {
                AmdCollateralItems.check(key, body, clock.instant());
                return body;
            }, false);
        }
        if (code == 404) {
            extend(url, settings.missingFor());
            return Future.failedFuture(new CollateralMissingException("AMD KDS has no " + key + " (404)"));
        }
        if (code == 429) {
            Duration wait = retryAfter(response.getHeader("Retry-After"));
            Instant retryAt = clock.instant().plus(wait);
            extend(url, wait);
            return Future.failedFuture(new CollateralUnavailableException("AMD KDS is throttling (429) " + key
                    + "; not asking again before " + retryAt, retryAt));
        }
        return Future.failedFuture(new CollateralUnavailableException("AMD KDS answered " + code + " for " + key));
    }

    /** Keeps the URL's last result standing in for new requests for {@code wait} from now, at least. */
    private void extend(String url, Duration wait) {
        Slot slot = slots.get(url);
        if (slot != null) {
            slot.reuseUntilMillis = Math.max(slot.reuseUntilMillis, clock.millis() + wait.toMillis());
        }
    }

    /** Retry-After in seconds or as an HTTP date; without one (or unreadable), the same-URL interval. */
    Duration retryAfter(String header) {
        Duration wait = settings.sameUrlInterval();
        if (header != null) {
            String value = header.strip();
            try {
                wait = Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
            } catch (NumberFormatException notSeconds) {
                try {
                    wait = Duration.between(clock.instant(),
                            ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                } catch (DateTimeParseException notADate) {
                    // the interval, as without the header
                }
            }
        }
        if (wait.isNegative()) {
            return Duration.ZERO;
        }
        return wait.compareTo(settings.retryAfterCap()) > 0 ? settings.retryAfterCap() : wait;
    }

    public void close() {
        client.close();
    }
}
