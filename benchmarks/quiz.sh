#!/usr/bin/env bash
# Quiz submission benchmark (writes): wrk posts graded quiz submissions, each a fresh attempt of its own seeded
# learner, against the release binary; in the same run, a raw SQLite WAL replay of the very same rows.
#
#   benchmarks/quiz.sh [--learners 3000] [--warmup-learners 300] [--connections 64] [--threads 2]
#                      [--seed-workers 8] [--max-duration 120] [--module voorbeeld] [--no-build] [--keep]
#                      [--perf FILE]   (records a perf profile of the server during the measured run)
#                      [--seed-cache DIR]   (reuses the seeded learners of an earlier run with the same options)
#                      [--full-sync]   (serve --full-sync: every commit waits for the disk)
#
# Steps: build the release binary if it is missing or older than the sources (skip with --no-build); start
# `samenwijzer serve` on a free port of 127.0.0.1 with a fresh data directory; seed learners over HTTP with
# benchmarks/quiz_seed.py (register, start attempt 1 of the module's quiz, read that attempt's page once and build
# a valid submission for exactly its drawn questions); snapshot the database (the state before any submission);
# post the warm-up learners' submissions, then the measured ones, with wrk and benchmarks/quiz_submit.lua; then
# SIGKILL the server (a crash, no clean shutdown) and count the submitted attempts in its SQLite file; finally
# replay the rows the server wrote into copies of the snapshot with Python's sqlite3 (WAL, synchronous=NORMAL).
#
# Why the run is bounded by learners, not by time: an attempt can be submitted once; posting it again only
# redirects (no write). To measure fresh submissions only, every request posts a different open attempt, each
# exactly once, and wrk ends when the last answer is in (the Lua script sends wrk SIGINT). submissions/s is the
# fresh 303s divided by the time from the first request to the last answer, as the wrk threads clock it (wrk's
# own duration is printed next to it); idempotent repeats are 0 by construction. The price is seeding:
# every learner costs one bcrypt hash (cost 10) in the server, so seeding ran at 13-25 learners/s on this 2-core
# machine (less when other work runs): the default 3000 + 300 learners take 2.5-4.5 minutes to seed, and 3000
# submissions last about 1 s at the 3,000/s target, short enough for the machine's noise to show (runs of the same
# binary differed by up to 30 %): take the median of several runs, and prefer --learners 10000 (3 s per run; 9 min
# to seed once with --seed-cache, then about 45 s per run). --learners trades seeding
# time for a longer measured run.
#
# --seed-cache DIR: the first run saves its seeded state in DIR (the database before any submission, the signing
# key, the pools); a later run with the same --learners, --warmup-learners and --module starts the server on a
# copy of it and only opens every learner's attempt page once (so the server holds their sessions in memory, as
# after seeding), which takes seconds instead of minutes. Learners, attempts and drawn questions are then the same
# in every run. Delete DIR (or change an option) to seed afresh; the database schema must not have changed since.
#
# Raw SQLite reference ("spec" row): one transaction per submission with 1 UPDATE of the attempt row (all
# columns, as GRDB's record update does) + 1 INSERT per answer row (5 for voorbeeld), same rows and count as the
# server's submissions, into a copy of the pre-submission snapshot (same schema, indexes and foreign keys; WAL,
# synchronous=NORMAL, foreign_keys=ON). An "app-shaped" row replays the statements the server runs per submission
# (AppDatabase.updateOpenAttempt: 4 reads, the answer upserts, the grade update, the statistics queue insert), one
# transaction per submission. The server itself shares a transaction between submissions that arrive together
# (LearnerStore/GroupCommit.swift), which is why it can beat both rows.
#
# Notes:
# - Only 127.0.0.1 is ever contacted. Every wait loop and every step is bounded in time.
# - "Durable" here means what the app promises (docs/operations.md): committed in WAL with synchronous=NORMAL,
#   which survives a crash of the process (checked with SIGKILL), not necessarily a power failure.
# - wrk, the server and (not during wrk) the seeder share the same 2 cores; other processes on the machine
#   (builds!) show in the load average printed with the results.
# - Installs wrk, curl, sqlite3 and python3 with apt-get when they are missing (needs root or sudo).
set -euo pipefail
export LC_ALL=C

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

LEARNERS=3000
WARMUP_LEARNERS=300
CONNECTIONS=64
THREADS=2
SEED_WORKERS=8
MAX_DURATION=120
MODULE=voorbeeld
BUILD=1
KEEP=0
PERF_OUT=""
SEED_CACHE=""
# The seeder registers thousands of learners from 127.0.0.1, over the 30-an-hour limit per client: the server believes
# its X-Forwarded-For (one address per learner, seed --forwarded-for) from 127.0.0.1.
SERVE_EXTRA_ARGS=(--trusted-proxy 127.0.0.1)

usage() { sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; }
while [[ $# -gt 0 ]]; do
    case "$1" in
        --learners) LEARNERS="$2"; shift 2 ;;
        --warmup-learners) WARMUP_LEARNERS="$2"; shift 2 ;;
        --connections) CONNECTIONS="$2"; shift 2 ;;
        --threads) THREADS="$2"; shift 2 ;;
        --seed-workers) SEED_WORKERS="$2"; shift 2 ;;
        --max-duration) MAX_DURATION="${2%s}"; shift 2 ;;
        --module) MODULE="$2"; shift 2 ;;
        --no-build) BUILD=0; shift ;;
        --keep) KEEP=1; shift ;;
        --perf) PERF_OUT="$2"; shift 2 ;;
        --seed-cache) SEED_CACHE="$2"; shift 2 ;;
        --full-sync) SERVE_EXTRA_ARGS+=(--full-sync); shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "quiz.sh: unknown option $1" >&2; usage >&2; exit 64 ;;
    esac
done

BENCH_NAME=quiz.sh
# shellcheck source=benchmarks/lib.sh
source "$ROOT/benchmarks/lib.sh"

for n in "$LEARNERS" "$WARMUP_LEARNERS" "$CONNECTIONS" "$THREADS" "$SEED_WORKERS" "$MAX_DURATION"; do
    [[ "$n" =~ ^[0-9]+$ ]] || die "numeric options must be whole numbers (got '$n')"
done
[[ "$MODULE" =~ ^[a-z0-9-]+$ ]] || die "bad --module $MODULE"
(( THREADS >= 1 && THREADS <= CONNECTIONS )) || die "--threads must be between 1 and --connections"
(( LEARNERS >= THREADS )) || die "--learners must be at least --threads (every wrk thread needs a submission)"
(( WARMUP_LEARNERS == 0 || WARMUP_LEARNERS >= THREADS )) || die "--warmup-learners must be 0 or at least --threads"
(( SEED_WORKERS >= 1 && MAX_DURATION >= 1 )) || die "--seed-workers and --max-duration must be at least 1"

# ---------------------------------------------------------------------------------------------------- tools
need_install=()
command -v wrk >/dev/null 2>&1 || need_install+=(wrk)
command -v curl >/dev/null 2>&1 || need_install+=(curl)
command -v sqlite3 >/dev/null 2>&1 || need_install+=(sqlite3)
command -v python3 >/dev/null 2>&1 || need_install+=(python3)
if (( ${#need_install[@]} )); then
    SUDO=""
    [[ $EUID -eq 0 ]] || SUDO="sudo"
    log "installing ${need_install[*]} with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    if ! $SUDO apt-get install -y --no-install-recommends "${need_install[@]}" >/dev/null; then
        $SUDO apt-get update >/dev/null
        $SUDO apt-get install -y --no-install-recommends "${need_install[@]}" >/dev/null
    fi
fi
for tool in wrk curl sqlite3 python3; do command -v "$tool" >/dev/null || die "$tool not found after installing it"; done
SEEDER="$ROOT/benchmarks/quiz_seed.py"
LUA="$ROOT/benchmarks/quiz_submit.lua"
[[ -f "$SEEDER" && -f "$LUA" ]] || die "benchmarks/quiz_seed.py or benchmarks/quiz_submit.lua missing"

# ---------------------------------------------------------------------------------------------------- build
build_release_if_stale

# ---------------------------------------------------------------------------------------------------- cleanup
WORK="$(mktemp -d "${TMPDIR:-/tmp}/samenwijzer-quiz-bench.XXXXXX")"
SERVER_PID=""; WRK_PID=""; HELPER_PID=""

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    stop_pid "$WRK_PID" INT 5
    stop_pid "$HELPER_PID" TERM 5
    stop_pid "$SERVER_PID" TERM 10
    if (( KEEP )); then log "kept $WORK"; else rm -rf "$WORK"; fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Runs a helper command in the background (so the traps can stop it) with a time limit; dies when it fails.
run_helper() {  # seconds description outfile command...
    local limit="$1" what="$2" out="$3" rc=0
    shift 3
    timeout --signal=TERM --kill-after=5 "$limit" "$@" >"$out" &
    HELPER_PID=$!
    wait "$HELPER_PID" || rc=$?
    HELPER_PID=""
    (( rc != 124 )) || die "$what did not finish within $limit s"
    (( rc == 0 )) || die "$what failed (exit $rc)"
}

# CPU seconds (user + system) a process has used so far.
CLK_TCK="$(getconf CLK_TCK 2>/dev/null || echo 100)"
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }

# ---------------------------------------------------------------------------------------------------- server
DATA="$WORK/data"
DB="$DATA/samenwijzer.sqlite"
CACHE_KEY="learners=$LEARNERS warmup=$WARMUP_LEARNERS module=$MODULE"
FROM_CACHE=0
if [[ -n "$SEED_CACHE" && -f "$SEED_CACHE/key" && "$(cat "$SEED_CACHE/key")" == "$CACHE_KEY" \
      && -f "$SEED_CACHE/data/samenwijzer.sqlite" && -f "$SEED_CACHE/seed.json" ]]; then
    cp -a "$SEED_CACHE/data" "$DATA"
    cp "$SEED_CACHE/pool-warmup.tsv" "$SEED_CACHE/pool-measure.tsv" "$SEED_CACHE/seed.json" "$WORK/"
    FROM_CACHE=1
fi
start_server "$DATA"
[[ -f "$DB" ]] || die "no database at $DB after start"
status="$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$APP/modules/$MODULE" || true)"
[[ "$status" == 200 ]] || die "/modules/$MODULE answered $status"

# ---------------------------------------------------------------------------------------------------- seed
TOTAL_LEARNERS=$(( LEARNERS + WARMUP_LEARNERS ))
SEED_T0=$SECONDS
if (( FROM_CACHE )); then
    log "learners from the seed cache $SEED_CACHE; opening each attempt page once"
    run_helper 300 "warming sessions" "$WORK/warm.json" \
        python3 "$SEEDER" warm --base "$APP" --out "$WORK" --workers "$SEED_WORKERS"
    log "warmed in $(( SECONDS - SEED_T0 )) s"
else
    SEED_LIMIT=$(( TOTAL_LEARNERS / 4 + 120 ))   # bounded: expects >= 4 learners/s
    log "seeding $TOTAL_LEARNERS learners ($WARMUP_LEARNERS warm-up + $LEARNERS measured) with $SEED_WORKERS workers; bcrypt makes this slow (limit ${SEED_LIMIT}s)"
    run_helper "$SEED_LIMIT" "seeding" "$WORK/seed.json" \
        python3 "$SEEDER" seed --base "$APP" --out "$WORK" --learners "$LEARNERS" --warmup "$WARMUP_LEARNERS" \
        --workers "$SEED_WORKERS" --module "$MODULE" --run "$(date +%s)$$" --deadline "$(( SEED_LIMIT - 10 ))" --forwarded-for
fi
SEED_JSON="$(cat "$WORK/seed.json")"
RUN="$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["run"])' "$SEED_JSON")"
SEED_RATE="$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["per_second"])' "$SEED_JSON")"
QUESTIONS="$(python3 -c 'import json,sys; print(",".join(map(str, json.loads(sys.argv[1])["questions_per_attempt"])))' "$SEED_JSON")"
(( FROM_CACHE )) || log "seeded in $(( SECONDS - SEED_T0 )) s ($SEED_RATE learners/s); questions per attempt: $QUESTIONS"

POOL_W="$WORK/pool-warmup.tsv"
POOL_M="$WORK/pool-measure.tsv"
[[ "$(wc -l <"$POOL_M")" -eq "$LEARNERS" ]] || die "pool-measure.tsv does not have $LEARNERS lines"
[[ "$(cut -f2 "$POOL_M" "$POOL_W" | sort -u | wc -l)" -eq "$TOTAL_LEARNERS" ]] || die "pool has duplicate sessions"

sql() { sqlite3 -batch -noheader "$DB" "PRAGMA busy_timeout = 5000; $1" | tail -n 1; }
OPEN_BEFORE="$(sql "SELECT count(*) FROM quizAttempt WHERE submittedAt IS NULL")"
[[ "$OPEN_BEFORE" -eq "$TOTAL_LEARNERS" ]] || die "$OPEN_BEFORE open attempts after seeding, expected $TOTAL_LEARNERS"
# The state before any submission, for the raw replay (online backup; the server keeps running).
sqlite3 -batch "$DB" ".timeout 5000" ".backup '$WORK/snapshot.sqlite'" || die "snapshot of $DB failed"
if [[ -n "$SEED_CACHE" ]] && (( ! FROM_CACHE )); then
    rm -rf "$SEED_CACHE"
    mkdir -p "$SEED_CACHE/data"
    find "$DATA" -maxdepth 1 -type f ! -name 'samenwijzer.sqlite*' -exec cp -p {} "$SEED_CACHE/data/" \;
    cp "$WORK/snapshot.sqlite" "$SEED_CACHE/data/samenwijzer.sqlite"
    cp "$POOL_W" "$POOL_M" "$WORK/seed.json" "$SEED_CACHE/"
    echo "$CACHE_KEY" >"$SEED_CACHE/key"
    log "seeded state saved in $SEED_CACHE for later runs (--seed-cache)"
fi

# ---------------------------------------------------------------------------------------------------- wrk
# run_wrk pool outfile: wrk posts every line of the pool once, then ends itself (MAX_DURATION is a bound).
# Sets WRK_FLAGS (the directory with the threads' done-<i> files) and RUN_US (the run's duration from those files:
# first request handed to wrk until the last answer, monotonic clock; empty if a thread did not finish).
run_wrk() {
    local pool="$1" out="$2" rc=0 polls=0 nudges=0 done_count
    WRK_FLAGS="$WORK/flags-$(basename "$2" .txt)"
    mkdir -p "$WRK_FLAGS"
    timeout --signal=INT --kill-after=5 "$(( MAX_DURATION + 30 ))" \
        wrk -t "$THREADS" -c "$CONNECTIONS" -d "${MAX_DURATION}s" --timeout 10s --latency -s "$LUA" "$APP" \
        -- "$pool" "$THREADS" "$WRK_FLAGS" >"$out" 2>"$out.stderr" &
    WRK_PID=$!
    # The last wrk thread sends wrk SIGINT; should wrk still run 1 s after every thread is done, SIGINT it
    # again (through timeout, which passes it on). Bounded: timeout ends wrk after MAX_DURATION + 30 s anyway.
    while kill -0 "$WRK_PID" 2>/dev/null; do
        sleep 0.1
        done_count="$(find "$WRK_FLAGS" -maxdepth 1 -name 'done-*' | wc -l)"
        if (( done_count >= THREADS )); then
            polls=$(( polls + 1 ))
            if (( polls % 10 == 0 && nudges < 5 )) && kill -0 "$WRK_PID" 2>/dev/null; then
                log "wrk still running although every thread is done: SIGINT"
                kill -INT "$WRK_PID" 2>/dev/null || true
                nudges=$(( nudges + 1 ))
            fi
        fi
    done
    wait "$WRK_PID" || rc=$?
    WRK_PID=""
    (( rc == 0 )) || { cat "$out" "$out.stderr" >&2; die "wrk failed (exit $rc)"; }
    grep -q '^QUIZ ' "$out" || { cat "$out" "$out.stderr" >&2; die "no QUIZ line in the wrk output"; }
    if [[ -s "$out.stderr" ]]; then log "wrk stderr:"; sed 's/^/    /' "$out.stderr" >&2; fi
    RUN_US=""
    if (( $(find "$WRK_FLAGS" -maxdepth 1 -name 'done-*' | wc -l) >= THREADS )); then
        RUN_US="$(cat "$WRK_FLAGS"/done-* | awk 'NR == 1 || $1 < s { s = $1 } NR == 1 || $2 > e { e = $2 } END { printf "%.0f", (e - s) / 1000 }')"
    fi
}

# parse_quiz file prefix: the QUIZ line's key=value pairs become ${prefix}_key.
parse_quiz() {
    local line kv
    line="$(grep '^QUIZ ' "$1" | tail -n 1)"
    for kv in ${line#QUIZ }; do
        printf -v "${2}_${kv%%=*}" '%s' "${kv#*=}"
    done
}

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
WARM_OK=0
if (( WARMUP_LEARNERS > 0 )); then
    log "warm-up: $WARMUP_LEARNERS submissions"
    run_wrk "$POOL_W" "$WORK/wrk-warmup.txt"
    parse_quiz "$WORK/wrk-warmup.txt" W
    WARM_OK="$W_ok"
    (( W_ok == WARMUP_LEARNERS )) || log "warning: warm-up had $W_ok fresh submissions of $WARMUP_LEARNERS (statuses $W_statuses)"
fi
SUBMITTED_BEFORE="$(sql "SELECT count(*) FROM quizAttempt WHERE submittedAt IS NOT NULL")"

LOAD_BEFORE_MEASURE="$(cut -d' ' -f1-3 /proc/loadavg)"
log "measuring: $LEARNERS submissions, $CONNECTIONS connections, $THREADS threads"
CPU0="$(cpu_ticks "$SERVER_PID")"
PERF_PID=""
if [[ -n "$PERF_OUT" ]]; then
    # cpu-clock: a software event, so it works where hardware counters are not exposed (as on these machines).
    perf record -F 1999 -e cpu-clock -g -p "$SERVER_PID" -o "$PERF_OUT" >/dev/null 2>&1 &
    PERF_PID=$!
    sleep 0.5
fi
run_wrk "$POOL_M" "$WORK/wrk-measure.txt"
CPU1="$(cpu_ticks "$SERVER_PID")"
if [[ -n "$PERF_PID" ]]; then kill -INT "$PERF_PID" 2>/dev/null || true; wait "$PERF_PID" 2>/dev/null || true; fi
parse_quiz "$WORK/wrk-measure.txt" M
if [[ -n "$RUN_US" && "$RUN_US" -gt 0 ]]; then
    DURATION_US="$RUN_US"
    DURATION_SRC="first request to last answer, from the wrk threads"
else
    DURATION_US="$M_duration_us"
    DURATION_SRC="wrk's duration: a thread did not get all its answers"
    log "warning: not every wrk thread got all its answers; using wrk's duration ($M_duration_us us)"
fi

# ---------------------------------------------------------------------------------------------------- durability
# Crash the server (no clean shutdown, no checkpoint) and count what is in the file.
kill -KILL "$SERVER_PID" 2>/dev/null || true
wait "$SERVER_PID" 2>/dev/null || true
SERVER_PID=""
EMAIL_LIKE="qb-$RUN-m%"
SUBMITTED_ALL="$(sql "SELECT count(*) FROM quizAttempt WHERE submittedAt IS NOT NULL")"
SUBMITTED_M="$(sql "SELECT count(*) FROM quizAttempt a JOIN user u ON u.id = a.userId WHERE u.email LIKE '$EMAIL_LIKE' AND a.submittedAt IS NOT NULL")"
ANSWERS_M="$(sql "SELECT count(*) FROM attemptAnswer WHERE quizAttemptId IN (SELECT a.id FROM quizAttempt a JOIN user u ON u.id = a.userId WHERE u.email LIKE '$EMAIL_LIKE' AND a.submittedAt IS NOT NULL)")"
SPAN_S="$(sql "SELECT printf('%.3f', (julianday(max(a.submittedAt)) - julianday(min(a.submittedAt))) * 86400) FROM quizAttempt a JOIN user u ON u.id = a.userId WHERE u.email LIKE '$EMAIL_LIKE' AND a.submittedAt IS NOT NULL")"
INTEGRITY="$(sql "PRAGMA quick_check")"

# ---------------------------------------------------------------------------------------------------- raw sqlite
log "raw SQLite replay of the $SUBMITTED_M measured submissions"
run_helper 600 "raw SQLite replay" "$WORK/raw.json" \
    python3 "$SEEDER" raw --db "$DB" --snapshot "$WORK/snapshot.sqlite" --work "$WORK" --email-like "$EMAIL_LIKE"
RAW_JSON="$(cat "$WORK/raw.json")"
read -r RAW_N RAW_SPEC RAW_APP RAW_ROWS RAW_VERSION < <(python3 -c '
import json, sys
r = json.loads(sys.argv[1])
print(r["submissions"], r["spec"]["per_second"], r["app_shaped"]["per_second"],
      ",".join(map(str, r["answer_rows_per_submission"])), r["sqlite_version"])' "$RAW_JSON")

# ---------------------------------------------------------------------------------------------------- report
echo
echo "=== wrk output: measured run ==="; cat "$WORK/wrk-measure.txt"
echo

secs="$(awk -v d="$DURATION_US" 'BEGIN { printf "%.3f", d / 1e6 }')"
WRK_SECS="$(awk -v d="$M_duration_us" 'BEGIN { printf "%.3f", d / 1e6 }')"
SUBS_PER_S="$(awk -v n="$M_ok" -v d="$DURATION_US" 'BEGIN { printf "%.1f", (d > 0 ? n / (d / 1e6) : 0) }')"
P50="$(awk -v u="$M_p50_us" 'BEGIN { printf "%.2f", u / 1000 }')"
P99="$(awk -v u="$M_p99_us" 'BEGIN { printf "%.2f", u / 1000 }')"
SOCKERR=$(( M_err_connect + M_err_read + M_err_write + M_err_timeout ))
NOT_FRESH=$(( M_bad ))
LOST=$(( M_sent - M_received ))
RATIO="$(awk -v a="$SUBS_PER_S" -v b="$RAW_SPEC" 'BEGIN { printf "%.3f", (b > 0 ? a / b : 0) }')"
RATIO_APP="$(awk -v a="$SUBS_PER_S" -v b="$RAW_APP" 'BEGIN { printf "%.3f", (b > 0 ? a / b : 0) }')"
CPU_MS="$(awk -v t=$(( CPU1 - CPU0 )) -v hz="$CLK_TCK" -v n="$M_received" 'BEGIN { printf "%.2f", (n > 0 ? t * 1000 / hz / n : 0) }')"
CPU_CORES="$(awk -v t=$(( CPU1 - CPU0 )) -v hz="$CLK_TCK" -v d="$DURATION_US" 'BEGIN { printf "%.2f", (d > 0 ? (t / hz) / (d / 1e6) : 0) }')"
SERVER_RATE="$(awk -v n="$SUBMITTED_M" -v s="$SPAN_S" 'BEGIN { printf "%.1f", (s > 0 ? (n - 1) / s : 0) }')"
TREE="$(git rev-parse --short HEAD 2>/dev/null || echo '?')"
git diff --quiet HEAD -- Sources Package.swift 2>/dev/null || TREE="$TREE + uncommitted changes in Sources"

echo "Quiz submission benchmark — $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) CPUs, commit $TREE (binary built $(date -u -r "$BIN" +%H:%M:%SZ))"
echo "load average: before warm-up $LOAD_BEFORE, before measuring $LOAD_BEFORE_MEASURE (other processes share these CPUs; wrk runs on them too)"
echo "durability: synchronous=$( [[ " ${SERVE_EXTRA_ARGS[*]} " == *" --full-sync "* ]] && echo "FULL (serve --full-sync)" || echo "NORMAL (the default)"), WAL"
echo "module $MODULE, attempt 1 of $LEARNERS seeded learners ($QUESTIONS questions each), each posted once; warm-up $WARMUP_LEARNERS other learners"
echo "wrk -t$THREADS -c$CONNECTIONS, 127.0.0.1, run ends after the last submission: $M_ok fresh in $secs s ($DURATION_SRC; wrk's own: $WRK_SECS s)"
echo "seeding ran at $SEED_RATE learners/s (bcrypt)$( (( FROM_CACHE )) && echo ", reused from $SEED_CACHE"); latency percentiles are wrk's (with its coordinated-omission correction)"
echo
printf '%-34s %12s\n' "samenwijzer submissions/s (fresh)" "$SUBS_PER_S"
printf '%-34s %12s\n' "p50 latency ms" "$P50"
printf '%-34s %12s\n' "p99 latency ms" "$P99"
printf '%-34s %12s\n' "fresh submissions (303 → result)" "$M_ok"
printf '%-34s %12s\n' "socket errors" "$SOCKERR"
printf '%-34s %12s\n' "non-2xx/3xx (status >= 400)" "$M_err_status"
printf '%-34s %12s\n' "other answers (not 303 → result)" "$NOT_FRESH"
printf '%-34s %12s\n' "idempotent repeats" "0"
printf '%-34s %12s\n' "raw SQLite tx/s (1 UPDATE+$RAW_ROWS INSERT)" "$RAW_SPEC"
printf '%-34s %12s\n' "ratio samenwijzer / raw SQLite" "$RATIO"
printf '%-34s %12s\n' "raw SQLite app-shaped subm./s" "$RAW_APP"
printf '%-34s %12s\n' "ratio samenwijzer / app-shaped" "$RATIO_APP"
echo
echo "statuses: ${M_statuses:-none} (per wrk thread); sent $M_sent, answered $M_received, without answer $LOST"
echo "server CPU during the run: $CPU_MS ms per submission, $CPU_CORES cores busy on average; server-side span of the measured submittedAt values: $SPAN_S s ($SERVER_RATE/s)"
echo "raw SQLite $RAW_VERSION (Python sqlite3, one connection, same file system as the server's data), $RAW_N submissions replayed from the rows the server wrote"
echo "idempotent repeats are 0 by construction: each pool line (one learner's open attempt 1) is posted exactly once"

fail=0
echo
echo "durability check after SIGKILL of the server:"
echo "  submitted attempts in the file: $SUBMITTED_ALL (warm-up $WARM_OK + measured $M_ok = $(( WARM_OK + M_ok ))); measured learners: $SUBMITTED_M, their answer rows: $ANSWERS_M; quick_check: $INTEGRITY"
if (( SUBMITTED_M == M_ok && SUBMITTED_ALL == WARM_OK + M_ok && SUBMITTED_BEFORE == WARM_OK )) && [[ "$INTEGRITY" == ok ]]; then
    echo "  OK: every fresh submission wrk saw is in the database"
else
    echo "  CHECK FAILED: database count does not match the fresh submissions wrk reported (before measuring: $SUBMITTED_BEFORE submitted)"
    fail=1
fi
if (( RAW_N != M_ok )); then echo "  CHECK FAILED: raw replay used $RAW_N submissions, wrk reported $M_ok"; fail=1; fi

pass_rate="$(awk -v r="$SUBS_PER_S" 'BEGIN { print (r >= 3000 ? "PASS" : "FAIL") }')"
errors=$(( SOCKERR + M_err_status + NOT_FRESH + LOST ))
pass_err="$( (( errors == 0 && M_ok == LEARNERS )) && echo PASS || echo FAIL)"
note=""
(( CONNECTIONS == 64 )) || note=" (this run used $CONNECTIONS connections)"
echo
echo "target >= 3,000 durable submissions/s: $pass_rate ($SUBS_PER_S/s)$note; target 0 errors: $pass_err ($errors)"
exit "$fail"
