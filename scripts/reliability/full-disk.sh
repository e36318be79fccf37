#!/usr/bin/env bash
# A full disk: the server's data folder is on a small file system that gets filled up while the server runs.
#
#   scripts/reliability/full-disk.sh [--size-mb 24] [--learners 40] [--module voorbeeld] [--modules DIR] [--keep]
#   SAMENWIJZER_BIN=.build/debug/samenwijzer scripts/reliability/full-disk.sh
#
# Binary: $SAMENWIJZER_BIN, else .build/release/samenwijzer, else .build/debug/samenwijzer, else it builds the
# release one. Needs root (or sudo) for the mount.
#
# Steps: make an ext4 image of --size-mb MB (mkfs.ext4 -m 0: no blocks reserved for root, so root's writes hit the
# limit too), loop-mount it (fallback: a tmpfs with size=; if neither mounts, the script stops and says so — a
# database size limit such as SQLite's max_page_count cannot be set from outside the server); start the server
# with its data folder on it; seed --learners learners over HTTP (benchmarks/quiz_seed.py). Then
# scripts/reliability/full_disk.py fills the file system with a filler file until ENOSPC and checks, over HTTP:
# quiz hand-ins and registrations get a 5xx HTML page in Dutch (not a hang, not a crash, not a 4xx or a success
# page for something not stored); the process stays alive; reads work (/healthz, catalog, module overview, a
# lesson page of a logged-in learner — one already seen and one never opened — and an attempt page); the file
# has no half-written attempt. Then it frees the space: the refused hand-ins, a registration and a first page
# visit must work again. Finally reltool.py verify checks every hand-in over HTTP (stored completely or still
# open) with PRAGMA integrity_check, and the server log must say why writes failed (a line about the full disk).
#
# Bounded: each request has a 30 s time-out, at most 40 writes while the disk is full, seeding has a time limit.
# Only 127.0.0.1 is contacted. Exit 0 only if every check passed; the last line is the summary.
set -euo pipefail
ORIG_PWD="$PWD"  # relative paths in options and SAMENWIJZER_BIN are taken from here
SELF="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")"
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

SIZE_MB=24
LEARNERS=40
MODULE=voorbeeld
KEEP=0
MODULES_DIR=""  # default: the repository's modules/
usage() { sed -n '2,8p' "$SELF" | sed 's/^# \{0,1\}//'; }
while [[ $# -gt 0 ]]; do
    case "$1" in
        --size-mb) SIZE_MB="$2"; shift 2 ;;
        --learners) LEARNERS="$2"; shift 2 ;;
        --module) MODULE="$2"; shift 2 ;;
        --modules) MODULES_DIR="$2"; shift 2 ;;
        --keep) KEEP=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "full-disk.sh: unknown option $1" >&2; usage >&2; exit 64 ;;
    esac
done

REL_NAME=full-disk.sh
# shellcheck source=scripts/reliability/lib.sh
source scripts/reliability/lib.sh
use_modules_dir

[[ "$SIZE_MB" =~ ^[0-9]+$ && "$LEARNERS" =~ ^[0-9]+$ ]] || die "--size-mb and --learners are whole numbers"
(( SIZE_MB >= 8 )) || die "--size-mb must be at least 8"
(( LEARNERS >= 30 )) || die "--learners must be at least 30"
[[ "$MODULE" =~ ^[a-z0-9-]+$ ]] || die "bad --module $MODULE"
need_debs curl=curl python3=python3 mkfs.ext4=e2fsprogs mount=mount
SUDO=""
[[ $EUID -eq 0 ]] || SUDO="sudo"

if [[ -z "${SAMENWIJZER_BIN:-}" ]]; then
    if [[ -x .build/release/samenwijzer ]]; then SAMENWIJZER_BIN=.build/release/samenwijzer
    elif [[ -x .build/debug/samenwijzer ]]; then SAMENWIJZER_BIN=.build/debug/samenwijzer; fi
fi
use_binary .build/release/samenwijzer release
trust_local_proxy

# ---------------------------------------------------------------------------------------------------- mount
MNT="$WORK/mnt"
mkdir -p "$MNT"
MOUNTED=""
unmount() {
    [[ -n "$MOUNTED" ]] || return 0
    $SUDO umount "$MNT" 2>/dev/null || { sleep 1; $SUDO umount -l "$MNT" 2>/dev/null; } || log "could not unmount $MNT"
}
CLEANUP_HOOKS+=(unmount)
truncate -s "${SIZE_MB}M" "$WORK/disk.img"
if mkfs.ext4 -q -F -m 0 "$WORK/disk.img" >/dev/null 2>&1 && $SUDO mount -o loop "$WORK/disk.img" "$MNT" 2>"$WORK/mount.err"; then
    MOUNTED="ext4 image of $SIZE_MB MB, loop-mounted"
elif $SUDO mount -t tmpfs -o "size=${SIZE_MB}m,mode=0700" tmpfs "$MNT" 2>>"$WORK/mount.err"; then
    MOUNTED="tmpfs size=${SIZE_MB}m (the loop mount failed: $(tr '\n' ' ' <"$WORK/mount.err"))"
else
    die "cannot mount a size-limited file system (loop ext4 and tmpfs both failed: $(tr '\n' ' ' <"$WORK/mount.err")). There is no fallback: a database size limit such as SQLite's max_page_count cannot be set from outside the server."
fi
$SUDO chown "$(id -u):$(id -g)" "$MNT"
log "data on $MNT: $MOUNTED ($(df -h --output=size,avail "$MNT" | tail -n 1 | tr -s ' '))"

# ---------------------------------------------------------------------------------------------------- server
DATA="$MNT/data"
DB="$DATA/samenwijzer.sqlite"
mkdir -p "$DATA"; chmod 700 "$DATA"  # the server warns about a data folder others can read
start_server "$DATA"
T0=$SECONDS
log "seeding $LEARNERS learners (bcrypt: slow)"
run_helper $(( LEARNERS + 120 )) seeding python3 benchmarks/quiz_seed.py seed --base "$APP" --out "$WORK" \
    --learners "$LEARNERS" --warmup 0 ${SEED_XFF[@]+"${SEED_XFF[@]}"} --workers 4 --module "$MODULE" --run "f$(date +%s)$$" \
    --deadline "$(( LEARNERS + 100 ))" >"$WORK/seed.json" || die "seeding failed"
log "seeded in $(( SECONDS - T0 )) s"
python3 scripts/reliability/reltool.py pages --base "$APP" --module "$MODULE" >"$WORK/pages.txt" || die "no lesson pages"
LOG_MARK="$(wc -l <"$WORK/server.log")"

# ---------------------------------------------------------------------------------------------------- full disk
log "filling $MNT and writing to the server"
rc=0
run_helper 600 "the full-disk checks" python3 scripts/reliability/full_disk.py --base "$APP" \
    --pool "$WORK/pool-measure.tsv" --pages "$WORK/pages.txt" --fill-dir "$MNT" --server-pid "$SERVER_PID" \
    --db "$DB" --out-acks "$WORK/acks.tsv" --run "$$" >"$WORK/report.json" || rc=$?
[[ -f "$MNT/filler" ]] && rm -f "$MNT/filler"
(( rc == 0 )) && [[ -s "$WORK/report.json" ]] || die "full_disk.py failed (exit $rc)"
ALIVE=1
kill -0 "$SERVER_PID" 2>/dev/null || ALIVE=0
VERIFY_RC=0
if (( ALIVE )); then
    run_helper 120 verification python3 scripts/reliability/reltool.py verify --base "$APP" --acks "$WORK/acks.tsv" \
        --db "$DB" >"$WORK/verify.json" || VERIFY_RC=$?
else
    echo '{}' >"$WORK/verify.json"
fi
tail -n +"$(( LOG_MARK + 1 ))" "$WORK/server.log" >"$WORK/server-during.log"
# A clean stop must still work after the disk was full.
STOP_RC=0
if (( ALIVE )); then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for (( i = 0; i < 150; i++ )); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$SERVER_PID" 2>/dev/null; then STOP_RC=hang; kill -KILL "$SERVER_PID"; fi
    rcw=0; wait "$SERVER_PID" 2>/dev/null || rcw=$?
    [[ "$STOP_RC" == hang ]] || STOP_RC=$rcw
    SERVER_PID=""
fi

# ---------------------------------------------------------------------------------------------------- report
python3 - "$WORK/report.json" "$WORK/verify.json" "$WORK/server-during.log" "$ALIVE" "$VERIFY_RC" "$STOP_RC" \
    "$MOUNTED" "$BIN" >"$WORK/summary.txt" <<'EOF' || true
import json, re, sys
report = json.load(open(sys.argv[1])); verify = json.load(open(sys.argv[2]))
log = open(sys.argv[3], errors="replace").read().splitlines()
alive, verify_rc, stop_rc, mounted, binary = sys.argv[4] == "1", int(sys.argv[5]), sys.argv[6], sys.argv[7], sys.argv[8]
problems = list(report["problems"])
def short(d):
    keys = ("kind", "status", "seconds", "retry_after", "h1", "message", "location", "error")
    return ", ".join(f"{k}={d[k]!r}" for k in keys if d.get(k) not in (None, ""))
print(f"=== full disk: {mounted}; binary {binary}")
print(f"fill: {report['fill']}; free after freeing: {report.get('free_bytes_after_freeing')}")
print(f"while full: hand-ins {report['handins_during_full']}, registrations {report['registrations_during_full']}")
def grouped(prefix, rows):
    counts, first = {}, {}
    for d in rows:
        key = (d["kind"], d["status"], d.get("h1"))
        counts[key] = counts.get(key, 0) + 1
        first.setdefault(key, d)
    for key, d in first.items():
        print(f"  {prefix} {counts[key]}x " + short(d))
grouped("write ", report["writes_during_full"])
for name, d in report.get("reads_during_full", {}).items():
    print(f"  read   {name}: " + short(d))
for name, d in report.get("other_requests_during_full", {}).items():
    print(f"  other  {name}: " + short(d) + "  (a write; reported, not required)")
print(f"  file while full: {report.get('file_during_full')}")
grouped("after ", report.get("after_freeing", []))
full_re = re.compile(r"full|SQLITE_FULL|no space|ENOSPC|error 13", re.I)
full_lines = [l for l in log if full_re.search(l)]
err_lines = [l for l in log if re.search(r"error|critical|fatal", l, re.I)]
print(f"server log after the fill: {len(log)} lines, {len(err_lines)} error lines, {len(full_lines)} naming the full disk")
shown = {}
for l in (full_lines or err_lines):  # one line per path, so the failing read's line shows too
    m = re.search(r"path=(\S+)", l)
    shown.setdefault(m.group(1) if m else l, l)
for l in list(shown.values())[:8]:
    print("  log: " + l[:400])
if not full_lines:
    problems.append("the server log has no line that says the disk is full (SQLITE_FULL / 'database or disk is full')")
if not alive:
    problems.append("the server process died")
    for l in log[-15:]:
        print("  last log: " + l[:400])
print(f"verify over HTTP: {json.dumps({k: v for k, v in verify.items() if k != 'problems'})}")
if verify_rc != 0 or verify.get("problems"):
    problems.append(f"verification failed: {verify.get('problems')}, integrity {verify.get('integrity')}, "
                    f"half-written {verify.get('half_written')}, open with answers {verify.get('open_with_answers')}")
if stop_rc not in ("0", "143"):
    problems.append(f"SIGTERM after the full disk: exit {stop_rc}")
print(f"clean stop (SIGTERM): exit {stop_rc}")
for p in problems:
    print("PROBLEM: " + p)
h = report["handins_during_full"]; r = report["registrations_during_full"]
first_err = next((d for d in report["writes_during_full"] if d["status"] != 303), {})
verdict = "PASS" if not problems else "FAIL"
print(f"full-disk: {verdict} — while full {h['refused']}/{h['sent']} hand-ins and {r['refused']}/{r['sent']} registrations "
      f"refused with {first_err.get('status')} '{first_err.get('h1', '')}', reads "
      f"{sum(d['status'] == 200 for d in report.get('reads_during_full', {}).values())}/{len(report.get('reads_during_full', {}))} ok, "
      f"server {'alive' if alive else 'DEAD'}, log line {'yes' if full_lines else 'NO'}, "
      f"integrity {verify.get('integrity')}, lost {verify.get('lost')}, half-written {verify.get('half_written')}, "
      f"{len(problems)} problem(s)")
EOF
cat "$WORK/summary.txt"
tail -n 1 "$WORK/summary.txt" | grep -q '^full-disk: PASS' || exit 1
