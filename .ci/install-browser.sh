#!/usr/bin/env bash
# Installs Debian's chromium for the browser tests (tests/plugin/test_console_browser.py). Playwright drives
# it through `executable_path`; no browser is downloaded by Playwright itself. On a machine without apt-get
# (or without root and sudo) nothing is installed: the browser tests then skip, naming what they need.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
    exit 0
fi
if ! command -v apt-get >/dev/null; then
    echo "install-browser.sh: no apt-get on this machine, so Debian's chromium is not installed;" \
        "the browser tests will be skipped (they need /usr/bin/chromium)" >&2
    exit 0
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then
    if ! command -v sudo >/dev/null; then
        echo "install-browser.sh: not root and no sudo, so chromium is not installed;" \
            "the browser tests will be skipped (they need /usr/bin/chromium)" >&2
        exit 0
    fi
    SUDO=sudo
fi
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends chromium
