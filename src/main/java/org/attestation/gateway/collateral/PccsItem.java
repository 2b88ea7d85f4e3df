package org.attestation.gateway.collateral;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import org.attestation.gateway.crypto.Pem;
import org.attestation.gateway.store.CollateralEntry;

/**
 * A cached item as Intel PCS and PCCS hand it to their clients (QCNL, QVL): the body, its content type and
 * the issuer chain header, URL-encoded exactly as received. JSON bodies are the bytes received, never
 * re-serialised: their signatures cover those bytes.
 */
public record PccsItem(byte[] body, String contentType, Map<String, String> headers) {

    /** How a CRL is written: DER or PEM as PCS serves {@code pckcrl}, hex of DER as PCCS serves {@code rootcacrl}. */
    public enum CrlEncoding {
        DER, PEM, HEX
    }

    /** TCB info or an enclave identity. */
    public static PccsItem json(IntelCollateralKey key, CollateralEntry entry) {
        return new PccsItem(entry.body(), "application/json", issuerChain(key, entry));
    }

    /** A CRL, whatever form it was fetched in (a PCCS upstream sends hex), in the encoding asked for. */
    public static PccsItem crl(IntelCollateralKey key, CollateralEntry entry, CrlEncoding encoding) {
        byte[] der = CollateralItems.crlDer(entry.body());
        Map<String, String> headers = issuerChain(key, entry);
        return switch (encoding) {
            case DER -> new PccsItem(der, "application/pkix-crl", headers);
            case PEM -> new PccsItem(ascii(Pem.encode(Pem.CRL, der)), "application/x-pem-file", headers);
            case HEX -> new PccsItem(ascii(HexFormat.of().formatHex(der)), "text/plain", headers);
        };
    }

    private static Map<String, String> issuerChain(IntelCollateralKey key, CollateralEntry entry) {
        String header = key.kind().issuerChainHeader();
        return header == null ? Map.of() : Map.of(header, CollateralItems.encodedIssuerChain(key, entry.headers()));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
