package org.attestation.gateway.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.attestation.gateway.evidence.dcap.DcapCollateral;

/**
 * Intel PCS on 127.0.0.1 (WireMock): serves TCB info, QE identity, PCK CRL and root CA CRL with Intel's
 * response headers, built from collateral in the {@code sgx_ql_qve_collateral_t} shape. A PCS body is
 * {@code {"tcbInfo":<exact signed text>,"signature":"<hex>"}}, as Intel sends it; issuer chains go in
 * URL-encoded headers, as Intel sends them.
 */
public final class FakePcs extends FakeUpstream {

    /** Serves every item of {@code collateral} for a quote of {@code tee} with {@code fmspc}, PCK CA {@code ca}. */
    public FakePcs serve(String tee, String fmspc, String ca, DcapCollateral collateral) {
        serveTcbInfo(tee, fmspc, ok(pcsBody("tcbInfo", collateral.tcbInfo(), collateral.tcbInfoSignature()))
                .withHeader("TCB-Info-Issuer-Chain", urlEncode(collateral.tcbInfoIssuerChain())));
        serveQeIdentity(tee, ok(pcsBody("enclaveIdentity", collateral.qeIdentity(), collateral.qeIdentitySignature()))
                .withHeader("SGX-Enclave-Identity-Issuer-Chain", urlEncode(collateral.qeIdentityIssuerChain())));
        servePckCrl(ca, aResponse().withStatus(200).withHeader("Content-Type", "application/pkix-crl")
                .withBody(collateral.pckCrl())
                .withHeader("SGX-PCK-CRL-Issuer-Chain", urlEncode(collateral.pckCrlIssuerChain())));
        serveRootCaCrl(aResponse().withStatus(200).withBody(collateral.rootCaCrl()));
        return this;
    }

    public void serveTcbInfo(String tee, String fmspc, ResponseDefinitionBuilder response) {
        server.stubFor(withPath("/" + tee + "/certification/v4/tcb").withQueryParam("fmspc", equalTo(fmspc))
                .willReturn(response));
    }

    public void serveQeIdentity(String tee, ResponseDefinitionBuilder response) {
        server.stubFor(withPath("/" + tee + "/certification/v4/qe/identity").willReturn(response));
    }

    public void serveQveIdentity(ResponseDefinitionBuilder response) {
        server.stubFor(withPath("/sgx/certification/v4/qve/identity").willReturn(response));
    }

    public void servePckCrl(String ca, ResponseDefinitionBuilder response) {
        server.stubFor(withPath("/sgx/certification/v4/pckcrl").withQueryParam("ca", equalTo(ca)).willReturn(response));
    }

    public void serveRootCaCrl(ResponseDefinitionBuilder response) {
        server.stubFor(withPath("/sgx/certification/v4/rootcacrl").willReturn(response));
    }

    private static MappingBuilder withPath(String path) {
        return get(urlPathEqualTo(path));
    }

    /** A PCS JSON body around the exact signed text, compact and member first as Intel writes it. */
    public static String pcsBody(String member, String text, byte[] signature) {
        return "{\"" + member + "\":" + text + ",\"signature\":\"" + HexFormat.of().formatHex(signature) + "\"}";
    }

    public static ResponseDefinitionBuilder ok(String json) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(json);
    }

    /** Percent-encodes everything but unreserved characters, as Intel encodes issuer chains. */
    public static String urlEncode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (Character.isLetterOrDigit(c) && c < 128 || "-_.~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return out.toString();
    }
}
