package org.attestation.gateway.evidence;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.attestation.gateway.evidence.dcap.OpenEnclaveReport;
import org.attestation.gateway.evidence.dcap.Quote;
import org.attestation.gateway.support.SharedVectors;
import org.junit.jupiter.api.Test;

class ReportDataBindingTest {

    @Test
    void azureSdkQuoteAndOpenEnclaveReportBindTheirRuntimeData() {
        // Given the Azure SDK's SGX quote, its OE report, and the runtime data the SDK tests send
        byte[] runtimeData = SharedVectors.bytes("azure-sdk/java/runtime_data.bin");
        Quote quote = Quote.parse(SharedVectors.bytes("azure-sdk/java/sgx_quote.bin"));
        Quote inReport = OpenEnclaveReport.quote(SharedVectors.bytes("azure-sdk/java/openenclave_report.bin"));

        // Then SHA-256 of the runtime data is the first half of both report datas
        assertThatCode(() -> ReportDataBinding.check(quote.body().reportData(), runtimeData)).doesNotThrowAnyException();
        assertThatCode(() -> ReportDataBinding.check(inReport.body().reportData(), runtimeData)).doesNotThrowAnyException();
    }

    @Test
    void otherRuntimeDataIsRefused() {
        Quote quote = Quote.parse(SharedVectors.bytes("azure-sdk/java/sgx_quote.bin"));

        assertThatThrownBy(() -> ReportDataBinding.check(quote.body().reportData(), new byte[] {1}))
                .isInstanceOf(RuntimeDataMismatchException.class)
                .hasMessageStartingWith("SHA-256 of the runtime data (");
    }
}
