#!/usr/bin/env python3
"""Drives the decision and quality pages in headless Chromium against a demo database (`casework demo --no-serve`,
whose demo unit has decisions made through the store's rules): the technical specialist's checks waiting and a check
recorded on the decision page (refused first with an error summary), the new decision maker's feedback and sign-off
progress, the team leader's quality view and its CSV pack, and the decision maker serving a decision that is ready.

Usage: check_quality_pages.py BASE_URL   (browser-tests/run starts a demo server and calls this)

Prints one line per check and ends with "N passed, M failed"; exits non-zero when anything failed.
"""

import re
import sys

from check_pages import SCREENSHOTS, check, submit
from check_work_pages import accessible, run_steps, sign_in, sign_out, visit
import check_work_pages

BASE = sys.argv[1].rstrip("/") if len(sys.argv) > 1 else "http://127.0.0.1:8080"
check_work_pages.BASE = BASE


def technical_specialist(page):
    if not sign_in(page, "demo.techspec"):
        return
    text = visit(page, "/quality/checks", "Checks waiting", "checks waiting (technical specialist)")
    blocking = page.locator("tr:has-text('Blocks service') a[href$='/decision']")
    if not check("a decision waiting for its check is listed as blocking service", blocking.count() >= 1, text[:400]):
        return sign_out(page)
    href = blocking.first.get_attribute("href")
    text = visit(page, href, "", "the decision page of a decision waiting for its check")
    check("the gates show the quality check closed, with why", page.locator("#gate-quality-check .govuk-tag--red").count() == 1, text[:400])
    check("the decision page shows the gates as a task list", page.locator("ul.govuk-task-list li.govuk-task-list__item").count() >= 4)
    page.screenshot(path=str(SCREENSHOTS / "decision-gates.png"), full_page=True)

    # Refused first: no scores, no feedback. The error summary links each field.
    status = submit(page, "#assessment-form button[type=submit]")
    summary = page.locator(".govuk-error-summary a")
    check("a check with no scores is refused with an error summary naming the fields",
          status == 422 and summary.count() >= 3 and page.locator(".govuk-error-summary a[href='#casework']").count() == 1,
          f"status {status}, {summary.count()} links")
    accessible(page, "the decision page with errors")

    page.check("#assessment-form input[name=operatingMandate][value=DQ1]")
    page.check("#assessment-form input[name=casework][value=DQ2]")
    page.check("#assessment-form input[name=process][value=DQ1]")
    page.check("#assessment-form input[name=outcomeCorrect][value=yes]")
    page.fill("#assessment-form textarea[name=feedback]", "Each material fact has a reasoned finding; the current country note is applied to the claimant's profile.")
    status = submit(page, "#assessment-form button[type=submit]")
    main = page.locator("main").inner_text()
    check("the check is recorded and the quality-check gate opens", status == 200 and page.locator("#gate-quality-check .govuk-tag--green").count() == 1, f"status {status}: {main[:300]}")
    sign_out(page)


def new_decision_maker(page):
    if not sign_in(page, "demo.newdm"):
        return
    nav = page.locator("nav a:has-text('Your feedback')")
    if check("a decision maker's menu offers their feedback", nav.count() == 1):
        submit(page, "nav a:has-text('Your feedback')")
    text = page.locator("main").inner_text()
    check("the feedback page shows sign-off progress toward three decisions at DQ1 or DQ2",
          re.search(r"[0-9] of 3 decisions at DQ1 or DQ2", text) is not None and ("On 100% checks" in text or "Ready to sign off" in text), text[:400])
    check("the feedback page shows each check with its feedback", "checks of their work, newest first" in text or "check of their work" in text, text[:400])
    accessible(page, "your feedback (decision maker)")
    page.screenshot(path=str(SCREENSHOTS / "quality-feedback.png"), full_page=True)
    sign_out(page)


def team_leader(page):
    if not sign_in(page, "demo.tl"):
        return
    text = visit(page, "/quality", "Quality of DMU-GLA", "the unit's quality view")
    check("the quality view shows sampling against 3.5%", page.locator("#sampling-table").count() == 1 and "3.5%" in text, text[:300])
    check("the quality view shows checks per caseworker", "Checks per caseworker" in text)
    page.screenshot(path=str(SCREENSHOTS / "quality.png"), full_page=True)
    href = page.locator("#quality-pack").get_attribute("href")
    response = page.request.get(BASE + href)
    body = response.text()
    check("the monthly quality pack downloads as CSV", response.status == 200 and response.headers.get("content-type", "").startswith("text/csv")
          and body.startswith("section,measure,value,total,share,target,source"), f"{response.status} {body[:200]}")
    page.fill("#month", "2023-13")
    status = submit(page, "form[action='/quality'] button[type=submit]")
    check("a month that does not exist is refused, naming the field", status == 422 and page.locator(".govuk-error-summary a[href='#month']").count() == 1, f"status {status}")
    visit(page, "/quality/appeals", "Appeal overturn rates", "overturn rates")
    sign_out(page)


def decision_maker_serves(page):
    if not sign_in(page, "demo.dm"):
        return
    text = visit(page, "/", "Your work", "your work (decision maker with decisions)")
    references = sorted(set(re.findall(r"CW-\d{7}", text)))
    served = False
    for reference in references:
        page.goto(BASE + f"/claims/{reference}/decision")
        if page.locator("form[action$='/decision/service'] button").count() == 1:
            accessible(page, "a decision ready to serve")
            status = submit(page, "form[action$='/decision/service'] button")
            main = page.locator("main").inner_text()
            served = check("serving a ready decision produces its letter", status == 200 and "served" in main.lower() and "letter" in main.lower(), f"status {status}: {main[:300]}")
            page.screenshot(path=str(SCREENSHOTS / "decision-served.png"), full_page=True)
            break
    if not served:
        check("the demo decision maker has a decision ready to serve", False, f"looked at {len(references)} claims")
    sign_out(page)


def main():
    return run_steps((technical_specialist, new_decision_maker, team_leader, decision_maker_serves), "decision or quality")


if __name__ == "__main__":
    sys.exit(main())
