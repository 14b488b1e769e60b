"""A story as one page to send to a colleague: summary, timeline, chart, entities, conflicts, sources.

`story_report` gathers everything from the knowledge base; `render_html` and
`render_markdown` only lay it out. Every statement cites numbered sources listed at the
end (outlet, title, date, link, article id and sentence), so the page stands on its own.
The HTML is one self-contained file: inline CSS, no scripts, nothing fetched (a
Content-Security-Policy says so to the browser), article text escaped, http(s) links only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import jinja2

from .. import __version__
from ..errors import UsageError
from ..store import Store
from .conflicts import Conflict, story_conflicts
from .events import EventSummary
from .present import TimeAxis, safe_url, time_axis
from .summary import Citation, Summary, Writer, story_summary
from .timeline import Milestone, story_milestones, story_timeline

FORMATS = ("html", "md")
TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class SourceArticle:
    number: int  # what citations in the page refer to
    id: str
    title: str | None
    url: str | None  # only when it is a plain http(s) link
    published: str | None
    copy_of: str | None


@dataclass(frozen=True)
class Outlet:
    name: str
    articles: tuple[SourceArticle, ...]


@dataclass(frozen=True)
class StoryReport:
    story: dict
    summary: Summary
    timeline: tuple[EventSummary, ...]
    milestones: tuple[Milestone, ...]  # what the reports name besides the events: recalled or expected
    axis: TimeAxis
    entities: tuple[dict, ...]
    conflicts: tuple[Conflict, ...]
    outlets: tuple[Outlet, ...]
    as_of: str | None  # when the knowledge base was last built
    database: str

    @property
    def numbers(self) -> dict[str, int]:
        return {a.id: a.number for o in self.outlets for a in o.articles}

    def ref(self, citation: Citation | str) -> int | None:
        """The source number a citation (or an article id) refers to."""
        return self.numbers.get(citation if isinstance(citation, str) else citation.article_id)

    def refs(self, cited) -> list[tuple[int, str]]:
        """(source number, where exactly) for citations or reports, once per article, in order."""
        out: dict[int, str] = {}
        for c in cited:
            n = self.ref(c.article_id)
            if n is not None and n not in out:
                out[n] = f"{c.source or 'unknown outlet'}, article {c.article_id}, sentence {c.sentence}"
        return list(out.items())


def _outlets(store: Store, story_id: int) -> tuple[Outlet, ...]:
    """Outlets by how many of the story's articles they carry; articles numbered in that order."""
    groups: dict[str, list] = {}
    for row in store.story_articles(story_id):
        groups.setdefault(row["source"] or "unknown outlet", []).append(row)
    ordered = sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    outlets, number = [], 0
    for name, rows in ordered:
        articles = []
        for r in rows:
            number += 1
            copy_of = r["original_id"] if r["original_id"] not in (None, r["id"]) else None
            articles.append(SourceArticle(number, r["id"], r["title"], safe_url(r["url"]), r["published"], copy_of))
        outlets.append(Outlet(name, tuple(articles)))
    return tuple(outlets)


def story_report(store: Store, story_id: int, *, writer: Writer | None = None, summary_length: int = 5,
                 entities: int = 12) -> StoryReport:
    """Everything the page says about a story, gathered once."""
    story = store.story(story_id)
    if story is None:
        raise UsageError(f"no story {story_id}; `storyline stories` lists them")
    timeline = tuple(story_timeline(store, story_id))
    runs = [r for r in store.runs() if r["finished_at"]]
    return StoryReport(
        story=dict(story),
        summary=story_summary(store, story_id, length=summary_length, writer=writer),
        timeline=timeline,
        milestones=tuple(story_milestones(store, story_id, [e.date for e in timeline if e.date])),
        axis=time_axis(timeline),
        entities=tuple(dict(r) for r in store.story_entities(story_id, entities)),
        conflicts=tuple(story_conflicts(store, story_id, timeline)),
        outlets=_outlets(store, story_id),
        as_of=runs[-1]["finished_at"] if runs else None,
        database=store.path.name,
    )


# -- HTML -------------------------------------------------------------------------------

_env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                          undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def render_html(report: StoryReport) -> str:
    return _env.get_template("report.html").render(r=report, version=__version__)


# -- Markdown -----------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def md_text(text: str | None) -> str:
    """Untrusted text as inert Markdown: one line, every character Markdown could act on escaped."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join((text or "").split()))


def md_url(url: str) -> str:
    """A link target that cannot end the link early: spaces, brackets and angle brackets encoded."""
    return quote(url, safe=":/?#@!$&'*+,;=%~-._[]")


def _md_cites(report: StoryReport, cited) -> str:
    return " ".join(f"\\[{n}\\]" for n, _ in report.refs(cited))


def text_chart(report: StoryReport, width: int = 60) -> list[str]:
    """The time axis in characters: a row of event numbers placed along the span."""
    axis = report.axis
    if not axis.marks:
        return []
    rows = [[" "] * (width + 4) for _ in range(axis.lanes)]
    for m in axis.marks:
        label = str(m.number)
        col = min(round(m.left * width / 100), width + 4 - len(label))
        row = rows[axis.lanes - 1 - m.lane]
        row[col:col + len(label)] = list(label)
    line = "├" + "─" * (width - 1) + "┤"
    ends = axis.first if axis.first == axis.last else \
        f"{axis.first}{' ' * max(1, width + 1 - len(axis.first) - len(axis.last))}{axis.last}"
    return ["".join(r).rstrip() for r in rows] + [line, ends]


def render_markdown(report: StoryReport) -> str:
    s = report.story
    out = [f"# {md_text(s['title'])}", ""]
    span = f"{s['first']} – {s['last']}" if s["first"] else "undated"
    out += [f"Story {s['id']} · {span} · {s['events']} event(s) in {s['articles']} article(s) from "
            f"{len(report.outlets)} outlet(s). Numbers in brackets are the sources listed at the end.", ""]
    out += ["## Summary", ""]
    if report.summary.sentences:
        out += [f"- {md_text(line.text)} {_md_cites(report, line.citations)}" for line in report.summary.sentences]
    else:
        out.append("No sentences to summarise.")
    out += [f"\n*{md_text(note)}*" for note in report.summary.notes]
    for text, why in report.summary.dropped:
        out.append(f"- left out: “{md_text(text)}” ({md_text(why)})")
    out += ["", "## Timeline", ""]
    chart = text_chart(report)
    if chart:
        out += ["```text", *chart, "```", ""]
    for number, e in enumerate(report.timeline, start=1):
        basis = "" if e.date_basis == "reported" else f" ({e.date_basis} date)"
        outlets = f"{e.outlets} outlet{'s' if e.outlets != 1 else ''}"
        cites = _md_cites(report, e.reports)
        out.append(f"{number}. **{e.date}**{basis} {md_text(e.text)} ({outlets}) {cites}")
    if not report.timeline:
        out.append("No dated events.")
    if report.milestones:
        out += ["", "Also named in the reports:", ""]
        out += [f"- **{m.date}** ({m.when}) {md_text(m.text)} {_md_cites(report, m.citations)}" for m in report.milestones]
    out += ["", "## Main entities", ""]
    if report.entities:
        out += ["| entity | type | articles | mentions |", "|---|---|---:|---:|"]
        out += [f"| {md_text(x['name'])} | {md_text(x['type'])} | {x['articles']} | {x['mentions']} |"
                for x in report.entities]
    else:
        out.append("No entities found.")
    out += ["", "## Where the reports disagree", ""]
    for c in report.conflicts:
        sides = " vs ".join(f"**{md_text(p.value)}** ({p.reports} report{'s' if p.reports != 1 else ''}"
                            + (f": {md_text(', '.join(p.sources))}" if p.sources else "") + ")" for p in c.positions)
        out.append(f"- {md_text(c.kind.capitalize())} · {md_text(c.about)}: {sides}")
    if not report.conflicts:
        out.append("No disagreement found between the reports.")
    out += ["", "## Sources", ""]
    for o in report.outlets:
        out += [f"### {md_text(o.name)} ({len(o.articles)} article{'s' if len(o.articles) != 1 else ''})", ""]
        for a in o.articles:
            title = md_text(a.title or "untitled")
            link = f"[{title}]({md_url(a.url)})" if a.url else title
            copy = f" · copy of \\[{report.ref(a.copy_of)}\\]" if a.copy_of and report.ref(a.copy_of) else ""
            out.append(f"- \\[{a.number}\\] {link} · {a.published or 'undated'} · article `{a.id}`{copy}")
        out.append("")
    out.append(f"*Made with Storyline {__version__} from {md_text(report.database)}"
               + (f", built {report.as_of}" if report.as_of else "") + f"; summary: {md_text(report.summary.method)}.*")
    return "\n".join(out) + "\n"


def render(report: StoryReport, fmt: str) -> str:
    if fmt == "html":
        return render_html(report)
    if fmt == "md":
        return render_markdown(report)
    raise UsageError(f"unknown report format {fmt!r} (known: {', '.join(FORMATS)})")


def format_for(path: Path | str | None, fmt: str | None = None) -> str:
    """The format asked for, else the one the file's suffix names (.html, .htm, .md, .markdown)."""
    if fmt:
        fmt = {"markdown": "md", "htm": "html"}.get(fmt.lower(), fmt.lower())
    elif path is not None:
        fmt = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md"}.get(Path(path).suffix.lower())
        if fmt is None:
            raise UsageError(f"cannot tell the format from {Path(path).name!r}; name it .html or .md, or give --format")
    else:
        fmt = "md"
    if fmt not in FORMATS:
        raise UsageError(f"unknown report format {fmt!r} (known: {', '.join(FORMATS)})")
    return fmt
