package org.attestation.gateway.collateral;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.attestation.gateway.bus.Addresses;
import org.attestation.gateway.bus.Bus;
import org.attestation.gateway.store.CollateralEntry;

/**
 * Serves {@link Addresses#COLLATERAL_AMD} and {@link Addresses#COLLATERAL_AMD_VCEK} from the AMD collateral
 * tier. Its work is I/O (the structural checks run on worker threads), so it runs on an event loop.
 */
public final class AmdCollateralVerticle extends VerticleBase {

    private final AmdCollateralTier tier;

    public AmdCollateralVerticle(AmdCollateralTier tier) {
        this.tier = tier;
    }

    @Override
    public Future<?> start() {
        var eventBus = vertx.eventBus();
        var item = Bus.<AmdCollateralKey, CollateralEntry>serve(eventBus, Addresses.COLLATERAL_AMD, tier::item);
        var vcek = Bus.<AmdCollateralKey, AmdVcekCollateral>serve(eventBus, Addresses.COLLATERAL_AMD_VCEK,
                tier::forVcek);
        return Future.all(item.completion(), vcek.completion());
    }
}
