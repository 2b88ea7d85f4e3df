package org.attestation.gateway;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;
import org.attestation.gateway.bus.Bus;
import org.attestation.gateway.collateral.AmdCollateralTier;
import org.attestation.gateway.collateral.AmdCollateralVerticle;
import org.attestation.gateway.collateral.CollateralVerticle;
import org.attestation.gateway.collateral.IntelCollateralTier;
import org.attestation.gateway.config.ConfigException;
import org.attestation.gateway.config.GatewayConfig;
import org.attestation.gateway.config.Setting;
import org.attestation.gateway.config.StoreKind;
import org.attestation.gateway.crypto.CryptoProviders;
import org.attestation.gateway.crypto.Pem;
import org.attestation.gateway.evidence.AttestationType;
import org.attestation.gateway.evidence.DcapEvidenceVerifier;
import org.attestation.gateway.evidence.EvidenceVerifier;
import org.attestation.gateway.evidence.EvidenceVerifiers;
import org.attestation.gateway.evidence.SnpEvidenceVerifier;
import org.attestation.gateway.evidence.snp.AmdRoots;
import org.attestation.gateway.evidence.snp.SnpVerifier;
import org.attestation.gateway.evidence.dcap.DcapVerifier;
import org.attestation.gateway.evidence.dcap.TrustedRoot;
import org.attestation.gateway.evidence.EvidenceVerticle;
import org.attestation.gateway.evidence.PolicyStage;
import org.attestation.gateway.intake.Admission;
import org.attestation.gateway.intake.IntakeVerticle;
import org.attestation.gateway.ops.Operations;
import org.attestation.gateway.store.FileSigningKeys;
import org.attestation.gateway.store.MemoryStore;
import org.attestation.gateway.policy.ManagementJws;
import org.attestation.gateway.policy.PolicyCache;
import org.attestation.gateway.policy.PolicyEvaluator;
import org.attestation.gateway.store.PolicySigner;
import org.attestation.gateway.store.Store;
import org.attestation.gateway.store.Stores;
import org.attestation.gateway.store.Tenant;
import org.attestation.gateway.token.Issuers;
import org.attestation.gateway.token.KeyRing;
import org.attestation.gateway.token.SigningKeyFactory;
import org.attestation.gateway.token.TokenIssuer;
import org.attestation.gateway.token.TokenVerticle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running gateway: one Vert.x instance with the token verticles (workers), the evidence verticles
 * (workers) and the HTTP intake verticles (event loops), deployed in that order so that the HTTP port
 * opens only once everything behind it is up.
 */
public final class Gateway {

    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
    /** Distinct policy texts kept compiled: every tenant's policy of every type, with room for drafts. */
    private static final int COMPILED_POLICIES = 4096;

    private final Vertx vertx;
    private final Stores.Opened store;
    private final int port;
    private final URI publicUrl;

    private Gateway(Vertx vertx, Stores.Opened store, int port, URI publicUrl) {
        this.vertx = vertx;
        this.store = store;
        this.port = port;
        this.publicUrl = publicUrl;
    }

    /** Starts a gateway with the verifiers given; fails with {@link ConfigException} for unusable settings. */
    public static Future<Gateway> start(GatewayConfig config, EvidenceVerifiers verifiers) {
        return start(config, vertx -> verifiers);
    }

    /** Starts a gateway with every verifier this build has: SGX, Open Enclave and TDX. */
    public static Future<Gateway> start(GatewayConfig config) {
        return start(config, (Function<Vertx, EvidenceVerifiers>) null);
    }

    private static Future<Gateway> start(GatewayConfig config, Function<Vertx, EvidenceVerifiers> customVerifiers) {
        long started = System.nanoTime();
        CryptoProviders providers = CryptoProviders.install();
        providers.logSelection();
        warnAboutReplacedTrustAnchors(config);

        int port = config.http().port() == 0 ? freePort(config.http().host()) : config.http().port();
        URI publicUrl = config.publicUrl(port);
        GatewayConfig bound = config.withHttpPort(port);

        Operations operations = new Operations();
        Vertx vertx = Vertx.builder()
                .with(new VertxOptions().setMetricsOptions(operations.metricsOptions()).setPreferNativeTransport(true))
                .withMetrics(new MicrometerMetricsFactory(operations.registry()))
                .build();
        Bus.registerCodecs(vertx.eventBus());
        Clock clock = Clock.systemUTC();
        AtomicReference<Stores.Opened> opened = new AtomicReference<>();

        return Stores.open(vertx, config, clock).compose(store -> {
            opened.set(store);
            return deploy(vertx, bound, store.store(), providers, operations, clock, customVerifiers);
        }).map(v -> {
            LOG.atInfo().addKeyValue("url", publicUrl).addKeyValue("port", port)
                    .addKeyValue("store", config.store().kind().name().toLowerCase(Locale.ROOT))
                    .addKeyValue("transport", vertx.isNativeTransportEnabled() ? "epoll" : "nio")
                    .addKeyValue("ms", (System.nanoTime() - started) / 1_000_000)
                    .log("gateway ready");
            return new Gateway(vertx, opened.get(), port, publicUrl);
        }).recover(failure -> {
            // Not chained on close(): its completion runs on event loops that close() stops.
            Stores.Opened store = opened.get();
            Future<Void> closed = store == null ? Future.succeededFuture() : store.close();
            closed.onComplete(done -> vertx.close());
            return Future.failedFuture(failure);
        });
    }

    /** Builds the pipeline on {@code store} and deploys it: collateral, token, evidence, then intake. */
    private static Future<Void> deploy(Vertx vertx, GatewayConfig config, Store store, CryptoProviders providers,
            Operations operations, Clock clock, Function<Vertx, EvidenceVerifiers> customVerifiers) {
        Issuers issuers = new Issuers(config.publicUrl(config.http().port()));
        SigningKeyFactory signingKeys = new SigningKeyFactory(providers, clock);
        KeyRing keyRing = new KeyRing(store.signingKeys(), signingKeys, config.token().alg(), issuers, clock);
        store.onChange(keyRing::changed);
        TokenIssuer tokenIssuer = new TokenIssuer(providers, clock, config.token().lifetime());
        operations.registerHealth(vertx, store::ping, () -> keyRing.isLoaded(Tenant.DEFAULT));

        DcapVerifier dcap = new DcapVerifier(trustedIntelRoot(config), providers);
        IntelCollateralTier tier = IntelCollateralTier.configured(vertx, config, store.collateral(), dcap, clock,
                operations.registry());
        AmdCollateralTier amdTier = AmdCollateralTier.configured(vertx, config, store.collateral(), clock,
                operations.registry());
        EvidenceVerifiers verifiers = customVerifiers != null ? customVerifiers.apply(vertx)
                : new EvidenceVerifiers(Stream.concat(Stream.of(AttestationType.SGX_ENCLAVE,
                                        AttestationType.OPEN_ENCLAVE, AttestationType.TDX_VM)
                                .map(type -> (EvidenceVerifier) new DcapEvidenceVerifier(type, dcap, vertx.eventBus(),
                                        needed -> tier.current(needed.tee(), needed.fmspc(), needed.ca()),
                                        config.pipeline().verifyTimeout(), config.collateral().expired(), clock,
                                        config.verification().verifyAt())),
                        Stream.of(new SnpEvidenceVerifier(new SnpVerifier(trustedAmdRoots(config), providers),
                                vertx.eventBus(), config.pipeline().verifyTimeout(), clock,
                                config.verification().verifyAt())))
                        .toList());

        PolicyStage policyStage = new PolicyStage(store, new PolicyCache(COMPILED_POLICIES), new PolicyEvaluator());

        var pipeline = config.pipeline();
        Admission admission = new Admission(pipeline.maxInFlight());
        return initialPolicySigners(config, store, clock)
                .compose(v -> vertx.deployVerticle(() -> new CollateralVerticle(tier), new DeploymentOptions()))
                .compose(id -> vertx.deployVerticle(() -> new AmdCollateralVerticle(amdTier), new DeploymentOptions()))
                .compose(id -> vertx.deployVerticle(() -> new TokenVerticle(keyRing, tokenIssuer, issuers),
                        workers("token-signing", pipeline.signWorkers())))
                .compose(id -> vertx.deployVerticle(() -> new EvidenceVerticle(verifiers, policyStage),
                        workers("evidence-verification", pipeline.verifyWorkers())))
                .compose(id -> vertx.deployVerticle(() -> new IntakeVerticle(config, issuers, store, operations, admission),
                        new DeploymentOptions().setInstances(config.http().instances())))
                .mapEmpty();
    }

    /** The default tenant's policy management certificates of GATEWAY_POLICY_SIGNERS, added once. */
    private static Future<Void> initialPolicySigners(GatewayConfig config, Store store, Clock clock) {
        if (config.policy().signers().isEmpty()) {
            return Future.succeededFuture();
        }
        List<X509Certificate> certificates;
        try {
            certificates = Pem.readCertificates(config.policy().signers().get());
        } catch (IOException e) {
            return Future.failedFuture(new ConfigException(Setting.POLICY_SIGNERS.label() + ": " + e.getMessage(), e));
        }
        return Future.all(certificates.stream().map(certificate -> {
            try {
                return store.policySigners().add(new PolicySigner(Tenant.DEFAULT, ManagementJws.thumbprint(certificate),
                        certificate.getEncoded(), clock.instant()), "config:" + Setting.POLICY_SIGNERS.env());
            } catch (CertificateEncodingException e) {
                return Future.<Boolean>failedFuture(e);
            }
        }).toList()).mapEmpty();
    }

    /** The pinned Intel SGX Root CA, or the configured test root; {@link ConfigException} if it cannot be read. */
    public static TrustedRoot trustedIntelRoot(GatewayConfig config) {
        Optional<Path> file = config.verification().trustIntelRoot();
        if (file.isEmpty()) {
            return TrustedRoot.intel();
        }
        try {
            return TrustedRoot.fromPemFile(file.get());
        } catch (IOException e) {
            throw new ConfigException(Setting.TRUST_INTEL_ROOT.label() + ": " + e.getMessage(), e);
        }
    }

    /** The pinned AMD roots, or the configured test ARKs; {@link ConfigException} if they cannot be read. */
    public static AmdRoots trustedAmdRoots(GatewayConfig config) {
        Optional<Path> file = config.verification().trustAmdRoots();
        if (file.isEmpty()) {
            return AmdRoots.pinned();
        }
        try {
            return AmdRoots.fromPemFile(file.get());
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException(Setting.TRUST_AMD_ROOTS.label() + ": " + e.getMessage(), e);
        }
    }

    private static DeploymentOptions workers(String pool, int count) {
        return new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER).setInstances(count)
                .setWorkerPoolName(pool).setWorkerPoolSize(count);
    }

    private static void warnAboutReplacedTrustAnchors(GatewayConfig config) {
        config.verification().trustIntelRoot().ifPresent(file -> LOG.warn(
                "the pinned Intel SGX Root CA is replaced by {} ({}): for test PKIs only", file,
                Setting.TRUST_INTEL_ROOT.env()));
        config.verification().trustAmdRoots().ifPresent(file -> LOG.warn(
                "the pinned AMD roots are replaced by {} ({}): for test PKIs only", file,
                Setting.TRUST_AMD_ROOTS.env()));
    }

    /** Port 0 resolved up front, so that the issuer URL is known before the HTTP server binds. */
    private static int freePort(String host) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + host, e);
        }
    }

    public int port() {
        return port;
    }

    /** The default tenant's issuer URL. */
    public URI publicUrl() {
        return publicUrl;
    }

    /** The store this gateway runs on (administration and tests). */
    public Store store() {
        return store.store();
    }

    public Vertx vertx() {
        return vertx;
    }

    /** Stops serving, then closes the store and stops the embedded database, if any. */
    public Future<Void> stop() {
        Future<Void> undeployed = Future.join(vertx.deploymentIDs().stream().map(vertx::undeploy).toList()).mapEmpty();
        return undeployed.transform(v -> store.close()).eventually(vertx::close);
    }
}
