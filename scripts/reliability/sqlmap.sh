#!/usr/bin/env bash
# SQL injection scan: sqlmap (from PyPI, in .venv-reliability/) against every form POST, every query parameter and
# the path parameters that reach the database, as a visitor, a learner and an administrator.
#
#   scripts/reliability/sqlmap.sh [--level 3] [--risk 2] [--time-sec 2] [--budget 840] [--threads 4] [--only NAME[,NAME]] [--modules DIR] [--keep]
#   SAMENWIJZER_BIN=.build/debug/samenwijzer scripts/reliability/sqlmap.sh   # default: .build/release/samenwijzer
#                                     when it exists, else .build/debug/samenwijzer (built when missing)
#
# Steps: a temp data folder with made-up learners (`samenwijzer dev seed --learners 30`: completions,
# certificates, organisations) and an administrator (`samenwijzer admin create`, password on standard input);
# start `samenwijzer serve` on a free port of 127.0.0.1; scripts/reliability/sqlmap_targets.py registers three
# learners and logs the admin in over HTTP, reads each form's CSRF token (_csrf) and writes the targets: register,
# login, their ?volgende=, certificate lookup (?code=), password change, inline check, lesson page ?leeg=, quiz
# start / save / number / ?opgeslagen= / result, own certificate, the session cookie itself, and in /beheer the
# filters (van, tot, organisatie, module, versie, pagina) of the dashboard, module, questions, completions and both
# CSV exports, the users search (zoek, rol, pagina), a user's page (?melding=, id in the path), role change, reset
# attempts and certificate revocation (code in the path). Path parameters are marked with * in the URL.
# Each target runs `sqlmap --batch --dbms=SQLite --level L --risk R` (all techniques) with its session cookie,
# _csrf left alone (--skip; a session's token does not change while it lives), Set-Cookie ignored, a
# per-target time limit from --budget seconds for the whole scan, and every HTTP request logged (-t) to count them.
# Not scanned: /certificaten/<code> (30 lookups per minute per address: sqlmap would only see the 429 page; the
# same code lookup is scanned through the admin revoke path) and logout.
#
# Fails (exit 1) when sqlmap reports an injectable parameter (its "is vulnerable" / "injectable" lines, the
# injection points it stores in its output folder, its results CSV) or a target does not finish in its time
# (coverage incomplete); prints requests and findings per target and a summary line. Only 127.0.0.1 is contacted.
set -euo pipefail
ORIG_PWD="$PWD"  # relative paths in options and SAMENWIJZER_BIN are taken from here
SELF="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")"
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

LEVEL=3
RISK=2
TIME_SEC=2
BUDGET=840
THREADS=4
ONLY=""
KEEP=0
MODULES_DIR=""  # default: the repository's modules/
usage() { sed -n '2,7p' "$SELF" | sed 's/^# \{0,1\}//'; }
while [[ $# -gt 0 ]]; do
    case "$1" in
        --level) LEVEL="$2"; shift 2 ;;
        --risk) RISK="$2"; shift 2 ;;
        --time-sec) TIME_SEC="$2"; shift 2 ;;
        --budget) BUDGET="$2"; shift 2 ;;
        --threads) THREADS="$2"; shift 2 ;;
        --only) ONLY="$2"; shift 2 ;;
        --modules) MODULES_DIR="$2"; shift 2 ;;
        --keep) KEEP=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "sqlmap.sh: unknown option $1" >&2; usage >&2; exit 64 ;;
    esac
done

REL_NAME=sqlmap.sh
# shellcheck source=scripts/reliability/lib.sh
source scripts/reliability/lib.sh
use_modules_dir
for n in "$LEVEL" "$RISK" "$TIME_SEC" "$BUDGET"; do [[ "$n" =~ ^[0-9]+$ ]] || die "numeric options are whole numbers"; done
(( LEVEL >= 1 && LEVEL <= 5 && RISK >= 1 && RISK <= 3 )) || die "--level 1-5, --risk 1-3"

need_debs curl=curl python3=python3
# Default: the release binary when it is there (bcrypt in a debug build takes ~1 s per hash, which the register,
# login and password targets pay on many requests), else the debug one (built when missing).
if [[ -z "${SAMENWIJZER_BIN:-}" && -x .build/release/samenwijzer ]]; then SAMENWIJZER_BIN=.build/release/samenwijzer; fi
use_binary .build/debug/samenwijzer debug
trust_local_proxy  # register, login and password forms: sqlmap sends a random X-Forwarded-For (tamper)
ensure_venv with-requirements
SQLMAP="$ROOT/.venv-reliability/bin/sqlmap"
[[ -x "$SQLMAP" ]] || die "sqlmap not found in .venv-reliability after pip install"
log "$("$SQLMAP" --version 2>/dev/null | head -n 1 | sed 's/^/sqlmap /')"

# ---------------------------------------------------------------------------------------------------- data
DATA="$WORK/data"
mkdir -p "$DATA"; chmod 700 "$DATA"  # the server warns about a data folder others can read
ADMIN_EMAIL="beheer-sqlmap@example.org"
ADMIN_PASSWORD="$(head -c 18 /dev/urandom | base64 | tr -d '/+=')"
nice "$BIN" dev seed --learners 30 --months 2 --modules "$MODULES_DIR" --data "$DATA" >"$WORK/dev-seed.log" 2>&1 || { cat "$WORK/dev-seed.log" >&2; die "dev seed failed"; }
printf '%s\n' "$ADMIN_PASSWORD" | "$BIN" admin create --email "$ADMIN_EMAIL" --name "Bea Sqlmap" --data "$DATA" \
    >"$WORK/admin.log" 2>&1 || { cat "$WORK/admin.log" >&2; die "admin create failed"; }
start_server "$DATA"
python3 scripts/reliability/sqlmap_targets.py --base "$APP" --db "$DATA/samenwijzer.sqlite" \
    --admin-email "$ADMIN_EMAIL" --admin-password "$ADMIN_PASSWORD" --out "$WORK/targets.jsonl" >"$WORK/targets.json" \
    || die "preparing the targets failed"
log "targets: $(cat "$WORK/targets.json")"
# A registration that takes long means slow bcrypt (a debug build: ~10x the release build): then the register,
# login and password forms, which pay a hash on most requests, are scanned at level 1 so they fit the budget.
REGISTER_MS="$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1])).get("register_ms", 0))' "$WORK/targets.json")"
HEAVY_LEVEL=""
if (( REGISTER_MS > 250 )); then
    HEAVY_LEVEL=1
    log "a registration took $REGISTER_MS ms (slow bcrypt: a debug build?): register, login and password-change at level 1"
fi

# ---------------------------------------------------------------------------------------------------- scan
mapfile -t TARGETS <"$WORK/targets.jsonl"
# The time limit of a target is its share of what is left of --budget, weighted by its number of parameters.
weight() { python3 -c 'import json, sys; print(max(1, len(json.loads(sys.argv[1]).get("params") or [])))' "$1"; }
if [[ -n "$ONLY" ]]; then
    selected=()
    for t in "${TARGETS[@]}"; do
        name="$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["name"])' "$t")"
        [[ ",$ONLY," == *",$name,"* ]] && selected+=("$t")
    done
    TARGETS=("${selected[@]}")
fi
(( ${#TARGETS[@]} )) || die "no targets"
START=$SECONDS
fail=0
LINES=()
T_REQ=0; T_FOUND=0; T_TIMEOUT=0
for (( i = 0; i < ${#TARGETS[@]}; i++ )); do
    t="${TARGETS[$i]}"
    # name, url, data, cookie, params, level (one per line; empty when absent)
    mapfile -t F < <(python3 -c '
import json, sys
t = json.loads(sys.argv[1])
for k in ("name", "url", "data", "cookie"):
    print(t.get(k) or "")
print(",".join(t.get("params") or []))
print(t.get("level") or "")
print(t.get("ignore") or "")
print(t.get("tamper") or "")
print(t.get("eval") or "")
# A path target (* in the URL) tests only its marker: every body field is skipped.
import urllib.parse
print(",".join(["_csrf"] + ([k for k, _ in urllib.parse.parse_qsl(t.get("data") or "")] if not t.get("params") else [])))' "$t")
    name="${F[0]}"; url="${F[1]}"; data="${F[2]}"; cookie="${F[3]}"; params="${F[4]}"; lvl="${F[5]:-$LEVEL}"; ignore="${F[6]}"; tamper="${F[7]}"; evaluate="${F[8]}"; skip="${F[9]}"
    (( lvl <= LEVEL )) || lvl="$LEVEL"
    if [[ -n "$HEAVY_LEVEL" && " register login password-change " == *" $name "* ]]; then lvl="$HEAVY_LEVEL"; fi
    w_left=0
    for (( j = i; j < ${#TARGETS[@]}; j++ )); do w_left=$(( w_left + $(weight "${TARGETS[$j]}") )); done
    limit=$(( (BUDGET - (SECONDS - START)) * $(weight "$t") / w_left ))
    (( limit >= 20 )) || limit=20
    out="$WORK/sqlmap/$name"
    mkdir -p "$out"
    args=(-u "$url" --batch --dbms=SQLite --level "$lvl" --risk "$RISK" --time-sec "$TIME_SEC" --timeout 15 --retries 1
          --flush-session --output-dir "$out" -t "$out/traffic.txt" --results-file "$out/results.csv"
          --drop-set-cookie --skip "$skip" --disable-coloring --threads "$THREADS" --ignore-code "429${ignore:+,$ignore}")
    [[ -n "$data" ]] && args+=(--data "$data")
    [[ -n "$cookie" ]] && args+=(--cookie "sw_sessie=$cookie")
    [[ -n "$params" ]] && args+=(-p "$params")
    [[ -n "$tamper" && ${#SEED_XFF[@]} -gt 0 ]] && args+=(--tamper "$tamper")
    # Our own fixed snippet from sqlmap_targets.py (sqlmap asks for SQLMAP_UNSAFE_EVAL=1 before it runs --eval code).
    [[ -n "$evaluate" ]] && args+=(--eval "$evaluate")
    log "[$(( i + 1 ))/${#TARGETS[@]}] $name: level $lvl, ${params:-path * marker}, at most ${limit}s"
    rc=0
    T1=$SECONDS
    run_helper "$limit" "sqlmap $name" env ${evaluate:+SQLMAP_UNSAFE_EVAL=1} "$SQLMAP" "${args[@]}" >"$out/stdout.txt" 2>&1 || rc=$?
    secs=$(( SECONDS - T1 ))
    requests="$(grep -c '^HTTP request \[#' "$out/traffic.txt" 2>/dev/null || true)"
    requests="${requests:-0}"
    # Findings: sqlmap's own words, the injection points it stored, the results CSV.
    found="$(grep -E -i "identified the following injection point|is vulnerable\. Do you want|parameter '[^']*' is '.*' injectable" "$out/stdout.txt" \
        | head -n 5 || true)"
    hints="$(grep -c -E "might be injectable|appears to be '.*' injectable" "$out/stdout.txt" || true)"
    stored="$(find "$out" -name log -size +0 -print -quit 2>/dev/null || true)"
    csv_rows=0
    [[ -f "$out/results.csv" ]] && csv_rows="$(awk -F, 'NR > 1 && $3 != "" { n++ } END { print n + 0 }' "$out/results.csv")"
    status=clean
    if [[ -n "$found" || -n "$stored" || "$csv_rows" -gt 0 ]]; then
        status="INJECTABLE"; fail=1; T_FOUND=$(( T_FOUND + 1 ))
        log "$name: sqlmap reports an injection:"; printf '%s\n' "$found" >&2
        [[ -n "$stored" ]] && sed 's/^/    /' "$stored" >&2
    elif (( rc == 124 )); then
        status="TIMEOUT"; fail=1; T_TIMEOUT=$(( T_TIMEOUT + 1 ))
    elif (( rc != 0 )) || ! grep -q -E "do not appear to be injectable|does not seem to be injectable|not injectable" "$out/stdout.txt"; then
        status="ERROR(rc=$rc)"; fail=1
        log "$name: sqlmap ended without a verdict; its last lines:"; tail -n 8 "$out/stdout.txt" | sed 's/^/    /' >&2
    fi
    errors="$(grep -c -E 'HTTP error codes detected|connection (timed out|refused)|500 \(Internal Server Error\)' "$out/stdout.txt" || true)"
    T_REQ=$(( T_REQ + requests ))
    line="$(printf '%-26s %-10s %6s requests %4ss  params: %s' "$name" "$status" "$requests" "$secs" "${params:-path *}")"
    grep -q -E '500 \(Internal Server Error\)' "$out/stdout.txt" && line+="  (server answered 500 to some payloads)"
    [[ "$status" == clean && "${hints:-0}" -gt 0 ]] && line+="  ($hints heuristic hints, all discarded by sqlmap's confirmation)"
    LINES+=("$line")
    log "$line"
    kill -0 "$SERVER_PID" 2>/dev/null || die "the server died during sqlmap $name (log: $(tail -n 5 "$WORK/server.log" | tr '\n' ' '))"
done

# 500 answers in the server log would be payloads that reached an unexpected error: list them.
ERR500="$(grep -c -E 'Request failed' "$WORK/server.log" || true)"
echo
echo "=== sqlmap $("$SQLMAP" --version 2>/dev/null | head -n 1) against $BIN, $(date -u +%Y-%m-%dT%H:%M:%SZ), level $LEVEL risk $RISK time-sec $TIME_SEC, $(( SECONDS - START )) s"
printf '%s\n' "${LINES[@]}"
echo "server log: ${ERR500:-0} 'Request failed' lines (unexpected errors answered with 500)"
grep -E 'Request failed' "$WORK/server.log" | cut -c1-300 | sort | uniq -c | sort -rn | head -n 5 || true
verdict=PASS
(( fail == 0 )) || verdict=FAIL
echo "sqlmap: $verdict — ${#TARGETS[@]} targets, $T_REQ requests, $T_FOUND injectable, $T_TIMEOUT timed out"
exit "$fail"
