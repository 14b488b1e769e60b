"""Story reports: one self-contained page, every statement cited, hostile text inert, from the real pipeline."""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest

import storyline
from conftest import SEEDS, needs
from storyline.api import KnowledgeBase
from storyline.errors import UsageError
from storyline.tell import conflicts
from storyline.tell.conflicts import Conflict, Position
from storyline.tell.present import time_axis
from storyline.tell.report import format_for, md_text
from webserver import serving

SECTIONS = ("Summary", "Timeline", "Main entities", "Where the reports disagree", "Sources")


class Page(HTMLParser):
    """Every tag and attribute of a page, to check what it could load or run."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def values(self, tag: str, attr: str) -> list[str]:
        return [a[attr] for t, a in self.tags if t == tag and a.get(attr) is not None]


def assert_self_contained(html: str) -> Page:
    page = Page(html)
    names = {t for t, _ in page.tags}
    assert not names & {"script", "img", "iframe", "object", "embed", "link", "base", "form", "input", "b"}, names
    assert not [a for _, attrs in page.tags for a in attrs if a.startswith("on")]
    for href in page.values("a", "href"):
        assert href.startswith("#") or re.match(r"https?://", href), href
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert "url(" not in html.split("</style>")[0] and "@import" not in html
    return page


@pytest.fixture(scope="module")
def kb(demo_kb_path):
    with KnowledgeBase(demo_kb_path) as opened:
        yield opened


@pytest.fixture(scope="module")
def stories(kb):
    rows = kb.stories()
    main = rows[0]["id"]
    hostile = next(r["id"] for r in rows if any("Hostile" in (a["title"] or "") for a in kb.store.story_articles(r["id"])))
    return main, hostile


def test_html_report_is_one_cited_self_contained_page(kb, stories):
    main, _ = stories
    html = kb.report(main, "html")
    page = assert_self_contained(html)
    for title in SECTIONS:
        assert f"<h2>{title}</h2>" in html
    report = kb.story_report(main)
    sources = set(page.values("li", "id"))
    assert {f"src-{a.number}" for o in report.outlets for a in o.articles} <= sources
    for href in page.values("a", "href"):
        if href.startswith("#"):
            assert href[1:] in set(page.values("li", "id")), href  # every in-page link lands somewhere
    cites = [h for h in page.values("a", "href") if h.startswith("#src-")]
    assert len(cites) >= len(report.timeline) + len(report.summary.sentences)
    assert len(re.findall(r"<circle ", html)) == len(report.timeline) >= 4
    for line in report.summary.sentences:
        assert line.text.replace("'", "&#39;") in html
    # the weekday dispute of the phone call is reported, with both days
    disputes = html.split("<h2>Where the reports disagree</h2>")[1].split("<h2>")[0]
    assert "2023-07-10" in disputes and "2023-07-11" in disputes
    assert "Aldenvik Heavy Industries" in html.split("<h2>Main entities</h2>")[1]
    assert kb.report(main, "html") == html  # the same knowledge base, the same page


def test_hostile_text_is_escaped_in_html_and_inert_in_markdown(kb, stories):
    _, hostile = stories
    html = kb.report(hostile, "html")
    assert_self_contained(html)
    assert "&lt;script&gt;window.__pwned=" in html and "<script>window" not in html
    assert "&lt;img src=x onerror=" in html and "<svg onload" not in html
    assert "javascript:" not in "".join(Page(html).values("a", "href"))
    md = kb.report(hostile, "md")
    assert "\\<script\\>window.\\_\\_pwned=" in md
    assert re.search(r"(?<!\\)<(script|img|svg|a )", md) is None
    assert "](javascript:" not in md and "javascript:window.__pwned=3" not in md  # the article's url is not a link


def test_markdown_report_lists_every_section_and_source(kb, stories):
    main, _ = stories
    md = kb.report(main, "md")
    for title in SECTIONS:
        assert f"\n## {title}\n" in md
    report = kb.story_report(main)
    numbers = [int(n) for n in re.findall(r"^- \\\[(\d+)\\\] ", md, re.M)]
    assert numbers == list(range(1, sum(len(o.articles) for o in report.outlets) + 1))
    summary = md.split("## Summary\n")[1].split("\n## ")[0]
    lines = [ln for ln in summary.splitlines() if ln.startswith("- ")]
    assert len(lines) == len(report.summary.sentences) and all(re.search(r"\\\[\d+\\\]$", ln) for ln in lines)
    cited = {int(n) for n in re.findall(r"\\\[(\d+)\\\]", md.split("## Sources")[0])}
    assert cited and cited <= set(numbers)
    chart = md.split("```text\n")[1].split("```")[0].splitlines()
    assert chart[-2].startswith("├") and chart[-1].startswith(report.axis.first)
    assert sorted(int(n) for n in re.findall(r"\d+", " ".join(chart[:-2]))) == list(range(1, len(report.timeline) + 1))
    assert "[Brennmark's Aldenvik Heavy Industries wins port crane order in Sarvana](https://example.net/" in md


def test_conflict_finders_plug_in(kb, stories, monkeypatch):
    main, _ = stories

    def amounts(store, story_id, timeline):
        yield Conflict("amount", "cost of the expansion", (Position("USD 1 billion", 2, ("Wire",)),
                                                            Position("Rs 8,500 crore", 1, ("Daily",))), "differs")

    monkeypatch.setattr(conflicts, "FINDERS", [*conflicts.FINDERS, amounts])
    md = kb.report(main, "md")
    assert "- Amount · cost of the expansion: **USD 1 billion** (2 reports: Wire) vs **Rs 8,500 crore**" in md
    assert "Event date · " in md  # the date disputes stay


def test_errors_formats_and_helpers(kb):
    with pytest.raises(UsageError, match="no story 999"):
        kb.report(999, "md")
    with pytest.raises(UsageError):
        kb.report(kb.stories()[0]["id"], "pdf")
    assert format_for("r.HTML") == "html" and format_for("r.md") == "md" and format_for(None) == "md"
    assert format_for("r.txt", "markdown") == "md"
    with pytest.raises(UsageError):
        format_for("r.txt")
    assert md_text("a *b* [c](d) <e> | f\n g") == "a \\*b\\* \\[c\\](d) \\<e\\> \\| f g"


class _Entry:
    def __init__(self, id, date, outlets=1):
        self.id, self.date, self.outlets = id, date, outlets


def test_time_axis_places_stacks_and_ticks():
    axis = time_axis([_Entry(1, "2023-01-10"), _Entry(2, "2023-01-11", 3), _Entry(3, "2023-07"), _Entry(4, "2023-12-31")])
    assert [m.left for m in axis.marks] == [0.0, round(100 / 355, 2), round(100 * 172 / 355, 2), 100.0]
    assert [m.lane for m in axis.marks] == [0, 1, 0, 0] and axis.lanes == 2
    assert [m.number for m in axis.marks] == [1, 2, 3, 4]
    assert axis.ticks[0].label == "2023-02" and len(axis.ticks) <= 8
    years = time_axis([_Entry(1, "2015-06-01"), _Entry(2, "2021-02-01")])
    assert [t.label for t in years.ticks] == ["2016", "2017", "2018", "2019", "2020", "2021"]
    assert time_axis([]).marks == ()
    crowded = time_axis([_Entry(i, f"2020-01-{i:02d}") for i in range(1, 31)] + [_Entry(31, "2020-12-31")])
    assert crowded.lanes == 8 and len(crowded.marks) == 31


def test_cli_writes_html_and_markdown(kb, stories, tmp_path):
    main, _ = stories
    exe = Path(sys.executable).with_name("storyline")

    def run(*args):
        return subprocess.run([str(exe), *args], capture_output=True, text=True, timeout=120)

    for name in ("report.html", "report.md"):
        done = run("report", "--db", str(kb.path), "--story", str(main), "-o", str(tmp_path / name))
        assert done.returncode == 0, done.stderr
        assert (tmp_path / name).read_text() == kb.report(main, name.split(".")[1])
    shown = run("report", "--db", str(kb.path), "--story", str(main), "--format", "md")
    assert shown.returncode == 0 and shown.stdout == kb.report(main, "md")
    missing = run("report", "--db", str(kb.path), "--story", "999", "-o", str(tmp_path / "x.html"))
    assert missing.returncode == 2 and "no story 999" in missing.stderr and not (tmp_path / "x.html").exists()
    odd = run("report", "--db", str(kb.path), "--story", str(main), "-o", str(tmp_path / "x.pdf"))
    assert odd.returncode == 2 and ".html or .md" in odd.stderr
    told = run("summary", "--db", str(kb.path), "--story", str(stories[1]))
    assert told.returncode == 0 and "<script>window.__pwned=4</script>" in told.stdout  # a terminal shows it as is
    assert run("summary", "--db", str(kb.path)).returncode == 2


def test_story_page_shows_the_cited_summary(kb, stories):
    main, _ = stories
    summary = kb.summary(story_id=main)
    with serving(kb.path) as base:
        page = httpx.get(f"{base}/stories/{main}").text
    assert "<h2>Summary</h2>" in page
    for line in summary.sentences:
        own = line.citations[0]
        assert f'href="/articles/{own.article_id}#s-{own.sentence}"' in page


@needs(SEEDS)
@pytest.mark.shared
def test_report_on_the_seed_articles(tmp_path):
    db = tmp_path / "seeds.db"
    storyline.build([SEEDS], db=db, workers=1)
    with KnowledgeBase(db) as kb:
        story = kb.stories()[0]["id"]
        html = kb.report(story, "html")
        assert_self_contained(html)
        report = kb.story_report(story)
        assert report.summary.sentences and report.outlets
        ids = set(Page(html).values("li", "id"))
        assert all(h[1:] in ids for h in Page(html).values("a", "href") if h.startswith("#"))
