package org.attestation.gateway.intake;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.security.cert.X509Certificate;
import java.util.Optional;
import org.attestation.gateway.policy.ManagementJws;
import org.attestation.gateway.store.Store;

/**
 * The trust models every management write goes through (policies, certificates, tenants): with the bearer
 * model configured, a valid administrator token; for a tenant with policy management certificates (isolated
 * model), the JWS signed by one of them. A tenant under neither accepts no write.
 */
final class TrustModels {

    private final Store store;
    private final AdminBearer bearer;

    TrustModels(Store store, AdminBearer bearer) {
        this.store = store;
        this.bearer = bearer;
    }

    /** Authorizes a write to {@code tenant}; answers the actor for the audit log. */
    Future<String> authorize(RoutingContext ctx, String tenant, Optional<X509Certificate> signedBy) {
        return bearer.authenticate(ctx).compose(administrator -> store.policySigners().list(tenant).map(signers -> {
            if (signers.isEmpty()) {
                return administrator.orElseThrow(() -> new ManagementWriteRefusedException("tenant '" + tenant
                        + "' has no policy management certificates and no bearer trust model is configured, so it "
                        + "accepts no write; configure GATEWAY_POLICY_SIGNERS, or GATEWAY_ADMIN_JWKS_FILE with GATEWAY_ADMIN_JWT_ISSUER and "
                        + "GATEWAY_ADMIN_JWT_AUDIENCE"));
            }
            X509Certificate signer = signedBy.orElseThrow(() -> new ManagementWriteRefusedException(
                    "the body must be a JWS signed by a policy management certificate of tenant '" + tenant + "'"));
            String thumbprint = ManagementJws.thumbprint(signer);
            if (signers.stream().noneMatch(s -> s.thumbprint().equals(thumbprint))) {
                throw new UnauthorizedSignerException(thumbprint);
            }
            return administrator.map(a -> a + ",").orElse("") + "signer:" + thumbprint;
        }));
    }

    /** Authorizes a read restricted to administrators: open unless the bearer model is configured. */
    Future<Optional<String>> authorizeRead(RoutingContext ctx) {
        return bearer.authenticate(ctx);
    }
}
