package org.attestation.gateway.token;

import java.security.InvalidAlgorithmParameterException;
import java.security.Signature;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;

/** JWS algorithms the token service signs with (RFC 7518 §3). */
public enum TokenAlgorithm {
    /** RSASSA-PKCS1-v1_5 with SHA-256: what MAA issues. */
    RS256("RSA", "SHA256withRSA", new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4)),
    /** RSASSA-PSS with SHA-256, MGF1 with SHA-256 and a 32-byte salt. */
    PS256("RSA", "RSASSA-PSS", new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4)),
    /** ECDSA on P-256 with SHA-256; the signature is r || s, 64 bytes. */
    ES256("EC", "SHA256withECDSA", new ECGenParameterSpec("secp256r1"));

    /** JOSE's fixed-width ECDSA halves for P-256. */
    static final int ES256_FIELD_BYTES = 32;

    private final String keyType;
    private final String jcaSignature;
    private final AlgorithmParameterSpec keyGenSpec;

    TokenAlgorithm(String keyType, String jcaSignature, AlgorithmParameterSpec keyGenSpec) {
        this.keyType = keyType;
        this.jcaSignature = jcaSignature;
        this.keyGenSpec = keyGenSpec;
    }

    /** JCA key algorithm: RSA or EC. */
    public String keyType() {
        return keyType;
    }

    /** JCA signature algorithm name. */
    public String jcaSignature() {
        return jcaSignature;
    }

    AlgorithmParameterSpec keyGenSpec() {
        return keyGenSpec;
    }

    /** Sets the parameters that the algorithm name alone does not fix (PSS). */
    void configure(Signature signature) throws InvalidAlgorithmParameterException {
        if (this == PS256) {
            signature.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
        }
    }
}
