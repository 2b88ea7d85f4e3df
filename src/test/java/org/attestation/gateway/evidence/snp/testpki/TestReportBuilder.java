package org.attestation.gateway.evidence.snp.testpki;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.attestation.gateway.evidence.snp.SigningKey;
import org.attestation.gateway.evidence.snp.SnpProduct;
import org.attestation.gateway.evidence.snp.TcbVersion;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;

/**
 * Writes an ATTESTATION_REPORT of any version (2–5) and product from spec/snp.md §1.1 and signs bytes
 * 0x000–0x29F with a test VEK's key (§1.2: R and S little-endian in 72-byte fields). Defaults: version 3,
 * policy 0x30000, VMPL 0, every TCB {@link #defaultTcb}, CHIP_ID {@link #defaultChipId} (first 8 bytes only on
 * Turin). {@link #set} overwrites raw bytes before signing, {@link #tamper} after.
 */
public final class TestReportBuilder {

    private int version = 3;
    private final SnpProduct product;
    private long policy = 0x30000L;
    private int vmpl;
    private int signingKeyCode = -1;
    private long reportedTcb;
    private long currentTcb;
    private byte[] chipId;
    private byte[] reportData = new byte[64];
    private long platformInfo = 0x25L;
    private final Map<Integer, byte[]> preSign = new LinkedHashMap<>();
    private final Map<Integer, byte[]> postSign = new LinkedHashMap<>();

    public TestReportBuilder(SnpProduct product) {
        this.product = product;
        this.reportedTcb = defaultTcb(product).raw();
        this.currentTcb = reportedTcb;
        byte[] id = defaultChipId();
        this.chipId = product == SnpProduct.TURIN ? Arrays.copyOf(Arrays.copyOf(id, 8), 64) : id;
    }

    /** bl 3, tee 0, snp 8, ucode 115 (and fmc 1 on Turin): Azure's Milan REPORTED_TCB components. */
    public static TcbVersion defaultTcb(SnpProduct product) {
        return TcbVersion.decode(TcbVersion.compose(product, 1, 3, 0, 8, 115), product);
    }

    public static byte[] defaultChipId() {
        byte[] id = new byte[64];
        for (int i = 0; i < id.length; i++) {
            id[i] = (byte) (0x10 + i);
        }
        return id;
    }

    public TestReportBuilder version(int value) {
        version = value;
        return this;
    }

    public TestReportBuilder policy(long value) {
        policy = value;
        return this;
    }

    public TestReportBuilder vmpl(int value) {
        vmpl = value;
        return this;
    }

    /** SIGNER_INFO.SIGNING_KEY; by default the kind of the VEK that signs. */
    public TestReportBuilder signingKeyCode(int value) {
        signingKeyCode = value;
        return this;
    }

    public TestReportBuilder reportedTcb(long raw) {
        reportedTcb = raw;
        return this;
    }

    public TestReportBuilder chipId(byte[] value) {
        chipId = Arrays.copyOf(value, 64);
        return this;
    }

    public TestReportBuilder reportData(byte[] value) {
        reportData = Arrays.copyOf(value, 64);
        return this;
    }

    public TestReportBuilder platformInfo(long value) {
        platformInfo = value;
        return this;
    }

    /** Overwrites bytes at {@code offset} before signing (the signature stays valid over them). */
    public TestReportBuilder set(int offset, byte... bytes) {
        preSign.put(offset, bytes.clone());
        return this;
    }

    /** Overwrites bytes at {@code offset} after signing. */
    public TestReportBuilder tamper(int offset, byte... bytes) {
        postSign.put(offset, bytes.clone());
        return this;
    }

    /** The report signed by {@code vek}'s key. */
    public byte[] signedBy(TestVek vek) {
        byte[] report = unsigned(vek.kind());
        byte[] der = sign(vek.keys().getPrivate(), Arrays.copyOf(report, 0x2A0));
        ASN1Sequence rs = ASN1Sequence.getInstance(der);
        writeLittleEndian(report, 0x2A0, ASN1Integer.getInstance(rs.getObjectAt(0)).getPositiveValue());
        writeLittleEndian(report, 0x2E8, ASN1Integer.getInstance(rs.getObjectAt(1)).getPositiveValue());
        postSign.forEach((offset, bytes) -> System.arraycopy(bytes, 0, report, offset, bytes.length));
        return report;
    }

    /** The report without a signature (all zero at 0x2A0). */
    public byte[] unsigned(SigningKey kind) {
        ByteBuffer out = ByteBuffer.allocate(0x4A0).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(0x000, version);
        out.putInt(0x004, 1);
        out.putLong(0x008, policy);
        out.put(0x010, (byte) 0x01);
        out.put(0x020, (byte) 0x02);
        out.putInt(0x030, vmpl);
        out.putInt(0x034, 1);
        out.putLong(0x038, currentTcb);
        out.putLong(0x040, platformInfo);
        out.putInt(0x048, (signingKeyCode >= 0 ? signingKeyCode : kind.code()) << 2);
        out.put(0x050, reportData);
        for (int i = 0; i < 48; i++) {
            out.put(0x090 + i, (byte) (0xA0 + i));
        }
        for (int i = 0; i < 32; i++) {
            out.put(0x140 + i, (byte) (0x40 + i));
            out.put(0x160 + i, (byte) 0xFF);
        }
        out.putLong(0x180, reportedTcb);
        if (version >= 3) {
            int[] cpuid = switch (product) {
                case MILAN -> new int[] {0x19, 0x01, 0x01};
                case GENOA -> new int[] {0x19, 0x11, 0x01};
                case TURIN -> new int[] {0x1A, 0x02, 0x00};
            };
            out.put(0x188, (byte) cpuid[0]).put(0x189, (byte) cpuid[1]).put(0x18A, (byte) cpuid[2]);
        }
        out.put(0x1A0, chipId);
        out.putLong(0x1E0, currentTcb);
        out.put(0x1E8, (byte) 40).put(0x1E9, (byte) 55).put(0x1EA, (byte) 1);
        out.put(0x1EC, (byte) 40).put(0x1ED, (byte) 55).put(0x1EE, (byte) 1);
        out.putLong(0x1F0, currentTcb);
        if (version >= 5) {
            out.putLong(0x1F8, 0x3L);
            out.putLong(0x200, 0x7L);
        }
        byte[] report = out.array();
        preSign.forEach((offset, bytes) -> System.arraycopy(bytes, 0, report, offset, bytes.length));
        return report;
    }

    private static byte[] sign(PrivateKey key, byte[] message) {
        try {
            Signature signature = Signature.getInstance("SHA384withECDSA");
            signature.initSign(key);
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writeLittleEndian(byte[] report, int offset, BigInteger value) {
        byte[] bigEndian = value.toByteArray();
        for (int i = 0; i < bigEndian.length && i < 72; i++) {
            report[offset + i] = bigEndian[bigEndian.length - 1 - i];
        }
    }
}
