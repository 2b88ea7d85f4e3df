package org.attestation.gateway.intake;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.attestation.gateway.bus.Addresses;
import org.attestation.gateway.bus.Bus;
import org.attestation.gateway.crypto.CryptoProviders;
import org.attestation.gateway.crypto.Pem;
import org.attestation.gateway.evidence.AttestationType;
import org.attestation.gateway.policy.DefaultPolicies;
import org.attestation.gateway.policy.InvalidPolicyJwsException;
import org.attestation.gateway.policy.ManagementJws;
import org.attestation.gateway.policy.PolicyParser;
import org.attestation.gateway.store.PolicySigner;
import org.attestation.gateway.store.Store;
import org.attestation.gateway.store.StoredPolicy;
import org.attestation.gateway.token.SignedToken;
import org.attestation.gateway.token.TokenRequest;

/**
 * MAA's policy and policy-management-certificate API (maa-api.md §1.4–1.5) for one tenant, under its trust
 * models ({@link TrustModels}): isolated (the JWS signed by one of the tenant's policy management
 * certificates, initially those of {@code GATEWAY_POLICY_SIGNERS}) and bearer (an administrator's token).
 * Answers are MAA tokens signed by the token service.
 */
final class PolicyRoutes {

    /** Management tokens live an hour, as MAA's. */
    static final Duration MANAGEMENT_TOKEN_LIFETIME = Duration.ofHours(1);
    private static final List<String> CERTIFICATE_CLAIMS =
            List.of("policyCertificate", "maa-policyCertificate", "x-ms-policyCertificate");

    private final Store store;
    private final TrustModels trust;
    private final EventBus eventBus;
    private final CryptoProviders providers;
    private final Duration timeout;
    private final Clock clock;

    PolicyRoutes(Store store, TrustModels trust, EventBus eventBus, CryptoProviders providers, Duration timeout,
            Clock clock) {
        this.store = store;
        this.trust = trust;
        this.eventBus = eventBus;
        this.providers = providers;
        this.timeout = timeout;
        this.clock = clock;
    }

    void mount(Router router, String prefix, Handler<RoutingContext> tenant, BodyHandler body) {
        router.get(prefix + "/policies/:type").handler(ApiVersions::require).handler(tenant).handler(this::get);
        router.put(prefix + "/policies/:type").handler(body).handler(ApiVersions::require).handler(tenant)
                .handler(this::set);
        router.post(prefix + "/policies/:type").handler(body).handler(ApiVersions::require).handler(tenant)
                .handler(this::reset);
        router.get(prefix + "/certificates").handler(ApiVersions::require).handler(tenant).handler(this::certificates);
        String regex = "^" + prefix.replace(":tenant", "(?<tenant>[^/]+)") + "/certificates:(?<operation>add|remove)$";
        router.routeWithRegex(HttpMethod.POST, regex).handler(body).handler(ApiVersions::require).handler(tenant)
                .handler(this::changeCertificate);
    }

    private void get(RoutingContext ctx) {
        String tenant = ctx.get("tenant");
        AttestationType type = type(ctx.pathParam("type"));
        store.policies().find(tenant, type).compose(stored -> {
            Map<String, Object> claims = new LinkedHashMap<>();
            // The JWS the policy came in; for the default policy, an unsecured JWS around its text
            stored.map(StoredPolicy::jws)
                    .or(() -> DefaultPolicies.of(type).map(policy -> unsecuredPolicyJws(policy.text())))
                    .ifPresent(jws -> claims.put("x-ms-policy", jws));
            return answer(ctx, tenant, claims);
        }).onFailure(ctx::fail);
    }

    private void set(RoutingContext ctx) {
        String tenant = ctx.get("tenant");
        AttestationType type = type(ctx.pathParam("type"));
        verified(ctx, jws -> new PolicyWrite(jws, policyText(jws)))
                .compose(write -> trust.authorize(ctx, tenant, write.jws().signer())
                        .compose(actor -> store.policies().put(new StoredPolicy(tenant, type, write.text(),
                                write.jws().compact(), write.jws().signer().map(ManagementJws::thumbprint), 0,
                                clock.instant()), actor))
                        .compose(stored -> answer(ctx, tenant, result("Updated", write.jws()))))
                .onFailure(ctx::fail);
    }

    /** A policy write: the JWS as received and the policy text it carries, which parses. */
    private record PolicyWrite(ManagementJws jws, String text) {
    }

    private static String policyText(ManagementJws jws) {
        JsonNode encoded = jws.payload().map(p -> p.get("AttestationPolicy"))
                .filter(JsonNode::isTextual)
                .orElseThrow(() -> new InvalidPolicyJwsException("the JWS payload has no AttestationPolicy"));
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(encoded.asText().replace('+', '-').replace('/', '_')),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidPolicyJwsException("AttestationPolicy is not base64url");
        }
        PolicyParser.parse(text);
        return text;
    }

    private void reset(RoutingContext ctx) {
        String path = ctx.pathParam("type");
        if (!path.endsWith(":reset")) {
            ctx.fail(405);
            return;
        }
        String tenant = ctx.get("tenant");
        AttestationType type = type(path.substring(0, path.length() - ":reset".length()));
        verified(ctx, jws -> {
            if (jws.payload().isPresent()) {
                throw new InvalidPolicyJwsException("a reset JWS has an empty payload");
            }
            return jws;
        }).compose(jws -> trust.authorize(ctx, tenant, jws.signer())
                        .compose(actor -> store.policies().remove(tenant, type, actor))
                        .compose(removed -> answer(ctx, tenant, result("Removed", jws))))
                .onFailure(ctx::fail);
    }

    private void certificates(RoutingContext ctx) {
        String tenant = ctx.get("tenant");
        store.policySigners().list(tenant).compose(signers -> {
            List<Map<String, Object>> keys = signers.stream()
                    .map(signer -> jwk(Pem.certificate(signer.certificateDer()))).toList();
            return answer(ctx, tenant, Map.of("x-ms-policy-certificates", Map.of("keys", keys)));
        }).onFailure(ctx::fail);
    }

    private void changeCertificate(RoutingContext ctx) {
        String tenant = ctx.get("tenant");
        boolean add = "add".equals(ctx.pathParam("operation"));
        verified(ctx, jws -> new CertificateChange(jws, certificateClaim(jws))).compose(change -> {
            X509Certificate certificate = change.certificate();
            String thumbprint = ManagementJws.thumbprint(certificate);
            return trust.authorize(ctx, tenant, change.jws().signer()).compose(actor -> add
                            ? store.policySigners().add(new PolicySigner(tenant, thumbprint, Pem.der(certificate),
                                    clock.instant()), actor)
                            : store.policySigners().list(tenant).compose(signers -> {
                                if (signers.size() == 1 && signers.get(0).thumbprint().equals(thumbprint)) {
                                    throw new ManagementWriteRefusedException(
                                            "the last policy management certificate of a tenant cannot be removed");
                                }
                                return store.policySigners().remove(tenant, thumbprint, actor);
                            }))
                    .compose(changed -> answer(ctx, tenant, Map.of("x-ms-certificate-thumbprint", thumbprint,
                            "x-ms-policycertificates-result", add ? "IsPresent" : "IsAbsent")));
        }).onFailure(ctx::fail);
    }

    /** A certificate add or remove: the JWS as received and the certificate its payload names. */
    private record CertificateChange(ManagementJws jws, X509Certificate certificate) {
    }

    /**
     * The body's JWS, parsed and its signature verified, then {@code check}ed, on a worker thread: a management
     * write, cold or carrying a large policy, never holds up the attestations that share this event loop.
     */
    private <T> Future<T> verified(RoutingContext ctx, Function<ManagementJws, T> check) {
        String body = ctx.body().asString();
        return ctx.vertx().executeBlocking(() -> check.apply(ManagementJws.parse(body, providers)), false);
    }

    private Future<Void> answer(RoutingContext ctx, String tenant, Map<String, Object> claims) {
        return Bus.request(eventBus, Addresses.TOKEN_SIGN,
                        new TokenRequest(tenant, claims, Optional.of(MANAGEMENT_TOKEN_LIFETIME),
                                TokenRequest.CertificateHeader.NONE, false), timeout,
                        SignedToken.class)
                .compose(token -> ctx.response().putHeader("Content-Type", IntakeVerticle.JSON_UTF8)
                        .end(IntakeVerticle.tokenBody(token)));
    }

    private static Map<String, Object> result(String result, ManagementJws jws) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("x-ms-policy-result", result);
        claims.put("x-ms-policy-token-hash", jws.tokenHash());
        jws.signer().ifPresent(signer -> claims.put("x-ms-policy-signer", jwk(signer)));
        return claims;
    }

    private static X509Certificate certificateClaim(ManagementJws jws) {
        JsonNode payload = jws.payload()
                .orElseThrow(() -> new InvalidPolicyJwsException("the JWS payload carries no certificate"));
        for (String name : CERTIFICATE_CLAIMS) {
            JsonNode x5c = payload.path(name).path("x5c");
            if (x5c.isArray() && !x5c.isEmpty()) {
                try {
                    return Pem.certificate(Base64.getDecoder().decode(x5c.get(0).asText()));
                } catch (IllegalArgumentException e) {
                    throw new InvalidPolicyJwsException(name + ".x5c[0] is not a base64 DER certificate");
                }
            }
        }
        throw new InvalidPolicyJwsException("the JWS payload has no policyCertificate with an x5c");
    }

    private static AttestationType type(String name) {
        return AttestationType.fromApiName(name).orElseThrow(() -> new UnknownAttestationTypeException(name));
    }

    /** A JWK of a certificate, as plain maps so that the token writer serialises it as JSON. */
    private static Map<String, Object> jwk(X509Certificate certificate) {
        return Map.of("kty", certificate.getPublicKey().getAlgorithm().equals("EC") ? "EC" : "RSA",
                "x5c", List.of(Base64.getEncoder().encodeToString(Pem.der(certificate))));
    }

    static String unsecuredPolicyJws(String text) {
        Base64.Encoder b64url = Base64.getUrlEncoder().withoutPadding();
        String payload = new JsonObject().put("AttestationPolicy", b64url.encodeToString(text.getBytes(StandardCharsets.UTF_8)))
                .encode();
        return b64url.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64url.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".";
    }
}
