package org.attestation.gateway.evidence.snp;

/**
 * A report (or the Azure HCL report around one) whose structure spec/snp.md §3.1 step 2 rejects; names
 * the field and its offset in the report.
 */
public final class SnpReportFormatException extends SnpVerificationException {

    private final String field;
    private final int offset;

    public SnpReportFormatException(String field, int offset, String message) {
        super(SnpStatus.SNP_REPORT_FORMAT_INVALID,
                String.format("%s (field %s at offset 0x%03X)", message, field, offset));
        this.field = field;
        this.offset = offset;
    }

    public String field() {
        return field;
    }

    public int offset() {
        return offset;
    }
}
