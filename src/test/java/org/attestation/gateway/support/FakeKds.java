package org.attestation.gateway.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.nio.charset.StandardCharsets;
import org.attestation.gateway.evidence.snp.SigningKey;
import org.attestation.gateway.evidence.snp.testpki.SnpTestPki;

/** AMD KDS on 127.0.0.1 (WireMock): each path answers what a test stubs, and counts its requests. */
public final class FakeKds extends FakeUpstream {

    /** Answers {@code path} (query ignored) with {@code response}. */
    public FakeKds serve(String path, ResponseDefinitionBuilder response) {
        server.stubFor(get(urlPathEqualTo(path)).willReturn(response));
        return this;
    }

    /** Answers {@code path} with 200 and {@code body}. */
    public FakeKds serve(String path, byte[] body) {
        return serve(path, aResponse().withStatus(200).withBody(body));
    }

    /** Serves the VCEK cert_chain and CRL of {@code pki}'s product from {@code pki}. */
    public FakeKds serveChainAndCrl(SnpTestPki pki) {
        String product = pki.product().kdsName();
        serve("/vcek/v1/" + product + "/cert_chain", pki.certChainPem(SigningKey.VCEK).getBytes(StandardCharsets.US_ASCII));
        return serve("/vcek/v1/" + product + "/crl", pki.kdsCrl());
    }
}
