"""Run every quality harness and write docs/quality.md (what `make quality` does).

Each harness is a script in this folder that prints a markdown report and, with
`--json OUT`, writes its figures. This script runs them in turn on the data in
../shared/data, checks the figures against the bars the issues set, and writes one page.
The page is generated: edit the harnesses or this file, never docs/quality.md by hand.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"


@dataclass(frozen=True)
class Bar:
    """A published figure to beat: the JSON path of our figure, the bar and where it comes from."""

    label: str
    path: str
    minimum: float
    source: str


@dataclass(frozen=True)
class Harness:
    title: str
    script: str
    args: tuple[str, ...]
    bars: tuple[Bar, ...]
    note: str = ""


HARNESSES = (
    Harness("Time expressions: TempEval-3", "quality_time.py", ("--pubdate",), (
        Bar("TempEval-3 value F1 (all 256 documents)", "tempeval3.overall.value_f1", 0.80,
            "HeidelTime 0.776 on the TempEval-3 test set"),
    ), note="Relative expressions are resolved against each document's creation time. These are the "
            "TempEval-3 training documents (TimeBank + AQUAINT), the only TimeML here; the published figure "
            "is on the separate test set. Publication dates: the true date of every article is hidden and "
            "inferred from the text."),
    Harness("Undated articles placed by their storyline", "quality_placement.py", (), (),
            note="Half the articles lose their dates; the build (all annotators, linking) dates them from "
                 "their text, then from the reports of their event and storyline. 'text only' is "
                 "`infer_publication_date` alone on the same articles."),
    Harness("Amounts and quantities: NewsQuant", "quality_quantities.py", (), (
        Bar("NewsQuant value F1", "NewsQuant.value.F1", 0.92, "CQE 0.920"),
        Bar("NewsQuant value+unit F1 (exact unit names)", "NewsQuant.value+unit.F1", 0.86, "CQE 0.856"),
    )),
    Harness("Entities: NewsWCL50", "quality_entities.py", (), (
        Bar("NewsWCL50 pairwise precision, all named mentions", "newswcl50.pairwise_precision", 0.95, "issue bar"),
        Bar("NewsWCL50 B-cubed F1, all named mentions", "newswcl50.b3_f1", 0.90, "issue bar"),
        Bar("NewsWCL50 B-cubed F1, ACTOR chains (one person each)", "newswcl50.by_chain_type.ACTOR.b3_f1", 0.90,
            "issue bar, on the chains that name one entity"),
        Bar("NewsWCL50 B-cubed F1 ceiling of any linker that keeps different people apart, at our precision",
            "newswcl50.identity_ceiling.b3_f1_at_our_precision", 0.90,
            "issue bar; the ceiling joins every non-person of a chain, e.g. 'FBI' with 'United States'"),
    )),
    Harness("Events, storylines and near-duplicates", "quality_events.py", (), (
        Bar("Giveme5W1H events, pairwise F1", "giveme5w1h.pairwise.f1", 0.95, "issue bar"),
        Bar("NewsWCL50 events, pairwise F1", "newswcl50.pairwise.f1", 0.95, "issue bar"),
        Bar("ECB+ subtopics, pairwise F1", "ecbplus.pairwise.f1", 0.90, "issue bar"),
    ), note="One configuration for every data set, articles fed online in date order (file order when "
            "undated). The best published online news clusterer scored 0.94 pairwise F1 on its own English stream."),
    Harness("Summaries: Timeline17 day summaries", "quality_summary.py", (), (
        Bar("Timeline17 day summaries, ROUGE-1 F1 (centroid)", "overall.centroid.rouge1_f", 0.190,
            "the lead baseline on the same days (this harness)"),
        Bar("Timeline17 day summaries, ROUGE-2 F1 (centroid)", "overall.centroid.rouge2_f", 0.049,
            "the lead baseline on the same days (this harness)"),
    ), note="The summarizer alone: each day of the journalists' timelines is summarised from the articles "
            "published that day and the next, at the journalist's length, and scored with a plain ROUGE "
            "(no stemming). No published figure covers this exact task; the bar is the lead baseline."),
    Harness("Claims compared across sources: labelled pairs", "quality_claims.py", (), (
        Bar("Conflict precision (labelled pairs)", "conflict.precision", 0.90, "issue bar"),
        Bar("Conflict recall (labelled pairs)", "conflict.recall", 0.70, "issue bar"),
    ), note="Pairs of sentences from Giveme5W1H and Timeline17 labelled by reading them "
            "(bench/data/claim_pairs.jsonl, guideline in docs/claims-labelling.md), half of them sampled "
            "without the system so that recall counts what it never proposed."),
    Harness("Timeline summarization: Timeline17", "quality_tls.py", (), (
        Bar("Timeline17 Date F1 (19 timelines)", "overall.date.f1", 0.58,
            "issue bar; DATEWISE 0.544, SUnSET (Qwen-72B) 0.576"),
        Bar("Timeline17 AR-1 F (alignment ROUGE-1, many-to-one)", "overall.ar1.f1", 0.137,
            "issue bar; DATEWISE 0.120, SUnSET (Qwen-72B) 0.136"),
        Bar("Timeline17 AR-2 F (alignment ROUGE-2, many-to-one)", "overall.ar2.f1", 0.045,
            "issue bar; DATEWISE 0.035, SUnSET (Qwen-72B) 0.044"),
    ), note="As news-tls evaluates: per gold timeline, the articles published within its first and last day, "
            "as many days as it has and as many sentences per day as its average; tilse's many-to-one alignment "
            "ROUGE and exact-day Date F1, precision and recall averaged over timelines and F from the averages. "
            "The date-ranking weights, the lead size and the relevance floor are chosen leaving each collection out; "
            "no LLM, CPU only."),
)


def lookup(data: dict, path: str):
    for key in path.split("."):
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


def run(h: Harness, extra: list[str]) -> tuple[str, dict, float]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "figures.json"
        started = time.monotonic()
        proc = subprocess.run([sys.executable, str(ROOT / "bench" / h.script), *h.args, *extra, "--json", str(out)],
                              capture_output=True, text=True, cwd=ROOT)
        seconds = time.monotonic() - started
        figures = json.loads(out.read_text()) if out.exists() else {}
    report = proc.stdout.strip()
    if proc.returncode != 0:
        report += f"\n\n(exited {proc.returncode}: {proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else ''})"
    return report, figures, seconds


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", help="run only harnesses whose script name contains this")
    ap.add_argument("--output", type=Path, default=ROOT / "docs" / "quality.md")
    args = ap.parse_args(argv)
    if not DATA.exists():
        print(f"{DATA} is absent: the quality harnesses need ../shared/data; nothing written.")
        return 0
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT).stdout.strip()
    sections, rows = [], []
    for h in HARNESSES:
        if args.only and args.only not in h.script:
            continue
        if not (ROOT / "bench" / h.script).exists():
            continue
        print(f"running {h.script} ...", file=sys.stderr)
        report, figures, seconds = run(h, [])
        command = " ".join(["python", f"bench/{h.script}", *h.args])
        sections.append(f"## {h.title}\n\n`{command}` ({seconds:.0f} s)\n\n" + (f"{h.note}\n\n" if h.note else "") + report)
        for bar in h.bars:
            value = lookup(figures, bar.path)
            if isinstance(value, (int, float)) and value > 1.0 and bar.minimum <= 1.0:
                value = value / 100  # some harnesses report percentages
            met = "yes" if isinstance(value, (int, float)) and value >= bar.minimum else "no"
            shown = f"{value:.3f}" if isinstance(value, (int, float)) else "n/a"
            rows.append(f"| {bar.label} | {shown} | {bar.minimum:.3f} | {met} | {bar.source} |")
    header = [
        "# Quality",
        "",
        "Generated by `make quality` (`python bench/quality.py`); do not edit by hand.",
        f"Last run {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC at commit {commit}, "
        f"Python {platform.python_version()}, on the data in `../shared/data` (read in place).",
        "Tests hold floors a little under these figures on fixed subsets (`make test`).",
        "",
        "| measure | ours | bar | met | bar's source |",
        "|---|---:|---:|---|---|",
        *rows,
        "",
    ]
    args.output.write_text("\n".join(header) + "\n" + "\n\n".join(sections) + "\n")
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
