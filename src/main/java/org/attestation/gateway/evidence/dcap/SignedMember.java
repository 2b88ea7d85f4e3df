package org.attestation.gateway.evidence.dcap;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HexFormat;

/**
 * The signed part of an Intel PCS body such as {@code {"tcbInfo":{...},"signature":"..."}}: the exact text
 * of the member's value, from its opening brace to the matching one, as received (spec/dcap.md §3.5), and
 * the signature. Found with a streaming tokenizer, so the text is never re-serialised.
 */
public record SignedMember(String text, byte[] signature) {

    private static final JsonFactory FACTORY = new JsonFactory();

    public SignedMember {
        signature = signature.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /** Splits a PCS body into the value of {@code member} and the hex {@code signature} beside it. */
    public static SignedMember of(String body, String member) {
        String text = null;
        String signature = null;
        try (JsonParser parser = FACTORY.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw invalid(member, "is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals(member) && value == JsonToken.START_OBJECT) {
                    int start = (int) parser.currentTokenLocation().getCharOffset();
                    parser.skipChildren();
                    int end = (int) parser.currentTokenLocation().getCharOffset() + 1;
                    text = body.substring(start, end);
                } else if (name.equals("signature") && value == JsonToken.VALUE_STRING) {
                    signature = parser.getText();
                } else {
                    parser.skipChildren();
                }
            }
        } catch (IOException e) {
            throw invalid(member, "is not valid JSON: " + e.getMessage());
        }
        if (text == null || signature == null) {
            throw invalid(member, "lacks " + (text == null ? member : "signature"));
        }
        try {
            byte[] raw = HexFormat.of().parseHex(signature);
            if (raw.length != 64) {
                throw invalid(member, "has a signature of " + raw.length + " bytes, not 64");
            }
            return new SignedMember(text, raw);
        } catch (IllegalArgumentException e) {
            throw invalid(member, "has a signature that is not hex");
        }
    }

    private static CollateralFormatException invalid(String member, String problem) {
        QvlStatus status = member.equals("tcbInfo") ? QvlStatus.SGX_TCB_INFO_UNSUPPORTED_FORMAT
                : QvlStatus.SGX_ENCLAVE_IDENTITY_UNSUPPORTED_FORMAT;
        return new CollateralFormatException(status, "the " + member + " body " + problem);
    }
}
