package org.attestation.gateway.collateral;

import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP client of the vendor services (Intel PCS, AMD KDS): keep-alive, one connect timeout, quiet resets. */
final class UpstreamClient {

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamClient.class);

    private UpstreamClient() {
    }

    static WebClient create(Vertx vertx, Duration connectTimeout) {
        WebClientOptions options = new WebClientOptions()
                .setConnectTimeout((int) connectTimeout.toMillis())
                .setKeepAlive(true)
                .setUserAgent("attestation-gateway");
        // A connection the upstream resets fails its request, which is retried or reported: no ERROR line of its own
        return WebClient.wrap(vertx.httpClientBuilder().with(options)
                .withConnectHandler(connection -> connection.exceptionHandler(e -> LOG.atDebug()
                        .addKeyValue("remote", connection.remoteAddress())
                        .log("upstream connection failed: {}", e.getMessage())))
                .build(), options);
    }
}
