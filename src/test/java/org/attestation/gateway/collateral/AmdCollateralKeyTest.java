package org.attestation.gateway.collateral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.OptionalInt;
import org.attestation.gateway.crypto.Pem;
import org.attestation.gateway.evidence.snp.SigningKey;
import org.attestation.gateway.evidence.snp.SnpProduct;
import org.attestation.gateway.evidence.snp.TcbVersion;
import org.attestation.gateway.evidence.snp.testpki.SnpTestPki;
import org.attestation.gateway.support.SharedVectors;
import org.junit.jupiter.api.Test;

/** AMD item keys (KDS paths, ids, TCB layouts) and the structural checks of KDS bodies. */
class AmdCollateralKeyTest {

    @Test
    void reportedTcbIsDecodedWithTheProductsByteLayout() {
        // Given one u64 (byte 0 least significant)
        long tcb = 0x541700000000000AL;

        // Then Milan/Genoa read BL, TEE, SNP, UCODE at bytes 0, 1, 6, 7; Turin FMC, BL, TEE, SNP, UCODE at 0, 1, 2, 3, 7
        assertThat(TcbVersion.decode(tcb, SnpProduct.GENOA))
                .isEqualTo(new TcbVersion(OptionalInt.empty(), 10, 0, 23, 84, tcb));
        assertThat(TcbVersion.decode(0xD200000005000301L, SnpProduct.TURIN))
                .isEqualTo(new TcbVersion(OptionalInt.of(1), 3, 0, 5, 210, 0xD200000005000301L));
    }

    @Test
    void eachItemHasItsKdsPathAndAnIdThatParsesBack() {
        byte[] chip = AmdCollateralTierTest.chip(64, 0xF0);
        AmdCollateralKey vcek = AmdCollateralKey.vcek(SnpProduct.GENOA, chip, 0x541700000000000AL);
        String hex = HexFormat.of().formatHex(chip);

        assertThat(vcek.kdsPathAndQuery()).isEqualTo("/vcek/v1/Genoa/" + hex + "?blSPL=10&teeSPL=0&snpSPL=23&ucodeSPL=84");
        assertThat(vcek.id()).isEqualTo("amd/vcek/Genoa/" + hex + "/bl10_tee0_snp23_ucode84");
        assertThat(AmdCollateralKey.certChain(SnpProduct.MILAN, SigningKey.VLEK).kdsPathAndQuery())
                .isEqualTo("/vlek/v1/Milan/cert_chain");
        assertThat(AmdCollateralKey.crl(SnpProduct.TURIN, SigningKey.VCEK).kdsPathAndQuery()).isEqualTo("/vcek/v1/Turin/crl");
        for (AmdCollateralKey key : new AmdCollateralKey[] {vcek, AmdCollateralKey.certChain(SnpProduct.MILAN, SigningKey.VLEK),
            AmdCollateralKey.crl(SnpProduct.TURIN, SigningKey.VCEK),
            AmdCollateralKey.vcek(SnpProduct.TURIN, AmdCollateralTierTest.chip(8, 1), TcbVersion.decode(TcbVersion.compose(SnpProduct.TURIN, 1, 2, 3, 4, 5), SnpProduct.TURIN))}) {
            assertThat(AmdCollateralKey.parse(key.id())).contains(key);
        }
        assertThat(AmdCollateralKey.parse("intel/sgx/rootcacrl")).isEmpty();
        assertThat(AmdCollateralKey.parse("amd/vcek/Milan/../crl")).isEmpty();
    }

    @Test
    void maskedChipIdCannotBeFetched() {
        assertThatThrownBy(() -> AmdCollateralKey.vcek(SnpProduct.MILAN, new byte[64], 0L))
                .isInstanceOf(CollateralMissingException.class).hasMessageContaining("CHIP_ID is all zero");
        byte[] turin = new byte[64];
        turin[9] = 1;
        assertThatThrownBy(() -> AmdCollateralKey.vcek(SnpProduct.TURIN, turin, 0L))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zero bytes after its 8-byte hwID");
    }

    @Test
    void bodiesAreCheckedForTheirShape() {
        SnpTestPki pki = SnpTestPki.of(SnpProduct.GENOA);
        byte[] certChain = pki.certChainPem(SigningKey.VCEK).getBytes(StandardCharsets.US_ASCII);
        byte[] vcekDer = pki.vek(SigningKey.VCEK).build().der();
        AmdCollateralKey chain = AmdCollateralKey.certChain(SnpProduct.GENOA, SigningKey.VCEK);
        AmdCollateralKey crl = AmdCollateralKey.crl(SnpProduct.GENOA, SigningKey.VCEK);
        AmdCollateralKey vcek = AmdCollateralKey.vcek(SnpProduct.GENOA, AmdCollateralTierTest.chip(64, 1), 0L);
        Instant now = Instant.now();

        assertThat(AmdCollateralItems.check(chain, certChain, now)).isEqualTo(SnpTestPki.NOT_AFTER);
        assertThat(AmdCollateralItems.check(crl, pki.kdsCrl(), now)).isEqualTo(SnpTestPki.NOT_AFTER);
        // A chain with trailing bytes, a VCEK with bytes after its DER, an RSA certificate as VCEK: all refused
        byte[] trailing = (new String(certChain, StandardCharsets.US_ASCII) + "x").getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> AmdCollateralItems.check(chain, trailing, now))
                .isInstanceOf(CollateralRejectedException.class).hasMessageContaining("two followed by other bytes");
        byte[] padded = Arrays.copyOf(vcekDer, vcekDer.length + 1);
        assertThatThrownBy(() -> AmdCollateralItems.check(vcek, padded, now))
                .isInstanceOf(CollateralRejectedException.class).hasMessageContaining("not one DER certificate");
        assertThatThrownBy(() -> AmdCollateralItems.check(vcek, Pem.der(pki.ask()), now))
                .isInstanceOf(CollateralRejectedException.class).hasMessageContaining("not EC");
    }

    @Test
    void realKdsBodiesPassTheirChecks() {
        // Given a real Milan VCEK (DER) and real KDS cert_chains, read where they lie
        AmdCollateralKey vcek = AmdCollateralKey.vcek(SnpProduct.MILAN, AmdCollateralTierTest.chip(64, 1), 0L);
        Instant now = Instant.now();

        // Then the VCEK is one EC certificate, and each cert_chain is two certificates, ASK/ASVK then ARK
        assertThat(AmdCollateralItems.check(vcek, SharedVectors.bytes("snp/go-sev-guest/verify/testdata/vcek.testcer"),
                now)).isAfter(Instant.parse("2025-01-01T00:00:00Z"));
        for (String product : new String[] {"milan", "genoa", "turin_vcek", "milan_vlek"}) {
            AmdCollateralKey chain = AmdCollateralKey.certChain(SnpProduct.MILAN, SigningKey.VCEK);
            assertThat(AmdCollateralItems.check(chain,
                    SharedVectors.bytes("snp/go-sev-guest/verify/trust/ask_ark_" + product + ".pem"), now))
                    .isAfter(Instant.parse("2045-01-01T00:00:00Z"));
        }
        AmdCollateralKey turin = AmdCollateralKey.vcek(SnpProduct.TURIN, AmdCollateralTierTest.chip(8, 1), TcbVersion.decode(0L, SnpProduct.TURIN));
        assertThat(AmdCollateralItems.check(turin, SharedVectors.bytes("snp/virtee-sev/tests/certs_data/vcek_turin.der"),
                now)).isNotNull();
    }
}
