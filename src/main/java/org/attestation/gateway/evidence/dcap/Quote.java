package org.attestation.gateway.evidence.dcap;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An SGX or TDX quote, version 3, 4 or 5, parsed as Intel's QVL parses it ({@code Quote::parse} and
 * {@code Quote::validate}). Keeps the bytes exactly as received; the signature covers
 * {@link #signedBytes()}. Bytes after the signature data are ignored, as Intel ignores them.
 */
public final class Quote {

    /** v5: the body descriptor (u16 type, u32 size) between header and body, covered by the signature. */
    static final int V5_BODY_TYPE = QuoteHeader.SIZE;
    static final int V5_BODY_SIZE = QuoteHeader.SIZE + 2;
    static final int V5_BODY = QuoteHeader.SIZE + 6;

    public static final int BODY_SGX = 1;
    public static final int BODY_TD_1_0 = 2;
    public static final int BODY_TD_1_5 = 3;

    /** Signature data: quote signature r‖s, then the attestation public key x‖y. */
    static final int SIG_QUOTE_SIGNATURE = 0;
    static final int SIG_ATTESTATION_KEY = 64;
    static final int SIG_V3_QE_REPORT = 128;
    static final int SIG_V4_CERT_TYPE = 128;
    static final int SIG_V4_CERT_SIZE = 130;
    static final int SIG_V4_CERT_DATA = 134;
    /** v4/v5: the outer certification data type, QE report certification data. */
    static final int CERT_TYPE_QE_REPORT = 6;

    private final byte[] raw;
    private final QuoteHeader header;
    private final int bodyType;
    private final QuoteBody body;
    private final int signedLength;
    private final byte[] quoteSignature;
    private final byte[] attestationKey;
    private final QeCertificationData qe;

    private Quote(byte[] raw, QuoteHeader header, int bodyType, QuoteBody body, int signedLength,
            byte[] quoteSignature, byte[] attestationKey, QeCertificationData qe) {
        this.raw = raw;
        this.header = header;
        this.bodyType = bodyType;
        this.body = body;
        this.signedLength = signedLength;
        this.quoteSignature = quoteSignature;
        this.attestationKey = attestationKey;
        this.qe = qe;
    }

    /** Parses a quote; every structural problem is a {@link QuoteFormatException} saying what and where. */
    public static Quote parse(byte[] bytes) {
        byte[] raw = bytes.clone();
        Cursor in = new Cursor(raw);
        // QVL Quote::parse: header
        QuoteHeader header = new QuoteHeader(in.take(QuoteHeader.SIZE, "the quote header"));
        // QVL Quote::validate: version, key type, TEE type, QE vendor
        int version = header.version();
        if (version < 3 || version > 5) {
            throw new QuoteFormatException("unsupported quote version " + version + " (3, 4 and 5 are supported)");
        }
        if (header.attestationKeyType() != QuoteHeader.ATT_KEY_TYPE_ECDSA_P256) {
            throw new QuoteFormatException("unsupported attestation key type " + header.attestationKeyType()
                    + " (only 2, ECDSA P-256)");
        }
        if (header.teeType() != QuoteHeader.TEE_TYPE_SGX && header.teeType() != QuoteHeader.TEE_TYPE_TDX) {
            throw new QuoteFormatException("unknown TEE type 0x" + Long.toHexString(header.teeType())
                    + " (0 is SGX, 0x81 is TDX)");
        }
        if (version == 3 && header.isTdx()) {
            throw new QuoteFormatException("a version 3 quote cannot be a TDX quote");
        }
        if (!Arrays.equals(header.qeVendorId(), QuoteHeader.INTEL_QE_VENDOR_ID)) {
            throw new QuoteFormatException("QE vendor id " + HexFormat.of().formatHex(header.qeVendorId())
                    + " is not Intel's");
        }
        // QVL Quote::parse: body (v5 announces its type and size)
        int bodyType;
        int bodySize;
        if (version == 5) {
            bodyType = LittleEndian.u16(in.take(2, "the body type"), 0);
            long declared = LittleEndian.u32(in.take(4, "the body size"), 0);
            bodySize = switch (bodyType) {
                case BODY_SGX -> SgxReportBody.SIZE;
                case BODY_TD_1_0 -> TdReportBody.SIZE_1_0;
                case BODY_TD_1_5 -> TdReportBody.SIZE_1_5;
                default -> throw new QuoteFormatException("unknown quote body type " + bodyType);
            };
            if (declared != bodySize) {
                throw new QuoteFormatException("body type " + bodyType + " has " + bodySize
                        + " bytes, but the quote declares " + declared);
            }
            if ((bodyType == BODY_SGX) == header.isTdx()) {
                throw new QuoteFormatException("body type " + bodyType + " does not match the TEE type of the header");
            }
        } else {
            bodyType = header.isTdx() ? BODY_TD_1_0 : BODY_SGX;
            bodySize = header.isTdx() ? TdReportBody.SIZE_1_0 : SgxReportBody.SIZE;
        }
        byte[] bodyBytes = in.take(bodySize, "the report body");
        QuoteBody body = bodyType == BODY_SGX ? new SgxReportBody(bodyBytes) : new TdReportBody(bodyBytes);
        int signedLength = in.position();
        // QVL Quote::parse: signature data; what follows it is ignored
        long signatureDataLength = LittleEndian.u32(in.take(4, "the signature data length"), 0);
        Cursor signature = in.sub(signatureDataLength, "the signature data");
        byte[] quoteSignature = signature.take(64, "the quote signature");
        byte[] attestationKey = signature.take(64, "the attestation key");
        QeCertificationData qe;
        if (version == 3) {
            qe = qeCertificationData(signature, "signature data");
        } else {
            int outerType = LittleEndian.u16(signature.take(2, "the certification data type"), 0);
            if (outerType != CERT_TYPE_QE_REPORT) {
                throw new QuoteFormatException("a version " + version
                        + " quote carries certification data type 6 (QE report), not " + outerType);
            }
            long outerSize = LittleEndian.u32(signature.take(4, "the certification data size"), 0);
            Cursor outer = signature.sub(outerSize, "the QE report certification data");
            qe = qeCertificationData(outer, "QE report certification data");
            outer.requireEnd("QE report certification data");
        }
        signature.requireEnd("signature data");
        return new Quote(raw, header, bodyType, body, signedLength, quoteSignature, attestationKey, qe);
    }

    private static QeCertificationData qeCertificationData(Cursor in, String where) {
        SgxReportBody qeReport = new SgxReportBody(in.take(SgxReportBody.SIZE, "the QE report"));
        byte[] qeReportSignature = in.take(64, "the QE report signature");
        int authLength = LittleEndian.u16(in.take(2, "the QE authentication data size"), 0);
        byte[] authData = in.take(authLength, "the QE authentication data");
        int certType = LittleEndian.u16(in.take(2, "the certification data type"), 0);
        if (certType < 1 || certType > 5) {
            throw new QuoteFormatException("unknown certification data type " + certType + " in the " + where);
        }
        long certSize = LittleEndian.u32(in.take(4, "the certification data size"), 0);
        if (certSize != in.remaining()) {
            // QVL: the declared certification data size must equal the bytes present
            throw new QuoteFormatException("the certification data size is " + certSize + " but " + in.remaining()
                    + " bytes are present in the " + where);
        }
        byte[] certData = in.take((int) certSize, "the certification data");
        return new QeCertificationData(qeReport, qeReportSignature, authData, certType, certData);
    }

    /** The quote exactly as received, trailing bytes included. */
    public byte[] raw() {
        return raw.clone();
    }

    public QuoteHeader header() {
        return header;
    }

    public int version() {
        return header.version();
    }

    public boolean isTdx() {
        return header.isTdx();
    }

    /** 1 SGX enclave report, 2 TD report 1.0, 3 TD report 1.5 (v3 and v4 quotes imply 1 or 2). */
    public int bodyType() {
        return bodyType;
    }

    public QuoteBody body() {
        return body;
    }

    /** Header, the v5 body descriptor, and body: the bytes the attestation key signed. */
    public byte[] signedBytes() {
        return Arrays.copyOf(raw, signedLength);
    }

    public byte[] quoteSignature() {
        return quoteSignature.clone();
    }

    /** The attestation public key, x‖y (64 bytes). */
    public byte[] attestationKey() {
        return attestationKey.clone();
    }

    public QeCertificationData qe() {
        return qe;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Quote other && Arrays.equals(raw, other.raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return "Quote[v" + version() + ", " + (isTdx() ? "TDX" : "SGX") + ", " + raw.length + " bytes]";
    }

    /** Reads forward through a bounded range; running past its end is a format error naming the field. */
    private static final class Cursor {
        private final byte[] bytes;
        private final int end;
        private int position;

        Cursor(byte[] bytes) {
            this(bytes, 0, bytes.length);
        }

        private Cursor(byte[] bytes, int start, int end) {
            this.bytes = bytes;
            this.position = start;
            this.end = end;
        }

        byte[] take(int length, String what) {
            if (length > remaining()) {
                throw new QuoteFormatException("the quote is too short for " + what + ": " + length
                        + " bytes needed at offset " + position + ", " + remaining() + " left");
            }
            byte[] out = Arrays.copyOfRange(bytes, position, position + length);
            position += length;
            return out;
        }

        /** The next {@code length} bytes as a cursor of their own. */
        Cursor sub(long length, String what) {
            if (length > remaining()) {
                throw new QuoteFormatException("the size of " + what + " (" + length + ") points past the end of "
                        + "the quote: " + remaining() + " bytes left at offset " + position);
            }
            Cursor inner = new Cursor(bytes, position, position + (int) length);
            position += (int) length;
            return inner;
        }

        void requireEnd(String what) {
            if (position != end) {
                throw new QuoteFormatException((end - position) + " unexpected bytes at the end of the " + what);
            }
        }

        int remaining() {
            return end - position;
        }

        int position() {
            return position;
        }
    }
}
