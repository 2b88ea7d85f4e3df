package org.attestation.gateway.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class EcdsaSignaturesTest {

    @Test
    void derAndConcatenatedFormsRoundTripAndVerify() throws Exception {
        // Given a DER signature made by the JDK
        var generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        var pair = generator.generateKeyPair();
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(pair.getPrivate());
        signer.update(new byte[] {1, 2, 3});
        byte[] der = signer.sign();

        // When it is transcoded to r || s and back
        byte[] concatenated = EcdsaSignatures.derToConcatenated(der, 32);
        byte[] back = EcdsaSignatures.concatenatedToDer(concatenated);

        // Then the fixed form is 64 bytes and the DER form still verifies
        assertThat(concatenated).hasSize(64);
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(pair.getPublic());
        verifier.update(new byte[] {1, 2, 3});
        assertThat(verifier.verify(back)).isTrue();
    }

    @Test
    void shortValuesAreLeftPadded() {
        // Given DER with r = 1 and s = 0x80 (which needs a leading zero in DER)
        byte[] der = HexFormat.of().parseHex("3007020101020200ff");

        byte[] concatenated = EcdsaSignatures.derToConcatenated(der, 4);

        assertThat(HexFormat.of().formatHex(concatenated)).isEqualTo("00000001000000ff");
    }

    @Test
    void malformedInputIsRefused() {
        assertThatThrownBy(() -> EcdsaSignatures.derToConcatenated(new byte[] {0x30, 0x01}, 32))
                .isInstanceOf(IllegalArgumentException.class);
        // BER with trailing bytes is not strict DER
        assertThatThrownBy(() -> EcdsaSignatures.derToConcatenated(HexFormat.of().parseHex("300602010102010100"), 32))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EcdsaSignatures.derToConcatenated(HexFormat.of().parseHex("3006020101020101"), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EcdsaSignatures.concatenatedToDer(new byte[63]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
