#!/usr/bin/env bash
# One run, one machine: the crypto bound of a warm SGX attestation (3 ECDSA P-256 verifications + 1 RS256
# signature with the gateway's providers, JMH on as many threads as cores) against the gateway's sustained HTTP
# throughput for the same work (Gatling, closed model, 64 connections), and their ratio.
#
#   load-tests/crypto-bound-vs-http.sh [duration-seconds (default 60)] [connections (default 64)]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
duration=${1:-60}
connections=${2:-64}
cores=$(nproc)

"$here/jmh.sh" WarmAttestationCryptoBenchmark crypto-bound -wi 2 -w 3s -i 3 -r 5s -t "$cores" > /dev/null
bound=$(python3 -c 'import json,sys; print(round(json.load(open(sys.argv[1]))[0]["primaryMetric"]["score"]))' \
  "$here/../target/crypto-bound.json")

"$here/gatling.sh" saturate -Dduration="$duration" -Dconnections="$connections" > "$here/../target/saturate.log"
grep -E "failed events|heap in use|report:" "$here/../target/saturate.log" || true
report=$(sed -n 's/^report: \(.*\)index.html$/\1/p' "$here/../target/saturate.log")
python3 - "$here/../target/saturate.log" "$bound" "$cores" "$connections" "$duration" \
  "$(python3 "$here/gatling-stats.py" "$report" sgx)" <<'PY'
import json, re, sys
log, bound, cores, connections, duration = open(sys.argv[1]).read(), float(sys.argv[2]), sys.argv[3], sys.argv[4], int(sys.argv[5])
sgx = json.loads(sys.argv[6])  # the measured phase, after the 15 s ramp
rate = sgx["total"] / duration
print(f"crypto bound ({cores} threads):           {bound:,.0f} attestations/s")
print(f"HTTP sustained ({connections} connections):  {rate:,.0f} attestations/s, p95 {sgx['p95']:.0f} ms, "
      f"p99 {sgx['p99']:.0f} ms, {sgx['total']:,.0f} requests, {sgx['ko']:.0f} failed")
print(f"ratio HTTP / crypto bound:           {rate / bound:.2f}")
cpu = re.search(r"gateway CPU during the run \(ramps included\): (\d+) ms, ([\d.]+) ms per request", log)
if cpu:
    print(f"gateway CPU per attestation:         {cpu.group(2)} ms (crypto bound: {int(cores) / bound * 1000:.3f} ms of CPU)")
PY
