package org.attestation.gateway.evidence.dcap.testpki;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes sample quotes and collateral of one fresh {@link DcapTestPki} into a directory, for independent
 * cross-checks with the reference checker {@code tools/dcap/dcap_parse.py QUOTE COLLATERAL.json} and
 * {@code tools/dcap/pcs_body.py BODY tcbInfo CHAIN.pem}. Usage: {@code DcapSampleWriter <directory>}.
 *
 * <p>Per sample {@code NAME}: {@code NAME.quote}, {@code NAME.collateral.json}, {@code NAME.tcbinfo.json} (PCS
 * body), {@code NAME.qeidentity.json} (PCS body) and {@code NAME.tcbchain.pem}; plus {@code root.pem}.
 */
public final class DcapSampleWriter {

    private DcapSampleWriter() {
    }

    public static void main(String[] args) throws IOException {
        Path directory = Files.createDirectories(Path.of(args[0]));
        DcapTestPki pki = DcapTestPki.create();
        Files.writeString(directory.resolve("root.pem"), pki.rootCertificatePem(), StandardCharsets.US_ASCII);
        write(directory, "sgx-v3-processor", pki.quote().build(), pki.collateral());
        write(directory, "sgx-v4", pki.quote().version(4).build(), pki.collateral());
        write(directory, "sgx-v5", pki.quote().version(5).build(), pki.collateral());
        write(directory, "sgx-v3-platform-swhardening", pki.quote().pckCa(CaType.PLATFORM).build(),
                pki.collateral().pckCa(CaType.PLATFORM)
                        .tcbLevel(TcbLevelSpec.upToDate().withSgxComponentSvns(4, 3, 2, 2, 4, 1, 0, 5, 0, 0, 0, 0, 0,
                                0, 0, 0))
                        .tcbLevel(TcbLevelSpec.of("SWHardeningNeeded").withAdvisoryIds("INTEL-SA-00615"))
                        .qeTcbLevel(IsvTcbLevel.of(9, "UpToDate"))
                        .qeTcbLevel(IsvTcbLevel.of(6, "OutOfDate")));
        write(directory, "tdx-v4-platform", pki.quote().tdx().build(), pki.collateral().tdx());
        write(directory, "tdx-v4-module-outofdate",
                pki.quote().tdx().teeTcbSvn(Hex.parse("04010200000000000000000000000000")).build(),
                pki.collateral().tdx()
                        .tcbLevel(TcbLevelSpec.upToDate())
                        .tcbLevel(TcbLevelSpec.of("OutOfDate").withTdxComponentSvns(4, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                                0, 0, 0, 0).withAdvisoryIds("INTEL-SA-01036"))
                        .tdxModuleIdentity("TDX_01", new byte[48], new byte[8], Hex.parse("FFFFFFFFFFFFFFFF"),
                                List.of(IsvTcbLevel.of(6, "UpToDate"), IsvTcbLevel.of(4, "OutOfDate"))));
        write(directory, "tdx-v5-td10", pki.quote().tdx().version(5).build(), pki.collateral().tdx());
        write(directory, "tdx-v5-td15", pki.quote().tdReport15().build(), pki.collateral().tdx());
    }

    private static void write(Path directory, String name, byte[] quote, TestCollateralBuilder collateral)
            throws IOException {
        TestCollateral built = collateral.buildCollateral();
        Files.write(directory.resolve(name + ".quote"), quote);
        Map<String, String> texts = Map.of(".collateral.json", built.toJson(), ".tcbinfo.json", built.pcsTcbInfoBody(),
                ".qeidentity.json", built.pcsQeIdentityBody(), ".tcbchain.pem", built.tcbInfoIssuerChain());
        for (Map.Entry<String, String> text : texts.entrySet()) {
            Files.writeString(directory.resolve(name + text.getKey()), text.getValue(), StandardCharsets.UTF_8);
        }
    }
}
