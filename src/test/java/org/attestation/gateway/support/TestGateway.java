package org.attestation.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.attestation.gateway.Gateway;
import org.attestation.gateway.config.ConfigLoader;
import org.attestation.gateway.config.GatewayConfig;
import org.attestation.gateway.evidence.EvidenceVerifiers;

/** A gateway started inside the test JVM on a free port, with its data in a temporary directory. */
public final class TestGateway implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Gateway gateway;

    public TestGateway(Gateway gateway) {
        this.gateway = gateway;
    }

    /** Test defaults (random port, data in {@code dataDir}, two workers) overridden by {@code env}. */
    public static GatewayConfig config(Path dataDir, Map<String, String> env) {
        Map<String, String> merged = new HashMap<>();
        merged.put("GATEWAY_HTTP_PORT", "0");
        merged.put("GATEWAY_DATA_DIR", dataDir.toString());
        merged.put("GATEWAY_COLLATERAL_DIR", dataDir.resolve("collateral").toString());
        merged.put("GATEWAY_HTTP_INSTANCES", "2");
        // Fast and isolated; tests of the durable stores ask for embedded or postgres explicitly
        merged.put("GATEWAY_STORE", "memory");
        merged.putAll(env);
        return new ConfigLoader(merged, 2).load(Optional.empty());
    }

    public static TestGateway start(Path dataDir, Map<String, String> env) {
        return start(config(dataDir, env), new EvidenceVerifiers(List.of()));
    }

    public static TestGateway start(GatewayConfig config, EvidenceVerifiers verifiers) {
        return started(Gateway.start(config, verifiers));
    }

    /** A gateway with the production verifiers, exactly as {@code serve} builds it. */
    public static TestGateway startVerifying(GatewayConfig config) {
        return started(Gateway.start(config));
    }

    private static TestGateway started(io.vertx.core.Future<Gateway> starting) {
        try {
            return new TestGateway(starting.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS));
        } catch (Exception e) {
            throw new IllegalStateException("the gateway did not start", e);
        }
    }

    public Gateway gateway() {
        return gateway;
    }

    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + gateway.port() + path);
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(url(path)).GET().build());
    }

    /** A GET whose body is kept as bytes, for binary answers. */
    public HttpResponse<byte[]> getBytes(String path) {
        return send(HttpRequest.newBuilder(url(path)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    public HttpResponse<String> post(String path, String contentType, String body) {
        return send(HttpRequest.newBuilder(url(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public static HttpResponse<String> send(HttpRequest request) {
        return send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return HTTP.send(request, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            gateway.stop().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the gateway did not stop", e);
        }
    }
}
