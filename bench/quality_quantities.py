"""How well does `storyline.annotate.quantities` find and normalize amounts in news?

Scores `find_quantities` on NewsQuant (590 news sentences, 904 gold quantities) and on the
four Microsoft Recognizers-derived sets, all from Almasian et al. 2023 (CQE, EMNLP 2023;
repository satya77/CQE_Evaluation), read in place from ../shared/data/quantities.

Scoring, written here after CQE's definitions (their evaluate_models.py):

* per sentence, a predicted quantity matches a gold one when the values agree
  (numpy.isclose with rtol 1e-5, atol 1e-8); a range matches a range when both ends
  agree. Ends are compared in ascending order: our Quantity keeps (low, high), while a
  few gold ranges are written in text order ("from 4.8 to 4.7").
* value P/R/F1: matches one-to-one on values alone. CQE's script counts value matches
  more leniently: a prediction whose unit is wrong stays available, so it can count again
  for another gold quantity of the same sentence (at most as many as the sentence has).
  The table also gives that count ("value, CQE counting") for a like-for-like comparison
  with the published figures; ours is the stricter one.
* value+unit P/R/F1 (the headline): one-to-one on value and normalized unit, with exact
  names (case aside), as in CQE. Our unit names are mapped onto the data's with the
  explicit table UNIT_NAMES below (ISO codes to 'dollar', 'euro', ...; 'percent' to
  'percentage'; ...). A bare number matches the gold unit '-'.
* counted things: the gold unit of a count is the noun phrase CQE produced, with its
  modifiers ('different product', 'Kia Hyundai vehicle', 'good wireless speaker'); ours is
  `Quantity.entity`, compared as it is ('residential burglary per week' for a rate). A
  fraction ('two-thirds of the sales') stands for '% ' and its entity ('% sale'), or '% -'
  where it names nothing ('half of which'), the data's notation.
* value+unit, relaxed (secondary, for comparison with this bench's earlier figures): a
  count also matches when our `unit`, the lemma of the head noun ('product'), equals the
  gold unit's last word, and a fraction matches any gold unit written '% ...'. CQE's
  figures are not computed that way; compare them with the strict column.

    python bench/quality_quantities.py                  # markdown table
    python bench/quality_quantities.py --errors 30      # also list misses and false alarms
    python bench/quality_quantities.py --json out.json  # figures as JSON
    python bench/quality_quantities.py --speed          # also characters/second on Timeline17
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from storyline.annotate.quantities import Quantity, find_quantities  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "quantities"
TIMELINE17 = ROOT.parent / "shared" / "data" / "timeline17"
SETS = ["NewsQuant", "currency-model", "dimension-model", "temperature-model", "age-model"]
PUBLISHED = {  # NewsQuant, Almasian et al. 2023, Table 3 (data/evaluation_output/NewsQuant.csv)
    "CQE": {"value": (92.0, 91.9, 92.0), "value+unit": (85.6, 85.5, 85.6)},
    "quantulum3": {"value": (65.0, 83.3, 73.0), "value+unit": (42.1, 53.9, 47.2)},
    "GPT-3": {"value": (72.1, 69.1, 70.6), "value+unit": (60.3, 57.9, 59.1)},
}

# Our unit name -> the names the data uses for it. Names absent here are compared as they are.
UNIT_NAMES: dict[str, set[str]] = {
    "": {"-"},
    "percent": {"percentage"},
    "percentage point": {"percentage point", "percentage"},
    "USD": {"dollar", "united states dollar"},
    "AUD": {"australian dollar"}, "CAD": {"canadian dollar"}, "NZD": {"new zealand dollar"},
    "HKD": {"hong kong dollar"}, "SGD": {"singapore dollar", "singaporean dollar"},
    "TWD": {"new taiwan dollar"}, "EUR": {"euro"}, "GBP": {"pound sterling"},
    "JPY": {"japanese yen"}, "CNY": {"chinese yuan"}, "INR": {"indian rupee", "rupee"},
    "PKR": {"pakistani rupee"}, "LKR": {"sri lankan rupee"}, "MYR": {"malaysian ringgit"},
    "ILS": {"shekel", "israeli new shekel"}, "DKK": {"danish krone"}, "NOK": {"norwegian krone"},
    "SEK": {"swedish krona"}, "CHF": {"swiss franc"}, "KRW": {"south korean won"},
    "RUB": {"russian ruble"}, "ZAR": {"south african rand"}, "BRL": {"brazilian real"},
    "MXN": {"mexican peso"}, "PHP": {"philippine peso"}, "TRY": {"turkish lira"},
    "HRK": {"croatian kuna"}, "FIM": {"finnish markka"}, "NLG": {"netherlands guilder", "netherlands guilde"},
    "ESP": {"peseta", "spanish peseta"}, "DEM": {"mark", "deutsche mark"}, "BTC": {"bitcoin"},
    "IDR": {"indonesian rupiah"}, "THB": {"thai baht"}, "VND": {"vietnamese dong"},
    "EGP": {"egyptian pound"}, "NGN": {"nigerian naira"}, "AED": {"united arab emirates dirham"},
    "SAR": {"saudi riyal"}, "FRF": {"french franc"}, "ITL": {"italian lira"},
    "AFN": {"afghan afghani"}, "ARS": {"argentine peso"}, "AZN": {"azerbaijani manat"},
    "BDT": {"bangladeshi taka"}, "BGN": {"bulgarian lev"}, "BHD": {"bahraini dinar"},
    "BND": {"brunei dollar"}, "CLP": {"chilean peso"}, "COP": {"colombian peso"},
    "CRC": {"costa rican colón"}, "CZK": {"czech koruna"}, "DZD": {"algerian dinar"},
    "ETB": {"ethiopian birr"}, "FJD": {"fijian dollar"}, "GEL": {"georgian lari"},
    "GHS": {"ghanaian cedi"}, "HUF": {"hungarian forint"}, "IQD": {"iraqi dinar"},
    "IRR": {"iranian rial"}, "ISK": {"icelandic króna"}, "JMD": {"jamaican dollar"},
    "JOD": {"jordanian dinar"}, "KES": {"kenyan shilling"}, "KHR": {"cambodian riel"},
    "KWD": {"kuwaiti dinar"}, "KZT": {"kazakhstani tenge"}, "LAK": {"lao kip"},
    "LBP": {"lebanese pound"}, "MAD": {"moroccan dirham"}, "MMK": {"myanmar kyat"},
    "MNT": {"mongolian tögrög"}, "MUR": {"mauritian rupee"}, "NAD": {"namibian dollar"},
    "NPR": {"nepalese rupee"}, "OMR": {"omani rial"}, "PEN": {"peruvian sol"},
    "PLN": {"polish złoty"}, "PYG": {"paraguayan guaraní"}, "QAR": {"qatari riyal"},
    "RON": {"romanian leu"}, "RSD": {"serbian dinar"}, "SDG": {"sudanese pound"},
    "SYP": {"syrian pound"}, "TND": {"tunisian dinar"}, "TZS": {"tanzanian shilling"},
    "UAH": {"ukrainian hryvnia"}, "UGX": {"ugandan shilling"}, "ZWL": {"zimbabwean dollar"},
    "cent": {"cent"}, "penny": {"penny", "point"},  # the data normalizes "164p" as 'point'
    "tonne": {"metric ton", "tonne"}, "pound": {"pound-mass"}, "gigatonne": {"gigaton"},
    "megatonne": {"megaton"}, "part per billion": {"parts-per-billion"},
    "part per million": {"part per million", "parts-per-million"},
    "revolution per minute": {"revolutions per minute"},
    "pound-foot": {"pound-foot", "foot pound-force"},
    "british thermal unit": {"british thermal unit", "mega british thermal unit"},
    "square foot": {"square foot", "square feet"}, "times": {"count"},
    "kilowatt hour": {"kilowatt hour"}, "milliampere hour": {"milliampere-hour"},
    "year of age": {"year of age"}, "month of age": {"month of age"},
    "horsepower": {"horsepower", "brake horsepower"},
}


# -- reading the data -----------------------------------------------------------------

def load(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))


def gold_value(raw: str) -> float | tuple[float, float]:
    """The data's value: a number, or a range written 'low-high' (CQE's reading)."""
    raw = str(raw).strip()
    if "E" not in raw and not raw.startswith("-") and "-" in raw:
        a, b = raw.split("-", 1)
        lo, hi = float(a), float(b)
        return (min(lo, hi), max(lo, hi))
    return float(raw)


def pred_value(q: Quantity) -> float | tuple[float, float]:
    if q.low is not None and q.high is not None:
        return (q.low, q.high)
    return q.value


def values_match(g, p) -> bool:
    if isinstance(g, tuple) != isinstance(p, tuple):
        return False
    if isinstance(g, tuple):
        return _close(g[0], p[0]) and _close(g[1], p[1])
    return _close(g, p)


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-5, abs_tol=1e-8) or abs(a - b) <= 1e-8 + 1e-5 * abs(b)


def unit_names(q: Quantity) -> set[str]:
    """The names in the data that our unit may stand for ('USD per barrel' -> 'dollar per barrel')."""
    unit = q.unit
    if " per " in unit and unit not in UNIT_NAMES:
        head, _, den = unit.partition(" per ")
        return {f"{h} per {d}" for h in _names(head) for d in _names(den)}
    return _names(unit)


def _names(unit: str) -> set[str]:
    return {n.lower() for n in UNIT_NAMES.get(unit, {unit})}


def strict_names(q: Quantity) -> set[str]:
    """The exact normalized unit names `q` stands for: the noun phrase of what a count counts
    ('first-team player', 'residential burglary per week'), '% ' and the noun phrase for a
    fraction ('% US population', '% -' where nothing is named), else the mapped unit names."""
    if q.unit == "fraction":
        return {"% " + (q.entity.lower() or "-")}
    if q.kind == "count" and q.entity:
        _, per, den = q.unit.partition(" per ")
        if per:
            return {f"{q.entity.lower()} per {d}" for d in _names(den)}
        return {q.entity.lower()}
    return unit_names(q)


def units_match(gold_unit: str, q: Quantity, relaxed: bool = False) -> bool:
    """Strict: the gold normalized unit is one of `strict_names(q)` (case aside). Relaxed
    also lets a count match on its head noun alone: our unit 'rifle' for gold 'assault rifle',
    a fraction for any gold '% ...', as the earlier figures of this bench did."""
    gold_unit = gold_unit.lower().strip()
    if gold_unit in strict_names(q):
        return True
    if not relaxed:
        return False
    if gold_unit in unit_names(q):
        return True
    if q.unit == "fraction":
        return gold_unit == "%" or gold_unit.startswith("% ")
    if q.kind == "count":
        head = gold_unit.split()[-1] if gold_unit.split() else gold_unit
        return q.unit.lower() == head or q.unit.lower() in {head.rstrip("s"), head + "s"}
    return False


# -- scoring -------------------------------------------------------------------------

def match(gold: list[dict], pred: list[Quantity], relaxed: bool = False):
    """One-to-one matches: (value pairs, value+unit pairs) as lists of (gold index, pred index)."""
    gv = [gold_value(g["value"]) for g in gold]
    pv = [pred_value(p) for p in pred]
    used: set[int] = set()
    unit_pairs = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            if j not in used and values_match(gv[i], pv[j]) and units_match(g["normalized_unit"], p, relaxed):
                used.add(j)
                unit_pairs.append((i, j))
                break
    used = set()
    value_pairs = []
    for i in range(len(gold)):
        for j in range(len(pred)):
            if j not in used and values_match(gv[i], pv[j]):
                used.add(j)
                value_pairs.append((i, j))
                break
    return value_pairs, unit_pairs


def cqe_value_count(gold: list[dict], pred: list[Quantity]) -> int:
    """Value matches counted as CQE's evaluation counts them (see the module docstring):
    gold quantities in turn, each scanning the predictions not yet claimed by a value+unit
    match; every value match counts while the sentence's budget of len(gold) lasts."""
    budget = len(gold)
    free = sorted(pred, key=lambda q: sorted(unit_names(q))[0])
    count = 0
    for g in sorted(gold, key=lambda g: g["normalized_unit"]):
        gv = gold_value(g["value"])
        for p in free:
            if values_match(gv, pred_value(p)):
                if budget > 0:
                    count += 1
                    budget -= 1
                if units_match(g["normalized_unit"], p):
                    free.remove(p)
                    break
    return count


def prf(tp: int, n_gold: int, n_pred: int) -> dict:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"P": round(100 * p, 1), "R": round(100 * r, 1), "F1": round(100 * f, 1)}


def score(items: list[dict]) -> dict:
    n_gold = n_pred = tp_value = tp_unit = tp_relaxed = tp_cqe = 0
    currencies: Counter = Counter()
    errors = []
    for k, item in enumerate(items):
        gold = item["quantities"]
        pred = find_quantities(item["text"])
        value_pairs, unit_pairs = match(gold, pred)
        _, relaxed_pairs = match(gold, pred, relaxed=True)
        n_gold += len(gold)
        n_pred += len(pred)
        tp_value += len(value_pairs)
        tp_unit += len(unit_pairs)
        tp_relaxed += len(relaxed_pairs)
        tp_cqe += cqe_value_count(gold, pred)
        currencies.update(q.unit.split(" per ")[0] for q in pred if q.kind == "money")  # and minor units
        matched_gold = {i for i, _ in unit_pairs}
        matched_pred = {j for _, j in unit_pairs}
        misses = [g for i, g in enumerate(gold) if i not in matched_gold]
        alarms = [p for j, p in enumerate(pred) if j not in matched_pred]
        if misses or alarms:
            errors.append({"index": k, "text": item["text"],
                           "misses": [f"{g['value']} {g['normalized_unit']}" for g in misses],
                           "false_alarms": [f"{_fmt(p)} [{p.text}]" for p in alarms]})
    return {
        "sentences": len(items), "gold": n_gold, "predicted": n_pred,
        "value": prf(tp_value, n_gold, n_pred),
        "value, CQE counting": prf(tp_cqe, n_gold, n_pred),
        "value+unit": prf(tp_unit, n_gold, n_pred),
        "value+unit (relaxed count nouns)": prf(tp_relaxed, n_gold, n_pred),
        "currencies": dict(currencies.most_common()),
        "errors": errors,
    }


def _fmt(q: Quantity) -> str:
    v = f"{q.low:g}-{q.high:g}" if q.low is not None else f"{q.value:g}"
    unit = f"{q.unit} [{q.entity}]" if q.entity and q.entity != q.unit else (q.unit or "-")
    return f"{v} {unit} ({q.kind}{', ' + q.qualifier if q.qualifier else ''})"


def data_folder(root: Path) -> Path:
    """The folder holding NewsQuant.json: `root` itself, or root/quantities, root/data/quantities."""
    for cand in (root, root / "quantities", root / "data" / "quantities"):
        if (cand / "NewsQuant.json").exists():
            return cand
    raise FileNotFoundError(f"NewsQuant.json not found under {root}")


def evaluate(root: Path) -> dict:
    """Scores on every set found under `root` (see data_folder), keyed by set name."""
    folder = data_folder(Path(root))
    results = {}
    for name in SETS:
        path = folder / f"{name}.json"
        if path.exists():
            results[name] = score(load(path))
    return results


def speed(limit_files: int | None = 400) -> dict | None:
    """Characters per second of find_quantities over Timeline17 article files, read in place
    (an evenly spread subset of `limit_files`, or all of them for None)."""
    files = sorted(TIMELINE17.glob("*/InputDocs/**/*.txt"))
    if not files:
        return None
    if limit_files:
        files = files[::max(1, len(files) // limit_files)][:limit_files]
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in files]
    chars = sum(len(t) for t in texts)
    found = 0
    t0 = time.perf_counter()
    for t in texts:
        found += len(find_quantities(t))
    secs = time.perf_counter() - t0
    return {"files": len(texts), "characters": chars, "seconds": round(secs, 3),
            "chars_per_second": round(chars / secs), "quantities": found}


def table(results: dict) -> str:
    lines = ["| set | sentences | gold | predicted | value P | value R | value F1 | value+unit P | "
             "value+unit R | value+unit F1 (strict) | value+unit F1, relaxed count nouns | value F1, CQE counting |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for name, r in results.items():
        v, u, s = r["value"], r["value+unit"], r["value+unit (relaxed count nouns)"]
        c = r["value, CQE counting"]
        lines.append(f"| {name} | {r['sentences']} | {r['gold']} | {r['predicted']} | {v['P']} | "
                     f"{v['R']} | {v['F1']} | {u['P']} | {u['R']} | {u['F1']} | {s['F1']} | {c['F1']} |")
    lines.append("")
    lines.append("Published on NewsQuant (Almasian et al. 2023): " + "; ".join(
        f"{k} value F1 {v['value'][2]}, value+unit F1 {v['value+unit'][2]}" for k, v in PUBLISHED.items())
        + " (exact unit names: compare with the strict column)")
    if "NewsQuant" in results:
        cur = results["NewsQuant"]["currencies"]
        lines.append("")
        lines.append("Currencies found on NewsQuant (quantities): " + ", ".join(
            f"{c} ({n})" for c, n in cur.items() if c.isupper()) + "; minor units: " + ", ".join(
            f"{c} ({n})" for c, n in cur.items() if not c.isupper()))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder holding NewsQuant.json")
    ap.add_argument("--json", type=Path, metavar="OUT", help="write the figures as JSON")
    ap.add_argument("--errors", type=int, default=0, metavar="N", help="list N sentences with misses or false alarms")
    ap.add_argument("--set", default="NewsQuant", help="which set --errors lists (default NewsQuant)")
    ap.add_argument("--speed", action="store_true", help="also measure characters/second on Timeline17")
    ap.add_argument("--speed-files", type=int, default=400, metavar="N",
                    help="how many Timeline17 files --speed reads (0: all)")
    args = ap.parse_args(argv)
    try:
        data_folder(args.data)
    except FileNotFoundError:
        print(f"skipped: the quantity test sets are absent ({args.data}); they come with ../shared/data")
        return 0
    results = evaluate(args.data)
    print(table(results))
    spd = speed(args.speed_files or None) if args.speed else None
    if spd:
        print(f"\nSpeed: {spd['chars_per_second']:,} characters/second ({spd['files']} Timeline17 files, "
              f"{spd['characters']:,} characters, {spd['seconds']} s, {spd['quantities']:,} quantities)")
    if args.errors:
        errs = results.get(args.set, {}).get("errors", [])
        print(f"\n{len(errs)} sentences of {args.set} with misses or false alarms; the first {args.errors}:")
        for e in errs[:args.errors]:
            print(f"\n[{e['index']}] {e['text']}")
            for m in e["misses"]:
                print(f"   miss:        {m}")
            for a in e["false_alarms"]:
                print(f"   false alarm: {a}")
    if args.json:
        out = {name: {k: v for k, v in r.items() if k != "errors"} for name, r in results.items()}
        if spd:
            out["speed"] = spd
        out["published"] = PUBLISHED
        args.json.write_text(json.dumps(out, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
