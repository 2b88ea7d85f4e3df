package org.attestation.gateway.intake;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.time.Clock;
import org.attestation.gateway.bus.Addresses;
import org.attestation.gateway.bus.Bus;
import org.attestation.gateway.config.GatewayConfig;
import org.attestation.gateway.crypto.CryptoProviders;
import org.attestation.gateway.evidence.AttestationRequest;
import org.attestation.gateway.evidence.AttestationType;
import org.attestation.gateway.ops.Operations;
import org.attestation.gateway.store.Store;
import org.attestation.gateway.store.Tenant;
import org.attestation.gateway.token.Issuers;
import org.attestation.gateway.token.SignedToken;
import org.attestation.gateway.token.TenantKeys;
import org.attestation.gateway.token.TokenClaims;
import org.attestation.gateway.token.TokenRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP edge: MAA's data-plane API for the default tenant at {@code /} and for every tenant under
 * {@code /tenants/{tenant}}, the PCCS-compatible collateral API, plus health and metrics. It parses and
 * checks requests on the event loop, sends the CPU work (verification, signing) over the event bus to
 * worker verticles, and maps every failure to MAA's error shape. Deployed as several instances sharing one port.
 */
public final class IntakeVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(IntakeVerticle.class);
    static final String JSON_UTF8 = "application/json; charset=utf-8";
    private static final String TENANT_PREFIX = "/tenants/:tenant";

    private final GatewayConfig config;
    private final Issuers issuers;
    private final Store store;
    private final Operations operations;
    private final Admission admission;
    private int actualPort;

    public IntakeVerticle(GatewayConfig config, Issuers issuers, Store store, Operations operations,
            Admission admission) {
        this.config = config;
        this.issuers = issuers;
        this.store = store;
        this.operations = operations;
        this.admission = admission;
    }

    @Override
    public Future<?> start() {
        Router router = router();
        var options = new HttpServerOptions()
                .setHost(config.http().host())
                .setPort(config.http().port())
                .setIdleTimeout(120)
                .setDecompressionSupported(false);
        config.http().tls().ifPresent(tls -> options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
                .setCertPath(tls.certificate().toString()).setKeyPath(tls.privateKey().toString())));
        return vertx.createHttpServer(options).requestHandler(router)
                // A client that resets its connection is not a gateway error: no ERROR line for it
                .connectionHandler(connection -> connection.exceptionHandler(e -> LOG.atDebug()
                        .addKeyValue("remote", connection.remoteAddress()).log("connection failed: {}", e.getMessage())))
                .listen()
                .onSuccess(server -> actualPort = server.actualPort());
    }

    /** The port this instance listens on. */
    public int actualPort() {
        return actualPort;
    }

    Router router() {
        Router router = Router.router(vertx);
        ErrorResponses errors = new ErrorResponses(config.pipeline().retryAfterSeconds());
        for (int status : new int[] {400, 404, 405, 413, 415, 500, 501, 503}) {
            router.errorHandler(status, errors::handle);
        }
        router.route().handler(RequestIds::handle);
        BodyHandler body = BodyHandler.create(false).setBodyLimit(config.http().maxBodySize());
        // The hot path first: vertx-web tries routes in order, and every attestation would pass all the others
        for (String prefix : new String[] {"", TENANT_PREFIX}) {
            router.route(HttpMethod.POST, prefix + "/attest/:type")
                    .consumes("application/json")
                    .handler(body)
                    .handler(ApiVersions::require)
                    .handler(this::tenant)
                    .handler(this::attest);
        }

        router.get("/health/live").handler(HealthCheckHandler.createWithHealthChecks(operations.liveness()));
        router.get("/health/ready").handler(HealthCheckHandler.createWithHealthChecks(operations.readiness()));
        router.get("/metrics").handler(PrometheusScrapingHandler.create(operations.registry()));
        new PccsRoutes(vertx.eventBus(), config.pipeline().verifyTimeout(), config.collateral().intelPcsUpdate())
                .mount(router);

        TrustModels trust = new TrustModels(store, new AdminBearer(vertx, config.policy().bearer()));
        CryptoProviders providers = CryptoProviders.install();
        PolicyRoutes policies = new PolicyRoutes(store, trust, vertx.eventBus(), providers,
                config.pipeline().signTimeout(), Clock.systemUTC());
        new TenantRoutes(store, trust, issuers, providers, Clock.systemUTC()).mount(router, body);
        for (String prefix : new String[] {"", TENANT_PREFIX}) {
            policies.mount(router, prefix, this::tenant, body);
            router.get(prefix + "/certs").handler(this::tenant).handler(this::certs);
            router.get(prefix + "/.well-known/openid-configuration").handler(this::tenant).handler(this::openId);
        }
        return router;
    }

    /** Resolves the tenant of the path; the default tenant when the path has none. */
    private void tenant(RoutingContext ctx) {
        String name = ctx.pathParam("tenant");
        if (name == null) {
            ctx.put("tenant", Tenant.DEFAULT);
            ctx.next();
            return;
        }
        if (!Tenant.isValidName(name)) {
            ctx.fail(new TenantNotFoundException(name));
            return;
        }
        store.tenants().find(name).onSuccess(found -> {
            if (found.isEmpty()) {
                ctx.fail(new TenantNotFoundException(name));
            } else {
                ctx.put("tenant", name);
                ctx.next();
            }
        }).onFailure(ctx::fail);
    }

    private void certs(RoutingContext ctx) {
        String tenant = ctx.get("tenant");
        Bus.request(vertx.eventBus(), Addresses.TOKEN_KEYS, tenant, config.pipeline().signTimeout(), TenantKeys.class)
                .onSuccess(keys -> ctx.response().putHeader("Content-Type", JSON_UTF8).end(keys.jwksJson()))
                .onFailure(ctx::fail);
    }

    private void openId(RoutingContext ctx) {
        String issuer = issuers.of(ctx.get("tenant")).toString();
        JsonObject metadata = new JsonObject()
                .put("issuer", issuer)
                .put("jwks_uri", issuer + "/certs")
                .put("response_types_supported", new JsonArray().add("token").add("none"))
                .put("id_token_signing_alg_values_supported", new JsonArray().add(config.token().alg().name()))
                .put("claims_supported", new JsonArray(TokenClaims.SUPPORTED));
        ctx.response().putHeader("Content-Type", JSON_UTF8).end(metadata.encode());
    }

    private void attest(RoutingContext ctx) {
        String typeName = ctx.pathParam("type");
        AttestationType type = AttestationType.fromApiName(typeName)
                .orElseThrow(() -> new UnknownAttestationTypeException(typeName));
        // Admitted before the body is decoded: a request that will be shed costs no parsing
        admission.enter();
        AttestationRequest request;
        try {
            request = AttestationRequests.parse(ctx.get("tenant"), type, ctx.body().asString());
        } catch (RuntimeException e) {
            admission.leave();
            throw e;
        }
        var pipeline = config.pipeline();
        Bus.request(vertx.eventBus(), Addresses.EVIDENCE_VERIFY, request, pipeline.verifyTimeout(),
                        TokenRequest.class)
                .compose(token -> Bus.request(vertx.eventBus(), Addresses.TOKEN_SIGN, token, pipeline.signTimeout(),
                        SignedToken.class))
                .onComplete(done -> admission.leave())
                .onSuccess(token -> ctx.response().putHeader("Content-Type", JSON_UTF8).end(tokenBody(token)))
                .onFailure(ctx::fail);
    }

    /** {@code {"token": "<jwt>"}}: a compact JWS is base64url and dots, nothing to escape, so no JSON writer. */
    static String tokenBody(SignedToken token) {
        return "{\"token\":\"" + token.jwt() + "\"}";
    }
}
