package org.attestation.gateway.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * Request bodies built from the real vectors of {@code ../shared/vectors} (read, never copied): the Phala SGX and
 * TDX quotes, and the ACI SEV-SNP report with its THIM certificates in MAA's {@code report} envelope.
 */
final class Evidence {

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private Evidence() {
    }

    static String baseUrl() {
        return System.getProperty("gateway.url", "http://127.0.0.1:8080");
    }

    static int intProperty(String name, int fallback) {
        return Integer.parseInt(System.getProperty(name, Integer.toString(fallback)));
    }

    private static Path vectors() {
        return Path.of(System.getProperty("vectors", "../../../shared/vectors"));
    }

    private static byte[] read(String relative) {
        try {
            return Files.readAllBytes(vectors().resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException("the vectors are needed: " + vectors().resolve(relative), e);
        }
    }

    static String sgxBody() {
        return "{\"quote\":\"" + B64URL.encodeToString(read("dcap/phala-dcap-qvl/sgx_quote")) + "\"}";
    }

    static String tdxBody() {
        return "{\"quote\":\"" + B64URL.encodeToString(read("dcap/phala-dcap-qvl/tdx_quote")) + "\"}";
    }

    static String snpBody() {
        String folder = "snp/confidential-sidecar-containers/pkg/attest/test_data/";
        String envelope = "{\"SnpReport\":\"" + B64URL.encodeToString(read(folder + "snp_report.bin"))
                + "\",\"VcekCertChain\":\"" + B64URL.encodeToString(read(folder + "uvm_host_amd_certificate.pem")) + "\"}";
        return "{\"report\":\"" + B64URL.encodeToString(envelope.getBytes(StandardCharsets.UTF_8)) + "\"}";
    }
}
