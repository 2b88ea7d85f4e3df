#!/usr/bin/env bash
# Cold and warm DCAP verification of one real SGX and one real TDX quote (JMH, one run).
# Needs ../shared/vectors. Extra arguments go to JMH (e.g. -t 2 for two threads).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/benchmark.classpath
java -cp "target/test-classes:target/classes:$(cat target/benchmark.classpath)" org.openjdk.jmh.Main \
    DcapVerificationBenchmark -f 1 -wi 2 -w 2s -i 3 -r 3s -t 1 \
    -rf json -rff target/dcap-verification.json "$@"
