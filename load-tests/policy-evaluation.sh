#!/usr/bin/env bash
# MAA policy evaluation: the default SGX policy and a 30-rule policy over 15 SGX claims (JMH, one run).
# Needs ../shared/vectors. Extra arguments go to JMH and replace the defaults.
set -euo pipefail
exec "$(dirname "$0")/jmh.sh" PolicyEvaluationBenchmark policy-evaluation "$@"
