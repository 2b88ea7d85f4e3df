package org.attestation.gateway.intake;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.attestation.gateway.config.GatewayConfig;

/**
 * The bearer trust model: an administrator's {@code Authorization: Bearer} JWT, checked with vertx-auth-jwt
 * (signature by a key of the configured JWKS, issuer, audience, expiry). Absent when not configured.
 */
final class AdminBearer {

    private final Optional<JWTAuth> auth;

    AdminBearer(Vertx vertx, Optional<GatewayConfig.Bearer> settings) {
        this.auth = settings.map(bearer -> JWTAuth.create(vertx, new JWTAuthOptions()
                .setJwks(keys(bearer))
                .setJWTOptions(new JWTOptions().setIssuer(bearer.issuer()).setAudience(List.of(bearer.audience())))));
    }

    boolean configured() {
        return auth.isPresent();
    }

    /** The administrator (as {@code bearer:<sub>}) when the model applies; fails with a 401 when the token is bad. */
    Future<Optional<String>> authenticate(RoutingContext ctx) {
        if (auth.isEmpty()) {
            return Future.succeededFuture(Optional.empty());
        }
        String header = ctx.request().getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Future.failedFuture(new AdminUnauthorizedException("management writes need an administrator's "
                    + "Authorization: Bearer token"));
        }
        return auth.get().authenticate(new TokenCredentials(header.substring(7).strip()))
                .map(user -> Optional.of("bearer:" + user.principal().getString("sub", "(no subject)")))
                .recover(e -> Future.failedFuture(new AdminUnauthorizedException(
                        "the bearer token is not valid for this gateway: " + e.getMessage())));
    }

    private static List<JsonObject> keys(GatewayConfig.Bearer bearer) {
        try {
            JsonArray keys = new JsonObject(Files.readString(bearer.jwksFile())).getJsonArray("keys", new JsonArray());
            List<JsonObject> out = new ArrayList<>();
            keys.forEach(key -> out.add((JsonObject) key));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + bearer.jwksFile(), e);
        }
    }
}
