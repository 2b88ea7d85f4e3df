package org.attestation.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.attestation.gateway.Main;
import org.attestation.gateway.evidence.dcap.testpki.DcapTestPki;
import org.attestation.gateway.support.CapturedOutput;
import org.attestation.gateway.support.SharedVectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandTest {

    @RegisterExtension
    final CapturedOutput output = new CapturedOutput();

    @TempDir
    Path dir;

    private JsonNode printed() throws Exception {
        return new ObjectMapper().readTree(output.out());
    }

    @Test
    void acceptedRealQuotePrintsClaimsAndExitsZero() throws Exception {
        // When the Phala SGX v3 quote is verified with its collateral inside the collateral's window
        int exit = Main.run("verify", "--type", "sgx",
                "--evidence", SharedVectors.path("dcap/phala-dcap-qvl/sgx_quote").toString(),
                "--collateral", SharedVectors.path("dcap/phala-dcap-qvl/sgx_quote_collateral.json").toString(),
                "--at", "2025-07-01T00:00:00Z");

        // Then it is accepted with Intel's verdict in the claims, and an (unsecured) token
        assertThat(exit).isEqualTo(0);
        JsonNode result = printed();
        assertThat(result.get("accepted").asBoolean()).isTrue();
        assertThat(result.get("attestationType").asText()).isEqualTo("SgxEnclave");
        JsonNode claims = result.get("claims");
        assertThat(claims.get("attester_tcb_status").asText()).isEqualTo("ConfigurationAndSWHardeningNeeded");
        assertThat(claims.get("attester_advisory_ids").toString()).isEqualTo("[\"INTEL-SA-00289\",\"INTEL-SA-00615\"]");
        assertThat(claims.get("attester_tcb_date").asText()).isEqualTo("2024-03-13T00:00:00Z");
        assertThat(claims.get("x-ms-collateral-expired").asBoolean()).isFalse();
        assertThat(claims.get("x-ms-sgx-mrenclave").asText()).hasSize(64);
        assertThat(claims.get("x-ms-attestation-type").asText()).isEqualTo("sgx");
        assertThat(result.get("token").asText()).startsWith("eyJhbGciOiJub25lIn0.");
    }

    @Test
    void rejectedRealQuotePrintsTheReasonAndExitsOne() throws Exception {
        int exit = Main.run("verify", "--type", "tdx",
                "--evidence", SharedVectors.path("dcap/phala-dcap-qvl/tdx_quote_outdated").toString(),
                "--collateral", SharedVectors.path("dcap/phala-dcap-qvl/tdx_quote_outdated_collateral.json").toString(),
                "--at", "2026-03-01T00:00:00Z");

        assertThat(exit).isEqualTo(1);
        JsonNode result = printed();
        assertThat(result.get("accepted").asBoolean()).isFalse();
        assertThat(result.get("error").get("code").asText()).isEqualTo("TCB_NOT_SUPPORTED");
        assertThat(result.get("error").get("message").asText())
                .isEqualTo("no TCB level matches the PCK certificate's SGX components and PCESVN");
        assertThat(result.has("claims")).isFalse();
    }

    @Test
    void maaRequestBodyIsDetectedAndItsRuntimeDataMustBind() throws Exception {
        // Given an MAA attest body whose runtime data is not the one the quote binds
        String quote = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(SharedVectors.bytes("dcap/phala-dcap-qvl/sgx_quote"));
        Path body = dir.resolve("attest.json");
        Files.writeString(body, "{\"quote\":\"" + quote + "\",\"runtimeData\":{\"data\":\"AAAA\",\"dataType\":\"Binary\"}}");

        // When it is verified
        int exit = Main.run("verify", "--type", "sgx", "--evidence", body.toString(),
                "--collateral", SharedVectors.path("dcap/phala-dcap-qvl/sgx_quote_collateral.json").toString(),
                "--at", "2025-07-01T00:00:00Z");

        // Then the binding check rejects it
        assertThat(exit).isEqualTo(1);
        assertThat(printed().get("error").get("code").asText()).isEqualTo("RUNTIME_DATA_MISMATCH");
    }

    @Test
    void openEnclaveReportVerifiesUnderTheConfiguredTestRoot() throws Exception {
        // Given a test PKI configured as the trusted root, and an OE report around one of its SGX quotes
        DcapTestPki pki = DcapTestPki.create();
        byte[] quote = pki.quote().sgx().build();
        byte[] report = ByteBuffer.allocate(16 + quote.length).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(1).putInt(2).putLong(quote.length).put(quote).array();
        Path root = Files.writeString(dir.resolve("root.pem"), pki.rootCertificatePem());
        Path config = Files.writeString(dir.resolve("gateway.yaml"), "verification:\n  trustIntelRoot: " + root + "\n");
        Path evidence = Files.write(dir.resolve("report.bin"), report);
        Path collateral = Files.writeString(dir.resolve("collateral.json"), pki.collateral().sgx().build());

        // When it is verified as Open Enclave evidence
        int exit = Main.run("verify", "--type", "openenclave", "--evidence", evidence.toString(),
                "--collateral", collateral.toString(), "--at", "2026-06-01T00:00:00Z", "--config", config.toString());

        // Then it is accepted as an SGX attestation
        assertThat(exit).isEqualTo(0);
        JsonNode result = printed();
        assertThat(result.get("attestationType").asText()).isEqualTo("OpenEnclave");
        assertThat(result.get("claims").get("x-ms-attestation-type").asText()).isEqualTo("sgx");
        assertThat(result.get("claims").get("attester_tcb_status").asText()).isEqualTo("UpToDate");
    }

    @Test
    void quoteOfTheOtherTeeIsRejected() throws Exception {
        int exit = Main.run("verify", "--type", "sgx",
                "--evidence", SharedVectors.path("dcap/phala-dcap-qvl/tdx_quote").toString(),
                "--collateral", SharedVectors.path("dcap/phala-dcap-qvl/tdx_quote_collateral.json").toString());

        assertThat(exit).isEqualTo(1);
        assertThat(printed().get("error").get("message").asText())
                .isEqualTo("the evidence is a TDX quote, not what --type sgx announces");
    }

    @Test
    void missingCollateralOrUnknownTypeIsAUsageError() {
        assertThat(Main.run("verify", "--type", "sgx", "--evidence", "x.bin")).isEqualTo(2);
        assertThat(output.err()).contains("--collateral FILE is required");
        assertThat(Main.run("verify", "--type", "banana", "--evidence", "x.bin")).isEqualTo(2);
        assertThat(Main.run("verify", "--type", "tpm", "--evidence", "x.bin", "--collateral", "c.json")).isEqualTo(2);
    }

    private Path snpCollateral() throws Exception {
        String vcek = org.attestation.gateway.crypto.Pem.encode(org.attestation.gateway.crypto.Pem.CERTIFICATE,
                SharedVectors.bytes("snp/go-sev-guest/verify/testdata/vcek.testcer"));
        return Files.writeString(dir.resolve("milan-chain.pem"),
                vcek + SharedVectors.text("snp/go-sev-guest/verify/trust/ask_ark_milan.pem"));
    }

    @Test
    void aRealSevSnpReportIsVerifiedWithItsPemChain() throws Exception {
        // When go-sev-guest's Milan report is verified with its VCEK, ASK and ARK against AMD's pinned roots
        int exit = Main.run("verify", "--type", "sevsnp",
                "--evidence", SharedVectors.path("snp/go-sev-guest/verify/testdata/attestation.bin").toString(),
                "--collateral", snpCollateral().toString(), "--at", "2025-06-01T00:00:00Z");

        // Then it is accepted with MAA's SevSnpVm claims (it is a debug guest: a policy matter, not the verifier's)
        assertThat(exit).as(output.err()).isEqualTo(0);
        JsonNode claims = printed().get("claims");
        assertThat(claims.get("x-ms-attestation-type").asText()).isEqualTo("sevsnpvm");
        assertThat(claims.get("x-ms-sevsnpvm-is-debuggable").asBoolean()).isTrue();
        assertThat(claims.get("x-ms-sevsnpvm-microcode-svn").asInt()).isEqualTo(68);
        assertThat(claims.get("sevsnp_crl_checked").asBoolean()).isFalse();
    }

    @Test
    void aTamperedSevSnpReportIsRejectedAndOneWithoutItsChainIsAUsageError() throws Exception {
        // Given go-sev-guest's report with one byte of MEASUREMENT flipped
        byte[] report = SharedVectors.bytes("snp/go-sev-guest/verify/testdata/attestation.bin");
        report[0x90] ^= 1;
        Path tampered = Files.write(dir.resolve("tampered.bin"), report);

        // When it is verified with its chain, and without any chain
        int rejected = Main.run("verify", "--type", "sevsnp", "--evidence", tampered.toString(),
                "--collateral", snpCollateral().toString(), "--at", "2025-06-01T00:00:00Z");
        JsonNode result = printed();
        int usage = Main.run("verify", "--type", "sevsnp", "--evidence", tampered.toString());

        // Then the first names the failed signature and the second asks for the chain
        assertThat(rejected).isEqualTo(1);
        assertThat(result.get("error").get("code").asText()).isEqualTo("SNP_REPORT_SIGNATURE_INVALID");
        assertThat(usage).isEqualTo(2);
        assertThat(output.err()).contains("--collateral FILE (PEM VCEK or VLEK, ASK, ARK) is required");
    }

    @Test
    void aPolicyJudgesTheEvidenceAndAddsItsIssuedClaims() throws Exception {
        // Given a policy that issues a claim, one that refuses every enclave, and one that does not parse
        Path issuing = Files.writeString(dir.resolve("issuing.txt"), "version=1.0; authorizationrules { => permit(); };"
                + " issuancerules { c:[type==\"x-ms-sgx-is-debuggable\"] => issue(type=\"debug\", value=c.value); };");
        Path refusing = Files.writeString(dir.resolve("refusing.txt"), "version=1.0; authorizationrules { => deny(); };");
        Path broken = Files.writeString(dir.resolve("broken.txt"), "version=1.0; authorizationrules { => permit() };");
        String[] p1 = {"verify", "--type", "sgx", "--offline",
            "--evidence", SharedVectors.path("dcap/phala-dcap-qvl/sgx_quote").toString(),
            "--collateral", SharedVectors.path("dcap/phala-dcap-qvl/sgx_quote_collateral.json").toString(),
            "--at", "2025-07-01T00:00:00Z", "--policy"};

        // When P1 is verified under each
        int issued = Main.run(concat(p1, issuing.toString()));
        JsonNode accepted = printed();
        int refused = Main.run(concat(p1, refusing.toString()));
        JsonNode rejected = new ObjectMapper().readTree(output.out().substring(output.out().lastIndexOf("{\n  \"accepted\"")));
        int unusable = Main.run(concat(p1, broken.toString()));

        // Then the first adds the issued claim and the policy hash, the second rejects, the third is a usage error
        assertThat(issued).isEqualTo(0);
        assertThat(accepted.get("claims").get("debug").asBoolean()).isFalse();
        assertThat(accepted.get("claims").get("x-ms-policy-hash").asText()).hasSize(43);
        assertThat(refused).isEqualTo(1);
        assertThat(rejected.get("error").get("code").asText()).isEqualTo("POLICY_EVALUATION_ERROR");
        assertThat(unusable).isEqualTo(2);
        assertThat(output.err()).contains("broken.txt:1:");
    }

    private static String[] concat(String[] head, String last) {
        String[] all = java.util.Arrays.copyOf(head, head.length + 1);
        all[head.length] = last;
        return all;
    }
}
