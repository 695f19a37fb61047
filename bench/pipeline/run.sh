#!/usr/bin/env bash
# Whole-process benchmark: FaceAccord's face pipeline against Human (human-faceres) on the same LFW images
# and the same 2 cores, one side after the other in one run. Prints a table and the FaceAccord/Human ratios,
# writes bench/pipeline/results/latest.json and latest.png (raw outputs in results/raw/).
# usage: bench/pipeline/run.sh [COUNT=500]
# env:   SHARED_DIR (default: ../shared beside the repo), LFW_DIR, LFW_PAIRS, FACEACCORD_HOME (model pack),
#        BENCH_ARTIFACTS (build output, default artifacts/bench-pipeline), PEER_DIR (an already prepared
#        copy of the peer harness with node_modules, to skip the copy and npm ci).
set -euo pipefail

COUNT=${1:-500}
if ! [[ "$COUNT" =~ ^[0-9]+$ ]] || (( COUNT < 2 )); then
  echo "usage: $0 [COUNT>=2, default 500]" >&2
  exit 2
fi

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
SHARED=${SHARED_DIR:-$REPO/../shared}
SHARED=$(cd "$SHARED" && pwd)
LFW_DIR=$(cd "${LFW_DIR:-$SHARED/datasets/lfw/lfw-deepfunneled}" && pwd)
LFW_PAIRS=$(realpath "${LFW_PAIRS:-$SHARED/datasets/lfw/pairsDevTest.txt}")
ARTIFACTS=${BENCH_ARTIFACTS:-$REPO/artifacts/bench-pipeline}
RESULTS=$HERE/results
ENGINE=human-faceres   # Human's default pipeline: BlazeFace + face mesh + faceres (1024-d)
WORKERS=2              # = 2 Human processes: one image at a time per core on both sides
WARMUP=10
export LFW_DIR LFW_PAIRS

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
load() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?"; }

echo "== build FaceAccord.Bench.Pipeline (Release)"
dotnet build "$REPO/bench/FaceAccord.Bench.Pipeline/FaceAccord.Bench.Pipeline.csproj" -c Release \
  --artifacts-path "$ARTIFACTS" -nologo -v quiet
BENCH=(dotnet "$ARTIFACTS/bin/FaceAccord.Bench.Pipeline/release/FaceAccord.Bench.Pipeline.dll")

"${BENCH[@]}" list --pairs "$LFW_PAIRS" --lfw "$LFW_DIR" --count "$COUNT" --out "$work/list.txt"
# First-use installs happen here, never inside a timed run: pack 1 for faceres (the model Human also uses) and
# the selected pack (the default unless $FACEACCORD_PACK says otherwise) for the default pipeline.
FACEACCORD_PACK=faceaccord-default-1 "${BENCH[@]}" pack
"${BENCH[@]}" pack

echo "== Human $ENGINE: 2 processes, $COUNT images split in halves (load $(load))"
if [[ -n "${PEER_DIR:-}" && -d "${PEER_DIR}/node_modules" ]]; then
  peer=$(cd "$PEER_DIR" && pwd)
else
  cp -r "$SHARED/peer" "$work/"
  chmod -R u+w "$work/peer"   # ../shared is read-only and cp keeps the modes
  peer=$work/peer
  (cd "$peer" && npm ci --no-audit --no-fund --loglevel=error)
fi
half=$(( (COUNT + 1) / 2 ))
head -n "$half" "$work/list.txt" > "$work/human-a.txt"
tail -n +"$(( half + 1 ))" "$work/list.txt" > "$work/human-b.txt"
human() { # $1 = a|b: one single-threaded process on its half, as the harness's bench2.sh does
  local n
  n=$(wc -l < "$work/human-$1.txt")
  (cd "$peer" && BENCH_PROCESS_STATS="$work/human-$1.stats.json" \
    node -r "$HERE/process-stats.js" bench.js "$ENGINE" "$WARMUP" "$n" "$work/human-$1.txt" > "$work/human-$1.json")
}
human a & pid_a=$!
human b & pid_b=$!
wait "$pid_a"
wait "$pid_b"

for variant in faceres default; do
  echo "== FaceAccord $variant: 1 process, $WORKERS workers, $COUNT images (load $(load))"
  pack=()
  if [ "$variant" = faceres ]; then pack=(env FACEACCORD_PACK=faceaccord-default-1); fi
  "${pack[@]}" "${BENCH[@]}" run --list "$work/list.txt" --embedders "$variant" --workers "$WORKERS" --warmup "$WARMUP" \
    --out "$work/faceaccord-$variant.json" > /dev/null
done

echo "== report"
"${BENCH[@]}" report --work "$work" --out-dir "$RESULTS"
mkdir -p "$RESULTS/raw"
cp "$work"/*.json "$work/list.txt" "$RESULTS/raw/"
