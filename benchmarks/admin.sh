#!/usr/bin/env bash
# Admin area benchmark (reads): the dashboard, a module dashboard with its funnel, the item analysis and the
# completions CSV export on a database seeded with `samenwijzer dev seed`, against the release binary.
#
#   benchmarks/admin.sh [--learners 100000] [--runs 10] [--data DIR] [--no-build] [--keep]
#
# Steps: build the release binary if it is missing or older than the sources (skip with --no-build); seed a fresh
# data folder with --learners learners (about 12 answer rows per learner: 100 000 give ~1.2 M answers, ~3 M page
# visits and a ~1 GB file; seeding takes ~2.5 minutes here), or reuse an already seeded folder with --data DIR;
# make an admin with `samenwijzer admin create`; start `samenwijzer serve` on a free port of 127.0.0.1; log in with
# curl; then request each URL twice to warm up and --runs times measured, one request at a time, and print the
# median, minimum and maximum of curl's total time. The export is also measured for size, rows and the server's
# resident memory before and after (VmRSS) and its peak (VmHWM), to show that streaming keeps memory bounded.
#
# Targets (issue #6): each page < 500 ms; export of 100 k rows < 2 s; memory bounded.
# Notes: only 127.0.0.1 is contacted; the server and curl share the machine's 2 cores with whatever else runs
# (the load average is printed); medians, not means, because one slow outlier (a checkpoint) says little.
set -euo pipefail
export LC_ALL=C

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

LEARNERS=100000
RUNS=10
DATA_IN=""
BUILD=1
KEEP=0

usage() { sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'; }
while [[ $# -gt 0 ]]; do
    case "$1" in
        --learners) LEARNERS="$2"; shift 2 ;;
        --runs) RUNS="$2"; shift 2 ;;
        --data) DATA_IN="$2"; shift 2 ;;
        --no-build) BUILD=0; shift ;;
        --keep) KEEP=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "admin.sh: unknown option $1" >&2; usage >&2; exit 64 ;;
    esac
done

BENCH_NAME=admin.sh
# shellcheck source=benchmarks/lib.sh
source "$ROOT/benchmarks/lib.sh"

for n in "$LEARNERS" "$RUNS"; do [[ "$n" =~ ^[0-9]+$ && "$n" -ge 1 ]] || die "numeric options must be whole numbers >= 1 (got '$n')"; done
command -v curl >/dev/null || die "curl not found"

build_release_if_stale

WORK="$(mktemp -d "${TMPDIR:-/tmp}/samenwijzer-admin-bench.XXXXXX")"
SERVER_PID=""
cleanup() {
    local status=$?
    trap - EXIT INT TERM
    stop_pid "$SERVER_PID" TERM 10
    if (( KEEP )); then log "kept $WORK"; else rm -rf "$WORK"; fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [[ -n "$DATA_IN" ]]; then
    [[ -f "$DATA_IN/samenwijzer.sqlite" ]] || die "no samenwijzer.sqlite in $DATA_IN"
    DATA="$DATA_IN"
    log "reusing the seeded database in $DATA"
else
    DATA="$WORK/data"
    log "seeding $LEARNERS learners into $DATA"
    "$BIN" dev seed --learners "$LEARNERS" --data "$DATA" >&2 || die "seeding failed"
fi
EMAIL="bench-$(date +%s)-$$@voorbeeld.nl"
PASSWORD="benchmark-wachtwoord-$$"
printf '%s\n' "$PASSWORD" | "$BIN" admin create --email "$EMAIL" --name "Benchmark Beheer" --data "$DATA" >/dev/null || die "admin create failed"

start_server "$DATA"
JAR="$WORK/cookies"
TOKEN="$(curl -s -c "$JAR" -b "$JAR" "$APP/inloggen" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')"
[[ -n "$TOKEN" ]] || die "no CSRF token on the login page"
status="$(curl -s -o /dev/null -w '%{http_code}' -c "$JAR" -b "$JAR" --data-urlencode "_csrf=$TOKEN" \
    --data-urlencode "email=$EMAIL" --data-urlencode "wachtwoord=$PASSWORD" "$APP/inloggen")"
[[ "$status" == 303 ]] || die "login answered $status"

# measure name path: warm-up twice, then RUNS times; prints one result line.
measure() {
    local name="$1" path="$2" i times=() code
    for (( i = 0; i < 2; i++ )); do curl -s -o /dev/null -b "$JAR" "$APP$path"; done
    for (( i = 0; i < RUNS; i++ )); do
        read -r code t < <(curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -b "$JAR" "$APP$path")
        [[ "$code" == 200 ]] || die "$path answered $code"
        times+=("$t")
    done
    printf '%s\n' "${times[@]}" | sort -n | awk -v name="$name" -v path="$path" '
        { t[NR] = $1 } END {
            median = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
            printf "%-34s median %7.1f ms   min %7.1f   max %7.1f   (%s)\n", name, median * 1000, t[1] * 1000, t[NR] * 1000, path }'
}

rss() { awk -v key="$1:" '$1 == key { print $2 }' "/proc/$SERVER_PID/status"; }

log "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== samenwijzer admin benchmark: $(sqlite3 "$DATA/samenwijzer.sqlite" 'SELECT COUNT(*) FROM user' 2>/dev/null || echo '?') users," \
     "$(sqlite3 "$DATA/samenwijzer.sqlite" 'SELECT COUNT(*) FROM attemptAnswer' 2>/dev/null || echo '?') answers, $RUNS runs each"
measure "dashboard (all modules)" "/beheer"
measure "dashboard, one organisation+period" "/beheer?organisatie=Cordaan&van=2026-03-01&tot=2026-08-31"
measure "module dashboard + funnel" "/beheer/modules/dementie"
measure "item analysis" "/beheer/modules/dementie/vragen"
measure "completions list (page 1)" "/beheer/voltooiingen"
measure "users search" "/beheer/gebruikers?zoek=jansen"

before="$(rss VmRSS)"
curl -s -o "$WORK/export.csv" -b "$JAR" "$APP/beheer/export/voltooiingen.csv"
measure "completions CSV export (all)" "/beheer/export/voltooiingen.csv"
after="$(rss VmRSS)"
rows=$(( $(wc -l <"$WORK/export.csv") - 1 ))
printf 'export: %d rows, %d bytes; server VmRSS %s kB before, %s kB after, peak (VmHWM) %s kB\n' \
    "$rows" "$(wc -c <"$WORK/export.csv")" "$before" "$after" "$(rss VmHWM)"
log "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
