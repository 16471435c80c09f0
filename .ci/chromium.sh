#!/usr/bin/env bash
# Debian's Chromium for the browser tests (Playwright drives it; no browser is downloaded).
#
#   bash .ci/chromium.sh        # installs the `chromium` package when /usr/bin/chromium is missing
#
# Idempotent and non-interactive; needs root (or sudo) only when it has to install.
set -euo pipefail
if [ -x /usr/bin/chromium ] && /usr/bin/chromium --version >/dev/null 2>&1; then
    echo "chromium.sh: $(/usr/bin/chromium --version 2>/dev/null)" >&2
    exit 0
fi
as_root=()
if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        as_root=(sudo -n)
    else
        echo "chromium.sh: Chromium is missing; run as root: apt-get install -y chromium" >&2
        exit 1
    fi
fi
export DEBIAN_FRONTEND=noninteractive
echo "chromium.sh: installing Debian's chromium package" >&2
"${as_root[@]}" apt-get update -qq >&2
"${as_root[@]}" apt-get install -y -qq chromium >&2
/usr/bin/chromium --version >&2
