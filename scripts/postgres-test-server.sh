#!/bin/sh
# Starts a throwaway PostgreSQL 15 cluster on 127.0.0.1 for loophub's tests and
# prints its URL (postgres://loophub@127.0.0.1:PORT/postgres, trust auth) on stdout.
#
#   scripts/postgres-test-server.sh [--port N] [--watch PID] [--durable]   start; prints the URL
#   scripts/postgres-test-server.sh stop DIR                   stop and delete a cluster
#
# The data directory is printed on stderr ("dir: …"). With --watch PID the cluster
# stops and deletes itself once PID exits, so a test run never leaves one behind.
# Without --durable the cluster runs with fsync, synchronous_commit and
# full_page_writes off (fast tests); benchmarks pass --durable for real settings.
# As root, initdb and pg_ctl run as the `postgres` user (PostgreSQL refuses root).
# Needs Debian's postgresql package (apt-get install -y postgresql).
set -eu

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ "${1:-}" = stop ]; then
    dir=$2
    as_owner "$PGBIN/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    exit 0
fi

port="" watch="" fast="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
while [ $# -gt 0 ]; do
    case $1 in
        --port) port=$2; shift 2 ;;
        --watch) watch=$2; shift 2 ;;
        --durable) fast=""; shift ;;
        *) echo "usage: $0 [--port N] [--watch PID] [--durable] | stop DIR" >&2; exit 2 ;;
    esac
done

[ -x "$PGBIN/initdb" ] || { echo "no PostgreSQL 15 at $PGBIN (apt-get install -y postgresql)" >&2; exit 1; }
if [ -z "$port" ]; then
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null \
        || echo $((20000 + $$ % 20000)))
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/loophub-pg.XXXXXX")
chmod 755 "$dir"
[ "$(id -u)" = 0 ] && chown postgres "$dir"
as_owner "$PGBIN/initdb" -D "$dir/data" -U loophub --auth=trust -E UTF8 --no-sync >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
# $fast: a test cluster trades durability for speed; never use those settings for real data.
as_owner "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 $fast -c max_connections=200" \
    start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }

if [ -n "$watch" ]; then
    # Detached watcher: stops the cluster when the watched process is gone.
    nohup sh -c "while kill -0 $watch 2>/dev/null; do sleep 1; done; '$0' stop '$dir'" >/dev/null 2>&1 &
fi
echo "dir: $dir" >&2
echo "postgres://loophub@127.0.0.1:$port/postgres"
