package org.attestation.gateway.evidence.dcap;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A TCB level keyed by ISVSVN: of the QE identity, or of a TDX module identity. Kept in JSON order. */
public record IsvLevel(int isvSvn, Instant tcbDate, TcbStatus status, List<String> advisoryIds) {

    public IsvLevel {
        advisoryIds = List.copyOf(advisoryIds);
    }

    static List<IsvLevel> parseAll(Json json, JsonNode owner) {
        List<IsvLevel> levels = new ArrayList<>();
        for (JsonNode level : json.array(owner, "tcbLevels")) {
            levels.add(new IsvLevel(json.integer(json.field(level, "tcb"), "isvsvn"), json.instant(level, "tcbDate"),
                    json.status(level), json.strings(level, "advisoryIDs")));
        }
        return levels;
    }
}
