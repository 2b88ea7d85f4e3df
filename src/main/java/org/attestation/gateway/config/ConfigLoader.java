package org.attestation.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.attestation.gateway.crypto.Pem;
import org.attestation.gateway.token.TokenAlgorithm;

/**
 * Reads the configuration: the defaults of {@code conf/gateway.yaml} (embedded in the jar), then an
 * optional file, then the environment. Any value that cannot be used stops here with a
 * {@link ConfigException} naming the setting.
 */
public final class ConfigLoader {

    /** The defaults: {@code conf/gateway.yaml}, copied into the jar by the build. */
    public static final String DEFAULTS_RESOURCE = "/conf/gateway.yaml";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KiB|MiB|GiB)?");

    private final Map<String, String> env;
    /** Attestations in flight per core before more are shed: room for bursts waiting on collateral, not for a collapse. */
    private static final int DEFAULT_IN_FLIGHT_PER_CORE = 256;

    private final int cores;

    public ConfigLoader(Map<String, String> env, int cores) {
        this.env = Map.copyOf(env);
        this.cores = cores;
    }

    /** The process environment and the cores this JVM may use. */
    public static ConfigLoader fromSystem() {
        return new ConfigLoader(System.getenv(), Runtime.getRuntime().availableProcessors());
    }

    public GatewayConfig load(Optional<Path> file) {
        Map<Setting, String> raw = new EnumMap<>(Setting.class);
        try (InputStream defaults = ConfigLoader.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (defaults == null) {
                throw new IllegalStateException("the build did not embed " + DEFAULTS_RESOURCE);
            }
            flatten(YAML.readTree(defaults), "", raw, "the embedded defaults");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        file.ifPresent(f -> readFile(f, raw));
        for (Setting setting : Setting.values()) {
            String value = env.get(setting.env());
            if (value != null) {
                raw.put(setting, value.strip());
            }
        }
        return build(raw);
    }

    private static void readFile(Path file, Map<Setting, String> raw) {
        if (!Files.isReadable(file)) {
            throw new ConfigException("--config " + file + ": no readable file there");
        }
        JsonNode tree;
        try {
            tree = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new ConfigException("--config " + file + ": not valid YAML: " + firstLine(e.getMessage()));
        }
        if (tree != null && !tree.isMissingNode() && !tree.isNull()) {
            flatten(tree, "", raw, file.toString());
        }
    }

    private static void flatten(JsonNode node, String prefix, Map<Setting, String> raw, String source) {
        if (!node.isObject()) {
            throw new ConfigException(source + ": " + (prefix.isEmpty() ? "the document" : prefix)
                    + " must be a mapping of settings");
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String path = prefix + field.getKey();
            JsonNode value = field.getValue();
            Setting setting = Setting.byPath(path);
            if (value.isObject() && setting == null) {
                flatten(value, path + ".", raw, source);
            } else if (setting == null) {
                throw new ConfigException(source + ": unknown setting '" + path + "'");
            } else if (value.isContainerNode()) {
                throw new ConfigException(source + ": " + setting.label() + " must be a single value");
            } else {
                raw.put(setting, value.isNull() ? "" : value.asText().strip());
            }
        }
    }

    private GatewayConfig build(Map<Setting, String> raw) {
        Values v = new Values(raw);
        int port = v.integer(Setting.HTTP_PORT, 0, 65535);
        var http = new GatewayConfig.Http(
                v.required(Setting.HTTP_HOST),
                port,
                v.optional(Setting.PUBLIC_URL).map(text -> v.baseUrl(Setting.PUBLIC_URL, text)),
                orCores(v.integer(Setting.HTTP_INSTANCES, 0, 1024)),
                v.size(Setting.HTTP_MAX_BODY_SIZE),
                v.tls());
        var pipeline = new GatewayConfig.Pipeline(
                orCores(v.integer(Setting.VERIFY_WORKERS, 0, 1024)),
                signWorkers(v.integer(Setting.SIGN_WORKERS, 0, 1024)),
                v.duration(Setting.VERIFY_TIMEOUT),
                v.duration(Setting.SIGN_TIMEOUT),
                v.duration(Setting.RETRY_AFTER),
                orPerCore(v.integer(Setting.MAX_IN_FLIGHT, 0, 1_000_000), DEFAULT_IN_FLIGHT_PER_CORE));
        var store = new GatewayConfig.Store(
                v.enumValue(Setting.STORE, StoreKind.class),
                v.optional(Setting.PG_URL).map(text -> v.pgUrl(text)),
                v.optional(Setting.KEY_ENCRYPTION_KEY).map(text -> v.aesKey(Setting.KEY_ENCRYPTION_KEY, text)));
        var collateral = new GatewayConfig.Collateral(
                v.path(Setting.COLLATERAL_DIR),
                v.enumValue(Setting.COLLATERAL_MODE, CollateralMode.class),
                v.baseUrl(Setting.INTEL_PCS_URL, v.required(Setting.INTEL_PCS_URL)),
                v.optional(Setting.INTEL_PCS_API_KEY),
                v.baseUrl(Setting.AMD_KDS_URL, v.required(Setting.AMD_KDS_URL)),
                v.oneOf(Setting.INTEL_PCS_UPDATE, "standard", "early"),
                v.duration(Setting.INTEL_PCS_TIMEOUT),
                v.duration(Setting.COLLATERAL_REFRESH_AHEAD),
                v.enumValue(Setting.COLLATERAL_EXPIRED, ExpiredCollateral.class));
        var verification = new GatewayConfig.Verification(
                v.optional(Setting.VERIFY_AT).map(text -> v.instant(Setting.VERIFY_AT, text)),
                v.optional(Setting.TRUST_INTEL_ROOT).map(text -> v.pemCertificates(Setting.TRUST_INTEL_ROOT, text)),
                v.optional(Setting.TRUST_AMD_ROOTS).map(text -> v.pemCertificates(Setting.TRUST_AMD_ROOTS, text)));
        var token = new GatewayConfig.Token(
                v.enumValue(Setting.TOKEN_ALG, TokenAlgorithm.class),
                v.duration(Setting.TOKEN_LIFETIME));
        var policy = new GatewayConfig.Policy(
                v.optional(Setting.POLICY_SIGNERS).map(text -> v.pemCertificates(Setting.POLICY_SIGNERS, text)),
                v.bearer());
        var log = new GatewayConfig.Log(
                v.oneOf(Setting.LOG_LEVEL, "error", "warn", "info", "debug", "trace"),
                v.enumValue(Setting.LOG_FORMAT, LogFormat.class));
        return new GatewayConfig(http, pipeline, store, v.path(Setting.DATA_DIR), collateral, verification, token,
                policy, log);
    }

    private int orCores(int configured) {
        return orPerCore(configured, 1);
    }

    /**
     * {@code configured}, or one per core plus one. Token signing (RSA) is the largest share of an attestation's
     * CPU, and threads share the cores evenly when every stage is busy: the extra thread gives signing its share.
     * On 2 cores at 64 connections, 3 workers gave p99 46–49 ms and 2,636–2,849/s, against 54–65 ms and
     * 2,134–2,493/s with 2, and 52 ms with 4 (BENCHMARKS.md).
     */
    private int signWorkers(int configured) {
        return configured == 0 ? cores + 1 : configured;
    }

    /** {@code configured}, or {@code perCore} per core when it is 0. */
    private int orPerCore(int configured, int perCore) {
        return configured == 0 ? perCore * cores : configured;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** Typed readers over the merged raw values; each failure names its setting. */
    private record Values(Map<Setting, String> raw) {

        Optional<String> optional(Setting s) {
            String value = raw.get(s);
            return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
        }

        String required(Setting s) {
            return optional(s).orElseThrow(() -> ConfigException.invalid(s, "", "must be set"));
        }

        int integer(Setting s, int min, int max) {
            String text = required(s);
            try {
                int value = Integer.parseInt(text);
                if (value < min || value > max) {
                    throw ConfigException.invalid(s, text, "must be between " + min + " and " + max);
                }
                return value;
            } catch (NumberFormatException e) {
                throw ConfigException.invalid(s, text, "not a whole number");
            }
        }

        Duration duration(Setting s) {
            String text = required(s);
            Matcher m = DURATION.matcher(text);
            if (!m.matches()) {
                throw ConfigException.invalid(s, text, "not a duration (examples: 250ms, 10s, 5m, 8h, 2d)");
            }
            long amount = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
            if (d.isZero()) {
                throw ConfigException.invalid(s, text, "must be longer than zero");
            }
            return d;
        }

        long size(Setting s) {
            String text = required(s);
            Matcher m = SIZE.matcher(text);
            if (!m.matches()) {
                throw ConfigException.invalid(s, text, "not a size (examples: 65536, 512KiB, 1MiB)");
            }
            long unit = switch (m.group(2) == null ? "B" : m.group(2)) {
                case "KiB" -> 1L << 10;
                case "MiB" -> 1L << 20;
                case "GiB" -> 1L << 30;
                default -> 1L;
            };
            long bytes = Long.parseLong(m.group(1)) * unit;
            if (bytes < 1024 || bytes > Integer.MAX_VALUE) {
                throw ConfigException.invalid(s, text, "must be between 1KiB and 2GiB");
            }
            return bytes;
        }

        <E extends Enum<E>> E enumValue(Setting s, Class<E> type) {
            String text = required(s);
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equalsIgnoreCase(text)) {
                    return constant;
                }
            }
            StringBuilder allowed = new StringBuilder();
            for (E constant : type.getEnumConstants()) {
                allowed.append(allowed.length() == 0 ? "" : ", ").append(display(type, constant));
            }
            throw ConfigException.invalid(s, text, "must be one of " + allowed);
        }

        private static <E extends Enum<E>> String display(Class<E> type, E constant) {
            // Token algorithms are spelled in upper case (RS256), everything else in lower case.
            return type == TokenAlgorithm.class ? constant.name() : constant.name().toLowerCase(Locale.ROOT);
        }

        String oneOf(Setting s, String... allowed) {
            String text = required(s).toLowerCase(Locale.ROOT);
            for (String a : allowed) {
                if (a.equals(text)) {
                    return a;
                }
            }
            throw ConfigException.invalid(s, text, "must be one of " + String.join(", ", allowed));
        }

        Path path(Setting s) {
            return Path.of(required(s));
        }

        URI baseUrl(Setting s, String text) {
            URI uri = uri(s, text);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw ConfigException.invalid(s, text, "must be an absolute http:// or https:// URL");
            }
            if (uri.getQuery() != null || uri.getFragment() != null) {
                throw ConfigException.invalid(s, text, "must not have a query or fragment");
            }
            String trimmed = text.replaceAll("/+$", "");
            return URI.create(trimmed);
        }

        URI pgUrl(String text) {
            URI uri = uri(Setting.PG_URL, text);
            if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())
                    || uri.getHost() == null) {
                throw ConfigException.invalid(Setting.PG_URL, text,
                        "must look like postgresql://user:password@host:port/database");
            }
            return uri;
        }

        private static URI uri(Setting s, String text) {
            try {
                return new URI(text);
            } catch (URISyntaxException e) {
                throw ConfigException.invalid(s, text, "not a URL: " + e.getReason());
            }
        }

        /** All three bearer settings, or none. */
        Optional<GatewayConfig.Bearer> bearer() {
            return together(Setting.ADMIN_JWT_ISSUER, Setting.ADMIN_JWT_AUDIENCE, Setting.ADMIN_JWKS_FILE)
                    .map(values -> new GatewayConfig.Bearer(values.get(0), values.get(1),
                            readable(Setting.ADMIN_JWKS_FILE, values.get(2))));
        }

        /** HTTPS when both the certificate and the key are set. */
        Optional<GatewayConfig.Tls> tls() {
            return together(Setting.TLS_CERT, Setting.TLS_KEY)
                    .map(values -> new GatewayConfig.Tls(pemCertificates(Setting.TLS_CERT, values.get(0)),
                            readable(Setting.TLS_KEY, values.get(1))));
        }

        /** The values of settings that only make sense together: all of them, or none; a part is a mistake. */
        private Optional<List<String>> together(Setting... group) {
            List<Optional<String>> values = Arrays.stream(group).map(this::optional).toList();
            if (values.stream().allMatch(Optional::isEmpty)) {
                return Optional.empty();
            }
            String names = String.join(", ", Arrays.stream(group).map(Setting::env).toList());
            for (int i = 0; i < group.length; i++) {
                if (values.get(i).isEmpty()) {
                    throw ConfigException.invalid(group[i], "", "must be set with the others of its group (" + names + ")");
                }
            }
            return Optional.of(values.stream().map(Optional::get).toList());
        }

        private Path readable(Setting s, String text) {
            Path file = Path.of(text);
            if (!Files.isReadable(file)) {
                throw ConfigException.invalid(s, text, "cannot read the file");
            }
            return file;
        }

        byte[] aesKey(Setting s, String text) {
            try {
                byte[] key = Base64.getDecoder().decode(text);
                if (key.length != 32) {
                    throw ConfigException.invalid(s, text, "must be base64 of 32 bytes, not of " + key.length);
                }
                return key;
            } catch (IllegalArgumentException e) {
                throw ConfigException.invalid(s, text, "not base64");
            }
        }

        Instant instant(Setting s, String text) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                throw ConfigException.invalid(s, text,
                        "not an ISO-8601 instant with a zone (example: 2024-05-01T12:00:00Z)");
            }
        }

        Path pemCertificates(Setting s, String text) {
            Path file = Path.of(text);
            try {
                if (Pem.readCertificates(file).isEmpty()) {
                    throw ConfigException.invalid(s, text, "the file holds no PEM certificate");
                }
            } catch (IOException e) {
                throw ConfigException.invalid(s, text, "cannot read the file: " + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw ConfigException.invalid(s, text, "not a PEM certificate file: " + e.getMessage());
            }
            return file;
        }
    }
}
