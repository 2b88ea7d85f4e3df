#!/usr/bin/env bash
# Start-up time of the gateway with the memory store: from `java -jar` to the first 200 of /health/ready,
# on a fresh data directory (first start: the signing key is created) and again on the same one.
#   load-tests/startup.sh [runs (default 5)]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jar="$root/target/attestation-gateway.jar"
[ -f "$jar" ] || (cd "$root" && mvn -q -DskipTests package)
runs=${1:-5}
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
for i in $(seq 1 "$runs"); do
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  start=$(date +%s%N)
  GATEWAY_STORE=memory GATEWAY_HTTP_PORT=$port GATEWAY_DATA_DIR="$data" GATEWAY_COLLATERAL_DIR="$data/collateral" \
    java -jar "$jar" > "$data/log" 2>&1 &
  pid=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$port/health/ready"; do sleep 0.02; done
  end=$(date +%s%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "run $i ($([ "$i" = 1 ] && echo "first start, key created" || echo "restart")): $(( (end - start) / 1000000 )) ms to ready"
done
