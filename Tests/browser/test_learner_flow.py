"""A learner's way through Samenwijzer in a real browser: account, reading, checks, resuming, keyboard use."""

from __future__ import annotations

import re

from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from conftest import PASSWORD, Site

MODULE = "voorbeeld"
MODULE_URL = f"/modules/{MODULE}"
PAGES = [  # the reading order of the voorbeeld module
    ("kennismaken", "tekst-en-opmaak", "Tekst en opmaak"),
    ("kennismaken", "beeld-en-geluid", "Beeld en geluid"),
    ("oefenen", "casus-en-kaders", "Casus en kaders"),
    ("oefenen", "oefenvragen", "Oefenvragen"),
]


def page_path(lesson: str, page: str) -> str:
    return f"{MODULE_URL}/lessen/{lesson}/{page}"


def progress_value(site: Site) -> int:
    return int(float(site.find("main progress").get_attribute("value")))


def test_learner_registers_reads_answers_and_resumes(site: Site):
    # Not logged in: the overview is public and invites to log in.
    site.open(MODULE_URL)
    assert site.h1() == "Voorbeeldmodule: zo werkt Samenwijzer"
    assert site.text("main a.button") == "Inloggen en starten"

    # Register a new learner.
    email = site.register(name="Sanne de Vries")

    # The module overview offers to start.
    site.open(MODULE_URL)
    start = site.find("main a.button")
    assert start.text.strip() == "Start de module"
    site.click(start)
    lesson, page, title = PAGES[0]
    assert site.path() == page_path(lesson, page)
    assert site.h1() == title

    # Walk the pages with "Volgende"; the progress bar goes up on every page.
    previous_percent = progress_value(site)
    assert previous_percent > 0, "The first page opened should already count as read"
    for index, (lesson, page, title) in enumerate(PAGES[1:], start=2):
        pager_next = [a for a in site.find_all("nav.pager a") if a.text.strip().startswith("Volgende")]
        assert pager_next, f"No 'Volgende' link in the pager on {site.path()}"
        site.click(pager_next[0])
        assert site.path() == page_path(lesson, page)
        assert site.h1() == title
        assert f"Pagina {index} van {len(PAGES)}" in site.text(".page-progress")
        percent = progress_value(site)
        assert percent > previous_percent, f"Progress did not go up on page {index}: {previous_percent} → {percent}"
        previous_percent = percent
    assert previous_percent == 100
    # The last page has no "Volgende" but a way back to the overview.
    pager = [a.text.strip() for a in site.find_all("nav.pager a")]
    assert not any(t.startswith("Volgende") for t in pager), pager
    assert any("Vorige" in t for t in pager), pager
    assert any(t.startswith("Klaar met lezen") for t in pager), pager

    # Answer an inline check: the page comes back with feedback next to the question.
    form = site.find("form.check#check-check-mantelzorg")
    assert not site.find_all("#check-check-mantelzorg .feedback")
    form.find_element("css selector", "input[type=radio][value=a]").click()
    site.click(form.find_element("css selector", "button[type=submit]"))
    assert site.path() == page_path("oefenen", "oefenvragen")
    feedback = site.find("#check-check-mantelzorg .feedback")
    assert "feedback-correct" in feedback.get_attribute("class")
    assert feedback.text.strip(), "The feedback is empty"
    assert "Wmo 2015" in feedback.text  # the explanation
    assert site.find("#check-check-mantelzorg input[value=a]").is_selected(), "The chosen answer should stay chosen"

    # A wrong answer on the other check gets 'incorrect' feedback.
    multiple = site.find("form.check#check-check-signalen")
    multiple.find_element("css selector", "input[type=checkbox][value=c]").click()
    site.click(multiple.find_element("css selector", "button[type=submit]"))
    feedback = site.find("#check-check-signalen .feedback")
    assert "feedback-incorrect" in feedback.get_attribute("class")
    assert "Kijk nog eens naar de signalen" in feedback.text

    # Submitting a check without an answer shows an error tied to the question.
    multiple = site.find("form.check#check-check-signalen")
    box = multiple.find_element("css selector", "input[type=checkbox][value=c]")
    if box.is_selected():
        box.click()
    site.click(multiple.find_element("css selector", "button[type=submit]"))
    error = site.find("#check-check-signalen .error-message")
    assert "Kies of typ eerst een antwoord" in error.text
    fieldset = site.find("#check-check-signalen fieldset")
    assert error.get_attribute("id") in (fieldset.get_attribute("aria-describedby") or "").split()

    # Go back one page: that becomes the last page opened.
    site.click_link("← Vorige", within="nav.pager")
    last_lesson, last_page, last_title = PAGES[2]
    assert site.path() == page_path(last_lesson, last_page)

    # Log out, log back in.
    site.log_out()
    site.open(page_path(last_lesson, last_page))
    assert site.path().startswith("/inloggen"), "A page view needs a login"
    site.log_in(email)

    # The overview says "Ga verder" and goes to the last page opened.
    site.open(MODULE_URL)
    resume = site.find("main a.button")
    assert resume.text.strip() == "Ga verder"
    assert "100%" in site.text(".start-box")
    site.click(resume)
    assert site.path() == page_path(last_lesson, last_page), "'Ga verder' should open the last page opened"
    assert site.h1() == last_title

    # "Mijn voortgang" (from the header menu) lists the module with its percentage.
    site.click_link("Mijn voortgang", within="header")
    assert site.path() == "/mijn-voortgang"
    rows = site.find_all("table.progress-table tbody tr")
    row = [r for r in rows if "Voorbeeldmodule" in r.text]
    assert row, f"The module is missing from Mijn voortgang: {[r.text for r in rows]}"
    cells = [c.text.strip() for c in row[0].find_elements("css selector", "th, td")]
    assert cells[0] == "Voorbeeldmodule: zo werkt Samenwijzer"
    assert cells[1] == "100%"
    assert row[0].find_element("css selector", "th a").get_attribute("href").endswith(MODULE_URL)
    site.click(row[0].find_element("css selector", "td a"))
    assert site.path() == page_path(last_lesson, last_page), "'Ga verder' in Mijn voortgang goes to the last page"


def test_page_view_needs_login_and_returns_after_login(site: Site):
    lesson, page, title = PAGES[1]
    email = site.register()
    site.log_out()
    site.open(page_path(lesson, page))
    assert site.path() == f"/inloggen?volgende={page_path(lesson, page)}"
    assert site.find("input[name=volgende]").get_attribute("value") == page_path(lesson, page)
    site.fill({"email": email, "wachtwoord": PASSWORD})
    site.submit_form()
    assert site.path() == page_path(lesson, page)
    assert site.h1() == title


def test_register_with_errors_shows_summary_linked_to_fields(site: Site):
    site.open("/registreren")
    site.fill({"naam": "Sanne", "email": "geen-e-mailadres", "wachtwoord": "kort", "wachtwoord-herhaling": "kort"})
    site.submit_form()
    assert site.path() == "/registreren"

    summary = site.find(".error-summary")
    assert summary.is_displayed()
    links = summary.find_elements("css selector", "a")
    targets = {link.get_attribute("href").split("#", 1)[1]: link.text.strip() for link in links}
    assert "email" in targets and "wachtwoord" in targets, f"Summary links: {targets}"
    for field_id, message in targets.items():
        assert message, f"Summary link to #{field_id} has no text"
        field = site.find(f"#{field_id}")
        assert field.tag_name == "input"
        assert field.get_attribute("aria-invalid") == "true", f"#{field_id} should have aria-invalid=true"
        error = site.find(f"#{field_id}-error")
        assert error.text.strip().endswith(message) or message in error.text
        assert f"{field_id}-error" in (field.get_attribute("aria-describedby") or "").split(), \
            f"#{field_id} should point to its message with aria-describedby"
    # Fields without a problem are not marked invalid, and keep what was typed (except passwords).
    naam = site.find("#naam")
    assert naam.get_attribute("aria-invalid") in (None, "false")
    assert naam.get_attribute("value") == "Sanne"
    assert site.find("#email").get_attribute("value") == "geen-e-mailadres"

    # Following a summary link moves to the field.
    summary.find_element("css selector", "a[href='#email']").click()
    assert site.driver.execute_script("return location.hash") == "#email"
    assert site.driver.execute_script(
        "return document.activeElement.id") == "email", "The summary link should move focus to the field"


def focus_is_visible(site: Site) -> bool:
    """The focused element shows an outline or a box-shadow ring (WCAG 2.4.7)."""
    return site.driver.execute_script("""
        const style = getComputedStyle(document.activeElement);
        const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
        return outline || style.boxShadow !== 'none';
    """)


def active(site: Site):
    return site.driver.switch_to.active_element


def test_skip_link_is_first_tab_stop_and_moves_to_main(site: Site):
    site.open("/")
    site.find("body").send_keys(Keys.TAB)
    link = active(site)
    assert link.tag_name == "a" and "skip-link" in link.get_attribute("class"), \
        f"First Tab stop is {link.tag_name} {link.get_attribute('outerHTML')[:120]}"
    assert link.text.strip() == "Naar de inhoud"
    assert link.get_attribute("href").endswith("#inhoud")
    # Visible when focused: inside the viewport, with a focus indicator.
    rect = site.driver.execute_script("return document.activeElement.getBoundingClientRect().toJSON()")
    assert rect["top"] >= 0 and rect["left"] >= 0 and rect["width"] > 0 and rect["height"] > 0, rect
    assert focus_is_visible(site)
    target = site.find("#inhoud")
    assert target.tag_name == "main"

    link.send_keys(Keys.ENTER)
    assert site.driver.execute_script("return location.hash") == "#inhoud"
    assert active(site).tag_name == "main", "After the skip link, focus should be on <main>"
    # The next Tab goes to the first link inside main, not back to the header.
    active(site).send_keys(Keys.TAB)
    assert site.driver.execute_script("return document.querySelector('main').contains(document.activeElement)")


def test_login_with_keyboard_only(site: Site):
    email = site.register()
    site.log_out()
    site.open("/inloggen")
    site.find("body").send_keys(Keys.TAB)
    stops = []
    for _ in range(30):
        element = active(site)
        stops.append(element.get_attribute("id") or element.tag_name)
        assert focus_is_visible(site), f"No visible focus on Tab stop {stops[-1]!r}"
        if element.get_attribute("id") == "email":
            break
        element.send_keys(Keys.TAB)
    else:
        raise AssertionError(f"Tab never reached the e-mail field: {stops}")
    active(site).send_keys(email)
    active(site).send_keys(Keys.TAB)
    assert active(site).get_attribute("id") == "wachtwoord"
    assert focus_is_visible(site)
    active(site).send_keys(PASSWORD)
    active(site).send_keys(Keys.TAB)
    button = active(site)
    assert button.tag_name == "button" and button.text.strip() == "Inloggen"
    assert focus_is_visible(site)
    site.wait_for_new_page(lambda: button.send_keys(Keys.ENTER))
    assert site.is_logged_in()
    assert site.path() == "/mijn-voortgang"

    # Log out with the keyboard too: Tab to the header button, press Enter.
    site.find("body").send_keys(Keys.TAB)
    for _ in range(10):
        element = active(site)
        if element.tag_name == "button" and element.text.strip().startswith("Uitloggen"):
            break
        element.send_keys(Keys.TAB)
    else:
        raise AssertionError("Tab never reached the 'Uitloggen' button")
    site.wait_for_new_page(lambda: element.send_keys(Keys.ENTER))
    assert not site.is_logged_in()


def test_check_can_be_answered_with_keyboard_only(site: Site):
    site.register()
    site.open(page_path("oefenen", "oefenvragen"))
    site.find("body").send_keys(Keys.TAB)
    for _ in range(40):
        element = active(site)
        if element.get_attribute("name") == "antwoord" and element.get_attribute("type") == "radio":
            break
        element.send_keys(Keys.TAB)
    else:
        raise AssertionError("Tab never reached the first check's answers")
    element.send_keys(Keys.SPACE)
    assert element.is_selected()
    active(site).send_keys(Keys.TAB)
    button = active(site)
    assert button.tag_name == "button" and "Controleer" in button.text
    site.wait_for_new_page(lambda: button.send_keys(Keys.ENTER))
    assert site.find("#check-check-mantelzorg .feedback").is_displayed()


def test_unknown_ids_give_404_page(site: Site):
    for path in ("/modules/bestaat-niet", f"{MODULE_URL}/woordenlijst-niet", "/modules/bestaat-niet/bronnen"):
        status, body = site.fetch(path)
        assert status == 404, f"{path} answered {status}"
        assert re.search(r"<h1>Pagina niet gevonden</h1>", body), body[:500]
    site.register()
    status, _ = site.fetch(f"{MODULE_URL}/lessen/kennismaken/bestaat-niet")
    assert status == 404
    site.open("/modules/bestaat-niet")
    assert site.h1() == "Pagina niet gevonden"
    assert site.find("main a[href='/']")


def test_stylesheet_is_served_and_applied(site: Site):
    status, css = site.fetch("/static/site.css")
    assert status == 200, f"/static/site.css answered {status}: the pages have no styling"
    assert ":focus-visible" in css
    site.open("/")
    applied = site.driver.execute_script(
        "return getComputedStyle(document.querySelector('.site-header')).backgroundColor")
    assert applied not in ("rgba(0, 0, 0, 0)", "transparent"), "The header has no background: site.css not applied"


def test_images_and_media_on_a_page_load(site: Site):
    site.register()
    site.open(page_path("kennismaken", "beeld-en-geluid"))
    images = site.find_all("main img")
    assert len(images) == 2, "The page has two images"
    for image in images:
        assert image.get_attribute("alt"), "Every image has alt text"
        site.driver.execute_script("arguments[0].scrollIntoView()", image)
    WebDriverWait(site.driver, 10).until(lambda d: d.execute_script(
        "return [...document.querySelectorAll('main img')].every(i => i.complete)"))
    broken = site.driver.execute_script(
        "return [...document.querySelectorAll('main img')].filter(i => !i.naturalWidth).map(i => i.src)")
    assert not broken, f"Images that did not load: {broken}"
    sources = site.driver.execute_script(
        "return [...document.querySelectorAll('main img, main video, main audio, main track, main video[poster]')]"
        ".flatMap(e => [e.getAttribute('src'), e.getAttribute('poster')]).filter(Boolean)")
    assert len(sources) >= 5, sources  # two images, video, its poster and captions, audio
    for source in sources:
        status, _ = site.fetch(source)
        assert status == 200, f"{source} answered {status}"
