package org.attestation.gateway.token;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.attestation.gateway.bus.Addresses;
import org.attestation.gateway.bus.Bus;
import org.attestation.gateway.store.Tenant;

/**
 * Serves {@link Addresses#TOKEN_SIGN} and {@link Addresses#TOKEN_KEYS}. Deployed as worker verticles:
 * an RSA signature takes about a millisecond of CPU, far too long for an event loop.
 */
public final class TokenVerticle extends VerticleBase {

    private final KeyRing keyRing;
    private final TokenIssuer issuer;
    private final Issuers issuers;

    public TokenVerticle(KeyRing keyRing, TokenIssuer issuer, Issuers issuers) {
        this.keyRing = keyRing;
        this.issuer = issuer;
        this.issuers = issuers;
    }

    @Override
    public Future<?> start() {
        var eventBus = vertx.eventBus();
        var sign = Bus.<TokenRequest, SignedToken>serve(eventBus, Addresses.TOKEN_SIGN,
                request -> keyRing.keys(request.tenant())
                        .map(keys -> issuer.issue(request, keys.signing(), issuers.of(request.tenant()))));
        var jwks = Bus.<String, TenantKeys>serve(eventBus, Addresses.TOKEN_KEYS, keyRing::keys);
        // The default tenant's key must exist before the gateway reports ready.
        return Future.all(sign.completion(), jwks.completion()).compose(v -> keyRing.keys(Tenant.DEFAULT));
    }
}
