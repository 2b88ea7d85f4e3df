#!/usr/bin/env bash
# One run, one machine: the gateway's full cold verification against the peer verifiers users would pick
# instead, installed from the npm registry, on the same evidence:
#   @phala/dcap-qvl     the Phala SGX (P1) and TDX (P2) quotes with their collateral, at 2025-07-01
#   @tinfoilsh/verifier its Genoa fixture (the SEV-SNP report it supports)
# Gateway side: JMH cold verification (a new verifier per call: everything parsed, every signature checked)
# of the same vectors, one thread, like the single-threaded Node runs.
#
#   load-tests/peers.sh [node-iterations (default 1000)]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
vectors=$(cd "${VECTORS:-$here/../../shared/vectors}" && pwd)
iterations=${1:-1000}

[ -d "$here/peers/node_modules/@phala/dcap-qvl" ] || (cd "$here/peers" && npm install --no-audit --no-fund)
node "$here/peers/bench.mjs" "$vectors" "$iterations" > "$here/../target/peers.json"

"$here/jmh.sh" DcapVerificationBenchmark peers-dcap -wi 3 -w 3s -i 5 -r 3s -t 1 -p vector=sgx,tdx \
  -e warm > /dev/null
"$here/jmh.sh" SnpVerificationBenchmark peers-snp -wi 3 -w 3s -i 5 -r 3s -t 1 -p vector=tinfoil-genoa \
  -e warm > /dev/null

python3 - "$here/../target" <<'PY'
import json, sys, os
target = sys.argv[1]
peers = json.load(open(os.path.join(target, "peers.json")))
def gateway(file, vector):
    for result in json.load(open(os.path.join(target, file))):
        if result["params"]["vector"] == vector:
            return 1000.0 / result["primaryMetric"]["score"]  # ms per verification
rows = [("SGX P1, full cold DCAP", "dcap-qvl sgx (P1)", gateway("peers-dcap.json", "sgx"), 20),
        ("TDX P2, full cold DCAP", "dcap-qvl tdx (P2)", gateway("peers-dcap.json", "tdx"), 20),
        ("SEV-SNP Genoa (tinfoil fixture), cold", "tinfoil snp (Genoa fixture)", gateway("peers-snp.json", "tinfoil-genoa"), 10)]
print(f"{'evidence':40} {'peer':30} {'peer ms':>9} {'gateway ms':>11} {'speed-up':>9} {'target':>7}")
for label, peer, ours, target_ratio in rows:
    theirs = peers[peer]["msPerVerification"]
    print(f"{label:40} {peer:30} {theirs:9.3f} {ours:11.3f} {theirs / ours:8.1f}x {target_ratio:>6}x")
PY
