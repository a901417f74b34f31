"""The pages as a person uses them, in Debian's Chromium driven by Playwright (never a downloaded
browser). Skipped, with the reason, where /usr/bin/chromium or playwright is missing.
Screenshots are kept in out/screenshots/ (git-ignored)."""
from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
SHOTS = Path(__file__).resolve().parents[2] / "out" / "screenshots"

playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (make test installs it)")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium (make test installs Debian's chromium as root)")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def site(store):
    import uvicorn

    from storylens.web import create_app
    from tests.web.test_uploads import quick_pipeline

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(store, run_pipeline=quick_pipeline), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "the server did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


@pytest.fixture
def page(site):
    problems: list[str] = []
    with playwright_api.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        tab = browser.new_page(viewport={"width": 1200, "height": 900})
        tab.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
        tab.on("pageerror", lambda error: problems.append(str(error)))
        tab.on("dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
        yield tab
        browser.close()
    assert problems == [], "the pages raised console errors or ran hostile script"


def no_live_markup(tab) -> None:
    """The hostile titles, bodies, outlets and URLs must show as text, never become elements."""
    assert tab.locator("script").count() == 0 and tab.locator("img").count() == 0
    assert tab.locator("a[href^='javascript:']").count() == 0


def test_a_reader_follows_a_story_to_its_evidence(site, page):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.goto(site + "/")
    assert page.locator("ul.stories li.story").count() == 1 and page.locator(".badge.disputed").count() == 1
    no_live_markup(page)
    page.screenshot(path=SHOTS / "index.png", full_page=True)

    page.locator("ul.stories h2 a").first.click()
    page.wait_for_url("**/stories/fen")
    assert "disputed" in page.locator("section.verdict").inner_text()
    claim = page.locator("details.claim").first
    assert not claim.evaluate("node => node.open")
    claim.locator("summary").click()
    assert claim.evaluate("node => node.open") and claim.locator("ol.mentions li").count() == 3
    assert page.locator("svg.provenance").count() == 1 and page.locator("svg.timeline").count() == 1
    no_live_markup(page)
    page.screenshot(path=SHOTS / "story.png", full_page=True)

    page.locator("table.matrix td.cell.denies a").first.click()
    page.wait_for_url("**/articles/fen-1#s-*")
    target = page.locator("mark:target")
    assert target.count() == 1 and target.inner_text() == "The harbour board denied the report on Tuesday."
    no_live_markup(page)
    page.screenshot(path=SHOTS / "article.png", full_page=True)


def test_a_reader_searches(site, page):
    page.goto(site + "/")
    page.fill("header.site input[name=q]", "ferry")
    page.press("header.site input[name=q]", "Enter")
    page.wait_for_url("**/search?q=ferry")
    assert page.locator("ul.results.claims li a").count() == 1
    assert page.locator("ul.results.articles li a").count() == 2
    no_live_markup(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / "search.png", full_page=True)


def test_a_reader_uploads_a_file_and_sees_the_stories_update(site, page, tmp_path):
    upload = tmp_path / "kiln.txt"
    upload.write_text("Kiln fire story <i>from an upload</i>")
    page.goto(site + "/")
    page.click("text=Upload")
    page.set_input_files("input[name=files]", str(upload))
    page.click("form.upload button[type=submit]")
    page.wait_for_url("**/jobs/*")
    page.wait_for_selector("[data-state=done]", timeout=30_000)  # the page refreshes itself until then
    page.click("text=See the stories")
    assert page.locator("ul.stories h2 a", has_text="Kiln fire story <i>from an upload</i>").count() == 1
    assert page.locator("i").count() == 0
    no_live_markup(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / "after-upload.png", full_page=True)
