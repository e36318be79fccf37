"""Writes a large, valid synthetic module for the validation benchmark.

Every page uses the inline markup, glossary terms, citations, lists, callouts, cases and checks that real
modules use, so the benchmark exercises the schema *and* all semantic rules, not just the parser.
"""
import os
import sys


def page(lesson: int, number: int) -> str:
    pid = f"l{lesson}-p{number}"
    return f"""    <page id="{pid}">
      <title>Pagina {number} van les {lesson}</title>
      <p>Mantelzorgers geven veel zorg. Een <term ref="mantelzorger">mantelzorger</term> helpt een naaste,
        met <em>nadruk</em> op <strong>samenwerken</strong> <cite ref="bron-1">CBS, 2022</cite>.
        Lees meer op <link href="https://example.org/{pid}">deze pagina</link>.</p>
      <list><item>Let op signalen van overbelasting.</item><item>Vraag hoe het gaat.</item><item>Maak afspraken.</item></list>
      <callout type="tip"><p>Vraag door als iemand zegt dat het goed gaat.</p></callout>
      <case title="Casus {pid}"><p>Mevrouw Jansen zorgt voor haar man. Ze slaapt slecht.</p></case>
      <check id="c-{pid}" type="single">
        <prompt>Wat doe je als eerste?</prompt>
        <choice id="a" correct="true">Vragen hoe het met haar gaat.<feedback>Goed.</feedback></choice>
        <choice id="b">Niets.<feedback>Niet goed.</feedback></choice>
      </check>
    </page>
"""


def question(number: int) -> str:
    return f"""    <question id="q{number}" type="multiple" partialCredit="true">
      <prompt>Welke signalen passen bij overbelasting? ({number})</prompt>
      <choice id="a" correct="true">Slecht slapen<feedback>Ja.</feedback></choice>
      <choice id="b" correct="true">Tijdsdruk<feedback>Ja.</feedback></choice>
      <choice id="c">Een feest vieren<feedback>Nee.</feedback></choice>
      <explanation>Slaapproblemen en tijdsdruk zijn bekende signalen.</explanation>
    </question>
"""


def module(module_id: str, target_bytes: int) -> str:
    head = f"""<?xml version="1.0" encoding="UTF-8"?>
<module xmlns="urn:samenwijzer:module:1" id="{module_id}" version="1" xml:lang="nl">
  <title>Synthetische module</title>
  <summary>Gegenereerd voor de benchmark.</summary>
  <audience>Benchmark</audience>
  <studyLoad minutes="60"/>
  <authors><author>Benchmark</author></authors>
  <objectives><objective>meten.</objective></objectives>
"""
    tail = """  <glossary><entry id="mantelzorger" term="mantelzorger">Iemand die zorgt voor een naaste.</entry></glossary>
  <sources><source id="bron-1" href="https://www.cbs.nl/">CBS, Mantelzorg, 2022</source></sources>
</module>
"""
    parts = [head]
    size = len(head) + len(tail)
    lesson = 0
    while size < target_bytes * 0.9:
        lesson += 1
        pages = "".join(page(lesson, n) for n in range(1, 11))
        block = f'  <lesson id="les-{lesson}">\n    <title>Les {lesson}</title>\n{pages}  </lesson>\n'
        parts.append(block)
        size += len(block.encode())
    questions = max(2, target_bytes // 20000)
    quiz = '  <quiz id="eindtoets" passPercent="70">\n' + "".join(question(n) for n in range(1, questions + 1)) + "  </quiz>\n"
    parts.append(quiz)
    parts.append(tail)
    return "".join(parts)


if __name__ == "__main__":
    folder, megabytes = sys.argv[1], float(sys.argv[2])
    module_id = os.path.basename(os.path.normpath(folder))
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "module.xml"), "w", encoding="utf-8") as handle:
        handle.write(module(module_id, int(megabytes * 1024 * 1024)))
