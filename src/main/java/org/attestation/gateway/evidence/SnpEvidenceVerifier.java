package org.attestation.gateway.evidence;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.attestation.gateway.bus.Addresses;
import org.attestation.gateway.bus.Bus;
import org.attestation.gateway.collateral.AmdCollateralKey;
import org.attestation.gateway.collateral.AmdVcekCollateral;
import org.attestation.gateway.evidence.snp.MaaSnpEvidence;
import org.attestation.gateway.evidence.snp.SigningKey;
import org.attestation.gateway.evidence.snp.SnpClaims;
import org.attestation.gateway.evidence.snp.SnpEndorsements;
import org.attestation.gateway.evidence.snp.SnpProduct;
import org.attestation.gateway.evidence.snp.SnpReport;
import org.attestation.gateway.evidence.snp.SnpStatus;
import org.attestation.gateway.evidence.snp.SnpVerification;
import org.attestation.gateway.evidence.snp.SnpVerificationException;
import org.attestation.gateway.evidence.snp.SnpVerifier;
import org.attestation.gateway.evidence.snp.VekCertificate;
import org.attestation.gateway.store.CollateralEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SEV-SNP evidence as MAA's {@code SevSnpVm} takes it: the report with its {@code VcekCertChain}, or a bare report
 * whose VCEK, ASK and ARK the AMD collateral tier supplies over the event bus (KDS, cached). The CRL of the chain
 * always comes from the tier; when it cannot be had, the report is verified without it and the token says so
 * ({@code sevsnp_crl_checked: false}), for the tenant's policy to decide. Runtime data binds to REPORT_DATA,
 * init-time data to HOST_DATA. Verification runs on this worker thread.
 */
public final class SnpEvidenceVerifier implements EvidenceVerifier {

    private static final Logger LOG = LoggerFactory.getLogger(SnpEvidenceVerifier.class);

    private final SnpVerifier verifier;
    private final EventBus eventBus;
    private final Duration collateralTimeout;
    private final Clock clock;
    private final Optional<Instant> verifyAt;
    /** CRLs the tier could not supply at the last attempt. */
    private final Set<String> withoutCrl = ConcurrentHashMap.newKeySet();

    public SnpEvidenceVerifier(SnpVerifier verifier, EventBus eventBus, Duration collateralTimeout, Clock clock,
            Optional<Instant> verifyAt) {
        this.verifier = verifier;
        this.eventBus = eventBus;
        this.collateralTimeout = collateralTimeout;
        this.clock = clock;
        this.verifyAt = verifyAt;
    }

    @Override
    public AttestationType type() {
        return AttestationType.SEV_SNP_VM;
    }

    @Override
    public Future<VerifiedEvidence> verify(AttestationRequest request) {
        MaaSnpEvidence evidence = MaaSnpEvidence.parse(request.evidence());
        SnpReport report = SnpReport.parse(evidence.report());
        SnpEndorsements given = evidence.vcekCertChain().map(SnpEndorsements::fromPemChain)
                .orElseGet(() -> new SnpEndorsements(Optional.empty(), List.of(), Optional.empty()));
        SnpProduct product = product(report, given);
        SigningKey endorser = report.signingKey();
        Future<SnpEndorsements> endorsements;
        if (given.vek().isEmpty()) {
            if (endorser == SigningKey.VLEK) {
                throw new SnpVerificationException(SnpStatus.SNP_VEK_MISSING,
                        "a VLEK-signed report must come with its VLEK in VcekCertChain: KDS does not serve VLEKs");
            }
            // The VCEK of this chip at REPORTED_TCB, with its product's ASK and ARK
            AmdCollateralKey key = AmdCollateralKey.vcek(product, report.unmaskedChipId(), report.reportedTcb());
            endorsements = Bus.request(eventBus, Addresses.COLLATERAL_AMD_VCEK, key, collateralTimeout,
                    AmdVcekCollateral.class).map(fetched -> SnpEndorsements.of(fetched.vcek(), fetched.chain()));
        } else {
            endorsements = given.chain().size() >= 2 ? Future.succeededFuture(given)
                    : item(AmdCollateralKey.certChain(product, endorser))
                            .map(entry -> given.withChain(SnpEndorsements.fromPemChain(
                                    new String(entry.body(), StandardCharsets.US_ASCII)).chain()));
        }
        // The CRL for both: when the tier cannot supply it, the report is verified without it and says so
        return endorsements.compose(complete -> crl(product, endorser).map(crl -> crl.map(complete::withCrl)
                .orElse(complete))).map(complete -> verified(request, report, complete));
    }

    private VerifiedEvidence verified(AttestationRequest request, SnpReport report, SnpEndorsements endorsements) {
        var verification = verifier.verify(report, endorsements, verifyAt.orElseGet(clock::instant));
        return new VerifiedEvidence(AttestationType.SEV_SNP_VM,
                claims(report, verification, request.runtimeData(), request.initTimeData()));
    }

    /**
     * The claims of a verified report with those of the request data bound to it: runtime data to REPORT_DATA,
     * init-time data to HOST_DATA. Also what {@code verify --type sevsnp} issues.
     */
    public static Map<String, Object> claims(SnpReport report, SnpVerification verification,
            Optional<BindingData> runtimeData, Optional<BindingData> initTimeData) {
        Map<String, Object> claims = SnpClaims.of(verification);
        runtimeData.ifPresent(data -> claims.putAll(DataBinding.runtime(data, report.reportData(), false)));
        initTimeData.ifPresent(data -> claims.putAll(DataBinding.initTime(data, report.hostData(), "HOST_DATA")));
        return claims;
    }

    /** The product from CPUID (v3+), else from the VEK that came with a v2 report. */
    private static SnpProduct product(SnpReport report, SnpEndorsements given) {
        return report.cpuidProduct()
                .or(() -> given.vek().map(VekCertificate::parse).flatMap(vek -> SnpProduct.fromProductName(vek.productName())))
                .orElseThrow(() -> new SnpVerificationException(SnpStatus.SNP_PRODUCT_UNKNOWN, report.hasCpuid()
                        ? "the report's CPUID family/model is not a product AMD KDS serves (Milan, Genoa, Turin)"
                        : "a version-2 report does not name its product; send its VCEK in VcekCertChain"));
    }

    private Future<CollateralEntry> item(AmdCollateralKey key) {
        return Bus.request(eventBus, Addresses.COLLATERAL_AMD, key, collateralTimeout, CollateralEntry.class);
    }

    /** The chain's CRL, or empty when the tier cannot supply it now (the verification then says it checked none). */
    private Future<Optional<byte[]>> crl(SnpProduct product, SigningKey endorser) {
        AmdCollateralKey key = AmdCollateralKey.crl(product, endorser);
        return item(key).map(entry -> {
            if (withoutCrl.remove(key.id())) {
                LOG.atInfo().addKeyValue("item", key.id()).log("SEV-SNP reports are verified with their CRL again");
            }
            return Optional.of(entry.body());
        }).recover(e -> {
            // Once per outage, not once per report: every token says sevsnp_crl_checked meanwhile
            if (withoutCrl.add(key.id())) {
                LOG.atWarn().addKeyValue("item", key.id()).log("SEV-SNP reports are verified without their CRL: {}",
                        e.getMessage());
            }
            return Future.succeededFuture(Optional.empty());
        });
    }
}
