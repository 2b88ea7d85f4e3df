#!/usr/bin/env bash
# Cold and warm SEV-SNP verification of one real Milan report (JMH, one run).
# Needs ../shared/vectors. Extra arguments go to JMH and replace the defaults.
set -euo pipefail
exec "$(dirname "$0")/jmh.sh" SnpVerificationBenchmark snp-verification "$@"
