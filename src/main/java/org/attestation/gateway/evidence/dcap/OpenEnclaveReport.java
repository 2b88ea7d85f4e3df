package org.attestation.gateway.evidence.dcap;

import java.util.Arrays;

/**
 * Open Enclave's remote report, as MAA's {@code /attest/OpenEnclave} takes it (maa-api.md §1.3): a 16-byte
 * header {@code {u32 version = 1, u32 type = 2 (SGX remote), u64 quote size}} followed by an SGX quote.
 */
public final class OpenEnclaveReport {

    static final int HEADER_SIZE = 16;
    static final int VERSION = 0;
    static final int TYPE = 4;
    static final int QUOTE_SIZE = 8;
    static final long SUPPORTED_VERSION = 1;
    /** {@code OE_REPORT_TYPE_SGX_REMOTE}. */
    static final long TYPE_SGX_REMOTE = 2;

    private OpenEnclaveReport() {
    }

    /** The SGX quote inside an OE report; the header must announce version 1, SGX remote, and its size. */
    public static Quote quote(byte[] report) {
        if (report.length < HEADER_SIZE) {
            throw new QuoteFormatException("an Open Enclave report has a " + HEADER_SIZE + "-byte header; got "
                    + report.length + " bytes");
        }
        long version = LittleEndian.u32(report, VERSION);
        long type = LittleEndian.u32(report, TYPE);
        long quoteSize = LittleEndian.u64(report, QUOTE_SIZE);
        if (version != SUPPORTED_VERSION) {
            throw new QuoteFormatException("unsupported Open Enclave report version " + version);
        }
        if (type != TYPE_SGX_REMOTE) {
            throw new QuoteFormatException("Open Enclave report type " + type + " is not an SGX remote report (2)");
        }
        if (quoteSize != report.length - HEADER_SIZE) {
            throw new QuoteFormatException("the Open Enclave header announces a " + quoteSize + "-byte quote, but "
                    + (report.length - HEADER_SIZE) + " bytes follow it");
        }
        Quote quote = Quote.parse(Arrays.copyOfRange(report, HEADER_SIZE, report.length));
        if (quote.isTdx()) {
            throw new QuoteFormatException("an Open Enclave report carries an SGX quote, not a TDX quote");
        }
        return quote;
    }
}
