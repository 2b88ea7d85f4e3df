package org.attestation.gateway.benchmarks;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * SEV-SNP verification of a real Milan report (virtee {@code report_milan.hex} with its VCEK and KDS's Milan
 * cert_chain) against AMD's pinned roots. Cold: a new verifier per call, so the report is parsed and the
 * ARK self-signature, the VCEK signature (RSASSA-PSS 4096) and the report signature (ECDSA P-384) are checked;
 * the production ASK is pinned by fingerprint, so its signature is not. Warm: one verifier, so the chain
 * verdicts are cached and each call parses the report and checks its signature only. Run with
 * {@code load-tests/snp-verification.sh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SnpVerificationBenchmark {

    private static final String FOLDER = "snp/virtee-sev/tests/certs_data/";

    private byte[] report;
    private SnpEndorsements endorsements;
    private Instant at;
    private SnpVerifier warm;

    @Setup(Level.Trial)
    public void load() {
        report = HexFormat.of().parseHex(SharedVectors.text(FOLDER + "report_milan.hex").strip());
        List<byte[]> chain = Pem.certificates(SharedVectors.text(FOLDER + "cert_chain_milan")).stream()
                .map(Pem::der).toList();
        endorsements = SnpEndorsements.of(SharedVectors.bytes(FOLDER + "vcek_milan.der"), chain);
        at = Instant.parse("2025-06-01T00:00:00Z");
        warm = new SnpVerifier(AmdRoots.pinned(), CryptoProviders.install());
        warm.verify(SnpReport.parse(report), endorsements, at);
    }

    @Benchmark
    public SnpVerification cold() {
        return new SnpVerifier(AmdRoots.pinned(), CryptoProviders.install())
                .verify(SnpReport.parse(report), endorsements, at);
    }

    @Benchmark
    public SnpVerification warm() {
        return warm.verify(SnpReport.parse(report), endorsements, at);
    }
}
