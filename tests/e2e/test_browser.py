"""The dashboard in a real browser: log in, record a move, watch it arrive elsewhere."""

from __future__ import annotations

import os
import re
from collections import deque
from typing import Any
from urllib.parse import urljoin, urlparse

from service.conftest import NID, SECRETS, leaks, missing_service

try:
    from playwright.sync_api import expect
except ModuleNotFoundError:  # pragma: no cover - CI installs the test extra
    missing_service("browser tests need Playwright: pip install -e '.[test]'", module=True)

from .conftest import Live


def _login(browser: Any, live: Live, who: str) -> Any:
    """A fresh browser session logged in through the login link (token in the fragment)."""
    context = browser.new_context(viewport={"width": 1366, "height": 800})
    page = context.new_page()
    page.goto(f"{live.url}/login#token={live.tokens[who]}")
    page.wait_for_url(f"{live.url}/")
    expect(page.get_by_test_id("viewer")).to_contain_text(
        "delegate of " + who if who in SECRETS else who
    )
    return page


def test_a_move_recorded_by_a_delegate_shows_up_in_another_session(
    browser: Any, live: Live
) -> None:
    mediator = _login(browser, live, "mediator")
    mediator.goto(f"{live.url}/n/{NID}")
    cell = mediator.get_by_test_id("stance-ceasefire-taliban")
    expect(cell).to_have_text("silent")

    delegate = _login(browser, live, "taliban")
    delegate.goto(f"{live.url}/n/{NID}")
    form = delegate.get_by_test_id("move-form")
    form.get_by_label("Move").select_option("accept")
    expect(form.get_by_label("By")).to_have_value("taliban")  # its own party only
    assert form.get_by_label("By").locator("option").count() == 1
    form.get_by_label("Part or option").select_option("ceasefire:six-month")
    form.get_by_label("Level (accept only)").select_option("principle")
    form.get_by_label("Note").fill("accepted in principle in Doha")
    form.get_by_role("button", name="Record").click()
    expect(delegate.get_by_test_id("flash")).to_contain_text("Recorded: #")
    expect(delegate.get_by_test_id("stance-ceasefire-taliban")).to_have_text(
        "accepts six-month (principle)"
    )
    # the other session sees it without reloading (the panel polls)
    expect(cell).to_have_text("accepts six-month (principle)", timeout=15_000)
    expect(mediator.get_by_test_id("history")).to_contain_text("accepted in principle in Doha")

    # a refused move says why and changes nothing
    form.get_by_label("Move").select_option("propose")
    form.get_by_label("Part or option").select_option("")
    form.get_by_role("button", name="Record").click()
    expect(delegate.get_by_test_id("flash")).to_contain_text("Not recorded:")
    if os.environ.get("ACCORDS_SCREENSHOTS"):
        mediator.screenshot(
            path=os.path.join(os.environ["ACCORDS_SCREENSHOTS"], "dashboard.png"), full_page=True
        )
    # no log line carries a token or a secret (the login link's token rides in the fragment)
    logged = "\n".join(live.log)
    assert "GET /n/" in logged  # the access log is really captured
    assert not any(t in logged for t in live.tokens.values())
    assert not any(leaks(logged, p) for p in SECRETS)


def test_the_time_slider_works_with_the_keyboard(browser: Any, live: Live) -> None:
    page = _login(browser, live, "observer")
    page.goto(f"{live.url}/n/{NID}")
    expect(page.get_by_test_id("view")).to_have_text("now")
    slider = page.get_by_test_id("slider")
    slider.focus()
    page.keyboard.press("ArrowLeft")
    expect(page.get_by_test_id("view")).to_contain_text("as of round 6", timeout=10_000)
    expect(page.get_by_test_id("slider-label")).to_contain_text("as of round 6")
    page.keyboard.press("Home")
    expect(page.get_by_test_id("view")).to_contain_text("as of round 1", timeout=10_000)
    expect(page.get_by_test_id("package-line")).to_contain_text("Nothing is agreed")
    page.keyboard.press("End")
    expect(page.get_by_test_id("view")).to_have_text("now", timeout=10_000)
    # every control can be reached with Tab; the first stop is the skip link
    page.reload()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"


def test_the_panels_below_the_board_follow_the_slider(browser: Any, live: Live) -> None:
    page = _login(browser, live, "observer")
    page.goto(f"{live.url}/n/{NID}")
    clause = page.locator("#area-text #clause-counter-terrorism")
    text_view = page.get_by_test_id("area-view-text")
    expect(text_view).to_have_text("now")
    expect(clause).to_have_class(re.compile(r"\bstatus-agreed-ad-ref\b"))
    expect(page.locator("#area-text")).to_contain_text("As of now.")
    slider = page.get_by_test_id("slider")
    slider.focus()
    page.keyboard.press("Home")  # round 1
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    expect(page.get_by_test_id("view")).to_contain_text("as of round 4", timeout=10_000)
    expect(text_view).to_contain_text("as of round 4", timeout=10_000)
    expect(page.get_by_test_id("area-view-statements")).to_contain_text("as of round 4")
    expect(page.get_by_test_id("area-view-analysis")).to_contain_text("as of round 4")
    # counter-terrorism was agreed in principle then, in brackets; ad referendum from round 5
    expect(clause).to_have_class(re.compile(r"\bstatus-agreed-in-principle\b"))
    expect(clause).to_contain_text("[Taliban guarantees")
    expect(page.locator("#area-text")).to_contain_text("As of round 4 (Doha")
    page.keyboard.press("ArrowRight")
    expect(text_view).to_contain_text("as of round 5", timeout=10_000)
    expect(clause).to_have_class(re.compile(r"\bstatus-agreed-ad-ref\b"))
    page.keyboard.press("End")
    expect(text_view).to_have_text("now", timeout=10_000)
    expect(page.locator("#area-text")).to_contain_text("As of now.")


def _crawl(page: Any, base: str, start: str, limit: int = 60) -> dict[str, str]:
    """Every same-site page reachable by links (and the slider's rounds) from ``start``."""
    seen: dict[str, str] = {}
    queue = deque([start])
    while queue and len(seen) < limit:
        url = queue.popleft()
        if url in seen:
            continue
        response = page.goto(url)
        seen[url] = f"{response.status if response else '?'}\n" + page.content()
        for href in page.eval_on_selector_all(
            "a[href]", "els => els.map(e => e.getAttribute('href'))"
        ):
            target = urljoin(url, href).split("#", 1)[0]
            if urlparse(target).netloc == urlparse(base).netloc and target not in seen:
                queue.append(target)
        if re.search(r"/n/[^/?]+$", url):
            queue.extend(f"{url}?round={n}" for n in range(1, 8))
    return seen


def test_a_delegate_cannot_reach_another_partys_preferences(browser: Any, live: Live) -> None:
    page = _login(browser, live, "taliban")
    pages = _crawl(page, live.url, f"{live.url}/")
    assert f"{live.url}/n/{NID}/preferences/taliban" in pages  # its own, linked
    everything = "\n".join(pages.values())
    assert len(leaks(everything, "taliban")) == len(SECRETS["taliban"])
    assert not leaks(everything, "united-states")
    # typed by hand, another party's page is refused
    for party in ("united-states", "afghan-government"):
        response = page.goto(f"{live.url}/n/{NID}/preferences/{party}")
        assert response is not None and response.status == 403
        assert "Not allowed" in page.content()
        assert not leaks(page.content(), "united-states")
    # and the API is closed to the browser's session (it needs a bearer token)
    response = page.goto(f"{live.url}/api/negotiations/{NID}/preferences/united-states")
    assert response is not None and response.status == 401
