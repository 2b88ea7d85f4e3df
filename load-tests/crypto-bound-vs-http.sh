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
python3 - "$here/../target/saturate.log" "$bound" "$cores" "$connections" <<'PY'
import re, sys
log, bound, cores, connections = open(sys.argv[1]).read(), float(sys.argv[2]), sys.argv[3], sys.argv[4]
# Gatling's console summary: "> name | total | ok | ko"
def value(name):
    return float(re.search(r"> " + re.escape(name) + r"\s*\|\s*([\d,.]+)", log).group(1).replace(",", ""))
rate = value("mean throughput (rps)")
print(f"crypto bound ({cores} threads):           {bound:,.0f} attestations/s")
print(f"HTTP sustained ({connections} connections):  {rate:,.0f} attestations/s, "
      f"p95 {value('response time 95th percentile (ms)'):.0f} ms, p99 {value('response time 99th percentile (ms)'):.0f} ms, "
      f"{value('request count'):,.0f} requests")
print(f"ratio HTTP / crypto bound:           {rate / bound:.2f}")
cpu = re.search(r"gateway CPU during the measured run: (\d+) ms", log)
if cpu:
    requests = value("request count")
    print(f"gateway CPU per attestation:         {int(cpu.group(1)) / requests:.3f} ms "
          f"(crypto bound: {int(cores) / bound * 1000:.3f} ms of CPU)")
PY
