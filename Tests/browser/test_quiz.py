"""The final quiz in a real browser: fail and retry, save and resume, open questions, keyboard-only, privacy.

The right (and wrong) answers are not written into the tests: they are computed from the voorbeeld module's XML
(modules/voorbeeld/module.xml) for whichever questions an attempt draws (5 of 6, shuffled), read from the
`#vraag-<id>` anchors on the attempt page.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from functools import cache

from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import REPO, Site, unique_email
from test_learner_flow import PAGES, active, focus_is_visible, page_path

MODULE = "voorbeeld"
MODULE_URL = f"/modules/{MODULE}"
QUIZ_URL = f"{MODULE_URL}/toets"
MODULE_XML = REPO / "modules" / MODULE / "module.xml"
NS = {"m": "urn:samenwijzer:module:1"}

CHOICE_KINDS = ("single", "multiple", "truefalse")
SELECT_KINDS = ("match", "order")


def attempt_url(number: int) -> str:
    return f"{QUIZ_URL}/pogingen/{number}"


def result_url(number: int) -> str:
    return f"{attempt_url(number)}/resultaat"


# ----------------------------------------------------------------------------------- the quiz from the module XML


@dataclass
class QuizQuestion:
    id: str
    kind: str
    prompt: str
    choices: list[tuple[str, bool]] = field(default_factory=list)  # (choice id, correct)
    pairs: list[tuple[str, str, str]] = field(default_factory=list)  # (pair id, left, right)
    items: list[str] = field(default_factory=list)  # item ids in the right order
    accepted: list[str] = field(default_factory=list)

    @property
    def prefix(self) -> str:
        return f"v-{self.id}-"


def _text(element: ET.Element | None) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


@cache
def quiz_questions() -> dict[str, QuizQuestion]:
    """The voorbeeld quiz's question pool by id, with the answer keys."""
    quiz = ET.parse(MODULE_XML).getroot().find("m:quiz", NS)
    assert quiz is not None, f"No <quiz> in {MODULE_XML}"
    questions = {}
    for q in quiz.findall("m:question", NS):
        question = QuizQuestion(id=q.get("id"), kind=q.get("type"), prompt=_text(q.find("m:prompt", NS)))
        question.choices = [(c.get("id"), c.get("correct") == "true") for c in q.findall("m:choice", NS)]
        question.pairs = [(p.get("id"), _text(p.find("m:left", NS)), _text(p.find("m:right", NS)))
                          for p in q.findall("m:pair", NS)]
        question.items = [i.get("id") for i in q.findall("m:item", NS)]
        question.accepted = [_text(a) for a in q.findall("m:accept", NS)]
        questions[question.id] = question
    return questions


# Answers as form fields: field name → the values to choose (several only for checkboxes).
Answers = dict[str, list[str]]


def answers_for(question: QuizQuestion, right: bool) -> Answers:
    """The right answer, or a completely wrong one (no partial credit), as form fields."""
    p = question.prefix
    if question.kind in CHOICE_KINDS:
        chosen = [cid for cid, correct in question.choices if correct == right]
        if question.kind != "multiple":
            chosen = chosen[:1]
        return {p + "antwoord": chosen}
    if question.kind == "match":  # wrong: every left gets the next pair's right
        ids = [pid for pid, _, _ in question.pairs]
        return {p + f"koppel-{pid}": [pid if right else ids[(i + 1) % len(ids)]] for i, pid in enumerate(ids)}
    if question.kind == "order":  # wrong: every item moves one place on
        n = len(question.items)
        return {p + f"positie-{item}": [str(i + 1 if right else (i + 1) % n + 1)] for i, item in enumerate(question.items)}
    if question.kind == "text":
        return {p + "tekst": [question.accepted[0] if right else "weet ik niet"]}
    raise AssertionError(f"Unknown question type {question.kind!r} in {MODULE_XML}")


def all_answers(question_ids: list[str], right: bool) -> Answers:
    answers: Answers = {}
    for qid in question_ids:
        answers.update(answers_for(quiz_questions()[qid], right))
    return answers


def option_text(question: QuizQuestion, value: str) -> str:
    """The visible text of a select option: the right side of the pair, or the position."""
    if question.kind == "match":
        return next(right for pid, _, right in question.pairs if pid == value)
    return value


# ------------------------------------------------------------------------------------------- driving an attempt


def shown_question_ids(site: Site) -> list[str]:
    ids = [e.get_attribute("id").removeprefix("vraag-") for e in site.find_all("form.quiz-form div.quiz-question")]
    unknown = [qid for qid in ids if qid not in quiz_questions()]
    assert not unknown, f"Questions on the page that are not in {MODULE_XML}: {unknown}"
    return ids


def shown_kinds(site: Site) -> set[str]:
    return {quiz_questions()[qid].kind for qid in shown_question_ids(site)}


def start_attempt(site: Site) -> list[str]:
    """From the quiz overview: presses 'Start een poging' (or 'Ga verder…') and returns the attempt's question ids."""
    site.open(QUIZ_URL)
    site.click(site.find("main form button[type=submit]"))
    assert re.fullmatch(rf"{QUIZ_URL}/pogingen/\d+", site.path()), f"Not on an attempt page: {site.path()}"
    ids = shown_question_ids(site)
    assert len(ids) == 5 and len(set(ids)) == 5, f"An attempt draws 5 different questions, got {ids}"
    return ids


def start_attempt_showing(site: Site, kinds: set[str], tries: int = 15) -> list[str]:
    """Starts a first attempt whose draw shows all of `kinds`, with a new learner each time the draw lacks one."""
    for _ in range(tries):
        ids = start_attempt(site)
        if kinds <= shown_kinds(site):
            return ids
        site.log_out()
        site.register(email=unique_email())
    raise AssertionError(f"No attempt in {tries} showed all of {sorted(kinds)}")


def field_elements(site: Site, name: str):
    return site.find_all(f"form.quiz-form [name='{name}']")


def fill_answers(site: Site, answers: Answers) -> None:
    """Chooses the answers with the mouse (radio, checkbox), Select (select) and typing (text)."""
    for name, values in answers.items():
        elements = field_elements(site, name)
        assert elements, f"No field {name!r} on {site.path()}"
        first = elements[0]
        if first.tag_name == "select":
            Select(first).select_by_value(values[0])
        elif first.get_attribute("type") in ("radio", "checkbox"):
            for box in elements:
                if box.is_selected() != (box.get_attribute("value") in values):
                    box.click()
        else:
            first.clear()
            first.send_keys(values[0])


def assert_answers_shown(site: Site, answers: Answers) -> None:
    for name, values in answers.items():
        elements = field_elements(site, name)
        assert elements, f"No field {name!r} on {site.path()}"
        first = elements[0]
        if first.tag_name == "select":
            shown = [Select(first).first_selected_option.get_attribute("value")]
        elif first.get_attribute("type") in ("radio", "checkbox"):
            shown = [box.get_attribute("value") for box in elements if box.is_selected()]
        else:
            shown = [first.get_attribute("value")]
        assert sorted(shown) == sorted(values), f"{name}: expected {values}, the page shows {shown}"


def assert_nothing_chosen(site: Site, question_id: str) -> None:
    within = f"#vraag-{question_id}"
    assert not [b for b in site.find_all(f"{within} input[type=radio], {within} input[type=checkbox]") if b.is_selected()]
    assert all(Select(s).first_selected_option.get_attribute("value") == "" for s in site.find_all(f"{within} select"))
    assert all(t.get_attribute("value") == "" for t in site.find_all(f"{within} input[type=text]"))


def press(site: Site, action: str) -> None:
    """Presses 'Antwoorden opslaan' (opslaan) or 'Inleveren' (inleveren) under the attempt form."""
    site.click(site.find(f"form.quiz-form button[name=actie][value={action}]"))


def review_headings(site: Site) -> list[str]:
    return [h.text.strip() for h in site.find_all("ol.review li.review-item h3")]


def main_text(site: Site) -> str:
    return site.find("main").text


def read_all_pages(site: Site) -> None:
    for lesson, page, title in PAGES:
        site.open(page_path(lesson, page))
        assert site.h1() == title


# ------------------------------------------------------------------------------------------------------ the tests


def test_quiz_pool_in_module_xml_has_every_question_type():
    kinds = sorted(q.kind for q in quiz_questions().values())
    assert kinds == sorted(["single", "multiple", "truefalse", "match", "order", "text"]), kinds
    for question in quiz_questions().values():
        right, wrong = answers_for(question, True), answers_for(question, False)
        assert right.keys() == wrong.keys() and all(right[k] != wrong[k] for k in right), question.id


def test_failed_attempt_retry_and_pass_completes_the_module(site: Site):
    site.register(name="Ilse Bakker")
    read_all_pages(site)

    # From the module overview to the quiz.
    site.open(MODULE_URL)
    assert "Afgerond." not in site.text(".start-box")
    site.click_link("Naar de eindtoets")
    assert site.path() == QUIZ_URL
    assert site.h1() == "Eindtoets voorbeeldmodule"
    assert not site.find_all("table.progress-table"), "No history before the first attempt"
    button = site.find("main form button[type=submit]")
    assert button.text.strip() == "Start een poging"

    # Attempt 1: everything wrong.
    site.click(button)
    assert site.path() == attempt_url(1)
    assert site.h1() == "Eindtoets voorbeeldmodule: poging 1"
    ids = shown_question_ids(site)
    assert len(ids) == 5, ids
    for number, qid in enumerate(ids, start=1):
        legend = " ".join(site.find(f"#vraag-{qid} fieldset legend").get_attribute("textContent").split())
        assert legend.startswith(f"Vraag {number} "), legend
        assert quiz_questions()[qid].prompt in legend, f"{legend!r} should show the prompt of {qid}"
    wrong = all_answers(ids, right=False)
    fill_answers(site, wrong)
    press(site, "inleveren")
    assert site.path() == result_url(1), "With every question answered, Inleveren goes straight to the result"
    assert site.text(".result-box .verdict") == "Niet geslaagd."
    assert "Je score: 0%" in site.text(".result-box")
    assert review_headings(site) == [f"Vraag {n}: niet goed" for n in range(1, 6)]
    assert "Jouw antwoord:" in main_text(site)
    assert "Goed antwoord:" not in main_text(site), "Answers stay hidden after a failed attempt with attempts left"
    assert "Uitleg:" not in main_text(site)
    if "q-text" in ids:
        assert "Jouw antwoord: weet ik niet" in main_text(site)
    assert "Je hebt de module afgerond." not in main_text(site)

    # "Probeer het opnieuw" goes to the quiz overview, which now lists attempt 1.
    site.click_link("Probeer het opnieuw")
    assert site.path() == QUIZ_URL
    rows = [[c.text.strip() for c in r.find_elements("css selector", "th, td")]
            for r in site.find_all("table.progress-table tbody tr")]
    assert len(rows) == 1 and rows[0][0] == "Poging 1" and rows[0][2] == "0%" and rows[0][3] == "Niet geslaagd", rows
    start = site.find("main form button[type=submit]")
    assert start.text.strip() == "Start een poging"

    # Attempt 2: everything right.
    site.click(start)
    assert site.path() == attempt_url(2)
    ids = shown_question_ids(site)
    for qid in ids:
        assert_nothing_chosen(site, qid)  # a new attempt starts empty
    fill_answers(site, all_answers(ids, right=True))
    press(site, "inleveren")
    assert site.path() == result_url(2)
    assert site.text(".result-box .verdict") == "Geslaagd!"
    assert "Je score: 100%" in site.text(".result-box")
    assert "Je hebt de module afgerond." in site.text(".result-box")
    assert review_headings(site) == [f"Vraag {n}: goed" for n in range(1, 6)]
    assert main_text(site).count("Goed antwoord:") == 5, "After passing, every question shows its right answer"
    if "q-text" in ids:
        assert "Goed antwoord: keukentafelgesprek" in main_text(site)
    assert not [a for a in site.find_all("main a") if a.text.strip() == "Probeer het opnieuw"]

    # The module overview and Mijn voortgang show the module as completed.
    site.click_link("Terug naar de module")
    assert site.path() == MODULE_URL
    assert "Afgerond." in site.text(".start-box .notice")
    site.click_link("Mijn voortgang", within="header")
    row = [r for r in site.find_all("table.progress-table tbody tr") if "Voorbeeldmodule" in r.text]
    assert row, "The module is missing from Mijn voortgang"
    assert "afgerond" in row[0].find_elements("css selector", "td")[0].text


def pick_two(ids: list[str]) -> list[str]:
    """A question with choices and one with selects (every draw of 5 of the 6 has both)."""
    kinds = {qid: quiz_questions()[qid].kind for qid in ids}
    return [next(q for q in ids if kinds[q] in CHOICE_KINDS), next(q for q in ids if kinds[q] in SELECT_KINDS)]


def test_answers_are_saved_and_still_there_after_leaving(site: Site):
    site.register()
    ids = start_attempt(site)
    chosen = pick_two(ids)
    answers = all_answers(chosen, right=True)
    fill_answers(site, answers)
    press(site, "opslaan")
    assert site.path() == f"{attempt_url(1)}?opgeslagen=1"
    assert site.text("main .notice") == "Je antwoorden zijn opgeslagen."
    assert shown_question_ids(site) == ids, "The attempt keeps its questions and their order"
    assert_answers_shown(site, answers)

    # A reload shows the same.
    site.wait_for_new_page(site.driver.refresh)
    assert_answers_shown(site, answers)

    # Leave, come back through the module overview: "Ga verder met je poging" opens the same attempt.
    site.open(MODULE_URL)
    site.click_link("Naar de eindtoets")
    button = site.find("main form button[type=submit]")
    assert button.text.strip() == "Ga verder met je poging"
    site.click(button)
    assert site.path() == attempt_url(1), "Resuming should not start a second attempt"
    assert not site.find_all("main .notice"), "The 'saved' notice belongs to the save only"
    assert shown_question_ids(site) == ids
    assert_answers_shown(site, answers)
    for qid in ids:
        if qid not in chosen:
            assert_nothing_chosen(site, qid)

    # Changing an answer and saving again replaces the saved one.
    changed = answers_for(quiz_questions()[chosen[0]], right=False)
    fill_answers(site, changed)
    press(site, "opslaan")
    assert_answers_shown(site, {**answers, **changed})


def test_submitting_with_open_questions_asks_for_confirmation(site: Site):
    site.register()
    ids = start_attempt(site)
    answered = pick_two(ids)
    open_ids = [qid for qid in ids if qid not in answered]
    answers = all_answers(answered, right=True)
    fill_answers(site, answers)
    press(site, "inleveren")

    # The confirmation (a page of its own) lists the open questions, in the attempt's order, as links to them.
    assert site.path() == attempt_url(1) + "/inleveren"
    assert site.h1() == "Toets inleveren?"
    assert "Je antwoorden zijn opgeslagen." in site.text("main .notice")
    assert "3" in site.text("main .notice")
    links = site.find_all("main ul li a")
    assert [a.get_attribute("href").removeprefix(site.base_url) for a in links] == \
        [f"{attempt_url(1)}#vraag-{qid}" for qid in open_ids]
    assert [a.text.strip() for a in links] == [quiz_questions()[qid].prompt for qid in open_ids]

    # "Toch inleveren": the result, with the open questions counted as wrong.
    site.click_link("Toch inleveren")
    assert site.path() == result_url(1)
    assert site.text(".result-box .verdict") == "Niet geslaagd."
    expected = ["goed" if qid in answered else "niet goed" for qid in ids]
    assert review_headings(site) == [f"Vraag {n}: {verdict}" for n, verdict in enumerate(expected, start=1)]
    assert main_text(site).count("Jouw antwoord: Geen antwoord") == len(open_ids)

    # The attempt is closed: its page now leads to the result.
    site.open(attempt_url(1))
    assert site.path() == result_url(1)


def test_confirmation_links_open_the_attempt_at_the_open_question(site: Site):
    site.register()
    ids = start_attempt(site)
    answered = pick_two(ids)
    open_ids = [qid for qid in ids if qid not in answered]
    answers = all_answers(answered, right=True)
    fill_answers(site, answers)
    press(site, "inleveren")
    assert site.h1() == "Toets inleveren?"
    link = site.find(f"main ul li a[href$='#vraag-{open_ids[1]}']")

    # The link must load the attempt page (were the confirmation the answer to a POST on the attempt's own URL,
    # a link to that URL plus #fragment would only scroll within the confirmation page).
    site.driver.execute_script("window.__samenwijzerOldPage = true;")
    link.click()
    try:
        WebDriverWait(site.driver, 5, ignored_exceptions=(WebDriverException,)).until(lambda d: d.execute_script(
            "return !window.__samenwijzerOldPage && document.readyState === 'complete';"))
    except TimeoutException:
        raise AssertionError(
            f"Following the confirmation page's link to {link.get_attribute('href')} did not load the attempt: the "
            f"browser stays on the confirmation page (h1 {site.h1()!r}) and only changes the #fragment, because "
            "the link's URL differs from the confirmation page's URL (the POSTed attempt URL) only in the fragment."
        ) from None
    assert site.path() == attempt_url(1)
    assert site.driver.execute_script("return location.hash") == f"#vraag-{open_ids[1]}"
    assert site.driver.execute_script("return document.querySelector(':target')?.id") == f"vraag-{open_ids[1]}"
    assert_answers_shown(site, answers)

    # "Terug naar de toets" also leads back to the attempt.
    press(site, "inleveren")
    assert site.h1() == "Toets inleveren?"
    site.click_link("Terug naar de toets")
    assert site.path() == attempt_url(1)
    assert shown_question_ids(site) == ids
    assert_answers_shown(site, answers)


def keyboard_answer(site: Site, question: QuizQuestion, answers: Answers) -> None:
    """Answers the question whose first field has focus, with keys only; leaves focus on its last field."""
    element = active(site)
    name = element.get_attribute("name")
    assert name and name.startswith(question.prefix), f"Focus on {name!r}, expected a field of {question.id}"
    if question.kind in ("single", "truefalse"):
        radios = field_elements(site, name)
        index = [r.get_attribute("value") for r in radios].index(answers[name][0])
        if index == 0:
            element.send_keys(Keys.SPACE)
        for _ in range(index):  # arrow keys move through the group and choose
            active(site).send_keys(Keys.ARROW_DOWN)
        assert radios[index].is_selected() and active(site) == radios[index]
        return
    if question.kind == "multiple":
        boxes = field_elements(site, name)
        for i, box in enumerate(boxes):
            assert active(site) == box, f"Tab should go through the checkboxes of {question.id} in order"
            assert focus_is_visible(site), f"No visible focus on checkbox {box.get_attribute('id')}"
            if box.get_attribute("value") in answers[name]:
                box.send_keys(Keys.SPACE)
            if i < len(boxes) - 1:
                box.send_keys(Keys.TAB)
        return
    if question.kind in SELECT_KINDS:
        selects = site.find_all(f"#vraag-{question.id} select")
        for i, select in enumerate(selects):
            assert active(site) == select, f"Tab should go through the selects of {question.id} in order"
            assert focus_is_visible(site), f"No visible focus on select {select.get_attribute('id')}"
            field_name = select.get_attribute("name")
            value = answers[field_name][0]
            select.send_keys(option_text(question, value))  # type-ahead on the closed select
            chosen = Select(select).first_selected_option.get_attribute("value")
            assert chosen == value, f"Typing chose {chosen!r} in {field_name}, expected {value!r}"
            if i < len(selects) - 1:
                select.send_keys(Keys.TAB)
        return
    element.send_keys(answers[name][0])  # text


def test_attempt_with_keyboard_only(site: Site):
    site.register()
    site.open(QUIZ_URL)

    def tab_to(predicate, description: str, limit: int = 60):
        for _ in range(limit):
            active(site).send_keys(Keys.TAB)
            element = active(site)
            if predicate(element):
                assert focus_is_visible(site), f"No visible focus on {description}"
                return element
        raise AssertionError(f"Tab never reached {description}")

    # Start the attempt: Tab to the button, Enter.
    site.find("body").send_keys(Keys.TAB)
    start = tab_to(lambda e: e.tag_name == "button" and e.text.strip() == "Start een poging", "'Start een poging'")
    site.wait_for_new_page(lambda: start.send_keys(Keys.ENTER))
    assert site.path() == attempt_url(1)
    ids = shown_question_ids(site)
    answers = all_answers(ids, right=True)

    # Each question in turn: Tab to its first field, answer with keys.
    site.find("body").send_keys(Keys.TAB)
    for qid in ids:
        question = quiz_questions()[qid]
        tab_to(lambda e: (e.get_attribute("name") or "").startswith(question.prefix), f"question {qid}")
        keyboard_answer(site, question, answers)
    assert_answers_shown(site, answers)

    # Past "Antwoorden opslaan" to "Inleveren", Enter.
    save = tab_to(lambda e: e.tag_name == "button", "the first button under the questions", limit=1)
    assert save.get_attribute("value") == "opslaan", "The first button under the questions is 'Antwoorden opslaan'"
    submit = tab_to(lambda e: e.tag_name == "button", "'Inleveren'", limit=1)
    assert submit.get_attribute("value") == "inleveren" and submit.text.strip() == "Inleveren"
    site.wait_for_new_page(lambda: submit.send_keys(Keys.ENTER))
    assert site.path() == result_url(1)
    assert site.text(".result-box .verdict") == "Geslaagd!"
    assert review_headings(site) == [f"Vraag {n}: goed" for n in range(1, 6)]


def test_quiz_needs_login_and_attempts_are_private(site: Site):
    site.open(QUIZ_URL)
    assert site.path() == f"/inloggen?volgende={QUIZ_URL}"
    site.register()
    start_attempt(site)
    site.log_out()
    for path in (attempt_url(1), result_url(1)):
        site.open(path)
        assert site.path().startswith("/inloggen"), f"{path} should need a login"

    # Another learner has no attempt 1: not found, not someone else's answers.
    site.register()
    for path in (attempt_url(1), result_url(1), attempt_url(999999), f"{QUIZ_URL}/pogingen/abc"):
        status, _ = site.fetch(path)
        assert status == 404, f"{path} answered {status} for a learner without that attempt"
    site.open(QUIZ_URL)
    assert not site.find_all("table.progress-table")
    assert site.text("main form button[type=submit]") == "Start een poging"
