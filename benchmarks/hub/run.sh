#!/bin/sh
# Benchmarks loophub with wrk on 127.0.0.1: ingest (POST /v1/lessons, unique ids)
# and read-back (GET /v1/lessons?limit=50), on SQLite and on PostgreSQL.
#
#   benchmarks/hub/run.sh [sqlite|postgres|all]     (default all)
#   DURATION=10s CONNECTIONS=16 THREADS=2 benchmarks/hub/run.sh
#
# Needs wrk (apt-get install -y wrk) and, for PostgreSQL, the postgresql package.
# Builds loophub in release mode (--scratch-path .build-release). Prints one
# RESULT line per run: requests/s, p50 and p99 latency.
set -eu
cd "$(dirname "$0")/../.."
which=${1:-all}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
command -v wrk >/dev/null || { echo "wrk not found: apt-get install -y wrk" >&2; exit 1; }

swift build -c release --scratch-path .build-release --product loophub >&2
BIN=.build-release/release/loophub
work=$(mktemp -d /tmp/loophub-bench.XXXXXX)
server_pid="" pg_dir=""
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
    [ -n "$pg_dir" ] && scripts/postgres-test-server.sh stop "$pg_dir"
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

bench() { # $1 = label, $2 = database URL
    label=$1 url=$2
    contributor=$("$BIN" token issue --email bench@example.test --role contributor --database "$url" 2>/dev/null)
    admin=$("$BIN" token issue --email bench-admin@example.test --role admin --database "$url" 2>/dev/null)
    "$BIN" serve --port 0 --rate-limit 0 --log-level warning --database "$url" >"$work/serve-$label.out" 2>"$work/serve-$label.err" &
    server_pid=$!
    for _ in $(seq 100); do grep -q "listening on" "$work/serve-$label.out" 2>/dev/null && break; sleep 0.1; done
    base=$(sed -n 's/.*listening on //p' "$work/serve-$label.out")
    [ -n "$base" ] || { cat "$work/serve-$label.err" >&2; exit 1; }
    echo "== $label ingest: wrk -t$THREADS -c$CONNECTIONS -d$DURATION POST $base/v1/lessons"
    LOOPHUB_TOKEN=$contributor wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" -s benchmarks/hub/ingest.lua "$base/v1/lessons" | grep RESULT
    echo "== $label read-back: wrk -t$THREADS -c$CONNECTIONS -d$DURATION GET $base/v1/lessons?limit=50"
    LOOPHUB_TOKEN=$admin wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" -s benchmarks/hub/read.lua "$base/v1/lessons?limit=50" | grep RESULT
    kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
}

if [ "$which" = sqlite ] || [ "$which" = all ]; then
    bench sqlite "sqlite://$work/hub.sqlite3"
fi
if [ "$which" = postgres ] || [ "$which" = all ]; then
    url=$(scripts/postgres-test-server.sh --durable 2>"$work/pg.err") || { cat "$work/pg.err" >&2; exit 1; }
    pg_dir=$(sed -n 's/^dir: //p' "$work/pg.err")
    bench postgres "$url"
fi
