#!/usr/bin/env bash
# Cold and warm DCAP verification of one real SGX and one real TDX quote (JMH, one run).
# Needs ../shared/vectors. Extra arguments go to JMH and replace the defaults.
set -euo pipefail
exec "$(dirname "$0")/jmh.sh" DcapVerificationBenchmark dcap-verification "$@"
