package org.attestation.gateway.support;

import java.util.List;
import org.attestation.gateway.policy.Claim;
import org.attestation.gateway.policy.Claim.Issuer;

/** Incoming claims as evidence verification makes them (maa-api.md §2.10), for policy tests and benchmarks. */
public final class SampleClaims {

    /** The enclave of the Open Enclave SDK sample (vectors/maa-samples/...post.attest.response.jwt.body.json). */
    public static final String MRSIGNER = "6b1f95f512413b03759aaec2ec2b27cc2735468bb6113ccca163da92ca2b9b26";
    public static final String MRENCLAVE = "90a328210154d861be7fc85a904e99fba713b05029321a470f62ea8495ec7d90";
    public static final long PRODUCT_ID = 1;
    public static final long SVN = 8888;

    private static final String COLLATERAL = """
            {"qeidcertshash":"1b2a7cd5966929aec1e061f47aba03ae422c11e9f8dce4212c2bb3609222f324",\
            "qeidcrlhash":"cbb96537d69f90c8c41efb29a750fb09eb7693d9c4b5a22bcb4e6ab859f1ca25",\
            "qeidhash":"a5d7246ce0cf2ac168724573cd2845d86d200eed4753676fd209ee9e2de7064e",\
            "quotehash":"e2e7d0d775f53b47b9bc9c579565cd5bca0cd0c51ccb9a99c1f076e1730607df",\
            "tcbinfocertshash":"1b2a7cd5966929aec1e061f47aba03ae422c11e9f8dce4212c2bb3609222f324",\
            "tcbinfocrlhash":"cbb96537d69f90c8c41efb29a750fb09eb7693d9c4b5a22bcb4e6ab859f1ca25",\
            "tcbinfohash":"0081d032aa6f85bfbfd95a26341f669c649e1db4ab9f09b7832834577c7d71b7"}""";

    private SampleClaims() {
    }

    /** A release SGX enclave: the x-ms-sgx claims, the collateral hashes and the legacy $-claims. */
    public static List<Claim> sgx() {
        return List.of(
                service("x-ms-attestation-type", "sgx"),
                service("x-ms-sgx-is-debuggable", false),
                service("x-ms-sgx-mrsigner", MRSIGNER),
                service("x-ms-sgx-mrenclave", MRENCLAVE),
                service("x-ms-sgx-product-id", PRODUCT_ID),
                service("x-ms-sgx-svn", SVN),
                service("x-ms-sgx-ehd", "LS0tLS1CRUdJTiBQVUJMSUMgS0VZLS0tLS0KTUlJQklqQU5CZ2txaGtpRzl3MEJBUUVGQUFPQ0FROEFN"),
                service("x-ms-sgx-report-data", "9a6c0b".repeat(21) + "ab"),
                service("x-ms-sgx-collateral", COLLATERAL),
                service("$is-debuggable", false),
                service("$sgx-mrsigner", MRSIGNER),
                service("$sgx-mrenclave", MRENCLAVE),
                service("$product-id", PRODUCT_ID),
                service("$svn", SVN),
                service("$tee", "sgx"));
    }

    public static Claim service(String type, Object value) {
        return Claim.of(type, value, Issuer.ATTESTATION_SERVICE);
    }
}
