package org.attestation.gateway.benchmarks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.attestation.gateway.crypto.CryptoProviders;
import org.attestation.gateway.crypto.EcdsaSignatures;
import org.attestation.gateway.crypto.Pem;
import org.attestation.gateway.evidence.dcap.Quote;
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
 * The crypto bound of one warm SGX attestation: exactly the signature work the gateway does per request once
 * collateral and the PCK CA are verified (the PCK certificate under its CA, the QE report under the PCK key, the
 * quote under the attestation key, all ECDSA P-256) plus one RS256 token signature, with the providers the
 * gateway selects. Nothing else (no parsing, no policy, no HTTP): the ceiling the HTTP throughput is compared
 * with by {@code load-tests/crypto-bound-vs-http.sh}, run on as many threads as cores.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class WarmAttestationCryptoBenchmark {

    private CryptoProviders providers;
    private X509Certificate pck;
    private PublicKey pckCaKey;
    private byte[] qeReport;
    private byte[] qeReportSignature;
    private byte[] signedQuote;
    private byte[] quoteSignature;
    private PublicKey attestationKey;
    private KeyPair tokenKey;
    private byte[] tokenSigningInput;

    @Setup(Level.Trial)
    public void load() throws GeneralSecurityException {
        providers = CryptoProviders.install();
        Quote quote = Quote.parse(SharedVectors.bytes("dcap/phala-dcap-qvl/sgx_quote"));
        List<X509Certificate> chain = Pem.certificates(new String(quote.qe().certificationData(), StandardCharsets.US_ASCII));
        pck = chain.get(0);
        pckCaKey = chain.get(1).getPublicKey();
        qeReport = quote.qe().qeReport().raw();
        qeReportSignature = quote.qe().qeReportSignature();
        signedQuote = quote.signedBytes();
        quoteSignature = quote.quoteSignature();
        byte[] xy = quote.attestationKey();
        attestationKey = KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(
                new ECPoint(new BigInteger(1, Arrays.copyOfRange(xy, 0, 32)), new BigInteger(1, Arrays.copyOfRange(xy, 32, 64))),
                ((ECPublicKey) pck.getPublicKey()).getParams()));
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        tokenKey = rsa.generateKeyPair();
        // About the size of an SGX token's header and claims, base64url-encoded
        tokenSigningInput = new byte[1800];
        Arrays.fill(tokenSigningInput, (byte) 'e');
        if (!attestation()) {
            throw new IllegalStateException("the P1 signatures do not verify");
        }
    }

    private boolean verify(PublicKey key, byte[] rawSignature, byte[] message) throws GeneralSecurityException {
        Signature ecdsa = providers.signature("SHA256withECDSA");
        ecdsa.initVerify(key);
        ecdsa.update(message);
        return ecdsa.verify(EcdsaSignatures.concatenatedToDer(rawSignature));
    }

    @Benchmark
    public boolean attestation() throws GeneralSecurityException {
        pck.verify(pckCaKey, providers.signatureProvider("SHA256withECDSA"));
        boolean verified = verify(pck.getPublicKey(), qeReportSignature, qeReport)
                && verify(attestationKey, quoteSignature, signedQuote);
        Signature rs256 = providers.signature("SHA256withRSA");
        rs256.initSign(tokenKey.getPrivate());
        rs256.update(tokenSigningInput);
        return verified && rs256.sign().length == 256;
    }
}
