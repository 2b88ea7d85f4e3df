package org.attestation.gateway.evidence;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.attestation.gateway.bus.Addresses;
import org.attestation.gateway.bus.Bus;
import org.attestation.gateway.collateral.DcapCollateralRequest;
import org.attestation.gateway.config.ExpiredCollateral;
import org.attestation.gateway.evidence.dcap.CollateralExpiredException;
import org.attestation.gateway.evidence.dcap.DcapClaims;
import org.attestation.gateway.evidence.dcap.DcapCollateral;
import org.attestation.gateway.evidence.dcap.DcapVerification;
import org.attestation.gateway.evidence.dcap.DcapVerifier;
import org.attestation.gateway.evidence.dcap.OpenEnclaveReport;
import org.attestation.gateway.evidence.dcap.Quote;
import org.attestation.gateway.evidence.dcap.QuoteBody;
import org.attestation.gateway.evidence.dcap.QuoteFormatException;
import org.attestation.gateway.evidence.dcap.SgxReportBody;
import org.attestation.gateway.evidence.dcap.TdReportBody;

/**
 * SGX, Open Enclave and TDX evidence: the quote selects its collateral (TEE, FMSPC, PCK CA), the collateral
 * tier supplies it (its current answer read directly, anything else over the event bus), and the quote is
 * verified on this worker thread against it. Runtime data must bind to the report data; expired collateral
 * fails or is flagged, as configured.
 */
public final class DcapEvidenceVerifier implements EvidenceVerifier {

    private final AttestationType type;
    private final DcapVerifier verifier;
    private final EventBus eventBus;
    private final Duration collateralTimeout;
    private final ExpiredCollateral expiredPolicy;
    private final Clock clock;
    private final Optional<Instant> verifyAt;
    private final Function<DcapCollateralRequest, Optional<DcapCollateral>> currentCollateral;

    /**
     * {@code currentCollateral} answers the collateral tier's current answer when it needs no work from the tier
     * (read without a round trip); otherwise the tier is asked over the event bus, which fetches and refreshes.
     */
    public DcapEvidenceVerifier(AttestationType type, DcapVerifier verifier, EventBus eventBus,
            Function<DcapCollateralRequest, Optional<DcapCollateral>> currentCollateral, Duration collateralTimeout,
            ExpiredCollateral expiredPolicy, Clock clock, Optional<Instant> verifyAt) {
        if (type != AttestationType.SGX_ENCLAVE && type != AttestationType.OPEN_ENCLAVE
                && type != AttestationType.TDX_VM) {
            throw new IllegalArgumentException(type.apiName() + " is not DCAP evidence");
        }
        this.type = type;
        this.verifier = verifier;
        this.eventBus = eventBus;
        this.collateralTimeout = collateralTimeout;
        this.expiredPolicy = expiredPolicy;
        this.clock = clock;
        this.verifyAt = verifyAt;
        this.currentCollateral = currentCollateral;
    }

    @Override
    public AttestationType type() {
        return type;
    }

    @Override
    public Future<VerifiedEvidence> verify(AttestationRequest request) {
        Quote quote = type == AttestationType.OPEN_ENCLAVE
                ? OpenEnclaveReport.quote(request.evidence())
                : Quote.parse(request.evidence());
        boolean tdx = type == AttestationType.TDX_VM;
        if (quote.isTdx() != tdx) {
            throw new QuoteFormatException("/attest/" + type.apiName() + " takes " + (tdx ? "a TDX" : "an SGX")
                    + " quote; this is " + (quote.isTdx() ? "a TDX" : "an SGX") + " quote");
        }
        DcapVerifier.PckOrigin origin = verifier.pckOrigin(quote);
        var needed = new DcapCollateralRequest(tdx ? "tdx" : "sgx", origin.fmspcHex(), origin.caType());
        Optional<DcapCollateral> current = currentCollateral.apply(needed);
        if (current.isPresent()) {
            return Future.succeededFuture(verified(request, quote, current.get()));
        }
        return Bus.request(eventBus, Addresses.COLLATERAL_DCAP, needed, collateralTimeout, DcapCollateral.class)
                .map(collateral -> verified(request, quote, collateral));
    }

    private VerifiedEvidence verified(AttestationRequest request, Quote quote, DcapCollateral collateral) {
        DcapVerification verification = verifier.verify(quote, collateral, verifyAt.orElseGet(clock::instant));
        if (verification.collateralExpired() && expiredPolicy == ExpiredCollateral.FAIL) {
            throw new CollateralExpiredException("collateral for FMSPC "
                    + HexFormat.of().withUpperCase().formatHex(verification.pck().fmspc())
                    + " is past its nextUpdate or notAfter at " + verification.verifiedAt()
                    + " and GATEWAY_COLLATERAL_EXPIRED is fail");
        }
        return new VerifiedEvidence(type, claims(quote, verification, request.runtimeData(), request.initTimeData()));
    }

    /**
     * The claims of a verified quote with those of the request data bound to it: runtime data to the report
     * data; init-time data to the SGX CONFIGID or the TDX MRCONFIGID.
     */
    public static Map<String, Object> claims(Quote quote, DcapVerification verification,
            Optional<BindingData> runtimeData, Optional<BindingData> initTimeData) {
        Map<String, Object> claims = DcapClaims.of(verification);
        QuoteBody body = quote.body();
        runtimeData.ifPresent(data -> claims.putAll(DataBinding.runtime(data, body.reportData(), !quote.isTdx())));
        initTimeData.ifPresent(data -> claims.putAll(body instanceof SgxReportBody sgx
                ? DataBinding.initTime(data, sgx.configId(), "CONFIGID")
                : DataBinding.initTime(data, ((TdReportBody) body).mrConfigId(), "MRCONFIGID")));
        return claims;
    }
}
