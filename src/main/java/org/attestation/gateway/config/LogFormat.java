package org.attestation.gateway.config;

/** How log lines are written to standard output. */
public enum LogFormat {
    /** One line of text with key=value pairs. */
    TEXT,
    /** One JSON object per line. */
    JSON
}
