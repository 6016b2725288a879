#!/usr/bin/env bash
# Make sure a headless Chromium and a CJK font are installed (Debian packages `chromium`
# and `fonts-noto-cjk`), for tests/test_view_browser.py, which opens the page of
# `govreport_nlp.render` in a real browser and checks what it draws. Idempotent: nothing
# happens when both are there.
set -euo pipefail
have_font() { fc-list :lang=zh 2>/dev/null | grep -q .; }
if command -v chromium >/dev/null && have_font; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends chromium fonts-noto-cjk
