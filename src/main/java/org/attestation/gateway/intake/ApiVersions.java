package org.attestation.gateway.intake;

import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** The MAA {@code api-version} values the gateway accepts (INTERFACE.md). */
final class ApiVersions {

    static final List<String> SUPPORTED =
            List.of("2020-10-01", "2022-08-01", "2022-09-01-preview", "2023-04-01-preview", "2025-06-01");
    static final String PARAMETER = "api-version";

    private ApiVersions() {
    }

    /** Route handler: every data-plane operation except discovery requires a known api-version. */
    static void require(RoutingContext ctx) {
        List<String> values = ctx.queryParam(PARAMETER);
        if (values.isEmpty() || values.get(0).isBlank()) {
            throw new ApiVersionException("the api-version query parameter is required; supported: "
                    + String.join(", ", SUPPORTED));
        }
        String version = values.get(0);
        if (!SUPPORTED.contains(version)) {
            throw new ApiVersionException("api-version '" + RequestException.shorten(version) + "' is not supported; supported: "
                    + String.join(", ", SUPPORTED));
        }
        ctx.next();
    }
}
