package org.attestation.gateway.evidence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.attestation.gateway.policy.Claim;
import org.attestation.gateway.policy.CompiledPolicy;
import org.attestation.gateway.policy.DefaultPolicies;
import org.attestation.gateway.policy.PolicyCache;
import org.attestation.gateway.policy.PolicyEvaluator;
import org.attestation.gateway.policy.PolicyResult;
import org.attestation.gateway.store.Store;
import org.attestation.gateway.store.StoreChange;
import org.attestation.gateway.store.StoredPolicy;
import org.attestation.gateway.token.TokenRequest;

/**
 * The policy step of attestation, run on the evidence worker after verification: the request's draft
 * policy, else the tenant's stored policy (kept in memory and reloaded when any replica changes it), else
 * the default; evaluated over the evidence claims; answered as the token to sign, with the issued claims,
 * {@code x-ms-policy-hash} and the token properties the policy set. A draft yields an unsecured token.
 */
public final class PolicyStage {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Store store;
    private final PolicyCache compiled;
    private final PolicyEvaluator evaluator;
    private final Map<String, Future<Optional<StoredPolicy>>> stored = new ConcurrentHashMap<>();

    public PolicyStage(Store store, PolicyCache compiled, PolicyEvaluator evaluator) {
        this.store = store;
        this.compiled = compiled;
        this.evaluator = evaluator;
        store.onChange(this::changed);
    }

    private void changed(StoreChange change) {
        stored.keySet().removeIf(key -> change.affects(StoreChange.Kind.POLICY, key.substring(0, key.indexOf('/'))));
    }

    public Future<TokenRequest> apply(AttestationRequest request, VerifiedEvidence evidence) {
        if (request.draftPolicy().isPresent()) {
            return Future.succeededFuture(token(request, evidence, compiled.compiled(request.draftPolicy().get()), true));
        }
        return policy(request.tenant(), request.type()).map(text -> text
                .map(t -> token(request, evidence, compiled.compiled(t), false))
                .orElseThrow(() -> new PolicyNotSetException(request.type())));
    }

    /** The text in force: the tenant's, else the default of the type; none for TPM until one is set. */
    private Future<Optional<String>> policy(String tenant, AttestationType type) {
        String key = tenant + "/" + type.apiName();
        Future<Optional<StoredPolicy>> cached = stored.computeIfAbsent(key, k -> store.policies().find(tenant, type));
        return cached.recover(e -> {
            stored.remove(key, cached);
            return Future.failedFuture(e);
        }).map(found -> found.map(StoredPolicy::text).or(() -> DefaultPolicies.of(type).map(p -> p.text())));
    }

    private TokenRequest token(AttestationRequest request, VerifiedEvidence evidence, CompiledPolicy policy,
            boolean draft) {
        Judgement judged = judge(evidence, request.nonce(), policy, evaluator);
        PolicyResult result = judged.result();
        Map<String, Object> claims = judged.claims();
        TokenRequest.CertificateHeader header = request.type() != AttestationType.TPM ? TokenRequest.CertificateHeader.NONE
                : result.properties().omitX5c() ? TokenRequest.CertificateHeader.X5T : TokenRequest.CertificateHeader.X5C;
        return new TokenRequest(request.tenant(), claims, result.properties().tokenLifetime(), header, draft);
    }

    /** Evidence judged by a policy: the token claims (evidence, issued, {@code x-ms-policy-hash}) and the verdict. */
    public record Judgement(Map<String, Object> claims, PolicyResult result) {
    }

    /**
     * Evaluates {@code policy} over the evidence; a {@link org.attestation.gateway.policy.PolicyEvaluationException}
     * when it does not authorize. Also what {@code verify --policy} applies.
     */
    public static Judgement judge(VerifiedEvidence evidence, Optional<String> nonce, CompiledPolicy policy,
            PolicyEvaluator evaluator) {
        PolicyResult result = evaluator.evaluate(policy, incoming(evidence)).requireAuthorized();
        Map<String, Object> claims = new LinkedHashMap<>(evidence.tokenClaims(nonce));
        for (Claim issued : result.issued()) {
            claims.put(issued.type(), issued.value());
        }
        claims.put("x-ms-policy-hash", policy.hash());
        return new Judgement(claims, result);
    }

    /** The evidence claims as the policy sees them: issued by AttestationService; objects as JSON text. */
    static List<Claim> incoming(VerifiedEvidence evidence) {
        List<Claim> claims = new ArrayList<>();
        evidence.tokenClaims(Optional.empty()).forEach((type, value) -> {
            Object claimValue = value instanceof Integer i ? Long.valueOf(i)
                    : value instanceof String || value instanceof Long || value instanceof Boolean ? value
                    : json(value);
            claims.add(Claim.of(type, claimValue, Claim.Issuer.ATTESTATION_SERVICE));
        });
        return claims;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
