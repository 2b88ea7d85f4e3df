package org.attestation.gateway.collateral;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** Concurrent loads of one id share the first one's result: one upstream request per item, however many ask. */
final class SingleFlight<T> {

    private final Map<String, Future<T>> inFlight = new ConcurrentHashMap<>();
    private final Runnable onJoin;

    /** {@code onJoin} runs each time a caller joins a load already running (a metric). */
    SingleFlight(Runnable onJoin) {
        this.onJoin = onJoin;
    }

    Future<T> run(String id, Supplier<Future<T>> load) {
        Future<T> running = inFlight.get(id);
        if (running != null) {
            onJoin.run();
            return running;
        }
        Promise<T> promise = Promise.promise();
        Future<T> raced = inFlight.putIfAbsent(id, promise.future());
        if (raced != null) {
            onJoin.run();
            return raced;
        }
        Future<T> loaded;
        try {
            loaded = load.get();
        } catch (RuntimeException e) {
            loaded = Future.failedFuture(e);
        }
        loaded.onComplete(result -> {
            inFlight.remove(id, promise.future());
            promise.handle(result);
        });
        return promise.future();
    }
}
