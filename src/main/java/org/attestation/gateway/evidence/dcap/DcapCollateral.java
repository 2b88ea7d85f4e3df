package org.attestation.gateway.evidence.dcap;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.attestation.gateway.crypto.Pem;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * The collateral that judges one quote, in the shape of Intel's {@code sgx_ql_qve_collateral_t}, exactly as
 * received: issuer chains as PEM text, CRLs as DER, TCB info and QE identity as the exact JSON text that
 * was signed, signatures as raw r‖s. Nothing here is trusted until {@link DcapVerifier} has checked it.
 */
public record DcapCollateral(String pckCrlIssuerChain, byte[] rootCaCrl, byte[] pckCrl, String tcbInfoIssuerChain,
        String tcbInfo, byte[] tcbInfoSignature, String qeIdentityIssuerChain, String qeIdentity,
        byte[] qeIdentitySignature) {

    public DcapCollateral {
        rootCaCrl = rootCaCrl.clone();
        pckCrl = pckCrl.clone();
        tcbInfoSignature = tcbInfoSignature.clone();
        qeIdentitySignature = qeIdentitySignature.clone();
    }

    /**
     * Reads the JSON object of INTERFACE.md ({@code verify --collateral}): the fields of
     * {@code sgx_ql_qve_collateral_t}; CRLs as hex of DER or PEM, signatures as hex.
     */
    public static DcapCollateral fromJson(String text) {
        Json json = new Json(QvlStatus.UNSUPPORTED_CERT_FORMAT, "the collateral");
        JsonNode root = json.parse(text);
        return new DcapCollateral(
                json.text(root, "pck_crl_issuer_chain"),
                crl(json, json.text(root, "root_ca_crl"), "root_ca_crl"),
                crl(json, json.text(root, "pck_crl"), "pck_crl"),
                json.text(root, "tcb_info_issuer_chain"),
                json.text(root, "tcb_info"),
                json.hex(root, "tcb_info_signature", 64),
                json.text(root, "qe_identity_issuer_chain"),
                json.text(root, "qe_identity"),
                json.hex(root, "qe_identity_signature", 64));
    }

    /** A CRL as QvE accepts it: PEM, or hex of DER. */
    static byte[] crl(Json json, String value, String field) {
        String trimmed = value.strip();
        if (trimmed.startsWith("-----BEGIN")) {
            List<PemObject> blocks = Pem.blocks(trimmed);
            if (blocks.size() != 1 || !blocks.get(0).getType().equals(Pem.CRL)) {
                throw json.fail("has a " + field + " that is not one PEM X509 CRL");
            }
            return blocks.get(0).getContent();
        }
        try {
            return HexFormat.of().parseHex(trimmed);
        } catch (IllegalArgumentException e) {
            throw json.fail("has a " + field + " that is neither PEM nor hex of DER");
        }
    }

    /** SHA-256 over every field, length-prefixed: the identity of this collateral for caching. */
    public byte[] digest() {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (byte[] part : List.of(utf8(pckCrlIssuerChain), rootCaCrl, pckCrl, utf8(tcbInfoIssuerChain),
                    utf8(tcbInfo), tcbInfoSignature, utf8(qeIdentityIssuerChain), utf8(qeIdentity),
                    qeIdentitySignature)) {
                sha256.update(ByteBuffer.allocate(4).putInt(part.length).array());
                sha256.update(part);
            }
            return sha256.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SHA-256 (lower-case hex) of each piece exactly as received, by MAA's {@code x-ms-sgx-collateral} names. */
    public Map<String, String> pieceHashes() {
        HexFormat hex = HexFormat.of();
        return Map.of("qeidcertshash", hex.formatHex(DcapVerifier.sha256(utf8(qeIdentityIssuerChain))),
                "qeidcrlhash", hex.formatHex(DcapVerifier.sha256(rootCaCrl)),
                "qeidhash", hex.formatHex(DcapVerifier.sha256(utf8(qeIdentity))),
                "tcbinfocertshash", hex.formatHex(DcapVerifier.sha256(utf8(tcbInfoIssuerChain))),
                "tcbinfocrlhash", hex.formatHex(DcapVerifier.sha256(pckCrl)),
                "tcbinfohash", hex.formatHex(DcapVerifier.sha256(utf8(tcbInfo))));
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] rootCaCrl() {
        return rootCaCrl.clone();
    }

    @Override
    public byte[] pckCrl() {
        return pckCrl.clone();
    }

    @Override
    public byte[] tcbInfoSignature() {
        return tcbInfoSignature.clone();
    }

    @Override
    public byte[] qeIdentitySignature() {
        return qeIdentitySignature.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DcapCollateral other && Arrays.equals(digest(), other.digest());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(digest());
    }

    @Override
    public String toString() {
        return "DcapCollateral[" + HexFormat.of().formatHex(digest(), 0, 8) + "]";
    }
}
