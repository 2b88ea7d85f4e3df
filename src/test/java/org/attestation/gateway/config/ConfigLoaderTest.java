package org.attestation.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.attestation.gateway.token.TokenAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private static GatewayConfig load(Map<String, String> env) {
        return new ConfigLoader(env, 4).load(Optional.empty());
    }

    @Test
    void confFileListsEverySettingExactlyOnceWithItsEnvironmentVariable() throws IOException {
        // Given the documented configuration file
        String text = Files.readString(Path.of("conf/gateway.yaml"));
        JsonNode tree = new ObjectMapper(new YAMLFactory()).readTree(text);

        // When its keys are flattened
        List<String> paths = new ArrayList<>();
        flatten(tree, "", paths);

        // Then they are exactly the settings the loader knows, each documented with its variable
        assertThat(paths).containsExactlyInAnyOrder(
                java.util.Arrays.stream(Setting.values()).map(Setting::path).toArray(String[]::new));
        for (Setting setting : Setting.values()) {
            assertThat(text).as("comment naming %s", setting.env()).contains("# " + setting.env() + ":");
        }
    }

    private static void flatten(JsonNode node, String prefix, List<String> paths) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            if (field.getValue().isObject()) {
                flatten(field.getValue(), prefix + field.getKey() + ".", paths);
            } else {
                paths.add(prefix + field.getKey());
            }
        }
    }

    @Test
    void defaultsMatchTheInterface() {
        // When nothing is configured
        GatewayConfig config = load(Map.of());

        // Then the defaults are those INTERFACE.md and the issue give
        assertThat(config.http().host()).isEqualTo("127.0.0.1");
        assertThat(config.http().port()).isEqualTo(8080);
        assertThat(config.http().publicUrl()).isEmpty();
        assertThat(config.publicUrl(8080)).isEqualTo(URI.create("http://127.0.0.1:8080"));
        assertThat(config.http().instances()).isEqualTo(4);
        assertThat(config.http().maxBodySize()).isEqualTo(1 << 20);
        assertThat(config.pipeline().verifyWorkers()).isEqualTo(4);
        assertThat(config.pipeline().signWorkers()).isEqualTo(5);
        assertThat(config.store().kind()).isEqualTo(StoreKind.EMBEDDED);
        assertThat(config.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(config.collateral().dir()).isEqualTo(Path.of("./collateral-cache"));
        assertThat(config.collateral().mode()).isEqualTo(CollateralMode.LAZY);
        assertThat(config.collateral().intelPcsUrl()).isEqualTo(URI.create("https://api.trustedservices.intel.com"));
        assertThat(config.collateral().intelPcsApiKey()).isEmpty();
        assertThat(config.collateral().amdKdsUrl()).isEqualTo(URI.create("https://kdsintf.amd.com"));
        assertThat(config.verification().verifyAt()).isEmpty();
        assertThat(config.token().alg()).isEqualTo(TokenAlgorithm.RS256);
        assertThat(config.token().lifetime()).isEqualTo(Duration.ofHours(8));
        assertThat(config.policy().signers()).isEmpty();
    }

    @Test
    void environmentOverridesEverySettingOfTheInterface() throws IOException {
        // Given a PEM file for the settings that name one
        Path pem = dir.resolve("roots.pem");
        Files.writeString(pem, TestCertificates.selfSignedPem());

        // When every INTERFACE.md variable is set
        GatewayConfig config = load(Map.ofEntries(
                Map.entry("GATEWAY_HTTP_HOST", "0.0.0.0"),
                Map.entry("GATEWAY_HTTP_PORT", "9443"),
                Map.entry("GATEWAY_PUBLIC_URL", "https://attest.example.org/"),
                Map.entry("GATEWAY_STORE", "memory"),
                Map.entry("GATEWAY_PG_URL", "postgresql://gw:secret@db:5432/gateway"),
                Map.entry("GATEWAY_DATA_DIR", "/var/lib/gw"),
                Map.entry("GATEWAY_COLLATERAL_DIR", "/var/cache/gw"),
                Map.entry("GATEWAY_COLLATERAL_MODE", "offline"),
                Map.entry("GATEWAY_INTEL_PCS_URL", "http://127.0.0.1:8081"),
                Map.entry("GATEWAY_INTEL_PCS_API_KEY", "k3y"),
                Map.entry("GATEWAY_AMD_KDS_URL", "http://127.0.0.1:8082"),
                Map.entry("GATEWAY_VERIFY_AT", "2024-05-01T12:00:00Z"),
                Map.entry("GATEWAY_TRUST_INTEL_ROOT", pem.toString()),
                Map.entry("GATEWAY_TRUST_AMD_ROOTS", pem.toString()),
                Map.entry("GATEWAY_TOKEN_ALG", "ES256"),
                Map.entry("GATEWAY_POLICY_SIGNERS", pem.toString())));

        // Then each one took effect
        assertThat(config.http().host()).isEqualTo("0.0.0.0");
        assertThat(config.http().port()).isEqualTo(9443);
        assertThat(config.publicUrl(9443)).isEqualTo(URI.create("https://attest.example.org"));
        assertThat(config.store().pgUrl()).contains(URI.create("postgresql://gw:secret@db:5432/gateway"));
        assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/gw"));
        assertThat(config.collateral().dir()).isEqualTo(Path.of("/var/cache/gw"));
        assertThat(config.collateral().mode()).isEqualTo(CollateralMode.OFFLINE);
        assertThat(config.collateral().intelPcsUrl()).isEqualTo(URI.create("http://127.0.0.1:8081"));
        assertThat(config.collateral().intelPcsApiKey()).contains("k3y");
        assertThat(config.collateral().amdKdsUrl()).isEqualTo(URI.create("http://127.0.0.1:8082"));
        assertThat(config.verification().verifyAt()).contains(Instant.parse("2024-05-01T12:00:00Z"));
        assertThat(config.verification().trustIntelRoot()).contains(pem);
        assertThat(config.verification().trustAmdRoots()).contains(pem);
        assertThat(config.token().alg()).isEqualTo(TokenAlgorithm.ES256);
        assertThat(config.policy().signers()).contains(pem);
        // And secrets never reach a log line through toString
        assertThat(config.toString()).doesNotContain("k3y").doesNotContain("secret");
    }

    @Test
    void fileOverridesDefaultsAndEnvironmentOverridesFile() throws IOException {
        // Given a file that sets the port and the token lifetime
        Path file = dir.resolve("gateway.yaml");
        Files.writeString(file, "http:\n  port: 9000\ntoken:\n  lifetime: 90m\n");

        // When the environment also sets the port
        GatewayConfig config = new ConfigLoader(Map.of("GATEWAY_HTTP_PORT", "9001"), 2).load(Optional.of(file));

        // Then the environment wins for the port, the file for the lifetime
        assertThat(config.http().port()).isEqualTo(9001);
        assertThat(config.token().lifetime()).isEqualTo(Duration.ofMinutes(90));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            GATEWAY_HTTP_PORT         | 70000       | GATEWAY_HTTP_PORT (http.port) = "70000": must be between 0 and 65535
            GATEWAY_HTTP_PORT         | eighty      | GATEWAY_HTTP_PORT (http.port) = "eighty": not a whole number
            GATEWAY_TOKEN_ALG         | HS256       | GATEWAY_TOKEN_ALG (token.alg) = "HS256": must be one of RS256, PS256, ES256
            GATEWAY_STORE             | mysql       | GATEWAY_STORE (store.kind) = "mysql": must be one of memory, embedded, postgres
            GATEWAY_COLLATERAL_MODE   | eager       | GATEWAY_COLLATERAL_MODE (collateral.mode) = "eager": must be one of lazy, offline
            GATEWAY_VERIFY_AT         | yesterday   | GATEWAY_VERIFY_AT (verification.verifyAt) = "yesterday": not an ISO-8601 instant with a zone (example: 2024-05-01T12:00:00Z)
            GATEWAY_INTEL_PCS_URL     | ftp://intel | GATEWAY_INTEL_PCS_URL (collateral.intelPcsUrl) = "ftp://intel": must be an absolute http:// or https:// URL
            GATEWAY_PUBLIC_URL        | example.org | GATEWAY_PUBLIC_URL (http.publicUrl) = "example.org": must be an absolute http:// or https:// URL
            GATEWAY_HTTP_MAX_BODY_SIZE| lots        | GATEWAY_HTTP_MAX_BODY_SIZE (http.maxBodySize) = "lots": not a size (examples: 65536, 512KiB, 1MiB)
            GATEWAY_SIGN_TIMEOUT      | 0s          | GATEWAY_SIGN_TIMEOUT (pipeline.signTimeout) = "0s": must be longer than zero
            GATEWAY_PG_URL            | mysql://x   | GATEWAY_PG_URL (store.pgUrl) = (hidden): must look like postgresql://user:password@host:port/database
            GATEWAY_HTTP_HOST         | ''          | GATEWAY_HTTP_HOST (http.host) = "": must be set
            """)
    void badSettingIsOneLineNamingIt(String variable, String value, String message) {
        // When a setting has a value that cannot be used
        // Then loading fails with exactly that one line
        assertThatThrownBy(() -> load(Map.of(variable, value)))
                .isInstanceOf(ConfigException.class)
                .hasMessage(message)
                .hasMessageNotContaining("\n");
    }

    @Test
    void pemSettingMustNameAReadableCertificateFile() throws IOException {
        // Given a missing file and a file without certificates
        Path empty = dir.resolve("empty.pem");
        Files.writeString(empty, "no certificates here\n");

        // Then both are refused, naming the setting
        assertThatThrownBy(() -> load(Map.of("GATEWAY_POLICY_SIGNERS", dir.resolve("missing.pem").toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("GATEWAY_POLICY_SIGNERS (policy.signers) = ")
                .hasMessageContaining("cannot read the file");
        assertThatThrownBy(() -> load(Map.of("GATEWAY_TRUST_INTEL_ROOT", empty.toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith(": the file holds no PEM certificate");
    }

    @Test
    void unknownKeyInFileIsRefused() throws IOException {
        // Given a file with a misspelt setting
        Path file = dir.resolve("typo.yaml");
        Files.writeString(file, "http:\n  prot: 9000\n");

        // Then it is named rather than silently ignored
        assertThatThrownBy(() -> new ConfigLoader(Map.of(), 2).load(Optional.of(file)))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ": unknown setting 'http.prot'");
    }

    @Test
    void unreadableOrInvalidFileIsRefused() throws IOException {
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, "http: [unclosed\n");

        assertThatThrownBy(() -> new ConfigLoader(Map.of(), 2).load(Optional.of(dir.resolve("nope.yaml"))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("--config " + dir.resolve("nope.yaml") + ": no readable file there");
        assertThatThrownBy(() -> new ConfigLoader(Map.of(), 2).load(Optional.of(broken)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("--config " + broken + ": not valid YAML");
    }

    @Test
    void tlsNeedsBothFilesAndMakesTheIssuerHttps() {
        // Given a certificate and key written for 127.0.0.1
        var tls = org.attestation.gateway.support.TestTls.create(dir);

        // When both are set, then the server is HTTPS and so is the default public URL
        GatewayConfig config = load(tls.settings());
        assertThat(config.http().tls()).isPresent();
        assertThat(config.publicUrl(8443).toString()).isEqualTo("https://127.0.0.1:8443");

        // And one without the other, or a file that is not a certificate, is refused with the setting named
        assertThatThrownBy(() -> load(Map.of("GATEWAY_TLS_CERT", tls.settings().get("GATEWAY_TLS_CERT"))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("GATEWAY_TLS_KEY (http.tlsKey)");
        assertThatThrownBy(() -> load(Map.of("GATEWAY_TLS_CERT", tls.settings().get("GATEWAY_TLS_KEY"),
                "GATEWAY_TLS_KEY", tls.settings().get("GATEWAY_TLS_KEY"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("GATEWAY_TLS_CERT");
        assertThat(load(Map.of()).http().tls()).isEmpty();
    }
}
