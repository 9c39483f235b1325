#!/bin/sh
# Interoperability with a real MCP client: the official MCP Python SDK launches
# `loopctl mcp` over stdio against a real loopd and checks every tool against
# the outbox (Tests/Interop/mcp_interop.py). Exits non-zero on failure.
#
#   scripts/mcp-interop.sh            builds (debug) if needed, then runs
#   LOOP_BIN_DIR=dir scripts/mcp-interop.sh   uses binaries in dir
set -eu
cd "$(dirname "$0")/.."
BIN_DIR=${LOOP_BIN_DIR:-.build/debug}
if [ ! -x "$BIN_DIR/loopd" ] || [ ! -x "$BIN_DIR/loopctl" ]; then
    swift build --product loopd
    swift build --product loopctl
fi
VENV=.build-venv
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import mcp' 2>/dev/null; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check mcp
fi
exec "$VENV/bin/python" Tests/Interop/mcp_interop.py "$BIN_DIR"
