package org.attestation.gateway.evidence.snp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * An Azure confidential VM "HCL report" (spec/snp.md §4.2), what the vTPM NV index returns and MAA clients
 * unwrap: a 32-byte header, the 1184-byte hardware report at offset 32, the IGVM request data at 1216 and the
 * variable data (the runtime-data JSON) at 1236. Only SNP reports (report type 2) are accepted.
 */
public record AzureHclReport(int headerVersion, int reportType, byte[] snpReport, byte[] variableData) {

    static final int MAGIC = 0x414C4348; // "HCLA" little-endian
    static final int HEADER_VERSION = 4;
    static final int HARDWARE_REPORT = 32;
    static final int REPORT_TYPE = 1224;
    static final int REPORT_DATA_HASH_TYPE = 1228;
    static final int VARIABLE_DATA_SIZE = 1232;
    static final int VARIABLE_DATA = 1236;
    public static final int REPORT_TYPE_SNP = 2;
    public static final int REPORT_TYPE_TDX = 4;
    static final int HASH_TYPE_SHA256 = 1;

    public AzureHclReport {
        snpReport = snpReport.clone();
        variableData = variableData.clone();
    }

    @Override
    public byte[] snpReport() {
        return snpReport.clone();
    }

    @Override
    public byte[] variableData() {
        return variableData.clone();
    }

    public static AzureHclReport parse(byte[] hcl) {
        if (hcl.length < VARIABLE_DATA) {
            throw new SnpReportFormatException("HCL report", 0, "the HCL report is truncated: " + hcl.length
                    + " bytes, its header, hardware report and request data take " + VARIABLE_DATA);
        }
        ByteBuffer in = ByteBuffer.wrap(hcl).order(ByteOrder.LITTLE_ENDIAN);
        if (in.getInt(0) != MAGIC) {
            throw new SnpReportFormatException("HCL signature", 0, "not an HCL report (no \"HCLA\" signature)");
        }
        int reportType = in.getInt(REPORT_TYPE);
        if (reportType != REPORT_TYPE_SNP) {
            throw new SnpReportFormatException("HCL report type", REPORT_TYPE, "the HCL report's hardware report is of "
                    + "type " + reportType + (reportType == REPORT_TYPE_TDX ? " (TDX)" : "") + ", not 2 (SEV-SNP)");
        }
        if (in.getInt(REPORT_DATA_HASH_TYPE) != HASH_TYPE_SHA256) {
            throw new SnpReportFormatException("HCL report-data hash type", REPORT_DATA_HASH_TYPE,
                    "the report-data hash type is " + in.getInt(REPORT_DATA_HASH_TYPE) + ", not 1 (SHA-256)");
        }
        long size = in.getInt(VARIABLE_DATA_SIZE) & 0xFFFFFFFFL;
        if (size > hcl.length - VARIABLE_DATA) {
            throw new SnpReportFormatException("HCL variable data size", VARIABLE_DATA_SIZE, "the variable data "
                    + "claims " + size + " bytes but only " + (hcl.length - VARIABLE_DATA) + " follow");
        }
        return new AzureHclReport(in.getInt(HEADER_VERSION), reportType,
                Arrays.copyOfRange(hcl, HARDWARE_REPORT, HARDWARE_REPORT + SnpReport.SIZE),
                Arrays.copyOfRange(hcl, VARIABLE_DATA, VARIABLE_DATA + (int) size));
    }

    /** §4.2: REPORT_DATA[0..32] = SHA-256(variable data) and REPORT_DATA[32..64] = 0. */
    public boolean reportDataBindsVariableData(SnpReport report) {
        byte[] reportData = report.reportData();
        return Arrays.equals(Arrays.copyOf(reportData, 32), AmdNames.sha256(variableData))
                && Arrays.equals(Arrays.copyOfRange(reportData, 32, 64), new byte[32]);
    }
}
