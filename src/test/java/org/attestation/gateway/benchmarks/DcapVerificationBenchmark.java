package org.attestation.gateway.benchmarks;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.attestation.gateway.crypto.CryptoProviders;
import org.attestation.gateway.evidence.dcap.DcapCollateral;
import org.attestation.gateway.evidence.dcap.DcapVerification;
import org.attestation.gateway.evidence.dcap.DcapVerifier;
import org.attestation.gateway.evidence.dcap.Quote;
import org.attestation.gateway.evidence.dcap.TrustedRoot;
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
 * DCAP verification of a real SGX (Phala v3, P1) and TDX (Phala v4, P2) vector. Cold: a new verifier per
 * call, so the quote and collateral are parsed and every signature is checked. Warm: one verifier, so the
 * collateral and the PCK CA are verified once and each call checks the PCK certificate, the QE report and
 * the quote. Run with {@code load-tests/dcap-verification.sh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DcapVerificationBenchmark {

    @Param({"sgx", "tdx"})
    public String vector;

    private byte[] quote;
    private String collateralJson;
    private Instant at;
    private DcapVerifier warm;
    private DcapCollateral parsedCollateral;

    @Setup(Level.Trial)
    public void load() {
        String folder = "dcap/phala-dcap-qvl/";
        quote = SharedVectors.bytes(folder + (vector.equals("sgx") ? "sgx_quote" : "tdx_quote"));
        collateralJson = SharedVectors.text(folder + (vector.equals("sgx") ? "sgx_quote_collateral.json"
                : "tdx_quote_collateral.json"));
        at = Instant.ofEpochSecond(1751328000);
        warm = new DcapVerifier(TrustedRoot.intel(), CryptoProviders.install());
        parsedCollateral = DcapCollateral.fromJson(collateralJson);
        warm.verify(Quote.parse(quote), parsedCollateral, at);
    }

    @Benchmark
    public DcapVerification cold() {
        return new DcapVerifier(TrustedRoot.intel(), CryptoProviders.install())
                .verify(Quote.parse(quote), DcapCollateral.fromJson(collateralJson), at);
    }

    @Benchmark
    public DcapVerification warm() {
        return warm.verify(Quote.parse(quote), parsedCollateral, at);
    }
}
