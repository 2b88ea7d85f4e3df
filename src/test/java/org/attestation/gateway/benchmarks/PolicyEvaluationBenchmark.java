package org.attestation.gateway.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.attestation.gateway.policy.Claim;
import org.attestation.gateway.policy.CompiledPolicy;
import org.attestation.gateway.policy.PolicyEvaluator;
import org.attestation.gateway.policy.PolicyResult;
import org.attestation.gateway.support.SampleClaims;
import org.attestation.gateway.support.SharedVectors;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Policy evaluation of a warm gateway (policies compiled and cached) over a release enclave's 15 SGX claims: MAA's
 * default SGX policy (7 rules), and a 30-rule policy with bindings, absence, deny rules and property claims. Run with
 * {@code load-tests/policy-evaluation.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PolicyEvaluationBenchmark {

    /** Rules 1-30: one configuration rule, 10 authorization rules, 19 issuance rules. */
    static final String THIRTY_RULES = """
            version=1.2;
            configurationrules {
                => issueproperty(type="x-ms-sgx-tcbidentifier", value="azuredefault");
            };
            authorizationrules {
                [type=="x-ms-sgx-is-debuggable", value==true] => deny();
                [type=="x-ms-sgx-mrsigner", value=="%1$s"] && [type=="x-ms-sgx-product-id", value==2] => permit();
                [type=="x-ms-sgx-mrsigner", value=="%2$s"] && [type=="x-ms-sgx-product-id", value==3] => permit();
                [type=="x-ms-sgx-mrsigner", value=="%3$s"] && [type=="x-ms-sgx-product-id", value==1] => permit();
                [type=="x-ms-sgx-mrsigner", value=="%4$s"] && [type=="x-ms-sgx-product-id", value==1] => permit();
                [type=="x-ms-sgx-svn", value<100] => deny();
                ![type=="x-ms-sgx-revoked"] => add(type="notRevoked", value=true);
                [type=="notRevoked", value==true] && [type=="x-ms-attestation-type", value=="sgx"] => permit();
                c:[type=="x-ms-sgx-mrenclave"] && [type=="x-ms-sgx-mrsigner", issuer=="AttestationService"] => add(type="enclaveKnown", value=c.value);
                [type=="x-ms-sgx-collateral"] => add(type="collateralPresent", value=true);
            };
            issuancerules {
                c:[type=="x-ms-sgx-is-debuggable"] => issue(type="is-debuggable", value=c.value);
                c:[type=="x-ms-sgx-mrsigner"] => issue(type="sgx-mrsigner", value=c.value);
                c:[type=="x-ms-sgx-mrenclave"] => issue(type="sgx-mrenclave", value=c.value);
                c:[type=="x-ms-sgx-product-id"] => issue(type="product-id", value=c.value);
                c:[type=="x-ms-sgx-svn"] => issue(type="svn", value=c.value);
                c:[type=="x-ms-attestation-type"] => issue(type="tee", value=c.value);
                c:[type=="x-ms-sgx-ehd"] => issue(type="maa-ehd", value=c.value);
                c:[type=="x-ms-sgx-ehd"] => issue(type="aas-ehd", value=c.value);
                c:[type=="x-ms-sgx-report-data"] => issue(type="rp_data", value=c.value);
                c:[type=="x-ms-sgx-collateral"] => issue(type="maa-attestationcollateral", value=c.value);
                c:[type=="enclaveKnown"] => issue(type="enclave", value=c.value);
                c1:[type=="x-ms-sgx-mrsigner"] && c2:[type=="x-ms-sgx-product-id"] && c3:[type=="x-ms-sgx-svn", value>=1] => issue(type="identity", value=c1.value);
                [type=="x-ms-sgx-is-debuggable", value==false] => issue(type="production", value=true);
                [type=="x-ms-sgx-svn", value>=8000] => issue(type="svnLevel", value="current");
                [type=="x-ms-sgx-svn", value<8000] => issue(type="svnLevel", value="outdated");
                ![type=="x-ms-sgx-config-id"] => issue(type="kss", value=false);
                [type=="collateralPresent"] => issue(type="collateralChecked", value=true);
                => issueproperty(type="report_validity_in_minutes", value=480);
                => issueproperty(type="omit_x5c", value=false);
            };
            """.formatted("aa".repeat(32), "bb".repeat(32), "cc".repeat(32), SampleClaims.MRSIGNER);

    private final PolicyEvaluator evaluator = new PolicyEvaluator();
    private final List<Claim> claims = SampleClaims.sgx();
    private CompiledPolicy sgxDefault;
    private CompiledPolicy thirtyRules;

    @Setup(Level.Trial)
    public void compile() {
        sgxDefault = CompiledPolicy.parse(SharedVectors.text("maa-policies/02-sgx-default-v1.1.txt"));
        thirtyRules = CompiledPolicy.parse(THIRTY_RULES);
        // Measure the whole path: both authorize and run their issuance rules
        evaluator.evaluate(sgxDefault, claims).requireAuthorized();
        if (evaluator.evaluate(thirtyRules, claims).requireAuthorized().issued().size() != 16) {
            throw new IllegalStateException("the 30-rule policy no longer issues its 16 claims");
        }
    }

    @Benchmark
    public PolicyResult sgxDefault() {
        return evaluator.evaluate(sgxDefault, claims);
    }

    @Benchmark
    public PolicyResult thirtyRules() {
        return evaluator.evaluate(thirtyRules, claims);
    }
}
