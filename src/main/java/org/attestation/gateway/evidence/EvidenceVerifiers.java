package org.attestation.gateway.evidence;

import io.vertx.core.Future;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The verifiers installed in this gateway, one per attestation type. Immutable. */
public final class EvidenceVerifiers {

    private final Map<AttestationType, EvidenceVerifier> byType;

    public EvidenceVerifiers(List<EvidenceVerifier> verifiers) {
        Map<AttestationType, EvidenceVerifier> map = new EnumMap<>(AttestationType.class);
        for (EvidenceVerifier verifier : verifiers) {
            if (map.put(verifier.type(), verifier) != null) {
                throw new IllegalArgumentException("two verifiers for " + verifier.type().apiName());
            }
        }
        this.byType = map;
    }

    /** Verifies with the verifier of the request's type. */
    public Future<VerifiedEvidence> verify(AttestationRequest request) {
        EvidenceVerifier verifier = byType.get(request.type());
        if (verifier == null) {
            return Future.failedFuture(new UnsupportedEvidenceException(request.type()));
        }
        return verifier.verify(request);
    }
}
