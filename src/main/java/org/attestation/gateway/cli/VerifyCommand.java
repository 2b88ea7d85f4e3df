package org.attestation.gateway.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.attestation.gateway.Gateway;
import org.attestation.gateway.config.ConfigLoader;
import org.attestation.gateway.crypto.Pem;
import org.attestation.gateway.config.GatewayConfig;
import org.attestation.gateway.crypto.CryptoProviders;
import org.attestation.gateway.error.GatewayException;
import org.attestation.gateway.evidence.AttestationType;
import org.attestation.gateway.evidence.BindingData;
import org.attestation.gateway.evidence.DcapEvidenceVerifier;
import org.attestation.gateway.evidence.PolicyStage;
import org.attestation.gateway.evidence.SnpEvidenceVerifier;
import org.attestation.gateway.evidence.VerifiedEvidence;
import org.attestation.gateway.evidence.dcap.DcapCollateral;
import org.attestation.gateway.evidence.dcap.DcapVerification;
import org.attestation.gateway.evidence.dcap.DcapVerifier;
import org.attestation.gateway.evidence.dcap.OpenEnclaveReport;
import org.attestation.gateway.evidence.dcap.Quote;
import org.attestation.gateway.evidence.dcap.QuoteFormatException;
import org.attestation.gateway.evidence.snp.MaaSnpEvidence;
import org.attestation.gateway.evidence.snp.SnpEndorsements;
import org.attestation.gateway.evidence.snp.SnpReport;
import org.attestation.gateway.evidence.snp.SnpVerifier;
import org.bouncycastle.util.io.pem.PemObject;
import org.attestation.gateway.policy.CompiledPolicy;
import org.attestation.gateway.policy.PolicyEvaluator;
import org.attestation.gateway.policy.PolicyParseException;
import org.attestation.gateway.store.Tenant;
import org.attestation.gateway.token.Issuers;
import org.attestation.gateway.token.TokenIssuer;
import org.attestation.gateway.token.TokenRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code verify}: one-shot verification of one piece of evidence, printing the result as one JSON object.
 * Exit 0 when the evidence is accepted, 1 when it is rejected, 2 for usage or configuration errors.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Verify one piece of evidence and print the result as JSON.",
            "Exit codes: 0 accepted, 1 rejected, 2 usage or configuration error."})
public final class VerifyCommand implements Callable<Integer> {

    /** Evidence types of {@code --type}. */
    enum EvidenceType {
        sgx(AttestationType.SGX_ENCLAVE), openenclave(AttestationType.OPEN_ENCLAVE), tdx(AttestationType.TDX_VM),
        sevsnp(AttestationType.SEV_SNP_VM), tpm(AttestationType.TPM);

        final AttestationType attestationType;

        EvidenceType(AttestationType attestationType) {
            this.attestationType = attestationType;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Option(names = "--type", required = true, paramLabel = "TYPE",
            description = "sgx, openenclave, tdx, sevsnp (tpm is not available yet)")
    EvidenceType type;

    @Option(names = "--evidence", required = true, paramLabel = "FILE",
            description = "the raw quote or report, or an MAA attest request body (JSON)")
    Path evidence;

    @Option(names = "--collateral", paramLabel = "FILE",
            description = {"SGX/TDX: a JSON object with the fields of Intel's sgx_ql_qve_collateral_t",
                "SEV-SNP: PEM of the VCEK or VLEK, ASK and ARK, optionally the ARK's CRL (X509 CRL)"})
    Path collateral;

    @Option(names = "--runtime-data", paramLabel = "FILE",
            description = "runtime data whose SHA-256 must be the first 32 bytes of the report data (REPORT_DATA)")
    Path runtimeData;

    @Option(names = "--at", paramLabel = "INSTANT",
            description = "ISO-8601 instant at which to judge the evidence (default: GATEWAY_VERIFY_AT, else now)")
    String at;

    @Option(names = "--policy", paramLabel = "FILE",
            description = "an attestation policy (MAA's language) the evidence must satisfy; its issued claims are added")
    Path policy;

    @Option(names = "--offline", description = {"never call a vendor. verify always works offline: collateral and "
            + "certificates come from --collateral or the evidence, so this only states it"})
    boolean offline;

    @Mixin
    ConfigOption config = new ConfigOption();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Inputs inputs;
        try {
            inputs = inputs();
        } catch (UsageException e) {
            err.println("verify: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("accepted", false);
        result.put("attestationType", type.attestationType.apiName());
        int exit;
        try {
            VerifiedEvidence verified = verify(inputs);
            Map<String, Object> claims = inputs.policy().isPresent()
                    ? PolicyStage.judge(verified, Optional.empty(), inputs.policy().get(), new PolicyEvaluator()).claims()
                    : verified.tokenClaims(Optional.empty());
            result.put("accepted", true);
            result.put("claims", claims);
            // verify has no signing identity of its own: the token is unsecured, like a draft-policy result
            TokenIssuer issuer = new TokenIssuer(CryptoProviders.install(), Clock.systemUTC(),
                    inputs.config().token().lifetime());
            result.put("token", issuer.unsecured(TokenRequest.signed(Tenant.DEFAULT, claims),
                    new Issuers(inputs.config().publicUrl(inputs.config().http().port())).of(Tenant.DEFAULT)).jwt());
            exit = ExitCodes.OK;
        } catch (UsageException e) {
            err.println("verify: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (GatewayException e) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("code", e.code());
            error.put("message", e.getMessage());
            result.put("error", error);
            exit = ExitCodes.FAILED;
        }
        try {
            out.println(JSON.writeValueAsString(result));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return exit;
    }

    private VerifiedEvidence verify(Inputs inputs) {
        return type == EvidenceType.sevsnp ? verifySnp(inputs) : verifyDcap(inputs);
    }

    private VerifiedEvidence verifyDcap(Inputs inputs) {
        Quote quote = type == EvidenceType.openenclave
                ? OpenEnclaveReport.quote(inputs.evidence())
                : Quote.parse(inputs.evidence());
        if (quote.isTdx() != (type == EvidenceType.tdx)) {
            throw new QuoteFormatException("the evidence is " + (quote.isTdx() ? "a TDX" : "an SGX")
                    + " quote, not what --type " + type + " announces");
        }
        DcapCollateral parsed;
        try {
            parsed = DcapCollateral.fromJson(new String(inputs.collateral(), StandardCharsets.UTF_8));
        } catch (GatewayException e) {
            throw new UsageException("--collateral " + collateral + ": " + e.getMessage());
        }
        DcapVerification verification = new DcapVerifier(Gateway.trustedIntelRoot(inputs.config()),
                CryptoProviders.install()).verify(quote, parsed, inputs.at());
        return new VerifiedEvidence(type.attestationType,
                DcapEvidenceVerifier.claims(quote, verification, inputs.runtimeData(), inputs.initTimeData()));
    }

    /**
     * SEV-SNP: the report, bare or in MAA's envelope; its VEK, ASK and ARK from the envelope's VcekCertChain or
     * from {@code --collateral} (PEM certificates, optionally the CRL as an {@code X509 CRL} block).
     */
    private VerifiedEvidence verifySnp(Inputs inputs) {
        MaaSnpEvidence evidence = MaaSnpEvidence.parse(inputs.evidence());
        SnpReport report = SnpReport.parse(evidence.report());
        Optional<String> pem = inputs.collateral().length > 0
                ? Optional.of(new String(inputs.collateral(), StandardCharsets.US_ASCII)) : evidence.vcekCertChain();
        if (pem.isEmpty()) {
            throw new UsageException("--collateral FILE (PEM VCEK or VLEK, ASK, ARK) is required when the evidence "
                    + "carries no VcekCertChain: fetching from AMD KDS is not available in this command");
        }
        SnpEndorsements endorsements = SnpEndorsements.fromPemChain(pem.get());
        for (PemObject block : Pem.blocks(pem.get())) {
            if (Pem.CRL.equals(block.getType())) {
                endorsements = endorsements.withCrl(block.getContent());
            }
        }
        var verification = new SnpVerifier(Gateway.trustedAmdRoots(inputs.config()), CryptoProviders.install())
                .verify(report, endorsements, inputs.at());
        return new VerifiedEvidence(type.attestationType,
                SnpEvidenceVerifier.claims(report, verification, inputs.runtimeData(), inputs.initTimeData()));
    }

    /** @param collateral the bytes of {@code --collateral}, empty when not given */
    private record Inputs(GatewayConfig config, byte[] evidence, Optional<BindingData> runtimeData,
            Optional<BindingData> initTimeData, byte[] collateral, Optional<CompiledPolicy> policy, Instant at) {
    }

    private Inputs inputs() {
        GatewayConfig settings = ConfigLoader.fromSystem().load(config.file());
        if (type == EvidenceType.tpm) {
            throw new UsageException("--type " + type + " is not available in this version");
        }
        if (collateral == null && type != EvidenceType.sevsnp) {
            throw new UsageException("--collateral FILE is required: fetching collateral from Intel PCS is not "
                    + "available in this version");
        }
        byte[] bytes = read(evidence, "--evidence");
        Optional<BindingData> runtime = Optional.ofNullable(runtimeData)
                .map(file -> new BindingData(read(file, "--runtime-data"), BindingData.DataType.BINARY));
        Optional<BindingData> initTime = Optional.empty();
        JsonNode request = bytes.length > 0 && bytes[0] == '{' ? json(bytes) : null;
        if (request != null && (type != EvidenceType.sevsnp || request.has("report"))) {
            // An MAA attest request body: the evidence field, its init-time data, and its runtime data unless given apart
            bytes = base64Field(request, type.attestationType.evidenceField());
            if (runtime.isEmpty()) {
                runtime = binding(request, "runtimeData");
            }
            initTime = binding(request, "initTimeData");
        }
        byte[] collateralBytes = collateral == null ? new byte[0] : read(collateral, "--collateral");
        Optional<CompiledPolicy> compiled = Optional.ofNullable(policy).map(file -> {
            try {
                return CompiledPolicy.parse(new String(read(file, "--policy"), StandardCharsets.UTF_8));
            } catch (PolicyParseException e) {
                throw new UsageException("--policy " + file + ":" + e.getMessage());
            }
        });
        return new Inputs(settings, bytes, runtime, initTime, collateralBytes, compiled, instant(settings));
    }

    private static Optional<BindingData> binding(JsonNode request, String field) {
        JsonNode node = request.path(field);
        if (!node.has("data")) {
            return Optional.empty();
        }
        return Optional.of(new BindingData(base64Field(node, "data"), node.path("dataType").asText("Binary")
                .equalsIgnoreCase("JSON") ? BindingData.DataType.JSON : BindingData.DataType.BINARY));
    }

    private Instant instant(GatewayConfig settings) {
        if (at == null) {
            return settings.verification().verifyAt().orElseGet(Instant::now);
        }
        try {
            return OffsetDateTime.parse(at).toInstant();
        } catch (DateTimeParseException e) {
            throw new UsageException("--at " + at + " is not an ISO-8601 instant with a zone (e.g. 2025-07-01T00:00:00Z)");
        }
    }

    private static byte[] read(Path file, String option) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UsageException(option + " " + file + ": cannot read it");
        }
    }

    private static JsonNode json(byte[] bytes) {
        try {
            return new ObjectMapper().readTree(bytes);
        } catch (IOException e) {
            throw new UsageException("--evidence looks like JSON but does not parse: " + e.getMessage());
        }
    }

    private static byte[] base64Field(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new UsageException("--evidence JSON has no string field '" + field + "'");
        }
        try {
            return Base64.getUrlDecoder().decode(value.asText().strip().replace('+', '-').replace('/', '_'));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--evidence field '" + field + "' is not base64url");
        }
    }

    /** A command line that cannot be acted on: exit 2 with one line. */
    private static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
