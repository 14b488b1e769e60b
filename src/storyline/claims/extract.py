"""Claims: what each sentence states a value for, read from the annotations already made.

A claim is a value about a subject: when something happened or is due ("spoke over the phone
on Monday": the date of the call), an amount ("systems worth Rs 40,000 crore": the value of
the S-400), a count ("20 people were killed": the number killed), a share or a size. Time
expressions and quantities come from the annotators; this module decides what each one is a
value *of*, by the nearest predicate word of the clause (a small lexicon of what news reports:
calls, visits, deliveries, deaths, arrests, fines, deals...), and how it is stated: plainly,
as expected, denied, or reported by someone (the speaker kept when named).

Values nothing in the clause explains stay out: a date that only says when someone spoke
("said on Monday") and a bare number with no predicate are not claims anyone can check. A sum
of money always is a claim, as an `UNEXPLAINED` amount when its clause says not what of.
Rules only, per article, so it runs in the build's worker processes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..annotate.temporal import tense_at
from ..model import Claim

__all__ = ["extract_claims", "PREDICATES", "SPEECH", "UNEXPLAINED", "UNCOMPARED"]

#: The attribute of a sum nothing in its clause explains: kept as a claim, never compared.
UNEXPLAINED = "amount"
#: Attributes kept as claims but not compared: share prices and daily moves differ by market and
#: by the hour, so two outlets' figures seldom speak of the same thing.
UNCOMPARED = frozenset({UNEXPLAINED, "price", "fall (percent)", "rise (percent)"})

# -- lexicons --------------------------------------------------------------------------------

#: What a date or a count can be the value of: class -> word stems (matched at the start of a
#: lower-cased word). General news vocabulary; nothing about any one story.
PREDICATES: dict[str, tuple[str, ...]] = {
    "call": ("phone", "phoned", "telephon", "conversation"),
    "meeting": ("meet", "met", "meeting", "talks", "summit"),
    "visit": ("visit", "trip", "toured", "touring"),
    "delivery": ("deliver", "shipment", "shipped"),
    "signing": ("signed", "signing", "inked", "sealed"),
    "death": ("kill", "died", "dies", "dead", "death", "fatalit", "perish", "lives"),
    "injury": ("injur", "wounded", "hurt", "casualt"),
    "arrest": ("arrest", "detain", "detention"),
    "attack": ("attack", "bombing", "blast", "explosion", "exploded", "shelling", "airstrike", "raid"),
    "earthquake": ("earthquake", "quake", "tremor", "aftershock"),
    "election": ("election", "elected", "referendum", "ballot"),
    "resignation": ("resign",),
    "protest": ("protest", "demonstrat", "rallies", "rally", "march"),
    "launch": ("launch",),
    "release": ("release", "freed"),
    "trial": ("trial", "verdict", "convict", "acquit", "sentenced"),
    "crash": ("crash", "derail", "collision", "collided", "overturn"),
    "spill": ("spill", "leak", "gush", "spew"),
    "ceasefire": ("ceasefire", "cease-fire", "truce"),
    "evacuation": ("evacuat",),
    "missing": ("missing",),
    "displacement": ("displaced", "homeless", "refugee"),
    "completion": ("complet",),
    "hearing": ("hearing", "testif", "testimony"),
    "funeral": ("funeral", "burial", "buried", "memorial"),
    "birth": ("born",),
}
#: Classes whose counts are of people, so "20 people were killed" and "a toll of 20" agree.
PEOPLE_COUNTS = frozenset({"death", "injury", "arrest", "missing", "displacement", "evacuation"})
_PEOPLE_NOUNS = frozenset("people person persons individual individuals victim victims".split())
#: Classes a date of which is not compared: being born or being buried is not what news disputes.
_NOT_DATED = frozenset({"birth"})
#: Happenings that last: a date next to one ("responsibility for the oil spill on Thursday", "the leaking
#: well, on Friday") dates something done about it; only its start ("began on April 20") is its own date.
_LASTING = frozenset({"spill"})

#: Words that mark the start of something: "first delivery", "deliveries from October".
_START_WORDS = frozenset("first begin began begun beginning start started starting commence commenced initial".split())
#: Verbs of saying: a date next to one says when someone spoke, not when the news happened.
SPEECH = frozenset(("said says say saying told tells tell announced announces announce stated states added "
                    "reported claimed claims confirmed confirms denied denies insisted warned explained "
                    "according statement tweeted wrote").split())
_SPEAKER_VERBS = ("said", "says", "told", "tells", "announced", "stated", "claimed", "confirmed", "added",
                  "insisted", "warned", "explained", "reported", "tweeted", "wrote", "denied")
_NEGATION = frozenset("not no never n't denied denies deny rejected dismissed".split())
#: Past participles that do not end in -ed: "a strain never seen before has killed 60" negates the seeing.
_IRREGULAR_PARTICIPLES = frozenset(("seen known shown given taken found made done heard thought brought "
                                    "caught held kept left lost meant paid put read run said sent set spent "
                                    "told won written").split())
_HEARSAY = frozenset("reportedly allegedly purportedly".split())

#: What an amount of money is: class -> stems; the nearest one in the clause decides.
MONEY_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "value": ("worth", "valued", "deal", "contract", "purchase", "agreement", "acquisition", "takeover",
              "bought", "sold", "order"),
    "price": ("price", "priced", "shares", "stock", "value"),
    "fund": ("fund", "escrow", "compensation", "payout"),
    "fine": ("fine", "fined", "penalt", "settlement", "settle"),
    "aid": ("aid", "donat", "pledg", "relief", "assistance", "bailout", "rescue", "stimulus"),
    "profit": ("profit", "earnings"),
    "revenue": ("revenue", "turnover"),
    "loss": ("loss", "losses", "lost", "write-down"),
    "cost": ("cost",),
    "budget": ("budget", "spending"),
    "debt": ("debt", "deficit"),
    "salary": ("salary", "bonus", "pay", "paid", "payment", "wage"),
}
#: What a share is a share of.
PERCENT_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "turnout": ("turnout",), "vote share": ("vote", "votes", "ballots"), "unemployment": ("unemploy", "jobless"),
    "growth": ("growth", "grew", "expand"), "inflation": ("inflation",), "stake": ("stake", "share", "shares"),
    "interest rate": ("interest", "rate"), "fall": ("fell", "fall", "drop", "declin", "decreas", "lower"),
    "rise": ("rose", "rise", "risen", "increas", "jump", "gain", "higher", "up"),
    "approval": ("approv", "support"),
}
#: Subjects an amount is about, most telling first (spaCy labels).
_SUBJECT_PRIORITY = {"PRODUCT": 0, "LAW": 0, "EVENT": 1, "FAC": 1, "WORK_OF_ART": 1, "ORG": 2, "GPE": 3,
                     "PERSON": 4, "NORP": 5, "LOC": 4}
#: Labels of things whose price or size stays what it is, whenever it is reported.
_THINGS = frozenset({"PRODUCT", "LAW", "FAC", "EVENT", "WORK_OF_ART"})
#: Quantity kinds that can be claims.
_AMOUNT_KINDS = ("money", "percent", "measure", "count", "number")

#: Words that put a date on something else than the predicate beyond them ("the Sunday before the election").
_DATE_BARRIERS = frozenset("before after ahead since following prior until till preceding during".split())
#: What may stand between a count and its predicate: "20 people were killed", "killing at least 20".
_COUNT_GLUE = frozenset(("people person persons were was have has had been being are is be also reportedly "
                         "now confirmed feared believed thought reported at least more than over about around "
                         "nearly almost some an estimated another other others total of toll the a death deaths "
                         "to rose risen climbed grown grew reached stood stands had").split())
_PARTITIVE = re.compile(r"(?i)^(?:one|two|three|\d+)\s+of\b")
#: A figure recalled from an earlier moment ("not certain at that stage that 60 had died", "initially
#: put at 20"): history the report tells, not its own figure. Read just before the figure.
_RECALLED = re.compile(r"(?i)\b(?:at\s+(?:that|the)\s+(?:stage|time|point)|initially|at\s+first|originally|"
                       r"previously|earlier\s+estimates?)\b(?:\W+[^\W\d][\w'’-]*){0,6}?\W+$")
#: What makes a toll one part of a running one: a day's or a round's dead ("25 died earlier in the day",
#: "on Monday alone", "fresh clashes left 12 dead"), not the total other reports give.
_PART_OF_TOLL = re.compile(r"(?i)\b(?:alone|(?:earlier|later)\s+(?:in\s+the\s+day|today|tonight)|overnight|"
                           r"in\s+the\s+(?:past|last)\s+(?:24|48|twenty-four)\s+hours|"
                           r"(?:fresh|new|renewed|latest)\s+(?:clash|fighting|violence|attack|unrest|protest|raid|"
                           r"shelling|bombing|air\s*strike|deaths|cases)|"
                           # "killed 20 people and could be to blame for 48 more deaths": 20 is not the toll
                           r"\b(?:\d[\d,]*|dozens|scores|hundreds)\s+(?:more|other|further|additional)\s+"
                           r"(?:deaths|dead|fatalities|victims|people|cases)\b)")
#: A toll named before its figure with words in between ("the death toll from the outbreak has risen to
#: more than 80"): the figure is the toll's, however long the toll's own description.
_TOLL_BEFORE = re.compile(r"(?i)\b(death|casualty)\s+tolls?\b[^.;:!?()]{0,80}?\b(?:rose|risen|rises|climbed|climbs|"
                          r"reached|reaches|jumped|hit|hits|stood\s+at|stands\s+at|increased\s+to|is|was|now)"
                          r"(?:\s+(?:to|at))?\s+(?:(?:at\s+least|more\s+than|over|about|around|nearly|almost|some|"
                          r"up\s+to)\s+)?$")
#: A count per period is a rate ("eight people are killed on the roads each day"), not a toll.
_RATE = re.compile(r"(?i)\b(?:on\s+average|annually|(?:a|each|every|per)\s+(?:day|week|month|year)"
                   r"(?!\s+(?:after|before|earlier|later|ago|since)))\b")
#: How far (in characters) from a toll and its word a rate's "each day" may stand.
RATE_REACH = 40
#: Words that set confirmed counts against others in the same sentence ("20 confirmed ... 83 suspected").
_OTHER_STATUS = re.compile(r"(?i)\b(?:suspect|unconfirmed|probabl|possibl|presum)")
#: Labels of the places a toll may be counted in, and how a sentence says it is ("in", "across").
_PLACE_LABELS = frozenset({"GPE", "LOC"})
_PLACE_BEFORE = re.compile(r"(?i)\b(?:in|across|throughout|inside|within)\s+(?:the\s+)?$")
#: A dateline ("HOUSTON, April 30 (Reuters) -") or a page stamp ("Fri Apr 30, 2010 5:23 pm EDT"): when
#: the page was written, not when the news happened.
_DATELINE_BEFORE = re.compile(r"(?:^|\s)[A-Z][A-Z.'’/\\-]{2,}\s*,\s*$")
_STAMP_AFTER = re.compile(r"(?i)^\s*,?\s*(?:\d{4}\s*)?(?:\d{1,2}[:.]\d{2}\b|\(|-LRB-|\|)")

_PART_AFTER = re.compile(r"(?i)\s+of\s+(?:the|those|them|whom|which|these|its|their)\b")
_PART_BEFORE = re.compile(r"(?i)\b(?:other|another|remaining|further|additional|more|extra|of)\s+$")
#: What may not stand between a date and its predicate: a verb of its own, or a new clause.
_DATE_BLOCKERS = _DATE_BARRIERS | frozenset(("and but which who whom that when where while was were is are "
                                             "has have had will would been be").split())
#: Prepositions that belong to a date's own phrase ("on 2 February", "in February").
_OWN_PREPOSITIONS = frozenset("on in at".split())
_TIME_UNITS = frozenset("millisecond second minute hour day night week fortnight month quarter year decade century".split())
#: A clause dated this long before its report tells background, not the news.
BACKGROUND_DAYS = 60

_VERB_FORM = re.compile(r"^[a-z]{3,}(?:ed|ing)$")
_NOT_VERBS = frozenset("morning evening during following including according red bed speed need seed".split())
_WORD = re.compile(r"[A-Za-z][\w'’-]*|\d[\d,.]*")
#: A dash typed as a spaced hyphen (" - ", " -- ") parts clauses as "—" does: "103 dead - 20 confirmed".
_CLAUSE_BREAK = re.compile(r"[;:()\[\]—–]|(?<=\s)--?(?=\s)|,\s+(?:but|while|whereas|although|though|and)\b|\bbut\b")
#: Values a date claim cannot hold: references with no place on a calendar.
_DATED_VALUE = re.compile(r"^(?:\d{4}|XXXX)(?:-\d{2}(?:-\d{2})?|-WXX-\d)?$")
_RELATIVE_YEAR = re.compile(r"(?i)\b(next|last|this|coming|past|previous)\s+year\b")


def _stem_class(word: str, table: dict[str, tuple[str, ...]]) -> str | None:
    w = word.lower()
    for name, stems in table.items():
        for stem in stems:
            if w == stem or (len(stem) >= 4 and w.startswith(stem)):
                return name
    return None


class _Sentence:
    """One sentence's words with offsets into the article, and its clause breaks."""

    def __init__(self, text: str, start: int, end: int):
        self.text, self.start, self.end = text, start, end
        self.words = [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(text, start, end)]
        self.breaks = [m.start() for m in _CLAUSE_BREAK.finditer(text, start, end)]

    def same_clause(self, a: int, b: int) -> bool:
        lo, hi = min(a, b), max(a, b)
        return not any(lo < p < hi for p in self.breaks)

    def clause(self, offset: int) -> tuple[int, int]:
        """(start, end) of the clause holding `offset`."""
        lo = max((p for p in self.breaks if p < offset), default=self.start)
        hi = min((p for p in self.breaks if p > offset), default=self.end)
        return lo, hi

    def index_at(self, offset: int) -> int:
        for i, (s, e, _) in enumerate(self.words):
            if e > offset:
                return i
        return len(self.words)

    def nearest(self, start: int, end: int, classify, *, reach: int = 8, skip_inside: bool = True,
                barriers: frozenset[str] = frozenset(), only: frozenset[str] | None = None,
                verbs_block: bool = False, phrase: bool = False):
        """The nearest word (in words, same clause) that `classify` names: (class, word index, distance).

        No word of `barriers` may stand between; with `only`, every word between must be one of them.
        With `phrase` the value heads a phrase of its own ("exploded on 2 February, killing 9"): its
        preposition is not counted, and what follows a comma after it explains it less than what
        stands before ("killing" is the consequence; the date is the explosion's).
        """
        first, last = self.index_at(start), self.index_at(end - 1) if end > start else self.index_at(start)
        best = None
        for i, (s, e, w) in enumerate(self.words):
            if skip_inside and s >= start and e <= end:
                continue
            name = classify(w, i)
            if not name:
                continue
            dist = first - i if i < first else i - last
            if phrase and i < first - 1 and self.words[first - 1][2].lower() in _OWN_PREPOSITIONS:
                dist -= 1  # "exploded on 2 February": "on" is the date's
            if dist > reach or not self.same_clause(e if i < first else s, start):
                continue
            between = [x[2].lower() for x in (self.words[i + 1:first] if i < first else self.words[last + 1:i])]
            if any(x in barriers for x in between) or (only is not None and any(x not in only for x in between)):
                continue
            if verbs_block and any(_VERB_FORM.match(x) and x not in _NOT_VERBS for x in between):
                continue  # "the attack was suppressed on Friday": the date is the suppression's
            dist += 0.5 if i > last else 0  # what stands before a value explains it a little better
            if phrase and i > last and "," in self.text[end:s]:
                dist += 2  # "..., killing 9": a clause of its own, explaining the value only when nothing before does
            if best is None or dist < best[2]:
                best = (name, i, dist)
        return best


def _predicate(words: list[tuple[int, int, str]], i: int) -> str | None:
    """The predicate class of word i, or None; "call" as a noun only after "phone"/"a"/"the"."""
    w = words[i][2].lower()
    if w in ("call", "calls"):
        prev = words[i - 1][2].lower() if i else ""
        return "call" if prev in ("phone", "telephone", "a", "the", "their", "video") else None
    if w in ("talks", "met") or w.startswith("meet"):
        return "meeting"
    return _stem_class(w, PREDICATES)


def _speech_or_predicate(words, i):
    w = words[i][2].lower()
    if w in SPEECH:
        return "speech"
    return _predicate(words, i)


def _modality(text: str, sent: _Sentence, start: int, end: int, anchor_index: int | None) -> tuple[str, str | None]:
    """How the value is put: stated, expected, denied or reported (with the speaker when named)."""
    lo = sent.words[max(0, (anchor_index if anchor_index is not None else sent.index_at(start)) - 6)][0] \
        if sent.words else start
    clause_words = [w[2].lower() for w in sent.words if lo <= w[0] < end and sent.same_clause(w[0], start)]
    if _negated(sent, lo, start, end, anchor_index):
        return "denied", None
    speaker = _speaker(text, sent)
    if tense_at(text, start, end) > 0 or any(w in ("expect", "expects", "expected", "plans", "planned",
                                                   "scheduled", "due") for w in clause_words):
        return "expected", speaker
    if speaker or any(w[2].lower() in _HEARSAY or w[2].lower() in _SPEAKER_VERBS for w in sent.words):
        return "reported", speaker
    return "stated", None


def _negated(sent: _Sentence, lo: int, start: int, end: int, anchor_index: int | None) -> bool:
    """Whether a negation in the value's clause bears on it: no verb of its own stands between them
    ("a strain never seen before has killed 60" negates the seeing, not the killing)."""
    target = sent.index_at(start)
    if anchor_index is not None and anchor_index < target:
        target = anchor_index
    for j, (w_start, _, word) in enumerate(sent.words):
        if not (lo <= w_start < end) or word.lower() not in _NEGATION or not sent.same_clause(w_start, start):
            continue
        between = [w[2].lower() for w in sent.words[j + 1:target]]
        if not any((_VERB_FORM.match(x) and x not in _NOT_VERBS) or x in _IRREGULAR_PARTICIPLES for x in between):
            return True
    return False


_SPEAKER_BEFORE = re.compile(
    r"(?<![\w’'-])((?:[A-Z][\w.’'-]*\s+){0,3}[A-Z][\w.’'-]*|(?:the\s+)?(?:[A-Za-z]+\s+)?(?:officials?|ministry|police|government|"
    r"authorities|spokes(?:man|woman|person)|sources?|analysts?|experts?|witnesses|residents))\s+"
    r"(?:has\s+|had\s+|have\s+)?(?:" + "|".join(_SPEAKER_VERBS) + r")\b")
_SPEAKER_AFTER = re.compile(r"\baccording\s+to\s+((?:the\s+)?(?:[A-Z][\w.’'-]*\s*){1,4}|(?:the\s+)?\w+\s+\w+)")
_CALENDAR_WORDS = frozenset(("monday tuesday wednesday thursday friday saturday sunday january february march april "
                             "may june july august september october november december today yesterday").split())
_NOT_SPEAKERS = frozenset("It He She They We This That There The A An But And In On As".split())


def _speaker(text: str, sent: _Sentence) -> str | None:
    span = text[sent.start:sent.end]
    m = _SPEAKER_AFTER.search(span)
    if m:
        return m.group(1).strip(" ,.")
    for m in _SPEAKER_BEFORE.finditer(span):
        who = m.group(1).strip()
        first = who.split()[0]
        if first in _NOT_SPEAKERS and len(who.split()) == 1 or _CALENDAR_WORDS & set(who.lower().split()):
            continue
        return re.sub(r"^(?:The|the)\s+", "", who)
    return None


def _subject(mentions: Sequence, start: int, end: int, sent: _Sentence):
    """The named thing an amount is about: in the same clause, most telling label first, then nearest."""
    best = None
    for m in mentions:
        if m.end <= sent.start or m.start >= sent.end or m.label not in _SUBJECT_PRIORITY:
            continue
        if m.start < end and m.end > start:
            continue
        gap = start - m.end if m.end <= start else m.start - end
        clause = sent.same_clause(m.start, start)
        rank = (not clause, _SUBJECT_PRIORITY[m.label], gap)
        if best is None or rank < best[0]:
            best = (rank, m)
    return best[1] if best else None


def _nearest_person(mentions: Sequence, start: int, end: int, sent: _Sentence):
    """The person an age belongs to: the nearest name before it in the clause ("Phil Seary, 57")."""
    best = None
    for m in mentions:
        if m.label == "PERSON" and sent.start <= m.start and m.end <= start and sent.same_clause(m.end, start):
            if start - m.end <= 40 and (best is None or m.end > best.end):
                best = m
    return best


_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_SCALED = re.compile(r"(?i)\d\s*(?:million|billion|trillion|crore|lakh|bn|mn|m|k)\b")


def _rounding(text: str) -> float:
    """Relative rounding of a figure as written: '40,000 crore' may be 35,000-45,000 crore,
    '1,624' is exact, and a small plain count ('20 people') is taken as exact."""
    m = _NUMBER.search(text)
    if m is None:
        return 0.0
    written = m.group(0).replace(",", "")
    number = float(written)
    if not number:
        return 0.0
    if "." in written:
        step = 10 ** -len(written.split(".")[1])
    else:
        if number < 100 and not _SCALED.search(text):
            return 0.0
        significant = len(written.rstrip("0")) or 1
        step = 10 ** (len(written) - significant)
    return min(0.1, 0.5 * step / number)


#: Datelines and page stamps stand in an article's first sentences.
LEAD_STAMPS = 2


def _is_stamp(text: str, sentence_start: int, start: int, end: int) -> bool:
    """Whether a date is a dateline ("HOUSTON, April 30") or a page stamp ("Apr 30, 2010 5:23 pm", "April 30 (Reuters)")."""
    before = text[max(sentence_start, start - 60):start]
    return bool(_DATELINE_BEFORE.search(before) or _STAMP_AFTER.match(text, end, min(len(text), end + 20)))


def _after(value: str, published: str | None) -> bool:
    """Whether a resolved date lies wholly after the day of publication."""
    if not published or len(published) < 10 or value.startswith("XXXX"):
        return False
    return value[:len(published)] > published if len(value) >= 10 else value > published[:len(value)]


def _background(times: Sequence, sent: _Sentence, start: int, published: str | None) -> bool:
    """Whether the sentence of an amount is dated well before its report ("in 2004, seven died")."""
    if not published or len(published) < 10:
        return False
    import datetime as dt

    pub = dt.date.fromisoformat(published)
    for t in times:
        if t.type != "DATE" or not (sent.start <= t.start < sent.end):
            continue
        m = re.match(r"^(\d{4})(?:-(\d{2}))?", t.value)
        if not m:
            continue
        last = dt.date(int(m.group(1)), int(m.group(2) or 12), 28)
        if (pub - last).days > BACKGROUND_DAYS:
            return True
    return False


def extract_claims(text: str, sentences: Sequence, times: Sequence = (), quantities: Sequence = (),
                   mentions: Sequence = (), published: str | None = None) -> list[Claim]:
    """Every claim in one article, in text order (pure: a function of the article's annotations).

    `published` (YYYY-MM-DD), when known, tells plans from facts and news from background.
    """
    claims: list[Claim] = []
    by_sentence: dict[int, _Sentence] = {}

    def sentence_of(offset: int):
        for s in sentences:
            if s.start <= offset < s.end:
                if s.index not in by_sentence:
                    by_sentence[s.index] = _Sentence(text, s.start, s.end)
                return s, by_sentence[s.index]
        return None, None

    for t in times:
        if t.type != "DATE" or not _DATED_VALUE.match(t.value) or t.value.startswith("XXXX-XX"):
            continue
        s, sent = sentence_of(t.start)
        if s is None:
            continue
        thing = _thing_of_year(text, sent, mentions, t) if _YEAR.match(t.value) else None
        if thing is not None:  # "the 1953 Great Flood disaster": the year of a named happening
            claims.append(Claim(sentence=s.index, start=t.start, end=t.end, text=t.text, kind="date",
                                attribute=THING_YEAR, value=t.value, number=None, unit="", qualifier=None,
                                modality="stated", speaker=None, scope="entity", relative=None, anchored=False,
                                subject_text=thing.text, subject_start=thing.start, subject_end=thing.end))
            continue
        hit = sent.nearest(t.start, t.end, lambda w, i: _speech_or_predicate(sent.words, i), reach=6,
                           barriers=_DATE_BLOCKERS, verbs_block=True, phrase=True)
        if hit is None or hit[0] == "speech" or hit[0] in _NOT_DATED:
            continue
        name, i, _ = hit
        start_marker = any(w[2].lower() in _START_WORDS for w in sent.words[max(0, i - 2):i + 2])
        before = text[max(s.start, t.start - 12):t.start].lower()
        qualifier = None
        if re.search(r"\b(from|starting|beginning)\s+$", before):
            start_marker, qualifier = True, "from"
        elif re.search(r"\b(by|before|until|till)\s+$", before):
            qualifier = "by"
        elif re.search(r"\b(after|since)\s+$", before):
            qualifier = "after"
        if qualifier in ("by", "after") and i > sent.index_at(t.end - 1) and "," not in text[t.end:sent.words[i][0]]:
            qualifier = None  # "since the 2 February explosion": the date is the explosion's; "since" the phrase's
        if name in _LASTING and not start_marker:
            continue
        attribute = f"start of {name}" if start_marker else name
        rel = _RELATIVE_YEAR.search(t.text)
        relative = None
        if rel and t.value.startswith("XXXX"):
            relative = "year" + {"next": "+1", "coming": "+1", "last": "-1", "past": "-1", "previous": "-1"}.get(
                rel.group(1).lower(), "+0")
        if published and t.value == published and re.search(r"\d{4}", t.text):
            continue  # the article's own day written in full: a dateline or a page stamp, not news
        if s.index < LEAD_STAMPS and _is_stamp(text, s.start, t.start, t.end):
            continue
        modality, speaker = _modality(text, sent, t.start, t.end, i)
        if modality != "denied" and _after(t.value, published):
            modality = "expected"  # a date still to come is a plan, whatever the verb's tense
        claims.append(Claim(sentence=s.index, start=t.start, end=t.end, text=t.text, kind="date",
                            attribute=f"date of {attribute}", value=t.value, number=None, unit="",
                            qualifier=qualifier, modality=modality, speaker=speaker, scope="event",
                            relative=relative, anchored=bool(t.anchored)))

    for q in quantities:
        if q.kind not in _AMOUNT_KINDS or q.unit in ("cent", "penny", "sen"):
            continue
        s, sent = sentence_of(q.start)
        if s is None:
            continue
        if (_PARTITIVE.match(q.text) or _PART_AFTER.match(text, q.end, s.end) or
                _PART_BEFORE.search(text, max(s.start, q.start - 12), q.start) or
                _background(times, sent, q.start, published) or
                _RECALLED.search(text, max(sent.clause(q.start)[0], q.start - 60), q.start)):
            continue  # a part of a total ("20 of those injured", "the other three"), or the past
        claim = _amount_claim(text, s, sent, q, mentions)
        if claim is not None:
            claims.append(claim)
    claims.sort(key=lambda c: (c.start, c.kind))
    return claims


def _amount_claim(text: str, s, sent: _Sentence, q, mentions: Sequence) -> Claim | None:
    subject_mention, scope = None, "event"
    if q.kind == "money":
        hit = sent.nearest(q.start, q.end, lambda w, i: _stem_class(w, MONEY_ATTRIBUTES), reach=10)
        attribute = hit[0] if hit is not None else UNEXPLAINED
        subject_mention = _subject(mentions, q.start, q.end, sent)
        # what a thing is worth does not change with the news; other sums belong to their event
        scope = "entity" if attribute == "value" and subject_mention is not None and \
            subject_mention.label in _THINGS else "event"
    elif q.kind == "percent":
        hit = sent.nearest(q.start, q.end, lambda w, i: _stem_class(w, PERCENT_ATTRIBUTES), reach=6)
        if hit is None:
            return None
        attribute = f"{hit[0]} (percent)" if q.unit == "percent" else f"{hit[0]} ({q.unit})"
        subject_mention = _subject(mentions, q.start, q.end, sent)
    elif q.unit == "year of age":
        subject_mention = _nearest_person(mentions, q.start, q.end, sent)
        if subject_mention is None or len(subject_mention.text.split()) < 2:
            return None  # "a man who gave his name as Omar, aged 25": one name, many people
        hit, scope, attribute = None, "entity", "age"
    else:
        noun = (q.unit or "").lower()
        if noun in _TIME_UNITS or noun.split(" ")[0] in _TIME_UNITS:
            return None  # how long something lasted: not a figure outlets dispute here
        hit = sent.nearest(q.start, q.end, lambda w, i: _predicate(sent.words, i), reach=4, only=_COUNT_GLUE)
        if hit is None and not noun:
            hit = _toll_named_before(text, sent, q.start)
        if hit is not None and hit[0] in PEOPLE_COUNTS and (not noun or noun in _PEOPLE_NOUNS):
            attribute = f"number {_PARTICIPLE.get(hit[0], hit[0])}" + _toll_kind(text, s, sent, q, hit[1])
            subject_mention = _toll_place(text, mentions, sent, q.start, q.end)
        elif q.kind == "number":
            return None  # a bare number with nothing to say what it counts
        elif q.kind == "measure":
            named = _subject(mentions, q.start, q.end, sent)
            if named is not None and named.label in _THINGS:
                subject_mention, scope = named, "entity"  # a thing's size stays its size
            elif hit is None:
                return None
            attribute = f"{hit[0]} in {noun}" if hit is not None else f"size in {noun}"
        else:
            if hit is None or q.value < 3 and hit[0] not in PEOPLE_COUNTS:
                return None  # "two leaders": a count nothing disputes
            what = (q.entity or noun).lower()
            attribute = f"number of {what} ({hit[0]})"
            if hit[0] in PEOPLE_COUNTS:  # "30 civilians killed in Kunduz": a toll all the same
                attribute += _toll_kind(text, s, sent, q, hit[1])
                subject_mention = _toll_place(text, mentions, sent, q.start, q.end)
    modality, speaker = _modality(text, sent, q.start, q.end, hit[1] if hit else None)
    low, high = q.low, q.high
    return Claim(sentence=s.index, start=q.start, end=q.end, text=q.text, kind=q.kind if q.kind != "number" else "count",
                 attribute=attribute, value=f"{q.value:g}", number=q.value, unit=q.unit or "",
                 qualifier=q.qualifier, modality=modality, speaker=speaker, scope=scope,
                 low=low, high=high, tolerance=_rounding(q.text),
                 subject_text=subject_mention.text if subject_mention is not None else "",
                 subject_start=subject_mention.start if subject_mention is not None else None,
                 subject_end=subject_mention.end if subject_mention is not None else None)


#: The attribute of a year that names a happening or a thing ("the 1953 Great Flood disaster").
THING_YEAR = "year"
_YEAR = re.compile(r"^\d{4}$")
#: Labels of named happenings and things whose year is their own: it stays what it is, whoever reports it.
_DATED_THINGS = frozenset({"EVENT", "FAC", "PRODUCT", "LAW", "WORK_OF_ART"})
#: What may stand between a named thing and the "in YEAR" that dates it: "the Great Flood disaster in Holland
#: back in 1953" (a noun, a place), but no verb.
_YEAR_AFTER = re.compile(r"^(?:\s+[a-z-]+)?(?:\s+(?:in|off)\s+(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)?"
                         r"(?:\s*,)?\s+(?:back\s+)?in\s+$")


def _thing_of_year(text: str, sent: _Sentence, mentions: Sequence, t):
    """The named happening or thing a bare year dates: the mention right after it ("the 1953 Great Flood
    disaster") or the one its "in YEAR" follows ("the Great Flood in Holland in 1953"); None otherwise."""
    for m in mentions:
        if m.label not in _DATED_THINGS or not (sent.start <= m.start < sent.end):
            continue
        if (m.start >= t.end and not text[t.end:m.start].strip()) or (m.start <= t.start and m.end > t.end):
            return m
        if m.end <= t.start and t.start - m.end <= 40 and _YEAR_AFTER.match(text[m.end:t.start]) and \
                sent.same_clause(m.end, t.start):
            return m
    return None


def _toll_named_before(text: str, sent: _Sentence, start: int):
    """(class, word index, distance) of a death toll whose figure this is, named earlier in the clause."""
    lo = max(sent.clause(start)[0], start - 160)
    m = _TOLL_BEFORE.search(text, lo, start)
    if m is None:
        return None
    at = sent.index_at(m.start(1))
    return ("death" if m.group(1).lower() == "death" else "injury", at, sent.index_at(start) - at)


def _toll_kind(text: str, s, sent: _Sentence, q, predicate_index: int) -> str:
    """What sets a toll apart from the running total, as an attribute suffix ('' for the total itself).

    "20 confirmed to have died" (or "confirmed that 20 died" against suspected ones in the same
    sentence) is the confirmed count; "25 died earlier in the day" one day's; "eight are killed
    each day" a rate. Each compares only with its like.
    """
    near = text[q.start:sent.words[predicate_index][1]] if predicate_index > sent.index_at(q.start) else \
        text[sent.words[predicate_index][0]:q.end]
    lead = " ".join(w[2].lower() for w in sent.words[max(0, sent.index_at(q.start) - 2):sent.index_at(q.start)])
    suffix = ""
    for status in ("confirmed", "suspected"):
        if status in near.lower() or (status == "confirmed" and status in lead.split() and
                                       _OTHER_STATUS.search(text, s.start, s.end)):
            suffix += f" ({status})"
    lo, hi = sent.clause(q.start)
    clause = text[lo:hi]
    # a rate is said next to its figure ("eight are killed on the roads each day"), not anywhere in the
    # clause: another figure's ("killing 9 workers and spilling 8,000 barrels a day") is not the toll's
    after = max(q.end, sent.words[predicate_index][1])
    stop = re.compile(r"[,\d]").search(text, after, min(hi, after + RATE_REACH))
    around = text[max(lo, min(q.start, sent.words[predicate_index][0]) - RATE_REACH):
                  stop.start() if stop else min(hi, after + RATE_REACH)]
    if _RATE.search(around):
        suffix += " (rate)"
    elif _PART_OF_TOLL.search(clause):
        suffix += " (part)"
    return suffix


def _toll_place(text: str, mentions: Sequence, sent: _Sentence, start: int, end: int, reach: int = 10):
    """The place a toll is counted in: the nearest place its clause names with "in", "across"... ("103 people
    in Mexico"), so that one country's dead are not set against another's."""
    best = None
    at = sent.index_at(start)
    for m in mentions:
        if m.label not in _PLACE_LABELS or not (sent.start <= m.start < sent.end) or not sent.same_clause(m.start, start):
            continue
        if not _PLACE_BEFORE.search(text, max(sent.start, m.start - 12), m.start):
            continue
        gap = abs(sent.index_at(m.start) - at)
        if gap <= reach and (best is None or gap < best[0]):
            best = (gap, m)
    return best[1] if best else None


_PARTICIPLE = {"death": "killed", "injury": "injured", "arrest": "arrested", "missing": "missing",
               "displacement": "displaced", "evacuation": "evacuated"}
