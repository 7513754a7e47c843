#!/usr/bin/env bash
# Debian's chromium for the browser tests (Playwright drives /usr/bin/chromium; it never
# downloads a browser of its own).
set -euo pipefail
if [ ! -x /usr/bin/chromium ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq chromium >&2
fi
