"""How good are Storyline's entities? NER and cross-document canonical entities on NewsWCL50.

NewsWCL50 (../shared/data/newswcl50, read in place) holds 50 articles, 10 events x 5
outlets of differing leaning (2018), as CoNLL tokens with coreference chains annotated
across the five articles of each event (`0_USA_Trump_ACTOR`). The chains are broad: they
hold names ("Mike Pompeo"), descriptions ("the C.I.A. director"), actions and, for
countries, metonyms and members ("White House", "Larry Kudlow" in `USA_COUNTRY`).
Storyline links *names*, so the comparison is restricted to gold mentions that are proper
names:

* a gold mention is NAMED when, cut at a comma, bracket, colon or relative pronoun and
  without leading determiners and titles ("the", "President", "Mr.") or a trailing 's,
  every word is capitalised (hyphenated parts count as one word: "Jong-un", "Mar-a-Lago")
  or a connector inside a name ("of", "and", "the": "Bank of America"); its head (the last
  word, or the last before "of": "Moon Jae-in of South Korea" -> "Jae-in") is not a role
  word ("CIA Director", "U.S. President"); and it is not a lone sentence-initial word the
  corpus also writes in lower case ("Denuclearization"). "Trump to visit UK", "Kim's
  announcement" and "the North Korean leader" are not named. The decision reads only the
  gold tokens and the corpus, never the system's output.
* a predicted mention MATCHES a named gold mention when it overlaps the gold name span and
  contains its head word; each side is matched at most once (best overlap first).

Each document's text is rebuilt from its tokens (with a token -> character map), all 50
documents go through `find_mentions` and one `EntityLinker`, in file order. Chains are
annotated within each event only, so pairs are compared within each event: a join of two
mentions from different events is neither right nor wrong here. Figures:

* NER recall: named gold mentions matched by a predicted mention (a gold span annotated in
  two chains counts twice and can be matched once);
* NER precision: predicted mentions inside some gold mention, of any chain (a lower bound:
  the annotators marked only the concepts of each event, not every name);
* pairwise precision and recall of joined mention pairs, and B-cubed precision, recall and
  F1, over the matched named mentions; overall and per chain type (ACTOR chains name one
  person each and are identity chains; COUNTRY chains also hold the capital, demonyms,
  institutions and officials, e.g. "White House", "Tehran", "Iranians", "Larry Kudlow";
  GROUP and ACTOR-I chains gather several people, e.g. "Michael J. Green", "Kristi
  Govella" and "Rex Tillerson" in one chain). A linker of names should not join those, so
  their recall is low by design; the overall figure carries that.

The five seed articles (../shared/seeds) have no gold: their entities are listed per type
for a reader to check. `--speed N` times recognition and linking on N Timeline17 articles.

    python bench/quality_entities.py                    # NewsWCL50 + seeds, markdown
    python bench/quality_entities.py --json out.json    # also every figure as JSON
    python bench/quality_entities.py --speed 200        # and the speed table
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DEFAULT_DATA = SHARED / "data" / "newswcl50" / "NewsWCL50.conll"
SEEDS = SHARED / "seeds"
TIMELINE17 = SHARED / "data" / "timeline17"

sys.path.insert(0, str(ROOT / "src"))

from storyline.annotate.entities import TITLES, Mention, find_mentions, load_nlp  # noqa: E402
from storyline.link.entities import EntityLinker  # noqa: E402

_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "’s", "n't", "'re", "'ve", "'ll",
                    "'d", "'m", "...", "…", "”", "’"}
_NO_SPACE_AFTER = {"(", "[", "{", "$", "#", "“", "‘"}
_CUT = {",", "(", "[", ":", ";", "—", "–", "--", "who", "which", "that", "whose"}
_TRAILING = {"'s", "’s", "'", "’", '"', "“", "”", ".", ",", ")", "?", "!"}
_LEADING = {"the", "a", "an", "this", "that", "these", "those", '"', "“", "‘", "'"} | TITLES
#: Lower-case words that may sit inside a name: 'Bank of America', 'North and South Korea'.
_NAME_CONNECTORS = {"of", "and", "the", "for", "on", "&", "de", "del", "da", "di", "von", "van", "al", "bin", "el"}
#: Capitalised words that head descriptions rather than names ("U.S. President", "CIA Director").
_ROLE_WORDS = TITLES | {"leader", "leaders", "official", "officials", "head", "adviser", "advisor",
                        "correspondent", "counterpart", "dictator", "nominee", "pick", "lawyer", "counsel"}


# -- reading NewsWCL50 ---------------------------------------------------------------


@dataclass
class GoldMention:
    chain: str
    first: int  # token indexes, end exclusive
    last: int
    named: bool = False
    name_start: int = 0  # character span of the name part and of its head word
    name_end: int = 0
    head_start: int = 0
    head_end: int = 0


@dataclass
class Document:
    id: str
    event: str
    tokens: list[str]
    sentence_start: list[bool]
    gold: list[GoldMention] = field(default_factory=list)
    text: str = ""
    spans: list[tuple[int, int]] = field(default_factory=list)


def read_conll(path: Path) -> list[Document]:
    """Documents in file order, with their tokens and gold chain mentions."""
    docs: dict[str, Document] = {}
    open_: dict[str, dict[str, list[int]]] = {}
    prev_sentence: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 5:
            continue
        doc_id, sentence, _index, token, tags = cols[0], cols[1], cols[2], cols[3], cols[4]
        doc = docs.get(doc_id)
        if doc is None:
            doc = docs[doc_id] = Document(doc_id, doc_id.split("/")[0], [], [])
            open_[doc_id] = defaultdict(list)
        i = len(doc.tokens)
        doc.tokens.append(token)
        doc.sentence_start.append(prev_sentence.get(doc_id) != sentence)
        prev_sentence[doc_id] = sentence
        for tag in tags.strip().split("|"):
            tag = tag.strip()
            if not tag or tag == "-":
                continue
            if tag.startswith("(") and tag.endswith(")"):
                doc.gold.append(GoldMention(tag[1:-1], i, i + 1))
            elif tag.startswith("("):
                open_[doc_id][tag[1:]].append(i)
            elif tag.endswith(")") and open_[doc_id][tag[:-1]]:
                doc.gold.append(GoldMention(tag[:-1], open_[doc_id][tag[:-1]].pop(), i + 1))
    for doc in docs.values():
        doc.text, doc.spans = rebuild(doc.tokens)
    return list(docs.values())


def rebuild(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Detokenize: text and each token's character span (empty for newline and space tokens)."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    glue = True  # no space before the next token
    quote_open = False
    for k, tok in enumerate(tokens):
        t = tok.strip()
        if t in ("\\n", ""):
            if t == "\\n" and out and not out[-1].endswith("\n"):
                out.append("\n")
                pos += 1
            glue = True
            spans.append((pos, pos))
            continue
        space = not glue
        if t in _NO_SPACE_BEFORE or t == "-" or (k > 0 and tokens[k - 1].strip() == "-"):
            space = False
        if t == '"':
            space = space and not quote_open
        if space:
            out.append(" ")
            pos += 1
        out.append(t)
        spans.append((pos, pos + len(t)))
        pos += len(t)
        glue = t in _NO_SPACE_AFTER or (t == '"' and not quote_open)
        if t == '"':
            quote_open = not quote_open
    return "".join(out), spans


def mark_named(docs: list[Document]) -> None:
    """Decide which gold mentions are proper names, from the gold tokens alone (see the top)."""
    lower_words = {t for d in docs for t, s in zip(d.tokens, d.sentence_start)
                   if t.isalpha() and t.islower() and not s}
    for doc in docs:
        for g in doc.gold:
            _mark(doc, g, lower_words)


def _mark(doc: Document, g: GoldMention, lower_words: set[str]) -> None:
    idx = [k for k in range(g.first, g.last) if doc.tokens[k].strip() not in ("\\n", "")]
    for n, k in enumerate(idx):  # an apposition or a relative clause is not part of the name
        if n > 0 and doc.tokens[k].strip() in _CUT:
            idx = idx[:n]
            break
    while idx and doc.tokens[idx[-1]].strip() in _TRAILING:
        idx.pop()
    while idx and doc.tokens[idx[0]].strip().lower().rstrip(".") in _LEADING:
        idx.pop(0)
    # words, hyphenated parts together: Kim Jong - un -> Kim, Jong-un; Mar - a - Lago -> Mar-a-Lago
    words: list[list[int]] = []
    for k in idx:
        t = doc.tokens[k].strip()
        if words and (t == "-" or doc.tokens[words[-1][-1]].strip() == "-"):
            words[-1].append(k)
        else:
            words.append([k])
    if not words:
        return
    texts = ["".join(doc.tokens[k].strip() for k in w) for w in words]
    if not all(_capitalised(t) or t in _NAME_CONNECTORS for t in texts) or not _capitalised(texts[-1]):
        return
    h = next((n - 1 for n, t in enumerate(texts) if n > 0 and t in ("of", "for", "on")), len(texts) - 1)
    head = texts[h]
    if not _capitalised(head) or head.lower().rstrip(".") in _ROLE_WORDS:
        return
    if len(words) == 1 and doc.sentence_start[words[0][0]] and head.lower() in lower_words:
        return  # 'Denuclearization' at the start of a sentence
    g.named = True
    g.name_start, g.name_end = doc.spans[words[0][0]][0], doc.spans[words[-1][-1]][1]
    g.head_start, g.head_end = doc.spans[words[h][0]][0], doc.spans[words[h][-1]][1]


def _capitalised(word: str) -> bool:
    return bool(word) and (word[0].isupper() or (word[0].isdigit() and any(c.isalpha() for c in word)))


# -- matching and scoring ----------------------------------------------------------


def align(doc: Document, mentions: list[Mention]) -> dict[int, int]:
    """Predicted mention index -> named gold mention index, one to one, best overlap first."""
    pairs = []
    for p, m in enumerate(mentions):
        for gi, g in enumerate(doc.gold):
            if not g.named or m.end <= g.name_start or m.start >= g.name_end:
                continue
            if not (m.start <= g.head_start and g.head_end <= m.end):
                continue
            inter = min(m.end, g.name_end) - max(m.start, g.name_start)
            union = max(m.end, g.name_end) - min(m.start, g.name_start)
            pairs.append((inter / union, p, gi))
    pairs.sort(reverse=True)
    used_p, used_g, out = set(), set(), {}
    for _score, p, gi in pairs:
        if p not in used_p and gi not in used_g:
            used_p.add(p)
            used_g.add(gi)
            out[p] = gi
    return out


def _pairs(sizes: Counter) -> int:
    return sum(n * (n - 1) // 2 for n in sizes.values())


def score(items: list[tuple[str, str, str]]) -> dict[str, float]:
    """Pairwise and B-cubed scores of (group, gold cluster, predicted cluster) per mention.

    Clusters are compared within each group (an event) only.
    """
    by_group: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for group, gold, pred in items:
        by_group[group].append((gold, pred))
    tp = pred_pairs = gold_pairs = 0
    b3p = b3r = 0.0
    n = 0
    for rows in by_group.values():
        both = Counter(rows)
        gold_sizes = Counter(g for g, _ in rows)
        pred_sizes = Counter(p for _, p in rows)
        tp += _pairs(both)
        pred_pairs += _pairs(pred_sizes)
        gold_pairs += _pairs(gold_sizes)
        for g, p in rows:
            b3p += both[(g, p)] / pred_sizes[p]
            b3r += both[(g, p)] / gold_sizes[g]
        n += len(rows)
    p = b3p / n if n else 0.0
    r = b3r / n if n else 0.0
    return {
        "pairwise_precision": tp / pred_pairs if pred_pairs else 1.0,
        "pairwise_recall": tp / gold_pairs if gold_pairs else 1.0,
        "pairwise_true": tp, "pairwise_predicted": pred_pairs, "pairwise_gold": gold_pairs,
        "b3_precision": p, "b3_recall": r, "b3_f1": 2 * p * r / (p + r) if p + r else 0.0,
        "mentions": n,
    }


def evaluate(path: Path | str = DEFAULT_DATA, details: bool = False) -> dict:
    """Every figure on NewsWCL50; `details` adds the wrong joins and the missed joins."""
    path = Path(path)
    docs = read_conll(path)
    mark_named(docs)
    t0 = time.perf_counter()
    found = find_mentions([d.text for d in docs])
    t1 = time.perf_counter()
    linker = EntityLinker()
    ids = [linker.add_article(d.id, d.text, m) for d, m in zip(docs, found)]
    t2 = time.perf_counter()
    ids = [[linker.current_id(x) for x in row] for row in ids]  # after later merges
    items: list[tuple[str, str, str]] = []
    ceiling: list[tuple[str, str, str]] = []
    rows = []
    named = matched = inside = predicted = 0
    for doc, mentions, eids in zip(docs, found, ids):
        named += sum(g.named for g in doc.gold)
        predicted += len(mentions)
        inside += sum(1 for m in mentions if any(
            doc.spans[g.first][0] <= m.start and m.end <= doc.spans[g.last - 1][1] for g in doc.gold))
        for p, gi in align(doc, mentions).items():
            g = doc.gold[gi]
            matched += 1
            items.append((doc.event, g.chain, eids[p]))
            rows.append((doc.id, mentions[p].text, g.chain, eids[p]))
            ceiling.append((doc.event, g.chain, identity_key(doc, g, mentions[p])))
    result = {
        "data": str(path),
        "documents": len(docs),
        "gold_mentions": sum(len(d.gold) for d in docs),
        "gold_named_mentions": named,
        "predicted_mentions": predicted,
        "matched_mentions": matched,
        "ner_recall": matched / named if named else 0.0,
        "ner_precision": inside / predicted if predicted else 0.0,
        "entities": len(linker),
        "seconds_recognition": round(t1 - t0, 2),
        "seconds_linking": round(t2 - t1, 3),
        **score(items),
    }
    best = score(ceiling)
    result["identity_ceiling"] = {
        "b3_recall": best["b3_recall"], "b3_f1": best["b3_f1"], "pairwise_recall": best["pairwise_recall"],
        # what that recall gives at the precision this linker has
        "b3_f1_at_our_precision": _f1(result["b3_precision"], best["b3_recall"])}
    result["by_chain_type"] = {}
    for kind in sorted({chain_type(c) for _, c, _ in items}):
        sub = [it for it in items if chain_type(it[1]) == kind]
        result["by_chain_type"][kind] = score(sub)
    if details:
        result["wrong_joins"], result["missed_joins"] = _errors(rows, items)
    return result


#: Chain types whose mentions all name one thing: a person (ACTOR), a thing or a happening.
IDENTITY_CHAINS = frozenset({"ACTOR", "OBJECT", "EVENT", "MISC"})


def identity_key(doc: Document, g: GoldMention, m: Mention) -> str:
    """The cluster a generous linker that never joins two different people would give a mention.

    It keeps every identity chain whole. In the other chains (a country with its officials and
    agencies, a party with its members, a group of people) it joins every mention that is not
    a person, rightly or not ('FBI' with 'the United States', 'DNC' with 'Democrats'), and the
    people by surname, the same surname being taken for the same person. Whether a mention is
    a person is the recogniser's label, the only reading of the system this uses. B-cubed
    against these clusters is the ceiling of a linker that keeps different people apart, as
    the issue asks; its precision is 1 by construction.
    """
    if chain_type(g.chain) in IDENTITY_CHAINS:
        return g.chain
    if m.label == "PERSON":
        return f"{g.chain}|{doc.text[g.head_start:g.head_end].split()[-1]}"
    return f"{g.chain}|not a person"


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def chain_type(chain: str) -> str:
    """The annotators' concept type, the last part of a chain's name: ACTOR, ACTOR-I, COUNTRY..."""
    return chain.rsplit("_", 1)[-1]


def _errors(rows: list[tuple[str, str, str, str]], items: list[tuple[str, str, str]]):
    """Predicted entities holding several gold chains, and gold chains split over entities."""
    by_pred: dict[tuple[str, str], Counter] = defaultdict(Counter)
    by_gold: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for (doc_id, text, chain, eid), (event, _g, _p) in zip(rows, items):
        by_pred[(event, eid)][(chain, text)] += 1
        by_gold[(event, chain)][(eid, text)] += 1
    wrong = {f"{e}/{eid}": {f"{c}: {t}": n for (c, t), n in cnt.items()}
             for (e, eid), cnt in by_pred.items() if len({c for c, _ in cnt}) > 1}
    missed = {f"{e}/{chain}": {f"{eid}: {t}": n for (eid, t), n in cnt.items()}
              for (e, chain), cnt in by_gold.items() if len({x for x, _ in cnt}) > 1}
    return wrong, missed


# -- the seeds -----------------------------------------------------------------------


def seed_entities(folder: Path = SEEDS) -> list[dict]:
    """Entities of the five seed articles, most mentioned first, for a reader to check."""
    files = sorted(folder.glob("*.txt"))
    texts = [f.read_text(encoding="utf-8") for f in files]
    linker = EntityLinker()
    for f, text, mentions in zip(files, texts, find_mentions(texts)):
        linker.add_article(f.name, text, mentions)
    out = [{"id": e.id, "type": e.type, "name": e.name, "aliases": e.aliases, "metonyms": e.metonyms,
            "articles": len(e.articles)} for e in linker.entities()]
    return sorted(out, key=lambda e: (e["type"], -sum(e["aliases"].values()), e["name"]))


# -- speed ---------------------------------------------------------------------------


def speed(limit: int = 200, data: Path = TIMELINE17) -> dict:
    """ms per article: bare NER, the rule component, mention cleaning, linking (one process)."""
    import spacy

    from storyline.annotate.entities import mentions_from_doc, model_name, pieces

    files = sorted(p for p in data.glob("*/InputDocs/*/*.txt") if p.is_file())
    files = [files[i] for i in sorted(random.Random(17).sample(range(len(files)), min(limit, len(files))))]
    texts = [p.read_bytes().decode("utf-8", errors="replace") for p in files]
    jobs = [(k, offset, c) for k, t in enumerate(texts) for offset, c in pieces(t)]
    chunks = [c for _, _, c in jobs]
    words = sum(len(t.split()) for t in texts)
    bare = spacy.load(model_name(), exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer",
                                             "senter"])
    nlp = load_nlp()
    rules = nlp.get_pipe("storyline_entity_rules")
    list(bare.pipe(chunks[:20]))  # warm up
    t0 = time.perf_counter()
    docs = list(bare.pipe(chunks, batch_size=32))
    t1 = time.perf_counter()
    for doc in docs:
        rules(doc)
    t2 = time.perf_counter()
    mentions: list[list[Mention]] = [[] for _ in texts]
    for (k, offset, chunk), doc in zip(jobs, docs):
        mentions[k] += [replace(m, start=m.start + offset, end=m.end + offset)
                        for m in mentions_from_doc(doc, chunk)]
    t3 = time.perf_counter()
    linker = EntityLinker()
    for k, (text, found) in enumerate(zip(texts, mentions)):
        linker.add_article(str(k), text, found)
    t4 = time.perf_counter()
    n = len(texts)
    ms = lambda a, b: round(1000 * (b - a) / n, 2)  # noqa: E731
    return {"articles": n, "words": words, "pieces": len(chunks), "mentions": sum(map(len, mentions)),
            "entities": len(linker), "ner_ms": ms(t0, t1), "rules_ms": ms(t1, t2),
            "clean_ms": ms(t2, t3), "link_ms": ms(t3, t4),
            "overhead_percent": round(100 * (t4 - t1) / (t1 - t0), 1)}


# -- report --------------------------------------------------------------------------


def _markdown(result: dict | None, seeds: list[dict] | None, timing: dict | None) -> str:
    lines = []
    if result:
        lines += ["## NewsWCL50: named entities and their canonical identities", "",
                  "| measure | value |", "|---|---|"]
        for key, label in [("documents", "documents"), ("gold_named_mentions", "named gold mentions"),
                           ("predicted_mentions", "predicted mentions"), ("matched_mentions", "matched mentions"),
                           ("ner_precision", "NER precision (inside a gold mention)"),
                           ("ner_recall", "NER recall (named gold mentions found)"),
                           ("pairwise_precision", "pairwise precision"), ("pairwise_recall", "pairwise recall"),
                           ("b3_precision", "B-cubed precision"), ("b3_recall", "B-cubed recall"),
                           ("b3_f1", "B-cubed F1"), ("entities", "entities")]:
            v = result[key]
            lines.append(f"| {label} | {v:.3f} |" if isinstance(v, float) else f"| {label} | {v} |")
        c = result.get("identity_ceiling")
        if c:
            lines += ["", "The ceiling of a linker that keeps different people apart (the issue's guard): it keeps",
                      "every ACTOR, OBJECT and EVENT chain whole, joins all the non-person mentions of each other",
                      "chain ('FBI' with 'United States') and its people by surname, with precision 1 "
                      "(`identity_key`):", "",
                      "| measure | value |", "|---|---|",
                      f"| B-cubed recall at best | {c['b3_recall']:.3f} |",
                      f"| B-cubed F1 at best (precision 1) | {c['b3_f1']:.3f} |",
                      f"| B-cubed F1 with that recall at our precision ({result['b3_precision']:.3f}) "
                      f"| {c['b3_f1_at_our_precision']:.3f} |"]
        lines += ["", "By the annotators' chain type (ACTOR chains name one person each; COUNTRY chains also",
                  "hold capitals, demonyms, institutions and officials; GROUP and ACTOR-I chains gather",
                  "several people):", "",
                  "| chain type | matched mentions | pairwise P | pairwise R | B3 P | B3 R | B3 F1 |",
                  "|---|---|---|---|---|---|---|"]
        for kind, v in sorted(result["by_chain_type"].items(), key=lambda kv: -kv[1]["mentions"]):
            lines.append(f"| {kind} | {v['mentions']} | {v['pairwise_precision']:.3f} | {v['pairwise_recall']:.3f} "
                         f"| {v['b3_precision']:.3f} | {v['b3_recall']:.3f} | {v['b3_f1']:.3f} |")
        lines.append("")
    if seeds:
        lines += ["## Seeds: entities per type", "", "| type | entity | surface forms (count) | articles |",
                  "|---|---|---|---|"]
        for e in seeds:
            forms = ", ".join([f"{a} ({n})" for a, n in sorted(e["aliases"].items(), key=lambda x: -x[1])]
                              + [f"{a} ({n}, for its government)"
                                 for a, n in sorted(e.get("metonyms", {}).items(), key=lambda x: -x[1])])
            lines.append(f"| {e['type']} | {e['name']} | {forms} | {e['articles']} |")
        lines.append("")
    if timing:
        lines += ["## Speed (ms per article, one process)", "", "| step | ms/article |", "|---|---|"]
        for key, label in [("ner_ms", "spaCy NER (bare pipeline)"), ("rules_ms", "rule component"),
                           ("clean_ms", "mentions_from_doc"), ("link_ms", "EntityLinker.add_article")]:
            lines.append(f"| {label} | {timing[key]} |")
        lines.append(f"| rules + cleaning + linking over NER | {timing['overhead_percent']} % |")
        lines.append("")
        lines.append(f"{timing['articles']} Timeline17 articles, {timing['words']} words, "
                     f"{timing['mentions']} mentions, {timing['entities']} entities.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="NewsWCL50.conll")
    ap.add_argument("--json", type=Path, help="write every figure here")
    ap.add_argument("--speed", type=int, default=0, metavar="N", help="also time N Timeline17 articles")
    ap.add_argument("--details", action="store_true", help="list wrong and missed joins (with --json)")
    args = ap.parse_args(argv)
    result = seeds = timing = None
    if args.data.exists():
        result = evaluate(args.data, details=args.details)
    else:
        print(f"{args.data} is absent: NewsWCL50 skipped")
    if SEEDS.exists():
        seeds = seed_entities(SEEDS)
    else:
        print(f"{SEEDS} is absent: seeds skipped")
    if args.speed:
        if TIMELINE17.exists():
            timing = speed(args.speed)
        else:
            print(f"{TIMELINE17} is absent: speed skipped")
    print(_markdown(result, seeds, timing))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"newswcl50": result, "seeds": seeds, "speed": timing}, indent=2,
                                        ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
