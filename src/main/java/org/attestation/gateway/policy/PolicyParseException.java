package org.attestation.gateway.policy;

import org.attestation.gateway.error.GatewayException;

/** A policy text that is not MAA's policy language; the message starts with {@code line:column}. */
public final class PolicyParseException extends GatewayException {

    private final int line;
    private final int column;

    public PolicyParseException(int line, int column, String problem) {
        super("POLICY_PARSING_ERROR", line + ":" + column + ": " + problem);
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
