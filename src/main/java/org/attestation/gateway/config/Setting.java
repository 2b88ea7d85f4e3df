package org.attestation.gateway.config;

/**
 * Every configuration setting: its path in {@code conf/gateway.yaml} and the environment variable
 * that overrides it. Defaults live only in {@code conf/gateway.yaml}.
 */
public enum Setting {
    HTTP_HOST("http.host", "GATEWAY_HTTP_HOST"),
    HTTP_PORT("http.port", "GATEWAY_HTTP_PORT"),
    PUBLIC_URL("http.publicUrl", "GATEWAY_PUBLIC_URL"),
    HTTP_INSTANCES("http.instances", "GATEWAY_HTTP_INSTANCES"),
    HTTP_MAX_BODY_SIZE("http.maxBodySize", "GATEWAY_HTTP_MAX_BODY_SIZE"),
    TLS_CERT("http.tlsCert", "GATEWAY_TLS_CERT"),
    TLS_KEY("http.tlsKey", "GATEWAY_TLS_KEY"),
    VERIFY_WORKERS("pipeline.verifyWorkers", "GATEWAY_VERIFY_WORKERS"),
    SIGN_WORKERS("pipeline.signWorkers", "GATEWAY_SIGN_WORKERS"),
    VERIFY_TIMEOUT("pipeline.verifyTimeout", "GATEWAY_VERIFY_TIMEOUT"),
    SIGN_TIMEOUT("pipeline.signTimeout", "GATEWAY_SIGN_TIMEOUT"),
    RETRY_AFTER("pipeline.retryAfter", "GATEWAY_RETRY_AFTER"),
    MAX_IN_FLIGHT("pipeline.maxInFlight", "GATEWAY_MAX_IN_FLIGHT"),
    STORE("store.kind", "GATEWAY_STORE"),
    PG_URL("store.pgUrl", "GATEWAY_PG_URL", true),
    KEY_ENCRYPTION_KEY("store.keyEncryptionKey", "GATEWAY_KEY_ENCRYPTION_KEY", true),
    DATA_DIR("dataDir", "GATEWAY_DATA_DIR"),
    COLLATERAL_DIR("collateral.dir", "GATEWAY_COLLATERAL_DIR"),
    COLLATERAL_MODE("collateral.mode", "GATEWAY_COLLATERAL_MODE"),
    INTEL_PCS_URL("collateral.intelPcsUrl", "GATEWAY_INTEL_PCS_URL"),
    INTEL_PCS_API_KEY("collateral.intelPcsApiKey", "GATEWAY_INTEL_PCS_API_KEY", true),
    AMD_KDS_URL("collateral.amdKdsUrl", "GATEWAY_AMD_KDS_URL"),
    INTEL_PCS_UPDATE("collateral.intelPcsUpdate", "GATEWAY_INTEL_PCS_UPDATE"),
    INTEL_PCS_TIMEOUT("collateral.intelPcsTimeout", "GATEWAY_INTEL_PCS_TIMEOUT"),
    COLLATERAL_REFRESH_AHEAD("collateral.refreshAhead", "GATEWAY_COLLATERAL_REFRESH_AHEAD"),
    COLLATERAL_EXPIRED("collateral.expired", "GATEWAY_COLLATERAL_EXPIRED"),
    VERIFY_AT("verification.verifyAt", "GATEWAY_VERIFY_AT"),
    TRUST_INTEL_ROOT("verification.trustIntelRoot", "GATEWAY_TRUST_INTEL_ROOT"),
    TRUST_AMD_ROOTS("verification.trustAmdRoots", "GATEWAY_TRUST_AMD_ROOTS"),
    TOKEN_ALG("token.alg", "GATEWAY_TOKEN_ALG"),
    TOKEN_LIFETIME("token.lifetime", "GATEWAY_TOKEN_LIFETIME"),
    POLICY_SIGNERS("policy.signers", "GATEWAY_POLICY_SIGNERS"),
    ADMIN_JWT_ISSUER("policy.adminJwtIssuer", "GATEWAY_ADMIN_JWT_ISSUER"),
    ADMIN_JWT_AUDIENCE("policy.adminJwtAudience", "GATEWAY_ADMIN_JWT_AUDIENCE"),
    ADMIN_JWKS_FILE("policy.adminJwksFile", "GATEWAY_ADMIN_JWKS_FILE"),
    LOG_LEVEL("log.level", "GATEWAY_LOG_LEVEL"),
    LOG_FORMAT("log.format", "GATEWAY_LOG_FORMAT");

    private final String path;
    private final String env;
    private final boolean secret;

    Setting(String path, String env) {
        this(path, env, false);
    }

    Setting(String path, String env, boolean secret) {
        this.path = path;
        this.env = env;
        this.secret = secret;
    }

    /** Dotted path in the YAML file. */
    public String path() {
        return path;
    }

    /** Environment variable that overrides the file. */
    public String env() {
        return env;
    }

    /** Secrets are never echoed, not even in an error message. */
    public boolean secret() {
        return secret;
    }

    /** How errors name the setting: both spellings a user may have used. */
    public String label() {
        return env + " (" + path + ")";
    }

    static Setting byPath(String path) {
        for (Setting s : values()) {
            if (s.path.equals(path)) {
                return s;
            }
        }
        return null;
    }
}
