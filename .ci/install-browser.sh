#!/usr/bin/env bash
# Installs Debian's chromium for the browser tests (tests/test_console_browser.py). Playwright drives it
# through `executable_path`; no browser is downloaded by Playwright itself.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
    exit 0
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then
    SUDO=sudo
fi
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends chromium
