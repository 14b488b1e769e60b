"""Undated articles placed by their storyline: hide half the dates, build, compare.

`bench/quality_time.py --pubdate` measures what an article's own text says about its date.
This measures what the build adds after linking (`storyline.link.placement`): the date of
every other article is hidden (a fixed, hash-chosen half), the corpus is built with the
real pipeline (all annotators, linking), and each hidden article's stored date and window
are compared with the truth, beside the text-only guess for the same articles.

* Giveme5W1H: the 96 news-please JSON files, `date_publish` (and the URL, which may carry
  the date) removed from the hidden half.
* Timeline17: a fixed sample of articles (default 400), copied under a folder name that
  no longer carries the date, which is where Timeline17 keeps it.

    python bench/quality_placement.py [--t17 400] [--json out.json]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
GIVEME = DATA / "giveme5w1h" / "data"
TIMELINE17 = DATA / "timeline17"
SEED = 23

try:  # run from a checkout without installing
    import storyline  # noqa: F401
except ImportError:  # pragma: no cover
    sys.path.insert(0, str(ROOT / "src"))

from storyline.annotate import MAX_INFERRED_WINDOW_DAYS  # noqa: E402
from storyline.annotate.pubdate import infer_publication_date  # noqa: E402
from storyline.pipeline import build  # noqa: E402
from storyline.store import Store  # noqa: E402


def hidden(name: str) -> bool:
    """Every other article, chosen by a hash of its name (stable across runs and machines)."""
    return hashlib.sha1(name.encode()).digest()[0] % 2 == 0


def giveme_corpus(out: Path) -> dict[str, str]:
    """Copy the corpus with the hidden half's dates removed; returns {file name: true date}."""
    truth = {}
    for path in sorted(GIVEME.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        if hidden(path.name) and doc.get("date_publish"):
            truth[path.name] = doc["date_publish"][:10]
            doc["date_publish"] = None
            doc["url"] = None
        (out / path.name).write_text(json.dumps(doc), encoding="utf-8")
    return truth


def t17_corpus(out: Path, n: int) -> dict[str, str]:
    files = sorted(p for p in TIMELINE17.glob("*/InputDocs/*/*.txt") if p.is_file())
    sample = random.Random(SEED).sample(files, min(n, len(files)))
    truth = {}
    for i, path in enumerate(sorted(sample)):
        day, collection = path.parent.name, path.parents[2].name
        name = f"{i:04d}-{path.name}"
        if hidden(name):
            target = out / collection / "undated" / name
            truth[name] = day
        else:
            target = out / collection / day / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    return truth


def _width(lo: str | None, hi: str | None) -> int | None:
    if not lo or not hi:
        return None
    return (dt.date.fromisoformat(hi) - dt.date.fromisoformat(lo)).days


def score(db: Path, truth: dict[str, str]) -> dict[str, Any]:
    """Compare the stored dates of the hidden articles with the truth, and with the text-only guess."""
    store = Store(db, readonly=True)
    rows = {Path(r["path"]).name: r for r in store.articles()}
    store.close()
    n = dated = in_window = exact = windowed = text_dated = text_in = 0
    widths, errors = [], []
    placed_by_story = 0
    for name, day in truth.items():
        r = rows.get(name)
        if r is None:
            continue
        n += 1
        guess = infer_publication_date(r["text"])
        if guess is not None and (guess.latest - guess.earliest).days <= MAX_INFERRED_WINDOW_DAYS:
            text_dated += 1
            text_in += guess.earliest.isoformat() <= day <= guess.latest.isoformat()
        if r["published_earliest"] and r["published_latest"]:
            windowed += 1
        if r["published"] is None:
            continue
        dated += 1
        evidence = json.loads(r["published_evidence"] or "[]")
        placed_by_story += any("same event" in e or "same storyline" in e for e in evidence)
        lo, hi = r["published_earliest"] or r["published"], r["published_latest"] or r["published"]
        in_window += lo <= day <= hi
        exact += r["published"] == day
        widths.append(_width(lo, hi) or 0)
        errors.append(abs((dt.date.fromisoformat(r["published"]) - dt.date.fromisoformat(day)).days))
    return {
        "hidden": n,
        "dated": dated, "coverage": dated / n if n else 0.0,
        "in_window": in_window / dated if dated else 0.0,
        "exact_day": exact / dated if dated else 0.0,
        "median_width_days": statistics.median(widths) if widths else None,
        "median_error_days": statistics.median(errors) if errors else None,
        "placed_by_storyline": placed_by_story,
        "text_only": {"coverage": text_dated / n if n else 0.0, "in_window": text_in / text_dated if text_dated else 0.0},
    }


def evaluate(name: str, *, t17: int = 400, workers: int | None = None) -> dict[str, Any]:
    source = GIVEME if name == "giveme5w1h" else TIMELINE17
    if not source.exists():
        return {"name": name, "skipped": f"{source} is absent"}
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        truth = giveme_corpus(corpus) if name == "giveme5w1h" else t17_corpus(corpus, t17)
        started = time.monotonic()
        build([corpus], Path(tmp) / "kb.db", workers=workers)
        result = score(Path(tmp) / "kb.db", truth)
    result.update(name=name, seconds=time.monotonic() - started)
    return result


def table(results: list[dict[str, Any]]) -> str:
    rows = ["| data set | hidden | dated (text only) | dated after linking | truth in window (text only) | "
            "truth in window | exact day | median width d | median error d | by the storyline |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        if "skipped" in r:
            rows.append(f"| {r['name']} | skipped: {r['skipped']} |" + " |" * 8)
            continue
        t = r["text_only"]
        rows.append(f"| {r['name']} | {r['hidden']} | {t['coverage']:.3f} | **{r['coverage']:.3f}** | "
                    f"{t['in_window']:.3f} | **{r['in_window']:.3f}** | {r['exact_day']:.3f} | "
                    f"{r['median_width_days']} | {r['median_error_days']} | {r['placed_by_storyline']} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--t17", type=int, default=400, help="Timeline17 articles to sample (default 400)")
    ap.add_argument("--json", metavar="OUT", help="write the figures as JSON")
    args = ap.parse_args(argv)
    results = [evaluate("giveme5w1h"), evaluate("timeline17", t17=args.t17)]
    print(table(results))
    if args.json:
        Path(args.json).write_text(json.dumps({r["name"]: r for r in results}, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
