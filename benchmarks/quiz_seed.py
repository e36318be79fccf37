#!/usr/bin/env python3
"""Helper for benchmarks/quiz.sh (standard library only).

  quiz_seed.py seed --base http://127.0.0.1:PORT --out DIR --learners N [--warmup W] [--workers K] [--module voorbeeld]
      Registers W + N learners over HTTP (GET + POST /registreren, CSRF token, session cookie), starts attempt 1 of
      the module's quiz for each (POST .../toets/pogingen), reads that attempt's page once and builds a complete,
      valid submission for exactly the questions drawn for that attempt (random but valid answers, so grades vary).
      Writes DIR/pool-warmup.tsv and DIR/pool-measure.tsv, one line per learner: path TAB cookie TAB form body.
      Prints one JSON line with timings to stdout.

  quiz_seed.py warm --base http://127.0.0.1:PORT --out DIR [--workers K]
      Opens the attempt page of every learner in DIR/pool-*.tsv once (a server started on a cached seed then holds
      their sessions in memory, as after seeding). Prints one JSON line.

  quiz_seed.py raw --db SERVER.sqlite --snapshot SNAPSHOT.sqlite --work DIR --email-like 'qb-RUN-m%'
      Raw SQLite reference. Reads the rows samenwijzer wrote for the measured submissions (attempt columns and
      answer rows, in submission order) from SERVER.sqlite, then replays them into two fresh copies of SNAPSHOT
      (the server database as it was after seeding, before any submission: same schema, indexes, foreign keys,
      users and open attempts), each in WAL mode with synchronous = NORMAL and foreign keys on, like GRDB:
        spec:       one transaction per submission: 1 UPDATE of the attempt row (all columns, as GRDB's
                    record update does) + 1 INSERT per answer row (5 for voorbeeld);
        app-shaped: the statements the server runs per submission (AppDatabase.updateOpenAttempt: find the
                    attempt by learner, module and number, read the saved answers, an earlier pass and the pages
                    seen, upsert the answers, update the attempt's grade columns, queue it for the statistics),
                    one transaction per submission (the server shares transactions, see GroupCommit).
      Prints one JSON line with counts, seconds and transactions (submissions) per second.
"""

import argparse
import concurrent.futures
import html.parser
import http.client
import json
import os
import random
import re
import shutil
import sqlite3
import statistics
import sys
import threading
import time
import urllib.parse

TIMEOUT = 30  # seconds per HTTP request


class Failure(Exception):
    pass


# ------------------------------------------------------------------------------------------------------ HTTP
class Client:
    """One keep-alive connection to 127.0.0.1 with a manual cookie for sw_sessie."""

    def __init__(self, host, port):
        self.host, self.port = host, port
        self.conn = None
        self.cookie = None
        self.forwarded_for = None  # an X-Forwarded-For address (seed --forwarded-for)

    def _connection(self):
        if self.conn is None:
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=TIMEOUT)
        return self.conn

    def request(self, method, path, form=None, retry=True):
        headers = {}
        body = None
        if self.cookie:
            headers["Cookie"] = "sw_sessie=" + self.cookie
        if self.forwarded_for:
            headers["X-Forwarded-For"] = self.forwarded_for
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            conn = self._connection()
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            data = response.read()
        except (http.client.HTTPException, OSError):
            self.close()
            # Only a GET is repeated: repeating a POST could register twice or start twice.
            if retry and method == "GET":
                return self.request(method, path, form, retry=False)
            raise
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                match = re.match(r"\s*sw_sessie=([^;]*)", value)
                if match:
                    self.cookie = match.group(1)
        if response.getheader("Connection", "").lower() == "close":
            self.close()
        return response.status, response.getheader("Location"), data.decode("utf-8", "replace")

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None


CSRF_RE = re.compile(r'name="_csrf" value="([^"]*)"')


def csrf_of(page, what):
    match = CSRF_RE.search(page)
    if not match:
        raise Failure(f"no _csrf field on {what}")
    return match.group(1)


# ------------------------------------------------------------------------------------------------------ form
class QuizForm(html.parser.HTMLParser):
    """The fields of the attempt form: question ids, radios, checkboxes, selects and text inputs."""

    def __init__(self, action):
        super().__init__(convert_charrefs=True)
        self.action = action
        self.in_form = False
        self.questions = []
        self.radios, self.checkboxes, self.selects, self.texts = {}, {}, {}, []
        self.select = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("action") == self.action:
            self.in_form = True
        if not self.in_form:
            return
        if tag == "div" and (a.get("id") or "").startswith("vraag-"):
            self.questions.append(a["id"][len("vraag-"):])
        elif tag == "input":
            name, kind = a.get("name") or "", a.get("type") or "text"
            if not name.startswith("v-"):
                return
            if kind == "radio":
                self.radios.setdefault(name, []).append(a.get("value", ""))
            elif kind == "checkbox":
                self.checkboxes.setdefault(name, []).append(a.get("value", ""))
            elif kind == "text":
                self.texts.append(name)
        elif tag == "select" and (a.get("name") or "").startswith("v-"):
            self.select = a["name"]
            self.selects[self.select] = []
        elif tag == "option" and self.select is not None:
            if a.get("value"):
                self.selects[self.select].append(a["value"])

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "form":
            self.in_form = False


TEXT_ANSWERS = ["keukentafelgesprek", "keukentafel-gesprek", "mantelzorggesprek", "intakegesprek"]


def answers_for(page, action, rng):
    """Valid answers for every question of this attempt, and only for those. Returns (question ids, fields)."""
    form = QuizForm(action)
    form.feed(page)
    form.close()
    if not form.questions:
        raise Failure(f"no questions (id=\"vraag-…\") on {action}")
    fields = []
    for name, values in form.radios.items():
        fields.append((name, rng.choice(values)))
    for name, values in form.checkboxes.items():
        chosen = [v for v in values if rng.random() < 0.5] or [rng.choice(values)]
        fields.extend((name, v) for v in chosen)
    # Order questions: one position per item, a permutation per question. Match questions: any right-hand side.
    orders = {}
    for name, values in form.selects.items():
        if not values:
            raise Failure(f"select {name} without options on {action}")
        if "-positie-" in name:
            orders.setdefault(name.split("-positie-")[0], []).append((name, values))
        else:
            fields.append((name, rng.choice(values)))
    for rows in orders.values():
        positions = list(rows[0][1])
        rng.shuffle(positions)
        fields.extend((name, positions[i % len(positions)]) for i, (name, _) in enumerate(rows))
    for name in form.texts:
        fields.append((name, rng.choice(TEXT_ANSWERS)))
    # Only fields of drawn questions: a field of another question would be answered with 400.
    for name, _ in fields:
        if not any(name.startswith(f"v-{q}-") for q in form.questions):
            raise Failure(f"field {name} belongs to no question of {action}")
    answered = {q for q in form.questions if any(name.startswith(f"v-{q}-") for name, _ in fields)}
    if answered != set(form.questions):
        raise Failure(f"no input found for questions {sorted(set(form.questions) - answered)} on {action}")
    return form.questions, fields


# ------------------------------------------------------------------------------------------------------ seed
def seed_one(args, host, port, run, label, index):
    rng = random.Random(f"{run}-{label}-{index}")
    client = Client(host, port)
    if args.forwarded_for:  # one address per learner (198.18.0.0/15, a benchmarking range: only a header value)
        n = index + (0 if label == "m" else 1 << 16)
        client.forwarded_for = f"198.{18 + (n >> 16) % 2}.{(n >> 8) & 255}.{n & 255}"
    try:
        status, _, page = client.request("GET", "/registreren")
        if status != 200:
            raise Failure(f"GET /registreren answered {status}")
        password = f"benchmark-{run}-{index:06d}"
        email = f"qb-{run}-{label}{index:06d}@example.org"
        t0 = time.perf_counter()
        status, location, _ = client.request("POST", "/registreren", form=[
            ("_csrf", csrf_of(page, "/registreren")), ("naam", f"Toetsleerling {label}{index}"), ("email", email),
            ("organisatie", ""), ("wachtwoord", password), ("wachtwoord-herhaling", password)])
        register_ms = (time.perf_counter() - t0) * 1000
        if status != 303:
            raise Failure(f"POST /registreren for {email} answered {status}, expected 303")
        quiz = f"/modules/{args.module}/toets"
        status, _, page = client.request("GET", quiz)
        if status != 200:
            raise Failure(f"GET {quiz} answered {status}")
        status, location, _ = client.request("POST", quiz + "/pogingen", form=[("_csrf", csrf_of(page, quiz))])
        attempt = f"{quiz}/pogingen/1"
        if status != 303 or location != attempt:
            raise Failure(f"POST {quiz}/pogingen answered {status} to {location}, expected 303 to {attempt}")
        status, _, page = client.request("GET", attempt)
        if status != 200:
            raise Failure(f"GET {attempt} answered {status}")
        questions, fields = answers_for(page, attempt, rng)
        body = urllib.parse.urlencode(
            [("_csrf", csrf_of(page, attempt))] + fields + [("actie", "inleveren"), ("bevestigd", "ja")])
        if "\t" in body or "\n" in body or not client.cookie:
            raise Failure("unexpected tab/newline in body or no cookie")
        return attempt, client.cookie, body, len(questions), register_ms
    finally:
        client.close()


def seed(args):
    url = urllib.parse.urlsplit(args.base)
    if url.hostname != "127.0.0.1":
        raise Failure("only 127.0.0.1 is contacted")
    run = args.run or f"{os.getpid()}{random.randrange(1000, 9999)}"
    jobs = [("w", i) for i in range(args.warmup)] + [("m", i) for i in range(args.learners)]
    results = {}
    start = time.perf_counter()
    done = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.workers) as pool:
        futures = {pool.submit(seed_one, args, url.hostname, url.port, run, label, i): (label, i) for label, i in jobs}
        try:
            for future in concurrent.futures.as_completed(futures, timeout=args.deadline):
                results[futures[future]] = future.result()
                done += 1
                if done % 500 == 0:
                    rate = done / (time.perf_counter() - start)
                    print(f"[quiz_seed] {done}/{len(jobs)} learners seeded ({rate:.1f}/s)", file=sys.stderr, flush=True)
        except BaseException:
            for f in futures:
                f.cancel()
            raise
    seconds = time.perf_counter() - start
    for label, name in (("w", "pool-warmup.tsv"), ("m", "pool-measure.tsv")):
        with open(os.path.join(args.out, name), "w") as out:
            for key in sorted(k for k in results if k[0] == label):
                attempt, cookie, body, _, _ = results[key]
                out.write(f"{attempt}\t{cookie}\t{body}\n")
    counts = sorted({r[3] for r in results.values()})
    register = [r[4] for r in results.values()]
    print(json.dumps({
        "run": run, "learners": args.learners, "warmup": args.warmup, "workers": args.workers,
        "seconds": round(seconds, 2), "per_second": round(len(jobs) / seconds, 2),
        "register_ms_median": round(statistics.median(register), 1),
        "questions_per_attempt": counts,
    }))


# ------------------------------------------------------------------------------------------------------ warm
def warm_one(host, port, path, cookie):
    client = Client(host, port)
    client.cookie = cookie
    try:
        status, _, _ = client.request("GET", path)
        if status != 200:
            raise Failure(f"GET {path} answered {status} (session from the seed cache no longer valid?)")
    finally:
        client.close()


def warm(args):
    """Opens every pooled learner's attempt page once, as the learner does before posting it: a server started on a
    cached seed then has the sessions in memory, as after seeding."""
    url = urllib.parse.urlsplit(args.base)
    if url.hostname != "127.0.0.1":
        raise Failure("only 127.0.0.1 is contacted")
    lines = []
    for name in ("pool-warmup.tsv", "pool-measure.tsv"):
        with open(os.path.join(args.out, name)) as pool:
            lines += [line.rstrip("\n").split("\t") for line in pool if line.strip()]
    start = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.workers) as pool:
        for future in [pool.submit(warm_one, url.hostname, url.port, path, cookie) for path, cookie, _ in lines]:
            future.result(timeout=TIMEOUT)
    seconds = time.perf_counter() - start
    print(json.dumps({"learners": len(lines), "seconds": round(seconds, 2)}))


# ------------------------------------------------------------------------------------------------------ raw
def connect(path):
    db = sqlite3.connect(path, isolation_level=None, timeout=5)
    mode = db.execute("PRAGMA journal_mode=WAL").fetchone()[0]
    if mode.lower() != "wal":
        raise Failure(f"{path}: journal_mode is {mode}, not wal")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("PRAGMA foreign_keys=ON")
    return db


ATTEMPT_COLUMNS = ["userId", "moduleId", "moduleVersion", "quizId", "number", "seed", "questionIds", "startedAt",
                   "submittedAt", "points", "maxPoints", "percent", "passed"]
UPDATE_SQL = ("UPDATE quizAttempt SET " + ", ".join(f'"{c}" = ?' for c in ATTEMPT_COLUMNS) + ' WHERE "id" = ?')
INSERT_SQL = 'INSERT INTO attemptAnswer ("quizAttemptId", "questionId", "response", "savedAt", "fraction") VALUES (?, ?, ?, ?, ?)'
UPSERT_SQL = (INSERT_SQL + ' ON CONFLICT("quizAttemptId", "questionId") DO UPDATE SET '
              '"response" = excluded."response", "savedAt" = excluded."savedAt", "fraction" = excluded."fraction"')
SELECT_BY_NUMBER_SQL = 'SELECT * FROM quizAttempt WHERE "userId" = ? AND "moduleId" = ? AND "number" = ?'
SAVED_SQL = 'SELECT "questionId", "response" FROM attemptAnswer WHERE "quizAttemptId" = ?'
PASSED_SQL = 'SELECT EXISTS(SELECT 1 FROM quizAttempt WHERE "userId" = ? AND "moduleId" = ? AND "passed")'
SEEN_SQL = 'SELECT "pageId" FROM pageVisit WHERE "userId" = ? AND "moduleId" = ?'
SUBMIT_SQL = ('UPDATE quizAttempt SET "submittedAt" = ?, "points" = ?, "maxPoints" = ?, "percent" = ?, "passed" = ? '
              'WHERE "id" = ?')
QUEUE_SQL = 'INSERT OR IGNORE INTO statisticsQueue("quizAttemptId") VALUES (?)'


def raw(args):
    source = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    attempts = source.execute(
        'SELECT a."id", ' + ", ".join(f'a."{c}"' for c in ATTEMPT_COLUMNS) +
        ' FROM quizAttempt a JOIN "user" u ON u."id" = a."userId" '
        'WHERE u."email" LIKE ? AND a."submittedAt" IS NOT NULL ORDER BY a."submittedAt", a."id"',
        (args.email_like,)).fetchall()
    answers = {}
    for row in source.execute(
            'SELECT "quizAttemptId", "questionId", "response", "savedAt", "fraction" FROM attemptAnswer '
            'WHERE "quizAttemptId" IN (SELECT a."id" FROM quizAttempt a JOIN "user" u ON u."id" = a."userId" '
            'WHERE u."email" LIKE ? AND a."submittedAt" IS NOT NULL) ORDER BY "quizAttemptId", "questionId"',
            (args.email_like,)):
        answers.setdefault(row[0], []).append(row)
    source.close()
    if not attempts:
        raise Failure("no submitted attempts to replay")
    rows_per = sorted({len(answers.get(a[0], [])) for a in attempts})
    result = {"submissions": len(attempts), "answer_rows_per_submission": rows_per,
              "sqlite_version": sqlite3.sqlite_version}

    def replay(name, body):
        path = os.path.join(args.work, f"raw-{name}.sqlite")
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(path + suffix):
                os.remove(path + suffix)
        shutil.copyfile(args.snapshot, path)
        db = connect(path)
        open_before = db.execute(
            'SELECT count(*) FROM quizAttempt WHERE "id" IN (%s) AND "submittedAt" IS NULL'
            % ",".join(str(a[0]) for a in attempts)).fetchone()[0]
        if open_before != len(attempts):
            raise Failure(f"snapshot has {open_before} of {len(attempts)} attempts open; expected all")
        start = time.perf_counter()
        for attempt in attempts:
            body(db, attempt, answers.get(attempt[0], []))
        seconds = time.perf_counter() - start
        submitted = db.execute('SELECT count(*) FROM quizAttempt WHERE "submittedAt" IS NOT NULL AND "id" IN (%s)'
                               % ",".join(str(a[0]) for a in attempts)).fetchone()[0]
        db.close()
        if submitted != len(attempts):
            raise Failure(f"raw {name}: {submitted} submitted after replay, expected {len(attempts)}")
        result[name] = {"seconds": round(seconds, 4), "per_second": round(len(attempts) / seconds, 1)}

    def spec(db, attempt, rows):
        db.execute("BEGIN IMMEDIATE")
        db.execute(UPDATE_SQL, list(attempt[1:]) + [attempt[0]])
        db.executemany(INSERT_SQL, rows)
        db.execute("COMMIT")

    def app_shaped(db, attempt, rows):
        # The statements of one submission as AppDatabase.updateOpenAttempt runs them, each submission in a
        # transaction of its own (the server shares transactions between submissions: see GroupCommit).
        attempt_id, user_id, module_id, number = attempt[0], attempt[1], attempt[2], attempt[5]
        db.execute("BEGIN IMMEDIATE")
        db.execute(SELECT_BY_NUMBER_SQL, (user_id, module_id, number)).fetchone()
        db.execute(SAVED_SQL, (attempt_id,)).fetchall()
        db.execute(PASSED_SQL, (user_id, module_id)).fetchone()
        db.execute(SEEN_SQL, (user_id, module_id)).fetchall()
        db.executemany(UPSERT_SQL, rows)
        db.execute(SUBMIT_SQL, (attempt[9], attempt[10], attempt[11], attempt[12], attempt[13], attempt_id))
        db.execute(QUEUE_SQL, (attempt_id,))
        db.execute("COMMIT")

    replay("spec", spec)
    replay("app_shaped", app_shaped)
    print(json.dumps(result))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("seed")
    s.add_argument("--base", required=True)
    s.add_argument("--out", required=True)
    s.add_argument("--learners", type=int, required=True)
    s.add_argument("--warmup", type=int, default=0)
    s.add_argument("--workers", type=int, default=8)
    s.add_argument("--module", default="voorbeeld")
    s.add_argument("--run", default="")
    s.add_argument("--deadline", type=float, default=3600, help="seconds for the whole seeding")
    s.add_argument("--forwarded-for", action="store_true",
                   help="send each learner's requests with its own X-Forwarded-For address, so the server's limit of "
                        "30 registrations an hour per address is not reached (serve with --trusted-proxy 127.0.0.1)")
    w = sub.add_parser("warm")
    w.add_argument("--base", required=True)
    w.add_argument("--out", required=True)
    w.add_argument("--workers", type=int, default=8)
    r = sub.add_parser("raw")
    r.add_argument("--db", required=True)
    r.add_argument("--snapshot", required=True)
    r.add_argument("--work", required=True)
    r.add_argument("--email-like", required=True)
    args = parser.parse_args()
    try:
        {"seed": seed, "warm": warm, "raw": raw}[args.command](args)
    except (Failure, OSError, http.client.HTTPException, sqlite3.Error, concurrent.futures.TimeoutError) as error:
        print(f"[quiz_seed] ERROR: {type(error).__name__}: {error}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
