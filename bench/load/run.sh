#!/usr/bin/env bash
# Loopback load test of the FaceAccord HTTP API (issue 3): C concurrent clients mixing verify and identify for
# D seconds against a real `faceaccord serve` on a fresh store; any 5xx, other non-2xx, timeout or exception fails.
# Prints a table, writes bench/load/results/latest.json, latest.png and server.log; exits with the load program's code.
# usage: bench/load/run.sh [PEOPLE=200] [CLIENTS=50] [DURATION=60]
# env:   SHARED_DIR (default: ../shared beside the repo), LFW_DIR, FACEACCORD_HOME (where the model pack is
#        installed, default ~/.faceaccord), BENCH_ARTIFACTS (build output, default artifacts/bench-load),
#        SEED (default 42), READY_TIMEOUT (seconds to wait for /readyz, default 180).
set -euo pipefail

PEOPLE=${1:-200}
CLIENTS=${2:-50}
DURATION=${3:-60}
for n in "$PEOPLE" "$CLIENTS" "$DURATION"; do
  if ! [[ "$n" =~ ^[0-9]+$ ]]; then
    echo "usage: $0 [PEOPLE=200] [CLIENTS=50] [DURATION=60]" >&2
    exit 2
  fi
done

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
SHARED=$(cd "${SHARED_DIR:-$REPO/../shared}" && pwd)
LFW_DIR=$(cd "${LFW_DIR:-$SHARED/datasets/lfw/lfw-deepfunneled}" && pwd)
FA_HOME=${FACEACCORD_HOME:-$HOME/.faceaccord}
ARTIFACTS=${BENCH_ARTIFACTS:-$REPO/artifacts/bench-load}
RESULTS=$HERE/results
READY_TIMEOUT=${READY_TIMEOUT:-180}

work=$(mktemp -d)
server=
stop_server() {
  if [[ -n "$server" ]] && kill -0 "$server" 2>/dev/null; then
    kill -TERM "$server" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$server" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  server=
}
cleanup() {
  stop_server
  if [[ -f "$work/server.log" ]]; then mkdir -p "$RESULTS" && cp "$work/server.log" "$RESULTS/server.log"; fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "== build faceaccord and FaceAccord.Bench.Load (Release, $ARTIFACTS)"
dotnet build "$REPO/src/FaceAccord.Cli/FaceAccord.Cli.csproj" -c Release --artifacts-path "$ARTIFACTS" -nologo -v quiet
dotnet build "$REPO/bench/FaceAccord.Bench.Load/FaceAccord.Bench.Load.csproj" -c Release --artifacts-path "$ARTIFACTS" -nologo -v quiet
FA=(dotnet "$ARTIFACTS/bin/FaceAccord.Cli/release/faceaccord.dll")
LOAD=(dotnet "$ARTIFACTS/bin/FaceAccord.Bench.Load/release/FaceAccord.Bench.Load.dll")

# The store is fresh each run; the model pack lives in $FA_HOME (--models), installed once and never converted here.
if ! compgen -G "$FA_HOME/packs/*/manifest.json" > /dev/null; then
  echo "== no model pack in $FA_HOME/packs: installing it"
  "${FA[@]}" models install --models "$FA_HOME"
fi
mkdir -p "$work/data"

echo "== tenant"
tenant=$("${FA[@]}" tenants create --name load-test --sector commercial --country US --data "$work/data" --json | tail -n 1)
api_key=$(sed -n 's/.*"apiKey" *: *"\([^"]*\)".*/\1/p' <<< "$tenant")
if [[ -z "$api_key" ]]; then
  echo "error: 'faceaccord tenants create --json' printed no apiKey: $tenant" >&2
  exit 1
fi

# A free loopback port: one nothing answers on (a small race with other programs is accepted).
port=
for _ in $(seq 1 50); do
  p=$(( 20000 + RANDOM % 40000 ))
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then port=$p; break; fi
done
[[ -n "$port" ]] || { echo "error: no free loopback port found" >&2; exit 1; }
url=http://127.0.0.1:$port

echo "== serve at $url (load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?'))"
"${FA[@]}" serve --urls "$url" --data "$work/data" --models "$FA_HOME" > "$work/server.log" 2>&1 &
server=$!
for (( waited = 0; ; waited++ )); do
  if curl -fsS -o /dev/null "$url/readyz" 2>/dev/null; then break; fi
  if ! kill -0 "$server" 2>/dev/null; then
    echo "error: the server exited before it was ready; its log:" >&2
    tail -n 20 "$work/server.log" >&2
    exit 1
  fi
  if (( waited >= READY_TIMEOUT )); then
    echo "error: $url/readyz did not answer 200 within $READY_TIMEOUT s; the server's log:" >&2
    tail -n 20 "$work/server.log" >&2
    exit 1
  fi
  sleep 1
done
echo "   ready after ~${waited} s"

echo "== load: $PEOPLE people enrolled, $CLIENTS clients, $DURATION s"
rc=0
FACEACCORD_API_KEY=$api_key "${LOAD[@]}" --url "$url" --lfw "$LFW_DIR" --people "$PEOPLE" --clients "$CLIENTS" \
  --duration "$DURATION" --seed "${SEED:-42}" --out-dir "$RESULTS" || rc=$?
stop_server
exit "$rc"
