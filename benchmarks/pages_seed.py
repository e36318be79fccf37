#!/usr/bin/env python3
"""Helper for benchmarks/pages.sh (standard library only; reuses quiz_seed.py's HTTP client).

  pages_seed.py --base http://127.0.0.1:PORT --module dementie --modules-dir modules

Makes, over HTTP, the learners every learner-facing page type needs, and prints one JSON object with each page's
path and the session cookie it is fetched with (none for visitor pages):
  reader   registered, has read the first lesson page: logged-in module overview, lesson page, quiz start;
  trying   has attempt 1 open: the attempt page;
  passed   read every page and passed attempt 1 (answers from the module's own answer key, module.xml): the
           result page, and the certificate that completion issued, whose public verification page is measured.
Each learner registers from its own X-Forwarded-For address (the server trusts 127.0.0.1: serve --trusted-proxy),
so the registration limit per client does not apply. Only 127.0.0.1 is contacted.
"""

import argparse
import json
import os
import re
import sys
import urllib.parse
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from quiz_seed import Client, Failure, csrf_of  # noqa: E402

NS = {"m": "urn:samenwijzer:module:1"}


def answer_key(modules_dir, module):
    """Question id -> form fields (name suffix after v-<id>-, value) of the right answer, from module.xml."""
    root = ET.parse(os.path.join(modules_dir, module, "module.xml")).getroot()
    quiz = root.find("m:quiz", NS)
    if quiz is None:
        raise Failure(f"module {module} has no quiz")
    key = {}
    for question in quiz.findall("m:question", NS):
        qid, kind = question.get("id"), question.get("type")
        if kind in ("single", "truefalse", "multiple"):
            key[qid] = [("antwoord", c.get("id")) for c in question.findall("m:choice", NS) if c.get("correct") == "true"]
        elif kind == "match":
            key[qid] = [(f"koppel-{p.get('id')}", p.get("id")) for p in question.findall("m:pair", NS)]
        elif kind == "order":
            key[qid] = [(f"positie-{i.get('id')}", str(n + 1)) for n, i in enumerate(question.findall("m:item", NS))]
        else:
            raise Failure(f"question {qid}: type {kind} has no fixed right answer; pick a module without it")
    return key


def register(base, label, number):
    url = urllib.parse.urlsplit(base)
    if url.hostname != "127.0.0.1":
        raise Failure("only 127.0.0.1 is contacted")
    client = Client(url.hostname, url.port)
    client.forwarded_for = f"198.18.7.{number}"  # a benchmarking range, only ever a header value
    status, _, page = client.request("GET", "/registreren")
    if status != 200:
        raise Failure(f"GET /registreren answered {status}")
    password = f"pagina-benchmark-{os.getpid()}"
    status, _, _ = client.request("POST", "/registreren", form=[
        ("_csrf", csrf_of(page, "/registreren")), ("naam", f"Paginaleerling {label.capitalize()}"),
        ("email", f"pages-{os.getpid()}-{label}@example.org"), ("organisatie", ""), ("wachtwoord", password),
        ("wachtwoord-herhaling", password)])
    if status != 303:
        raise Failure(f"POST /registreren ({label}) answered {status}")
    return client


def get(client, path):
    status, location, page = client.request("GET", path)
    if status != 200:
        raise Failure(f"GET {path} answered {status} {location or ''}")
    return page


def start_attempt(client, module):
    quiz = f"/modules/{module}/toets"
    page = get(client, quiz)
    status, location, _ = client.request("POST", quiz + "/pogingen", form=[("_csrf", csrf_of(page, quiz))])
    if status != 303 or not location or not location.startswith(quiz + "/pogingen/"):
        raise Failure(f"POST {quiz}/pogingen answered {status} to {location}")
    return location


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--module", default="dementie")
    parser.add_argument("--modules-dir", default="modules")
    args = parser.parse_args()
    module = args.module
    overview = f"/modules/{module}"

    # Lesson pages in reading order, from the overview's links.
    url = urllib.parse.urlsplit(args.base)
    visitor_overview = Client(url.hostname, url.port)
    status, _, page = visitor_overview.request("GET", overview)
    visitor_overview.close()
    if status != 200:
        raise Failure(f"GET {overview} answered {status}")
    pages = list(dict.fromkeys(re.findall(rf'href="({re.escape(overview)}/lessen/[^/"#?]+/[^/"#?]+)"', page)))
    if not pages:
        raise Failure(f"no lesson links on {overview}")

    reader = register(args.base, "reader", 1)
    lesson = None
    for path in pages:  # the first page without an inline check, as benchmarks/serve.sh picks it
        if "/oefenvragen/" not in get(reader, path):
            lesson = path
            break
    if lesson is None:
        raise Failure(f"every lesson page of {module} has an inline check")

    trying = register(args.base, "trying", 2)
    attempt = start_attempt(trying, module)
    get(trying, attempt)

    passed = register(args.base, "passed", 3)
    for path in pages:
        get(passed, path)
    key = answer_key(args.modules_dir, module)
    mine = start_attempt(passed, module)
    form_page = get(passed, mine)
    drawn = list(dict.fromkeys(re.findall(r'id="vraag-([^"]+)"', form_page)))
    if not drawn:
        raise Failure(f"no questions on {mine}")
    fields = [("_csrf", csrf_of(form_page, mine))]
    for qid in drawn:
        fields += [(f"v-{qid}-{suffix}", value) for suffix, value in key[qid]]
    fields += [("actie", "inleveren"), ("bevestigd", "ja")]
    status, location, _ = passed.request("POST", mine, form=fields)
    if status != 303 or location != mine + "/resultaat":
        raise Failure(f"submitting {mine} answered {status} to {location}")
    result_page = get(passed, location)
    certificates = get(passed, "/mijn-certificaten")
    codes = re.findall(r'href="/mijn-certificaten/(SW-[A-Z0-9-]+)"', certificates)
    if not codes:
        raise Failure(f"no certificate after passing (result page says: {re.sub(r'<[^>]+>', ' ', result_page)[:300]!r})")

    print(json.dumps({
        "catalog": "/", "overview": overview, "glossary": f"{overview}/woordenlijst", "sources": f"{overview}/bronnen",
        "lesson": lesson, "quiz": f"/modules/{module}/toets", "attempt": attempt, "result": location,
        "verification": f"/certificaten/{codes[0]}",
        "cookies": {"reader": reader.cookie, "trying": trying.cookie, "passed": passed.cookie},
    }))
    for client in (reader, trying, passed):
        client.close()


if __name__ == "__main__":
    try:
        main()
    except Failure as failure:
        print(f"pages_seed.py: {failure}", file=sys.stderr)
        sys.exit(1)
