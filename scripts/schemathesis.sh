#!/bin/sh
# Property-based API test: schemathesis (PyPI) against /openapi.json of a running
# hub with a fresh SQLite database. Checks: no 5xx (not_a_server_error) and every
# response matches the documented schema (response_schema_conformance).
# Bounded: MAX_EXAMPLES per operation (default 30) and TIME_LIMIT seconds overall.
#
#   scripts/schemathesis.sh            (uses .build/debug/loophub; builds it if missing)
#   LOOPHUB=path/to/loophub MAX_EXAMPLES=50 TIME_LIMIT=600 scripts/schemathesis.sh
#
# Exits non-zero when schemathesis finds a failure.
set -eu
cd "$(dirname "$0")/.."
MAX_EXAMPLES=${MAX_EXAMPLES:-30}
TIME_LIMIT=${TIME_LIMIT:-300}
LOOPHUB=${LOOPHUB:-.build/debug/loophub}
case $LOOPHUB in /*) ;; *) LOOPHUB=$(pwd)/$LOOPHUB ;; esac
VENV=${SCHEMATHESIS_VENV:-.build-venv/schemathesis}
case $VENV in /*) ;; *) VENV=$(pwd)/$VENV ;; esac

[ -x "$LOOPHUB" ] || swift build --product loophub
if [ ! -x "$VENV/bin/schemathesis" ]; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check 'schemathesis>=4,<5'
fi

work=$(mktemp -d /tmp/loophub-schemathesis.XXXXXX)
server_pid=""
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

db="sqlite://$work/hub.sqlite3"
admin=$("$LOOPHUB" token issue --email schemathesis-admin@example.test --role admin --database "$db" 2>/dev/null)
"$LOOPHUB" token issue --email schemathesis@example.test --role contributor --database "$db" >/dev/null 2>&1
"$LOOPHUB" serve --port 0 --rate-limit 0 --log-level warning --database "$db" >"$work/serve.out" 2>"$work/serve.err" &
server_pid=$!
for _ in $(seq 100); do grep -q "listening on" "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
base=$(sed -n 's/.*listening on //p' "$work/serve.out")
[ -n "$base" ] || { echo "loophub did not start:" >&2; cat "$work/serve.err" >&2; exit 1; }

echo "schemathesis against $base/openapi.json (max $MAX_EXAMPLES examples per operation, ${TIME_LIMIT}s)"
status=0
# Run from the temp dir: schemathesis keeps a .schemathesis/ cache in its working directory.
cd "$work"
timeout "$TIME_LIMIT" "$VENV/bin/schemathesis" run "$base/openapi.json" \
    --header "Authorization: Bearer $admin" \
    --checks not_a_server_error,response_schema_conformance \
    --max-examples "$MAX_EXAMPLES" \
    --request-timeout 10 \
    --no-color || status=$?
if [ "$status" = 124 ]; then echo "schemathesis: time limit of ${TIME_LIMIT}s reached" >&2; fi
if ! kill -0 "$server_pid" 2>/dev/null; then echo "loophub died during the run" >&2; status=1; fi
exit "$status"
