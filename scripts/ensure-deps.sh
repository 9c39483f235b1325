#!/bin/sh
# Makes sure the system packages loop needs to build are present.
#   - all present: prints nothing, exits 0
#   - missing, run as root: installs them with apt-get, exits with apt-get's status
#   - missing, not root: prints the exact command to run, exits 1
# Used by `make run`/`make build`; safe to run by hand. Debian/Ubuntu only (dpkg/apt).
set -eu

# libsqlite3-dev: GRDB builds against the system SQLite.
# libsystemd-dev: the CSystemd module (sd_notify, sd_journal_sendv) via pkg-config.
# pkg-config: SwiftPM finds libsystemd's flags with it.
# LOOP_REQUIRED_PACKAGES overrides the list (tests use it to simulate a missing package).
REQUIRED_PACKAGES="${LOOP_REQUIRED_PACKAGES:-libsqlite3-dev libsystemd-dev pkg-config}"

if ! command -v swift >/dev/null 2>&1; then
    echo "ensure-deps: 'swift' was not found on PATH. Install the Swift 6 toolchain" \
        "(https://www.swift.org/install/linux/) and add its usr/bin to PATH." >&2
    exit 1
fi

if ! command -v dpkg >/dev/null 2>&1; then
    echo "ensure-deps: dpkg not found; on this system install the equivalents of: $REQUIRED_PACKAGES" >&2
    exit 1
fi

missing=""
for package in $REQUIRED_PACKAGES; do
    # `dpkg -s` also succeeds for removed-but-configured packages, so check the status line.
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing="${missing:+$missing }$package"
    fi
done

[ -z "$missing" ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
    echo "ensure-deps: installing $missing" >&2
    # DEBIAN_FRONTEND avoids interactive prompts (e.g. tzdata) in CI and containers.
    DEBIAN_FRONTEND=noninteractive apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing
    exit $?
fi

echo "ensure-deps: missing packages: $missing" >&2
echo "sudo apt-get install -y $missing"
exit 1
