package org.attestation.gateway.evidence.dcap;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/** Intel's enclave identity version 2 (QE, QVE, TD_QE), parsed from the exact text that was signed. */
public record EnclaveIdentity(String id, Instant issueDate, Instant nextUpdate, int tcbEvaluationDataNumber,
        byte[] miscSelect, byte[] miscSelectMask, byte[] attributes, byte[] attributesMask, byte[] mrSigner,
        int isvProdId, List<IsvLevel> tcbLevels) {

    public static final String QE = "QE";
    public static final String TD_QE = "TD_QE";

    public EnclaveIdentity {
        miscSelect = miscSelect.clone();
        miscSelectMask = miscSelectMask.clone();
        attributes = attributes.clone();
        attributesMask = attributesMask.clone();
        mrSigner = mrSigner.clone();
        tcbLevels = List.copyOf(tcbLevels);
    }

    /** QVL {@code EnclaveIdentityParser}: version 2; id QE, QVE or TD_QE; every field present. */
    public static EnclaveIdentity parse(String text) {
        Json json = new Json(QvlStatus.SGX_ENCLAVE_IDENTITY_UNSUPPORTED_FORMAT, "the QE identity");
        JsonNode root = json.parse(text);
        int version = json.integer(root, "version");
        if (version != 2) {
            throw json.fail("has version " + version + "; 2 is supported");
        }
        String id = json.text(root, "id");
        if (!List.of(QE, "QVE", TD_QE).contains(id)) {
            throw json.fail("has id " + id + "; QE, QVE and TD_QE are supported");
        }
        return new EnclaveIdentity(id, json.instant(root, "issueDate"), json.instant(root, "nextUpdate"),
                json.integer(root, "tcbEvaluationDataNumber"), json.hex(root, "miscselect", 4),
                json.hex(root, "miscselectMask", 4), json.hex(root, "attributes", 16),
                json.hex(root, "attributesMask", 16), json.hex(root, "mrsigner", 32), json.integer(root, "isvprodid"),
                IsvLevel.parseAll(json, root));
    }

    @Override
    public byte[] miscSelect() {
        return miscSelect.clone();
    }

    @Override
    public byte[] miscSelectMask() {
        return miscSelectMask.clone();
    }

    @Override
    public byte[] attributes() {
        return attributes.clone();
    }

    @Override
    public byte[] attributesMask() {
        return attributesMask.clone();
    }

    @Override
    public byte[] mrSigner() {
        return mrSigner.clone();
    }
}
