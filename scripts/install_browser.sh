#!/usr/bin/env bash
# Makes sure the preview's browser test can run: Debian's chromium and chromium-driver (same source package, so
# they always match), and Japanese and emoji fonts for the screenshot. Installs them with apt-get when run as root.
# Exits 0 when the browser is there; otherwise says loudly why the browser test will be skipped and exits 1.
set -uo pipefail
have_browser() { command -v chromium >/dev/null && command -v chromedriver >/dev/null; }
have_fonts() { command -v fc-list >/dev/null && [ -n "$(fc-list :lang=ja family)" ]; }
if have_browser && have_fonts; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "== installing chromium, chromium-driver and a Japanese font for the browser test (apt-get)"
  if apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      chromium chromium-driver fonts-ipafont-gothic fonts-noto-color-emoji >/dev/null; then
    exit 0
  fi
  have_browser && exit 0  # the fonts only make the screenshot readable
  echo "!!!!! apt-get could not install chromium/chromium-driver: the browser test will be SKIPPED !!!!!"
  exit 1
fi
have_browser && exit 0
echo "!!!!! chromium and chromium-driver are missing and this is not root (no apt-get): the browser test will be"
echo "!!!!! SKIPPED. Install them with: sudo apt-get install chromium chromium-driver fonts-ipafont-gothic fonts-noto-color-emoji"
exit 1
