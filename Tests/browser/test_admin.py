"""The admin area in a real browser: axe-core (WCAG 2.2 AA) and the Nu HTML checker on every admin page type,
the filter form used like a person would, and the 403 a learner gets.

The administrator is made with the real command (`samenwijzer admin create`, password on standard input) and the
database gets a few hundred learners from `samenwijzer dev seed`, both against the running server's data folder,
so the dashboard has numbers, a chart, a funnel and item statistics to show.
"""

from __future__ import annotations

import json
import subprocess
import uuid
from pathlib import Path

import pytest
from selenium.webdriver.support.ui import Select

from conftest import BINARY, PASSWORD, REPO, Site, make_driver, unique_email
from test_accessibility import VNU_JAR, PageAudit, format_violations, run_axe

ADMIN_PAGES = {
    "dashboard": "/beheer",
    "dashboard with filter errors": "/beheer?van=2026-13-45&tot=gisteren",
    "module dashboard with funnel": "/beheer/modules/dementie",
    "item analysis": "/beheer/modules/dementie/vragen",
    "completions": "/beheer/voltooiingen?module=dementie",
    "users": "/beheer/gebruikers?zoek=de",
}


def samenwijzer(*arguments: str, input_text: str | None = None) -> str:
    result = subprocess.run([str(BINARY), *arguments], cwd=REPO, input=input_text, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"samenwijzer {' '.join(arguments)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.fixture(scope="module")
def admin_site(server):
    email = f"beheer-{uuid.uuid4().hex[:8]}@voorbeeld.nl"
    samenwijzer("dev", "seed", "--learners", "300", "--data", str(server.data_dir))
    samenwijzer("admin", "create", "--email", email, "--name", "Bea Beheer", "--data", str(server.data_dir),
                input_text=PASSWORD + "\n")
    driver = make_driver()
    site = Site(driver, server.url)
    try:
        site.log_in(email)
        yield site
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def audited(admin_site, tmp_path_factory) -> dict[str, PageAudit]:
    html_dir = tmp_path_factory.mktemp("admin-html")
    pages: dict[str, PageAudit] = {}
    for name, path in ADMIN_PAGES.items():
        admin_site.open(path)
        page = PageAudit(name, url=admin_site.path())
        page.violations = run_axe(admin_site)
        status, raw = admin_site.fetch(path)
        assert status == (400 if "errors" in name else 200), f"{path} answered {status}"
        page.html_file = html_dir / (name.replace(" ", "-") + ".html")
        page.html_file.write_text(raw, encoding="utf-8")
        pages[name] = page
    # One user's page (with attempts, a certificate and its revoke form), reached from the completions list.
    admin_site.open("/beheer/voltooiingen")
    admin_site.click(admin_site.find("main table tbody a"))
    assert admin_site.find_all("form.revoke-form textarea"), "A learner who completed should have a certificate to revoke"
    page = PageAudit("one user", url=admin_site.path())
    page.violations = run_axe(admin_site)
    page.html_file = html_dir / "one-user.html"
    page.html_file.write_text(admin_site.fetch(admin_site.path())[1], encoding="utf-8")
    pages["one user"] = page
    return pages


@pytest.mark.parametrize("name", [*ADMIN_PAGES, "one user"])
def test_axe_finds_no_wcag_violations_on_admin_pages(audited: dict[str, PageAudit], name: str):
    page = audited[name]
    assert not page.violations, format_violations(page)


def test_nu_html_checker_finds_no_errors_on_admin_pages(audited: dict[str, PageAudit]):
    files = [page.html_file for page in audited.values()]
    process = subprocess.run(["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, files)],
                             capture_output=True, text=True, timeout=300)
    output = (process.stderr or process.stdout).strip()
    try:
        messages = json.loads(output)["messages"] if output else []
    except json.JSONDecodeError:
        pytest.fail(f"The Nu checker did not answer JSON (exit {process.returncode}):\n{output[:3000]}")
    errors = [m for m in messages if m.get("type") in ("error", "non-document-error") or m.get("subType") == "fatal"]
    report = [f"{Path(m.get('url', '').removeprefix('file:')).name}:{m.get('lastLine', '?')}: {m.get('message')}\n"
              f"    {(m.get('extract') or '').strip()[:200]}" for m in errors]
    assert not errors, f"The Nu HTML checker found {len(errors)} error(s):\n" + "\n".join(report)
    assert process.returncode == 0, output[:3000]


def test_dashboard_shows_numbers_chart_and_its_table(admin_site: Site):
    admin_site.open("/beheer")
    assert admin_site.h1() == "Beheer: overzicht"
    assert int(admin_site.text(".stats div:nth-child(2) dd")) > 0, "Expected learners who started"
    svg = admin_site.find("svg.chart")
    assert svg.get_attribute("role") == "img" and svg.find_elements("css selector", "rect")
    rows = admin_site.find_all("table:has(#weken-tabel) tbody tr")
    assert rows, "The chart's numbers should be in a table too"


def test_filter_form_and_its_errors(admin_site: Site):
    admin_site.open("/beheer")
    organisation = admin_site.find("#organisatie")
    options = [o.text for o in organisation.find_elements("css selector", "option")][1:]
    assert options, "The seeded learners have organisations"
    Select(organisation).select_by_visible_text(options[0])
    admin_site.submit_form("main form.filter-form")
    assert "organisatie=" in admin_site.path() and admin_site.h1() == "Beheer: overzicht"
    assert admin_site.find("#organisatie option:checked").text == options[0]
    admin_site.open("/beheer?van=2026-02-30")
    summary = admin_site.find(".error-summary")
    assert "is geen datum" in summary.text
    link = summary.find_element("css selector", "a")
    assert link.get_attribute("href").endswith("#van")
    assert admin_site.find("#van").get_attribute("aria-invalid") == "true"


def test_revoking_needs_a_reason(admin_site: Site):
    admin_site.open("/beheer/voltooiingen")
    admin_site.click(admin_site.find("main table tbody a"))
    form = "main form.revoke-form"
    admin_site.submit_form(form)
    summary = admin_site.find(".error-summary")
    assert "Schrijf waarom" in summary.text
    field_id = summary.find_element("css selector", "a").get_attribute("href").rsplit("#", 1)[1]
    assert admin_site.find(f"#{field_id}").get_attribute("aria-invalid") == "true"
    admin_site.fill({field_id: "Dubbel geregistreerd"})
    admin_site.submit_form(f"main form.revoke-form:has(#{field_id})")
    assert "ingetrokken" in admin_site.text(".notice")
    assert "Dubbel geregistreerd" in admin_site.text("main")


def test_a_learner_gets_403_on_the_admin_area(server):
    driver = make_driver()
    try:
        site = Site(driver, server.url)
        site.register(email=unique_email())
        for path in ("/beheer", "/beheer/export/voltooiingen.csv"):
            status, body = site.fetch(path)
            assert status == 403 and "alleen voor beheerders" in body, f"{path} answered {status}"
    finally:
        driver.quit()
