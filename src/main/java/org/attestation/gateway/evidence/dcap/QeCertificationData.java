package org.attestation.gateway.evidence.dcap;

import java.util.Arrays;

/**
 * The QE's part of the signature data: its report, the report's signature by the PCK key, the QE
 * authentication data, and the certification data that identifies the PCK certificate.
 *
 * @param certificationDataType {@code sgx_ql_cert_key_type_t}: 1–3 PPID forms, 4 PCK leaf, 5 PCK chain
 */
public record QeCertificationData(SgxReportBody qeReport, byte[] qeReportSignature, byte[] qeAuthData,
        int certificationDataType, byte[] certificationData) {

    public static final int CERT_TYPE_PCK_CHAIN = 5;

    public QeCertificationData {
        qeReportSignature = qeReportSignature.clone();
        qeAuthData = qeAuthData.clone();
        certificationData = certificationData.clone();
    }

    @Override
    public byte[] qeReportSignature() {
        return qeReportSignature.clone();
    }

    @Override
    public byte[] qeAuthData() {
        return qeAuthData.clone();
    }

    @Override
    public byte[] certificationData() {
        return certificationData.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QeCertificationData other && qeReport.equals(other.qeReport)
                && Arrays.equals(qeReportSignature, other.qeReportSignature)
                && Arrays.equals(qeAuthData, other.qeAuthData)
                && certificationDataType == other.certificationDataType
                && Arrays.equals(certificationData, other.certificationData);
    }

    @Override
    public int hashCode() {
        return qeReport.hashCode() * 31 + Arrays.hashCode(certificationData);
    }

    @Override
    public String toString() {
        return "QeCertificationData[certType=" + certificationDataType + ", " + certificationData.length + " bytes]";
    }
}
