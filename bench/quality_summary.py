"""How close are Storyline's extractive summaries to what journalists wrote? (Timeline17)

Each Timeline17 collection comes with journalist-written timelines: for a day, a few
sentences saying what happened. For every such day, the articles of the collection
published that day or the day after (`InputDocs/<date>/`) are summarized into as many
sentences as the journalist wrote (at most 5), and the summary is scored against the
journalist's with ROUGE-1 and ROUGE-2 F1 (our own plain implementation: lower-cased word
tokens, no stemming, no stop-word removal; clipped n-gram overlap), averaged over days.

This scores the summarizer alone, on the day's reports, not the choice of days (that is the
timeline's business). Baselines on the same days: `lead`, the opening sentence of each
article in turn (file order), a strong baseline for news; `random`, sentences drawn with a
fixed seed. Timeline17's text comes one sentence per line, already tokenized; the lines
are the sentences.

    python bench/quality_summary.py                          # every collection, markdown
    python bench/quality_summary.py --collections H1N1_bbc --json out.json
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("STORYLINE_DATA", ROOT.parent / "shared" / "data"))
T17 = DATA / "timeline17"

sys.path.insert(0, str(ROOT / "src"))

from storyline.tell.summary import LEAD_SENTENCES, Candidate, summarize  # noqa: E402

METHODS = ("centroid", "textrank", "lead", "random")
MAX_LENGTH = 5
SEED = 17
_TOKEN = re.compile(r"\w+", re.UNICODE)


def ngrams(text: str, n: int) -> Counter:
    tokens = _TOKEN.findall(text.lower())
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


def rouge(system: str, reference: str, n: int) -> tuple[float, float, float]:
    """ROUGE-N precision, recall and F1 of one summary against one reference."""
    sys_grams, ref_grams = ngrams(system, n), ngrams(reference, n)
    overlap = sum((sys_grams & ref_grams).values())
    p = overlap / sum(sys_grams.values()) if sys_grams else 0.0
    r = overlap / sum(ref_grams.values()) if ref_grams else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def day_candidates(collection: Path, day: str) -> list[Candidate]:
    """The opening sentences of the articles published on `day` and the day after."""
    nxt = (dt.date.fromisoformat(day) + dt.timedelta(days=1)).isoformat()
    out = []
    for published in (day, nxt):
        folder = collection / "InputDocs" / published
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            lines = [ln.strip() for ln in path.read_text(encoding="utf-8", errors="replace").splitlines()]
            lines = [ln for ln in lines if ln][:LEAD_SENTENCES]
            ident = f"{published}/{path.name}"
            out += [Candidate(ident, i, ln, collection.name, None, published) for i, ln in enumerate(lines)]
    return out


def baseline(method: str, candidates: list[Candidate], length: int, rng: random.Random) -> list[str]:
    if method == "lead":
        return [c.text for c in candidates if c.sentence == 0][:length]
    return [c.text for c in rng.sample(candidates, min(length, len(candidates)))]


def gold_days(collection: Path) -> list[tuple[str, str, int]]:
    """(day, journalist's text, sentences) for every day of every gold timeline of a collection."""
    days = []
    for line in (collection / "timelines.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            for day, sentences in json.loads(line):
                days.append((day[:10], " ".join(s.strip() for s in sentences), len(sentences)))
    return days


def evaluate(collections: list[str] | None = None, methods: tuple[str, ...] = METHODS) -> dict:
    """ROUGE-1/2 F1 per method, overall (mean over days) and per collection."""
    if not T17.exists():
        return {"error": f"{T17} is absent"}
    names = collections or sorted(p.name for p in T17.iterdir() if (p / "timelines.jsonl").exists())
    rng = random.Random(SEED)
    per_day: dict[str, dict[str, list[tuple[float, float]]]] = {}
    missing = 0
    seconds = 0.0
    for name in names:
        collection = T17 / name
        scores = per_day.setdefault(name, {m: [] for m in methods})
        for day, reference, count in gold_days(collection):
            candidates = day_candidates(collection, day)
            if not candidates:
                missing += 1
                continue
            length = max(1, min(count, MAX_LENGTH))
            for method in methods:
                if method in ("centroid", "textrank"):
                    started = time.perf_counter()
                    lines = [s.text for s in summarize(candidates, length=length, method=method).sentences]
                    seconds += time.perf_counter() - started
                else:
                    lines = baseline(method, candidates, length, rng)
                text = " ".join(lines)
                scores[method].append((rouge(text, reference, 1)[2], rouge(text, reference, 2)[2]))

    def mean(pairs: list[tuple[float, float]]) -> dict:
        return {"rouge1_f": round(statistics.fmean(p[0] for p in pairs), 4) if pairs else None,
                "rouge2_f": round(statistics.fmean(p[1] for p in pairs), 4) if pairs else None,
                "days": len(pairs)}

    overall = {m: mean([p for name in names for p in per_day[name][m]]) for m in methods}
    return {"overall": overall, "collections": {n: {m: mean(per_day[n][m]) for m in methods} for n in names},
            "days_without_articles": missing, "summarizer_seconds": round(seconds, 2)}


def markdown(result: dict) -> str:
    if "error" in result:
        return result["error"]
    methods = list(result["overall"])
    head = "| collection | days | " + " | ".join(f"{m} R-1 / R-2" for m in methods) + " |"
    rows = [head, "|---|---:|" + "---:|" * len(methods)]

    def cells(block: dict) -> str:
        return " | ".join(f"{block[m]['rouge1_f']:.3f} / {block[m]['rouge2_f']:.3f}"
                          if block[m]["days"] else "n/a" for m in methods)

    for name, block in result["collections"].items():
        rows.append(f"| {name} | {block[methods[0]]['days']} | {cells(block)} |")
    rows.append(f"| **all (mean over days)** | {result['overall'][methods[0]]['days']} | {cells(result['overall'])} |")
    return "\n".join(rows) + (f"\n\nROUGE F1 against the journalists' day summaries; {result['days_without_articles']} "
                              f"gold day(s) without articles that day or the next were left out. "
                              f"Summarizer time: {result['summarizer_seconds']} s in all.")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--collections", help="comma-separated Timeline17 collections (default: all 17)")
    ap.add_argument("--json", metavar="OUT", help="write every figure as JSON")
    args = ap.parse_args(argv)
    result = evaluate(args.collections.split(",") if args.collections else None)
    print(markdown(result))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
