#!/usr/bin/env bash
# Signature throughput per JCA provider (native ACCP, BouncyCastle, JDK), measured in one run with JMH,
# and each provider's rate as a ratio of BouncyCastle's. Extra arguments go to JMH and replace the defaults.
set -euo pipefail
"$(dirname "$0")/jmh.sh" CryptoProviderBenchmark crypto-providers "$@"
cd "$(dirname "$0")/.."
python3 - target/crypto-providers.json <<'PY'
import json, sys
rows = {}
for run in json.load(open(sys.argv[1])):
    op = run["benchmark"].rsplit(".", 1)[1]
    rows.setdefault(op, {})[run["params"]["provider"]] = run["primaryMetric"]["score"]
print(f"\n{'operation':<12}{'ACCP ops/s':>14}{'BC ops/s':>12}{'JDK ops/s':>12}{'ACCP/BC':>10}{'JDK/BC':>9}")
for op, by in sorted(rows.items()):
    bc = by.get("BC") or float("nan")
    print(f"{op:<12}{by.get('ACCP', float('nan')):>14,.0f}{bc:>12,.0f}{by.get('JDK', float('nan')):>12,.0f}"
          f"{by.get('ACCP', float('nan')) / bc:>10.2f}{by.get('JDK', float('nan')) / bc:>9.2f}")
PY
