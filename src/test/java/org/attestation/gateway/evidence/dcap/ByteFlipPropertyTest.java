package org.attestation.gateway.evidence.dcap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.attestation.gateway.crypto.CryptoProviders;
import org.attestation.gateway.error.GatewayException;
import org.attestation.gateway.support.SharedVectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Property: flipping any single byte of what is signed (the quote's header and body, its QE report, the
 * TCB info text) makes verification fail. Exhaustive over every byte of the real P1 vector.
 */
class ByteFlipPropertyTest {

    private static final Instant AT = Instant.ofEpochSecond(1751328000);

    private final DcapVerifier verifier = new DcapVerifier(TrustedRoot.intel(), CryptoProviders.install());
    private byte[] quote;
    private DcapCollateral collateral;

    @BeforeEach
    void loadValidPair() {
        quote = SharedVectors.bytes("dcap/phala-dcap-qvl/sgx_quote");
        collateral = DcapCollateral.fromJson(SharedVectors.text("dcap/phala-dcap-qvl/sgx_quote_collateral.json"));
        // The unmodified pair verifies
        assertThat(verifier.verify(Quote.parse(quote), collateral, AT).status()).isNotNull();
    }

    private boolean fails(byte[] candidateQuote, DcapCollateral candidateCollateral) {
        try {
            verifier.verify(Quote.parse(candidateQuote), candidateCollateral, AT);
            return false;
        } catch (GatewayException expected) {
            return true;
        }
    }

    @Test
    void everyByteOfTheSignedQuoteRegionMatters() {
        int signed = Quote.parse(quote).signedBytes().length;
        List<Integer> accepted = new ArrayList<>();
        for (int i = 0; i < signed; i++) {
            byte[] flipped = quote.clone();
            flipped[i] ^= 0x01;
            if (!fails(flipped, collateral)) {
                accepted.add(i);
            }
        }
        assertThat(signed).isEqualTo(432);
        assertThat(accepted).as("offsets whose flip still verified").isEmpty();
    }

    @Test
    void everyByteOfTheQeReportMatters() {
        // v3 signature data: length at 432, then signature 64, key 64, QE report 384
        int qeReport = 432 + 4 + 128;
        List<Integer> accepted = new ArrayList<>();
        for (int i = qeReport; i < qeReport + SgxReportBody.SIZE; i++) {
            byte[] flipped = quote.clone();
            flipped[i] ^= 0x01;
            if (!fails(flipped, collateral)) {
                accepted.add(i);
            }
        }
        assertThat(accepted).as("offsets whose flip still verified").isEmpty();
    }

    @Test
    void everyByteOfTheSignedTcbInfoTextMatters() {
        byte[] text = collateral.tcbInfo().getBytes(StandardCharsets.UTF_8);
        List<Integer> accepted = new ArrayList<>();
        for (int i = 0; i < text.length; i++) {
            byte[] flipped = text.clone();
            flipped[i] ^= 0x01;
            DcapCollateral tampered = new DcapCollateral(collateral.pckCrlIssuerChain(), collateral.rootCaCrl(),
                    collateral.pckCrl(), collateral.tcbInfoIssuerChain(), new String(flipped, StandardCharsets.UTF_8),
                    collateral.tcbInfoSignature(), collateral.qeIdentityIssuerChain(), collateral.qeIdentity(),
                    collateral.qeIdentitySignature());
            if (!fails(quote, tampered)) {
                accepted.add(i);
            }
        }
        assertThat(text.length).isGreaterThan(1000);
        assertThat(accepted).as("offsets whose flip still verified").isEmpty();
    }
}
