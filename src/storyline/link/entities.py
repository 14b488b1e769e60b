"""Canonical entities across articles: 'Narendra Modi', 'PM Modi' and 'Modi' are one person.

Linking is incremental and works on keys, never on all pairs. Each article is first
clustered on its own (a surname joins the full name the article introduced, an acronym
joins the name it abbreviates, 'S400' joins 'S-400'), then each cluster looks up a few
normalized keys in an index of the entities seen so far and either joins one of them or
becomes a new entity. Earlier entities keep their ids; nothing is recomputed.

The guards matter more than the joins (a wrong merge is worse than a missed one):

* different digits never merge (S-400 / S-500, F-35A / F-35B, Boeing 737 / 747);
* two people sharing a first or a last name stay apart (a full name joins another full name
  only through the same first and last words, or a one-letter misspelling of a long word);
* a bare surname joins a full name only when it is unambiguous, or clearly dominant;
* a city and an organisation with the same name differ by type and stay apart.

Keys depend only on (kind, surface form), so the index is rebuilt from the records alone.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ..annotate.entities import Mention
from .metonymy import SEATS, country_of

#: Entity kinds: labels that name the same sort of thing.
KIND = {"PERSON": "person", "ORG": "org", "FAC": "org", "GPE": "place", "LOC": "place", "NORP": "norp",
        "PRODUCT": "product", "LAW": "law", "EVENT": "event"}

_FUNCTION_WORDS = frozenset({"of", "the", "and", "for", "on", "in", "to", "at", "by", "&", "de", "du", "des",
                             "la", "le", "del", "da", "di", "van", "von", "a", "an"})
_COMPASS = frozenset({("north",), ("south",), ("east",), ("west",)})
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_FEMALE_TITLES = frozenset({"Mrs", "Mrs.", "Ms", "Ms.", "Miss", "Madam", "Mme", "Mme.", "Lady", "Dame"})
_ACRONYM = re.compile(r"[A-Z](?:\.?[A-Z&]){1,7}\.?")
_DESIGNATOR = re.compile(r"[A-Za-z]{0,4}-?\d{1,4}[A-Za-z]{0,4}\d?")
_VARIANT = frozenset({"max", "ng", "er", "lr", "xl", "xlr", "neo"})

#: A bare surname goes to the most mentioned namesake when it has this many times the next.
DOMINANCE = 3
#: Shortest word a one-letter misspelling may join ("Vladamir" / "Vladimir").
FUZZY_MIN_WORD = 5
#: Shortest acronym joined to a name across articles by its initials alone (NOAA, OPEC).
MIN_CROSS_ACRONYM = 4


#: Countries the news names in several ways that share no letters or initials a rule could
#: find ('Britain' and 'United Kingdom', 'America' and 'United States', 'Burma' and 'Myanmar'):
#: general knowledge of the world, as compact keys, one group per country.
COUNTRY_NAMES = {
    key: group
    for group, names in {
        "GB": ("unitedkingdom", "uk", "britain", "greatbritain", "unitedkingdomofgreatbritainandnorthernireland"),
        "US": ("unitedstates", "us", "usa", "america", "unitedstatesofamerica"),
        "RU": ("russia", "russianfederation"),
        "KP": ("northkorea", "dprk", "democraticpeoplesrepublicofkorea"),
        "KR": ("southkorea", "republicofkorea"),
        "CN": ("china", "peoplesrepublicofchina", "prc", "mainlandchina"),
        "IR": ("iran", "islamicrepublicofiran"),
        "NL": ("netherlands", "holland"),
        "AE": ("unitedarabemirates", "uae"),
        "CZ": ("czechrepublic", "czechia"),
        "MM": ("myanmar", "burma"),
        "CI": ("ivorycoast", "cotedivoire"),
        "TR": ("turkey", "turkiye"),
        "CD": ("democraticrepublicofthecongo", "democraticrepublicofcongo", "drc", "drcongo"),
        "SY": ("syria", "syrianarabrepublic"),
        "VN": ("vietnam", "socialistrepublicofvietnam"),
        "TW": ("taiwan", "republicofchina"),
    }.items()
    for key in names
}


#: Demonyms no English word ending leads back to their place ('British', 'French', 'Dutch'):
#: general knowledge again, compact demonym (singular and plural) -> compact place names.
IRREGULAR_DEMONYMS = {
    key: places
    for names, places in {
        ("british", "briton", "britons", "brit", "brits"): ("britain", "unitedkingdom"),
        ("english", "englishman", "englishmen"): ("england",),
        ("scottish", "scot", "scots"): ("scotland",),
        ("welsh",): ("wales",),
        ("irish",): ("ireland",),
        ("french", "frenchman", "frenchmen"): ("france",),
        ("dutch", "dutchman", "dutchmen"): ("netherlands",),
        ("swiss",): ("switzerland",),
        ("spanish", "spaniard", "spaniards"): ("spain",),
        ("portuguese",): ("portugal",),
        ("danish", "dane", "danes"): ("denmark",),
        ("swedish", "swede", "swedes"): ("sweden",),
        ("finnish", "finn", "finns"): ("finland",),
        ("norwegian", "norwegians"): ("norway",),
        ("icelandic", "icelander", "icelanders"): ("iceland",),
        ("polish",): ("poland",),
        ("turkish", "turk", "turks"): ("turkey",),
        ("greek", "greeks"): ("greece",),
        ("belgian", "belgians"): ("belgium",),
        ("lebanese",): ("lebanon",),
        ("congolese",): ("congo", "democraticrepublicofthecongo"),
        ("peruvian", "peruvians"): ("peru",),
        ("haitian", "haitians"): ("haiti",),
        ("ghanaian", "ghanaians"): ("ghana",),
        ("somali", "somalis"): ("somalia",),
        ("thai", "thais"): ("thailand",),
        ("filipino", "filipinos", "filipina", "filipinas"): ("philippines",),
        ("saudi", "saudis"): ("saudiarabia",),
        ("emirati", "emiratis"): ("unitedarabemirates",),
    }.items()
    for key in names
}


# -- normalized keys ---------------------------------------------------------------


_cached = functools.lru_cache(maxsize=1 << 16)


@_cached
def fold(text: str) -> str:
    """Case, accents and quote styles out: 'Erdoğan’s' -> "erdogan's"."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.replace("’", "'").replace("‘", "'").casefold()


@_cached
def compact(text: str) -> str:
    """Letters and digits only: 'S-400' and 'S400', 'U.S.' and 'US', 'Kim Jong-un' and 'Kim Jong Un'."""
    return "".join(c for c in fold(text) if c.isalnum())


@_cached
def words(text: str) -> tuple[str, ...]:
    """The words of a name, folded; possessive and punctuation out, hyphenated parts kept together."""
    out = []
    for w in fold(text).split():
        w = re.sub(r"'s$", "", w)
        w = "".join(c for c in w if c.isalnum())
        if w:
            out.append(w)
    return tuple(out)


@_cached
def is_acronym(text: str) -> bool:
    return bool(_ACRONYM.fullmatch(text.strip()))


@_cached
def initials(text: str) -> frozenset[str]:
    """Upper-case initials of a multi-word name, with and without its function words.

    'Federal Service for Military-Technical Cooperation' -> {'FSMTC', 'FSFMTC'}.
    """
    parts = [p for p in re.split(r"[\s\-–/]+", fold(text).replace("'s", "")) if p]
    parts = ["".join(c for c in p if c.isalnum()) for p in parts]
    parts = [p for p in parts if p]
    if len(parts) < 2:
        return frozenset()
    every = "".join(p[0] for p in parts).upper()
    content = "".join(p[0] for p in parts if p not in _FUNCTION_WORDS).upper()
    return frozenset(x for x in (every, content) if len(x) >= 2)


def acronym_matches(acronym: str, name: str) -> bool:
    """Does an acronym abbreviate a name, function words optional? 'CAATSA', 'SCO', 'FBI'."""
    letters = "".join(c for c in acronym if c.isalpha()).upper()
    parts = [p for p in re.split(r"[\s\-–/]+", fold(name).replace("'s", "")) if p]
    parts = ["".join(c for c in p if c.isalnum()) for p in parts]
    parts = [p for p in parts if p]
    if len(parts) < 2 or not letters:
        return False

    def match(i: int, j: int) -> bool:
        if j == len(parts):
            return i == len(letters)
        if parts[j] in _FUNCTION_WORDS and match(i, j + 1):
            return True
        return i < len(letters) and parts[j][0].upper() == letters[i] and match(i + 1, j + 1)

    return match(0, 0)


@_cached
def designator(text: str) -> str | None:
    """The model code of a product with its variant, without its given name.

    'S-400 Triumf' -> 's400', 'S400' -> 's400', 'Boeing 737 MAX' -> 'boeing737max',
    'F-35 Lightning II' -> 'f35'. None for a product without a code ('Sputnik').
    """
    toks = [re.sub(r"(?<=\d)s$", "", t) for t in text.split()]  # 'S-400s' are S-400s
    for k, tok in enumerate(toks):
        if any(c.isdigit() for c in tok) and _DESIGNATOR.fullmatch(tok):
            core = toks[:k + 1]
            for nxt in toks[k + 1:]:
                if nxt.casefold() in _VARIANT and nxt.isupper():
                    core.append(nxt)
                else:
                    break
            return compact(" ".join(core))
    return None


@_cached
def demonym_places(alias: str) -> list[str]:
    """Place names a demonym may come from, likeliest first, as compact keys.

    'Iranians' -> iran, 'North Koreans' -> northkorea, 'Israeli' -> israel, 'Chinese' -> china,
    'Mexicans' -> mexico, 'Ukrainian' -> ukraine, 'Germans' -> germany, 'Afghans' -> afghanistan:
    English word endings only, no list of countries; a candidate counts only if the knowledge
    base holds a place of that name. Irregular ones (British, French, Dutch) come from a table.
    """
    ws = words(alias)
    if not ws or len(ws) > 3 or not ws[-1].isalpha():
        return []
    if len(ws) == 1 and ws[0] in IRREGULAR_DEMONYMS:
        return list(IRREGULAR_DEMONYMS[ws[0]])
    word, prefix = ws[-1], "".join(ws[:-1])
    forms = [word] if word.endswith("ese") or not word.endswith("s") else [word[:-1]]
    out: list[str] = []
    for f in forms:
        if f.endswith("ian"):
            stems = [f[:-1], f[:-3], f[:-3] + "e", f[:-3] + "a", f[:-3] + "y"]
        elif f.endswith("an"):
            stems = [f[:-1], f[:-2] + "o"]
        elif f.endswith("ese"):
            stems = [f[:-3], f[:-3] + "a"]
        elif f.endswith("i"):
            stems = [f[:-1]]
        else:
            stems = [f + "y"] if len(f) >= 5 else []
        stems += [f + "istan", f + "stan"]  # 'Afghan' -> Afghanistan, 'Uzbek' -> Uzbekistan
        out += [prefix + st for st in stems if len(st) >= 3]
    return list(dict.fromkeys(out))


@_cached
def singular(key: str) -> str:
    """'republicans' -> 'republican': one key for a group's singular and plural ('Swiss' stays)."""
    return key[:-1] if len(key) > 3 and key.endswith("s") and not key.endswith("ss") else key


@_cached
def party_stem(kind: str, alias: str) -> str | None:
    """The shared stem of a party and its members: 'Democratic Party' and 'Democrats' -> 'democrat'.

    A party is a name of two words ending in 'Party'; its members are a one-word group
    name (NORP). The adjective's '-ic' goes ('Democratic' -> 'democrat').
    """
    ws = words(alias)
    if len(ws) == 2 and ws[1] == "party" and ws[0].isalpha():
        stem = ws[0][:-2] if ws[0].endswith("ic") else ws[0]
    elif kind == "norp" and len(ws) == 1 and ws[0].isalpha():
        stem = singular(ws[0])
    else:
        return None
    return stem if len(stem) >= 5 else None


def _person_parts(text: str) -> tuple[str, str, str, str] | None:
    """(first, middle, last, suffix) of a person's name with two or more words.

    'Jr'/'Sr' tell a son from his father and stay; 'III' is usually dropped in news and goes.
    """
    ws = list(words(text))
    suffix = ""
    while len(ws) > 2 and ws[-1] in _SUFFIXES:
        last = ws.pop()
        if last in ("jr", "sr"):
            suffix = last
    if len(ws) < 2:
        return None
    return ws[0], " ".join(ws[1:-1]), ws[-1], suffix


def keys(kind: str, alias: str) -> list[str]:
    """Index keys of one surface form of an entity of a kind; pure, so the index can be rebuilt."""
    key = compact(alias)
    if not key:
        return []
    out = [f"n:{kind}:{key}"]
    ws = words(alias)
    if kind == "person":
        parts = _person_parts(alias)
        if parts:
            first, _middle, last, suffix = parts
            out.append(f"fl:{first}|{last}|{suffix}")
            out.append(f"last:{last}")
            out.append(f"first:{first}")
            out.extend(f"fz:person:{d}" for d in _deletions(key))
        return out
    if kind == "norp":
        out.extend(f"dem:{c}" for c in demonym_places(alias))
        out.append(f"sg:{singular(key)}")
    party = party_stem(kind, alias)
    if party:
        out.append(f"party:{party}")
    if kind == "place" and key in COUNTRY_NAMES:
        out.append(f"cc:{COUNTRY_NAMES[key]}")
    if kind == "product":
        code = designator(alias)
        if code:
            out.append(f"d:{code}")
    if len(ws) >= 2:
        out.extend(f"i:{kind}:{x}" for x in initials(alias))
        if len(key) >= 10:
            out.extend(f"fz:{kind}:{d}" for d in _deletions(key))
    return out


def _deletions(key: str) -> Iterator[str]:
    """The key and each key one character shorter: two keys within one edit share one of these."""
    yield key
    seen = set()
    for i in range(len(key)):
        d = key[:i] + key[i + 1:]
        if d not in seen:
            seen.add(d)
            yield d


def one_letter_apart(a: str, b: str) -> bool:
    """Two names one letter apart in one long word, not its first letter, not a digit.

    'Vladamir Putin' / 'Vladimir Putin' yes; 'Eastern Europe' / 'Western Europe' no;
    'S-400' / 'S-500' no (digits); 'Jon Smith' / 'Jan Smith' no (short word).
    """
    wa, wb = words(a), words(b)
    if len(wa) != len(wb) or len(wa) < 2 or wa == wb:
        return False
    diff = [(x, y) for x, y in zip(wa, wb) if x != y]
    if len(diff) != 1:
        return False
    x, y = diff[0]
    if min(len(x), len(y)) < FUZZY_MIN_WORD or x[0] != y[0]:
        return False
    if any(c.isdigit() for c in x + y):
        return False
    if len(x) != len(y) and (x[:-1] == y or y[:-1] == x) and max(x, y, key=len)[-1] in "es":
        return False  # Steel / Steele, Robert / Roberts: different names, not a typo
    return _edit_distance_one(x, y)


def _edit_distance_one(x: str, y: str) -> bool:
    if abs(len(x) - len(y)) > 1:
        return False
    if len(x) == len(y):
        return sum(1 for a, b in zip(x, y) if a != b) == 1
    if len(x) > len(y):
        x, y = y, x
    for i in range(len(y)):
        if y[:i] + y[i + 1:] == x:
            return True
    return False


def slug(text: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    return s[:60] or "x"


# -- entities ----------------------------------------------------------------------


def best_name(kind: str, names: dict[str, int]) -> str:
    """The name to show: a person's full name, a thing's written out rather than its acronym, a
    place's own name rather than its people's ('Iran', not 'Iranians'), then the most used."""
    places = {compact(a) for a in names} if kind == "place" else set()

    def rank(item: tuple[str, int]) -> tuple:
        alias, count = item
        full = len(words(alias)) >= 2 if kind == "person" else not is_acronym(alias)
        people = bool(places) and any(p in places for p in demonym_places(alias))
        return (full, not people, count, len(alias), alias)

    return max(names.items(), key=rank)[0]


@dataclass(frozen=True)
class Entity:
    """One real-world thing: its best name, type, every surface form with counts, its articles."""

    id: str
    name: str
    type: str
    aliases: dict[str, int]
    articles: list[str]
    #: names of a capital or a seat of government that stood for it: {'Beijing': 2} for China
    metonyms: dict[str, int] = field(default_factory=dict)


@dataclass
class _State:
    id: str
    kind: str
    aliases: Counter[str] = field(default_factory=Counter)
    labels: Counter[str] = field(default_factory=Counter)
    articles: list[str] = field(default_factory=list)
    article_set: set[str] = field(default_factory=set)
    titles: Counter[str] = field(default_factory=Counter)
    metonyms: Counter[str] = field(default_factory=Counter)  # never indexed: 'Beijing' stays the city

    @property
    def mentions(self) -> int:
        return sum(self.aliases.values())

    def full(self) -> bool:
        """Has this entity been named in full (a person's full name, not only a surname)?"""
        return any(len(words(a)) >= 2 for a in self.aliases)

    def name(self) -> str:
        return best_name(self.kind, self.aliases)

    def type(self) -> str:
        # a place its people are named after ('Iranians') is still a place
        labels = Counter({k: v for k, v in self.labels.items() if k != "NORP"}) or self.labels
        return labels.most_common(1)[0][0] if labels else self.kind.upper()


# -- clusters within one article ---------------------------------------------------


@dataclass
class _Cluster:
    """Mentions of one article that name the same thing."""

    kind: str
    members: list[int] = field(default_factory=list)  # indexes into the article's mentions
    surfaces: Counter[str] = field(default_factory=Counter)
    labels: Counter[str] = field(default_factory=Counter)
    titles: Counter[str] = field(default_factory=Counter)
    metonyms: Counter[str] = field(default_factory=Counter)
    merged_into: "_Cluster | None" = None
    target: "_State | None" = None  # set for a cluster of metonyms only: the country they stand for

    def add(self, i: int, m: Mention) -> None:
        self.members.append(i)
        self.surfaces[m.text] += 1
        self.labels[m.label] += 1
        if m.title:
            self.titles[m.title] += 1

    def add_metonym(self, i: int, m: Mention) -> None:
        """'Beijing' in 'Beijing said': a mention of this country that is not one of its names."""
        self.members.append(i)
        self.metonyms[m.text] += 1

    def root(self) -> "_Cluster":
        c = self
        while c.merged_into is not None:
            c = c.merged_into
        return c

    def absorb(self, other: "_Cluster") -> None:
        into, other = self.root(), other.root()
        if other is into:
            return
        other.merged_into = into
        into.members += other.members
        into.surfaces += other.surfaces
        into.labels += other.labels
        into.titles += other.titles
        into.metonyms += other.metonyms
        other.members, other.surfaces, other.labels, other.titles = [], Counter(), Counter(), Counter()
        other.metonyms = Counter()

    @property
    def full_names(self) -> list[str]:
        return [s for s in self.surfaces if len(words(s)) >= 2]

    @property
    def single(self) -> bool:
        return not self.full_names


class EntityLinker:
    """Joins mentions into canonical entities, one article at a time.

        linker = EntityLinker()
        ids = linker.add_article("a1", text, mentions)   # one entity id per mention
        linker.entities()                                 # everything seen so far
        EntityLinker.from_records(linker.to_records())    # the same linker, from plain data
    """

    def __init__(self) -> None:
        self._entities: dict[str, _State] = {}
        self._index = _KeyIndex()
        self._redirect: dict[str, str] = {}  # merged id -> the id it was merged into

    # -- public ------------------------------------------------------------------

    def add_article(self, article_id: str, text: str, mentions: list[Mention]) -> list[str]:
        """Entity id for each mention; joins existing entities, creates the others.

        Mentions with a label that names no entity kind get "". An article already added
        is linked again without being counted twice.
        """
        clusters = self._cluster(text, mentions)
        ids: list[str] = [""] * len(mentions)
        # full names first, so that a surname in the same article finds what its name became
        order = sorted(clusters, key=lambda c: (c.single, -sum(c.surfaces.values())))
        for cluster in order:
            if not cluster.members:
                continue
            if cluster.target is not None:
                entity = self._entities[self.current_id(cluster.target.id)]
            else:
                entity = self._resolve(cluster) or self._create(cluster)
                if entity.kind == "norp" and cluster.kind == "place":
                    entity = self._become_place(entity, cluster)  # 'Iranians' came first; now 'Iran' names it
            for other in self._exact_hits(cluster):
                if other is not entity and other.kind == entity.kind:
                    self._merge(other, entity)  # this article shows that two entities are one
            self._record(entity, cluster, article_id)
            for i in cluster.members:
                ids[i] = entity.id
        return [self.current_id(x) if x else x for x in ids]  # a later cluster may have merged one

    def entities(self) -> list[Entity]:
        return [self._public(s) for s in self._entities.values()]

    def entity(self, entity_id: str) -> Entity:
        """The entity of an id, following merges: an id once given out always resolves."""
        return self._public(self._entities[self.current_id(entity_id)])

    def current_id(self, entity_id: str) -> str:
        """The id an entity has now: itself, or the entity it was merged into."""
        while entity_id in self._redirect:
            entity_id = self._redirect[entity_id]
        return entity_id

    def to_records(self) -> list[dict]:
        """Plain data (JSON-ready) from which `from_records` rebuilds the same linker."""
        return self.records(self._entities)

    def records(self, entity_ids: Iterable[str]) -> list[dict]:
        """The records of some entities (say, those an article just touched), following merges."""
        wanted = dict.fromkeys(self.current_id(i) for i in entity_ids)  # in the order asked: records are stable
        merged: dict[str, list[str]] = defaultdict(list)
        for old in self._redirect:
            now = self.current_id(old)
            if now in wanted:
                merged[now].append(old)
        return [{"id": s.id, "kind": s.kind, "name": s.name(), "type": s.type(),
                 "aliases": dict(s.aliases), "labels": dict(s.labels), "titles": dict(s.titles),
                 "metonyms": dict(s.metonyms), "articles": list(s.articles),
                 "merged_ids": sorted(merged.get(s.id, []))}
                for s in (self._entities[i] for i in wanted if i in self._entities)]

    @classmethod
    def from_records(cls, records: Iterable[dict]) -> "EntityLinker":
        linker = cls()
        for r in records:
            state = _State(r["id"], r["kind"], Counter(r["aliases"]), Counter(r.get("labels") or {}),
                           list(r["articles"]), set(r["articles"]), Counter(r.get("titles") or {}),
                           Counter(r.get("metonyms") or {}))
            linker._entities[state.id] = state
            for old in r.get("merged_ids") or ():
                linker._redirect[old] = state.id
            for alias in state.aliases:
                linker._index_alias(state, alias)
        return linker

    def __len__(self) -> int:
        return len(self._entities)

    # -- within one article --------------------------------------------------------

    def _cluster(self, text: str, mentions: list[Mention]) -> list[_Cluster]:
        by_key: dict[tuple[str, str], _Cluster] = {}
        clusters: list[_Cluster] = []
        metonyms: dict[int, str] = {}

        def add(i: int, m: Mention, kind: str, key: str) -> None:
            c = by_key.get((kind, key))
            if c is None:
                c = by_key[(kind, key)] = _Cluster(kind)
                clusters.append(c)
            c.add(i, m)

        for i, m in enumerate(mentions):
            kind = KIND.get(m.label)
            if kind is None:
                continue
            key = _local_key(kind, m.text)
            if not key:
                continue
            if kind == "place" or (kind == "org" and key in SEATS):
                country = country_of(text, m.start, m.end)
                if country is not None:
                    metonyms[i] = country
                    continue
            add(i, m, kind, key)
        self._join_acronyms(text, mentions, clusters, by_key)
        self._join_people(clusters)
        self._join_compass_words(clusters)
        self._join_demonyms(clusters)
        self._join_parties(clusters)
        for i, country in metonyms.items():
            m = mentions[i]
            home = self._country_here(clusters, country)
            if home is not None:
                home.add_metonym(i, m)
                continue
            found = self._lookup([f"n:place:{country}"] + (
                [f"cc:{COUNTRY_NAMES[country]}"] if country in COUNTRY_NAMES else []))
            if found:  # one cluster per country: several capitals may stand for one
                home = next((c for c in clusters if c.target is not None and c.target is _biggest(found)), None)
                if home is None:
                    home = _Cluster("place", target=_biggest(found))
                    clusters.append(home)
                home.add_metonym(i, m)
            else:  # the country is named nowhere yet: the name stays the place it is
                kind = KIND[m.label]
                add(i, m, kind, _local_key(kind, m.text))
        return [c for c in clusters if c.members]

    @staticmethod
    def _country_here(clusters: list[_Cluster], country: str) -> _Cluster | None:
        """The article's cluster of a country, by its name or another name of it ('Britain', 'UK')."""
        code = COUNTRY_NAMES.get(country)
        for c in clusters:
            if c.kind == "place" and c.members and c.target is None and any(
                    (k := compact(s)) == country or (code is not None and COUNTRY_NAMES.get(k) == code)
                    for s in c.surfaces):
                return c.root()
        return None

    @staticmethod
    def _join_demonyms(clusters: list[_Cluster]) -> None:
        """'Iranians' joins the article's 'Iran': the likeliest place the demonym derives from."""
        places: dict[str, list[_Cluster]] = defaultdict(list)
        for c in clusters:
            if c.kind == "place" and c.members:
                for key in {compact(s) for s in c.surfaces}:
                    places[key].append(c)
                    if key in COUNTRY_NAMES:
                        places[f"cc:{COUNTRY_NAMES[key]}"].append(c)
        for c in clusters:
            if c.kind != "norp" or not c.members:
                continue
            for cand in (x for s in c.surfaces for x in demonym_places(s)):
                fits = {id(o.root()): o.root() for o in places.get(cand, []) + places.get(
                    f"cc:{COUNTRY_NAMES.get(cand)}", [])}
                if len(fits) == 1:
                    next(iter(fits.values())).absorb(c)
                    break
                if fits:
                    break

    @staticmethod
    def _join_parties(clusters: list[_Cluster]) -> None:
        """'Democrats' joins the article's 'Democratic Party', when the article names one such party."""
        parties: dict[str, list[_Cluster]] = defaultdict(list)
        for c in clusters:
            if c.kind == "org" and c.members:
                for p in {p for s in c.surfaces if (p := party_stem("org", s))}:
                    parties[p].append(c)
        for c in clusters:
            if c.kind != "norp" or not c.members:
                continue
            stems = {p for s in c.surfaces if (p := party_stem("norp", s))}
            fits = _unique_clusters(x.root() for p in stems for x in parties.get(p, []))
            if len(fits) == 1 and fits[0] is not c.root():
                fits[0].absorb(c)

    @staticmethod
    def _join_compass_words(clusters: list[_Cluster]) -> None:
        """'the North' in an article about North Korea is North Korea: a lone compass word joins
        the one place of the article whose name it begins (none joined when two could be meant)."""
        places = [c for c in clusters if c.kind == "place" and c.members]
        for c in places:
            if len(c.surfaces) != 1 or words(next(iter(c.surfaces))) not in _COMPASS:
                continue
            word = words(next(iter(c.surfaces)))[0]
            fits = [o for o in places if o is not c and o.members
                    and any(len(ws := words(s)) == 2 and ws[0] == word for s in o.surfaces)]
            if len(fits) == 1:
                fits[0].absorb(c)

    def _join_acronyms(self, text: str, mentions: list[Mention], clusters: list[_Cluster],
                       by_key: dict[tuple[str, str], _Cluster]) -> None:
        """'Shanghai Cooperation Organization (SCO)', or an acronym whose name the article spells out."""
        def cluster_of(m: Mention) -> _Cluster | None:
            kind = KIND.get(m.label)
            c = by_key.get((kind, _local_key(kind, m.text))) if kind else None
            return c.root() if c else None

        by_start = {m.start: m for m in mentions}
        by_end = {m.end: m for m in mentions if not is_acronym(m.text)}
        for m in mentions:
            if not is_acronym(m.text):
                continue
            # the acronym in brackets right after a name: 'Name (ACR)'
            k = m.start - 1
            while k >= 0 and text[k] in " (\t[":
                k -= 1
            if k >= 0 and text[k + 1:m.start].strip() in ("(", "[") and text[m.end:m.end + 1] in (")", "]"):
                name = by_end.get(k + 1)
                a, b = cluster_of(m), cluster_of(name) if name else None
                if name and a and b and a is not b and acronym_matches(m.text, name.text):
                    b.absorb(a)
                    continue
            # 'ACR (Name Spelled Out)'
            rest = re.match(r"\s*[(\[]", text[m.end:m.end + 3])
            if rest:
                inner = by_start.get(m.end + rest.end()) or by_start.get(m.end + rest.end() + 1)
                a, b = cluster_of(m), cluster_of(inner) if inner else None
                if inner and a and b and a is not b and acronym_matches(m.text, inner.text):
                    b.absorb(a)
        # an acronym and a name of the same kind with those initials, when only one fits
        by_initials: dict[tuple[str, str], list[_Cluster]] = defaultdict(list)
        for c in clusters:
            if c.members and c.kind != "person":
                for s in {x for s in c.surfaces if _expandable(s) for x in initials(s)}:
                    by_initials[(c.kind, s)].append(c)
        for c in clusters:
            if not c.members or c.kind == "person" or not all(is_acronym(s) for s in c.surfaces):
                continue
            acr = compact(next(iter(c.surfaces))).upper()
            found = _unique_clusters(x.root() for x in by_initials.get((c.kind, acr), []) if x.root() is not c)
            if len(found) == 1 and self._initials_join_ok(acr, c, found[0]):
                found[0].absorb(c)

    def _initials_join_ok(self, acr: str, acronym: _Cluster, name: _Cluster) -> bool:
        """Without brackets, an acronym joins a name of the article only on good evidence.

        Two letters fit too many names ('BP': BP, Bureau of Prisons, Barataria Pass), so a
        two-letter acronym needs a name the article repeats or the corpus knows well; and no
        acronym joins a name when the corpus already uses it, clearly, for something else.
        """
        names = [s for s in name.surfaces if not is_acronym(s)]
        if len(acr) == 2:
            known = self._lookup(f"n:{name.kind}:{compact(s)}" for s in names)
            if sum(name.surfaces[s] for s in names) < 2 and not any(e.mentions >= 3 for e in known):
                return False
        mine = {compact(s) for s in names}
        for e in self._lookup(f"n:{k}:{acr.lower()}" for k in ("org", "place", "norp", name.kind)):
            theirs = {compact(a) for a in e.aliases if _expandable(a) and acr in initials(a)}
            if theirs and not theirs & mine:
                return False  # the corpus spells this acronym out as something else
        return True

    def _join_people(self, clusters: list[_Cluster]) -> None:
        """Surnames and short forms join the one full name of the article they fit."""
        people = [c for c in clusters if c.kind == "person" and c.members]
        full = [c for c in people if not c.single]
        # the same first and last word ('Michael D. Cohen', 'Michael Cohen'), or one letter
        # apart; candidates meet through shared keys, never all pairs
        seen: dict[str, list[_Cluster]] = defaultdict(list)
        for c in full:
            for name in list(c.full_names):
                parts = _person_parts(name)
                near = [f"fl:{parts[0]}|{parts[2]}|{parts[3]}"] if parts else []
                near += [f"fz:{d}" for d in _deletions(compact(name))]
                for k in near:
                    for other in seen[k]:
                        a, b = c.root(), other.root()
                        if a is not b and _same_person(a.full_names, b.full_names):
                            (a if len(a.members) >= len(b.members) else b).absorb(
                                b if len(a.members) >= len(b.members) else a)
                    seen[k].append(c)
        full = [c for c in full if c.members]
        by_last: dict[str, list[_Cluster]] = defaultdict(list)
        by_first: dict[str, list[_Cluster]] = defaultdict(list)
        for c in full:
            for name in c.full_names:
                parts = _person_parts(name)
                if parts:
                    if c not in by_last[parts[2]]:
                        by_last[parts[2]].append(c)
                    if c not in by_first[parts[0]]:
                        by_first[parts[0]].append(c)
        for c in people:
            if not c.single or not c.members:
                continue
            w = compact(next(iter(c.surfaces)))
            target = _pick(by_last.get(w, []))
            if target is None and w not in by_last and not self._index.get(f"last:{w}"):
                target = _pick(by_first.get(w, []))  # 'Kim' for 'Kim Jong-un', 'Xi' for 'Xi Jinping'
            if target is None:
                continue
            # a surname the corpus already gives to someone else, clearly: 'Trump' in an
            # article that names only 'Melania Trump' in full is still, most likely, the other one
            known = self._dominant_bare(w)
            if known is not None and not (c.titles.keys() & _FEMALE_TITLES) and self._resolve(target) is not known:
                continue
            target.absorb(c)

    # -- across articles -----------------------------------------------------------

    def _resolve(self, cluster: _Cluster) -> _State | None:
        """The existing entity this cluster is, or None; tiers from the surest key down."""
        kind = cluster.kind
        surfaces = list(cluster.surfaces)
        if kind == "person":
            return self._resolve_person(cluster)
        # exact name (any spelling of letters and digits); a person the model mislabelled
        # wins when that name has meant the person more often than this kind of thing
        found = self._lookup(f"n:{kind}:{compact(s)}" for s in surfaces)
        if not found and kind == "norp":
            found = self._lookup(f"sg:{singular(compact(s))}" for s in surfaces)
        person = self._person_by_mistake(cluster)
        if found:
            own = _biggest(found)
            if person is not None and sum(person.aliases.get(s, 0) for s in surfaces) > own.mentions:
                return person
            return own
        if person is not None:
            return person
        demonym = self._demonym(cluster)
        if demonym is not None:
            return demonym
        party = self._party(cluster)
        if party is not None:
            return party
        if kind == "place":
            found = self._lookup(f"cc:{COUNTRY_NAMES[k]}" for k in map(compact, surfaces) if k in COUNTRY_NAMES)
            if len(found) == 1:
                return found[0]
        if all(is_acronym(s) for s in surfaces):  # 'U.S.' as GPE here, 'US' as ORG there
            found = self._lookup([f"n:{k}:{compact(s)}" for s in surfaces for k in ("org", "place", "norp")]
                                 + [f"cc:{COUNTRY_NAMES[compact(s)]}" for s in surfaces if compact(s) in COUNTRY_NAMES])
            if found:
                return _biggest(found)
        if kind == "product":
            codes = {designator(s) for s in surfaces} - {None}
            found = self._lookup(f"d:{c}" for c in codes)
            if found:
                return _biggest(found)
        # acronym <-> name across articles, through initials: only long acronyms (NOAA, OPEC),
        # only when one entity fits and it has no other acronym; shorter ones need an article
        # that uses both forms
        acronyms = [s for s in surfaces if is_acronym(s) and len(compact(s)) >= MIN_CROSS_ACRONYM]
        names = [s for s in surfaces if not is_acronym(s) and len(words(s)) >= 2]
        found = [e for e in self._lookup(f"i:{kind}:{compact(a).upper()}" for a in acronyms)
                 if not any(is_acronym(x) for x in e.aliases)]
        if len(found) == 1:
            return found[0]
        inits = {x for n in names if _expandable(n) for x in initials(n) if len(x) >= MIN_CROSS_ACRONYM}
        found = [e for e in self._lookup(f"n:{kind}:{x.lower()}" for x in inits)
                 if all(is_acronym(a) for a in e.aliases)]
        if len(found) == 1 and any(acronym_matches(a, n) for a in found[0].aliases for n in names):
            return found[0]
        # one letter apart in a long multi-word name
        return self._fuzzy(kind, names)

    def _resolve_person(self, cluster: _Cluster) -> _State | None:
        full = cluster.full_names
        if full:
            found = self._lookup(f"n:person:{compact(s)}" for s in full)
            if found:
                return _biggest(found)
            fl = set()
            for s in full:
                parts = _person_parts(s)
                if parts:
                    fl.add(f"fl:{parts[0]}|{parts[2]}|{parts[3]}")
            found = [e for e in self._lookup(fl) if not _middle_conflict(e, full)]
            if len(found) == 1:
                return found[0]
            found = self._fuzzy("person", full)
            if found:
                return found
            # a surname seen alone so far, not yet claimed by any full name
            for s in full:
                parts = _person_parts(s)
                if not parts:
                    continue
                for w in (parts[2], parts[0]):
                    bare = [e for e in self._lookup([f"n:person:{w}"]) if not e.full()]
                    if len(bare) == 1 and not self._lookup([f"last:{w}"]):
                        return bare[0]
            return None
        # only a surname (or a single name) in this article
        w = compact(next(iter(cluster.surfaces)))
        exact = self._lookup([f"n:person:{w}"])
        by_last = self._lookup([f"last:{w}"])
        candidates = _unique(exact + by_last) or self._lookup([f"first:{w}"])
        if not candidates:
            return None
        if len(candidates) == 1:
            return candidates[0]
        dominant = self._dominant_bare(w, candidates)
        if dominant is not None:
            return dominant
        bare = [e for e in candidates if not e.full()]
        return bare[0] if len(bare) == 1 else None

    def _dominant_bare(self, w: str, candidates: list[_State] | None = None) -> _State | None:
        """The person a bare name has clearly meant so far: 3+ bare uses, 3 times the next."""
        if candidates is None:
            candidates = _unique(self._lookup([f"n:person:{w}"]) + self._lookup([f"last:{w}"]))
        if not candidates:
            return None
        counts = sorted(((e.aliases.get(_bare_alias(e, w), 0), e.mentions, e.id, e) for e in candidates),
                        key=lambda x: x[:3], reverse=True)
        top = counts[0][0]
        nxt = counts[1][0] if len(counts) > 1 else 0
        return counts[0][3] if top >= 3 and top >= DOMINANCE * nxt else None

    def _fuzzy(self, kind: str, names: list[str]) -> _State | None:
        found: list[_State] = []
        for name in names:
            key = compact(name)
            if kind != "person" and len(key) < 10:
                continue
            for e in self._lookup(f"fz:{kind}:{d}" for d in _deletions(key)):
                if any(one_letter_apart(name, a) for a in e.aliases):
                    found.append(e)
        found = _unique(found)
        return found[0] if len(found) == 1 else None

    def _demonym(self, cluster: _Cluster) -> _State | None:
        """'Iranians' is a mention of Iran: a demonym joins the one place it derives from, and a
        place joins the demonym entity that came first ('Iranians' before any 'Iran')."""
        if cluster.kind == "norp":
            for s in cluster.surfaces:
                for cand in demonym_places(s):
                    found = self._lookup([f"n:place:{cand}"] + ([f"cc:{COUNTRY_NAMES[cand]}"] if cand in COUNTRY_NAMES else []))
                    if len(found) == 1:
                        return found[0]
                    if found:
                        return None  # two places of that name: leave it
        elif cluster.kind == "place":  # only an entity that is nothing but the demonym so far
            found = [e for e in self._lookup(f"dem:{compact(s)}" for s in cluster.surfaces)
                     if e.kind == "norp" and set(e.labels) <= {"NORP"}]
            if len(found) == 1:
                return found[0]
        return None

    def _party(self, cluster: _Cluster) -> _State | None:
        """'Democrats' and the 'Democratic Party': a party and its members, when one entity fits."""
        if cluster.kind not in ("norp", "org"):
            return None
        other = "org" if cluster.kind == "norp" else "norp"
        stems = {p for s in cluster.surfaces if (p := party_stem(cluster.kind, s))}
        found = [e for e in self._lookup(f"party:{p}" for p in stems) if e.kind in (other, cluster.kind)]
        return found[0] if len(found) == 1 else None

    def _person_by_mistake(self, cluster: _Cluster) -> _State | None:
        if cluster.kind not in ("org", "place", "norp", "product"):
            return None
        found: list[_State] = []
        for s in cluster.surfaces:
            for e in self._lookup([f"n:person:{compact(s)}"]):
                if len(words(s)) >= 2 or e.aliases.get(s, 0) >= 3:
                    found.append(e)
        found = _unique(found)
        return found[0] if len(found) == 1 else None

    def _exact_hits(self, cluster: _Cluster) -> list[_State]:
        """Entities holding one of this cluster's names exactly (bare surnames aside)."""
        names = [s for s in cluster.surfaces if cluster.kind != "person" or len(words(s)) >= 2]
        return self._lookup(f"n:{cluster.kind}:{compact(s)}" for s in names)

    def _merge(self, src: _State, dst: _State) -> None:
        for alias in src.aliases:
            for k in keys(src.kind, alias):
                self._index.discard(k, src.id)
        dst.aliases.update(src.aliases)
        dst.labels.update(src.labels)
        dst.titles.update(src.titles)
        dst.metonyms.update(src.metonyms)
        for a in src.articles:
            if a not in dst.article_set:
                dst.articles.append(a)
                dst.article_set.add(a)
        for alias in src.aliases:
            self._index_alias(dst, alias)
        del self._entities[src.id]
        self._redirect[src.id] = dst.id

    def _become_place(self, state: _State, cluster: _Cluster) -> _State:
        """A demonym's entity once an article names its place: a place entity with an id of the
        place's name ('place:iran', not 'norp:iranians'), which the old id redirects to."""
        place = self._create(cluster)
        self._merge(state, place)
        return place

    def _lookup(self, keys_: Iterable[str]) -> list[_State]:
        seen: dict[str, _State] = {}
        for k in keys_:
            for eid in self._index.get(k):
                seen[eid] = self._entities[eid]
        return list(seen.values())

    # -- bookkeeping ---------------------------------------------------------------

    def _create(self, cluster: _Cluster) -> _State:
        """A new entity; its id comes from its kind and first name, and never changes."""
        base = f"{cluster.kind}:{slug(best_name(cluster.kind, cluster.surfaces))}"
        eid, n = base, 1
        while eid in self._entities or eid in self._redirect:
            n += 1
            eid = f"{base}-{n}"
        state = _State(eid, cluster.kind)
        self._entities[eid] = state
        return state

    def _record(self, state: _State, cluster: _Cluster, article_id: str) -> None:
        fresh = article_id not in state.article_set
        for alias, count in cluster.surfaces.items():
            if alias not in state.aliases:
                state.aliases[alias] = 0
                self._index_alias(state, alias)
            if fresh:
                state.aliases[alias] += count
        if fresh:
            state.metonyms.update(cluster.metonyms)
            state.labels.update(cluster.labels)
            state.titles.update(cluster.titles)
            state.articles.append(article_id)
            state.article_set.add(article_id)

    def _index_alias(self, state: _State, alias: str) -> None:
        if words(alias) in _COMPASS and any(words(a) not in _COMPASS for a in state.aliases):
            return  # 'the North' meant North Korea in one article; elsewhere it may mean anything
        for k in keys(state.kind, alias):
            self._index.add(k, state.id)

    @staticmethod
    def _public(s: _State) -> Entity:
        return Entity(s.id, s.name(), s.type(), dict(s.aliases), list(s.articles), dict(s.metonyms))


class _KeyIndex:
    """Key -> ids of the entities holding it. Nearly every key names one entity, so that one is
    kept as a plain string and only shared keys get a set (a set per key was most of the memory)."""

    __slots__ = ("_ids",)

    def __init__(self) -> None:
        self._ids: dict[str, str | set[str]] = {}

    def add(self, key: str, eid: str) -> None:
        held = self._ids.get(key)
        if held is None:
            self._ids[key] = eid
        elif isinstance(held, str):
            if held != eid:
                self._ids[key] = {held, eid}
        else:
            held.add(eid)

    def discard(self, key: str, eid: str) -> None:
        held = self._ids.get(key)
        if held == eid:
            del self._ids[key]
        elif isinstance(held, set):
            held.discard(eid)

    def get(self, key: str) -> tuple[str, ...] | set[str]:
        held = self._ids.get(key)
        if held is None:
            return ()
        return (held,) if isinstance(held, str) else held

    def __len__(self) -> int:
        return len(self._ids)


def _expandable(name: str) -> bool:
    """Could this be what an acronym stands for? Several capitalised words, no punctuation."""
    ws = name.split()
    return (len(ws) >= 2 and not is_acronym(name) and not any(c in name for c in ",;()[]")
            and all(w[:1].isupper() or w.lower() in _FUNCTION_WORDS for w in ws))


def _unique_clusters(clusters: Iterable[_Cluster]) -> list[_Cluster]:
    out: list[_Cluster] = []
    for c in clusters:
        if c.members and all(c is not x for x in out):
            out.append(c)
    return out


def _local_key(kind: str, text: str) -> str:
    """Mentions of one article with this key are the same entity: same letters, same model code,
    a group's singular and plural ('Republican', 'Republicans')."""
    if kind == "norp":
        return singular(compact(text))
    return (designator(text) if kind == "product" else None) or compact(text)


def _same_person(a: list[str], b: list[str]) -> bool:
    for x in a:
        px = _person_parts(x)
        for y in b:
            py = _person_parts(y)
            if not px or not py:
                continue
            if (px[0], px[2], px[3]) == (py[0], py[2], py[3]) and not (px[1] and py[1] and px[1] != py[1]):
                return True
            if one_letter_apart(x, y):
                return True
    return False


def _middle_conflict(e: _State, names: list[str]) -> bool:
    """'George W. Bush' and 'George H. W. Bush' share first and last names, not the person."""
    mids = {p[1] for n in names if (p := _person_parts(n)) and p[1]}
    theirs = {p[1] for a in e.aliases if (p := _person_parts(a)) and p[1]}
    return bool(mids and theirs and not mids & theirs)


def _bare_alias(e: _State, w: str) -> str:
    return next((a for a in e.aliases if compact(a) == w), "")


def _pick(candidates: list[_Cluster]) -> _Cluster | None:
    """The only candidate, or the one clearly mentioned most."""
    live = [c for c in candidates if c.members]
    if len(live) == 1:
        return live[0]
    if len(live) > 1:
        live.sort(key=lambda c: len(c.members), reverse=True)
        if len(live[0].members) >= DOMINANCE * len(live[1].members):
            return live[0]
    return None


def _unique(states: list[_State]) -> list[_State]:
    seen: dict[str, _State] = {}
    for s in states:
        seen.setdefault(s.id, s)
    return list(seen.values())


def _biggest(states: list[_State]) -> _State:
    return max(states, key=lambda s: (s.mentions, s.id))
