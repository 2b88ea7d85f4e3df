package org.attestation.gateway.collateral;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509CRL;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.attestation.gateway.crypto.Pem;
import org.attestation.gateway.error.GatewayException;
import org.attestation.gateway.evidence.dcap.DcapCollateral;
import org.attestation.gateway.evidence.dcap.DcapVerifier;
import org.attestation.gateway.evidence.dcap.EnclaveIdentity;
import org.attestation.gateway.evidence.dcap.SignedMember;
import org.attestation.gateway.evidence.dcap.TcbInfo;
import org.attestation.gateway.store.CollateralEntry;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * Checks one fetched item before any layer holds it (chain to the trusted root, signature over the exact
 * bytes, that it is the item asked for) and assembles verified items into the collateral of a quote.
 */
final class CollateralItems {

    private CollateralItems() {
    }

    /** Checks an item; answers its {@code nextUpdate}. Throws {@link CollateralRejectedException}. */
    static Instant check(DcapVerifier checker, IntelCollateralKey key, byte[] body, Map<String, String> headers) {
        try {
            return switch (key.kind()) {
                case TCB_INFO -> {
                    TcbInfo tcbInfo = checker.checkTcbInfo(text(body), issuerChain(key, headers));
                    String expectedId = key.tee().equals(IntelCollateralKey.TDX) ? TcbInfo.TDX : TcbInfo.SGX;
                    String fmspc = HexFormat.of().withUpperCase().formatHex(tcbInfo.fmspc());
                    if (!tcbInfo.id().equals(expectedId) || !fmspc.equals(key.fmspc())) {
                        throw new IllegalArgumentException("it is " + tcbInfo.id() + " TCB info for FMSPC " + fmspc);
                    }
                    yield tcbInfo.nextUpdate();
                }
                case QE_IDENTITY, QVE_IDENTITY -> {
                    EnclaveIdentity identity = checker.checkEnclaveIdentity(text(body), issuerChain(key, headers));
                    String expectedId = key.kind() == IntelCollateralKey.Kind.QVE_IDENTITY ? "QVE"
                            : key.tee().equals(IntelCollateralKey.TDX) ? EnclaveIdentity.TD_QE : EnclaveIdentity.QE;
                    if (!identity.id().equals(expectedId)) {
                        throw new IllegalArgumentException("it is the identity of " + identity.id());
                    }
                    yield identity.nextUpdate();
                }
                case PCK_CRL -> {
                    X509CRL crl = checker.checkPckCrl(crlDer(body), issuerChain(key, headers));
                    String issuer = crl.getIssuerX500Principal().getName();
                    if (!issuer.toLowerCase(Locale.ROOT).contains(key.ca())) {
                        throw new IllegalArgumentException("it is the CRL of " + issuer);
                    }
                    yield crl.getNextUpdate().toInstant();
                }
                case ROOT_CA_CRL -> checker.checkRootCaCrl(crlDer(body)).getNextUpdate().toInstant();
            };
        } catch (GatewayException | IllegalArgumentException e) {
            throw new CollateralRejectedException(key + " was rejected: " + e.getMessage(), e);
        }
    }

    /** The collateral of one quote from its four verified items. */
    static DcapCollateral assemble(IntelCollateralKey tcbKey, CollateralEntry tcbInfo, IntelCollateralKey qeKey,
            CollateralEntry qeIdentity, IntelCollateralKey crlKey, CollateralEntry pckCrl, CollateralEntry rootCaCrl) {
        SignedMember tcb = SignedMember.of(text(tcbInfo.body()), "tcbInfo");
        SignedMember qe = SignedMember.of(text(qeIdentity.body()), "enclaveIdentity");
        return new DcapCollateral(issuerChain(crlKey, pckCrl.headers()), crlDer(rootCaCrl.body()),
                crlDer(pckCrl.body()), issuerChain(tcbKey, tcbInfo.headers()), tcb.text(), tcb.signature(),
                issuerChain(qeKey, qeIdentity.headers()), qe.text(), qe.signature());
    }

    /** The PEM issuer chain of an item, percent-decoded from its response header ('+' stays '+'). */
    static String issuerChain(IntelCollateralKey key, Map<String, String> headers) {
        return percentDecode(encodedIssuerChain(key, headers));
    }

    /** The issuer chain header of an item as received, URL-encoded; a v3 PCCS names the TCB info one differently. */
    static String encodedIssuerChain(IntelCollateralKey key, Map<String, String> headers) {
        String value = headers.get(key.kind().issuerChainHeader());
        if (value == null && key.kind() == IntelCollateralKey.Kind.TCB_INFO) {
            value = headers.get("SGX-TCB-Info-Issuer-Chain");
        }
        if (value == null) {
            throw new IllegalArgumentException("the response has no " + key.kind().issuerChainHeader() + " header");
        }
        return value;
    }

    static String percentDecode(String value) {
        byte[] out = new byte[value.length()];
        int length = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%' && i + 2 < value.length()) {
                out[length++] = (byte) Integer.parseInt(value.substring(i + 1, i + 3), 16);
                i += 2;
            } else {
                out[length++] = (byte) c;
            }
        }
        return new String(out, 0, length, StandardCharsets.UTF_8);
    }

    /** A CRL body as PCS (DER, or PEM by default) or PCCS (hex of DER) sends it. */
    static byte[] crlDer(byte[] body) {
        String text = new String(body, StandardCharsets.US_ASCII).strip();
        if (text.startsWith("-----BEGIN")) {
            List<PemObject> blocks = Pem.blocks(text);
            if (blocks.size() == 1) {
                return blocks.get(0).getContent();
            }
        } else if (!text.isEmpty() && text.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return HexFormat.of().parseHex(text);
        }
        return body;
    }

    static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }

}
