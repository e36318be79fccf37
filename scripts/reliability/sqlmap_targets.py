#!/usr/bin/env python3
"""Prepares the accounts and the list of targets for scripts/reliability/sqlmap.sh (standard library only;
reuses benchmarks/quiz_seed.py's Client, csrf_of and answers_for).

  sqlmap_targets.py --base URL --db DB --admin-email E --admin-password P --out TARGETS.jsonl [--module voorbeeld]

Over HTTP: registers three learners (L1 takes the quiz and the inline checks, L2 is the one whose password form is
tried, L3 is the account the admin forms change), logs the admin in (cookie sw_sessie), starts L1's quiz attempt,
reads the CSRF token (_csrf) of every form from its page, and builds for every form POST and every query parameter
a target line: {"name", "url", "data" (POST body or null), "cookie", "params" (the ones to inject, or null for the
URL's * markers), "level"}. From the file (read only): a certificate code and the organisation names that
`samenwijzer dev seed` made, so the filters get real values.

The CSRF token of a session does not change while the session lives (only at login or a password change), so the
tokens go into the bodies as they are and sqlmap is told to leave _csrf alone (--skip) and to ignore Set-Cookie.
"""

import argparse
import html.parser
import json
import os
import random
import re
import sqlite3
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "benchmarks"))
from quiz_seed import Client, Failure, answers_for, csrf_of  # noqa: E402

LESSON_RE = re.compile(r'href="(/modules/[a-z0-9-]+/lessen/[^"#?]+)"')


class CheckForms(html.parser.HTMLParser):
    """Inline check forms on a lesson page: action and one valid answer (first radio/checkbox, a text, ...)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms, self.current, self.select = [], None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and "check" in (a.get("class") or "").split():
            self.current = {"action": a.get("action"), "fields": {}}
        elif self.current is not None:
            name = a.get("name") or ""
            if tag == "input" and name and name != "_csrf":
                kind = a.get("type") or "text"
                if kind in ("radio", "checkbox"):
                    self.current["fields"].setdefault(name, a.get("value", ""))
                elif kind == "text":
                    self.current["fields"].setdefault(name, "mantelzorg")
            elif tag == "select" and name:
                self.select = name
            elif tag == "option" and self.select and a.get("value"):
                self.current["fields"].setdefault(self.select, a["value"])

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "form" and self.current is not None:
            self.forms.append(self.current)
            self.current = None


def register(host, port, email, password):
    client = Client(host, port)
    status, _, page = client.request("GET", "/registreren")
    if status != 200:
        raise Failure(f"GET /registreren answered {status}")
    status, location, _ = client.request("POST", "/registreren", form=[
        ("_csrf", csrf_of(page, "/registreren")), ("naam", "Sqlmap Leerling"), ("email", email), ("organisatie", ""),
        ("wachtwoord", password), ("wachtwoord-herhaling", password), ("volgende", "")])
    if status != 303:
        raise Failure(f"registering {email} answered {status}")
    return client


def login(host, port, email, password):
    client = Client(host, port)
    status, _, page = client.request("GET", "/inloggen")
    if status != 200:
        raise Failure(f"GET /inloggen answered {status}")
    status, location, _ = client.request("POST", "/inloggen", form=[
        ("_csrf", csrf_of(page, "/inloggen")), ("volgende", ""), ("email", email), ("wachtwoord", password)])
    if status != 303:
        raise Failure(f"login of {email} answered {status}")
    return client


def token(client, path):
    status, _, page = client.request("GET", path)
    if status != 200:
        raise Failure(f"GET {path} answered {status}")
    return csrf_of(page, path), page


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base", required=True)
    ap.add_argument("--db", required=True)
    ap.add_argument("--admin-email", required=True)
    ap.add_argument("--admin-password", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--module", default="voorbeeld")
    ap.add_argument("--run", default=str(os.getpid()))
    args = ap.parse_args()
    url = urllib.parse.urlsplit(args.base)
    if url.hostname != "127.0.0.1":
        raise Failure("only 127.0.0.1 is contacted")
    host, port, base, m = url.hostname, url.port, args.base.rstrip("/"), args.module
    enc = urllib.parse.urlencode

    password = f"sqlmap-wachtwoord-{args.run}"
    emails = {k: f"sqlmap-{args.run}-{k}@example.org" for k in ("l1", "l2", "l3")}
    t0 = time.monotonic()
    l1 = register(host, port, emails["l1"], password)
    l2 = register(host, port, emails["l2"], password)
    register(host, port, emails["l3"], password).close()
    register_ms = round((time.monotonic() - t0) * 1000 / 3)  # one bcrypt hash each: tells a debug build apart
    admin = login(host, port, args.admin_email, args.admin_password)

    db = sqlite3.connect(args.db, timeout=10)
    l3_id = db.execute('SELECT id FROM "user" WHERE email = ?', (emails["l3"],)).fetchone()[0]
    # A made-up learner of `dev seed` (password dev-wachtwoord-2026) with a certificate: its own certificate page
    # is a 200 to compare payloads against (for anyone else the same path is a 404).
    row = db.execute('SELECT u.email, c.code FROM certificate c JOIN "user" u ON u.id = c.userId '
                     "WHERE u.email LIKE '%@dev.voorbeeld.nl' ORDER BY c.id LIMIT 1").fetchone()
    if not row:
        raise Failure("dev seed made no certificate")
    owner_email, code = row
    row = db.execute("SELECT organisation FROM \"user\" WHERE organisation IS NOT NULL AND organisation != '' "
                     "GROUP BY organisation ORDER BY count(*) DESC LIMIT 1").fetchone()
    organisation = row[0] if row else ""
    row = db.execute("SELECT moduleVersion FROM quizAttempt WHERE moduleId = ? LIMIT 1", (m,)).fetchone()
    version = row[0] if row else ""
    db.close()

    targets = []

    def add(name, path, data=None, cookie=None, params=None, level=None, ignore=None, tamper=None, evaluate=None):
        targets.append({"name": name, "url": base + path, "data": enc(data) if data is not None else None,
                        "cookie": cookie, "params": params, "level": level, "ignore": ignore, "tamper": tamper,
                        "eval": evaluate})

    # ---------------------------------------------------------------- anonymous forms (signed anonymous session)
    anon = Client(host, port)
    t, _ = token(anon, "/registreren")
    add("register", "/registreren", [("_csrf", t), ("naam", "Test Persoon"), ("email", emails["l1"]),
        ("organisatie", "Zorg Thuis"), ("wachtwoord", password), ("wachtwoord-herhaling", password),
        ("volgende", "/")], anon.cookie, ["naam", "email", "organisatie", "wachtwoord", "wachtwoord-herhaling", "volgende"],
        tamper="xforwardedfor")  # a random client address per request: otherwise 429 after 30 registrations
    t, _ = token(anon, "/inloggen")
    add("login", "/inloggen", [("_csrf", t), ("volgende", "/"), ("email", emails["l1"]),
        ("wachtwoord", "fout-wachtwoord-123")], anon.cookie, ["email", "wachtwoord", "volgende"],
        tamper="xforwardedfor",  # otherwise 429 after 20 failed logins from one address
        # A fresh account per request, the payload kept: from an account's 5th failure every login waits 1-30 s.
        evaluate='import random; email = email.replace("@example.org", "-%d@example.org" % random.randrange(10**12), 1)')
    add("login-form-query", "/inloggen?" + enc([("volgende", "/mijn-voortgang")]), None, anon.cookie, ["volgende"])
    add("register-form-query", "/registreren?" + enc([("volgende", "/mijn-voortgang")]), None, anon.cookie, ["volgende"])
    add("certificate-lookup", "/certificaten?" + enc([("code", code)]), None, None, ["code"])

    # ---------------------------------------------------------------- learner L1
    t, _ = token(l2, "/account/wachtwoord")
    add("password-change", "/account/wachtwoord", [("_csrf", t), ("huidig-wachtwoord", "niet-het-wachtwoord-1"),
        ("nieuw-wachtwoord", "een-nieuw-wachtwoord-2"), ("nieuw-wachtwoord-herhaling", "een-nieuw-wachtwoord-2")],
        l2.cookie, ["huidig-wachtwoord", "nieuw-wachtwoord", "nieuw-wachtwoord-herhaling"],
        level=2, tamper="xforwardedfor")  # every request checks the current password with bcrypt
    status, _, overview = l1.request("GET", f"/modules/{m}")
    pages = list(dict.fromkeys(LESSON_RE.findall(overview)))
    if status != 200 or not pages:
        raise Failure(f"no lesson pages on /modules/{m}")
    check = None
    for page_path in pages:
        status, _, page = l1.request("GET", page_path)
        parser = CheckForms()
        parser.feed(page)
        forms = [f for f in parser.forms if f["fields"]]
        if forms:
            check = (page_path, forms[0], csrf_of(page, page_path))
            break
    if check is None:
        raise Failure(f"no inline check form in module {m}")
    page_path, form, t = check
    add("inline-check", form["action"], [("_csrf", t)] + list(form["fields"].items()), l1.cookie, list(form["fields"]))
    add("lesson-page-query", page_path + "?" + enc([("leeg", form["action"].rsplit("/", 1)[1])]), None, l1.cookie, ["leeg"])
    t, _ = token(l1, f"/modules/{m}/toets")
    status, location, _ = l1.request("POST", f"/modules/{m}/toets/pogingen", form=[("_csrf", t)])
    attempt = f"/modules/{m}/toets/pogingen/1"
    if status != 303 or location != attempt:
        raise Failure(f"starting the attempt answered {status} {location}")
    add("quiz-start", f"/modules/{m}*/toets/pogingen", [("_csrf", t)], l1.cookie, None, level=1)
    status, _, page = l1.request("GET", attempt)
    questions, fields = answers_for(page, attempt, random.Random(1))
    t = csrf_of(page, attempt)
    names = list(dict.fromkeys(n for n, _ in fields))
    add("quiz-attempt-save", attempt, [("_csrf", t)] + fields + [("actie", "opslaan")], l1.cookie, names + ["actie"],
        level=2)  # ten fields, each refused with 400 unless it names a real choice: level 2 fits the time
    add("quiz-attempt-number", f"/modules/{m}/toets/pogingen/1*", [("_csrf", t), ("actie", "opslaan")],
        l1.cookie, None, level=1)
    add("quiz-attempt-query", attempt + "?" + enc([("opgeslagen", "1")]), None, l1.cookie, ["opgeslagen"])
    add("quiz-confirm-result-path", f"/modules/{m}/toets/pogingen/1*/resultaat", None, l1.cookie, None, level=1)
    # dev seed's codes are not in the verifiable format, so the owner's page is a 404 too (a code that does not
    # parse never reaches the database): sqlmap is told to go on after the 404 (time- and error-based still count).
    owner = login(host, port, owner_email, "dev-wachtwoord-2026")
    add("my-certificate-path", f"/mijn-certificaten/{code}*", None, owner.cookie, None, level=1, ignore="404")
    add("session-cookie", "/mijn-voortgang", None, l1.cookie, ["sw_sessie"], level=2)

    # ---------------------------------------------------------------- admin
    filt = [("van", "2026-01-01"), ("tot", "2026-12-31"), ("organisatie", organisation)]
    filt_m = filt + [("module", m), ("versie", version)]
    add("admin-dashboard", "/beheer?" + enc(filt_m), None, admin.cookie, ["van", "tot", "organisatie", "module", "versie"])
    add("admin-module", f"/beheer/modules/{m}?" + enc(filt), None, admin.cookie, ["van", "tot", "organisatie"])
    add("admin-questions", f"/beheer/modules/{m}/vragen?" + enc(filt), None, admin.cookie, ["van", "tot", "organisatie"])
    add("admin-completions", "/beheer/voltooiingen?" + enc(filt_m + [("pagina", "1")]), None, admin.cookie,
        ["van", "tot", "organisatie", "module", "versie", "pagina"])
    add("admin-completions-export", "/beheer/export/voltooiingen.csv?" + enc(filt_m), None, admin.cookie,
        ["van", "tot", "organisatie", "module", "versie"])
    add("admin-questions-export", f"/beheer/export/modules/{m}/vragen.csv?" + enc(filt), None, admin.cookie,
        ["van", "tot", "organisatie"])
    add("admin-users-search", "/beheer/gebruikers?" + enc([("zoek", "sqlmap"), ("rol", "learner"), ("pagina", "1")]),
        None, admin.cookie, ["zoek", "rol", "pagina"])
    add("admin-user-page", f"/beheer/gebruikers/{l3_id}?" + enc([("melding", "rol")]), None, admin.cookie, ["melding"])
    add("admin-user-id-path", f"/beheer/gebruikers/{l3_id}*", None, admin.cookie, None, level=1)
    t, _ = token(admin, f"/beheer/gebruikers/{l3_id}")
    add("admin-user-role", f"/beheer/gebruikers/{l3_id}/rol", [("_csrf", t), ("rol", "author")], admin.cookie, ["rol"])
    add("admin-user-role-id-path", f"/beheer/gebruikers/{l3_id}*/rol", [("_csrf", t), ("rol", "learner")],
        admin.cookie, None, level=1)
    add("admin-user-reset", f"/beheer/gebruikers/{l3_id}/pogingen-wissen", [("_csrf", t), ("module", m)],
        admin.cookie, ["module"])
    add("admin-revoke", f"/beheer/certificaten/{code}/intrekken", [("_csrf", t), ("reden", "Test van sqlmap")],
        admin.cookie, ["reden"])
    add("admin-revoke-code-path", f"/beheer/certificaten/{code}*/intrekken", [("_csrf", t), ("reden", "Test")],
        admin.cookie, None, level=1)

    # The bcrypt-bound forms last: each request of theirs costs a password hash, and a target's time limit is its
    # share of what the faster targets before it left of the budget.
    heavy = ("register", "login", "password-change")
    targets.sort(key=lambda t: heavy.index(t["name"]) + 1 if t["name"] in heavy else 0)
    with open(args.out, "w") as out:
        for target in targets:
            out.write(json.dumps(target) + "\n")
    print(json.dumps({"targets": len(targets), "certificate": code, "organisation": organisation,
                      "version": version, "l3_id": l3_id, "certificate_owner": owner_email, "register_ms": register_ms, "quiz_questions": len(questions)}))


if __name__ == "__main__":
    try:
        main()
    except (Failure, OSError, sqlite3.Error) as error:
        print(f"[sqlmap_targets] ERROR: {type(error).__name__}: {error}", file=sys.stderr)
        sys.exit(1)
