#!/usr/bin/env bash
# Template search benchmark: exact int8 SIMD scan and HNSW (USearch) on galleries of real LFW templates padded
# with random unit vectors, queried with other images of the enrolled people. Prints a table; writes
# bench/search/results/search-latest.{json,md} and search-latency.png.
# usage: bench/search/run.sh [SIZES...]            (default: 10000 100000 1000000)
# env:   SHARED_DIR (default ../shared beside the repo), LFW_DIR, FACEACCORD_HOME (model pack for embedding),
#        TEMPLATES (cached templates, default results/lfw-templates.jsonl), QUERIES (default 500),
#        BENCH_ARTIFACTS (build output, default artifacts/bench-search), BENCH_ARGS (extra arguments to `run`,
#        e.g. "--sweep 16 32 64 --connectivity 16"), FACEACCORD_CLI (a faceaccord command to embed with instead
#        of building src/FaceAccord.Cli).
set -euo pipefail

SIZES=("$@")
if (( ${#SIZES[@]} == 0 )); then
  SIZES=(10000 100000 1000000)
fi
for s in "${SIZES[@]}"; do
  if ! [[ "$s" =~ ^[0-9]+$ ]] || (( s < 1 )); then
    echo "usage: $0 [SIZES...] (positive integers)" >&2
    exit 2
  fi
done

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
SHARED=$(cd "${SHARED_DIR:-$REPO/../shared}" && pwd)
LFW_DIR=$(cd "${LFW_DIR:-$SHARED/datasets/lfw/lfw-deepfunneled}" && pwd)
RESULTS=$HERE/results
TEMPLATES=${TEMPLATES:-$RESULTS/lfw-templates.jsonl}
ARTIFACTS=${BENCH_ARTIFACTS:-$REPO/artifacts/bench-search}
mkdir -p "$RESULTS"

if [[ ! -s "$TEMPLATES" ]]; then
  # Only people with two or more images can be both enrolled and queried: about 1,700 people, 9,000 images.
  people=()
  for dir in "$LFW_DIR"/*/; do
    count=$(find "$dir" -maxdepth 1 -name '*.jpg' | wc -l)
    if (( count >= 2 )); then
      people+=("${dir%/}")
    fi
  done
  echo "== embed ${#people[@]} LFW people with >= 2 images into $TEMPLATES (once; reused afterwards)"
  if [[ -n "${FACEACCORD_CLI:-}" ]]; then
    read -r -a cli <<< "$FACEACCORD_CLI"
  else
    dotnet build "$REPO/src/FaceAccord.Cli/FaceAccord.Cli.csproj" -c Release --artifacts-path "$ARTIFACTS" -nologo -v quiet
    cli=(dotnet "$ARTIFACTS/bin/FaceAccord.Cli/release/faceaccord.dll")
  fi
  "${cli[@]}" embed "${people[@]}" --out "$TEMPLATES.partial"
  mv "$TEMPLATES.partial" "$TEMPLATES"
fi

echo "== build FaceAccord.Bench.Search (Release)"
dotnet build "$REPO/bench/FaceAccord.Bench.Search/FaceAccord.Bench.Search.csproj" -c Release \
  --artifacts-path "$ARTIFACTS" -nologo -v quiet
read -r -a extra <<< "${BENCH_ARGS:-}"

echo "== run: sizes ${SIZES[*]} (load $(cut -d' ' -f1-3 /proc/loadavg))"
dotnet "$ARTIFACTS/bin/FaceAccord.Bench.Search/release/FaceAccord.Bench.Search.dll" run \
  --templates "$TEMPLATES" --sizes "${SIZES[@]}" --queries "${QUERIES:-500}" --out-dir "$RESULTS" "${extra[@]}" \
  | tee "$RESULTS/search-latest.md"
echo "== load at the end: $(cut -d' ' -f1-3 /proc/loadavg); results in $RESULTS"
