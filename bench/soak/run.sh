#!/usr/bin/env bash
# Soak test of the FaceAccord HTTP API (issue 14 item 6): mixed traffic (enrol, identify, verify, erase, withdraw
# consent; the server's own retention sweep deletes the people enrolled on consents that end after 2 minutes) at a
# steady rate against the `faceaccord` executable, sampling the server's RSS. Afterwards `faceaccord audit verify`
# checks the chain. Prints the figures; writes bench/soak/results/latest.json, rss.csv, rss.png, audit.txt and
# server.log; exits non-zero on any 5xx, unanswered request, RSS not flat within 10% after warm-up or broken chain.
# usage: bench/soak/run.sh [MINUTES=30] [RATE=2 operations/s]
# env:   SHARED_DIR (default: ../shared beside the repo), LFW_DIR, FACEACCORD_HOME (the installed model pack, default
#        ~/.faceaccord), BENCH_ARTIFACTS (build output, default artifacts/soak), PEOPLE (gallery searched, default 100),
#        WARMUP (seconds not judged for RSS, default 300, or a sixth of a shorter run), SWEEP (the server's retention
#        sweep interval, default 00:00:30), SEED (default 42), READY_TIMEOUT (seconds to wait for /readyz, default 180).
set -euo pipefail

MINUTES=${1:-30}
RATE=${2:-2}
if ! [[ "$MINUTES" =~ ^[0-9]+$ ]] || (( MINUTES < 1 )) || ! [[ "$RATE" =~ ^[0-9]+(\.[0-9]+)?$ ]]; then
  echo "usage: $0 [MINUTES=30] [RATE=2]" >&2
  exit 2
fi

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
SHARED=$(cd "${SHARED_DIR:-$REPO/../shared}" && pwd)
LFW_DIR=$(cd "${LFW_DIR:-$SHARED/datasets/lfw/lfw-deepfunneled}" && pwd)
FA_HOME=${FACEACCORD_HOME:-$HOME/.faceaccord}
ARTIFACTS=${BENCH_ARTIFACTS:-$REPO/artifacts/soak}
RESULTS=$HERE/results
DURATION=$(( MINUTES * 60 ))
WARMUP=${WARMUP:-$(( DURATION / 6 < 300 ? DURATION / 6 : 300 ))}
source "$REPO/bench/lib/server.sh"

work=$(mktemp -d)
trap server_cleanup EXIT
trap 'exit 130' INT TERM

# The product's own executable, built as the README's set-up builds it (dotnet publish), so the server measured is
# the one users run.
echo "== publish faceaccord and build the driver ($ARTIFACTS)"
dotnet publish "$REPO/src/FaceAccord.Cli/FaceAccord.Cli.csproj" -c Release -o "$ARTIFACTS/faceaccord" -nologo -v quiet
dotnet build "$REPO/bench/FaceAccord.Bench.Load/FaceAccord.Bench.Load.csproj" -c Release --artifacts-path "$ARTIFACTS" -nologo -v quiet
FA=("$ARTIFACTS/faceaccord/faceaccord")
DRIVER=(dotnet "$ARTIFACTS/bin/FaceAccord.Bench.Load/release/FaceAccord.Bench.Load.dll")

if ! compgen -G "$FA_HOME/packs/*/manifest.json" > /dev/null; then
  echo "== no model pack in $FA_HOME/packs: installing it"
  "${FA[@]}" models install --models "$FA_HOME"
fi
mkdir -p "$work/data" "$RESULTS"
api_key=$(tenant_key "$work/data")

# The sweep runs every SWEEP on its own, as in production (there hourly); only its interval is shortened.
export FACEACCORD_Server__RetentionSweepInterval=${SWEEP:-00:00:30}
server_start "$work/data" "$FA_HOME" "${READY_TIMEOUT:-180}"

echo "== soak: $MINUTES min at $RATE operations/s, warm-up $WARMUP s"
rc=0
FACEACCORD_API_KEY=$api_key "${DRIVER[@]}" soak --url "$url" --lfw "$LFW_DIR" --people "${PEOPLE:-100}" --rate "$RATE" \
  --duration "$DURATION" --warmup "$WARMUP" --server-pid "$server" --seed "${SEED:-42}" --out-dir "$RESULTS" || rc=$?
server_stop

echo "== audit"
audit_rc=0
"${FA[@]}" audit verify --data "$work/data" > "$RESULTS/audit.txt" 2>&1 || audit_rc=$?
swept=$("${FA[@]}" audit export --data "$work/data" --json | grep -c '"reason":"retention-expired"' || true)
echo "retention sweeps that deleted or ran: $swept entries" >> "$RESULTS/audit.txt"
cat "$RESULTS/audit.txt"
echo "audit verify exit code: $audit_rc"
(( rc != 0 )) && exit "$rc"
exit "$audit_rc"
