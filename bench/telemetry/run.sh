#!/usr/bin/env bash
# Overhead of metrics and tracing on the face pipeline: the same LFW images in alternating rounds, nobody listening vs
# OpenTelemetry's SDK recording FaceAccord's meter and every activity. Prints each round's images/s and the ratio of
# the medians (on/off; the target is at least 0.97, i.e. within 3%). Writes bench/telemetry/results/latest.json.
# usage: bench/telemetry/run.sh [COUNT=100] [ROUNDS=3]
# env:   SHARED_DIR (default: ../shared beside the repo), LFW_DIR, LFW_PAIRS, FACEACCORD_HOME (model pack),
#        BENCH_ARTIFACTS (build output, default artifacts/bench-pipeline).
set -euo pipefail

COUNT=${1:-100}
ROUNDS=${2:-3}
if ! [[ "$COUNT" =~ ^[0-9]+$ && "$ROUNDS" =~ ^[0-9]+$ ]] || (( COUNT < 2 || ROUNDS < 1 )); then
  echo "usage: $0 [COUNT>=2, default 100] [ROUNDS>=1, default 3]" >&2
  exit 2
fi

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
SHARED=$(cd "${SHARED_DIR:-$REPO/../shared}" && pwd)
LFW_DIR=$(cd "${LFW_DIR:-$SHARED/datasets/lfw/lfw-deepfunneled}" && pwd)
LFW_PAIRS=$(realpath "${LFW_PAIRS:-$SHARED/datasets/lfw/pairsDevTest.txt}")
ARTIFACTS=${BENCH_ARTIFACTS:-$REPO/artifacts/bench-pipeline}
RESULTS=$HERE/results
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

dotnet build "$REPO/bench/FaceAccord.Bench.Pipeline/FaceAccord.Bench.Pipeline.csproj" -c Release --artifacts-path "$ARTIFACTS" -nologo -v quiet
BENCH=(dotnet "$ARTIFACTS/bin/FaceAccord.Bench.Pipeline/release/FaceAccord.Bench.Pipeline.dll")
"${BENCH[@]}" list --pairs "$LFW_PAIRS" --lfw "$LFW_DIR" --count "$COUNT" --out "$work/list.txt"
"${BENCH[@]}" pack
mkdir -p "$RESULTS"
echo "== load before: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
"${BENCH[@]}" telemetry-overhead --list "$work/list.txt" --rounds "$ROUNDS" --out "$RESULTS/latest.json"
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
