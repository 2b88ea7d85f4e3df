package org.attestation.gateway.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.attestation.gateway.evidence.dcap.OpenEnclaveReport;
import org.attestation.gateway.evidence.dcap.Quote;
import org.attestation.gateway.support.SharedVectors;
import org.junit.jupiter.api.Test;

class DataBindingTest {

    private static BindingData binary(byte[] data) {
        return new BindingData(data, BindingData.DataType.BINARY);
    }

    private static byte[] field(byte[] data, int size) throws Exception {
        return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(data), size);
    }

    @Test
    void azureSdkQuoteAndOpenEnclaveReportBindTheirRuntimeData() {
        // Given the Azure SDK's SGX quote, its OE report, and the runtime data the SDK tests send
        byte[] runtimeData = SharedVectors.bytes("azure-sdk/java/runtime_data.bin");
        Quote quote = Quote.parse(SharedVectors.bytes("azure-sdk/java/sgx_quote.bin"));
        Quote inReport = OpenEnclaveReport.quote(SharedVectors.bytes("azure-sdk/java/openenclave_report.bin"));

        // When both are bound
        Map<String, Object> fromQuote = DataBinding.runtime(binary(runtimeData), quote.body().reportData(), true);
        Map<String, Object> fromReport = DataBinding.runtime(binary(runtimeData), inReport.body().reportData(), true);

        // Then SHA-256 of the runtime data is the first half of both report datas, and it is the enclave held data
        String ehd = Base64.getUrlEncoder().withoutPadding().encodeToString(runtimeData);
        assertThat(fromQuote).containsEntry("x-ms-sgx-ehd", ehd).containsEntry("maa-ehd", ehd)
                .containsEntry("aas-ehd", ehd).doesNotContainKey("x-ms-runtime");
        assertThat(fromReport).isEqualTo(fromQuote);
    }

    @Test
    void otherRuntimeDataIsRefused() {
        Quote quote = Quote.parse(SharedVectors.bytes("azure-sdk/java/sgx_quote.bin"));

        assertThatThrownBy(() -> DataBinding.runtime(binary(new byte[] {1}), quote.body().reportData(), true))
                .isInstanceOf(RuntimeDataMismatchException.class)
                .hasMessageStartingWith("SHA-256 of the runtime data (");
    }

    @Test
    void jsonDataBecomesAClaimAndTdxHasNoEnclaveHeldData() throws Exception {
        // Given JSON runtime and init-time data and fields that carry their hashes
        byte[] runtime = "{\"jwk\":{\"kty\":\"EC\"},\"n\":1}".getBytes(StandardCharsets.UTF_8);
        byte[] init = "{\"owner\":\"ops\"}".getBytes(StandardCharsets.UTF_8);

        // When they are bound as TDX evidence's
        Map<String, Object> runtimeClaims = DataBinding.runtime(new BindingData(runtime, BindingData.DataType.JSON),
                field(runtime, 64), false);
        Map<String, Object> initClaims = DataBinding.initTime(new BindingData(init, BindingData.DataType.JSON),
                field(init, 48), "MRCONFIGID");

        // Then the documents are claims, numbers as numbers
        assertThat(runtimeClaims).containsOnlyKeys("x-ms-runtime");
        assertThat(runtimeClaims.get("x-ms-runtime")).isEqualTo(Map.of("jwk", Map.of("kty", "EC"), "n", 1));
        assertThat(initClaims).isEqualTo(Map.of("x-ms-inittime", Map.of("owner", "ops")));
    }

    @Test
    void initTimeDataThatDoesNotMatchIsRefusedNamingTheField() throws Exception {
        assertThatThrownBy(() -> DataBinding.initTime(binary(new byte[] {1}), field(new byte[] {2}, 64), "CONFIGID"))
                .isInstanceOf(InitTimeDataMismatchException.class)
                .hasMessageContaining("is not the first 32 bytes of CONFIGID");
    }

    @Test
    void jsonDataThatIsNotJsonIsRefused() {
        assertThatThrownBy(() -> new BindingData("{\"a\":1} trailing".getBytes(StandardCharsets.UTF_8),
                BindingData.DataType.JSON).json()).isInstanceOf(IllegalArgumentException.class);
    }
}
