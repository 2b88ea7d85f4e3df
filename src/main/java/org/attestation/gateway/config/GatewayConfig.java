package org.attestation.gateway.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.attestation.gateway.token.TokenAlgorithm;

/** The validated configuration, read once at start by {@link ConfigLoader}. */
public record GatewayConfig(
        Http http,
        Pipeline pipeline,
        Store store,
        Path dataDir,
        Collateral collateral,
        Verification verification,
        Token token,
        Policy policy,
        Log log) {

    /** HTTP edge. {@code instances} is already resolved (never 0). */
    public record Http(String host, int port, Optional<URI> publicUrl, int instances, long maxBodySize,
            Optional<Tls> tls) {
    }

    /** HTTPS: the server's PEM certificate chain and its PEM private key. */
    public record Tls(Path certificate, Path privateKey) {
    }

    /**
     * Event-bus pipeline: worker counts are resolved (never 0).
     *
     * @param maxInFlight attestations admitted at once; more are answered 503 with Retry-After at once
     */
    public record Pipeline(int verifyWorkers, int signWorkers, Duration verifyTimeout, Duration signTimeout,
            Duration retryAfter, int maxInFlight) {

        /** Retry-After header value: whole seconds, at least one. */
        public long retryAfterSeconds() {
            return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        }
    }

    public record Store(StoreKind kind, Optional<URI> pgUrl, Optional<byte[]> keyEncryptionKey) {

        @Override
        public String toString() {
            // The URL may carry a password; the key-encryption key is a secret.
            return "Store[kind=" + kind + ", pgUrl=" + pgUrl.map(u -> "(set)").orElse("(none)")
                    + ", keyEncryptionKey=" + keyEncryptionKey.map(k -> "(set)").orElse("(none)") + "]";
        }
    }

    public record Collateral(Path dir, CollateralMode mode, URI intelPcsUrl, Optional<String> intelPcsApiKey,
            URI amdKdsUrl, String intelPcsUpdate, Duration intelPcsTimeout, Duration refreshAhead,
            ExpiredCollateral expired) {

        @Override
        public String toString() {
            // The API key is a secret: never part of a log line.
            return "Collateral[dir=" + dir + ", mode=" + mode + ", intelPcsUrl=" + intelPcsUrl
                    + ", intelPcsApiKey=" + intelPcsApiKey.map(k -> "(set)").orElse("(none)")
                    + ", amdKdsUrl=" + amdKdsUrl + ", intelPcsUpdate=" + intelPcsUpdate + ", expired=" + expired + "]";
        }
    }

    public record Verification(Optional<Instant> verifyAt, Optional<Path> trustIntelRoot,
            Optional<Path> trustAmdRoots) {
    }

    public record Token(TokenAlgorithm alg, Duration lifetime) {
    }

    /** Trust models of management writes: isolated (signers) and bearer (issuer, audience, JWKS). */
    public record Policy(Optional<Path> signers, Optional<Bearer> bearer) {
    }

    /** Administrators' bearer tokens: who issues them, for whom, and the keys that sign them. */
    public record Bearer(String issuer, String audience, Path jwksFile) {
    }

    public record Log(String level, LogFormat format) {
    }

    /** The issuer URL of the default tenant, once the HTTP port is known. */
    public URI publicUrl(int boundPort) {
        return http.publicUrl().orElseGet(() -> URI.create((http.tls().isPresent() ? "https://" : "http://")
                + hostForUrl(http.host()) + ":" + boundPort));
    }

    /** The same configuration listening on {@code port} (a resolved port 0). */
    public GatewayConfig withHttpPort(int port) {
        Http bound = new Http(http.host(), port, http.publicUrl(), http.instances(), http.maxBodySize(), http.tls());
        return new GatewayConfig(bound, pipeline, store, dataDir, collateral, verification, token, policy, log);
    }

    private static String hostForUrl(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
