#!/usr/bin/env bash
# Identification through the HTTP API on a large gallery: the in-process index (SQLite store) beside the shared
# PostgreSQL store (HNSW path, and the exact scan), on the same templates; then requests/s with one node vs two.
#   bench/pgapi/run.sh FACES STORE_URI [PEOPLE=50] [CLIENTS=4] [SECONDS=30]
# STORE_URI names a PostgreSQL server (e.g. scripts/postgres-cluster's); the run creates and drops database pgapi_bench
# on it. Results (JSON per phase, server logs, summary.txt) in bench/pgapi/results/FACES/.
set -euo pipefail
FACES=${1:?FACES}; URI=${2:?STORE_URI}; PEOPLE=${3:-50}; CLIENTS=${4:-4}; SECONDS_=${5:-30}
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
SHARED=$(cd "${SHARED_DIR:-$REPO/../shared}" && pwd)
LFW_DIR=${LFW_DIR:-$SHARED/datasets/lfw/lfw-deepfunneled}
FA_HOME=${FACEACCORD_HOME:-$HOME/.faceaccord}
ARTIFACTS=${BENCH_ARTIFACTS:-$REPO/artifacts/bench-pgapi}
RESULTS=$HERE/results/$FACES
work=$HERE/work
PY=(python3 "$HERE/pgapi.py")
pids=()

stop_all() { for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done; for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done; pids=(); }
# KEEP=1 keeps the database and the data directory for a look afterwards.
cleanup() { stop_all; if [[ -z "${KEEP:-}" ]]; then psql "$ADMIN_URI" -X -q -c "DROP DATABASE IF EXISTS pgapi_bench" 2>/dev/null || true; rm -rf "$work"; fi; }
trap cleanup EXIT
trap 'exit 130' INT TERM

# serve NAME [STORE]: a node on a free port; sets $url once /readyz answers.
serve() {
  local name=$1 port; shift
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  url=http://127.0.0.1:$port
  "${FA[@]}" serve --urls "$url" --data "$work/data" --models "$FA_HOME" "$@" > "$RESULTS/$name.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 300); do curl -fsS -o /dev/null "$url/readyz" 2>/dev/null && return 0; sleep 1; done
  echo "error: node $name not ready; its log:" >&2; tail -n 20 "$RESULTS/$name.log" >&2; return 1
}

ADMIN_URI=$URI
DB_URI=${URI%/*}/pgapi_bench
rm -rf "$work" "$RESULTS"; mkdir -p "$work/data" "$RESULTS"
echo "== build faceaccord (Release, $ARTIFACTS)"
dotnet build "$REPO/src/FaceAccord.Cli/FaceAccord.Cli.csproj" -c Release --artifacts-path "$ARTIFACTS" -nologo -v quiet
FA=(dotnet "$ARTIFACTS/bin/FaceAccord.Cli/release/faceaccord.dll")
tenant=$("${FA[@]}" tenants create --name bench --sector commercial --country US --data "$work/data" --json | tail -n 1)
export FACEACCORD_API_KEY=$(sed -n 's/.*"apiKey" *: *"\([^"]*\)".*/\1/p' <<< "$tenant")

echo "== $PEOPLE LFW people enrolled through the API (SQLite store)"
serve enrol
"${PY[@]}" enroll "$url" bench "$LFW_DIR" "$PEOPLE" "$RESULTS/setup.json"
stop_all
gallery=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["gallery"])' "$RESULTS/setup.json")
echo "== $FACES synthetic faces written into the same gallery"
"${PY[@]}" synth "$work/data/faceaccord.db" "$gallery" "$FACES"

echo "== SQLite store, in-process index: probes one at a time, then $CLIENTS clients for $SECONDS_ s"
serve sqlite
"${PY[@]}" probe "$url" "$RESULTS/setup.json" "$RESULTS/probe-sqlite.json"
"${PY[@]}" load "$url" "$RESULTS/setup.json" "$CLIENTS" "$SECONDS_" "$RESULTS/load-sqlite.json"
stop_all

echo "== store copy to PostgreSQL (HNSW index built at the end of the copy)"
psql "$ADMIN_URI" -X -q -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS pgapi_bench" -c "CREATE DATABASE pgapi_bench"
start=$(date +%s.%N)
"${FA[@]}" store copy --from "$work/data" --to "$DB_URI" > "$RESULTS/copy.log" 2>&1
echo "   copy + index: $(python3 -c "print(round($(date +%s.%N) - $start, 1))") s"
psql "$DB_URI" -X -At -c "SELECT 'hnsw index ' || indexrelid::regclass || ' ' || pg_size_pretty(pg_relation_size(indexrelid)) FROM pg_index WHERE indrelid = 'faces'::regclass AND indexrelid::regclass::text LIKE 'faces_embedding_hnsw%'"

echo "== PostgreSQL store, HNSW path for every gallery (?exact_search_below=0)"
serve pg-hnsw --store "$DB_URI?exact_search_below=0"
"${PY[@]}" probe "$url" "$RESULTS/setup.json" "$RESULTS/probe-pg-hnsw.json"
stop_all

echo "== PostgreSQL store, exact scan for every gallery (?exact_search_below beyond the gallery)"
serve pg-exact --store "$DB_URI?exact_search_below=100000000"
"${PY[@]}" probe "$url" "$RESULTS/setup.json" "$RESULTS/probe-pg-exact.json"
stop_all

echo "== PostgreSQL store, default switch: $CLIENTS clients on one node, then on two nodes"
serve pg-a --store "$DB_URI"
"${PY[@]}" load "$url" "$RESULTS/setup.json" "$CLIENTS" "$SECONDS_" "$RESULTS/load-pg-1node.json"
first=$url
serve pg-b --store "$DB_URI"
"${PY[@]}" load "$first,$url" "$RESULTS/setup.json" "$CLIENTS" "$SECONDS_" "$RESULTS/load-pg-2nodes.json"
stop_all

python3 - "$RESULTS" <<'PY' | tee "$RESULTS/summary.txt"
import json, sys, os
d = sys.argv[1]
p = {n: json.load(open(os.path.join(d, f"probe-{n}.json"))) for n in ("sqlite", "pg-hnsw", "pg-exact")}
def agree(a, b):
    return 100 * sum(x["top"] == y["top"] for x, y in zip(p[a]["results"], p[b]["results"])) / len(p[a]["results"])
for n, v in p.items():
    print(f"{n:9} p50 {v['p50_ms']:7.1f} ms  p99 {v['p99_ms']:7.1f} ms  rank-1 {v['rank1_pct']:5.1f}%  failed {v['failed']}")
print(f"recall@1 of pg-hnsw against pg-exact: {agree('pg-hnsw', 'pg-exact'):.1f}%; sqlite against pg-exact: {agree('sqlite', 'pg-exact'):.1f}%")
for n in ("sqlite", "pg-1node", "pg-2nodes"):
    v = json.load(open(os.path.join(d, f"load-{n}.json")))
    print(f"load {n:9} {v['requests_per_s']:6.2f} requests/s  p50 {v['p50_ms']:6.0f} ms  p99 {v['p99_ms']:6.0f} ms  failed {v['failed']}")
PY
