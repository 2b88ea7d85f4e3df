package org.attestation.gateway.bus;

import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Duration;
import java.util.function.Function;

/**
 * Request and reply over the event bus with typed Java objects. A responder's failure travels back as
 * the exception object itself, so the HTTP edge maps the real failure type, not a flattened string.
 * A responder that does not answer in time fails the request with a {@code ReplyException} of type
 * {@code TIMEOUT}.
 */
public final class Bus {

    private static final String OWN_PACKAGE = "org.attestation.gateway.";

    private Bus() {
    }

    /** Registers the local codec for the gateway's message types and for exceptions sent as replies. */
    public static void registerCodecs(EventBus eventBus) {
        eventBus.registerCodec(new LocalCodec());
        eventBus.codecSelector(body -> body instanceof Throwable || body.getClass().getName().startsWith(OWN_PACKAGE)
                ? LocalCodec.NAME
                : null);
    }

    /** Sends {@code body} and answers the reply, or the responder's exception, or a timeout. */
    public static <T> Future<T> request(EventBus eventBus, String address, Object body, Duration timeout,
            Class<T> replyType) {
        DeliveryOptions options = new DeliveryOptions().setSendTimeout(timeout.toMillis());
        return eventBus.<Object>request(address, body, options).compose(reply -> {
            Object answer = reply.body();
            if (answer instanceof Throwable failure) {
                return Future.failedFuture(failure);
            }
            return Future.succeededFuture(replyType.cast(answer));
        });
    }

    /** Serves {@code address}: each message is answered with the handler's result or its failure. */
    public static <I, O> MessageConsumer<I> serve(EventBus eventBus, String address, Function<I, Future<O>> handler) {
        return eventBus.consumer(address, (Message<I> message) -> {
            Future<O> result;
            try {
                result = handler.apply(message.body());
            } catch (RuntimeException e) {
                result = Future.failedFuture(e);
            }
            result.onComplete(done -> message.reply(done.succeeded() ? done.result() : done.cause()));
        });
    }
}
