"""How well does Storyline find and date time expressions, and guess undated articles' dates?

Two evaluations, both on data kept outside the repository (``../shared/data``):

* TempEval-3 (TBAQ-cleaned: TimeBank 183 documents, AQUAINT 73) for
  `storyline.annotate.temporal.find_time_expressions`. Each ``.tml`` file is reduced to
  the plain text of its ``<TEXT>`` element with the gold TIMEX3 spans; the document
  creation time (the TIMEX3 with ``functionInDocument="CREATION_TIME"``) is the anchor and
  is not itself scored: it is metadata outside ``<TEXT>``, which is all a system sees.
  The scorer follows the TempEval-3 definitions: strict extent P/R/F1 (same start and
  end), relaxed extent P/R/F1 (any overlap, each gold span matched at most once), value
  and type accuracy over the relaxed matches, and value F1 = relaxed F1 x value accuracy.
  Values are compared as strings, exactly as the official scorer does.
* ``--pubdate``: hide the date of every Timeline17 article (a fixed 1,000-article
  subset unless ``--full``; date = the ``YYYY-MM-DD`` folder) and every Giveme5W1H
  article (``date_publish``), let `storyline.annotate.pubdate.infer_publication_date`
  guess it from the text, and report coverage, how often the truth lies in the window,
  window width, error of the best guess, how often the system abstains rightly, and how
  many guesses are narrow enough for the build to store as the article's date.

    python bench/quality_time.py                      # TempEval-3 table
    python bench/quality_time.py --errors 40          # and the first 40 mistakes
    python bench/quality_time.py --subset AQUAINT     # one corpus only
    python bench/quality_time.py --pubdate [--full]   # publication-date inference too
    python bench/quality_time.py --speed              # characters/second on Timeline17
    python bench/quality_time.py --json out.json      # write the metrics
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import random
import re
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
TEMPEVAL = DATA / "tempeval3"
TIMELINE17 = DATA / "timeline17"
GIVEME = DATA / "giveme5w1h" / "data"
CORPORA = ("TimeBank", "AQUAINT")

PUBDATE_SUBSET = 1000
PUBDATE_SEED = 17

try:  # run from a checkout without installing
    import storyline  # noqa: F401
except ImportError:  # pragma: no cover
    sys.path.insert(0, str(ROOT / "src"))

from storyline.annotate import MAX_INFERRED_WINDOW_DAYS  # noqa: E402
from storyline.annotate.pubdate import infer_publication_date  # noqa: E402
from storyline.annotate.temporal import TimeExpression, find_time_expressions  # noqa: E402


# -- TempEval-3 --------------------------------------------------------------------


@dataclass(frozen=True)
class Gold:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True)
class Document:
    corpus: str
    name: str
    anchor: dt.date
    text: str
    gold: tuple[Gold, ...]


_TAG = re.compile(r"<(/?)(\w+)((?:\s+[\w:]+=\"[^\"]*\")*)\s*(/?)>")
_ATTR = re.compile(r"([\w:]+)=\"([^\"]*)\"")
_DCT = re.compile(r"<TIMEX3\b[^>]*functionInDocument=\"CREATION_TIME\"[^>]*>")


def parse_tml(path: Path, corpus: str) -> Document:
    """The plain text of <TEXT>, its gold TIMEX3 spans, and the creation date as anchor."""
    raw = path.read_text(encoding="utf-8")
    dct = _DCT.search(raw)
    if dct is None:
        raise ValueError(f"{path}: no CREATION_TIME TIMEX3")
    anchor = dt.date.fromisoformat(dict(_ATTR.findall(dct.group(0)))["value"][:10])
    body = raw[raw.index("<TEXT>") + len("<TEXT>"): raw.index("</TEXT>")]
    parts: list[str] = []
    size = 0
    open_timex: list[tuple[int, dict[str, str]]] = []
    gold: list[Gold] = []
    pos = 0
    for m in _TAG.finditer(body):
        chunk = html.unescape(body[pos:m.start()])
        parts.append(chunk)
        size += len(chunk)
        pos = m.end()
        closing, name = m.group(1), m.group(2)
        if name != "TIMEX3" or m.group(4):
            continue
        if not closing:
            open_timex.append((size, dict(_ATTR.findall(m.group(3)))))
        else:
            start, attrs = open_timex.pop()
            gold.append(Gold(start, size, "", attrs.get("type", ""), attrs.get("value", "")))
    parts.append(html.unescape(body[pos:]))
    text = "".join(parts)
    gold = [Gold(g.start, g.end, text[g.start:g.end], g.type, g.value) for g in gold]
    return Document(corpus, path.stem, anchor, text, tuple(sorted(gold, key=lambda g: g.start)))


def load_tempeval(root: Path = TEMPEVAL, subset: str | None = None) -> list[Document]:
    names = [subset] if subset else list(CORPORA)
    docs = []
    for corpus in names:
        folder = root / corpus
        if not folder.is_dir():
            raise FileNotFoundError(f"{folder} is absent")
        docs += [parse_tml(p, corpus) for p in sorted(folder.glob("*.tml"))]
    return docs


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return min(a_end, b_end) - max(a_start, b_start)


def match(gold: list[Gold], system: list[TimeExpression]) -> list[tuple[Gold, TimeExpression]]:
    """Relaxed one-to-one matching: pairs that overlap, largest overlap first."""
    pairs = []
    for i, g in enumerate(gold):
        for j, s in enumerate(system):
            ov = _overlap(g.start, g.end, s.start, s.end)
            if ov > 0:
                pairs.append((-ov, i, j))
    pairs.sort()
    used_g: set[int] = set()
    used_s: set[int] = set()
    out = []
    for _, i, j in pairs:
        if i not in used_g and j not in used_s:
            used_g.add(i)
            used_s.add(j)
            out.append((gold[i], system[j]))
    return out


def _prf(tp: int, n_sys: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_sys if n_sys else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


class Tally:
    """Counts for one corpus; `metrics()` turns them into TempEval-3 figures."""

    def __init__(self) -> None:
        self.docs = self.gold = self.system = self.strict = self.relaxed = 0
        self.value_ok = self.type_ok = 0
        self.chars = 0
        self.seconds = 0.0

    def add(self, doc: Document, system: list[TimeExpression], errors: list[str] | None) -> None:
        self.docs += 1
        self.gold += len(doc.gold)
        self.system += len(system)
        self.chars += len(doc.text)
        spans = {(s.start, s.end) for s in system}
        self.strict += sum((g.start, g.end) in spans for g in doc.gold)
        pairs = match(list(doc.gold), system)
        self.relaxed += len(pairs)
        for g, s in pairs:
            self.value_ok += g.value == s.value
            self.type_ok += g.type == s.type
        if errors is None:
            return
        matched_g = {id(g) for g, _ in pairs}
        matched_s = {id(s) for _, s in pairs}
        where = f"{doc.corpus}/{doc.name} (anchor {doc.anchor})"
        for g in doc.gold:
            if id(g) not in matched_g:
                errors.append(f"MISS   {where}: {g.text!r} {g.type} {g.value} | {_context(doc.text, g.start, g.end)}")
        for s in system:
            if id(s) not in matched_s:
                errors.append(f"FALSE  {where}: {s.text!r} {s.type} {s.value} | {_context(doc.text, s.start, s.end)}")
        for g, s in pairs:
            if g.value != s.value or (g.start, g.end) != (s.start, s.end):
                kind = "VALUE " if g.value != s.value else "EXTENT"
                errors.append(f"{kind} {where}: gold {g.text!r} {g.type} {g.value} / system {s.text!r} {s.type} {s.value}"
                              f" | {_context(doc.text, g.start, g.end)}")

    def metrics(self) -> dict[str, Any]:
        sp, sr, sf = _prf(self.strict, self.system, self.gold)
        rp, rr, rf = _prf(self.relaxed, self.system, self.gold)
        value_acc = self.value_ok / self.relaxed if self.relaxed else 0.0
        type_acc = self.type_ok / self.relaxed if self.relaxed else 0.0
        return {
            "documents": self.docs, "gold": self.gold, "system": self.system,
            "strict_p": sp, "strict_r": sr, "strict_f1": sf,
            "relaxed_p": rp, "relaxed_r": rr, "relaxed_f1": rf,
            "value_accuracy": value_acc, "type_accuracy": type_acc,
            "value_f1": rf * value_acc, "type_f1": rf * type_acc,
            "chars_per_second": self.chars / self.seconds if self.seconds else None,
        }


def _context(text: str, start: int, end: int, width: int = 70) -> str:
    left = text[max(0, start - width):start]
    right = text[end:end + width]
    return " ".join(f"{left}[{text[start:end]}]{right}".split())


def evaluate(root: Path = TEMPEVAL, subset: str | None = None, errors: list[str] | None = None) -> dict:
    """TempEval-3 figures per corpus and overall: {'TimeBank': {...}, 'AQUAINT': {...}, 'overall': {...}}.

    `subset` limits the run to one corpus; pass a list as `errors` to collect the misses,
    false alarms and wrong values, one line each.
    """
    if not (root / CORPORA[0]).is_dir() and (root / "tempeval3").is_dir():
        root = root / "tempeval3"  # the shared data folder itself was given
    docs = load_tempeval(root, subset)
    tallies: dict[str, Tally] = {}
    overall = Tally()
    for doc in docs:
        started = time.perf_counter()
        system = find_time_expressions(doc.text, doc.anchor)
        seconds = time.perf_counter() - started
        for tally in (tallies.setdefault(doc.corpus, Tally()), overall):
            tally.add(doc, system, errors if tally is overall else None)
            tally.seconds += seconds
    out = {name: t.metrics() for name, t in tallies.items()}
    out["overall"] = overall.metrics()
    return out


def print_tempeval(res: dict) -> None:
    print("| corpus | docs | gold | system | strict P | strict R | strict F1 | relaxed P | relaxed R"
          " | relaxed F1 | value acc. | value F1 | type acc. |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, m in res.items():
        print(f"| {name} | {m['documents']} | {m['gold']} | {m['system']} | {m['strict_p']:.3f} | {m['strict_r']:.3f}"
              f" | {m['strict_f1']:.3f} | {m['relaxed_p']:.3f} | {m['relaxed_r']:.3f} | {m['relaxed_f1']:.3f}"
              f" | {m['value_accuracy']:.3f} | **{m['value_f1']:.3f}** | {m['type_accuracy']:.3f} |")


# -- publication dates ----------------------------------------------------------------


@dataclass(frozen=True)
class Dated:
    source: str
    name: str
    date: dt.date
    text: str


def timeline17_articles(root: Path = TIMELINE17, limit: int | None = PUBDATE_SUBSET) -> list[Dated]:
    """Timeline17 articles with their folder date; a fixed seeded sample unless `limit` is None."""
    files = sorted((p for p in root.glob("*/InputDocs/*/*.txt") if p.is_file()),
                   key=lambda p: p.relative_to(root).as_posix())
    if limit is not None and limit < len(files):
        picked = random.Random(PUBDATE_SEED).sample(range(len(files)), limit)
        files = [files[i] for i in sorted(picked)]
    out = []
    for p in files:
        try:
            day = dt.date.fromisoformat(p.parent.name)
        except ValueError:
            continue
        out.append(Dated("Timeline17", p.relative_to(root).as_posix(), day,
                         p.read_bytes().decode("utf-8", errors="replace")))
    return out


def giveme_articles(root: Path = GIVEME) -> list[Dated]:
    out = []
    for p in sorted(root.glob("*.json")):
        record = json.loads(p.read_text(encoding="utf-8"))
        try:
            day = dt.date.fromisoformat(str(record.get("date_publish"))[:10])
        except ValueError:
            continue  # no publication date to hide (one record says "None")
        if record.get("text"):
            out.append(Dated("Giveme5W1H", p.name, day, record["text"]))
    return out


_YEARISH = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def evidence_kind(guess) -> str:
    """Which kind of evidence a guess rests on, read from its reasons."""
    first = guess.evidence[0] if guess.evidence else ""
    if first.startswith("says it was published"):
        return "stamp"
    if any("its dateline" in e for e in guess.evidence):
        return "dateline"
    if any("comment is stamped" in e for e in guess.evidence):
        return "reader's comment"
    if any("alone" in e for e in guess.evidence):
        return "month or year only"
    if "future tense" in first:
        return "plans only"
    return "full date"


def _summary(rows: list[tuple[bool, int, int]]) -> dict[str, Any]:
    """(inside, width, error) rows -> in-window share, median width and error."""
    if not rows:
        return {"guesses": 0, "in_window": None, "median_window_days": None, "median_abs_error_days": None}
    return {"guesses": len(rows), "in_window": sum(r[0] for r in rows) / len(rows),
            "median_window_days": statistics.median(r[1] for r in rows),
            "median_abs_error_days": statistics.median(r[2] for r in rows)}


def evaluate_pubdate(articles: list[Dated]) -> dict[str, Any]:
    """Coverage, in-window rate, window width and error of the best guess, abstentions.

    An article "gives nothing to go on" when its text holds no four-digit year at all
    (1900-2099): without one, no absolute date can be read from it, so the right answer
    is None. `right_none` is the share of those where the system said None;
    `none_with_year` counts abstentions on texts that do hold a year-like number.
    `dated` is the share of guesses narrow enough for the build to store `best` as the
    article's date (window at most `MAX_INFERRED_WINDOW_DAYS`); `dated_in_window` and
    `dated_median_abs_error_days` describe those. Figures are also broken down by the kind
    of evidence a guess rests on.
    """
    n = 0
    rows: list[tuple[bool, int, int]] = []
    kinds: dict[str, list[tuple[bool, int, int]]] = {}
    no_year = right_none = none_with_year = 0
    seconds = 0.0
    for a in articles:
        n += 1
        started = time.perf_counter()
        guess = infer_publication_date(a.text)
        seconds += time.perf_counter() - started
        has_year = bool(_YEARISH.search(a.text))
        if not has_year:
            no_year += 1
            right_none += guess is None
        if guess is None:
            none_with_year += has_year
            continue
        row = (guess.earliest <= a.date <= guess.latest, (guess.latest - guess.earliest).days + 1,
               abs((guess.best - a.date).days))
        rows.append(row)
        kinds.setdefault(evidence_kind(guess), []).append(row)
    guessed = len(rows)
    dated = [r for r in rows if r[1] - 1 <= MAX_INFERRED_WINDOW_DAYS]
    return {
        "articles": n,
        "coverage": guessed / n if n else 0.0,
        "in_window": sum(r[0] for r in rows) / guessed if guessed else 0.0,
        "in_window_of_all": sum(r[0] for r in rows) / n if n else 0.0,
        "median_window_days": statistics.median(r[1] for r in rows) if rows else None,
        "median_abs_error_days": statistics.median(r[2] for r in rows) if rows else None,
        "exact_day": sum(r[2] == 0 for r in rows) / guessed if guessed else 0.0,
        "dated": len(dated) / guessed if guessed else 0.0,
        "dated_in_window": sum(r[0] for r in dated) / len(dated) if dated else None,
        "dated_median_abs_error_days": statistics.median(r[2] for r in dated) if dated else None,
        "within_7_days": sum(r[2] <= 7 for r in rows) / guessed if guessed else 0.0,
        "nothing_to_go_on": no_year,
        "right_none": right_none / no_year if no_year else None,
        "none_with_year": none_with_year,
        "by_evidence": {k: _summary(v) for k, v in sorted(kinds.items())},
        "seconds": seconds,
    }


def print_pubdate(res: dict[str, dict[str, Any]]) -> None:
    print("| data | articles | coverage | truth in window | in window, of all | median window (days)"
          " | median abs. error (days) | exact day | within 7 days | nothing to go on | rightly None"
          " | dated by the build | of those, in window | of those, median error |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, m in res.items():
        rn = "n/a" if m["right_none"] is None else f"{m['right_none']:.3f}"
        dw = "n/a" if m["dated_in_window"] is None else f"{m['dated_in_window']:.3f}"
        print(f"| {name} | {m['articles']} | {m['coverage']:.3f} | {m['in_window']:.3f} | {m['in_window_of_all']:.3f}"
              f" | {m['median_window_days']} | {m['median_abs_error_days']} | {m['exact_day']:.3f}"
              f" | {m['within_7_days']:.3f} | {m['nothing_to_go_on']} | {rn} | {m['dated']:.3f} | {dw}"
              f" | {m['dated_median_abs_error_days']} |")
    print("\nBy the evidence a guess rests on:\n")
    print("| data | evidence | guesses | truth in window | median window (days) | median abs. error (days) |")
    print("|---|---|---:|---:|---:|---:|")
    for name, m in res.items():
        for kind, k in m["by_evidence"].items():
            print(f"| {name} | {kind} | {k['guesses']} | {k['in_window']:.3f} | {k['median_window_days']}"
                  f" | {k['median_abs_error_days']} |")


# -- speed ----------------------------------------------------------------------------------


def speed(articles: list[Dated], repeat: int = 3) -> dict[str, Any]:
    """Characters per second of find_time_expressions over the articles (best of `repeat`)."""
    texts = [a.text for a in articles]
    chars = sum(map(len, texts))
    best = float("inf")
    found = 0
    for _ in range(repeat):
        started = time.perf_counter()
        found = sum(len(find_time_expressions(t, a.date)) for t, a in zip(texts, articles))
        best = min(best, time.perf_counter() - started)
    return {"articles": len(texts), "chars": chars, "seconds": best, "chars_per_second": chars / best,
            "expressions": found}


# -- command line -----------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DATA, help="the shared data folder (default ../shared/data)")
    ap.add_argument("--subset", choices=CORPORA, help="score one TempEval-3 corpus only")
    ap.add_argument("--errors", type=int, default=0, metavar="N", help="list the first N mistakes")
    ap.add_argument("--pubdate", action="store_true", help="evaluate publication-date inference too")
    ap.add_argument("--full", action="store_true", help="all Timeline17 articles, not the fixed subset")
    ap.add_argument("--speed", action="store_true", help="measure characters/second on Timeline17")
    ap.add_argument("--json", type=Path, metavar="OUT", help="write the metrics as JSON")
    args = ap.parse_args(argv)

    out: dict[str, Any] = {}
    tempeval = args.data / "tempeval3"
    if not tempeval.is_dir():
        print(f"skipped TempEval-3: {tempeval} is absent (it comes with ../shared)")
    else:
        errors: list[str] | None = [] if args.errors else None
        res = evaluate(tempeval, args.subset, errors)
        out["tempeval3"] = res
        print("TempEval-3 (TBAQ-cleaned), time expressions:\n")
        print_tempeval(res)
        if errors:
            print(f"\nFirst {min(args.errors, len(errors))} of {len(errors)} mistakes:")
            for line in errors[:args.errors]:
                print(" ", line)

    t17 = args.data / "timeline17"
    limit = None if args.full else PUBDATE_SUBSET
    if args.pubdate:
        res = {}
        if t17.is_dir():
            res["Timeline17" + ("" if args.full else f" (fixed {PUBDATE_SUBSET})")] = \
                evaluate_pubdate(timeline17_articles(t17, limit))
        else:
            print(f"skipped Timeline17: {t17} is absent")
        giveme = args.data / "giveme5w1h" / "data"
        if giveme.is_dir():
            res["Giveme5W1H"] = evaluate_pubdate(giveme_articles(giveme))
        else:
            print(f"skipped Giveme5W1H: {giveme} is absent")
        if res:
            out["pubdate"] = res
            print("\nPublication dates inferred from the text (the true date hidden):\n")
            print_pubdate(res)
    if args.speed:
        if t17.is_dir():
            s = speed(timeline17_articles(t17, limit))
            out["speed"] = s
            print(f"\nSpeed: {s['chars']:,} characters in {s['seconds']:.2f} s = {s['chars_per_second']:,.0f}"
                  f" characters/second ({s['articles']} Timeline17 articles, {s['expressions']:,} expressions)")
        else:
            print(f"skipped speed: {t17} is absent")
    if args.json:
        args.json.write_text(json.dumps(out, indent=2, default=str) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
