package org.attestation.gateway.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.attestation.gateway.Gateway;
import org.attestation.gateway.evidence.EvidenceVerifiers;
import org.attestation.gateway.support.TestGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeyPersistenceTest {

    @TempDir
    Path dataDir;

    private String signingKid() throws Exception {
        try (TestGateway gateway = TestGateway.start(dataDir, Map.of())) {
            return new JsonObject(gateway.get("/certs").body()).getJsonArray("keys").getJsonObject(0).getString("kid");
        }
    }

    @Test
    void keyIsCreatedOnFirstStartOwnerOnlyAndReusedOnRestart() throws Exception {
        // Given a gateway started once on an empty data directory
        String first = signingKid();

        // Then its key is in a file only the owner can read
        Path file = dataDir.resolve("keys/default/RS256.pem");
        assertThat(file).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");

        // When it is started again on the same directory
        String second = signingKid();

        // Then it signs with the same key
        assertThat(second).isEqualTo(first);
    }

    @Test
    void corruptKeyFileStopsTheStartWithAClearError() throws Exception {
        // Given a key file that was damaged
        signingKid();
        Path file = dataDir.resolve("keys/default/RS256.pem");
        String text = Files.readString(file);
        Files.writeString(file, text.replaceFirst("(?s)(-----BEGIN PRIVATE KEY-----\\n)....", "$1AAAA"));

        // When the gateway starts
        var config = TestGateway.config(dataDir, Map.of());

        // Then it refuses, naming the file and what to do
        assertThatThrownBy(() -> Gateway.start(config, new EvidenceVerifiers(java.util.List.of()))
                        .toCompletionStage().toCompletableFuture().join())
                .hasCauseInstanceOf(SigningKeyException.class)
                .cause()
                .hasMessageStartingWith("signing key file " + file + " is corrupt (")
                .hasMessageEndingWith("restore it from a backup, or move it away to make the gateway create a new key");
        // And the file is left as it was, for the operator to inspect
        assertThat(Files.readString(file)).isNotEqualTo(text).contains("-----BEGIN CERTIFICATE-----");
    }

    @Test
    void keyFileWithAnotherKeysCertificateIsRefused() throws Exception {
        // Given a key file whose certificate belongs to a different key
        signingKid();
        Path file = dataDir.resolve("keys/default/RS256.pem");
        String original = Files.readString(file);
        var foreign = new SigningKeyFactory(org.attestation.gateway.crypto.CryptoProviders.install(), java.time.Clock.systemUTC())
                .generate(TokenAlgorithm.RS256, java.net.URI.create("https://other.test"));
        String foreignCertificate = SigningKeyPem.encode(foreign);
        foreignCertificate = foreignCertificate.substring(foreignCertificate.indexOf("-----BEGIN CERTIFICATE-----"));
        Files.writeString(file, original.substring(0, original.indexOf("-----BEGIN CERTIFICATE-----")) + foreignCertificate);

        // Then the start fails on the pair check
        var config = TestGateway.config(dataDir, Map.of());
        assertThatThrownBy(() -> Gateway.start(config, new EvidenceVerifiers(java.util.List.of()))
                        .toCompletionStage().toCompletableFuture().join())
                .hasCauseInstanceOf(SigningKeyException.class)
                .cause()
                .hasMessage("the private key does not belong to its certificate");
    }
}
