package org.attestation.gateway.evidence.dcap;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Platform TCB level selection and status convergence, as QVL's {@code TcbLevelCheck},
 * {@code TdxModuleCheck} and {@code TDRelaunchCheck} do it (spec/dcap.md §2.3).
 *
 * @param status       the final status, after the TDX module, TD relaunch and QE status are taken in
 * @param level        the matched platform level (for TDX, the first level matching SGX and TDX components)
 * @param moduleLevel  for TDX with a module major version above 0, the matched module identity level
 */
public record TcbEvaluation(TcbStatus status, TcbInfo.TcbLevel level, Optional<IsvLevel> moduleLevel) {

    private static final Set<TcbStatus> RELAUNCH_SGX = Set.of(TcbStatus.UP_TO_DATE, TcbStatus.SW_HARDENING_NEEDED,
            TcbStatus.CONFIGURATION_NEEDED, TcbStatus.CONFIGURATION_AND_SW_HARDENING_NEEDED);
    private static final Set<TcbStatus> RELAUNCH_TDX = Set.of(TcbStatus.OUT_OF_DATE,
            TcbStatus.OUT_OF_DATE_CONFIGURATION_NEEDED);

    /** The matched level's advisories (platform only, as Intel's supplemental data). */
    public List<String> advisoryIds() {
        return level.advisoryIds();
    }

    public Instant tcbDate() {
        return level.tcbDate();
    }

    /**
     * Evaluates a quote's platform against TCB info. {@code qeStatus} is the QE identity level's status
     * (UpToDate, OutOfDate or Revoked). Throws {@link DcapVerificationException} with
     * {@code TCB_NOT_SUPPORTED} when no level matches.
     */
    static TcbEvaluation evaluate(Quote quote, PckCertificate pck, TcbInfo tcbInfo, TcbStatus qeStatus) {
        int[] pckComponents = pck.sgxComponentSvns();
        // QVL TcbLevelCheck: SGX match = every PCK component SVN and PCESVN at least the level's
        List<TcbInfo.TcbLevel> sgxMatches = tcbInfo.tcbLevels().stream()
                .filter(level -> atLeast(pckComponents, level.sgxComponents(), 0) && pck.pceSvn() >= level.pceSvn())
                .toList();
        if (sgxMatches.isEmpty()) {
            throw notSupported("no TCB level matches the PCK certificate's SGX components and PCESVN");
        }
        if (!tcbInfo.isTdx()) {
            return converge(new TcbEvaluation(sgxMatches.get(0).status(), sgxMatches.get(0), Optional.empty()),
                    qeStatus);
        }
        TdReportBody td = (TdReportBody) quote.body();
        int[] teeTcbSvn = unsigned(td.teeTcbSvn());
        // QVL TcbLevelCheck (TDX): indices 0 and 1 are judged by the module identity when the major version > 0
        int start = teeTcbSvn[1] > 0 ? 2 : 0;
        TcbInfo.TcbLevel sgxLevel = sgxMatches.get(0);
        TcbInfo.TcbLevel tdxLevel = sgxMatches.stream()
                .filter(level -> atLeast(teeTcbSvn, level.tdxComponents().orElseThrow(), start))
                .findFirst()
                .orElseThrow(() -> notSupported("no TCB level matches the TD's TEE TCB SVN"));
        // QVL TdxModuleCheck: the module identity's level by the module's minor SVN
        Optional<IsvLevel> moduleLevel = moduleLevel(quote, tcbInfo, teeTcbSvn);
        TcbStatus moduleStatus = moduleLevel.map(IsvLevel::status).orElse(TcbStatus.UP_TO_DATE);
        TcbStatus tdxStatus = switch (moduleStatus) {
            case OUT_OF_DATE -> outOfDate(tdxLevel.status());
            case REVOKED -> TcbStatus.REVOKED;
            default -> tdxLevel.status();
        };
        // QVL TDRelaunchCheck: TD 1.5 only
        if (quote.bodyType() == Quote.BODY_TD_1_5 && qeStatus == TcbStatus.UP_TO_DATE
                && RELAUNCH_SGX.contains(sgxLevel.status()) && RELAUNCH_TDX.contains(tdxStatus)
                && moduleStatus == TcbStatus.OUT_OF_DATE
                && relaunchFixes(unsigned(td.teeTcbSvn2().orElseThrow()), tcbInfo)) {
            TcbStatus advised = sgxLevel.status().needsConfiguration() || tdxStatus.needsConfiguration()
                    ? TcbStatus.TD_RELAUNCH_ADVISED_CONFIGURATION_NEEDED
                    : TcbStatus.TD_RELAUNCH_ADVISED;
            return new TcbEvaluation(advised, tdxLevel, moduleLevel);
        }
        return converge(new TcbEvaluation(tdxStatus, tdxLevel, moduleLevel), qeStatus);
    }

    private static Optional<IsvLevel> moduleLevel(Quote quote, TcbInfo tcbInfo, int[] teeTcbSvn) {
        if (quote.version() > 3 && teeTcbSvn[1] == 0) {
            return Optional.empty();
        }
        TcbInfo.TdxModuleIdentity identity = tcbInfo.moduleIdentity(teeTcbSvn[1])
                .orElseThrow(() -> new DcapVerificationException(QvlStatus.TDX_MODULE_MISMATCH,
                        String.format("the TCB info has no identity TDX_%02X for the TDX module", teeTcbSvn[1])));
        return Optional.of(identity.tcbLevels().stream()
                .filter(level -> teeTcbSvn[0] >= level.isvSvn())
                .findFirst()
                .orElseThrow(() -> notSupported("no level of " + identity.id() + " matches the module SVN "
                        + teeTcbSvn[0])));
    }

    /** Relaunching the TD would bring it to the latest level: its launch-time SVNs already reach it. */
    private static boolean relaunchFixes(int[] teeTcbSvn2, TcbInfo tcbInfo) {
        List<Integer> latest = tcbInfo.tcbLevels().get(0).tdxComponents().orElseThrow();
        int requiredModuleSvn;
        if (teeTcbSvn2[1] == 0) {
            requiredModuleSvn = latest.get(0);
        } else {
            TcbInfo.TdxModuleIdentity identity = tcbInfo.moduleIdentity(teeTcbSvn2[1])
                    .orElseThrow(() -> new DcapVerificationException(QvlStatus.TDX_MODULE_MISMATCH,
                            String.format("the TCB info has no identity TDX_%02X for TEE_TCB_SVN2", teeTcbSvn2[1])));
            requiredModuleSvn = identity.tcbLevels().get(0).isvSvn();
        }
        return teeTcbSvn2[0] >= requiredModuleSvn && teeTcbSvn2[2] >= latest.get(2);
    }

    /** QVL convergence with the QE identity's status (the final step). */
    private static TcbEvaluation converge(TcbEvaluation platform, TcbStatus qeStatus) {
        TcbStatus status = switch (qeStatus) {
            case OUT_OF_DATE -> outOfDate(platform.status());
            case REVOKED -> TcbStatus.REVOKED;
            default -> platform.status();
        };
        return new TcbEvaluation(status, platform.level(), platform.moduleLevel());
    }

    /** What an out-of-date component makes of a level status. */
    private static TcbStatus outOfDate(TcbStatus status) {
        return switch (status) {
            case UP_TO_DATE, SW_HARDENING_NEEDED -> TcbStatus.OUT_OF_DATE;
            case CONFIGURATION_NEEDED, CONFIGURATION_AND_SW_HARDENING_NEEDED ->
                    TcbStatus.OUT_OF_DATE_CONFIGURATION_NEEDED;
            default -> status;
        };
    }

    private static boolean atLeast(int[] actual, List<Integer> required, int from) {
        for (int i = from; i < required.size(); i++) {
            if (actual[i] < required.get(i)) {
                return false;
            }
        }
        return true;
    }

    private static int[] unsigned(byte[] svns) {
        int[] out = new int[svns.length];
        for (int i = 0; i < svns.length; i++) {
            out[i] = svns[i] & 0xFF;
        }
        return out;
    }

    private static DcapVerificationException notSupported(String message) {
        return new DcapVerificationException(QvlStatus.TCB_NOT_SUPPORTED, message);
    }
}
