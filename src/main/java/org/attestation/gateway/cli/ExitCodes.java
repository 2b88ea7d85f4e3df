package org.attestation.gateway.cli;

/** Exit codes of every command (INTERFACE.md). */
public final class ExitCodes {

    public static final int OK = 0;
    /** Evidence rejected, or a job failed. */
    public static final int FAILED = 1;
    /** Usage or configuration error. */
    public static final int USAGE = 2;

    private ExitCodes() {
    }
}
