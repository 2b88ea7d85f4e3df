package org.attestation.gateway.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.attestation.gateway.token.SigningKey;

/** Bodies of MAA management writes, signed by Nimbus JOSE+JWT as the Azure SDKs sign them. */
public final class PolicyWrites {

    private PolicyWrites() {
    }

    /** A JWS over {@code payload}, RS256, with the signer's certificate in {@code x5c}. */
    public static String jws(SigningKey key, String payload) throws JOSEException {
        JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
                .x509CertChain(List.of(Base64.encode(key.chainDer().get(0)))).build(), new Payload(payload));
        jws.sign(new RSASSASigner(key.privateKey()));
        return jws.serialize();
    }

    /** The payload of a policy write: {@code {"AttestationPolicy": base64url(text)}}. */
    public static String policyPayload(String text) {
        return new JsonObject().put("AttestationPolicy", java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(text.getBytes(StandardCharsets.UTF_8))).encode();
    }
}
