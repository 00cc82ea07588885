#!/usr/bin/env python3
"""Drives the casework pages in headless Chromium (the system's, through Playwright) and checks what a user sees.

Usage: check_pages.py BASE_URL   (browser-tests/run starts a server and calls this)

Prints one line per check and ends with "N passed, M failed"; exits non-zero when anything failed.
"""

import datetime
import os
import random
import re
import shutil
import string
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

BASE = sys.argv[1].rstrip("/") if len(sys.argv) > 1 else "http://127.0.0.1:8080"
USERNAME = os.environ.get("CASEWORK_TEST_USERNAME", "browser.ao")
PASSWORD = os.environ.get("CASEWORK_TEST_PASSWORD", "pw-for-browser-test")
DISPLAY_NAME = os.environ.get("CASEWORK_TEST_DISPLAY_NAME", "")
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"

results = []


def check(name, ok, detail=""):
    """Records and prints one check."""
    ok = bool(ok)
    results.append(ok)
    line = ("PASS  " if ok else "FAIL  ") + name
    if detail and not ok:
        line += " -- " + str(detail)[:500]
    print(line, flush=True)
    return ok


# Run in the page: the basic accessibility rules every page must follow.
ACCESSIBILITY_SCRIPT = """
() => {
  const problems = [];
  if (document.documentElement.getAttribute('lang') !== 'en') problems.push('<html> has no lang="en"');
  const h1s = document.querySelectorAll('h1');
  if (h1s.length !== 1) problems.push(h1s.length + ' <h1> elements (want exactly 1)');
  if (!/ – Casework$/.test(document.title)) problems.push('title "' + document.title + '" does not end with " – Casework"');
  const skip = document.querySelector('a[href="#main-content"]');
  if (!skip) problems.push('no skip link to #main-content');
  if (!document.getElementById('main-content')) problems.push('no element with id main-content');
  const isVisible = (el) => {
    const style = window.getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden') return false;
    return el.getClientRects().length > 0;
  };
  for (const el of document.querySelectorAll('input, select, textarea')) {
    if (el.type === 'hidden' || !isVisible(el)) continue;
    const labelled = (el.labels && el.labels.length > 0) || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
    if (!labelled) problems.push('no label for ' + el.tagName.toLowerCase() + ' ' + (el.id || el.name));
  }
  for (const img of document.querySelectorAll('img')) {
    if (!img.hasAttribute('alt')) problems.push('image without alt: ' + img.src);
  }
  const seen = new Map();
  for (const el of document.querySelectorAll('[id]')) seen.set(el.id, (seen.get(el.id) || 0) + 1);
  for (const [id, count] of seen) if (count > 1) problems.push('id used ' + count + ' times: ' + id);
  for (const link of document.querySelectorAll('.govuk-error-summary a')) {
    const target = (link.getAttribute('href') || '').replace(/^#/, '');
    if (!document.getElementById(target)) problems.push('error summary links to missing #' + target);
  }
  for (const radio of document.querySelectorAll('input[type=radio], input[type=checkbox]')) {
    if (radio.name && document.querySelectorAll('input[name="' + radio.name + '"]').length > 1 && !radio.closest('fieldset')) {
      problems.push('grouped ' + radio.type + ' ' + radio.name + ' is not in a fieldset');
    }
  }
  for (const fieldset of document.querySelectorAll('fieldset')) {
    if (!fieldset.querySelector('legend')) problems.push('fieldset without a legend');
  }
  for (const form of document.querySelectorAll('form[method=post]')) {
    const action = form.getAttribute('action') || '';
    if (action !== '/sign-in' && !form.querySelector('input[type=hidden][name=csrfToken]')) problems.push('POST form to ' + action + ' has no csrfToken');
  }
  return problems;
}
"""


def accessible(page, what):
    problems = page.evaluate(ACCESSIBILITY_SCRIPT)
    return check(f"{what}: basic accessibility (lang, one h1, labels, skip link, alt text, fieldsets)", not problems, "; ".join(problems))


def random_name(length=7):
    return random.choice(string.ascii_uppercase) + "".join(random.choice(string.ascii_lowercase) for _ in range(length - 1))


def fill_registration(page, given, family, day, month, year):
    """Fills every required field of the registration form (and some optional ones)."""
    page.fill("#mainApplicant-givenNames", given)
    page.fill("#mainApplicant-familyName", family)
    page.fill("#mainApplicant-dateOfBirth-day", day)
    page.fill("#mainApplicant-dateOfBirth-month", month)
    page.fill("#mainApplicant-dateOfBirth-year", year)
    page.check("#mainApplicant-sex")  # the first radio: female
    page.select_option("#mainApplicant-nationality", "AFG")
    page.fill("#dateOfClaim-day", "5")
    page.fill("#dateOfClaim-month", "1")
    page.fill("#dateOfClaim-year", "2023")
    page.select_option("#languages-0-language", "pashto")
    page.fill("#address-line1", "12 High Street")
    page.fill("#address-town", "Croydon")
    page.fill("#address-postcode", "cr0 2aa")
    page.fill("#legalRepresentative-name", "Sam Solicitor")
    page.fill("#legalRepresentative-firm", "Example Law LLP")
    page.check("#asylumSupport")
    page.check("input[name=vulnerabilities][value=mental-health]")


def submit(page, selector):
    """Clicks a submit button and returns the HTTP status of the page it leads to."""
    with page.expect_navigation() as navigation:
        page.click(selector)
    response = navigation.value
    return response.status if response else None


def main():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if not executable:
        check("chromium is installed", False, "no chromium on PATH")
        return finish()

    console_errors = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=["--no-sandbox"])
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.on("console", lambda message: record_console_error(page, message, console_errors))
        page.on("pageerror", lambda error: console_errors.append(f"{page.url}: {error}"))
        page.set_default_timeout(15_000)
        try:
            run_checks(page)
        except Exception as error:  # a step that cannot run is a failure, and the later steps depend on it
            check("the checks ran to the end", False, repr(error))
            try:
                page.screenshot(path=str(SCREENSHOTS / "failure.png"), full_page=True)
                print(f"       (screenshot of the failing page: {SCREENSHOTS / 'failure.png'}, at {page.url})")
            except Exception:
                pass
        check("no console errors on any page", not console_errors, "; ".join(console_errors[:5]))
        browser.close()
    return finish()


def record_console_error(page, message, errors):
    """Keeps console errors, except Chromium's note that the page itself came with the 4xx status a check asked for
    (a 401 for a wrong password, a 422 for an invalid form, a 404 for an unknown claim)."""
    if message.type != "error":
        return
    location = (message.location or {}).get("url", "")
    expected_status = re.match(r"Failed to load resource: the server responded with a status of (401|404|409|422|429)\b", message.text)
    if expected_status and location.split("#")[0] == page.url.split("#")[0]:
        return
    errors.append(f"{page.url}: {message.text} ({location})")


def run_checks(page):
    # Sign in, after a wrong password.
    response = page.goto(BASE + "/")
    check("an anonymous visit is sent to the sign-in page", "/sign-in" in page.url, page.url)
    check("sign-in page: status 200", response and response.status == 200, response and response.status)
    accessible(page, "sign-in page")

    page.fill("#username", USERNAME)
    page.fill("#password", "not-the-password")
    status = submit(page, "button:has-text('Sign in')")
    summary = page.locator(".govuk-error-summary")
    check("wrong password: 401 with an error summary",
          status == 401 and summary.count() == 1 and "not right" in summary.inner_text(), f"status {status}")
    accessible(page, "sign-in error page")

    page.fill("#username", USERNAME)
    page.fill("#password", PASSWORD)
    status = submit(page, "button:has-text('Sign in')")
    check("sign-in with the right password reaches the home page", page.url.rstrip("/") == BASE and status == 200, f"{page.url} status {status}")

    # Home.
    heading = page.locator("h1").inner_text()
    check("home page: heading 'Your work'", heading.strip() == "Your work", heading)
    header = page.locator("header").inner_text()
    check("home page: header shows the user's name, role and unit",
          (not DISPLAY_NAME or DISPLAY_NAME in header) and "Administrative officer" in header and "INTAKE-CROYDON" in header, header)
    check("home page: sign-out button", page.locator("header form[action='/sign-out'] button").count() == 1)
    body = page.locator("main").inner_text()
    check("home page: counts by stage and a link to register", "Claims by stage" in body and page.locator("a[href='/claims/new']").count() >= 1)
    accessible(page, "home page")

    # Register a claim through the form.
    given, family = "Amina", random_name()
    response = page.goto(BASE + "/claims/new")
    check("registration form: status 200", response and response.status == 200, response and response.status)
    accessible(page, "registration form")
    fill_registration(page, given, family, "12", "3", "1990")
    status = submit(page, "button:has-text('Register the claim')")
    match = re.search(r"/claims/(CW-\d+)$", page.url)
    if not check("registering a claim leads to its page", match and status == 200, f"{page.url} status {status}: {page.locator('main').inner_text()[:300]}"):
        raise RuntimeError("registration failed; the later checks need the claim")
    reference = match.group(1)

    # The claim page shows the facts.
    main_text = page.locator("main").inner_text()
    h1 = page.locator("h1").inner_text()
    check("claim page: heading names the claimant", given in h1 and family.upper() in h1, h1)
    check("claim page: shows the reference", reference in main_text)
    check(f"claim page: title is 'Claim {reference} – Casework'", page.title() == f"Claim {reference} – Casework", page.title())
    expected_facts = ["Afghanistan", "12 March 1990", "5 January 2023", "Flow", "Pashto", "12 High Street", "CR0 2AA",
                      "Not verified", "Sam Solicitor", "Mental health condition", "Straightforward", "INTAKE-CROYDON", "Registration"]
    missing = [fact for fact in expected_facts if fact not in main_text]
    check("claim page: shows the facts entered", not missing, f"missing {missing}")
    check("claim page: protected characteristics restricted for this role", "Restricted: visible to safeguarding hub" in main_text)
    check("claim page: timeline shows the registration", "Claim registered for" in page.locator("#timeline + ol").inner_text())
    accessible(page, "claim page")

    # A long note is shown whole.
    note = "Safeguarding note: claimant disclosed risk at screening.\nFollow up with the GP.\n"
    while len(note) < 2_490:
        note += random.choice(["word ", "another ", "interpreter ", "Sorani ", "appointment ", "letter "])
    note = note[:2_490] + " END-12345"
    note = note[:2_500]
    check("the test note is 2,500 characters", len(note) == 2_500, len(note))
    page.fill("#note-text", note)
    status = submit(page, "button:has-text('Add the note')")
    check("adding a note returns to the claim page", f"/claims/{reference}" in page.url and status == 200, f"{page.url} status {status}")
    shown = page.locator(".casework-note__text").first
    shown_text = (shown.text_content() or "").replace("\r\n", "\n")
    check("the note is shown whole: all 2,500 characters", shown_text == note, f"shown {len(shown_text)} characters")
    clipped = shown.evaluate("el => el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1 || getComputedStyle(el).whiteSpace !== 'pre-wrap'")
    check("the note is not clipped and keeps its line breaks (white-space: pre-wrap)", not clipped)
    accessible(page, "claim page with a note")
    page.screenshot(path=str(SCREENSHOTS / "claim.png"), full_page=True)
    check("screenshot saved to browser-tests/screenshots/claim.png", (SCREENSHOTS / "claim.png").stat().st_size > 10_000)

    # An impossible date of birth is refused, naming the field, and what was typed is kept.
    page.goto(BASE + "/claims/new")
    fill_registration(page, "Yusuf", random_name(), "31", "02", "1990")
    status = submit(page, "button:has-text('Register the claim')")
    summary = page.locator(".govuk-error-summary")
    summary_text = summary.inner_text() if summary.count() else ""
    check("impossible date of birth (31/02/1990): 422 with an error summary", status == 422 and summary.count() == 1, f"status {status}")
    check("the error summary names the date of birth", "date of birth" in summary_text.lower(), summary_text)
    check("the error links to the date of birth field",
          page.locator(".govuk-error-summary a[href='#mainApplicant-dateOfBirth-day']").count() == 1)
    check("the date of birth shows an inline error",
          page.locator(".govuk-form-group--error #mainApplicant-dateOfBirth-day").count() == 1
          and page.locator("#mainApplicant-dateOfBirth-error").count() == 1)
    check("what was typed is kept", page.input_value("#mainApplicant-givenNames") == "Yusuf"
          and page.input_value("#mainApplicant-dateOfBirth-day") == "31")
    check("nothing was registered", "/claims/new" in page.url)
    accessible(page, "registration form with errors")

    # Search by name finds the claim.
    page.goto(BASE + "/claims")
    accessible(page, "search page")
    page.fill("#q", f"{given} {family}")
    status = submit(page, "button:has-text('Search')")
    results_table = page.locator("main table")
    found = results_table.count() > 0 and page.locator(f"main table a[href='/claims/{reference}']").count() == 1
    check("search by name finds the claim", status == 200 and found, page.locator("main").inner_text()[:300])
    check("search shows the total", re.search(r"\b1 claim found\b", page.locator("main").inner_text()) is not None)
    accessible(page, "search results")

    # Error pages are friendly.
    response = page.goto(BASE + "/claims/CW-9999999")
    check("an unknown claim: 404 page", response and response.status == 404 and "Page not found" in page.locator("h1").inner_text(),
          response and response.status)
    accessible(page, "404 page")

    # Sign out.
    page.goto(BASE + "/")
    status = submit(page, "header button:has-text('Sign out')")
    check("signing out returns to the sign-in page", "/sign-in" in page.url and status == 200, page.url)
    page.goto(BASE + "/claims")
    check("after signing out, pages need signing in again", "/sign-in" in page.url, page.url)


def finish():
    passed = sum(1 for ok in results if ok)
    failed = len(results) - passed
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
