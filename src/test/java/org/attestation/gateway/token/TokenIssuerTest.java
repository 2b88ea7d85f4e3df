package org.attestation.gateway.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jwt.SignedJWT;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.attestation.gateway.crypto.CryptoProviders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Tokens checked with Nimbus JOSE+JWT, an implementation independent of ours. */
class TokenIssuerTest {

    private static final URI ISSUER = URI.create("https://gateway.test");
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    private static final CryptoProviders PROVIDERS = CryptoProviders.install();

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final SigningKeyFactory keys = new SigningKeyFactory(PROVIDERS, clock);
    private final TokenIssuer issuer = new TokenIssuer(PROVIDERS, clock, Duration.ofHours(8));

    @ParameterizedTest
    @EnumSource(TokenAlgorithm.class)
    void tokenVerifiesWithTheKeyFromTheJwks(TokenAlgorithm algorithm) throws Exception {
        // Given a key and the JWKS that publishes it
        SigningKey key = keys.generate(algorithm, ISSUER);
        JWKSet jwks = JWKSet.parse(new ObjectMapper().writeValueAsString(Jwks.of(List.of(key))));

        // When a token is issued
        SignedToken token = issuer.issue(TokenRequest.signed("default", Map.of("x-ms-ver", "1.0")), key, ISSUER);

        // Then Nimbus verifies it with the JWK found by kid
        SignedJWT jwt = SignedJWT.parse(token.jwt());
        JWK jwk = jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(jwk).isNotNull();
        JWSVerifier verifier = new DefaultJWSVerifierFactory().createJWSVerifier(jwt.getHeader(),
                algorithm == TokenAlgorithm.ES256 ? jwk.toECKey().toPublicKey() : jwk.toRSAKey().toPublicKey());
        assertThat(jwt.verify(verifier)).isTrue();
        // And with the public key of x5c[0] too, as the Azure SDKs do
        var certificate = com.nimbusds.jose.util.X509CertUtils.parse(jwk.getX509CertChain().get(0).decode());
        verifier = new DefaultJWSVerifierFactory().createJWSVerifier(jwt.getHeader(), certificate.getPublicKey());
        assertThat(jwt.verify(verifier)).isTrue();
        // And the header is MAA's
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.parse(algorithm.name()));
        assertThat(jwt.getHeader().getJWKURL()).isEqualTo(URI.create("https://gateway.test/certs"));
        assertThat(jwt.getHeader().getType().getType()).isEqualTo("JWT");
        assertThat(jwt.getHeader().getX509CertChain()).isNull();
        assertThat(jwt.getHeader().getX509CertSHA256Thumbprint()).isNull();
    }

    @Test
    void aTpmTokenCarriesTheCertificateChainInItsHeader() throws Exception {
        // Given a TPM token request (the only kind MAA gives an x5c)
        SigningKey key = keys.generate(TokenAlgorithm.RS256, ISSUER);
        var request = new TokenRequest("default", Map.of(), Optional.empty(), TokenRequest.CertificateHeader.X5C, false);

        // When it is issued, then the header carries the key's chain
        SignedJWT jwt = SignedJWT.parse(issuer.issue(request, key, ISSUER).jwt());
        assertThat(jwt.getHeader().getX509CertChain()).extracting(Base64::toString).containsExactlyElementsOf(key.x5c());
    }

    @ParameterizedTest
    @EnumSource(TokenAlgorithm.class)
    void jwkCarriesTypeKidCertificateAndPublicParameters(TokenAlgorithm algorithm) throws Exception {
        // Given a key
        SigningKey key = keys.generate(algorithm, ISSUER);

        // When it is published
        JWK jwk = JWKSet.parse(new ObjectMapper().writeValueAsString(Jwks.of(List.of(key)))).getKeys().get(0);

        // Then the JWK has everything the Azure SDKs and generic verifiers need
        assertThat(jwk.getKeyType().getValue()).isEqualTo(algorithm.keyType());
        assertThat(jwk.getKeyID()).isEqualTo(key.kid());
        assertThat(jwk.getX509CertChain()).hasSize(1);
        assertThat(jwk.toPublicJWK().toJSONObject())
                .containsKeys(algorithm == TokenAlgorithm.ES256 ? new String[] {"crv", "x", "y"} : new String[] {"n", "e"});
        assertThat(jwk.isPrivate()).isFalse();
        // And the certificate is self-signed with CN = issuer URL, as MAA's own
        var certificate = com.nimbusds.jose.util.X509CertUtils.parse(jwk.getX509CertChain().get(0).decode());
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=https://gateway.test");
        certificate.verify(certificate.getPublicKey());
        assertThat(key.kid()).isEqualTo(java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded())));
    }

    @Test
    void bodyHasRegisteredClaimsAsIntegersAndEightHourLifetime() throws Exception {
        // Given a token request whose claims try to set a registered claim
        SigningKey key = keys.generate(TokenAlgorithm.ES256, ISSUER);
        var request = TokenRequest.signed("default", Map.of("x-ms-attestation-type", "sgx", "exp", 1));

        // When it is issued
        SignedJWT jwt = SignedJWT.parse(issuer.issue(request, key, ISSUER).jwt());

        // Then iat/nbf/exp are whole seconds from the clock, the lifetime is 8 hours, and exp is the issuer's
        Map<String, Object> body = jwt.getPayload().toJSONObject();
        assertThat(body.get("iat")).isEqualTo(NOW.getEpochSecond());
        assertThat(body.get("nbf")).isEqualTo(NOW.getEpochSecond());
        assertThat(body.get("exp")).isEqualTo(NOW.getEpochSecond() + 8 * 3600);
        assertThat(body.get("iss")).isEqualTo("https://gateway.test");
        assertThat((String) body.get("jti")).matches("[0-9a-f]{64}");
        assertThat(body.get("x-ms-attestation-type")).isEqualTo("sgx");
        // And the raw JSON has integers, not floats
        assertThat(jwt.getPayload().toString()).contains("\"exp\":" + (NOW.getEpochSecond() + 8 * 3600) + ",");
    }

    @Test
    void lifetimeFromPolicyIsCappedAtOneYear() throws Exception {
        SigningKey key = keys.generate(TokenAlgorithm.ES256, ISSUER);
        var shortLived = new TokenRequest("default", Map.of(), Optional.of(Duration.ofMinutes(5)), TokenRequest.CertificateHeader.NONE, false);
        var tooLong = new TokenRequest("default", Map.of(), Optional.of(Duration.ofDays(400)), TokenRequest.CertificateHeader.NONE, false);

        long shortExp = (Long) SignedJWT.parse(issuer.issue(shortLived, key, ISSUER).jwt()).getPayload().toJSONObject().get("exp");
        long longExp = (Long) SignedJWT.parse(issuer.issue(tooLong, key, ISSUER).jwt()).getPayload().toJSONObject().get("exp");

        assertThat(shortExp - NOW.getEpochSecond()).isEqualTo(300);
        assertThat(longExp - NOW.getEpochSecond()).isEqualTo(365L * 24 * 3600);
    }

    @Test
    void omitX5cPutsTheSha1ThumbprintInTheHeader() throws Exception {
        // Given a policy that sets omit_x5c
        SigningKey key = keys.generate(TokenAlgorithm.RS256, ISSUER);
        var request = new TokenRequest("default", Map.of(), Optional.empty(), TokenRequest.CertificateHeader.X5T, false);

        // When the token is issued
        SignedJWT jwt = SignedJWT.parse(issuer.issue(request, key, ISSUER).jwt());

        // Then x5c is absent and x5t is the certificate's SHA-1 thumbprint
        assertThat(jwt.getHeader().getX509CertChain()).isNull();
        assertThat(jwt.getHeader().getX509CertThumbprint().decode())
                .isEqualTo(MessageDigest.getInstance("SHA-1").digest(key.certificate().getEncoded()));
    }

    @Test
    void draftPolicyResultIsUnsecured() throws Exception {
        SigningKey key = keys.generate(TokenAlgorithm.RS256, ISSUER);
        var request = new TokenRequest("default", Map.of("x-ms-ver", "1.0"), Optional.empty(), TokenRequest.CertificateHeader.NONE, true);

        String jwt = issuer.issue(request, key, ISSUER).jwt();

        assertThat(jwt).startsWith("eyJhbGciOiJub25lIn0.").endsWith(".");
        assertThat(com.nimbusds.jwt.PlainJWT.parse(jwt).getJWTClaimsSet().getStringClaim("x-ms-ver")).isEqualTo("1.0");
    }
}
