package org.attestation.gateway.evidence.snp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The evidence of MAA's {@code POST /attest/SevSnpVm} (snp.md §4.1), after the request's {@code report} field was
 * base64url-decoded: either the JSON MAA clients send, {@code {"SnpReport": b64url(report), "VcekCertChain":
 * b64url(PEM VCEK, ASK, ARK), "Endorsements": b64url(JSON)}}, or a bare attestation report, whose VCEK and chain
 * the gateway then fetches. Base64url is decoded leniently (padding, standard alphabet), as MAA's clients differ.
 *
 * @param report        the attestation report bytes exactly as received
 * @param vcekCertChain the PEM text of {@code VcekCertChain}, when sent
 * @param endorsements  the decoded {@code Endorsements} JSON (ACI's UVM endorsements), kept but not evaluated
 */
public record MaaSnpEvidence(byte[] report, Optional<String> vcekCertChain, Optional<byte[]> endorsements) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public MaaSnpEvidence {
        report = report.clone();
        endorsements = endorsements.map(byte[]::clone);
    }

    @Override
    public byte[] report() {
        return report.clone();
    }

    @Override
    public Optional<byte[]> endorsements() {
        return endorsements.map(byte[]::clone);
    }

    /** Reads the decoded {@code report} field; a malformed envelope is a {@link SnpEvidenceFormatException}. */
    public static MaaSnpEvidence parse(byte[] evidence) {
        if (evidence.length == 0 || evidence[0] != '{') {
            return new MaaSnpEvidence(evidence, Optional.empty(), Optional.empty());
        }
        JsonNode envelope;
        try {
            envelope = JSON.readTree(evidence);
        } catch (java.io.IOException e) {
            throw new SnpEvidenceFormatException("the report is neither an attestation report nor the JSON "
                    + "{SnpReport, VcekCertChain, Endorsements}: it does not parse as JSON");
        }
        if (!envelope.isObject()) {
            throw new SnpEvidenceFormatException("the report JSON is not an object");
        }
        byte[] report = field(envelope, "SnpReport")
                .orElseThrow(() -> new SnpEvidenceFormatException("the report JSON has no SnpReport"));
        Optional<String> chain = field(envelope, "VcekCertChain").map(pem -> new String(pem, StandardCharsets.UTF_8));
        return new MaaSnpEvidence(report, chain, field(envelope, "Endorsements"));
    }

    private static Optional<byte[]> field(JsonNode envelope, String name) {
        JsonNode value = envelope.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new SnpEvidenceFormatException(name + " is not a base64url string");
        }
        try {
            return Optional.of(Base64.getUrlDecoder().decode(value.asText().strip().replace('+', '-').replace('/', '_')));
        } catch (IllegalArgumentException e) {
            throw new SnpEvidenceFormatException(name + " is not base64url");
        }
    }
}
