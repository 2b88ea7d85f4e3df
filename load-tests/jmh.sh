#!/usr/bin/env bash
# Runs one JMH benchmark class of src/test/java/.../benchmarks once, writing target/<name>.json.
# Usage: load-tests/jmh.sh BENCHMARK RESULT-NAME [JMH options...]
# JMH options given replace the defaults (-wi 2 -w 2s -i 3 -r 3s -t 1).
set -euo pipefail
cd "$(dirname "$0")/.."
benchmark=$1 result=$2
shift 2
if [ $# -eq 0 ]; then
    set -- -wi 2 -w 2s -i 3 -r 3s -t 1
fi
mvn -q -B test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/benchmark.classpath
java -cp "target/test-classes:target/classes:$(cat target/benchmark.classpath)" org.openjdk.jmh.Main \
    "$benchmark" -f 1 -rf json -rff "target/$result.json" "$@"
