# Shared by scripts/reliability/*.sh. Set REL_NAME, then source this from the repository root (cwd = ROOT).
# Builds on benchmarks/lib.sh (log, die, stop_pid, free_port, start_server) and adds: the server binary from
# SAMENWIJZER_BIN, Debian packages installed only when missing, the Python venv .venv-reliability/, a work folder
# that is removed on exit, lower CPU priority, and stopping everything this script started.
ROOT="$(pwd)"
BENCH_NAME="$REL_NAME"
BUILD=0
# shellcheck source=benchmarks/lib.sh
source "$ROOT/benchmarks/lib.sh"
export LC_ALL=C.UTF-8 PYTHONUNBUFFERED=1

# The machine is shared: everything this script starts (server, clients, sqlmap) runs with lower priority.
renice -n 10 $$ >/dev/null 2>&1 || true

# need_debs command=package ...: installs the Debian packages of the commands that are missing (apt-get, as root or sudo).
need_debs() {
    local pair missing=() SUDO=""
    for pair in "$@"; do command -v "${pair%%=*}" >/dev/null 2>&1 || missing+=("${pair#*=}"); done
    (( ${#missing[@]} )) || return 0
    [[ $EUID -eq 0 ]] || SUDO="sudo"
    log "installing ${missing[*]} with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    if ! $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
        $SUDO apt-get update -qq >/dev/null
        $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || die "apt-get install ${missing[*]} failed"
    fi
    for pair in "$@"; do command -v "${pair%%=*}" >/dev/null 2>&1 || die "${pair%%=*} not found after installing ${pair#*=}"; done
}

# The venv .venv-reliability/ with scripts/reliability/requirements.txt (only when $1 = with-requirements).
# Sets PY (the venv's python). Python's venv module comes from Debian's python3-venv where python3 lacks it.
ensure_venv() {
    local venv="$ROOT/.venv-reliability"
    if [[ ! -x "$venv/bin/python" ]]; then
        python3 -c 'import venv, ensurepip' 2>/dev/null || need_debs_pkg python3-venv
        log "creating $venv"
        python3 -m venv "$venv" || die "python3 -m venv $venv failed"
    fi
    PY="$venv/bin/python"
    if [[ "${1:-}" == with-requirements ]]; then
        timeout 600 "$PY" -m pip install --quiet --disable-pip-version-check -r "$ROOT/scripts/reliability/requirements.txt" \
            || die "pip install -r scripts/reliability/requirements.txt failed"
    fi
}
need_debs_pkg() {
    local SUDO=""
    [[ $EUID -eq 0 ]] || SUDO="sudo"
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed" && return 0
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get install -y -qq --no-install-recommends "$1" >/dev/null 2>&1 \
        || { $SUDO apt-get update -qq >/dev/null; $SUDO apt-get install -y -qq --no-install-recommends "$1" >/dev/null; } \
        || die "apt-get install $1 failed"
}

# A path from the command line: absolute as given, else relative to where the script was started (ORIG_PWD).
from_caller() {
    if [[ "$1" == /* || -z "${ORIG_PWD:-}" ]]; then printf '%s\n' "$1"; else printf '%s\n' "$ORIG_PWD/$1"; fi
}

# use_binary default-path build-kind: BIN = $SAMENWIJZER_BIN or the default; builds the default (only that one,
# only when missing) with `swift build -c <kind>`.
use_binary() {
    local default="$1" kind="$2"
    if [[ -n "${SAMENWIJZER_BIN:-}" ]]; then
        BIN="$(from_caller "$SAMENWIJZER_BIN")"
        [[ -x "$BIN" ]] || BIN="$ROOT/$SAMENWIJZER_BIN"  # the defaults below are relative to the repository root
        BIN="$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")"
        [[ -x "$BIN" ]] || die "SAMENWIJZER_BIN=$SAMENWIJZER_BIN is not an executable"
    else
        BIN="$ROOT/$default"
        if [[ ! -x "$BIN" ]]; then
            log "$default missing: swift build -c $kind --product samenwijzer (takes a few minutes)"
            nice swift build -c "$kind" --product samenwijzer >&2 || die "swift build -c $kind failed"
        fi
        [[ -x "$BIN" ]] || die "$BIN not found after building"
    fi
    log "server binary: $BIN"
}

# A work folder removed on exit (KEEP=1 keeps it); CLEANUP_HOOKS run first (functions named in the array).
WORK="$(mktemp -d "${TMPDIR:-/tmp}/samenwijzer-$REL_NAME.XXXXXX")"
SERVER_PID=""; HELPER_PID=""
CLEANUP_HOOKS=()
KEEP="${KEEP:-0}"
rel_cleanup() {
    local status=$? hook
    trap - EXIT INT TERM
    stop_pid "$HELPER_PID" TERM 5
    stop_pid "$SERVER_PID" TERM 10
    for hook in ${CLEANUP_HOOKS[@]+"${CLEANUP_HOOKS[@]}"}; do "$hook" || true; done
    if (( KEEP )); then log "kept $WORK"; else rm -rf "$WORK"; fi
    exit "$status"
}
trap rel_cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# run_helper seconds description command...: a helper in the background (so the traps can stop it) with a time
# limit; its stdout goes to our stdout. Returns the helper's exit code (124 = out of time).
run_helper() {
    local limit="$1" what="$2" rc=0
    shift 2
    timeout --signal=TERM --kill-after=5 "$limit" "$@" &
    HELPER_PID=$!
    wait "$HELPER_PID" || rc=$?
    HELPER_PID=""
    (( rc != 124 )) || log "$what did not finish within $limit s"
    return "$rc"
}

# Kills the server with SIGKILL (a crash: no clean shutdown, no checkpoint) and keeps its log as server-N.log.
SERVER_RUNS=0
crash_server() {
    [[ -n "$SERVER_PID" ]] || return 0
    kill -KILL "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
    keep_server_log
}
keep_server_log() {
    SERVER_RUNS=$(( SERVER_RUNS + 1 ))
    [[ -f "$WORK/server.log" ]] && mv "$WORK/server.log" "$WORK/server-$SERVER_RUNS.log"
    return 0
}

# Serve with --trusted-proxy 127.0.0.1 (when the binary knows the option) so that requests from here may carry
# their own client address in X-Forwarded-For: benchmarks/quiz_seed.py seed --forwarded-for gives every seeded
# learner one, so seeding hundreds of learners does not hit the limit of 30 registrations an hour per address.
# Sets SEED_XFF (the seeder option, or nothing for an older binary).
SEED_XFF=()
trust_local_proxy() {
    if "$BIN" serve --help 2>/dev/null | grep -q -- '--trusted-proxy'; then
        SERVE_EXTRA_ARGS+=(--trusted-proxy 127.0.0.1)
        SEED_XFF=(--forwarded-for)
    fi
}

# Resolves --modules DIR (relative to where the caller stood; default: the repository's modules/) to an absolute
# folder and starts SERVE_EXTRA_ARGS with it.
use_modules_dir() {
    if [[ -n "$MODULES_DIR" ]]; then MODULES_DIR="$(from_caller "$MODULES_DIR")"; else MODULES_DIR="$ROOT/modules"; fi
    [[ -d "$MODULES_DIR" ]] || die "no modules folder $MODULES_DIR"
    MODULES_DIR="$(cd "$MODULES_DIR" && pwd)"
    SERVE_EXTRA_ARGS=(--modules "$MODULES_DIR")
}
