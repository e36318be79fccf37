#!/usr/bin/env bash
# Crash durability: many learners hand in quizzes and open lesson pages at once, the server gets SIGKILL while
# they are in flight, and after a restart on the same data every hand-in that was acknowledged must still be there.
#
#   scripts/reliability/durability.sh [--learners 300] [--rounds 3] [--workers 32] [--viewers 16] [--kill-at 0.5]
#                                     [--seed-workers 8] [--seed-cache DIR] [--module voorbeeld] [--modules DIR] [--full-sync] [--keep]
#
#   SAMENWIJZER_BIN=.build/debug/samenwijzer scripts/reliability/durability.sh   # another binary (default: the
#                                     release build, built with `swift build -c release` only when it is missing)
#
# Steps: start `samenwijzer serve` on a free port of 127.0.0.1 with a fresh temp data folder; seed --learners
# learners over HTTP with benchmarks/quiz_seed.py (register, start attempt 1 of the module's quiz, build a valid
# hand-in for exactly its drawn questions; bcrypt makes this take ~15-30 s per 300 learners); split them into
# --rounds groups. Each round (scripts/reliability/reltool.py fire): --workers threads each take learners of the
# round's group, open a lesson page as that learner and post the learner's hand-in; --viewers threads keep
# opening lesson pages as random learners; once --kill-at of the group got its 303 to .../resultaat, the server
# gets SIGKILL (no clean shutdown) with hand-ins and page views in flight. Every 303 that arrived before the kill
# is recorded. Then the server is started again on the same data folder and reltool.py verify checks over HTTP,
# logged in as each learner (their session cookie), that every acknowledged hand-in's result page is there with
# all its answers, that the unacknowledged ones are either stored completely or still open (an open one is
# handed in again and must be stored then), and runs
# PRAGMA integrity_check and a search for half-written attempts on the file.
#
# Bounded: every request has a 30 s time-out, each round stops after 120 s, at most --learners hand-ins and 50,000
# page views per round; seeding has a time limit. Only 127.0.0.1 is contacted. Exit 0 only if nothing
# acknowledged was lost and the file is intact; the last line is the summary.
#
# --seed-cache DIR keeps the seeded state (database before any hand-in, signing key, pool) for later runs with
# the same --learners and --module: a repeat then starts in seconds instead of seeding again.
#
# "Durable" is what docs/operations.md promises by default: committed in WAL with synchronous=NORMAL, which
# survives a crash of the process (this test), not necessarily a power failure.
set -euo pipefail
ORIG_PWD="$PWD"  # relative paths in options and SAMENWIJZER_BIN are taken from here
SELF="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")"
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

LEARNERS=300
ROUNDS=3
WORKERS=32
VIEWERS=16
KILL_AT=0.5
SEED_WORKERS=8
SEED_CACHE=""
MODULE=voorbeeld
KEEP=0
FULL_SYNC=0
MODULES_DIR=""  # default: the repository's modules/
usage() { sed -n '2,9p' "$SELF" | sed 's/^# \{0,1\}//'; }
while [[ $# -gt 0 ]]; do
    case "$1" in
        --learners) LEARNERS="$2"; shift 2 ;;
        --rounds) ROUNDS="$2"; shift 2 ;;
        --workers) WORKERS="$2"; shift 2 ;;
        --viewers) VIEWERS="$2"; shift 2 ;;
        --kill-at) KILL_AT="$2"; shift 2 ;;
        --seed-workers) SEED_WORKERS="$2"; shift 2 ;;
        --seed-cache) SEED_CACHE="$2"; shift 2 ;;
        --module) MODULE="$2"; shift 2 ;;
        --modules) MODULES_DIR="$2"; shift 2 ;;
        --full-sync) FULL_SYNC=1; shift ;;
        --keep) KEEP=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "durability.sh: unknown option $1" >&2; usage >&2; exit 64 ;;
    esac
done

REL_NAME=durability.sh
# shellcheck source=scripts/reliability/lib.sh
source scripts/reliability/lib.sh
use_modules_dir

for n in "$LEARNERS" "$ROUNDS" "$WORKERS" "$VIEWERS" "$SEED_WORKERS"; do
    [[ "$n" =~ ^[0-9]+$ ]] || die "numeric options must be whole numbers (got '$n')"
done
[[ "$KILL_AT" =~ ^(0?\.[0-9]+|1(\.0*)?)$ ]] || die "--kill-at is a fraction between 0 and 1 (got '$KILL_AT')"
[[ "$MODULE" =~ ^[a-z0-9-]+$ ]] || die "bad --module $MODULE"
(( ROUNDS >= 1 && WORKERS >= 1 && SEED_WORKERS >= 1 )) || die "--rounds, --workers and --seed-workers must be at least 1"
(( LEARNERS / ROUNDS >= 2 * WORKERS )) || die "--learners must give each round at least twice --workers hand-ins (so some are in flight at the kill)"

need_debs curl=curl python3=python3
use_binary .build/release/samenwijzer release
trust_local_proxy
(( FULL_SYNC )) && SERVE_EXTRA_ARGS+=(--full-sync)
SEEDER="$ROOT/benchmarks/quiz_seed.py"
[[ -z "$SEED_CACHE" ]] || SEED_CACHE="$(from_caller "$SEED_CACHE")"
TOOL="$ROOT/scripts/reliability/reltool.py"

# ---------------------------------------------------------------------------------------------------- seed
DATA="$WORK/data"
DB="$DATA/samenwijzer.sqlite"
CACHE_KEY="durability learners=$LEARNERS module=$MODULE"
FROM_CACHE=0
if [[ -n "$SEED_CACHE" && -f "$SEED_CACHE/key" && "$(cat "$SEED_CACHE/key")" == "$CACHE_KEY" \
      && -f "$SEED_CACHE/data/samenwijzer.sqlite" && -f "$SEED_CACHE/pool-measure.tsv" ]]; then
    cp -a "$SEED_CACHE/data" "$DATA"
    cp "$SEED_CACHE/pool-measure.tsv" "$WORK/"
    FROM_CACHE=1
fi
mkdir -p "$DATA"; chmod 700 "$DATA"  # the server warns about a data folder others can read
start_server "$DATA"
T0=$SECONDS
if (( FROM_CACHE )); then
    log "$LEARNERS learners from the seed cache $SEED_CACHE"
else
    SEED_LIMIT=$(( LEARNERS / 3 + 120 ))
    log "seeding $LEARNERS learners with $SEED_WORKERS workers (bcrypt: slow; limit ${SEED_LIMIT}s)"
    run_helper "$SEED_LIMIT" seeding python3 "$SEEDER" seed --base "$APP" --out "$WORK" --learners "$LEARNERS" \
        --warmup 0 ${SEED_XFF[@]+"${SEED_XFF[@]}"} --workers "$SEED_WORKERS" --module "$MODULE" --run "d$(date +%s)$$" \
        --deadline "$(( SEED_LIMIT - 10 ))" >"$WORK/seed.json" || die "seeding failed"
    log "seeded in $(( SECONDS - T0 )) s: $(cat "$WORK/seed.json")"
    if [[ -n "$SEED_CACHE" ]]; then
        rm -rf "$SEED_CACHE"; mkdir -p "$SEED_CACHE/data"
        find "$DATA" -maxdepth 1 -type f ! -name 'samenwijzer.sqlite*' -exec cp -p {} "$SEED_CACHE/data/" \;
        python3 -c 'import sqlite3, sys
src = sqlite3.connect(sys.argv[1], timeout=10); dst = sqlite3.connect(sys.argv[2])
src.backup(dst); dst.close(); src.close()' "$DB" "$SEED_CACHE/data/samenwijzer.sqlite"
        cp "$WORK/pool-measure.tsv" "$SEED_CACHE/"
        echo "$CACHE_KEY" >"$SEED_CACHE/key"
        log "seeded state saved in $SEED_CACHE (--seed-cache)"
    fi
fi
POOL="$WORK/pool-measure.tsv"
[[ "$(wc -l <"$POOL")" -eq "$LEARNERS" ]] || die "pool has $(wc -l <"$POOL") lines, expected $LEARNERS"
python3 "$TOOL" pages --base "$APP" --module "$MODULE" >"$WORK/pages.txt" || die "no lesson pages found"
log "$(wc -l <"$WORK/pages.txt") lesson pages in $MODULE"
for (( r = 1; r <= ROUNDS; r++ )); do
    awk -v r="$r" -v n="$ROUNDS" '(NR - 1) % n == r - 1' "$POOL" >"$WORK/round-$r.tsv"
done

# ---------------------------------------------------------------------------------------------------- rounds
jget() { python3 -c 'import json, sys; print(json.loads(sys.argv[1]).get(sys.argv[2], ""))' "$1" "$2"; }
fail=0
T_SENT=0; T_ACK=0; T_LOST=0; T_VIEWS=0; T_STORED=0
INTEGRITY_ALL="ok"
ROUND_LINES=()
for (( r = 1; r <= ROUNDS; r++ )); do
    log "round $r/$ROUNDS: $(wc -l <"$WORK/round-$r.tsv") hand-ins, $WORKERS workers + $VIEWERS page viewers; SIGKILL after $KILL_AT of them are acknowledged"
    rc=0
    run_helper 180 "round $r" python3 "$TOOL" fire --base "$APP" --pool "$WORK/round-$r.tsv" --all-pool "$POOL" \
        --pages "$WORK/pages.txt" --out "$WORK/acks-$r.tsv" --server-pid "$SERVER_PID" --workers "$WORKERS" \
        --viewers "$VIEWERS" --kill-at "$KILL_AT" --kill-after 60 --deadline 120 >"$WORK/fire-$r.json" || rc=$?
    crash_server
    (( rc == 0 )) || die "round $r: the load generator failed (exit $rc)"
    FIRE="$(cat "$WORK/fire-$r.json")"
    log "round $r fired: $FIRE"
    log "round $r: SIGKILL $(jget "$FIRE" kill_reason), $(jget "$FIRE" inflight_at_kill) hand-ins in flight"
    start_server "$DATA"
    rc=0
    run_helper 300 "verification $r" python3 "$TOOL" verify --base "$APP" --acks "$WORK/acks-$r.tsv" --db "$DB" \
        >"$WORK/verify-$r.json" || rc=$?
    VERIFY="$(cat "$WORK/verify-$r.json")"
    [[ -n "$VERIFY" ]] || die "round $r: verification printed nothing (exit $rc)"
    (( rc == 0 )) || { fail=1; log "round $r FAILED: $VERIFY"; }
    sent="$(jget "$FIRE" sent)"; ack="$(jget "$VERIFY" acknowledged)"; lost="$(jget "$VERIFY" lost)"
    views="$(jget "$FIRE" views_ok)"; views_sent="$(jget "$FIRE" views_sent)"; integ="$(jget "$VERIFY" integrity)"
    half="$(jget "$VERIFY" half_written)"; stored="$(jget "$VERIFY" unacknowledged_stored)"
    open_="$(jget "$VERIFY" unacknowledged_open)"; inflight="$(jget "$FIRE" inflight_at_kill)"
    again="$(jget "$VERIFY" open_handed_in_now)"
    [[ "$(jget "$FIRE" acks)" == "$ack" ]] || { fail=1; log "round $r: fire counted $(jget "$FIRE" acks) acks, the file $ack"; }
    (( inflight > 0 )) || log "round $r: warning: no hand-in was in flight at the kill (a weaker test)"
    [[ "$integ" == ok ]] || INTEGRITY_ALL="$integ"
    T_SENT=$(( T_SENT + sent )); T_ACK=$(( T_ACK + ack )); T_LOST=$(( T_LOST + lost )); T_VIEWS=$(( T_VIEWS + views ))
    T_STORED=$(( T_STORED + stored ))
    line="round $r: hand-ins sent $sent, acknowledged $ack, lost $lost; in flight at the kill $inflight (stored anyway $stored, still open $open_ and handed in after the restart $again); page views $views ok of $views_sent; integrity $integ; half-written attempts $half"
    ROUND_LINES+=("$line")
    log "$line"
done
stop_pid "$SERVER_PID" TERM 10; SERVER_PID=""; keep_server_log

echo
echo "=== durability: $(date -u +%Y-%m-%dT%H:%M:%SZ), $BIN (built $(date -u -r "$BIN" +%Y-%m-%dT%H:%MZ)), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'), module $MODULE, $LEARNERS learners, synchronous=$( (( FULL_SYNC )) && echo FULL || echo NORMAL), load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%s\n' "${ROUND_LINES[@]}"
if (( T_LOST == 0 && fail == 0 )) && [[ "$INTEGRITY_ALL" == ok ]]; then verdict=PASS; else verdict=FAIL; fail=1; fi
echo "durability: $verdict — $ROUNDS kill -9 rounds: hand-ins sent $T_SENT, acknowledged $T_ACK, lost $T_LOST, stored without acknowledgement $T_STORED, page views $T_VIEWS, integrity $INTEGRITY_ALL"
exit "$fail"
