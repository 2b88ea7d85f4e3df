package org.attestation.gateway.evidence.dcap.testpki;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * JSON as Intel's PCS emits it: compact, members in insertion order (the order the builders add them is
 * Intel's), dates {@code yyyy-MM-ddTHH:mm:ssZ}, {@code advisoryIDs} omitted when empty.
 */
final class IntelJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private IntelJson() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static String date(Instant instant) {
        return DATE.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    static String compact(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code "tcbDate"}, {@code "tcbStatus"} and, if any, {@code "advisoryIDs"}: the tail of every TCB level. */
    static void putLevelTail(ObjectNode level, Instant tcbDate, String tcbStatus, List<String> advisoryIds) {
        level.put("tcbDate", date(tcbDate));
        level.put("tcbStatus", tcbStatus);
        if (!advisoryIds.isEmpty()) {
            advisoryIds.forEach(level.putArray("advisoryIDs")::add);
        }
    }

    /** A PCS response body: {@code {"<member>":<raw>,"signature":"<hex>"}}, the raw member text unchanged. */
    static String signedBody(String member, String rawValue, String signatureHex) {
        return "{\"" + member + "\":" + rawValue + ",\"signature\":\"" + signatureHex + "\"}";
    }
}
