package org.attestation.gateway.evidence.dcap.testpki;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The 384-byte SGX report body {@code sgx_report_body_t} (spec §1.3), used for the application enclave of SGX
 * quotes and for the QE report of every quote. Fields are set directly by {@link TestQuoteBuilder}.
 */
final class SgxReportLayout {

    static final int SIZE = 384;
    static final int CPUSVN_SIZE = 16;
    static final int MISCSELECT_SIZE = 4;
    /** isvextprodid, isvfamilyid. */
    static final int ID_SIZE = 16;
    static final int ATTRIBUTES_SIZE = 16;
    /** mrenclave, mrsigner. */
    static final int MEASUREMENT_SIZE = 32;
    static final int CONFIG_ID_SIZE = 64;
    static final int REPORT_DATA_SIZE = 64;
    private static final int CPUSVN = 0;
    private static final int MISCSELECT = 16;
    private static final int ISVEXTPRODID = 32;
    private static final int ATTRIBUTES = 48;
    private static final int MRENCLAVE = 64;
    private static final int MRSIGNER = 128;
    private static final int CONFIGID = 192;
    private static final int ISVPRODID = 256;
    private static final int ISVSVN = 258;
    private static final int CONFIGSVN = 260;
    private static final int ISVFAMILYID = 304;
    private static final int REPORTDATA = 320;
    /** Flags bit 1 of {@code attributes}. */
    static final int FLAG_DEBUG = 0x02;

    byte[] cpuSvn = DcapTestDefaults.cpuSvn();
    int miscSelect;
    byte[] isvExtProdId = new byte[ID_SIZE];
    byte[] attributes;
    byte[] mrEnclave;
    byte[] mrSigner;
    byte[] configId = new byte[CONFIG_ID_SIZE];
    int isvProdId;
    int isvSvn;
    int configSvn;
    byte[] isvFamilyId = new byte[ID_SIZE];
    byte[] reportData = new byte[REPORT_DATA_SIZE];

    SgxReportLayout(byte[] attributes, byte[] mrEnclave, byte[] mrSigner) {
        this.attributes = attributes;
        this.mrEnclave = mrEnclave;
        this.mrSigner = mrSigner;
    }

    byte[] encode() {
        ByteBuffer out = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        out.put(CPUSVN, cpuSvn);
        out.putInt(MISCSELECT, miscSelect);
        out.put(ISVEXTPRODID, isvExtProdId);
        out.put(ATTRIBUTES, attributes);
        out.put(MRENCLAVE, mrEnclave);
        out.put(MRSIGNER, mrSigner);
        out.put(CONFIGID, configId);
        out.putShort(ISVPRODID, (short) isvProdId);
        out.putShort(ISVSVN, (short) isvSvn);
        out.putShort(CONFIGSVN, (short) configSvn);
        out.put(ISVFAMILYID, isvFamilyId);
        out.put(REPORTDATA, reportData);
        return out.array();
    }
}
