#!/usr/bin/env bash
# `npm test`: the whole suite. Types, unit tests, integration tests on a real PostgreSQL (the embedded
# 18, and the system's 15 when installed), then Playwright in Debian's Chromium against a production build.
# Every stage runs even when an earlier one failed; the exit code is non-zero if any failed.
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
TSX="node_modules/.bin/tsx --conditions=react-server"
mkdir -p test-results
rm -f test-results/*.json
failed=()

stage() {
  local name=$1
  shift
  echo
  echo "=== ${name} ==="
  local started=$SECONDS
  if "$@"; then
    echo "--- ${name}: ok ($((SECONDS - started)) s)"
  else
    echo "--- ${name}: FAILED ($((SECONDS - started)) s)"
    failed+=("$name")
  fi
}

ensure_chromium() {
  local browser=${CHROMIUM_PATH:-/usr/bin/chromium}
  [ -x "$browser" ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Chromium is missing: installing Debian's chromium package (apt-get)…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null && [ -x "$browser" ] && return 0
    echo "npm test: installing Chromium with apt-get failed." >&2
    return 1
  fi
  echo "npm test: the e2e tests need Chromium at $browser. Install it (Debian/Ubuntu: sudo apt-get install -y chromium)" >&2
  echo "          or point CHROMIUM_PATH at a Chromium binary." >&2
  return 1
}

# Debian's Prometheus (prometheus and promtool) for the /metrics and rule-file tests; they skip, saying why, without it.
ensure_prometheus() {
  [ -x /usr/bin/promtool ] && [ -x /usr/bin/prometheus ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Prometheus is missing: installing Debian's prometheus package (apt-get)…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=300 --no-install-recommends prometheus >/dev/null &&
      [ -x /usr/bin/promtool ] && return 0
    echo "npm test: installing Prometheus with apt-get failed." >&2
    return 1
  fi
  echo "npm test: Prometheus is not installed (Debian/Ubuntu: sudo apt-get install -y prometheus); its tests will be skipped." >&2
  return 0
}

# Debian's Alertmanager for the notification sender's real-API test; it skips, saying why, without it.
ensure_alertmanager() {
  [ -x /usr/bin/prometheus-alertmanager ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Alertmanager is missing: installing Debian's prometheus-alertmanager package (apt-get)…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=300 --no-install-recommends prometheus-alertmanager >/dev/null &&
      [ -x /usr/bin/prometheus-alertmanager ] && return 0
    echo "npm test: installing Alertmanager with apt-get failed." >&2
    return 1
  fi
  echo "npm test: Alertmanager is not installed (Debian/Ubuntu: sudo apt-get install -y prometheus-alertmanager); its test will be skipped." >&2
  return 0
}

# Debian's PostgreSQL 15: the second integration run, and pg_basebackup for the read-replica tests (skipped, saying why, without it).
ensure_postgresql15() {
  [ -x /usr/lib/postgresql/15/bin/postgres ] && [ -x /usr/lib/postgresql/15/bin/pg_basebackup ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "PostgreSQL 15 is missing: installing Debian's postgresql-15 package (apt-get)…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=300 --no-install-recommends postgresql-15 >/dev/null &&
      [ -x /usr/lib/postgresql/15/bin/pg_basebackup ] && return 0
    echo "npm test: installing PostgreSQL 15 with apt-get failed." >&2
    return 1
  fi
  echo "npm test: PostgreSQL 15 is not installed (Debian/Ubuntu: sudo apt-get install -y postgresql-15); its integration run and the read-replica tests will be skipped." >&2
  return 0
}

[ -d node_modules/next ] || { echo "npm test: dependencies are missing; run: npm install && npm test" >&2; exit 1; }

stage "prisma client" $TSX scripts/build.ts --prisma-only
stage "typecheck" node_modules/.bin/tsc --noEmit
stage "unit tests" node_modules/.bin/vitest run --project unit --reporter=default --reporter=json --outputFile=test-results/unit.json
stage "prometheus" ensure_prometheus
stage "alertmanager" ensure_alertmanager
stage "postgresql 15" ensure_postgresql15
stage "integration tests (embedded PostgreSQL 18)" env EDGEWISE_EXPECT_PG_MAJOR=18 node_modules/.bin/vitest run --project integration \
  --reporter=default --reporter=json --outputFile=test-results/integration-pg18.json
if [ -x /usr/lib/postgresql/15/bin/postgres ]; then
  stage "integration tests (system PostgreSQL 15)" env EDGEWISE_PG_BIN_DIR=/usr/lib/postgresql/15/bin EDGEWISE_EXPECT_PG_MAJOR=15 \
    node_modules/.bin/vitest run --project integration --reporter=default --reporter=json --outputFile=test-results/integration-pg15.json
fi
stage "chromium" ensure_chromium
stage "production build" $TSX scripts/build.ts --if-stale
if [[ " ${failed[*]} " != *" chromium "* && " ${failed[*]} " != *" production build "* ]]; then
  stage "e2e tests (Playwright, Chromium)" node_modules/.bin/playwright test
fi

echo
node scripts/test/summarise.mjs test-results
if [ ${#failed[@]} -gt 0 ]; then
  echo "Failed stages: ${failed[*]}" >&2
  exit 1
fi
