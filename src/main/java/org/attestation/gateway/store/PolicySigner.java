package org.attestation.gateway.store;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A policy management certificate of a tenant (isolated trust model).
 *
 * @param thumbprint upper-case hex SHA-1 of the DER, as MAA's {@code x-ms-certificate-thumbprint}
 */
public record PolicySigner(String tenant, String thumbprint, byte[] certificateDer, Instant addedAt) {

    public PolicySigner {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(thumbprint, "thumbprint");
        certificateDer = certificateDer.clone();
        Objects.requireNonNull(addedAt, "addedAt");
    }

    @Override
    public byte[] certificateDer() {
        return certificateDer.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PolicySigner other && tenant.equals(other.tenant) && thumbprint.equals(other.thumbprint)
                && Arrays.equals(certificateDer, other.certificateDer) && addedAt.equals(other.addedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tenant, thumbprint);
    }

    @Override
    public String toString() {
        return "PolicySigner[tenant=" + tenant + ", thumbprint=" + thumbprint + "]";
    }
}
