package org.attestation.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The packaged jar as users run it: {@code java -jar target/attestation-gateway.jar}. */
class GatewayJarIT {

    private static final Path JAR = Path.of(System.getProperty("gateway.jar", "target/attestation-gateway.jar"));
    private static final Path TEMURIN_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

    @TempDir
    Path workDir;

    /** The JDK running the tests, and Temurin 25 where it is installed. */
    static Stream<String> javas() {
        String current = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return Files.isExecutable(TEMURIN_25) ? Stream.of(current, TEMURIN_25.toString()) : Stream.of(current);
    }

    private Process launch(String java, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(java, "-jar", JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(workDir.resolve("stdout.log").toFile())
                .redirectError(workDir.resolve("stderr.log").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("GATEWAY_"));
        builder.environment().putAll(env);
        return builder.start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @ParameterizedTest
    @MethodSource("javas")
    void startsOnEmbeddedDefaultsAndIsReadyWithinFiveSeconds(String java) throws Exception {
        // Given only a port (the machine may be running something on 8080)
        int port = freePort();
        long started = System.nanoTime();
        Process gateway = launch(java, Map.of("GATEWAY_HTTP_PORT", Integer.toString(port)));
        try {
            // When /health/ready is polled
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
            HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                    .timeout(Duration.ofSeconds(1)).build();
            int status = 0;
            while (status != 200 && System.nanoTime() - started < TimeUnit.SECONDS.toNanos(5) && gateway.isAlive()) {
                try {
                    status = http.send(ready, HttpResponse.BodyHandlers.ofString()).statusCode();
                } catch (IOException notYet) {
                    Thread.sleep(50);
                }
            }

            // Then it answers 200 within 5 seconds
            assertThat(status).as("ready within 5 s; stderr: %s", Files.readString(workDir.resolve("stderr.log")))
                    .isEqualTo(200);
            // on the embedded PostgreSQL, with its cluster and key-encryption key in ./data
            assertThat(workDir.resolve("data/postgres/PG_VERSION")).exists();
            assertThat(workDir.resolve("data/key-encryption-key")).exists();
        } finally {
            gateway.destroy();
            assertThat(gateway.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        // And it logged which crypto provider serves EC and RSA
        assertThat(Files.readString(workDir.resolve("stdout.log"))).contains("crypto providers selected ec=");
    }

    @Test
    void badSettingStopsTheStartWithOneLineAndExitCodeTwo() throws Exception {
        assertRefusedWithExitCodeTwo(Map.of("GATEWAY_TOKEN_ALG", "HS512"),
                "configuration error: GATEWAY_TOKEN_ALG (token.alg) = \"HS512\": must be one of RS256, PS256, ES256");
    }

    @Test
    void externalPostgresWithoutKeyEncryptionKeyStopsTheStartWithExitCodeTwo() throws Exception {
        assertRefusedWithExitCodeTwo(Map.of("GATEWAY_STORE", "postgres", "GATEWAY_PG_URL", "postgresql://gw@127.0.0.1:1/gw"),
                "configuration error: GATEWAY_KEY_ENCRYPTION_KEY (store.keyEncryptionKey) must be set when GATEWAY_STORE "
                        + "is postgres: every replica seals and opens the signing keys with it");
    }

    private void assertRefusedWithExitCodeTwo(Map<String, String> env, String line) throws Exception {
        Process gateway = launch(System.getProperty("java.home") + "/bin/java", env);

        assertThat(gateway.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(gateway.exitValue()).isEqualTo(2);
        assertThat(Files.readString(workDir.resolve("stderr.log"), StandardCharsets.UTF_8)).isEqualTo(line + "\n");
    }

    @Test
    void helpExitsZero() throws Exception {
        Process help = launch(System.getProperty("java.home") + "/bin/java", Map.of(), "--help");

        assertThat(help.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(help.exitValue()).isEqualTo(0);
        assertThat(Files.readString(workDir.resolve("stdout.log"))).contains("Usage: attestation-gateway");
    }
}
