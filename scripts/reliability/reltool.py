#!/usr/bin/env python3
"""HTTP and SQLite helper for scripts/reliability/durability.sh and full-disk.sh (standard library only).

Reuses benchmarks/quiz_seed.py (its keep-alive Client with the sw_sessie cookie, csrf_of, and the pools its `seed`
command writes: one line per learner, "attempt path TAB cookie TAB hand-in form body").

  reltool.py pages --base URL --module voorbeeld
      Prints the module's lesson page paths, one a line (from the public module overview).

  reltool.py fire --base URL --pool POOL.tsv --pages PAGES.txt --out ACKS.tsv --server-pid PID
                  [--workers 32] [--viewers 16] [--kill-at 0.5] [--kill-after 60] [--deadline 120] [--max-views 50000]
      Hand-ins and lesson page views from many learners at once (threads, one keep-alive connection each), and a
      SIGKILL of the server while they are in flight: once --kill-at of the pool's hand-ins got their 303 to
      .../resultaat (or after --kill-after seconds). Every hand-in worker opens a lesson page as its learner, then
      posts the learner's hand-in; the viewer threads keep opening random lesson pages as random learners of the
      pool. Writes ACKS.tsv: one line per hand-in that was sent, "outcome TAB path TAB cookie TAB detail"
      (outcome ack = its 303 to .../resultaat arrived before the kill; else error or status), then the form body.
      Prints one JSON line.

  reltool.py verify --base URL --acks ACKS.tsv --db DB
      Over HTTP, as each learner: every acknowledged hand-in's result page (200, "Resultaat poging N", every
      question answered) and, for those sent but not acknowledged, whether they were stored anyway or are still
      open (either is fine; half-way is not); an open one is then handed in again and must be stored now. Then
      PRAGMA integrity_check and a search for half-written attempts in the file (while the server runs: WAL readers
      do not disturb it). Prints one JSON line; exit 1 on a loss or any problem.
"""

import argparse
import concurrent.futures
import json
import os
import random
import re
import signal
import sqlite3
import sys
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "benchmarks"))
from quiz_seed import Client, Failure, csrf_of  # noqa: E402  (benchmarks/quiz_seed.py)

LESSON_RE = re.compile(r'href="(/modules/[a-z0-9-]+/lessen/[^"#?]+)"')


def local(base):
    url = urllib.parse.urlsplit(base)
    if url.hostname != "127.0.0.1":
        raise Failure("only 127.0.0.1 is contacted")
    return url.hostname, url.port


def read_pool(path):
    with open(path) as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip()]


# ------------------------------------------------------------------------------------------------------ pages
def pages(args):
    host, port = local(args.base)
    client = Client(host, port)
    status, _, page = client.request("GET", f"/modules/{args.module}")
    client.close()
    if status != 200:
        raise Failure(f"GET /modules/{args.module} answered {status}")
    found = list(dict.fromkeys(LESSON_RE.findall(page)))
    if not found:
        raise Failure(f"no lesson links on /modules/{args.module}")
    print("\n".join(found))


# ------------------------------------------------------------------------------------------------------ fire
def fire(args):
    sys.setswitchinterval(0.0005)  # many threads: let each get the GIL soon after its answer arrives
    host, port = local(args.base)
    pool = read_pool(args.pool)
    with open(args.pages) as f:
        lesson_pages = [line.strip() for line in f if line.strip()]
    all_cookies = [c for _, c, _ in read_pool(args.all_pool)] if args.all_pool else [c for _, c, _ in pool]
    lock = threading.Lock()
    stop = threading.Event()
    killed = threading.Event()
    next_index = [0]
    records = []  # (outcome, path, cookie, detail)
    n = {"sent": 0, "answered": 0, "acks": 0, "views_sent": 0, "views_ok": 0, "views_other": 0, "views_error": 0,
         "inflight_at_kill": 0, "acks_at_kill": 0}
    kill_target = max(1, int(len(pool) * args.kill_at))
    start = time.monotonic()

    kill_reason = [None]

    def kill_server(reason):
        try:
            os.kill(args.server_pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        kill_reason[0] = reason
        stop.set()  # no new hand-in after the kill; the ones in flight get their error

    def take():
        with lock:
            if stop.is_set() or next_index[0] >= len(pool):
                return None
            i = next_index[0]
            next_index[0] += 1
            return pool[i]

    def view(client, cookie, rng):
        with lock:
            if n["views_sent"] >= args.max_views:
                return
            n["views_sent"] += 1
        client.cookie = cookie
        try:
            status, _, _ = client.request("GET", rng.choice(lesson_pages), retry=False)
            key = "views_ok" if status == 200 else "views_other"
        except Exception:  # noqa: BLE001 — a refused or reset connection after the kill
            key = "views_error"
        with lock:
            n[key] += 1

    def handin_worker(k):
        rng = random.Random(k)
        client = Client(host, port)
        try:
            while True:
                item = take()
                if item is None:
                    return
                path, cookie, body = item
                for _ in range(args.views_per_handin):
                    view(client, cookie, rng)
                client.cookie = cookie
                with lock:
                    if stop.is_set():  # killed while this learner was reading: the hand-in is never sent
                        return
                    n["sent"] += 1
                try:
                    status, location = hand_in(client, path, cookie, body)
                    outcome, detail = ("ack" if is_acknowledged(status, location) else str(status)), location
                except Exception as error:  # noqa: BLE001
                    client.close()
                    outcome, detail = "error", type(error).__name__
                kill_now = False
                with lock:
                    n["answered"] += 1
                    if outcome == "ack":
                        n["acks"] += 1
                    records.append((outcome, path, cookie, detail, body))
                    if n["acks"] >= kill_target and not killed.is_set():
                        # The worker that got the kill_target-th acknowledgement kills at once: the other
                        # workers' hand-ins are in flight right now (not after the next poll of a monitor).
                        killed.set()
                        kill_now = True
                        n["inflight_at_kill"] = n["sent"] - n["answered"]
                        n["acks_at_kill"] = n["acks"]
                if kill_now:
                    kill_server(f"{kill_target} acknowledged")
        finally:
            client.close()

    def viewer(k):
        rng = random.Random(1000 + k)
        client = Client(host, port)
        try:
            while not stop.is_set() and time.monotonic() - start < args.deadline:
                with lock:
                    if n["views_sent"] >= args.max_views:
                        return
                view(client, rng.choice(all_cookies), rng)
                if killed.is_set():
                    time.sleep(0.05)
        finally:
            client.close()

    threads = [threading.Thread(target=handin_worker, args=(k,), daemon=True) for k in range(args.workers)]
    threads += [threading.Thread(target=viewer, args=(k,), daemon=True) for k in range(args.viewers)]
    for t in threads:
        t.start()
    while any(t.is_alive() for t in threads[:args.workers]):
        elapsed = time.monotonic() - start
        if not killed.is_set() and elapsed >= args.kill_after:
            with lock:
                killed.set()
                n["inflight_at_kill"] = n["sent"] - n["answered"]
                n["acks_at_kill"] = n["acks"]
            kill_server(f"after {args.kill_after:.0f} s")
        if elapsed >= args.deadline:
            break
        time.sleep(0.01)
    stop.set()
    for t in threads:
        t.join(timeout=max(1.0, args.deadline - (time.monotonic() - start)))
    if not killed.is_set():  # every hand-in was answered first: kill anyway, with nothing in flight
        killed.set()
        kill_server("after the last answer (nothing in flight)")
    with lock:
        snapshot = list(records)
        counts = dict(n)
    with open(args.out, "w") as out:
        for outcome, path, cookie, detail, body in snapshot:
            out.write(f"{outcome}\t{path}\t{cookie}\t{detail}\t{body}\n")
    outcomes = {}
    for outcome, *_ in snapshot:
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    counts.update({"pool": len(pool), "kill_target": kill_target, "kill_reason": kill_reason[0],
                   "seconds": round(time.monotonic() - start, 2), "outcomes": outcomes,
                   "unanswered_threads": sum(t.is_alive() for t in threads)})
    print(json.dumps(counts))


# ------------------------------------------------------------------------------------------------------ verify
REVIEW_RE = re.compile(r'<li class="review-item">')
NO_ANSWER = "<strong>Jouw antwoord:</strong> Geen antwoord"


def hand_in(client, path, cookie, body):
    """Posts a quiz hand-in as the learner with this session cookie; returns (status, Location)."""
    conn = client._connection()
    conn.request("POST", path, body=body, headers={
        "Cookie": "sw_sessie=" + cookie, "Content-Type": "application/x-www-form-urlencoded"})
    response = conn.getresponse()
    response.read()
    return response.status, response.getheader("Location") or ""


def is_acknowledged(status, location):
    """A hand-in is acknowledged by the 303 to its result page (sent only after the COMMIT)."""
    return status == 303 and location.endswith("/resultaat")


def check_one(host, port, path, cookie):
    """'submitted' (result page with every question answered), 'open' (redirect to the attempt), or a problem."""
    client = Client(host, port)
    client.cookie = cookie
    try:
        status, location, page = client.request("GET", path + "/resultaat")
        if status == 303 and (location or "").rstrip("/") == path:
            status2, _, page2 = client.request("GET", path)
            if status2 == 200 and 'class="quiz-form"' in page2:
                return "open", ""
            return "problem", f"redirected to the attempt, which answered {status2}"
        if status == 303 and (location or "").startswith("/inloggen"):
            return "problem", "session no longer valid (login page)"
        if status != 200:
            return "problem", f"result page answered {status} {location or ''}"
        number = path.rsplit("/", 1)[1]
        if f"Resultaat poging {number}" not in page:
            return "problem", "result page without its heading"
        items = len(REVIEW_RE.findall(page))
        if items == 0:
            return "problem", "result page lists no answers"
        if NO_ANSWER in page:
            return "problem", f"a question of the {items} has no stored answer (half-written?)"
        return "submitted", f"{items} answers"
    finally:
        client.close()


def db_checks(db_path):
    """integrity_check and half-written attempts; the file is opened while the server runs (WAL: a reader)."""
    db = sqlite3.connect(db_path, timeout=10)  # read only by use; the server keeps the WAL open
    try:
        integrity = "; ".join(r[0] for r in db.execute("PRAGMA integrity_check").fetchall())
        half = db.execute("""
            SELECT count(*) FROM quizAttempt a
            WHERE (a.submittedAt IS NOT NULL AND (a.points IS NULL OR a.percent IS NULL OR a.passed IS NULL
                    OR (SELECT count(*) FROM attemptAnswer x WHERE x.quizAttemptId = a.id)
                       < json_array_length(a.questionIds)))
               OR (a.submittedAt IS NULL AND (a.points IS NOT NULL OR a.percent IS NOT NULL))""").fetchone()[0]
        # The seeded learners never save without handing in: an open attempt with answers is a half-done hand-in.
        open_with_answers = db.execute("""
            SELECT count(*) FROM quizAttempt a WHERE a.submittedAt IS NULL
               AND EXISTS (SELECT 1 FROM attemptAnswer x WHERE x.quizAttemptId = a.id)""").fetchone()[0]
        submitted = db.execute("SELECT count(*) FROM quizAttempt WHERE submittedAt IS NOT NULL").fetchone()[0]
        open_ = db.execute("SELECT count(*) FROM quizAttempt WHERE submittedAt IS NULL").fetchone()[0]
        visits = db.execute("SELECT count(*) FROM pageVisit").fetchone()[0]
        users = db.execute('SELECT count(*) FROM "user"').fetchone()[0]
    finally:
        db.close()
    return {"integrity": integrity, "half_written": half, "open_with_answers": open_with_answers, "submitted_in_file": submitted, "open_in_file": open_,
            "page_visits_in_file": visits, "users_in_file": users}


def verify(args):
    host, port = local(args.base)
    with open(args.acks) as f:
        rows = [line.rstrip("\n").split("\t") for line in f if line.strip()]
    result = {"acknowledged": 0, "acknowledged_present": 0, "lost": 0, "unacknowledged": 0,
              "unacknowledged_stored": 0, "unacknowledged_open": 0, "open_handed_in_now": 0, "problems": []}
    still_open = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.workers) as ex:
        futures = {ex.submit(check_one, host, port, row[1], row[2]): row for row in rows}
        for future in concurrent.futures.as_completed(futures, timeout=300):
            row = futures[future]
            outcome, path = row[0], row[1]
            state, detail = future.result()
            if outcome == "ack":
                result["acknowledged"] += 1
                if state == "submitted":
                    result["acknowledged_present"] += 1
                else:
                    result["lost"] += 1
                    result["problems"].append(f"acknowledged {path}: {state} {detail}")
            else:
                result["unacknowledged"] += 1
                if state == "submitted":
                    result["unacknowledged_stored"] += 1
                elif state == "open":
                    result["unacknowledged_open"] += 1
                    if len(row) > 4 and row[4]:
                        still_open.append(row)
                else:
                    result["problems"].append(f"unacknowledged {path}: {state} {detail}")
    # A hand-in the crash interrupted left its attempt open: the learner can hand it in now.
    for _, path, cookie, _, body in still_open:
        client = Client(host, port)
        client.cookie = cookie
        try:
            status, location = hand_in(client, path, cookie, body)
            if is_acknowledged(status, location):
                state, detail = check_one(host, port, path, cookie)
                if state == "submitted":
                    result["open_handed_in_now"] += 1
                else:
                    result["problems"].append(f"open {path} handed in after the restart, then: {state} {detail}")
            else:
                result["problems"].append(f"open {path} handed in after the restart answered {status} {location}")
        finally:
            client.close()
    result.update(db_checks(args.db))
    result["problems"] = result["problems"][:20]
    print(json.dumps(result))
    ok = (result["lost"] == 0 and not result["problems"] and result["integrity"] == "ok"
          and result["half_written"] == 0 and result["open_with_answers"] == 0)
    sys.exit(0 if ok else 1)


def integrity(args):
    print(json.dumps(db_checks(args.db)))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("pages")
    p.add_argument("--base", required=True)
    p.add_argument("--module", default="voorbeeld")
    f = sub.add_parser("fire")
    f.add_argument("--base", required=True)
    f.add_argument("--pool", required=True)
    f.add_argument("--all-pool", default="", help="learners the page viewers pick from (default: --pool)")
    f.add_argument("--pages", required=True)
    f.add_argument("--out", required=True)
    f.add_argument("--server-pid", type=int, required=True)
    f.add_argument("--workers", type=int, default=32)
    f.add_argument("--viewers", type=int, default=16)
    f.add_argument("--views-per-handin", type=int, default=2, help="lesson pages a learner opens before handing in")
    f.add_argument("--kill-at", type=float, default=0.5)
    f.add_argument("--kill-after", type=float, default=60)
    f.add_argument("--deadline", type=float, default=120)
    f.add_argument("--max-views", type=int, default=50000)
    v = sub.add_parser("verify")
    v.add_argument("--base", required=True)
    v.add_argument("--acks", required=True)
    v.add_argument("--db", required=True)
    v.add_argument("--workers", type=int, default=8)
    i = sub.add_parser("integrity")
    i.add_argument("--db", required=True)
    args = parser.parse_args()
    try:
        {"pages": pages, "fire": fire, "verify": verify, "integrity": integrity}[args.command](args)
    except (Failure, OSError, sqlite3.Error, concurrent.futures.TimeoutError) as error:
        print(f"[reltool] ERROR: {type(error).__name__}: {error}", file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
