#!/usr/bin/env bash
# Installs what the tests and the bench start beyond npm packages, from Debian's archive, never
# downloaded at run time: PostgreSQL 15's server binaries (the kernel runs one scenario on a
# throwaway cluster) and nats-server (the NATS topologies, ADR 0025). SMTP and every Archipelago
# process are started by the tests themselves. Runs before `npm test` and in CI; quiet and
# idempotent: does nothing when the tools are already there.
set -euo pipefail
missing=()
[ -x /usr/lib/postgresql/15/bin/initdb ] || missing+=(postgresql-15)
command -v nats-server > /dev/null || [ -x /usr/sbin/nats-server ] || missing+=(nats-server)
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null; then
  echo "Installing ${missing[*]} for the tests (apt-get)…"
  export DEBIAN_FRONTEND=noninteractive
  # The package lists may be stale on a fresh image: refresh them only when the install needs it.
  apt-get install -y -qq "${missing[@]}" > /dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq "${missing[@]}" > /dev/null; }
else
  echo "The tests need ${missing[*]}: PostgreSQL 15 server binaries in /usr/lib/postgresql/15/bin and nats-server" >&2
  echo "on PATH. On Debian, as root: apt-get install -y ${missing[*]}" >&2
  exit 1
fi
