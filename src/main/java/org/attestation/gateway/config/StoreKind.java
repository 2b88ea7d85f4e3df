package org.attestation.gateway.config;

/** Where durable state lives. */
public enum StoreKind {
    /** Nothing durable but the signing keys in the data directory: sidecars and tests. */
    MEMORY,
    /** A PostgreSQL started by the gateway, with its data under the data directory. */
    EMBEDDED,
    /** An external PostgreSQL at {@code GATEWAY_PG_URL}. */
    POSTGRES
}
