package org.attestation.gateway.collateral;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import org.attestation.gateway.bus.Addresses;
import org.attestation.gateway.bus.Bus;
import org.attestation.gateway.evidence.dcap.DcapCollateral;
import org.attestation.gateway.store.CollateralEntry;

/**
 * Serves {@link Addresses#COLLATERAL_DCAP} and {@link Addresses#COLLATERAL_ITEM} from the Intel collateral
 * tier. Its work is I/O (the signature checks of fetched items run on worker threads), so it runs on an
 * event loop.
 */
public final class CollateralVerticle extends VerticleBase {

    /** How often items are checked for a refresh ahead of their nextUpdate. */
    static final Duration REFRESH_CHECK = Duration.ofMinutes(1);

    private final IntelCollateralTier tier;

    public CollateralVerticle(IntelCollateralTier tier) {
        this.tier = tier;
    }

    @Override
    public Future<?> start() {
        var eventBus = vertx.eventBus();
        var dcap = Bus.<DcapCollateralRequest, DcapCollateral>serve(eventBus, Addresses.COLLATERAL_DCAP,
                request -> tier.forQuote(request.tee(), request.fmspc(), request.ca()));
        var item = Bus.<IntelCollateralKey, CollateralEntry>serve(eventBus, Addresses.COLLATERAL_ITEM, tier::item);
        tier.startRefreshing(REFRESH_CHECK);
        return Future.all(dcap.completion(), item.completion());
    }
}
