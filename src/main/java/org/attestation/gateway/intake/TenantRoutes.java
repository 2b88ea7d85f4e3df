package org.attestation.gateway.intake;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.attestation.gateway.crypto.CryptoProviders;
import org.attestation.gateway.crypto.Pem;
import org.attestation.gateway.policy.InvalidPolicyJwsException;
import org.attestation.gateway.policy.ManagementJws;
import org.attestation.gateway.store.PolicySigner;
import org.attestation.gateway.store.Store;
import org.attestation.gateway.store.Tenant;
import org.attestation.gateway.token.Issuers;

/**
 * Tenant (attestation provider) management: create, list, read and delete, authorized by the default
 * tenant's trust models ({@link TrustModels}). In the isolated model the body is a JWS signed by a policy
 * management certificate of the default tenant whose payload names the operation and the tenant, so that a
 * signature for one tenant or operation is never accepted for another:
 * <pre>{"operation": "create", "tenant": "contoso", "policySigningCertificates": {"keys": [{"x5c": ["..."]}]}}</pre>
 * A new tenant's policy management certificates are those of {@code policySigningCertificates}, else the
 * certificate that signed the request; under the bearer model it may have none.
 */
final class TenantRoutes {

    private final Store store;
    private final TrustModels trust;
    private final Issuers issuers;
    private final CryptoProviders providers;
    private final Clock clock;

    TenantRoutes(Store store, TrustModels trust, Issuers issuers, CryptoProviders providers, Clock clock) {
        this.store = store;
        this.trust = trust;
        this.issuers = issuers;
        this.providers = providers;
        this.clock = clock;
    }

    void mount(Router router, BodyHandler body) {
        router.get("/tenants").handler(ApiVersions::require).handler(this::list);
        router.get("/tenants/:name").handler(ApiVersions::require).handler(this::read);
        router.put("/tenants/:name").handler(body).handler(ApiVersions::require).handler(this::create);
        router.delete("/tenants/:name").handler(body).handler(ApiVersions::require).handler(this::delete);
    }

    private void list(RoutingContext ctx) {
        trust.authorizeRead(ctx).compose(administrator -> store.tenants().list()).onSuccess(tenants -> {
            JsonArray value = new JsonArray();
            tenants.forEach(tenant -> value.add(json(tenant)));
            ctx.response().putHeader("Content-Type", IntakeVerticle.JSON_UTF8)
                    .end(new JsonObject().put("value", value).encode());
        }).onFailure(ctx::fail);
    }

    private void read(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        trust.authorizeRead(ctx).compose(administrator -> store.tenants().find(name)).onSuccess(found -> {
            Tenant tenant = found.orElseThrow(() -> new TenantNotFoundException(name));
            ctx.response().putHeader("Content-Type", IntakeVerticle.JSON_UTF8).end(json(tenant).encode());
        }).onFailure(ctx::fail);
    }

    private void create(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        if (!Tenant.isValidName(name)) {
            throw new MalformedRequestException("'" + RequestException.shorten(name)
                    + "' is not a tenant name: 1 to 63 lower-case letters, digits and dashes, starting with a letter or digit");
        }
        Tenant tenant = new Tenant(name, clock.instant());
        operation(ctx, "create", name).compose(jws -> {
            List<X509Certificate> certificates = jws.flatMap(ManagementJws::payload)
                    .map(TenantRoutes::policySigningCertificates).orElse(List.of());
            List<X509Certificate> signers = certificates.isEmpty()
                    ? jws.flatMap(ManagementJws::signer).stream().toList() : certificates;
            return trust.authorize(ctx, Tenant.DEFAULT, jws.flatMap(ManagementJws::signer))
                    .compose(actor -> store.tenants().create(tenant, actor).compose(created -> {
                        if (!created) {
                            throw new TenantExistsException(name);
                        }
                        Future<Boolean> added = Future.succeededFuture(true);
                        for (X509Certificate certificate : signers) {
                            added = added.compose(previous -> store.policySigners().add(new PolicySigner(name,
                                    ManagementJws.thumbprint(certificate), Pem.der(certificate), clock.instant()),
                                    actor));
                        }
                        return added;
                    }));
        }).onSuccess(done -> ctx.response().setStatusCode(201)
                        .putHeader("Content-Type", IntakeVerticle.JSON_UTF8)
                        .putHeader("Location", issuers.of(name).toString())
                        .end(json(tenant).encode()))
                .onFailure(ctx::fail);
    }

    private void delete(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        if (Tenant.DEFAULT.equals(name)) {
            throw new ManagementWriteRefusedException("the default tenant cannot be deleted");
        }
        operation(ctx, "delete", name)
                .compose(jws -> trust.authorize(ctx, Tenant.DEFAULT, jws.flatMap(ManagementJws::signer)))
                .compose(actor -> store.tenants().delete(name, actor))
                .onSuccess(deleted -> {
                    if (!deleted) {
                        ctx.fail(new TenantNotFoundException(name));
                    } else {
                        ctx.response().setStatusCode(204).end();
                    }
                })
                .onFailure(ctx::fail);
    }

    /**
     * The request's JWS, if it sent one, parsed and checked on a worker thread (never on the event loop). A
     * signed JWS must name this operation and tenant in its payload and, when it carries {@code nbf} or
     * {@code exp}, be valid now; an unsigned one (bearer model) may omit them.
     */
    private Future<Optional<ManagementJws>> operation(RoutingContext ctx, String operation, String tenant) {
        String body = ctx.body().asString();
        if (body == null || body.isBlank()) {
            return Future.succeededFuture(Optional.empty());
        }
        return ctx.vertx().executeBlocking(() -> Optional.of(checked(ManagementJws.parse(body, providers), operation,
                tenant)), false);
    }

    private ManagementJws checked(ManagementJws jws, String operation, String tenant) {
        Optional<JsonNode> payload = jws.payload();
        if (payload.isEmpty() && jws.signer().isPresent()) {
            throw new InvalidPolicyJwsException("a signed tenant " + operation + " names its operation and tenant "
                    + "in the JWS payload: {\"operation\": \"" + operation + "\", \"tenant\": \"" + tenant + "\"}");
        }
        payload.ifPresent(claims -> {
            if (!operation.equals(claims.path("operation").asText()) || !tenant.equals(claims.path("tenant").asText())) {
                throw new InvalidPolicyJwsException("the JWS payload must name operation '" + operation
                        + "' and tenant '" + tenant + "', as in the request");
            }
            long now = clock.instant().getEpochSecond();
            if (claims.has("nbf") && claims.get("nbf").asLong() > now
                    || claims.has("exp") && claims.get("exp").asLong() <= now) {
                throw new InvalidPolicyJwsException("the JWS is not valid now (nbf/exp)");
            }
        });
        return jws;
    }

    private static List<X509Certificate> policySigningCertificates(JsonNode payload) {
        JsonNode keys = payload.path("policySigningCertificates").path("keys");
        List<X509Certificate> certificates = new ArrayList<>();
        for (JsonNode key : keys) {
            JsonNode x5c = key.path("x5c");
            try {
                certificates.add(Pem.certificate(Base64.getDecoder().decode(x5c.path(0).asText())));
            } catch (RuntimeException e) {
                throw new InvalidPolicyJwsException("policySigningCertificates.keys[" + certificates.size()
                        + "].x5c[0] is not a base64 DER certificate");
            }
        }
        return certificates;
    }

    private JsonObject json(Tenant tenant) {
        return new JsonObject().put("name", tenant.name()).put("attestUri", issuers.of(tenant.name()).toString())
                .put("createdAt", tenant.createdAt().toString());
    }
}
