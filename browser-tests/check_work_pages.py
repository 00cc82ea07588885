#!/usr/bin/env python3
"""Drives the work-in-progress pages in headless Chromium against a demo database (`casework demo --no-serve`), signed
in as the people who use them: a decision maker (your work, next claim, the claim's priority), a team leader (the live
team page, staff records, the barrier review queue) and a workflow planner (WIP, operations, allocation, priority policy).

Usage: check_work_pages.py BASE_URL   (browser-tests/run starts a demo server and calls this)

Prints one line per check and ends with "N passed, M failed"; exits non-zero when anything failed.
"""

import re
import shutil
import sys

from playwright.sync_api import sync_playwright

from check_pages import ACCESSIBILITY_SCRIPT, SCREENSHOTS, check, finish, record_console_error, submit

BASE = sys.argv[1].rstrip("/") if len(sys.argv) > 1 else "http://127.0.0.1:8080"
PASSWORD = "demo-password"


def accessible(page, what):
    problems = page.evaluate(ACCESSIBILITY_SCRIPT)
    return check(f"{what}: basic accessibility", not problems, "; ".join(problems))


def sign_in(page, username):
    page.goto(BASE + "/sign-in")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    status = submit(page, "button:has-text('Sign in')")
    return check(f"{username} signs in", page.url.rstrip("/") == BASE and status == 200, f"{page.url} status {status}")


def sign_out(page):
    submit(page, "header button:has-text('Sign out')")


def visit(page, path, heading, what):
    """Opens a page, checks its status, heading and accessibility; returns the main text."""
    response = page.goto(BASE + path)
    status = response.status if response else None
    h1 = page.locator("h1").first.inner_text() if page.locator("h1").count() else ""
    check(f"{what}: status 200 and heading '{heading}'", status == 200 and heading in h1, f"status {status}, h1 '{h1}'")
    accessible(page, what)
    return page.locator("main").inner_text()


def decision_maker(page):
    if not sign_in(page, "demo.dm"):
        return
    text = visit(page, "/", "Your work", "your work (decision maker)")
    check("your work offers the next claim", page.locator("form[action='/work/next'] button").count() == 1)
    status = submit(page, "form[action='/work/next'] button")
    took = re.search(r"/claims/(CW-\d{7})", page.url)
    if check("getting the next claim opens a claim the decision maker now holds", took and status == 200, f"{page.url} status {status}"):
        main = page.locator("main").inner_text()
        check("the claim page explains the claim's priority in words", re.search(r"Tier [1-6]: ", main) is not None, main[:400])
        check("the claim page says who holds the claim", "demo.dm" in main)
        accessible(page, "claim page with the work-in-progress forms")
        page.screenshot(path=str(SCREENSHOTS / "claim-priority.png"), full_page=True)
        reference = took.group(1)
        text = visit(page, "/", "Your work", "your work, holding a claim")
        check("your work lists the claim held, with days held", reference in text and re.search(r"\b\d+ days?\b", text) is not None, text[:400])
    sign_out(page)


def team_leader(page):
    if not sign_in(page, "demo.tl"):
        return
    text = visit(page, "/team", "", "the team page")
    check("the team page shows each member's capacity and steps completed",
          page.locator("table").count() >= 1 and re.search(r"FTE", text) is not None, text[:400])
    page.screenshot(path=str(SCREENSHOTS / "team.png"), full_page=True)
    text = visit(page, "/staff", "Staff of", "the staff list")
    links = page.locator("main table a[href^='/staff/']")
    if check("the staff list links to staff records", links.count() > 0):
        href = links.first.get_attribute("href")
        visit(page, href, "", "a staff record")
        fte = page.locator("input[name='fte']")
        if check("the staff record has a working-pattern (FTE) field", fte.count() == 1):
            fte.fill("1.5")
            status = submit(page, "form:has(input[name='fte']) button[type=submit]")
            summary = page.locator(".govuk-error-summary")
            check("an FTE of 1.5 is refused with an error summary naming FTE",
                  status == 422 and summary.count() == 1 and "FTE" in summary.inner_text(), f"status {status}")
            check("what was typed is kept", page.input_value("input[name='fte']") == "1.5")
            accessible(page, "a staff record with an error")
    visit(page, "/barriers/review", "Barriers to review", "the barrier review queue")
    sign_out(page)


def planner(page):
    if not sign_in(page, "demo.planner"):
        return
    visit(page, "/wip", "Work in progress", "the WIP page")
    drill = page.locator("main table a[href^='/wip/claims']")
    if check("the WIP counts link to the claims behind them", drill.count() > 0):
        href = drill.first.get_attribute("href")
        response = page.goto(BASE + href)
        check("a WIP drill-down lists claims", response.status == 200 and page.locator("main a[href^='/claims/CW-']").count() > 0,
              page.locator("main").inner_text()[:300])
        accessible(page, "a WIP drill-down")
    page.screenshot(path=str(SCREENSHOTS / "wip.png"), full_page=True)
    text = visit(page, "/operations", "Operations", "the operations list")
    check("the demo's operations are listed", all(code in text for code in ["AMESA", "BRIDORA", "MAKHU"]), text[:400])
    text = visit(page, "/operations/AMESA", "AMESA", "an operation's burn-down")
    check("the burn-down shows the 40 milestones", page.locator("table").count() >= 1 and "milestone" in text.lower(), text[:400])
    visit(page, "/operations/new", "Define an operation", "the new-operation form")
    status = submit(page, "form[action='/operations'] button[type=submit]")
    check("an empty operation form is refused with an error summary", status == 422 and page.locator(".govuk-error-summary").count() == 1,
          f"status {status}")
    accessible(page, "the new-operation form with errors")
    visit(page, "/planning/allocation", "Allocation across units", "the allocation plan")
    visit(page, "/priority-policy", "Priority policy", "the priority policy in force")
    visit(page, "/priority-policy/new", "Adopt a new priority policy", "the new-policy form")
    status = submit(page, "form[action='/priority-policy/new'] button[type=submit]")
    summary = page.locator(".govuk-error-summary")
    check("adopting a policy without saying why is refused, naming that field",
          status == 422 and summary.count() == 1 and "why the policy changes" in summary.inner_text().lower(),
          f"status {status}: {summary.inner_text() if summary.count() else ''}")
    sign_out(page)


def interviews(page):
    """The interview pages: the unit's diary and outcome rates (from the demo's six weeks of history), a claim's
    interview page with an outcome refused by field, the planner's week, and a booking made in one click."""
    if not sign_in(page, "demo.ao"):
        return
    visit(page, "/interviews/diary", "Interview diary", "the interview diary")
    visit(page, "/interviews/outcomes", "Interview outcome rates", "the outcome rates")
    outcomes = page.locator("main").inner_text()
    check("the outcome rates sit beside figure 24's", "62.75" in outcomes and "Completed" in outcomes, outcomes[:400])
    page.screenshot(path=str(SCREENSHOTS / "interview-outcomes.png"), full_page=True)
    visit(page, "/interviews/capacity", "", "the capacity view")
    visit(page, "/interviews/estate", "Interview estate", "the interview estate")
    page.goto(BASE + "/interviews/diary")
    booked = page.locator("main a[href*='/interviews#interview-']")
    if check("the diary links each interview to its claim", booked.count() > 0, page.locator("main").inner_text()[:300]):
        href = booked.last.get_attribute("href")
        visit(page, href.split("#")[0], "Interviews:", "a claim's interview page")
        main = page.locator("main").inner_text()
        check("the interview page shows the interviews, needs and letters", all(h in main for h in ["Interviews", "The claimant's needs", "Letters"]), main[:400])
        forms = page.locator("form[action$='/outcome']")
        if forms.count() > 0:
            form = forms.first
            form.locator("input[value='completed']").check()
            status = submit(page, "form[action$='/outcome'] button[type=submit]")
            summary = page.locator(".govuk-error-summary")
            check("an outcome without its minutes (or before the day) is refused with an error summary",
                  status == 422 and summary.count() == 1, f"status {status}")
            accessible(page, "the interview page with errors")
    sign_out(page)
    if not sign_in(page, "demo.planner"):
        return
    visit(page, "/planning/interviews", "Schedule a week of interviews", "the planner's week")
    page.screenshot(path=str(SCREENSHOTS / "interview-schedule.png"), full_page=True)
    claim_links = page.locator("main a[href$='/interviews']")
    target = claim_links.first.get_attribute("href") if claim_links.count() else None
    sign_out(page)
    if not target or not sign_in(page, "demo.ao"):
        check("the planner's week proposes claims to book", target is not None)
        return
    visit(page, target, "Interviews:", "the interview page of a claim waiting")
    options = page.locator("form[action$='/interviews'] button[id^='book-']")
    if check("the waiting claim is offered ranked options with their reasons", options.count() > 0 and "Why this option" in page.locator("main").inner_text()):
        page.screenshot(path=str(SCREENSHOTS / "interview-options.png"), full_page=True)
        status = submit(page, "button#book-1")
        main = page.locator("main").inner_text()
        check("one click books it and produces the invitation", status == 200 and "The interview was booked" in main and "Interview invitation, dated" in main, f"status {status}: {main[:300]}")
    sign_out(page)


def run_steps(steps, pages):
    """Runs each person's checks in a fresh browser context; a step that cannot run is a failure, and the next
    person's checks still run. Ends with a check that no page logged a console error."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if not executable:
        check("chromium is installed", False, "no chromium on PATH")
        return finish()
    console_errors = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=["--no-sandbox"])
        for step in steps:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            page.on("console", lambda message, page=page: record_console_error(page, message, console_errors))
            page.on("pageerror", lambda error, page=page: console_errors.append(f"{page.url}: {error}"))
            page.set_default_timeout(15_000)
            try:
                step(page)
            except Exception as error:
                check(f"the {step.__name__.replace('_', ' ')} checks ran to the end", False, repr(error))
                try:
                    page.screenshot(path=str(SCREENSHOTS / f"failure-{step.__name__}.png"), full_page=True)
                except Exception:
                    pass
            context.close()
        check(f"no console errors on any {pages} page", not console_errors, "; ".join(console_errors[:5]))
        browser.close()
    return finish()


def main():
    return run_steps((decision_maker, team_leader, planner, interviews), "work-in-progress")


if __name__ == "__main__":
    sys.exit(main())
