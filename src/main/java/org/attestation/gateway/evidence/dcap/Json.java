package org.attestation.gateway.evidence.dcap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Strict readers for Intel's collateral JSON; every problem names the field and the QVL status. */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private final QvlStatus status;
    private final String document;

    Json(QvlStatus status, String document) {
        this.status = status;
        this.document = document;
    }

    JsonNode parse(String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || !node.isObject()) {
                throw fail("is not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw fail("is not valid JSON: " + e.getOriginalMessage());
        }
    }

    JsonNode field(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw fail("lacks " + name);
        }
        return value;
    }

    String text(JsonNode node, String name) {
        JsonNode value = field(node, name);
        if (!value.isTextual()) {
            throw fail("has a non-text " + name);
        }
        return value.asText();
    }

    int integer(JsonNode node, String name) {
        JsonNode value = field(node, name);
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            throw fail("has a non-integer " + name);
        }
        return value.intValue();
    }

    byte[] hex(JsonNode node, String name, int bytes) {
        String text = text(node, name);
        if (text.length() != 2 * bytes) {
            throw fail("has a " + name + " of " + text.length() + " hex digits, not " + 2 * bytes);
        }
        try {
            return HexFormat.of().parseHex(text);
        } catch (IllegalArgumentException e) {
            throw fail("has a " + name + " that is not hex");
        }
    }

    Instant instant(JsonNode node, String name) {
        String text = text(node, name);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw fail("has a " + name + " that is not an ISO-8601 instant: " + text);
        }
    }

    List<String> strings(JsonNode node, String name) {
        List<String> out = new ArrayList<>();
        JsonNode value = node.get(name);
        if (value == null) {
            return out;
        }
        if (!value.isArray()) {
            throw fail("has a non-array " + name);
        }
        for (JsonNode item : value) {
            out.add(item.asText());
        }
        return out;
    }

    JsonNode array(JsonNode node, String name) {
        JsonNode value = field(node, name);
        if (!value.isArray() || value.isEmpty()) {
            throw fail("has no " + name);
        }
        return value;
    }

    TcbStatus status(JsonNode node) {
        String name = text(node, "tcbStatus");
        return TcbStatus.fromCollateral(name)
                .orElseThrow(() -> new DcapVerificationException(QvlStatus.TCB_UNRECOGNIZED_STATUS,
                        document + " has an unknown tcbStatus " + name));
    }

    CollateralFormatException fail(String problem) {
        return new CollateralFormatException(status, document + " " + problem);
    }
}
