package org.attestation.gateway.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.attestation.gateway.bus.Addresses;
import org.attestation.gateway.bus.Bus;
import org.attestation.gateway.support.TestGateway;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The token service of a running gateway, checked over HTTP with an independent JOSE library. */
class TokenServiceTest {

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @EnumSource(TokenAlgorithm.class)
    void tokenFromTheTokenServiceVerifiesWithTheKeyFromCerts(TokenAlgorithm algorithm) throws Exception {
        try (TestGateway gateway = TestGateway.start(dataDir, Map.of("GATEWAY_TOKEN_ALG", algorithm.name()))) {
            // Given a token signed by the token service through the event bus
            SignedToken token = Bus.request(gateway.gateway().vertx().eventBus(), Addresses.TOKEN_SIGN,
                            TokenRequest.signed("default", Map.of("x-ms-ver", "1.0")), Duration.ofSeconds(5),
                            SignedToken.class)
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

            // When the JWKS is fetched from /certs over HTTP
            JWKSet jwks = JWKSet.parse(gateway.get("/certs").body());

            // Then Nimbus verifies the token with the key its kid names
            SignedJWT jwt = SignedJWT.parse(token.jwt());
            JWK jwk = jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
            assertThat(jwk).as("key %s in /certs", jwt.getHeader().getKeyID()).isNotNull();
            var publicKey = algorithm == TokenAlgorithm.ES256 ? jwk.toECKey().toPublicKey() : jwk.toRSAKey().toPublicKey();
            assertThat(jwt.verify(new DefaultJWSVerifierFactory().createJWSVerifier(jwt.getHeader(), publicKey))).isTrue();
            assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo(algorithm.name());
            assertThat(jwt.getHeader().getJWKURL().toString()).isEqualTo(gateway.gateway().publicUrl() + "/certs");
            assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo(gateway.gateway().publicUrl().toString());
            assertThat(jwt.getJWTClaimsSet().getExpirationTime().toInstant())
                    .isBetween(Instant.now().plus(Duration.ofHours(8)).minusSeconds(30),
                            Instant.now().plus(Duration.ofHours(8)).plusSeconds(1));
            // And the OpenID metadata advertises the algorithm
            assertThat(gateway.get("/.well-known/openid-configuration").body())
                    .contains("\"id_token_signing_alg_values_supported\":[\"" + algorithm.name() + "\"]");
        }
    }
}
