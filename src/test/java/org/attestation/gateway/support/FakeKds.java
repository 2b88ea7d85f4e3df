package org.attestation.gateway.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

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

    /** Serves a product's VCEK cert_chain and CRL from {@code pki}. */
    public FakeKds serveChainAndCrl(String product, AmdTestPki pki) {
        serve("/vcek/v1/" + product + "/cert_chain", pki.certChain());
        return serve("/vcek/v1/" + product + "/crl", pki.crl());
    }
}
