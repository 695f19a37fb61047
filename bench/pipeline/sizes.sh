#!/usr/bin/env bash
# Cost per image by photo size: the same held-out LFW people as LFW's own 250x250 JPEG, as a 1350x1350 studio-portrait
# stand-in and as its 4032x3024 (12 MP) phone copy (both synthetic, made in memory at run time), timed in one process
# in rounds over the three sizes. Prints a table with each size's cost as a multiple of the LFW image's; writes
# bench/pipeline/results/sizes.json.
# usage: bench/pipeline/sizes.sh [COUNT=30] [ROUNDS=3]
# env:   SHARED_DIR (default: ../shared beside the repo), FACEACCORD_HOME (model pack),
#        BENCH_ARTIFACTS (build output, default artifacts/bench-pipeline).
set -euo pipefail

COUNT=${1:-30}
ROUNDS=${2:-3}
for n in "$COUNT" "$ROUNDS"; do
  if ! [[ "$n" =~ ^[0-9]+$ ]] || (( n < 1 )); then
    echo "usage: $0 [COUNT>=1, default 30] [ROUNDS>=1, default 3]" >&2
    exit 2
  fi
done

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
SHARED=$(cd "${SHARED_DIR:-$REPO/../shared}" && pwd)
ARTIFACTS=${BENCH_ARTIFACTS:-$REPO/artifacts/bench-pipeline}
export FACEACCORD_DATASETS=$SHARED/datasets

echo "== build FaceAccord.Bench.Pipeline (Release)"
dotnet build "$REPO/bench/FaceAccord.Bench.Pipeline/FaceAccord.Bench.Pipeline.csproj" -c Release \
  --artifacts-path "$ARTIFACTS" -nologo -v quiet
BENCH=(dotnet "$ARTIFACTS/bin/FaceAccord.Bench.Pipeline/release/FaceAccord.Bench.Pipeline.dll")

"${BENCH[@]}" pack   # a first-use install happens here, never inside a timed run
mkdir -p "$HERE/results"
echo "== sizes: $COUNT people x 3 sizes, $ROUNDS rounds (load $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?'))"
"${BENCH[@]}" sizes --count "$COUNT" --rounds "$ROUNDS" --out "$HERE/results/sizes.json"
