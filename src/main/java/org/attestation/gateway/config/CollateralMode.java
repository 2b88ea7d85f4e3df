package org.attestation.gateway.config;

/** How the collateral tier reaches the vendors. */
public enum CollateralMode {
    /** Fetch on miss, cache, refresh ahead of expiry. */
    LAZY,
    /** Never call a vendor; serve only what the cache and imported bundles hold. */
    OFFLINE
}
