package org.attestation.gateway.evidence.dcap.testpki;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One platform TCB level of a TCB info (spec §3.3). A level matches an SGX quote when every PCK component SVN
 * and the PCK PCESVN are ≥ the level's; a TDX quote additionally compares {@code tee_tcb_svn} with
 * {@link #tdxComponentSvns()} (ignored in SGX TCB info). Start from {@link #upToDate()} and change what the test
 * is about with the {@code with…} methods.
 *
 * @param sgxComponentSvns 16 SGX TCB component SVNs ({@code sgxtcbcomponents[i].svn})
 * @param pcesvn           {@code pcesvn}
 * @param tdxComponentSvns 16 TDX TCB component SVNs ({@code tdxtcbcomponents[i].svn}), TDX TCB info only
 * @param tcbStatus        {@code tcbStatus}, written as given (unknown values allowed for negative tests)
 * @param tcbDate          {@code tcbDate}
 * @param advisoryIds      {@code advisoryIDs}; omitted from the JSON when empty
 */
public record TcbLevelSpec(int[] sgxComponentSvns, int pcesvn, int[] tdxComponentSvns, String tcbStatus,
        Instant tcbDate, List<String> advisoryIds) {

    static final int COMPONENTS = 16;

    public TcbLevelSpec {
        sgxComponentSvns = components(sgxComponentSvns, "sgxComponentSvns");
        tdxComponentSvns = components(tdxComponentSvns, "tdxComponentSvns");
        Objects.requireNonNull(tcbStatus, "tcbStatus");
        Objects.requireNonNull(tcbDate, "tcbDate");
        advisoryIds = List.copyOf(advisoryIds);
    }

    /**
     * The default level: {@link DcapTestDefaults#pckComponentSvns()}, {@link DcapTestDefaults#PCESVN},
     * {@link DcapTestDefaults#teeTcbSvnComponents()}, {@code UpToDate}, {@link DcapTestDefaults#TCB_DATE}, no
     * advisories — exactly what a default quote's PCK certificate and TD report carry.
     */
    public static TcbLevelSpec upToDate() {
        return new TcbLevelSpec(DcapTestDefaults.pckComponentSvns(), DcapTestDefaults.PCESVN,
                DcapTestDefaults.teeTcbSvnComponents(), "UpToDate", DcapTestDefaults.TCB_DATE, List.of());
    }

    /** The default level with another status, e.g. {@code of("OutOfDate").withAdvisoryIds("INTEL-SA-00615")}. */
    public static TcbLevelSpec of(String tcbStatus) {
        return upToDate().withTcbStatus(tcbStatus);
    }

    public TcbLevelSpec withSgxComponentSvns(int... svns) {
        return new TcbLevelSpec(svns, pcesvn, tdxComponentSvns, tcbStatus, tcbDate, advisoryIds);
    }

    public TcbLevelSpec withPcesvn(int svn) {
        return new TcbLevelSpec(sgxComponentSvns, svn, tdxComponentSvns, tcbStatus, tcbDate, advisoryIds);
    }

    public TcbLevelSpec withTdxComponentSvns(int... svns) {
        return new TcbLevelSpec(sgxComponentSvns, pcesvn, svns, tcbStatus, tcbDate, advisoryIds);
    }

    public TcbLevelSpec withTcbStatus(String status) {
        return new TcbLevelSpec(sgxComponentSvns, pcesvn, tdxComponentSvns, status, tcbDate, advisoryIds);
    }

    public TcbLevelSpec withTcbDate(Instant date) {
        return new TcbLevelSpec(sgxComponentSvns, pcesvn, tdxComponentSvns, tcbStatus, date, advisoryIds);
    }

    public TcbLevelSpec withAdvisoryIds(String... ids) {
        return new TcbLevelSpec(sgxComponentSvns, pcesvn, tdxComponentSvns, tcbStatus, tcbDate, List.of(ids));
    }

    @Override
    public int[] sgxComponentSvns() {
        return sgxComponentSvns.clone();
    }

    @Override
    public int[] tdxComponentSvns() {
        return tdxComponentSvns.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TcbLevelSpec that && pcesvn == that.pcesvn
                && Arrays.equals(sgxComponentSvns, that.sgxComponentSvns)
                && Arrays.equals(tdxComponentSvns, that.tdxComponentSvns) && tcbStatus.equals(that.tcbStatus)
                && tcbDate.equals(that.tcbDate) && advisoryIds.equals(that.advisoryIds);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(sgxComponentSvns), pcesvn, Arrays.hashCode(tdxComponentSvns), tcbStatus,
                tcbDate, advisoryIds);
    }

    @Override
    public String toString() {
        return "TcbLevelSpec[sgx=" + Arrays.toString(sgxComponentSvns) + ", pcesvn=" + pcesvn + ", tdx="
                + Arrays.toString(tdxComponentSvns) + ", " + tcbStatus + ", " + tcbDate + ", " + advisoryIds + "]";
    }

    private static int[] components(int[] svns, String what) {
        if (svns.length != COMPONENTS) {
            throw new IllegalArgumentException(what + " needs " + COMPONENTS + " entries, got " + svns.length);
        }
        return svns.clone();
    }
}
