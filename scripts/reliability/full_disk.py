#!/usr/bin/env python3
"""The HTTP side of scripts/reliability/full-disk.sh (standard library only; reuses benchmarks/quiz_seed.py's
Client and reltool.py's checks).

  full_disk.py --base URL --pool POOL.tsv --pages PAGES.txt --fill-dir DIR --server-pid PID --db DB
               --out-acks ACKS.tsv [--max-writes 40]

Phases, each request with a 30 s time-out (longer counts as a hang):
  before   learner A opens a lesson page (its resume point from now on); register forms are fetched for later.
  fill     DIR/filler grows until the file system answers ENOSPC (1 MiB, then 4 KiB writes), fsync'd.
  full     quiz hand-ins (each its own seeded learner) and registrations, alternately, until at least 2 of each
           failed (or --max-writes), then 8 hand-ins at once (one group-commit batch); every answer must be a
           success (303) or a 5xx HTML page in Dutch.
           Then the reads: /healthz, the catalog, the module overview, A's resume page (no write), a page learner
           B never opened (a first visit writes progress), B's attempt page; and the register form and a login
           (writes: reported, not required). The file must have no half-written attempt.
  free     DIR/filler is removed.
  after    the failed hand-ins are posted again, a new registration and B's unseen page: all must work now.
Writes ACKS.tsv for `reltool.py verify` (final outcome of every hand-in) and prints one JSON report; the
verdict is the shell script's.
"""

import argparse
import concurrent.futures
import errno
import html
import json
import os
import re
import sys
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "benchmarks"))
sys.path.insert(0, HERE)
from quiz_seed import Client, Failure, csrf_of  # noqa: E402
from reltool import db_checks, local, read_pool  # noqa: E402

TITLE_RE = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
P_RE = re.compile(r"<main.*?<p[^>]*>(.*?)</p>", re.S)
TAG_RE = re.compile(r"<[^>]+>")


def text(fragment):
    return html.unescape(TAG_RE.sub("", fragment or "")).strip()


def describe(status, headers, body, seconds):
    title = TITLE_RE.search(body)
    para = P_RE.search(body)
    return {"status": status, "seconds": round(seconds, 3), "content_type": headers.get("content-type", ""),
            "lang_nl": '<html lang="nl"' in body, "h1": text(title.group(1)) if title else "",
            "message": text(para.group(1))[:300] if para else "", "location": headers.get("location", ""),
            "retry_after": headers.get("retry-after", "")}


def call(client, method, path, form=None):
    """One request on the client's connection; returns a description (status 0 = no answer)."""
    headers = {}
    if client.cookie:
        headers["Cookie"] = "sw_sessie=" + client.cookie
    body = None
    if form is not None:
        body = form if isinstance(form, str) else urllib.parse.urlencode(form)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    t0 = time.monotonic()
    try:
        conn = client._connection()
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        data = response.read().decode("utf-8", "replace")
    except Exception as error:  # noqa: BLE001 — a time-out (hang) or a closed connection (crash)
        client.close()
        return {"status": 0, "seconds": round(time.monotonic() - t0, 3), "error": f"{type(error).__name__}: {error}"}, ""
    hdrs = {k.lower(): v for k, v in response.getheaders()}
    for name, value in response.getheaders():
        if name.lower() == "set-cookie":
            m = re.match(r"\s*sw_sessie=([^;]*)", value)
            if m:
                client.cookie = m.group(1)
    return describe(response.status, hdrs, data, time.monotonic() - t0), data


def is_good_error(d):
    return (500 <= d.get("status", 0) <= 599 and d.get("content_type", "").startswith("text/html")
            and d.get("lang_nl") and bool(d.get("h1")))


def fill(directory):
    path = os.path.join(directory, "filler")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    written = 0
    try:
        for size in (1 << 20, 4096, 512):
            chunk = b"\0" * size
            while True:
                try:
                    written += os.write(fd, chunk)
                except OSError as e:
                    if e.errno in (errno.ENOSPC, errno.EDQUOT):
                        break
                    raise
        try:
            os.fsync(fd)
        except OSError:
            pass
    finally:
        os.close(fd)
    st = os.statvfs(directory)
    return {"filler_bytes": written, "free_bytes_after_fill": st.f_bavail * st.f_frsize}


def register_form(host, port):
    client = Client(host, port)
    status, _, page = client.request("GET", "/registreren")
    if status != 200:
        raise Failure(f"GET /registreren answered {status}")
    return client, csrf_of(page, "/registreren")


def registration(client, token, email):
    password = "volle-schijf-2026"
    return call(client, "POST", "/registreren", [
        ("_csrf", token), ("naam", "Schijf Vol"), ("email", email), ("organisatie", ""),
        ("wachtwoord", password), ("wachtwoord-herhaling", password)])[0]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base", required=True)
    ap.add_argument("--pool", required=True)
    ap.add_argument("--pages", required=True)
    ap.add_argument("--fill-dir", required=True)
    ap.add_argument("--server-pid", type=int, required=True)
    ap.add_argument("--db", required=True)
    ap.add_argument("--out-acks", required=True)
    ap.add_argument("--max-writes", type=int, default=40)
    ap.add_argument("--run", default=str(os.getpid()))
    args = ap.parse_args()
    host, port = local(args.base)
    pool = read_pool(args.pool)
    with open(args.pages) as f:
        lesson_pages = [line.strip() for line in f if line.strip()]
    if len(pool) < args.max_writes // 2 + 12 or len(lesson_pages) < 3:
        raise Failure("need more seeded learners or lesson pages")
    a_path, a_cookie, _ = pool[0]
    b_path, b_cookie, _ = pool[1]
    handins = pool[2:]
    report = {"problems": []}
    problems = report["problems"]

    def alive():
        try:
            os.kill(args.server_pid, 0)
            return True
        except ProcessLookupError:
            return False

    # ------------------------------------------------------------------------------------------ before
    a = Client(host, port)
    a.cookie = a_cookie
    d, _ = call(a, "GET", lesson_pages[0])
    if d["status"] != 200:
        raise Failure(f"before filling: {lesson_pages[0]} answered {d}")
    forms = [register_form(host, port) for _ in range(args.max_writes // 2 + 2)]

    # ------------------------------------------------------------------------------------------ fill
    report["fill"] = fill(args.fill_dir)

    # ------------------------------------------------------------------------------------------ full
    writes = []
    failed_handins = []
    outcomes = {}  # (attempt path, cookie) -> outcome: every learner has its own attempt 1 at the same path
    hi = ri = 0
    h_fail = r_fail = 0
    for k in range(args.max_writes):
        if h_fail >= 2 and r_fail >= 2:
            break
        if k % 2 == 0 and hi < len(handins):
            path, cookie, body = handins[hi]
            hi += 1
            c = Client(host, port)
            c.cookie = cookie
            d, _ = call(c, "POST", path, body)
            c.close()
            d.update(kind="hand-in", path=path)
            if d["status"] == 303 and d["location"].endswith("/resultaat"):
                outcomes[(path, cookie)] = "ack"
            else:
                outcomes[(path, cookie)] = str(d["status"])
                failed_handins.append((path, cookie, body))
                h_fail += 1
        else:
            client, token = forms[ri] if ri < len(forms) else register_form(host, port)
            email = f"vol-{args.run}-{ri}@example.org"
            ri += 1
            d = registration(client, token, email)
            client.close()
            d.update(kind="registration", email=email)
            if d["status"] != 303:
                r_fail += 1
        writes.append(d)
        if d["status"] == 0 or d["seconds"] >= 29:
            problems.append(f"full disk: {d['kind']} got no answer within 30 s (hang or crash): {d}")
            break
        if d["status"] not in (303,) and not is_good_error(d):
            problems.append(f"full disk: {d['kind']} answered without a clear 5xx Dutch error page: {d}")
        if not alive():
            problems.append(f"full disk: the server process died after a {d['kind']}")
            break
    # Hand-ins at the same moment share one transaction (GroupCommit): when SQLite abandons it, every learner of
    # the batch must get the error and nothing of the batch may be stored (checked by verify and the file checks).
    batch = handins[hi:hi + 8]
    hi += len(batch)

    def post(item):
        path, cookie, body = item
        c = Client(host, port)
        c.cookie = cookie
        try:
            return item, call(c, "POST", path, body)[0]
        finally:
            c.close()

    with concurrent.futures.ThreadPoolExecutor(max_workers=len(batch) or 1) as ex:
        for (path, cookie, body), d in ex.map(post, batch):
            d.update(kind="hand-in (8 at once)", path=path)
            writes.append(d)
            if d["status"] == 303 and d["location"].endswith("/resultaat"):
                outcomes[(path, cookie)] = "ack"
            else:
                outcomes[(path, cookie)] = str(d["status"])
                failed_handins.append((path, cookie, body))
                h_fail += 1
                if d["status"] == 0 or d["seconds"] >= 29:
                    problems.append(f"full disk: a concurrent hand-in got no answer within 30 s: {d}")
                elif not is_good_error(d):
                    problems.append(f"full disk: a concurrent hand-in answered without a clear 5xx Dutch error page: {d}")
    report["writes_during_full"] = writes
    report["handins_during_full"] = {"sent": hi, "stored": hi - h_fail, "refused": h_fail}
    report["registrations_during_full"] = {"sent": ri, "refused": r_fail}
    if h_fail == 0:
        problems.append(f"full disk: all {hi} hand-ins were stored: the disk never refused a write (fill: {report['fill']})")
    if r_fail == 0:
        problems.append(f"full disk: all {ri} registrations succeeded: the disk never refused one")

    reads = {}
    if alive():
        anon = Client(host, port)
        reads["/healthz"] = call(anon, "GET", "/healthz")[0]
        reads["/ (catalog)"] = call(anon, "GET", "/")[0]
        reads["module overview"] = call(anon, "GET", lesson_pages[0].split("/lessen/")[0])[0]
        reads["A: resume page (seen, no write)"] = call(a, "GET", lesson_pages[0])[0]
        b = Client(host, port)
        b.cookie = b_cookie
        reads["B: lesson page never seen (first visit)"] = call(b, "GET", lesson_pages[1])[0]
        reads["B: own open attempt page"] = call(b, "GET", b_path)[0]
        for name, d in reads.items():
            if d["status"] != 200:
                problems.append(f"full disk: read '{name}' answered {d}")
        # Saving answers without handing in is a write too: it must fail as clearly (and store nothing).
        save_body = pool[1][2].replace("actie=inleveren", "actie=opslaan")
        d, _ = call(b, "POST", b_path, save_body)
        d.update(kind="quiz answers save (opslaan)", path=b_path)
        writes.append(d)
        if d["status"] == 303:
            problems.append("full disk: B's answers were saved (303) although hand-ins failed: check the file")
        elif not is_good_error(d):
            problems.append(f"full disk: saving answers answered without a clear 5xx Dutch error page: {d}")
        info = {}
        info["GET /registreren"] = call(anon, "GET", "/registreren")[0]
        lc = Client(host, port)
        status, _, page = lc.request("GET", "/inloggen")
        if status == 200:
            info["POST /inloggen (wrong password)"] = call(lc, "POST", "/inloggen", [
                ("_csrf", csrf_of(page, "/inloggen")), ("volgende", ""), ("email", "niemand@example.org"),
                ("wachtwoord", "fout-wachtwoord-1")])[0]
        else:
            info["GET /inloggen"] = {"status": status}
        lc.close()
        anon.close()
        report["other_requests_during_full"] = info
    report["reads_during_full"] = reads
    try:
        report["file_during_full"] = db_checks(args.db)
    except Exception as error:  # noqa: BLE001
        report["file_during_full"] = {"error": str(error)}
    fd = report["file_during_full"]
    if fd.get("integrity") != "ok" or fd.get("half_written") != 0 or fd.get("open_with_answers") != 0:
        problems.append(f"full disk: the file has a problem: {fd}")

    # ------------------------------------------------------------------------------------------ free
    os.remove(os.path.join(args.fill_dir, "filler"))
    os.sync()
    st = os.statvfs(args.fill_dir)
    report["free_bytes_after_freeing"] = st.f_bavail * st.f_frsize
    time.sleep(1)

    # ------------------------------------------------------------------------------------------ after
    after = []
    if alive():
        for path, cookie, body in failed_handins:
            c = Client(host, port)
            c.cookie = cookie
            d, _ = call(c, "POST", path, body)
            c.close()
            d.update(kind="hand-in again", path=path)
            after.append(d)
            if d["status"] == 303 and d["location"].endswith("/resultaat"):
                outcomes[(path, cookie)] = "ack"
            else:
                problems.append(f"after freeing: hand-in again {path} answered {d}")
        client, token = register_form(host, port)
        d = registration(client, token, f"vol-{args.run}-na@example.org")
        client.close()
        d.update(kind="registration")
        after.append(d)
        if d["status"] != 303:
            problems.append(f"after freeing: registration answered {d}")
        b = Client(host, port)
        b.cookie = b_cookie
        d = call(b, "GET", lesson_pages[2])[0]
        d.update(kind="lesson page never seen")
        after.append(d)
        if d["status"] != 200:
            problems.append(f"after freeing: B's unseen page {lesson_pages[2]} answered {d}")
    else:
        problems.append("the server process is gone")
    report["after_freeing"] = after
    with open(args.out_acks, "w") as out:
        for (path, cookie), outcome in outcomes.items():
            out.write(f"{outcome}\t{path}\t{cookie}\tfull-disk\n")
    print(json.dumps(report, ensure_ascii=False))


if __name__ == "__main__":
    try:
        main()
    except (Failure, OSError) as error:
        print(f"[full_disk] ERROR: {type(error).__name__}: {error}", file=sys.stderr)
        sys.exit(2)
