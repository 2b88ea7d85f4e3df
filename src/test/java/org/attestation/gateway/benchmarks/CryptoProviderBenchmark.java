package org.attestation.gateway.benchmarks;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.concurrent.TimeUnit;
import org.attestation.gateway.crypto.CryptoProviders;
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
 * The signature operations of the hot path, per JCA provider, in one run: P-256 verify (3 per warm SGX
 * attestation), P-384 verify (SEV-SNP), RS256 and ES256 token signatures. Run with
 * {@code load-tests/crypto-providers.sh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CryptoProviderBenchmark {

    /** ACCP: the native provider the gateway prefers; BC: its fallback; JDK: SunEC and SunRsaSign. */
    @Param({"ACCP", "BC", "JDK"})
    public String provider;

    private static final byte[] MESSAGE = new byte[1024];

    private Signature p256Verify;
    private byte[] p256Signature;
    private Signature p384Verify;
    private byte[] p384Signature;
    private Signature rs256Sign;
    private Signature es256Sign;

    @Setup(Level.Trial)
    public void setUp() throws GeneralSecurityException {
        CryptoProviders.install();
        Provider ec = provider("EC");
        Provider rsa = provider("RSA");
        KeyPair p256 = ecKeys("secp256r1");
        KeyPair p384 = ecKeys("secp384r1");
        KeyPairGenerator rsaGenerator = KeyPairGenerator.getInstance("RSA");
        rsaGenerator.initialize(2048);
        KeyPair rsa2048 = rsaGenerator.generateKeyPair();

        p256Signature = sign(Signature.getInstance("SHA256withECDSA", ec), p256);
        p256Verify = Signature.getInstance("SHA256withECDSA", ec);
        p256Verify.initVerify(p256.getPublic());
        p384Signature = sign(Signature.getInstance("SHA384withECDSA", ec), p384);
        p384Verify = Signature.getInstance("SHA384withECDSA", ec);
        p384Verify.initVerify(p384.getPublic());
        rs256Sign = Signature.getInstance("SHA256withRSA", rsa);
        rs256Sign.initSign(rsa2048.getPrivate());
        es256Sign = Signature.getInstance("SHA256withECDSA", ec);
        es256Sign.initSign(p256.getPrivate());
    }

    private Provider provider(String keyType) {
        String name = switch (provider) {
            case "ACCP" -> "AmazonCorrettoCryptoProvider";
            case "BC" -> "BC";
            default -> keyType.equals("EC") ? "SunEC" : "SunRsaSign";
        };
        Provider p = Security.getProvider(name);
        if (p == null) {
            throw new IllegalStateException(name + " is not installed on this machine");
        }
        return p;
    }

    private static KeyPair ecKeys(String curve) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(curve));
        return generator.generateKeyPair();
    }

    private static byte[] sign(Signature signature, KeyPair keys) throws GeneralSecurityException {
        signature.initSign(keys.getPrivate());
        signature.update(MESSAGE);
        return signature.sign();
    }

    @Benchmark
    public boolean p256Verify() throws GeneralSecurityException {
        p256Verify.update(MESSAGE);
        return p256Verify.verify(p256Signature);
    }

    @Benchmark
    public boolean p384Verify() throws GeneralSecurityException {
        p384Verify.update(MESSAGE);
        return p384Verify.verify(p384Signature);
    }

    @Benchmark
    public byte[] rs256Sign() throws GeneralSecurityException {
        rs256Sign.update(MESSAGE);
        return rs256Sign.sign();
    }

    @Benchmark
    public byte[] es256Sign() throws GeneralSecurityException {
        es256Sign.update(MESSAGE);
        return es256Sign.sign();
    }
}
