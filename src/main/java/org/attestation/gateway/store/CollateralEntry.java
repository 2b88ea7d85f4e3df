package org.attestation.gateway.store;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * One cached collateral item exactly as the vendor sent it: the raw body (signatures cover these bytes),
 * the response headers that matter (issuer chains), and its validity.
 *
 * @param key      what was asked for, e.g. {@code sgx/tcb/00906ED50000}
 * @param nextUpdate when the vendor says to fetch a newer copy
 */
public record CollateralEntry(String key, byte[] body, Map<String, String> headers, Instant fetchedAt,
        Instant nextUpdate) {

    public CollateralEntry {
        Objects.requireNonNull(key, "key");
        body = body.clone();
        headers = Map.copyOf(headers);
        Objects.requireNonNull(fetchedAt, "fetchedAt");
        Objects.requireNonNull(nextUpdate, "nextUpdate");
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CollateralEntry other && key.equals(other.key) && Arrays.equals(body, other.body)
                && headers.equals(other.headers) && fetchedAt.equals(other.fetchedAt)
                && nextUpdate.equals(other.nextUpdate);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, Arrays.hashCode(body), headers, fetchedAt, nextUpdate);
    }

    @Override
    public String toString() {
        return "CollateralEntry[key=" + key + ", bytes=" + body.length + ", nextUpdate=" + nextUpdate + "]";
    }
}
