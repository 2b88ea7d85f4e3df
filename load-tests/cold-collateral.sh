#!/usr/bin/env bash
# Cold-path latency that one collateral fetch adds to an attestation, against a fake PCS (WireMock on
# 127.0.0.1) answering after 200 ms. Needs ../shared/vectors.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/benchmark.classpath
java -cp "target/test-classes:target/classes:$(cat target/benchmark.classpath)" \
    org.attestation.gateway.benchmarks.ColdCollateralLatency
