package org.attestation.gateway.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.security.attestation.AttestationClient;
import com.azure.security.attestation.AttestationClientBuilder;
import com.azure.security.attestation.models.AttestationData;
import com.azure.security.attestation.models.AttestationDataInterpretation;
import com.azure.security.attestation.models.AttestationOptions;
import com.azure.security.attestation.models.AttestationResult;
import com.azure.security.attestation.models.AttestationTokenValidationOptions;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.attestation.gateway.evidence.dcap.DcapCollateral;
import org.attestation.gateway.evidence.dcap.testpki.CaType;
import org.attestation.gateway.evidence.dcap.testpki.DcapTestDefaults;
import org.attestation.gateway.evidence.dcap.testpki.DcapTestPki;
import org.attestation.gateway.support.FakePcs;
import org.attestation.gateway.support.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runtime and init-time data bound end to end, and the token read claim by claim against maa-api.md §3. The
 * SDK's own vectors come without collateral, so the quotes here are the test PKI's, with SHA-256 of the data in
 * their report data and CONFIGID (MRCONFIGID for TDX); the gateway trusts the test root and fetches the test
 * collateral from a fake PCS.
 */
class AzureSdkDataBindingTest {

    private static final byte[] RUNTIME_JSON = "{\"jwk\":{\"kty\":\"RSA\",\"e\":\"AQAB\"},\"attempt\":3,\"fresh\":true}"
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] INIT_TIME_JSON = "{\"owner\":\"ops\",\"tier\":2}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] RUNTIME_BINARY = "-----BEGIN PUBLIC KEY-----\nnot really\n".getBytes(StandardCharsets.UTF_8);
    private static final long EIGHT_HOURS = 8 * 3600;

    @TempDir
    static Path dir;

    static DcapTestPki pki;
    static FakePcs pcs;
    static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        pki = DcapTestPki.create();
        Path root = Files.writeString(dir.resolve("root.pem"), pki.rootCertificatePem());
        pcs = new FakePcs()
                .serve("sgx", DcapTestDefaults.FMSPC, "processor", collateral(false))
                .serve("tdx", DcapTestDefaults.FMSPC, "processor", collateral(true));
        gateway = TestGateway.startVerifying(TestGateway.config(dir.resolve("data"), Map.of(
                "GATEWAY_INTEL_PCS_URL", pcs.url(), "GATEWAY_TRUST_INTEL_ROOT", root.toString(),
                "GATEWAY_VERIFY_AT", "2026-06-01T00:00:00Z")));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        pcs.close();
    }

    private static DcapCollateral collateral(boolean tdx) {
        var builder = pki.collateral().pckCa(CaType.PROCESSOR);
        return DcapCollateral.fromJson((tdx ? builder.tdx() : builder.sgx()).buildCollateral().toJson());
    }

    private static byte[] sha256(byte[] data, int size) throws Exception {
        return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(data), size);
    }

    private static byte[] sgxQuote(byte[] runtime, byte[] initTime) throws Exception {
        return pki.quote().sgx().pckCa(CaType.PROCESSOR).reportData(sha256(runtime, 64)).configId(sha256(initTime, 64))
                .build();
    }

    private static byte[] openEnclaveReport(byte[] quote) {
        return ByteBuffer.allocate(16 + quote.length).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(1).putInt(2).putLong(quote.length).put(quote).array();
    }

    private static AttestationClient client() {
        String endpoint = gateway.url("/").toString().replaceAll("/$", "");
        return new AttestationClientBuilder().endpoint(endpoint).httpClient(new JdkHttpClientBuilder().build())
                .tokenValidationOptions(new AttestationTokenValidationOptions().setExpectedIssuer(endpoint)
                        .setValidationSlack(Duration.ofSeconds(10)))
                .buildClient();
    }

    private static JsonObject part(String jwt, int index) {
        return new JsonObject(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[index]), StandardCharsets.UTF_8));
    }

    @Test
    void jsonRuntimeAndInitTimeDataBecomeTheirClaimsInATokenShapedAsMaasIs() throws Exception {
        // Given an SGX quote whose report data and CONFIGID carry the hashes of JSON runtime and init-time data
        AttestationOptions options = new AttestationOptions(BinaryData.fromBytes(sgxQuote(RUNTIME_JSON, INIT_TIME_JSON)))
                .setRunTimeData(new AttestationData(BinaryData.fromBytes(RUNTIME_JSON), AttestationDataInterpretation.JSON))
                .setInitTimeData(new AttestationData(BinaryData.fromBytes(INIT_TIME_JSON), AttestationDataInterpretation.JSON));

        // When the SDK attests it, validating the token
        var response = client().attestSgxEnclaveWithResponse(options, Context.NONE);
        AttestationResult result = response.getValue();

        // Then the SDK reads the documents back as the runtime and init-time claims
        assertThat(result.getRuntimeClaims()).isEqualTo(Map.of("jwk", Map.of("kty", "RSA", "e", "AQAB"), "attempt", 3,
                "fresh", true));
        assertThat(result.getInitTimeClaims()).isEqualTo(Map.of("owner", "ops", "tier", 2));
        assertThat(result.getEnclaveHeldData().toBytes()).isEqualTo(RUNTIME_JSON);

        // And the token is MAA's, header and claims, with integers as integers
        String jwt = response.getToken().serialize();
        JsonObject header = part(jwt, 0);
        JsonObject claims = part(jwt, 1);
        String issuer = gateway.url("/").toString().replaceAll("/$", "");
        assertThat(header.fieldNames()).containsExactlyInAnyOrder("alg", "jku", "kid", "typ");
        assertThat(header.getString("alg")).isEqualTo("RS256");
        assertThat(header.getString("jku")).isEqualTo(issuer + "/certs");
        assertThat(header.getString("typ")).isEqualTo("JWT");
        assertThat(claims.getString("jti")).matches("[0-9a-f]{64}");
        assertThat(claims.getString("iss")).isEqualTo(issuer);
        assertThat(List.of(claims.getValue("iat"), claims.getValue("nbf"), claims.getValue("exp")))
                .allSatisfy(time -> assertThat(time).isInstanceOfAny(Integer.class, Long.class));
        assertThat(claims.getLong("nbf")).isEqualTo(claims.getLong("iat"));
        assertThat(claims.getLong("exp") - claims.getLong("iat")).isEqualTo(EIGHT_HOURS);
        assertThat(claims.getString("x-ms-ver")).isEqualTo("1.0");
        assertThat(claims.getString("x-ms-attestation-type")).isEqualTo("sgx");
        assertThat(claims.getString("x-ms-policy-hash")).matches("[A-Za-z0-9_-]{43}");
        assertThat(claims.getValue("x-ms-sgx-is-debuggable")).isEqualTo(false);
        assertThat(claims.getString("x-ms-sgx-mrenclave")).isEqualTo(DcapTestDefaults.MR_ENCLAVE.toLowerCase());
        assertThat(claims.getString("x-ms-sgx-mrsigner")).isEqualTo(DcapTestDefaults.MR_SIGNER.toLowerCase());
        assertThat(claims.getValue("x-ms-sgx-product-id")).isInstanceOf(Integer.class);
        assertThat(claims.getValue("x-ms-sgx-svn")).isInstanceOf(Integer.class);
        assertThat(claims.getString("x-ms-sgx-report-data")).isEqualTo(java.util.HexFormat.of().formatHex(sha256(RUNTIME_JSON, 64)));
        assertThat(claims.getJsonObject("x-ms-sgx-collateral").fieldNames()).containsExactlyInAnyOrder("qeidcertshash",
                "qeidcrlhash", "qeidhash", "quotehash", "tcbinfocertshash", "tcbinfocrlhash", "tcbinfohash");
        assertThat(claims.getJsonObject("x-ms-runtime").getInteger("attempt")).isEqualTo(3);
        assertThat(claims.getJsonObject("x-ms-inittime").getInteger("tier")).isEqualTo(2);
        String ehd = Base64.getUrlEncoder().withoutPadding().encodeToString(RUNTIME_JSON);
        assertThat(claims.getString("x-ms-sgx-ehd")).isEqualTo(ehd);
        // The deprecated duplicates MAA still emits, from the engine and from the default policy
        assertThat(claims.getString("maa-ehd")).isEqualTo(ehd);
        assertThat(claims.getString("aas-ehd")).isEqualTo(ehd);
        assertThat(claims.getJsonObject("maa-attestationcollateral").getString("maa-quotehash"))
                .isEqualTo(claims.getJsonObject("x-ms-sgx-collateral").getString("quotehash"));
        assertThat(claims.getString("ver")).isEqualTo("1.0");
        assertThat(claims.getValue("is-debuggable")).isEqualTo(false);
        assertThat(claims.getString("sgx-mrenclave")).isEqualTo(claims.getString("x-ms-sgx-mrenclave"));
        assertThat(claims.getString("sgx-mrsigner")).isEqualTo(claims.getString("x-ms-sgx-mrsigner"));
        assertThat(claims.getValue("product-id")).isEqualTo(claims.getValue("x-ms-sgx-product-id"));
        assertThat(claims.getValue("svn")).isEqualTo(claims.getValue("x-ms-sgx-svn"));
        assertThat(claims.getString("tee")).isEqualTo("sgx");
        // The claims beyond MAA (INTERFACE.md)
        assertThat(claims.getString("attester_tcb_status")).isEqualTo("UpToDate");
        assertThat(claims.getJsonArray("attester_advisory_ids")).isEmpty();
        assertThat(claims.getString("attester_tcb_date")).isNotBlank();
        assertThat(claims.getValue("x-ms-collateral-expired")).isEqualTo(false);
    }

    @Test
    void binaryRuntimeDataInAnOpenEnclaveReportIsTheEnclaveHeldData() throws Exception {
        // Given an OE report around a quote bound to binary runtime data, and no init-time data
        byte[] report = openEnclaveReport(sgxQuote(RUNTIME_BINARY, new byte[0]));
        AttestationOptions options = new AttestationOptions(BinaryData.fromBytes(report))
                .setRunTimeData(new AttestationData(BinaryData.fromBytes(RUNTIME_BINARY), AttestationDataInterpretation.BINARY));

        // When the SDK attests it
        var response = client().attestOpenEnclaveWithResponse(options, Context.NONE);

        // Then the data is the enclave held data, and there are no JSON claims
        assertThat(response.getValue().getEnclaveHeldData().toBytes()).isEqualTo(RUNTIME_BINARY);
        assertThat(response.getValue().getRuntimeClaims()).isNull();
        JsonObject claims = part(response.getToken().serialize(), 1);
        assertThat(claims.containsKey("x-ms-runtime")).isFalse();
        assertThat(claims.containsKey("x-ms-inittime")).isFalse();
    }

    @Test
    void tdxRuntimeAndInitTimeDataBindToReportDataAndMrConfigId() throws Exception {
        // Given a TD quote whose report data and MRCONFIGID carry the hashes of JSON data (the SDK has no TDX call)
        byte[] quote = pki.quote().tdx().pckCa(CaType.PROCESSOR).reportData(sha256(RUNTIME_JSON, 64))
                .mrConfigId(sha256(INIT_TIME_JSON, 48)).build();
        Base64.Encoder b64url = Base64.getUrlEncoder().withoutPadding();
        String body = new JsonObject().put("quote", b64url.encodeToString(quote))
                .put("runtimeData", new JsonObject().put("data", b64url.encodeToString(RUNTIME_JSON)).put("dataType", "JSON"))
                .put("initTimeData", new JsonObject().put("data", b64url.encodeToString(INIT_TIME_JSON)).put("dataType", "JSON"))
                .put("nonce", "n-42").encode();

        // When it is attested, and again with init-time data that does not match
        var accepted = gateway.post("/attest/TdxVm?api-version=2025-06-01", "application/json", body);
        var refused = gateway.post("/attest/TdxVm?api-version=2025-06-01", "application/json",
                body.replace(b64url.encodeToString(INIT_TIME_JSON), b64url.encodeToString("{}".getBytes())));

        // Then the first token carries both documents and the nonce, and no enclave held data
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        JsonObject claims = part(new JsonObject(accepted.body()).getString("token"), 1);
        assertThat(claims.getString("x-ms-attestation-type")).isEqualTo("tdxvm");
        assertThat(claims.getJsonObject("x-ms-runtime").getBoolean("fresh")).isTrue();
        assertThat(claims.getJsonObject("x-ms-inittime").getString("owner")).isEqualTo("ops");
        assertThat(claims.getString("nonce")).isEqualTo("n-42");
        assertThat(claims.containsKey("x-ms-sgx-ehd")).isFalse();
        // And the second is the client's 400, naming the field
        assertThat(refused.statusCode()).isEqualTo(400);
        JsonObject error = new JsonObject(refused.body()).getJsonObject("error");
        assertThat(error.getString("code")).isEqualTo("InvalidParameter");
        assertThat(error.getString("message")).contains("INIT_TIME_DATA_MISMATCH").contains("MRCONFIGID");
    }
}
