package org.attestation.gateway.collateral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import org.attestation.gateway.collateral.AmdCollateralKey.Endorser;
import org.attestation.gateway.collateral.AmdCollateralKey.Product;
import org.attestation.gateway.collateral.AmdCollateralKey.Tcb;
import org.attestation.gateway.support.AmdTestPki;
import org.attestation.gateway.support.SharedVectors;
import org.junit.jupiter.api.Test;

/** AMD item keys (KDS paths, ids, TCB layouts) and the structural checks of KDS bodies. */
class AmdCollateralKeyTest {

    @Test
    void reportedTcbIsDecodedWithTheProductsByteLayout() {
        // Given one u64 (byte 0 least significant)
        long tcb = 0x541700000000000AL;

        // Then Milan/Genoa read BL, TEE, SNP, UCODE at bytes 0, 1, 6, 7; Turin FMC, BL, TEE, SNP, UCODE at 0, 1, 2, 3, 7
        assertThat(Tcb.decode(Product.GENOA, tcb)).isEqualTo(new Tcb(null, 10, 0, 23, 84));
        assertThat(Tcb.decode(Product.TURIN, 0xD200000005000301L)).isEqualTo(new Tcb(1, 3, 0, 5, 210));
    }

    @Test
    void eachItemHasItsKdsPathAndAnIdThatParsesBack() {
        byte[] chip = AmdCollateralTierTest.chip(64, 0xF0);
        AmdCollateralKey vcek = AmdCollateralKey.vcek(Product.GENOA, chip, 0x541700000000000AL);
        String hex = HexFormat.of().formatHex(chip);

        assertThat(vcek.kdsPathAndQuery()).isEqualTo("/vcek/v1/Genoa/" + hex + "?blSPL=10&teeSPL=0&snpSPL=23&ucodeSPL=84");
        assertThat(vcek.id()).isEqualTo("amd/vcek/Genoa/" + hex + "/bl10_tee0_snp23_ucode84");
        assertThat(AmdCollateralKey.certChain(Product.MILAN, Endorser.VLEK).kdsPathAndQuery())
                .isEqualTo("/vlek/v1/Milan/cert_chain");
        assertThat(AmdCollateralKey.crl(Product.TURIN, Endorser.VCEK).kdsPathAndQuery()).isEqualTo("/vcek/v1/Turin/crl");
        for (AmdCollateralKey key : new AmdCollateralKey[] {vcek, AmdCollateralKey.certChain(Product.MILAN, Endorser.VLEK),
            AmdCollateralKey.crl(Product.TURIN, Endorser.VCEK),
            AmdCollateralKey.vcek(Product.TURIN, AmdCollateralTierTest.chip(8, 1), new Tcb(1, 2, 3, 4, 5))}) {
            assertThat(AmdCollateralKey.parse(key.id())).contains(key);
        }
        assertThat(AmdCollateralKey.parse("intel/sgx/rootcacrl")).isEmpty();
        assertThat(AmdCollateralKey.parse("amd/vcek/Milan/../crl")).isEmpty();
    }

    @Test
    void maskedChipIdCannotBeFetched() {
        assertThatThrownBy(() -> AmdCollateralKey.vcek(Product.MILAN, new byte[64], 0L))
                .isInstanceOf(CollateralMissingException.class).hasMessageContaining("CHIP_ID is all zero");
        byte[] turin = new byte[64];
        turin[9] = 1;
        assertThatThrownBy(() -> AmdCollateralKey.vcek(Product.TURIN, turin, 0L))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zero bytes after its 8-byte hwID");
    }

    @Test
    void bodiesAreCheckedForTheirShape() {
        AmdTestPki pki = new AmdTestPki("Genoa");
        AmdCollateralKey chain = AmdCollateralKey.certChain(Product.GENOA, Endorser.VCEK);
        AmdCollateralKey crl = AmdCollateralKey.crl(Product.GENOA, Endorser.VCEK);
        AmdCollateralKey vcek = AmdCollateralKey.vcek(Product.GENOA, AmdCollateralTierTest.chip(64, 1), 0L);
        Instant now = Instant.now();

        assertThat(AmdCollateralItems.check(chain, pki.certChain(), now)).isEqualTo(AmdTestPki.CA_NOT_AFTER);
        assertThat(AmdCollateralItems.check(crl, pki.crl(), now)).isEqualTo(AmdTestPki.CRL_NEXT_UPDATE);
        // A chain with trailing bytes, a VCEK with bytes after its DER, an RSA certificate as VCEK: all refused
        byte[] trailing = (new String(pki.certChain(), StandardCharsets.US_ASCII) + "x").getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> AmdCollateralItems.check(chain, trailing, now))
                .isInstanceOf(CollateralRejectedException.class).hasMessageContaining("two followed by other bytes");
        byte[] padded = Arrays.copyOf(pki.vcek(), pki.vcek().length + 1);
        assertThatThrownBy(() -> AmdCollateralItems.check(vcek, padded, now))
                .isInstanceOf(CollateralRejectedException.class).hasMessageContaining("not one DER certificate");
        assertThatThrownBy(() -> AmdCollateralItems.check(vcek, pki.askDer(), now))
                .isInstanceOf(CollateralRejectedException.class).hasMessageContaining("not EC");
    }

    @Test
    void realKdsBodiesPassTheirChecks() {
        // Given a real Milan VCEK (DER) and real KDS cert_chains, read where they lie
        AmdCollateralKey vcek = AmdCollateralKey.vcek(Product.MILAN, AmdCollateralTierTest.chip(64, 1), 0L);
        Instant now = Instant.now();

        // Then the VCEK is one EC certificate, and each cert_chain is two certificates, ASK/ASVK then ARK
        assertThat(AmdCollateralItems.check(vcek, SharedVectors.bytes("snp/go-sev-guest/verify/testdata/vcek.testcer"),
                now)).isAfter(Instant.parse("2025-01-01T00:00:00Z"));
        for (String product : new String[] {"milan", "genoa", "turin_vcek", "milan_vlek"}) {
            AmdCollateralKey chain = AmdCollateralKey.certChain(Product.MILAN, Endorser.VCEK);
            assertThat(AmdCollateralItems.check(chain,
                    SharedVectors.bytes("snp/go-sev-guest/verify/trust/ask_ark_" + product + ".pem"), now))
                    .isAfter(Instant.parse("2045-01-01T00:00:00Z"));
        }
        AmdCollateralKey turin = AmdCollateralKey.vcek(Product.TURIN, AmdCollateralTierTest.chip(8, 1), new Tcb(0, 0, 0, 0, 0));
        assertThat(AmdCollateralItems.check(turin, SharedVectors.bytes("snp/virtee-sev/tests/certs_data/vcek_turin.der"),
                now)).isNotNull();
    }
}
