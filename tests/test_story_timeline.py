"""A story's timeline through the real command: its events, and the months and years its reports name."""

from __future__ import annotations

import re

import httpx

from conftest import SEEDS, needs, storyline
from webserver import serving


@needs(SEEDS)
def test_the_seeds_storyline_walks_from_the_deal_to_the_expected_completion(db):
    storyline("build", str(SEEDS), "--db", str(db), "--quiet")
    stories = storyline("stories", "--db", str(db)).stdout
    assert re.search(r"│ 1\s+│", stories) and not re.search(r"│ 2\s+│", stories)  # one storyline
    out = storyline("timeline", "--db", str(db), "--story", "1").stdout
    lines = [line for line in out.splitlines() if re.match(r"\d{4}", line)]
    dates = [line.split()[0] for line in lines]
    assert dates == sorted(dates)
    text = "\n".join(lines)
    # the deal, the calls and the summit, the completion expected: each dated and cited
    assert re.search(r"^2018 \(recalled\)\s+Their biggest military contract was signed", text, re.M)
    assert re.search(r"^2023-04 \(expected\).*completed by April 2023", text, re.M)
    assert re.search(r"^2020-10 \(expected\).*first delivery", text, re.M)
    assert re.search(r"^2021-12-20\s+Prime Minister Narendra Modi on Monday held a telephonic", text, re.M)
    assert re.search(r"^2021-12-06\s+Russian President Vladimir Putin and Indian Prime Minister", text, re.M)
    assert sum("spoke over the phone on Monday" in line for line in lines) == 1  # the 2018 call, once
    after_2023 = out[out.index("2023-04 (expected)"):].splitlines()[1]
    assert re.search(r"article [0-9a-f]{16} · sentence \d+", after_2023)
    ranged = storyline("timeline", "--db", str(db), "--story", "1", "--from", "2021").stdout
    assert "2023-04 (expected)" in ranged and "2018 (recalled)" not in ranged
    # the report and the story page carry the same steps, and the sources' disagreements
    report = db.parent / "story.md"
    storyline("report", "--db", str(db), "--story", "1", "-o", str(report))
    md = report.read_text()
    assert "**2023-04** (expected)" in md
    disagree = md[md.index("## Where the reports disagree"):md.index("## Sources")]
    assert "**Monday**" in disagree and "**Tuesday**" in disagree and "**October 2020**" in disagree
    with serving(db) as base:
        page = httpx.get(base + "/stories/1").text
    assert "Also named in the reports" in page and "2023-04" in page
    assert "Where they agree" in page and "Rs 40,000 crore" in page and "cannot both be right" in page


def test_article_text_is_not_read_as_terminal_markup(db, corpus):
    root = corpus({"a.txt": "title: Markup [bold]test[/bold]\ndate: 2024-03-04\n\n"
                            "The council met on Monday and said [red]nothing[/red] about the [/] bridge.\n"})
    storyline("build", str(root), "--db", str(db), "--quiet")
    out = storyline("timeline", "--db", str(db)).stdout
    assert "[red]nothing[/red]" in out and "[/]" in out
