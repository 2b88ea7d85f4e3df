package org.attestation.gateway.evidence.dcap;

import java.util.Optional;

/** TCB statuses as Intel's collateral spells them, plus QVL's TD-relaunch verdicts. */
public enum TcbStatus {
    UP_TO_DATE("UpToDate"),
    SW_HARDENING_NEEDED("SWHardeningNeeded"),
    CONFIGURATION_NEEDED("ConfigurationNeeded"),
    CONFIGURATION_AND_SW_HARDENING_NEEDED("ConfigurationAndSWHardeningNeeded"),
    OUT_OF_DATE("OutOfDate"),
    OUT_OF_DATE_CONFIGURATION_NEEDED("OutOfDateConfigurationNeeded"),
    REVOKED("Revoked"),
    /** QVL {@code TD_RELAUNCH_ADVISED}: the TDX module was updated; relaunching the TD brings it up to date. */
    TD_RELAUNCH_ADVISED("TDRelaunchAdvised"),
    TD_RELAUNCH_ADVISED_CONFIGURATION_NEEDED("TDRelaunchAdvisedConfigurationNeeded");

    private final String jsonName;

    TcbStatus(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The name in Intel's JSON and in the {@code attester_tcb_status} claim. */
    public String jsonName() {
        return jsonName;
    }

    /** The statuses a TCB level of Intel's collateral may carry (not the relaunch verdicts). */
    static Optional<TcbStatus> fromCollateral(String name) {
        for (TcbStatus status : values()) {
            if (status.jsonName.equals(name) && status.ordinal() <= REVOKED.ordinal()) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }

    boolean needsConfiguration() {
        return jsonName.contains("Configuration");
    }
}
