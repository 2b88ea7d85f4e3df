package org.attestation.gateway.collateral;

import java.util.Map;

/** A successful PCS or PCCS response: the body bytes exactly as received and the headers that matter. */
record PcsResponse(byte[] body, Map<String, String> headers) {

    PcsResponse {
        body = body.clone();
        headers = Map.copyOf(headers);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }
}
