#!/usr/bin/env bash
# Installs what the test suite needs beyond npm packages: PostgreSQL 15's server binaries (the
# kernel runs one scenario on a throwaway cluster). SMTP and every Archipelago process are started
# by the tests themselves. Runs before `npm test`; does nothing when the tools are already there.
set -euo pipefail
if [ -x /usr/lib/postgresql/15/bin/initdb ]; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null; then
  echo "Installing PostgreSQL 15 for the tests (apt-get)…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 > /dev/null
else
  echo "The tests need PostgreSQL 15 server binaries in /usr/lib/postgresql/15/bin (Debian: apt-get install postgresql-15)." >&2
  exit 1
fi
