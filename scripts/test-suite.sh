#!/usr/bin/env bash
# The whole suite, as `make test` runs it: SQLite and (when TEST_DATABASE_URL is set) PostgreSQL.
#
# The two halves run at the same time, one per core: each is one pytest process (plus, for browser tests, one
# gunicorn and one Chromium), so together they keep this 2-core machine busy and finish in about the time of the
# longer one instead of the sum. Each browser test runs once, in one of the halves (SINERGI_BROWSER_PART); with
# SQLite only, all of them run on SQLite. Tests marked `serial` measure time (a stalled /healthz, p95 under 50 writers,
# SIGKILL mid-load): they run afterwards, one half after the other, with the machine to themselves.
#
# Each half writes its own log (test-artifacts/suite-<engine>.log); lines are shown as they come, prefixed.
set -uo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
mkdir -p test-artifacts
SQLITE_FUZZ=${SINERGI_FUZZ_EXAMPLES:-6000}
PG_FUZZ=${SINERGI_FUZZ_EXAMPLES:-4000}

half() {  # engine, marker expression, fuzz examples, log name[, share of the browser tests]
  local engine=$1 marks=$2 fuzz=$3 name=$4 browser=${5:-}
  local envs=(SINERGI_FUZZ_EXAMPLES="$fuzz" SINERGI_BROWSER_PART="$browser")
  [ "$engine" = postgresql ] && envs+=(SINERGI_TEST_DB=postgresql)
  env "${envs[@]}" "$PY" -m pytest -p no:cacheprovider -m "$marks" -q -rfE --durations=15 2>&1 \
    | tee "test-artifacts/suite-$name.log" | sed -u "s/^/[$name] /"
  local rc=${PIPESTATUS[0]}
  [ "$rc" = 5 ] && rc=0  # nothing selected (e.g. no serial test) is not a failure
  return "$rc"
}

started=$(date +%s)
status=0
if [ -n "${TEST_DATABASE_URL:-}" ]; then
  echo "=== SQLite and PostgreSQL ($TEST_DATABASE_URL) side by side"
  # The browser tests are shared, not repeated (tests/browser/conftest.py): two of every three on SQLite, the
  # third on PostgreSQL, whose own half is the slower one (measured: 25 and 36 min with all of them on both).
  half sqlite "not serial" "$SQLITE_FUZZ" sqlite "0,1/3" & sqlite_pid=$!
  half postgresql "not serial" "$PG_FUZZ" postgresql "2/3" & pg_pid=$!
  wait "$sqlite_pid" || status=1
  wait "$pg_pid" || status=1
  echo "=== timing-sensitive tests (serial), SQLite then PostgreSQL"
  half sqlite "serial" "$SQLITE_FUZZ" sqlite-serial || status=1
  half postgresql "serial" "$PG_FUZZ" postgresql-serial || status=1
else
  echo "TEST_DATABASE_URL not set: SQLite only (PostgreSQL run skipped)"
  half sqlite "not serial" "$SQLITE_FUZZ" sqlite || status=1
  half sqlite "serial" "$SQLITE_FUZZ" sqlite-serial || status=1
fi
echo "=== summary ($(( ($(date +%s) - started) / 60 )) min)"
for log in test-artifacts/suite-*.log; do
  [ -f "$log" ] && printf '%s: %s\n' "$log" "$(grep -E ' in [0-9.]+s' "$log" | tail -1)"
done
# The names of what failed come last again: a CI printout that keeps only its tail still says which test it was.
grep -hE '^(FAILED|ERROR) ' test-artifacts/suite-*.log 2>/dev/null | cut -c1-300
exit "$status"
