package org.attestation.gateway.crypto;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;

/**
 * ECDSA signature encodings: JCA speaks DER {@code SEQUENCE {r, s}}; JOSE (RFC 7518 §3.4), Intel quotes
 * and AMD reports carry the fixed-width concatenation {@code r || s}.
 */
public final class EcdsaSignatures {

    private EcdsaSignatures() {
    }

    /** DER to {@code r || s}, each padded to {@code fieldBytes}. Rejects anything that is not a strict DER pair. */
    public static byte[] derToConcatenated(byte[] der, int fieldBytes) {
        ASN1Sequence sequence;
        try {
            ASN1Primitive primitive = ASN1Primitive.fromByteArray(der);
            if (!(primitive instanceof ASN1Sequence s) || s.size() != 2
                    || !Arrays.equals(s.getEncoded(ASN1Encoding.DER), der)) {
                throw new IllegalArgumentException("not a DER ECDSA signature");
            }
            sequence = s;
        } catch (IOException | ClassCastException e) {
            throw new IllegalArgumentException("not a DER ECDSA signature", e);
        }
        byte[] out = new byte[2 * fieldBytes];
        writeUnsigned(ASN1Integer.getInstance(sequence.getObjectAt(0)).getPositiveValue(), out, 0, fieldBytes);
        writeUnsigned(ASN1Integer.getInstance(sequence.getObjectAt(1)).getPositiveValue(), out, fieldBytes,
                fieldBytes);
        return out;
    }

    /** {@code r || s} (two equal halves) to DER. */
    public static byte[] concatenatedToDer(byte[] concatenated) {
        if (concatenated.length == 0 || concatenated.length % 2 != 0) {
            throw new IllegalArgumentException("an r || s signature has two halves of equal length, got "
                    + concatenated.length + " bytes");
        }
        int half = concatenated.length / 2;
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(concatenated, 0, half));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(concatenated, half, concatenated.length));
        try {
            return new DERSequence(new ASN1Integer[] {new ASN1Integer(r), new ASN1Integer(s)})
                    .getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writeUnsigned(BigInteger value, byte[] out, int offset, int width) {
        if (value.signum() <= 0) {
            throw new IllegalArgumentException("ECDSA r and s must be positive");
        }
        byte[] bytes = value.toByteArray();
        int start = bytes[0] == 0 ? 1 : 0;
        int length = bytes.length - start;
        if (length > width) {
            throw new IllegalArgumentException("ECDSA value longer than the field (" + length + " > " + width + ")");
        }
        System.arraycopy(bytes, start, out, offset + width - length, length);
    }
}
