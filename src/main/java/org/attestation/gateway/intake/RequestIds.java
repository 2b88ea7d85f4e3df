package org.attestation.gateway.intake;

import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every request an id and logs it when the response ends. As MAA does, the id is the W3C
 * {@code traceparent} the client sent, echoed in {@code x-ms-request-id}; without one, a random UUID.
 */
final class RequestIds {

    static final String HEADER = "x-ms-request-id";
    private static final String KEY = "requestId";
    private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
    private static final Logger LOG = LoggerFactory.getLogger("org.attestation.gateway.access");

    private RequestIds() {
    }

    static void handle(RoutingContext ctx) {
        String traceparent = ctx.request().getHeader("traceparent");
        String id = traceparent != null && TRACEPARENT.matcher(traceparent).matches()
                ? traceparent
                : UUID.randomUUID().toString();
        ctx.put(KEY, id);
        ctx.response().putHeader(HEADER, id);
        long started = System.nanoTime();
        ctx.addEndHandler(done -> log(ctx, id, started));
        ctx.next();
    }

    static String of(RoutingContext ctx) {
        String id = ctx.get(KEY);
        return id == null ? "-" : id;
    }

    private static void log(RoutingContext ctx, String id, long started) {
        int status = ctx.response().getStatusCode();
        var event = status >= 500 ? LOG.atWarn() : status >= 400 ? LOG.atInfo() : LOG.atDebug();
        event.addKeyValue("requestId", id)
                .addKeyValue("method", ctx.request().method().name())
                .addKeyValue("path", ctx.request().path())
                .addKeyValue("status", status)
                .addKeyValue("ms", (System.nanoTime() - started) / 1_000_000)
                .log("request");
    }
}
