package org.attestation.gateway.evidence.dcap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.attestation.gateway.support.SharedVectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every real quote of the shared vectors parses, with the version, TEE and body the provenance states. */
class QuoteParserVectorsTest {

    @ParameterizedTest
    @CsvSource(textBlock = """
            dcap/phala-dcap-qvl/sgx_quote,                  3, false, 1, 4600
            dcap/phala-dcap-qvl/tdx_quote,                  4, true,  2, 4936
            dcap/phala-dcap-qvl/tdx_quote_outdated,         5, true,  3, -1
            dcap/phala-dcap-qvl/quote-from-tappd.bin,       4, true,  2, -1
            dcap/phala-dcap-qvl/tdx-quote-hex.bin,          4, true,  2, -1
            dcap/google-go-tdx-guest/tdx_prod_quote_SPR_E4.dat, 4, true, 2, 4974
            dcap/google-go-tdx-guest/quote_v5_sample.dat,   5, true,  3, -1
            dcap/automata-solana/quote_tdx.bin,             4, true,  2, 4935
            dcap/automata-solana/quote_sgx.bin,             3, false, 1, -1
            dcap/coco-trustee/tdx_quote_4.dat,              4, true,  2, -1
            dcap/coco-trustee/tdx_quote_5.dat,              5, true,  3, -1
            dcap/coco-trustee/tdx_quote_6.dat,              4, true,  2, -1
            dcap/coco-trustee/occlum_quote.dat,             3, false, 1, -1
            dcap/intel-qvl-sampledata/tdx/quote.dat,        4, true,  2, -1
            azure-sdk/java/sgx_quote.bin,                   3, false, 1, -1
            """)
    void realQuoteParses(String file, int version, boolean tdx, int bodyType, int usedLength) {
        // Given a real quote
        byte[] bytes = SharedVectors.bytes(file);

        // When it is parsed
        Quote quote = Quote.parse(bytes);

        // Then its structure is the one stated, and the raw bytes are kept whole (trailing bytes included)
        assertThat(quote.version()).isEqualTo(version);
        assertThat(quote.isTdx()).isEqualTo(tdx);
        assertThat(quote.bodyType()).isEqualTo(bodyType);
        assertThat(quote.raw()).isEqualTo(bytes);
        assertThat(quote.qe().certificationDataType()).isEqualTo(QeCertificationData.CERT_TYPE_PCK_CHAIN);
        assertThat(quote.qe().certificationData()).isNotEmpty();
        assertThat(quote.header().qeVendorId()).isEqualTo(HexFormat.of().parseHex("939A7233F79C4CA9940A0DB3957F0607"));
        if (usedLength > 0) {
            assertThat(bytes.length).isGreaterThanOrEqualTo(usedLength);
        }
    }
}
