"""Giving preferences on the delegate's page, with the keyboard, in a real Chromium."""

from __future__ import annotations

import os
from typing import Any

from service.conftest import NID, missing_service

try:
    from playwright.sync_api import expect
except ModuleNotFoundError:  # pragma: no cover - CI installs the test extra
    missing_service("browser tests need Playwright: pip install -e '.[test]'", module=True)

from .conftest import Live
from .test_browser import _login


def _shot(page: Any, name: str) -> None:
    if os.environ.get("ACCORDS_SCREENSHOTS"):
        page.screenshot(path=os.path.join(os.environ["ACCORDS_SCREENSHOTS"], name), full_page=True)


def _focused(page: Any) -> str:
    return str(page.evaluate("document.activeElement && document.activeElement.dataset.testid"))


def test_a_delegate_answers_with_the_keyboard_and_only_it_sees_its_profile(
    browser: Any, live: Live
) -> None:
    page = _login(browser, live, "taliban")
    page.goto(f"{live.url}/n/{NID}/preferences/taliban")
    compare = page.get_by_test_id("compare")
    expect(compare).to_contain_text("Which would you rather have?")
    # the section is loaded by HTMX after the page: its form posts through HTMX only once
    # the swap has settled (a key pressed before that submits the plain form instead)
    page.wait_for_function("() => !document.querySelector('.htmx-settling, .htmx-added')")
    # "which would you rather?": Enter on package A, then Tab to package B and Space
    page.get_by_test_id("choose-a").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("elicit-flash")).to_contain_text("Recorded")
    expect(page.get_by_test_id("fitted-profile")).to_contain_text("from 1 answers")
    page.get_by_test_id("choose-a").focus()
    page.keyboard.press("Tab")
    assert _focused(page) == "choose-b"  # the focus order follows the cards
    page.keyboard.press("Space")
    expect(page.get_by_test_id("fitted-profile")).to_contain_text("from 2 answers")
    # a package card rated by its label, submitted with Enter
    page.get_by_label("Rating of package 1").fill("80")
    page.get_by_label("Rating of package 1").press("Enter")
    expect(page.get_by_test_id("fitted-profile")).to_contain_text("from 3 answers")
    expect(page.get_by_test_id("fitted-profile")).to_contain_text("Profile fitted by comparisons")
    weight = page.get_by_test_id("weight-ceasefire").inner_text()
    assert weight != "—"
    _shot(page, "elicit-delegate.png")

    other = _login(browser, live, "united-states")
    for path in (f"/n/{NID}/preferences/taliban", f"/n/{NID}/elicit/taliban"):
        response = other.goto(f"{live.url}{path}")
        assert response is not None and response.status == 403
        assert "Profile fitted" not in other.content()
    # its own page asks its own questions, with nothing fitted yet
    other.goto(f"{live.url}/n/{NID}/preferences/united-states")
    expect(other.get_by_test_id("fitted-profile")).to_contain_text("No profile fitted yet")

    mediator = _login(browser, live, "mediator")
    mediator.goto(f"{live.url}/n/{NID}")
    area = mediator.locator("#area-facilitation")
    expect(area).to_contain_text("On the table")
    expect(area.get_by_test_id("blind-status")).to_contain_text("0 of 3 parties have marked")
    improvements = area.get_by_test_id("improvements")
    if improvements.count():
        expect(improvements).to_contain_text("Probability all prefer it")
    if os.environ.get("ACCORDS_SCREENSHOTS"):
        area.screenshot(path=os.path.join(os.environ["ACCORDS_SCREENSHOTS"], "facilitation.png"))


def test_an_answer_refreshes_the_recorded_preferences_on_the_page(browser: Any, live: Live) -> None:
    page = _login(browser, live, "taliban")
    page.goto(f"{live.url}/n/{NID}/preferences/taliban")
    recorded = page.get_by_test_id("recorded-preferences")
    before = recorded.inner_text()
    expect(page.get_by_test_id("compare")).to_contain_text("Which would you rather have?")
    page.wait_for_function("() => !document.querySelector('.htmx-settling, .htmx-added')")
    page.get_by_test_id("choose-b").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("elicit-flash")).to_contain_text("Recorded")
    # the table outside the answering section now shows the refitted, recorded profile
    expect(recorded).not_to_have_text(before)
    fresh = page.context.new_page()
    fresh.goto(f"{live.url}/n/{NID}/preferences/taliban")
    assert fresh.get_by_test_id("recorded-preferences").inner_text() == recorded.inner_text()
