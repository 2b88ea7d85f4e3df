package org.attestation.gateway.evidence.snp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.attestation.gateway.crypto.CryptoProviders;
import org.attestation.gateway.crypto.Pem;
import org.attestation.gateway.error.GatewayException;
import org.attestation.gateway.support.SharedVectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Property: flipping any single bit-0 of the signed region 0x000–0x29F of a real report makes verification
 * fail (signature, structure or binding). Exhaustive over the virtee Milan report.
 */
class SnpByteFlipPropertyTest {

    private static final String FOLDER = "snp/virtee-sev/tests/certs_data/";
    private static final Instant AT = Instant.parse("2025-06-01T00:00:00Z");

    private final SnpVerifier verifier = new SnpVerifier(AmdRoots.pinned(), CryptoProviders.install());
    private byte[] report;
    private SnpEndorsements endorsements;

    @BeforeEach
    void loadValidPair() {
        report = HexFormat.of().parseHex(SharedVectors.text(FOLDER + "report_milan.hex").strip());
        endorsements = SnpEndorsements.of(SharedVectors.bytes(FOLDER + "vcek_milan.der"),
                Pem.certificates(SharedVectors.text(FOLDER + "cert_chain_milan")).stream().map(Pem::der).toList());
        // The unmodified pair verifies
        assertThat(verifier.verify(SnpReport.parse(report), endorsements, AT).product()).isEqualTo(SnpProduct.MILAN);
    }

    @Test
    void everyByteOfTheSignedRegionMatters() {
        List<Integer> accepted = new ArrayList<>();
        for (int i = 0; i < SnpReport.SIGNED_SIZE; i++) {
            byte[] flipped = report.clone();
            flipped[i] ^= 0x01;
            try {
                verifier.verify(SnpReport.parse(flipped), endorsements, AT);
                accepted.add(i);
            } catch (GatewayException expected) {
                // the flip was detected
            }
        }
        assertThat(SnpReport.parse(report).signedBytes()).hasSize(672);
        assertThat(accepted).as("offsets whose flip still verified").isEmpty();
    }
}
