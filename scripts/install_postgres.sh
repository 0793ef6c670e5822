#!/usr/bin/env bash
# Makes sure the PostgreSQL half of the storage tests can run: Debian's postgresql package (the server binaries;
# tests/pgserver.py runs initdb in a temporary directory and starts its own server on 127.0.0.1, nothing is set up
# system-wide). Installs it with apt-get when run as root. Exits 0 when initdb and pg_ctl are there; otherwise
# says loudly why and exits 1 (the tests then fail when CI is set or they run as root, and are skipped otherwise).
set -uo pipefail
have_server() { command -v pg_ctl >/dev/null || ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; }
if have_server; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "== installing postgresql for the PostgreSQL storage tests (apt-get)"
  # policy-rc.d 101: the package's own cluster is not started (the tests start a private server of their own)
  made_policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && made_policy=1
  fi
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      postgresql >/dev/null
  [ "$made_policy" = "1" ] && rm -f /usr/sbin/policy-rc.d
  have_server && exit 0
  echo "!!!!! apt-get could not install postgresql: the PostgreSQL storage tests will FAIL !!!!!"
  exit 1
fi
echo "!!!!! PostgreSQL (initdb, pg_ctl) is missing and this is not root (no apt-get): the PostgreSQL storage tests"
echo "!!!!! will be SKIPPED (and fail in CI). Install it with: sudo apt-get install postgresql"
exit 1
