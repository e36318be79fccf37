"""Certificates end to end in a real browser: complete a module, download the PDF, read it back (pdftotext),
scan its QR code (zbarimg on a pdftoppm render), and verify it as an anonymous visitor would.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

from conftest import Site, make_driver, unique_email
from test_quiz import MODULE_URL, all_answers, fill_answers, press, read_all_pages, result_url, start_attempt

NAME = "Zoë Ëlsinga-Çelik"


def words(text: str) -> str:
    return " ".join(text.split())


def wait_for_download(folder: Path, timeout: float = 20) -> Path:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done = [p for p in folder.glob("*.pdf")]
        if done and not list(folder.glob("*.crdownload")):
            return done[0]
        time.sleep(0.2)
    raise AssertionError(f"No PDF was downloaded into {folder} within {timeout} s")


def test_complete_download_scan_and_verify(site: Site, tmp_path: Path):
    site.register(email=unique_email(), name=NAME)
    read_all_pages(site)
    ids = start_attempt(site)
    fill_answers(site, all_answers(ids, right=True))
    press(site, "inleveren")
    assert site.path() == result_url(1)

    # From the result page to the certificate.
    site.click_link("Bekijk en download je certificaat")
    assert site.h1() == "Certificaat Voorbeeldmodule: zo werkt Samenwijzer"
    assert "Dit certificaat is echt en geldig" in site.text(".status-box")
    fields = {row.find_element("css selector", "dt").text: row.find_element("css selector", "dd").text
              for row in site.find_all(".certificate-fields > div")}
    assert fields["Naam"] == NAME
    code = fields["Certificaatcode"]

    # Download it the way a learner does: a click, and the browser saves the file.
    site.driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(tmp_path)})
    site.find("main a.button[download]").click()
    pdf = wait_for_download(tmp_path)
    assert pdf.name == f"certificaat-{code}.pdf"

    text = words(subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                                check=True).stdout)
    for label, value in fields.items():
        if label == "Uitgegeven door":
            continue
        assert value in text, f"The PDF lacks {label} {value!r}: {text}"

    subprocess.run(["pdftoppm", "-r", "150", "-png", "-singlefile", str(pdf), str(tmp_path / "page")], check=True)
    scanned = subprocess.run(["zbarimg", "--quiet", "--raw", str(tmp_path / "page.png")], capture_output=True, text=True,
                             check=True).stdout.strip()
    assert scanned.endswith(f"/certificaten/{code}"), scanned

    # A verifier (no account, another browser) follows the QR code: the same fields, never the e-mail.
    verifier = Site(make_driver(), site.base_url)
    try:
        verifier.open(scanned)
        assert verifier.h1() == f"Certificaat {code}"
        assert "Dit certificaat is echt en geldig" in verifier.text(".status-box")
        shown = {row.find_element("css selector", "dt").text: row.find_element("css selector", "dd").text
                 for row in verifier.find_all(".certificate-fields > div")}
        assert shown == fields
        assert "@" not in verifier.text("main")
        # A typo in the code is caught by its check character and marked on the form.
        verifier.open("/certificaten")
        verifier.fill({"code": code[:-1] + ("2" if code[-1] != "2" else "3")})
        verifier.submit_form()
        assert "Dit is geen geldige certificaatcode" in verifier.text(".error-summary")
        assert verifier.find("#code").get_attribute("aria-invalid") == "true"
    finally:
        verifier.driver.quit()

    # Mijn certificaten lists it, and the module overview links to it.
    site.open("/mijn-certificaten")
    assert code in site.text("main")
    site.open(MODULE_URL)
    assert "Bekijk je certificaat" in site.text("main")
