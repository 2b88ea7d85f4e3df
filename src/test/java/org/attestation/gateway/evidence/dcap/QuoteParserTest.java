package org.attestation.gateway.evidence.dcap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.attestation.gateway.evidence.dcap.testpki.DcapTestPki;
import org.junit.jupiter.api.Test;

/** Structural refusals of the quote parser, each with a precise message; generated quotes from the test PKI. */
class QuoteParserTest {

    private static final DcapTestPki PKI = DcapTestPki.create();
    private static final byte[] SGX_V3 = PKI.quote().sgx().version(3).build();
    private static final byte[] TDX_V4 = PKI.quote().tdx().version(4).build();
    private static final byte[] TDX_V5 = PKI.quote().tdx().tdReport15().build();

    private static byte[] with(byte[] quote, int offset, int... bytes) {
        byte[] copy = quote.clone();
        for (int i = 0; i < bytes.length; i++) {
            copy[offset + i] = (byte) bytes[i];
        }
        return copy;
    }

    private static byte[] withU32(byte[] quote, int offset, long value) {
        byte[] copy = quote.clone();
        ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putInt(offset, (int) value);
        return copy;
    }

    private static void assertRefused(byte[] quote, String message) {
        assertThatThrownBy(() -> Quote.parse(quote)).isInstanceOf(QuoteFormatException.class).hasMessage(message);
    }

    @Test
    void fieldsAreReadAtIntelsOffsets() {
        Quote quote = Quote.parse(PKI.quote().sgx().isvProdId(0x1234).isvSvn(7).build());

        SgxReportBody body = (SgxReportBody) quote.body();
        assertThat(body.isvProdId()).isEqualTo(0x1234);
        assertThat(body.isvSvn()).isEqualTo(7);
        assertThat(quote.header().version()).isEqualTo(3);
        assertThat(quote.signedBytes()).hasSize(432);
        assertThat(quote.attestationKey()).hasSize(64);
        assertThat(quote.qe().qeAuthData()).hasSize(32);
        assertThat(Quote.parse(TDX_V5).signedBytes()).hasSize(54 + 648);
    }

    @Test
    void truncatedQuotesAreRefusedNamingWhatIsMissing() {
        assertRefused(Arrays.copyOf(SGX_V3, 40),
                "the quote is too short for the quote header: 48 bytes needed at offset 0, 40 left");
        assertRefused(Arrays.copyOf(SGX_V3, 300),
                "the quote is too short for the report body: 384 bytes needed at offset 48, 252 left");
        assertRefused(Arrays.copyOf(SGX_V3, 1000),
                "the size of the signature data (" + (SGX_V3.length - 436)
                        + ") points past the end of the quote: 564 bytes left at offset 436");
    }

    @Test
    void lengthFieldsPointingPastTheEndAreRefused() {
        assertRefused(withU32(SGX_V3, 432, 0x7FFFFFF0L),
                "the size of the signature data (2147483632) points past the end of the quote: "
                        + (SGX_V3.length - 436) + " bytes left at offset 436");
        // v4: outer certification data size, at signature data + 130
        assertRefused(withU32(TDX_V4, 636 + 130, 0xFFFFFFFFL), "the size of the QE report certification data "
                + "(4294967295) points past the end of the quote: " + (TDX_V4.length - 636 - 134) + " bytes left at offset 770");
    }

    @Test
    void declaredCertificationDataSizeMustMatch() {
        assertThatThrownBy(() -> Quote.parse(PKI.quote().sgx().certDataSizeDelta(-1).build()))
                .isInstanceOf(QuoteFormatException.class)
                .hasMessageMatching("the certification data size is \\d+ but \\d+ bytes are present in the signature data");
    }

    @Test
    void unknownVersionKeyTypeTeeAndVendorAreRefused() {
        assertRefused(with(SGX_V3, 0, 6, 0), "unsupported quote version 6 (3, 4 and 5 are supported)");
        assertRefused(with(SGX_V3, 2, 3, 0), "unsupported attestation key type 3 (only 2, ECDSA P-256)");
        assertRefused(with(TDX_V4, 4, 0x82), "unknown TEE type 0x82 (0 is SGX, 0x81 is TDX)");
        assertRefused(with(SGX_V3, 4, 0x81), "a version 3 quote cannot be a TDX quote");
        assertRefused(with(SGX_V3, 12, 0), "QE vendor id 009a7233f79c4ca9940a0db3957f0607 is not Intel's");
    }

    @Test
    void v5BodyDescriptorIsChecked() {
        assertRefused(with(TDX_V5, 48, 9, 0), "unknown quote body type 9");
        assertRefused(withU32(TDX_V5, 50, 584), "body type 3 has 648 bytes, but the quote declares 584");
        assertRefused(with(TDX_V5, 48, 1, 0), "body type 1 has 384 bytes, but the quote declares 648");
    }

    @Test
    void v4MustCarryQeReportCertificationData() {
        assertRefused(with(TDX_V4, 636 + 128, 5, 0),
                "a version 4 quote carries certification data type 6 (QE report), not 5");
    }

    @Test
    void trailingBytesAfterTheSignatureDataAreIgnored() {
        byte[] padded = Arrays.copyOf(TDX_V4, TDX_V4.length + 3064);

        Quote quote = Quote.parse(padded);

        assertThat(quote.raw()).hasSize(padded.length);
        assertThat(quote.signedBytes()).isEqualTo(Arrays.copyOf(TDX_V4, 632));
    }

    @Test
    void openEnclaveHeaderIsChecked() {
        byte[] header = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(1).putInt(2).putLong(SGX_V3.length).array();
        byte[] report = ByteBuffer.allocate(16 + SGX_V3.length).put(header).put(SGX_V3).array();

        assertThat(OpenEnclaveReport.quote(report)).isEqualTo(Quote.parse(SGX_V3));
        assertThatThrownBy(() -> OpenEnclaveReport.quote(with(report, 0, 2))).hasMessage("unsupported Open Enclave report version 2");
        assertThatThrownBy(() -> OpenEnclaveReport.quote(with(report, 4, 1)))
                .hasMessage("Open Enclave report type 1 is not an SGX remote report (2)");
        assertThatThrownBy(() -> OpenEnclaveReport.quote(Arrays.copyOf(report, report.length - 1)))
                .hasMessage("the Open Enclave header announces a " + SGX_V3.length + "-byte quote, but "
                        + (SGX_V3.length - 1) + " bytes follow it");
        assertThatThrownBy(() -> OpenEnclaveReport.quote(new byte[8])).isInstanceOf(QuoteFormatException.class);
    }
}
