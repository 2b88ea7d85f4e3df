package org.attestation.gateway.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Stream;
import org.attestation.gateway.support.P1;
import org.attestation.gateway.support.P1Gateway;
import org.attestation.gateway.support.TestGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bad attestation requests against a gateway that verifies for real: each gets its exact status and MAA error
 * code, and none gets a token. The valid request beside them proves the gateway would have issued one.
 */
class BadRequestCorpusTest {

    private static final String ATTEST = "/attest/SgxEnclave?api-version=2022-08-01";
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    @RegisterExtension
    static final P1Gateway P1_GATEWAY = new P1Gateway(Map.of("GATEWAY_HTTP_MAX_BODY_SIZE", "64KiB"));

    private static byte[] quote() {
        return P1.quote();
    }

    private static String quoteBody(byte[] quote) {
        return new JsonObject().put("quote", B64URL.encodeToString(quote)).encode();
    }

    private static byte[] flipped(int offsetFromEnd) {
        byte[] quote = quote();
        quote[quote.length - offsetFromEnd] ^= 0x01;
        return quote;
    }

    static Stream<Arguments> corpus() {
        String runtimeData = B64URL.encodeToString("not what the enclave bound".getBytes());
        return Stream.of(
                Arguments.of("malformed JSON", ATTEST, "{\"quote\":", 400, "InvalidParameter"),
                Arguments.of("a JSON array", ATTEST, "[]", 400, "InvalidParameter"),
                Arguments.of("no quote", ATTEST, "{}", 400, "InvalidParameter"),
                Arguments.of("quote of the wrong type", ATTEST, "{\"quote\":42}", 400, "InvalidParameter"),
                Arguments.of("quote not base64", ATTEST, "{\"quote\":\"***\"}", 400, "InvalidParameter"),
                Arguments.of("empty quote", ATTEST, "{\"quote\":\"\"}", 400, "InvalidParameter"),
                Arguments.of("quote cut in the header", ATTEST, quoteBody(Arrays.copyOf(quote(), 40)), 400,
                        "InvalidParameter"),
                Arguments.of("quote cut in the signature data", ATTEST,
                        quoteBody(Arrays.copyOf(quote(), quote().length - 100)), 400, "InvalidParameter"),
                Arguments.of("a bit flipped in the report body", ATTEST, quoteBody(flippedAt(100)), 400,
                        "InvalidParameter"),
                Arguments.of("a bit flipped in the certification data", ATTEST, quoteBody(flipped(10)), 400,
                        "InvalidParameter"),
                Arguments.of("runtime data that does not match the report data", ATTEST,
                        new JsonObject().put("quote", B64URL.encodeToString(quote())).put("runtimeData",
                                new JsonObject().put("data", runtimeData).put("dataType", "Binary")).encode(),
                        400, "InvalidParameter"),
                Arguments.of("runtime data of an unknown type", ATTEST,
                        new JsonObject().put("quote", B64URL.encodeToString(quote())).put("runtimeData",
                                new JsonObject().put("data", runtimeData).put("dataType", "Xml")).encode(),
                        400, "InvalidParameter"),
                Arguments.of("unknown api-version", "/attest/SgxEnclave?api-version=1999-01-01", quoteBody(quote()),
                        400, "InvalidParameter"),
                Arguments.of("no api-version", "/attest/SgxEnclave", quoteBody(quote()), 400, "InvalidParameter"),
                Arguments.of("unknown attestation type", "/attest/Foo?api-version=2022-08-01", quoteBody(quote()),
                        404, "NotFound"),
                Arguments.of("oversized body", ATTEST, "{\"quote\":\"" + "A".repeat(70_000) + "\"}", 413,
                        "RequestEntityTooLarge"),
                Arguments.of("an SGX quote sent as TDX", "/attest/TdxVm?api-version=2022-08-01", quoteBody(quote()),
                        400, "InvalidParameter"));
    }

    private static byte[] flippedAt(int offset) {
        byte[] quote = quote();
        quote[48 + offset] ^= 0x01;
        return quote;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void eachBadRequestGetsItsStatusAndCodeAndNoToken(String name, String path, String body, int status, String code) {
        // When the bad request is sent
        HttpResponse<String> response = P1_GATEWAY.gateway().post(path, "application/json", body);

        // Then it gets MAA's error shape with the expected status and code, a message to act on, and no token
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonObject error = new JsonObject(response.body()).getJsonObject("error");
        assertThat(error.getString("code")).isEqualTo(code);
        assertThat(error.getString("message")).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(new JsonObject(response.body()).containsKey("token")).isFalse();
    }

    @Test
    void theSameQuoteUntouchedGetsAToken() {
        HttpResponse<String> response = P1_GATEWAY.gateway().post(ATTEST, "application/json", quoteBody(quote()));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(new JsonObject(response.body()).getString("token")).isNotBlank();
    }

    @Test
    void aWrongContentTypeIs415() {
        HttpResponse<String> response = TestGateway.send(HttpRequest.newBuilder(P1_GATEWAY.gateway().url(ATTEST))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(quoteBody(quote())))
                .build());

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(new JsonObject(response.body()).getJsonObject("error").getString("code"))
                .isEqualTo("UnsupportedMediaType");
    }
}
