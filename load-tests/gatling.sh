#!/usr/bin/env bash
# Gatling load tests against a gateway started here, with WireMock standalone as Intel PCS and AMD KDS.
# Everything listens on 127.0.0.1 and stops when the script ends.
#
#   load-tests/gatling.sh steady          [-Drate=400 -Dduration=60]
#   load-tests/gatling.sh saturate        [-Dconnections=64 -Dduration=60]
#   load-tests/gatling.sh mixed           [-Drate=300 -Dduration=60]
#   load-tests/gatling.sh cold-burst      [-Dusers=200 -DupstreamLatencyMs=200]
#   load-tests/gatling.sh policy-updates  [-Drate=300 -DupdatesPerSec=2 -Dduration=60]
#
# Needs ../shared/vectors (or VECTORS=...). GATEWAY_HEAP (default 256m) caps the gateway's heap; the script
# also samples the heap in use with jstat every second and prints the largest value seen.
# GATEWAY_JAVA_OPTS adds JVM options, e.g. -XX:StartFlightRecording=filename=/tmp/gw.jfr to profile.
# WARMUP_SECONDS (default 60; 0 for none) of saturated SGX load run first, unreported, except before cold-burst;
# before policy-updates and mixed, also 20 s of the simulation itself. On 2 cores shared with the load, C2 needs
# about a minute to compile the hot path: with 15 s, it was still compiling it during the measured run.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
vectors=$(cd "${VECTORS:-$root/../shared/vectors}" && pwd)
kind=${1:?usage: gatling.sh steady|saturate|mixed|cold-burst|policy-updates [-Dname=value ...]}
shift
case "$kind" in
  steady) simulation=SteadySgxSimulation ;;
  saturate) simulation=SaturationSgxSimulation ;;
  mixed) simulation=MixedEvidenceSimulation ;;
  cold-burst) simulation=ColdCollateralBurstSimulation ;;
  policy-updates) simulation=PolicyUpdatesSimulation ;;
  *) echo "unknown load test: $kind" >&2; exit 2 ;;
esac

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  sleep 1
  # An overloaded process may not stop on TERM in time: never leave one behind to skew the next run
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_for() { for _ in $(seq 1 200); do curl -fs -o /dev/null "$1" && return 0; sleep 0.1; done; echo "not up: $1" >&2; exit 1; }

jar="$root/target/attestation-gateway.jar"
if [ ! -f "$jar" ] || [ -n "$(find "$root/src" "$root/pom.xml" -newer "$jar" -print -quit)" ]; then
  (cd "$root" && mvn -q -DskipTests package)
fi
wiremock_version=3.13.2
wiremock="$HOME/.m2/repository/org/wiremock/wiremock-standalone/$wiremock_version/wiremock-standalone-$wiremock_version.jar"
[ -f "$wiremock" ] || mvn -q dependency:get -Dartifact=org.wiremock:wiremock-standalone:$wiremock_version

latency=0
users_latency=()
for arg in "$@"; do
  case "$arg" in -DupstreamLatencyMs=*) latency=${arg#-DupstreamLatencyMs=} ;; esac
done
[ "$kind" = cold-burst ] && [ "$latency" = 0 ] && latency=200 && users_latency=(-DupstreamLatencyMs=200)

# Fake Intel PCS (and AMD KDS: unmapped paths such as the Milan CRL are 404) from the vectors' collateral
python3 "$here/fake-upstream.py" "$work/upstream" --delay-ms "$latency" \
  "$vectors/dcap/phala-dcap-qvl/sgx_quote_collateral.json" "$vectors/dcap/phala-dcap-qvl/tdx_quote_collateral.json"
upstream_port=$(free_port)
java -jar "$wiremock" --port "$upstream_port" --bind-address 127.0.0.1 --root-dir "$work/upstream" \
  --disable-banner --async-response-enabled true --container-threads 64 > "$work/wiremock.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$upstream_port/__admin/health"

extra=()
if [ "$kind" = policy-updates ]; then
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/signer.key" -out "$work/signer.pem" -days 2 \
    -subj "/CN=load-test policy signer" 2>/dev/null
  export GATEWAY_POLICY_SIGNERS="$work/signer.pem"
  extra=(-Dsigner.key="$work/signer.key" -Dsigner.cert="$work/signer.pem")
fi

gateway_port=$(free_port)
GATEWAY_HTTP_PORT=$gateway_port GATEWAY_STORE=memory GATEWAY_DATA_DIR="$work/data" \
GATEWAY_COLLATERAL_DIR="$work/collateral" GATEWAY_INTEL_PCS_URL="http://127.0.0.1:$upstream_port" \
GATEWAY_AMD_KDS_URL="http://127.0.0.1:$upstream_port" GATEWAY_VERIFY_AT=2025-07-01T00:00:00Z \
GATEWAY_LOG_LEVEL=WARN \
  java -Xmx"${GATEWAY_HEAP:-256m}" ${GATEWAY_JAVA_OPTS:-} -jar "$jar" > "$work/gateway.log" 2>&1 &
pids+=($!)
url="http://127.0.0.1:$gateway_port"
wait_for "$url/health/ready"

# Heap in use (survivors, eden and old, in KB), sampled every second with jstat: it reads the JVM's
# performance counters from outside, so, unlike a /metrics scrape, the sampling costs the gateway nothing
( jstat -gc "${pids[1]}" 1000 2>/dev/null \
    | awk 'NR > 1 && $3 ~ /^[0-9.]+$/ {printf "%d\n", ($3 + $4 + $6 + $8) * 1024; fflush()}' > "$work/heap.txt" ) &
pids+=($!)

cd "$here/gatling"
warmup=${WARMUP_SECONDS:-60}
if [ "$kind" != cold-burst ] && [ "$warmup" -gt 0 ]; then
  # JIT warm-up (results discarded), so that the measured run reports the gateway's steady state: saturated
  # SGX first, so that the hot path is compiled; then, for the simulations with other paths (policy writes,
  # TDX and SNP), the simulation itself, so that those are compiled and their collateral fetched
  mvn -q gatling:test -Dsimulation=org.attestation.gateway.load.SaturationSgxSimulation -Dgateway.url="$url" \
    -Dvectors="$vectors" -Dduration="$warmup" -Dconnections=16 > "$work/warmup.log" 2>&1 || true
  if [ "$kind" = policy-updates ] || [ "$kind" = mixed ]; then
    mvn -q gatling:test -Dsimulation="org.attestation.gateway.load.$simulation" -Dgateway.url="$url" \
      -Dvectors="$vectors" "${extra[@]}" "$@" -Dduration=20 >> "$work/warmup.log" 2>&1 || true
  fi
fi
gateway_pid=${pids[1]}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$gateway_pid/stat"; }
cpu_before=$(cpu_ticks)
status=0
mvn -q gatling:test -Dsimulation="org.attestation.gateway.load.$simulation" -Dgateway.url="$url" \
  -Dvectors="$vectors" "${users_latency[@]}" "${extra[@]}" "$@" || status=$?

if [ "$kind" = cold-burst ]; then
  echo "upstream requests per collateral item (single flight: 1 each; the TDX warm-up fetched the shared root CA CRL):"
  for item in "/sgx/certification/v4/tcb fmspc 00A067110000" "/sgx/certification/v4/qe/identity" \
              "/sgx/certification/v4/pckcrl ca processor" "/sgx/certification/v4/rootcacrl" \
              "/tdx/certification/v4/tcb fmspc B0C06F000000" "/tdx/certification/v4/qe/identity" \
              "/sgx/certification/v4/pckcrl ca platform"; do
    set -- $item
    query=""
    [ $# -eq 3 ] && query=",\"queryParameters\":{\"$2\":{\"equalTo\":\"$3\"}}"
    count=$(curl -fs -X POST "http://127.0.0.1:$upstream_port/__admin/requests/count" \
      -d "{\"method\":\"GET\",\"urlPath\":\"$1\"$query}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["count"])')
    echo "  $item: $count"
  done
fi
cpu_after=$(cpu_ticks)
# sed, not head: head would stop reading early, and under pipefail the SIGPIPE of ls would end the script
report=$(ls -td "$here"/gatling/target/gatling/*/ | sed -n 1p)
echo "measured requests (the ramp phases left out):"
python3 "$here/gatling-stats.py" "$report"
cpu_ms=$(( (cpu_after - cpu_before) * 1000 / $(getconf CLK_TCK) ))
all=$(python3 "$here/gatling-stats.py" "$report" "All Requests" | python3 -c 'import json,sys; print(int(json.load(sys.stdin)["total"]))')
echo "gateway CPU during the run (ramps included): $cpu_ms ms, $(python3 -c "print(f'{$cpu_ms / max($all, 1):.3f}')") ms per request"
max_heap=$(sort -n "$work/heap.txt" | tail -1)
echo "gateway heap in use, largest of $(wc -l < "$work/heap.txt") samples: $(( ${max_heap:-0} / 1048576 )) MB (cap -Xmx${GATEWAY_HEAP:-256m})"
echo "report: ${report}index.html"
exit $status
