"""The `storyline` command: a thin layer over the Python API."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from . import __version__
from .api import open_kb
from .dates import bounds
from .errors import StorylineError
from .model import STATED_BASES
from .pipeline import build as run_build
from .read import DEFAULT_MAX_BYTES
from .store import DEFAULT_DB
from .tell.timeline import Milestone

app = typer.Typer(help="Turn a pile of news articles into a sourced knowledge base.",
                  no_args_is_help=True, add_completion=False,
                  pretty_exceptions_show_locals=False)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

DbOption = Annotated[Path, typer.Option("--db", help="Knowledge base file (SQLite).")]


def _fail(exc: StorylineError) -> None:
    err.print(f"[red]error:[/] {exc}", markup=True)
    raise typer.Exit(2)


def _version(value: bool) -> None:
    if value:
        out.print(f"storyline {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: Annotated[Optional[bool], typer.Option("--version", callback=_version, is_eager=True,
                                                          help="Show the version and exit.")] = None) -> None:
    """Storyline reads news articles and builds a knowledge base you can question."""


@app.command()
def build(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (read recursively).")],
    db: DbOption = Path(DEFAULT_DB),
    workers: Annotated[Optional[int], typer.Option("--workers", "-w", min=1, help="Processes (default: all cores).")] = None,
    max_bytes: Annotated[int, typer.Option("--max-bytes", min=1, help="Skip files larger than this.")] = DEFAULT_MAX_BYTES,
    annotators: Annotated[str, typer.Option("--annotators", "-a", help="Comma-separated annotators to run, 'all' or 'none' (known: pubdate, time, quantities, entities, claims).")] = "all",
    link: Annotated[bool, typer.Option("--link/--no-link", help="Link new articles across the corpus (copies, events, stories).")] = True,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Read articles from PATHS into the knowledge base."""
    from .annotate import DEFAULT

    chosen = DEFAULT if annotators == "all" else () if annotators == "none" else tuple(
        a.strip() for a in annotators.split(",") if a.strip())
    progress = Progress(TextColumn("building"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                        console=err, transient=True, disable=quiet)
    task = progress.add_task("read", total=None)

    def on_progress(done: int, total: int) -> None:
        progress.update(task, completed=done, total=total)

    def on_skip(path: str, reason: str) -> None:
        progress.console.print(f"[yellow]skipped[/] {path}: {reason}", markup=True, highlight=False)

    try:
        with progress:
            report = run_build([str(p) for p in paths], db, workers=workers, max_bytes=max_bytes,
                               annotators=chosen, link=link, on_progress=on_progress, on_skip=on_skip)
    except StorylineError as exc:
        _fail(exc)
    c = report.counts
    verb = "Interrupted after reading" if report.interrupted else "Read"
    out.print(f"{verb} {c['read']} articles into {db} in {report.seconds:.1f} s: "
              f"{c['new']} new, {c['updated']} updated, {c['unchanged']} unchanged; {c['skipped']} skipped.")
    if report.placed:
        out.print(f"Dated {report.placed} undated article(s) by the reports of their storyline.")
    if report.skipped:
        reasons: dict[str, int] = {}
        for _, reason in report.skipped:
            key = reason.split(" (")[0]
            reasons[key] = reasons.get(key, 0) + 1
        for reason, n in sorted(reasons.items(), key=lambda kv: -kv[1]):
            out.print(f"  skipped {n}: {reason}")
    if report.interrupted:
        err.print("Nothing committed was lost; run the same command again to finish.")
        raise typer.Exit(130)


@app.command()
def timeline(
    db: DbOption = Path(DEFAULT_DB),
    query: Annotated[Optional[str], typer.Option("--query", "-q", help="Only entries about these words.")] = None,
    start: Annotated[Optional[str], typer.Option("--from", help="First date (YYYY, YYYY-MM or YYYY-MM-DD).")] = None,
    end: Annotated[Optional[str], typer.Option("--to", help="Last date (YYYY, YYYY-MM or YYYY-MM-DD).")] = None,
    limit: Annotated[Optional[int], typer.Option("--limit", "-n", min=1, help="At most this many entries.")] = None,
    story: Annotated[Optional[int], typer.Option("--story", "-s", help="Walk one story (see `storyline stories`).")] = None,
    dates: Annotated[Optional[int], typer.Option("--dates", "-d", min=1, help="Summarize: the N days that matter most (days later reports point back to).")] = None,
    per_date: Annotated[Optional[int], typer.Option("--per-date", "-k", min=1, help="Summarize: sentences per day (default 1).")] = None,
    entity: Annotated[Optional[str], typer.Option("--entity", "-e", help="Summarize the articles naming this entity (an id, or a name as `storyline entities` lists it).")] = None,
) -> None:
    """Print dated entries, each with its source article and sentence.

    With --dates, --per-date or --entity, a summary: the days that matter, what happened
    on each in the words of the reports, and how many articles and outlets reported it.
    """
    if dates is not None or per_date is not None or entity is not None:
        _summary_timeline(db, dates or 10, per_date or 1, query, start, end, story, entity)
        return
    if story is not None:
        _story_timeline(db, story, start, end, limit)
        return
    try:
        with open_kb(db) as kb:
            entries = kb.timeline(query=query, start=start, end=end, limit=limit)
            undated = kb.stats()["undated"]
    except StorylineError as exc:
        _fail(exc)
    if not entries:
        out.print("No dated entries match.")
    for e in entries:
        basis = "" if e.date_basis in STATED_BASES else f" ({e.date_basis})"
        out.print(f"[bold]{e.date}[/]{basis}  {escape(e.text)}", markup=True)
        source = e.source or e.title or e.path
        out.print(f"    [dim]{escape(source)} · article {e.article_id} · sentence {e.sentence}[/]", markup=True)
    if undated:
        out.print(f"[dim]{undated} undated article(s) not placed on the timeline.[/]", markup=True)


def _summary_timeline(db: Path, n_dates: int, per_date: int, query: str | None, start: str | None,
                      end: str | None, story: int | None, entity: str | None) -> None:
    try:
        with open_kb(db) as kb:
            entries = kb.summary_timeline(n_dates=n_dates, per_date=per_date, query=query, start=start, end=end,
                                          story=story, entity=entity)
    except StorylineError as exc:
        _fail(exc)
    if not entries:
        out.print("No dated entries match.")
    for e in entries:
        reach = f"{e.articles} article{'s' if e.articles != 1 else ''}" + (
            f", {e.outlets} outlet{'s' if e.outlets != 1 else ''}" if e.outlets else "")
        out.print(f"[bold]{e.date}[/]  [dim]({reach})[/]", markup=True)
        for s in e.sentences:
            out.print(f"    {s.text}", markup=False)
            out.print(f"        [dim]{s.source or 'unknown outlet'} · {s.published} · "
                      f"article {s.article_id} · sentence {s.sentence}[/]", markup=True)


def _story_timeline(db: Path, story_id: int, start: str | None, end: str | None, limit: int | None) -> None:
    try:
        with open_kb(db) as kb:
            found = kb.story(story_id)
            entries = kb.story_timeline(story_id, start=start, end=end) if found else []
            milestones = kb.story_milestones(story_id) if found else []
    except StorylineError as exc:
        _fail(exc)
    if found is None:
        err.print(f"[red]error:[/] no story {story_id}; `storyline stories` lists them", markup=True)
        raise typer.Exit(2)
    out.print(f"[bold]Story {story_id}: {escape(found['title'] or '')}[/]", markup=True)
    lo, hi = bounds(start), bounds(end, end=True)
    steps: list = [e for e in (entries[:limit] if limit else entries)]
    steps += [m for m in milestones if (lo is None or m.date >= lo[:len(m.date)]) and (hi is None or m.date <= hi)]
    steps.sort(key=lambda x: (x.date, isinstance(x, Milestone)))
    for e in steps:
        if isinstance(e, Milestone):
            out.print(f"[bold]{e.date}[/] ({e.when})  {escape(e.text)}", markup=True)
            for c in e.citations:
                out.print(f"    [dim]{escape(c.source or c.article_id)} · {c.published or 'undated'} · "
                          f"article {c.article_id} · sentence {c.sentence}[/]", markup=True)
            continue
        basis = "" if e.date_basis == "reported" else f" ({e.date_basis} date)"
        outlets = f"{e.outlets} outlet{'s' if e.outlets != 1 else ''}" + (f", {e.copies} cop{'ies' if e.copies > 1 else 'y'}" if e.copies else "")
        out.print(f"[bold]{e.date}[/]{basis}  {escape(e.text)}  [dim]({outlets})[/]", markup=True)
        for r in e.reports:
            copy = " · copy" if r.copy_of else ""
            out.print(f"    [dim]{escape(r.source or r.title or r.article_id)} · {r.published or 'undated'} · "
                      f"article {r.article_id} · sentence {r.sentence}{copy}[/]", markup=True)
        if len(e.dates_reported) > 1:
            given = ", ".join(f"{d} ({n})" for d, n in e.dates_reported)
            out.print(f"    [yellow]reports give different dates: {given}[/]", markup=True)


@app.command()
def stories(db: DbOption = Path(DEFAULT_DB),
            limit: Annotated[int, typer.Option("--limit", "-n", min=1)] = 50) -> None:
    """List storylines: events linked by shared actors, topic and time."""
    try:
        with open_kb(db) as kb:
            rows = kb.stories(limit=limit)
    except StorylineError as exc:
        _fail(exc)
    if not rows:
        out.print("No stories yet.")
        return
    table = Table()
    for name in ("id", "story", "from", "to", "events", "articles"):
        table.add_column(name, no_wrap=name != "story")
    for r in rows:
        table.add_row(str(r["id"]), r["title"], r["first"] or "-", r["last"] or "-", str(r["events"]), str(r["articles"]))
    out.print(table)
    out.print("[dim]Walk one with: storyline timeline --story ID[/]", markup=True)


LlmUrlOption = Annotated[Optional[str], typer.Option(
    "--llm-url", help="Let a language model write the summary: an OpenAI-compatible endpoint, such as "
                      "http://127.0.0.1:8080/v1 (default: $STORYLINE_LLM_URL; off when neither is set). "
                      "The key, if any, comes from $STORYLINE_LLM_KEY.")]
LlmModelOption = Annotated[Optional[str], typer.Option("--llm-model", help="Model name (default: $STORYLINE_LLM_MODEL).")]
NoLlmOption = Annotated[bool, typer.Option("--no-llm", help="Never use a language model, whatever the environment says.")]


def _writer(url: str | None, model: str | None, off: bool):
    """The writer the options and the environment configure; None (no writer) unless one is."""
    import os

    from .tell.writer import DEFAULT_MODEL, ENV_KEY, ENV_MODEL, WriterConfig

    if off:
        return None
    try:
        if url:
            return WriterConfig(url, model or os.environ.get(ENV_MODEL) or DEFAULT_MODEL, os.environ.get(ENV_KEY) or None)
        config = WriterConfig.from_env()
    except StorylineError as exc:
        _fail(exc)
    return replace(config, model=model) if config is not None and model else config


@app.command()
def summary(
    db: DbOption = Path(DEFAULT_DB),
    story: Annotated[Optional[int], typer.Option("--story", "-s", help="Summarise this story.")] = None,
    event: Annotated[Optional[int], typer.Option("--event", "-e", help="Summarise this event.")] = None,
    sentences: Annotated[Optional[int], typer.Option("--sentences", "-n", min=1, max=20, help="How many sentences (default: 5 for a story, 3 for an event).")] = None,
    method: Annotated[str, typer.Option("--method", help="centroid or textrank.")] = "centroid",
    llm_url: LlmUrlOption = None, llm_model: LlmModelOption = None, no_llm: NoLlmOption = False,
) -> None:
    """A few sentences that sum up a story or an event, each citing where it comes from."""
    if (story is None) == (event is None):
        err.print("[red]error:[/] give --story ID or --event ID", markup=True)
        raise typer.Exit(2)
    writer = _writer(llm_url, llm_model, no_llm)
    try:
        with open_kb(db) as kb:
            found = kb.story(story) if story is not None else kb.event(event)
            result = kb.summary(story_id=story, event_id=event, length=sentences, method=method,
                                writer=writer) if found else None
    except StorylineError as exc:
        _fail(exc)
    if result is None:
        what = f"story {story}" if story is not None else f"event {event}"
        err.print(f"[red]error:[/] no {what}; `storyline stories` lists them", markup=True)
        raise typer.Exit(2)
    if not result.sentences:
        out.print("Nothing to summarise.")
    for line in result.sentences:
        out.print(line.text, markup=False)
        cites = "; ".join(f"{c.label} · article {c.article_id} · sentence {c.sentence}" for c in line.citations)
        out.print(f"    [dim]{escape(cites)}[/]", markup=True)
    for note in result.notes:
        err.print(f"note: {note}", markup=False)
    for text, why in result.dropped:
        err.print(f"left out: {text!r} ({why})", markup=False)


@app.command()
def report(
    story: Annotated[int, typer.Option("--story", "-s", help="The story (see `storyline stories`).")],
    db: DbOption = Path(DEFAULT_DB),
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="File to write: .html or .md (default: Markdown on stdout).")] = None,
    fmt: Annotated[Optional[str], typer.Option("--format", "-f", help="html or md (default: from the file's suffix).")] = None,
    llm_url: LlmUrlOption = None, llm_model: LlmModelOption = None, no_llm: NoLlmOption = False,
) -> None:
    """One page on a story: summary, timeline with a chart, entities, disagreements and sources."""
    from .tell.report import format_for

    writer = _writer(llm_url, llm_model, no_llm)
    try:
        chosen = format_for(output, fmt)
        with open_kb(db) as kb:
            page = kb.report(story, chosen, writer=writer)
    except StorylineError as exc:
        _fail(exc)
    if output is None:
        sys.stdout.write(page)
        return
    output.write_text(page, encoding="utf-8")
    err.print(f"Wrote story {story} to {output} ({chosen})")


@app.command()
def conflicts(
    db: DbOption = Path(DEFAULT_DB),
    story: Annotated[Optional[int], typer.Option("--story", "-s", help="Only this story's (see `storyline stories`).")] = None,
    verdict: Annotated[str, typer.Option("--verdict", help="conflict, agree, more_precise or all.")] = "all",
    limit: Annotated[Optional[int], typer.Option("--limit", "-n", min=1, help="At most this many of each verdict.")] = None,
) -> None:
    """Where sources disagree and where they agree, the most consequential first, with citations."""
    from .tell.claims import VERDICTS

    if verdict != "all" and verdict not in VERDICTS:
        err.print(f"[red]error:[/] unknown verdict {verdict!r}; use {', '.join(VERDICTS)} or all", markup=True)
        raise typer.Exit(2)
    chosen = VERDICTS if verdict == "all" else (verdict,)
    try:
        with open_kb(db) as kb:
            if story is not None and kb.story(story) is None:
                err.print(f"[red]error:[/] no story {story}; see `storyline stories`", markup=True)
                raise typer.Exit(2)
            found = {v: kb.comparisons(verdicts=(v,), story=story, limit=limit) for v in chosen}
    except StorylineError as exc:
        _fail(exc)
    titles = {"conflict": "Conflicts", "agree": "Agreements", "more_precise": "One more precise than the other"}
    if not any(found.values()):
        out.print("No claims compared across sources" + (f" in story {story}." if story is not None else "."))
        return
    for v in chosen:
        items = found[v]
        if not items:
            continue
        out.print(f"[bold]{titles[v]} ({len(items)})[/]", markup=True)
        for n, c in enumerate(items, 1):
            out.print(f"{n}. [bold]{c['about']}[/]: {c['explanation']}", markup=True, highlight=False)
            for cite in c["citations"]:
                who = cite["outlet"]
                said = f" · {cite['modality']}" + (f" by {cite['speaker']}" if cite["speaker"] else "")
                out.print(f"    [dim]{who} · {cite['published'] or 'undated'} · article {cite['article']} · "
                          f"sentence {cite['sentence']}{said}[/]", markup=True, highlight=False)
                out.print(f"      \"{cite['text']}\"", markup=False, highlight=False)
        out.print()


@app.command()
def export(
    db: DbOption = Path(DEFAULT_DB),
    fmt: Annotated[str, typer.Option("--format", "-f", help="Output format (json).")] = "json",
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="File to write (default: stdout).")] = None,
) -> None:
    """Write the whole knowledge base as JSON (see export.schema.json)."""
    import json

    if fmt != "json":
        err.print(f"[red]error:[/] unknown format {fmt!r}; supported: json", markup=True)
        raise typer.Exit(2)
    try:
        with open_kb(db) as kb:
            data = kb.export()
    except StorylineError as exc:
        _fail(exc)
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
        err.print(f"Wrote {len(data['articles'])} articles to {output}")


@app.command()
def articles(db: DbOption = Path(DEFAULT_DB),
             limit: Annotated[int, typer.Option("--limit", "-n", min=1)] = 50) -> None:
    """List articles with their dates and sources."""
    try:
        with open_kb(db) as kb:
            rows = kb.articles(limit=limit)
            total = kb.stats()["articles"]
    except StorylineError as exc:
        _fail(exc)
    table = Table()
    table.add_column("id", no_wrap=True)
    table.add_column("published", no_wrap=True)
    table.add_column("basis", no_wrap=True)
    table.add_column("source", max_width=24, overflow="ellipsis", no_wrap=True)
    table.add_column("title / path", overflow="ellipsis", no_wrap=True)
    for r in rows:
        table.add_row(r["id"], r["published"] or "-", r["published_basis"], r["source"] or "-",
                      r["title"] or r["path"])
    out.print(table)
    if total > len(rows):
        out.print(f"[dim]{len(rows)} of {total} shown; use --limit.[/]", markup=True)


@app.command()
def entities(db: DbOption = Path(DEFAULT_DB),
             query: Annotated[Optional[str], typer.Option("--query", "-q", help="Only entities with a name containing this.")] = None,
             type_: Annotated[Optional[str], typer.Option("--type", "-t", help="Only this type (PERSON, ORG, GPE, PRODUCT...).")] = None,
             limit: Annotated[int, typer.Option("--limit", "-n", min=1)] = 50) -> None:
    """List canonical entities with all their spellings, most mentioned first."""
    try:
        with open_kb(db) as kb:
            rows = kb.entities(type=type_, query=query, limit=limit)
            details = [kb.entity(r["id"]) for r in rows]
            total = kb.stats()["entities"]
    except StorylineError as exc:
        _fail(exc)
    table = Table()
    # a long law's name may wrap; the figures never do, and the spellings get the room that is left
    table.add_column("entity", max_width=32, overflow="fold")
    table.add_column("type", no_wrap=True)
    table.add_column("mentions", justify="right", no_wrap=True)
    table.add_column("articles", justify="right", no_wrap=True)
    table.add_column("also written", ratio=1)
    for d in details:
        metonyms = d.get("metonyms") or {}
        others = [a for a, n in d["aliases"].items() if a != d["name"] and n > metonyms.get(a, 0)]
        others += [f"{a} (for its government)" for a in metonyms]
        table.add_row(d["name"], d["type"], str(d["mentions"]), str(d["articles"]), ", ".join(others))
    out.print(table)
    if not query and not type_ and total > len(rows):
        out.print(f"[dim]{len(rows)} of {total} shown; use --limit.[/]", markup=True)


@app.command()
def search(query: Annotated[str, typer.Argument(help="Words to find.")],
           db: DbOption = Path(DEFAULT_DB),
           limit: Annotated[int, typer.Option("--limit", "-n", min=1)] = 20) -> None:
    """Full-text search over sentences, best matches first."""
    try:
        with open_kb(db) as kb:
            hits = kb.search(query, limit=limit)
    except StorylineError as exc:
        _fail(exc)
    if not hits:
        out.print("No matches.")
    for h in hits:
        out.print(f"{h.published or 'undated'}  {h.highlighted}")
        out.print(f"    [dim]{h.source or h.title or ''} · article {h.article_id} · sentence {h.sentence}[/]", markup=True)


@app.command()
def serve(
    db: DbOption = Path(DEFAULT_DB),
    host: Annotated[str, typer.Option("--host", help="Address to bind; other than loopback needs STORYLINE_TOKEN.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535)] = 8000,
) -> None:
    """Serve the web UI and the JSON API (read-only) for a knowledge base."""
    import os

    import uvicorn

    from .web import create_app
    from .web.app import is_loopback

    token = os.environ.get("STORYLINE_TOKEN") or None
    if not is_loopback(host) and not token:
        err.print(f"[red]error:[/] binding to {host} exposes the knowledge base beyond this machine; "
                  "set STORYLINE_TOKEN to a secret first", markup=True)
        raise typer.Exit(2)
    try:
        application = create_app(db, token=token)
    except StorylineError as exc:
        _fail(exc)
    err.print(f"Serving {db} at http://{host}:{port}/ (Ctrl-C to stop)")
    uvicorn.run(application, host=host, port=port, log_level="warning")


@app.command()
def info(db: DbOption = Path(DEFAULT_DB)) -> None:
    """Counts, and what the latest build skipped."""
    try:
        with open_kb(db) as kb:
            stats = kb.stats()
            skipped = kb.store.skipped()
    except StorylineError as exc:
        _fail(exc)
    for key, value in stats.items():
        out.print(f"{key:14} {value}")
    for row in skipped:
        out.print(f"skipped {row['path']}: {row['reason']}")
