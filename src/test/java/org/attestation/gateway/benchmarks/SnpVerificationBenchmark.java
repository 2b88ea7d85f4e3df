package org.attestation.gateway.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.attestation.gateway.crypto.CryptoProviders;
import org.attestation.gateway.crypto.Pem;
import org.attestation.gateway.evidence.snp.AmdRoots;
import org.attestation.gateway.evidence.snp.SnpEndorsements;
import org.attestation.gateway.evidence.snp.SnpReport;
import org.attestation.gateway.evidence.snp.SnpVerification;
import org.attestation.gateway.evidence.snp.SnpVerifier;
import org.attestation.gateway.support.SharedVectors;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * SEV-SNP verification of a real Milan report (virtee {@code report_milan.hex} with its VCEK and KDS's Milan
 * cert_chain) against AMD's pinned roots. Cold: a new verifier per call, so the report is parsed and the
 * ARK self-signature, the VCEK signature (RSASSA-PSS 4096) and the report signature (ECDSA P-384) are checked;
 * the production ASK is pinned by fingerprint, so its signature is not. Warm: one verifier, so the chain
 * verdicts are cached and each call parses the report and checks its signature only. {@code tinfoil-genoa} is
 * the one report {@code @tinfoilsh/verifier} supports (its Genoa fixture); as that library does, each call then
 * also decodes the report from base64 and gzip. Run with {@code load-tests/snp-verification.sh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SnpVerificationBenchmark {

    private static final String FOLDER = "snp/virtee-sev/tests/certs_data/";
    private static final String TINFOIL = "snp/tinfoil-js/packages/verifier/test/fixtures/attestation-bundle.json";

    @Param({"virtee-milan", "tinfoil-genoa"})
    public String vector;

    private byte[] report;
    private String tinfoilBody;
    private SnpEndorsements endorsements;
    private Instant at;
    private SnpVerifier warm;

    @Setup(Level.Trial)
    public void load() throws IOException {
        if (vector.equals("tinfoil-genoa")) {
            JsonNode bundle = new ObjectMapper().readTree(SharedVectors.text(TINFOIL));
            tinfoilBody = bundle.get("enclaveAttestationReport").get("body").asText();
            report = gunzip(tinfoilBody);
            endorsements = SnpEndorsements.of(Base64.getDecoder().decode(bundle.get("vcek").asText()),
                    chain("snp/go-sev-guest/verify/trust/ask_ark_genoa.pem"));
            at = Instant.parse("2026-06-01T00:00:00Z");
        } else {
            report = HexFormat.of().parseHex(SharedVectors.text(FOLDER + "report_milan.hex").strip());
            endorsements = SnpEndorsements.of(SharedVectors.bytes(FOLDER + "vcek_milan.der"),
                    chain(FOLDER + "cert_chain_milan"));
            at = Instant.parse("2025-06-01T00:00:00Z");
        }
        warm = new SnpVerifier(AmdRoots.pinned(), CryptoProviders.install());
        warm.verify(SnpReport.parse(report), endorsements, at);
    }

    private static List<byte[]> chain(String pemVector) {
        return Pem.certificates(SharedVectors.text(pemVector)).stream().map(Pem::der).toList();
    }

    private static byte[] gunzip(String base64) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(base64)))) {
            return in.readAllBytes();
        }
    }

    /** The report as the benchmark's client hands it over: the bytes, or tinfoil's base64 of gzip. */
    private byte[] received() throws IOException {
        return tinfoilBody == null ? report : gunzip(tinfoilBody);
    }

    @Benchmark
    public SnpVerification cold() throws IOException {
        return new SnpVerifier(AmdRoots.pinned(), CryptoProviders.install())
                .verify(SnpReport.parse(received()), endorsements, at);
    }

    @Benchmark
    public SnpVerification warm() throws IOException {
        return warm.verify(SnpReport.parse(received()), endorsements, at);
    }
}
