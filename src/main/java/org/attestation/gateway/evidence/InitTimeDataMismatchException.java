package org.attestation.gateway.evidence;

import org.attestation.gateway.error.GatewayException;

/** The evidence's launch-time field (CONFIGID, MRCONFIGID, HOST_DATA) does not carry SHA-256 of the init-time data. */
public final class InitTimeDataMismatchException extends GatewayException {

    public InitTimeDataMismatchException(String message) {
        super("INIT_TIME_DATA_MISMATCH", message);
    }
}
