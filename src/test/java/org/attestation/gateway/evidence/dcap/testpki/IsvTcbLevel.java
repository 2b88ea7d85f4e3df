package org.attestation.gateway.evidence.dcap.testpki;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A TCB level keyed by one ISVSVN: the {@code tcbLevels} entries of a QE identity (spec §3.4) and of a TDX
 * module identity (spec §3.3). Verifiers take the first level, in JSON order, whose {@code isvsvn} is ≤ the
 * report's.
 *
 * @param isvsvn      {@code tcb.isvsvn}
 * @param tcbStatus   {@code UpToDate}, {@code OutOfDate}, {@code Revoked} (written as given)
 * @param tcbDate     {@code tcbDate}
 * @param advisoryIds {@code advisoryIDs}; omitted from the JSON when empty
 */
public record IsvTcbLevel(int isvsvn, String tcbStatus, Instant tcbDate, List<String> advisoryIds) {

    public IsvTcbLevel {
        Objects.requireNonNull(tcbStatus, "tcbStatus");
        Objects.requireNonNull(tcbDate, "tcbDate");
        advisoryIds = List.copyOf(advisoryIds);
    }

    /** A level dated {@link DcapTestDefaults#TCB_DATE} without advisories. */
    public static IsvTcbLevel of(int isvsvn, String tcbStatus) {
        return new IsvTcbLevel(isvsvn, tcbStatus, DcapTestDefaults.TCB_DATE, List.of());
    }
}
