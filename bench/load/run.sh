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

source "$REPO/bench/lib/server.sh"

work=$(mktemp -d)
trap server_cleanup EXIT
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
api_key=$(tenant_key "$work/data")
server_start "$work/data" "$FA_HOME" "$READY_TIMEOUT"

echo "== load: $PEOPLE people enrolled, $CLIENTS clients, $DURATION s"
rc=0
FACEACCORD_API_KEY=$api_key "${LOAD[@]}" --url "$url" --lfw "$LFW_DIR" --people "$PEOPLE" --clients "$CLIENTS" \
  --duration "$DURATION" --seed "${SEED:-42}" --out-dir "$RESULTS" || rc=$?
server_stop
exit "$rc"
