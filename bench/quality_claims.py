"""How well does Storyline find where sources agree and where they conflict?

Scores the claim comparison of a real build against pairs of sentences labelled by reading
them (bench/data/claim_pairs.jsonl; the guideline is docs/claims-labelling.md). The file
holds references only: each side names an article file under ../shared/data and the SHA-1 of
its sentence's text; the text is read in place, never copied into the repository.

The corpus is built with the real pipeline (`storyline.build`, claims compared as the
articles are linked): all of Giveme5W1H (96 articles, 12 events, 13 outlets) and, unless
`--only giveme5w1h`, the Timeline17 articles of the windows in T17_WINDOWS, each with its
outlet from its collection's name (written to a temporary JSON Lines file, the text as read).

For each labelled pair the system's verdict is that of the comparisons between claims of the
two sentences (conflict before agree before more precise; none if it compared none). Each
pair was labelled conflict, agree, more_precise or unrelated; precision and recall are then
counted per verdict over the labelled pairs. Labelled pairs come from two samplings: the
system's own comparisons, and pairs of sentences picked without it (different outlets, same
event, published within a day, both with a figure or a date, sharing words), so that recall
counts what the system never proposed.

    python bench/quality_claims.py                      # markdown report
    python bench/quality_claims.py --json out.json      # figures as JSON
    python bench/quality_claims.py --errors             # list the pairs it got wrong
    python bench/quality_claims.py --candidates out.jsonl   # pairs to label (text included; keep out of the repo)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

DATA = ROOT.parent / "shared" / "data"
LABELS = ROOT / "bench" / "data" / "claim_pairs.jsonl"
#: Timeline17 collections and date windows in the labelled corpus: several outlets on the same days.
#: The second bpoil window, the second LibyaWar window and the SyrianCrisis one were added, and their
#: pairs labelled, after the rules had been fitted to the others: a check that the rules carry over.
T17_WINDOWS = {
    "bpoil": (("2010-04-20", "2010-05-07"), ("2010-05-27", "2010-05-30")),
    "H1N1": (("2009-04-24", "2009-05-06"),),
    "LibyaWar": (("2011-02-17", "2011-03-01"), ("2011-03-17", "2011-03-21")),
    "SyrianCrisis": (("2011-04-21", "2011-04-27"),),
}
VERDICTS = ("conflict", "agree", "more_precise")
PRECEDENCE = {"conflict": 0, "agree": 1, "more_precise": 2}


def sentence_key(text: str) -> str:
    return hashlib.sha1(text.strip().encode("utf-8")).hexdigest()[:16]


# -- the corpus --------------------------------------------------------------------------------


def giveme5w1h_files(root: Path = DATA / "giveme5w1h" / "data") -> list[Path]:
    return sorted(root.glob("*.json"))


def t17_records(root: Path = DATA / "timeline17") -> list[dict]:
    """Timeline17 articles inside T17_WINDOWS, as JSON records with outlet and date."""
    out = []
    for coll in sorted(root.iterdir()) if root.exists() else []:
        topic, _, outlet = coll.name.partition("_")
        if topic not in T17_WINDOWS:
            continue
        for day in sorted((coll / "InputDocs").iterdir()):
            if not any(first <= day.name <= last for first, last in T17_WINDOWS[topic]):
                continue
            for f in sorted(day.glob("*.txt")):
                text = f.read_text(encoding="utf-8", errors="replace")
                out.append({"text": text, "published": day.name, "source": outlet, "url": None,
                            "title": None, "ref": f.relative_to(DATA).as_posix()})
    return out


def build_corpus(tmp: Path, only: str | None = None):
    """Build the labelled corpus into tmp/kb.db; returns (db path, {data-relative ref: article id}, seconds)."""
    from storyline.pipeline import build
    from storyline.store import Store

    paths: list[str] = [str(p) for p in giveme5w1h_files()]
    if only != "giveme5w1h":
        records = t17_records()
        jsonl = tmp / "t17.jsonl"
        with jsonl.open("w", encoding="utf-8") as f:
            for r in records:
                f.write(json.dumps({k: v for k, v in r.items() if k != "ref"}, ensure_ascii=False) + "\n")
        paths.append(str(jsonl))
    else:
        records = []
    db = tmp / "kb.db"
    started = time.monotonic()
    build(paths, db, workers=1)
    seconds = time.monotonic() - started
    refs: dict[str, str] = {}
    store = Store(db, readonly=True)
    try:
        for row in store.articles():
            path = row["path"]
            if path.endswith("t17.jsonl"):
                n = int(row["locator"].rsplit("#", 1)[1])
                refs[records[n - 1]["ref"]] = row["id"]  # the reader numbers lines from 1
            else:
                refs[Path(path).resolve().relative_to(DATA.resolve()).as_posix()] = row["id"]
    finally:
        store.close()
    return db, refs, seconds


# -- scoring -----------------------------------------------------------------------------------


def load_labels(path: Path = LABELS) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def system_verdicts(db: Path) -> dict[tuple, str]:
    """{(article, sentence key, article, sentence key): verdict} for every comparison, both orders."""
    from storyline.store import Store

    store = Store(db, readonly=True)
    try:
        rows = store.conn.execute(
            """SELECT k.verdict, ca.article_id AS aa, sa.text AS ta, cb.article_id AS ab, sb.text AS tb
               FROM comparisons k JOIN claims ca ON ca.id = k.claim_a JOIN claims cb ON cb.id = k.claim_b
               JOIN sentences sa ON sa.article_id = ca.article_id AND sa.idx = ca.sentence
               JOIN sentences sb ON sb.article_id = cb.article_id AND sb.idx = cb.sentence""").fetchall()
    finally:
        store.close()
    out: dict[tuple, str] = {}
    for r in rows:
        a, b = (r["aa"], sentence_key(r["ta"])), (r["ab"], sentence_key(r["tb"]))
        for key in ((*a, *b), (*b, *a)):
            if key not in out or PRECEDENCE[r["verdict"]] < PRECEDENCE[out[key]]:
                out[key] = r["verdict"]
    return out


def score(labels: list[dict], refs: dict[str, str], verdicts: dict[tuple, str]) -> dict:
    per: dict[str, Counter] = {v: Counter() for v in VERDICTS}
    missing, errors, by_origin = 0, [], Counter()
    for pair in labels:
        ida, idb = refs.get(pair["a"]["ref"]), refs.get(pair["b"]["ref"])
        if ida is None or idb is None:
            missing += 1
            continue
        said = verdicts.get((ida, pair["a"]["sentence"], idb, pair["b"]["sentence"]), "none")
        gold = pair["label"]
        by_origin[pair.get("origin", "?")] += 1
        for v in VERDICTS:
            if said == v and gold == v:
                per[v]["tp"] += 1
            elif said == v:
                per[v]["fp"] += 1
            elif gold == v:
                per[v]["fn"] += 1
        if said != gold and not (said == "none" and gold == "unrelated"):
            errors.append({**pair, "system": said})
    figures = {}
    for v, c in per.items():
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else None
        r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else None
        f = 2 * p * r / (p + r) if p and r else None
        figures[v] = {"precision": p, "recall": r, "f1": f, **{k: c[k] for k in ("tp", "fp", "fn")}}
    return {"pairs": len(labels) - missing, "missing": missing, "labels": dict(Counter(p["label"] for p in labels)),
            "origins": dict(by_origin), **figures, "errors": errors}


#: Parts of the labelled set reported on their own: each corpus, and the pairs of round 2 (windows
#: added and labelled after the rules had been fitted to round 1), so that a rule fitted to one shows.
PARTS = {
    "Giveme5W1H": lambda p: p["a"]["ref"].startswith("giveme5w1h/"),
    "Timeline17": lambda p: p["a"]["ref"].startswith("timeline17/"),
    "Timeline17, round 1": lambda p: p["a"]["ref"].startswith("timeline17/") and p.get("round", 1) == 1,
    "round 2 (added later)": lambda p: p.get("round", 1) == 2,
    "round 3 (the system's unlabelled conflicts)": lambda p: p.get("round", 1) == 3,
    "round 4 (conflicts across a story's events)": lambda p: p.get("round", 1) == 4,
    "round 5 (conflicts of qualified figures heard apart)": lambda p: p.get("round", 1) == 5,
}


def score_parts(labels: list[dict], refs: dict[str, str], verdicts: dict[tuple, str]) -> dict[str, dict]:
    """Conflict and agreement figures for each part of the labelled set."""
    out = {}
    for name, keep in PARTS.items():
        part = [p for p in labels if keep(p)]
        if part:
            res = score(part, refs, verdicts)
            out[name] = {"pairs": res["pairs"], **{v: {k: res[v][k] for k in ("precision", "recall", "tp", "fp", "fn")}
                                                    for v in ("conflict", "agree")}}
    return out


def evaluate(only: str | None = None, labels_path: Path = LABELS) -> dict:
    """Build the corpus, compare, and score against the labelled pairs (those of `only`'s corpus)."""
    labels = load_labels(labels_path)
    if only == "giveme5w1h":
        labels = [p for p in labels if p["a"]["ref"].startswith("giveme5w1h/")]
    with tempfile.TemporaryDirectory() as tmp:
        db, refs, seconds = build_corpus(Path(tmp), only)
        verdicts = system_verdicts(db)
        result = score(labels, refs, verdicts)
        result["parts"] = score_parts(labels, refs, verdicts)
        result["coverage"] = label_coverage(labels, refs, verdicts)
    result["build_seconds"] = round(seconds, 1)
    return result


# -- candidates to label -------------------------------------------------------------------------

_STOP = frozenset(("that this with from have were been their they said says about after before which there would "
                   "could also more than when what will into over some other just where being the and for are "
                   "was has had its not but who his her him she our out all one two three").split())
_FIGURE = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|dozens?|hundreds?|thousands?|"
                     r"millions?|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|"
                     r"april|june|july|august|september|october|november|december)\b", re.I)


def candidates(db: Path, refs: dict[str, str], out: Path, sampled: int = 150, seed: int = 6) -> None:
    """Write pairs to label: every system comparison, and pairs sampled without the system, among the
    articles of `refs` (a part of the corpus, to label a new window on its own)."""
    from storyline.store import Store

    by_id = {v: k for k, v in refs.items()}
    store = Store(db, readonly=True)
    rows = []
    for r in store.conn.execute(
            """SELECT k.verdict, k.explanation, ca.article_id AS aa, sa.text AS ta, cb.article_id AS ab, sb.text AS tb
               FROM comparisons k JOIN claims ca ON ca.id = k.claim_a JOIN claims cb ON cb.id = k.claim_b
               JOIN sentences sa ON sa.article_id = ca.article_id AND sa.idx = ca.sentence
               JOIN sentences sb ON sb.article_id = cb.article_id AND sb.idx = cb.sentence"""):
        if r["aa"] not in by_id or r["ab"] not in by_id:
            continue
        rows.append({"origin": "system", "system": r["verdict"], "explanation": r["explanation"],
                     "a": {"ref": by_id[r["aa"]], "sentence": sentence_key(r["ta"]), "text": r["ta"]},
                     "b": {"ref": by_id[r["ab"]], "sentence": sentence_key(r["tb"]), "text": r["tb"]}})
    # independent: same event group (Giveme5W1H category, T17 topic), other outlet, within a day
    arts = [a for a in store.conn.execute("SELECT id, source, published, path, metadata FROM articles")
            if a["id"] in by_id]
    group = {}
    for a in arts:
        ref = by_id[a["id"]]
        if ref.startswith("giveme5w1h/"):
            group[a["id"]] = json.loads((DATA / ref).read_text()).get("category")
        else:
            group[a["id"]] = ref.split("/")[1].split("_")[0]
    sents: dict[str, list[tuple[str, set]]] = {}
    for s in store.conn.execute("SELECT article_id, text FROM sentences"):
        if s["article_id"] in by_id and _FIGURE.search(s["text"]) and len(s["text"]) < 400:
            words = {w for w in re.findall(r"[a-z]{4,}", s["text"].lower()) if w not in _STOP}
            sents.setdefault(s["article_id"], []).append((s["text"], words))
    info = {a["id"]: a for a in arts}
    pool = []
    ids = sorted(sents)
    for i, x in enumerate(ids):
        for y in ids[i + 1:]:
            ax, ay = info[x], info[y]
            if group[x] != group[y] or ax["source"] == ay["source"] or not ax["published"] or not ay["published"]:
                continue
            if abs((_d(ax["published"]) - _d(ay["published"])).days) > 1:
                continue
            for tx, wx in sents[x]:
                for ty, wy in sents[y]:
                    if len(wx & wy) >= 3:
                        pool.append((x, tx, y, ty))
    store.close()
    random.Random(seed).shuffle(pool)
    seen = {(r["a"]["sentence"], r["b"]["sentence"]) for r in rows}
    for x, tx, y, ty in pool[:sampled]:
        key = (sentence_key(tx), sentence_key(ty))
        if key in seen or key[::-1] in seen:
            continue
        rows.append({"origin": "sampled", "a": {"ref": by_id[x], "sentence": key[0], "text": tx},
                     "b": {"ref": by_id[y], "sentence": key[1], "text": ty}})
    with out.open("w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} candidate pairs to {out}", file=sys.stderr)


def _d(value: str):
    import datetime as dt

    return dt.date.fromisoformat(value[:10])


# -- report ------------------------------------------------------------------------------------


def _fmt(x) -> str:
    return "n/a" if x is None else f"{x:.3f}"


def label_coverage(labels: list[dict], refs: dict[str, str], verdicts: dict[tuple, str]) -> dict[str, int]:
    """How many of the system's conflicts in the corpus a labelled pair covers: precision speaks
    only for those, so a change that adds conflicts nobody labelled shows here."""
    labelled = set()
    for pair in labels:
        ida, idb = refs.get(pair["a"]["ref"]), refs.get(pair["b"]["ref"])
        if ida is not None and idb is not None:
            a, b = (ida, pair["a"]["sentence"]), (idb, pair["b"]["sentence"])
            labelled |= {(*a, *b), (*b, *a)}
    conflicts = {frozenset([k[:2], k[2:]]) for k, v in verdicts.items() if v == "conflict"}
    covered = sum(1 for c in conflicts if tuple(x for side in sorted(c) for x in side) in labelled)
    return {"system_conflicts": len(conflicts), "labelled": covered}


def report(res: dict) -> str:
    lines = [f"{res['pairs']} labelled pairs ({', '.join(f'{k} {v}' for k, v in sorted(res['labels'].items()))}; "
             f"from {', '.join(f'{k} {v}' for k, v in sorted(res['origins'].items()))}), "
             f"corpus built in {res['build_seconds']:.0f} s.", "",
             "| verdict | precision | recall | F1 | TP | FP | FN |", "|---|---:|---:|---:|---:|---:|---:|"]
    for v in VERDICTS:
        f = res[v]
        lines.append(f"| {v} | {_fmt(f['precision'])} | {_fmt(f['recall'])} | {_fmt(f['f1'])} | "
                     f"{f['tp']} | {f['fp']} | {f['fn']} |")
    if res.get("coverage"):
        c = res["coverage"]
        lines += ["", f"The system finds {c['system_conflicts']} conflicts in this corpus; {c['labelled']} of them are "
                      "labelled pairs (the precision above speaks for those)."]
    if res.get("parts"):
        lines += ["", "| part | pairs | conflict P | conflict R | agree P | agree R |", "|---|---:|---:|---:|---:|---:|"]
        for name, part in res["parts"].items():
            c, a = part["conflict"], part["agree"]
            lines.append(f"| {name} | {part['pairs']} | {_fmt(c['precision'])} ({c['tp']}/{c['tp'] + c['fp']}) | "
                         f"{_fmt(c['recall'])} ({c['tp']}/{c['tp'] + c['fn']}) | {_fmt(a['precision'])} | "
                         f"{_fmt(a['recall'])} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", type=Path, help="write the figures here")
    ap.add_argument("--only", choices=["giveme5w1h"], help="only this corpus (fast)")
    ap.add_argument("--errors", action="store_true", help="list the pairs the system got wrong")
    ap.add_argument("--candidates", type=Path, help="write pairs to label here (with their text) and stop")
    args = ap.parse_args(argv)
    if not DATA.exists():
        print(f"{DATA} is absent; nothing to measure.")
        return 0
    if args.candidates:
        with tempfile.TemporaryDirectory() as tmp:
            db, refs, _ = build_corpus(Path(tmp), args.only)
            candidates(db, refs, args.candidates)
        return 0
    res = evaluate(args.only)
    print(report(res))
    if args.errors:
        for e in res["errors"]:
            print(f"- gold {e['label']}, system {e['system']}: {e['a']['ref']} / {e['b']['ref']} {e.get('note', '')}")
    if args.json:
        args.json.write_text(json.dumps({k: v for k, v in res.items() if k != "errors"}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
