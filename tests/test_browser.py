"""The web UI in a real browser: Debian's Chromium driven by Playwright."""

from __future__ import annotations

import shutil

import pytest

from webserver import serving

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]

playwright_api = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(not shutil.which("chromium"), reason="Debian's chromium is not installed (make test installs it)")


@pytest.fixture(scope="module")
def server(demo_kb_path):
    with serving(demo_kb_path) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    yield pg
    context.close()
    assert not errors, errors


def test_story_page_entry_leads_to_its_source_sentence(server, page):
    page.goto(server + "/stories")
    page.locator("table.list a").first.click()
    page.wait_for_url("**/stories/*")
    dates = page.locator(".timeline time").all_inner_texts()
    assert len(dates) >= 4 and dates == sorted(dates)
    assert page.locator(".axis circle").count() == len(dates)
    assert "disagree" in page.locator("h2", has_text="disagree").inner_text()
    entry = page.locator(".timeline .entry .cite").nth(1)
    text = entry.inner_text()
    entry.click()
    page.wait_for_url("**/articles/*#s-*")
    assert page.locator(".sentence:target").inner_text() == text


def test_timeline_entry_leads_to_its_sentence(server, page, tmp_path):
    page.goto(server + "/")
    entries = page.locator(".entry .cite")
    assert entries.count() >= 8
    dates = page.locator(".day time").all_inner_texts()
    assert dates == sorted(dates)
    first_text = entries.first.inner_text()
    entries.first.click()
    page.wait_for_url("**/articles/*#s-0")
    target = page.locator(".sentence:target")
    assert target.inner_text() == first_text
    assert target.evaluate("el => getComputedStyle(el).backgroundColor") != "rgba(0, 0, 0, 0)"
    page.screenshot(path=str(tmp_path / "article.png"), full_page=True)


def test_search_from_the_keyboard(server, page):
    page.goto(server + "/sources")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "q"
    page.keyboard.type("compensation")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?q=compensation")
    marks = page.locator(".hit mark")
    assert marks.count() >= 1 and marks.first.inner_text().lower() == "compensation"
    page.locator(".hit a").first.click()
    page.wait_for_url("**/articles/*#s-*")
    assert "compensation" in page.locator(".sentence:target").inner_text().lower()


def test_hostile_article_never_runs_script(server, page):
    page.goto(server + "/search?q=Monday+cranes")
    page.locator(".hit a", has_text="port board").first.click()
    page.wait_for_load_state("load")
    assert page.evaluate("window.__pwned") is None
    assert "<script>window.__pwned=4</script>" in page.locator(".text").inner_text()
    assert page.locator(".text script, .text svg, .text a, img").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0
    for path in ("/", "/articles", "/sources", "/search?q=cranes", "/stories", "/entities"):
        page.goto(server + path)
        assert page.evaluate("window.__pwned") is None, path
    for story in range(1, 4):
        page.goto(server + f"/stories/{story}")
        assert page.evaluate("window.__pwned") is None


def test_phone_width_has_no_sideways_scroll(server, browser):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    pg = context.new_page()
    for path in ("/", "/articles", "/sources", "/stories", "/stories/1", "/entities"):
        pg.goto(server + path)
        assert pg.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), path
    context.close()


def test_keyboard_reaches_the_navigation(server, page):
    page.goto(server + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Storyline"
