package org.attestation.gateway.intake;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.attestation.gateway.evidence.AttestationRequest;
import org.attestation.gateway.evidence.AttestationType;
import org.attestation.gateway.evidence.BindingData;

/** Decodes an MAA attest request body; every problem is a {@link MalformedRequestException} naming the field. */
final class AttestationRequests {

    private AttestationRequests() {
    }

    static AttestationRequest parse(String tenant, AttestationType type, String body) {
        JsonObject json;
        try {
            json = new JsonObject(body);
        } catch (DecodeException | ClassCastException e) {
            throw new MalformedRequestException("the request body is not a JSON object");
        }
        String evidenceField = type.evidenceField();
        byte[] evidence = bytes(json, evidenceField)
                .orElseThrow(() -> new MalformedRequestException("the field '" + evidenceField + "' is required"));
        if (evidence.length == 0) {
            throw new MalformedRequestException("the field '" + evidenceField + "' is empty");
        }
        return new AttestationRequest(tenant, type, evidence, binding(json, "runtimeData"),
                binding(json, "initTimeData"), text(json, "draftPolicyForAttestation"), text(json, "nonce"));
    }

    private static Optional<BindingData> binding(JsonObject json, String field) {
        Object value = json.getValue(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof JsonObject object)) {
            throw new MalformedRequestException("the field '" + field + "' must be an object with data and dataType");
        }
        byte[] data = bytes(object, "data")
                .orElseThrow(() -> new MalformedRequestException("the field '" + field + ".data' is required"));
        String dataType = text(object, "dataType").orElse("Binary");
        BindingData.DataType parsed = switch (dataType.toLowerCase(Locale.ROOT)) {
            case "binary" -> BindingData.DataType.BINARY;
            case "json" -> BindingData.DataType.JSON;
            default -> throw new MalformedRequestException(
                    "the field '" + field + ".dataType' must be Binary or JSON, not '" + dataType + "'");
        };
        BindingData binding = new BindingData(data, parsed);
        if (parsed == BindingData.DataType.JSON) {
            try {
                binding.json();
            } catch (IllegalArgumentException e) {
                throw new MalformedRequestException("the field '" + field + ".data' has dataType JSON but is not JSON");
            }
        }
        return Optional.of(binding);
    }

    private static Optional<String> text(JsonObject json, String field) {
        Object value = json.getValue(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String s)) {
            throw new MalformedRequestException("the field '" + field + "' must be a string");
        }
        return Optional.of(s);
    }

    /** Base64url as MAA specifies, leniently: standard base64 and missing or present padding are accepted. */
    private static Optional<byte[]> bytes(JsonObject json, String field) {
        return text(json, field).map(value -> {
            String normalized = value.strip().replace('+', '-').replace('/', '_');
            try {
                return Base64.getUrlDecoder().decode(normalized);
            } catch (IllegalArgumentException e) {
                throw new MalformedRequestException("the field '" + field + "' is not base64url");
            }
        });
    }
}
