"""A capital or a seat of government standing for its country: 'Beijing said', 'the Kremlin denied'.

News names a government by the place it sits in. "Moscow has denied meddling" and
"sanctions on Tehran" mean Russia and Iran; "a hotel in Moscow", "air strikes rocked
Tripoli" and "Trump visited Tokyo" mean the cities. The decision is per mention, from a few
words around it (no parser, so it costs nothing next to the NER). A capital stands for its
country only when the sentence makes it an actor or a party, and nothing marks it as a place:

* an actor: the subject of a verb ("Moscow has denied", "Pyongyang also said", "Seoul and
  Pyongyang have"), an owner ("Beijing's trade practices"), someone asked to act ("urged
  Washington to"), the partner of a relation ("ties with", "sanctions on", "between Paris and");
* a place: a locative word before it ("in", "near", "visited", "south"; "to" and "on" after a
  word of motion: "traveled to", "advance on"), a name, a hyphen or a modified noun after it
  ("London Mayor", "Washington-based", "White House officials", "London's financial quarter"),
  a dateline ("WASHINGTON (Reuters)"), a list of places ("Houston, Washington").

The tables are general knowledge of the world, as compact keys: capitals whose name is not
mostly something else ('Victoria', 'Kingston', 'San José' are out; city-states named like
their country need no entry), and the buildings that stand for a government as a capital does.
"""

from __future__ import annotations

import re
import unicodedata


def compact(text: str) -> str:
    """Letters and digits only, accents and case out: the linker's `compact`, kept here to
    avoid an import cycle ('Élysée' -> 'elysee', 'New Delhi' -> 'newdelhi')."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if c.isalnum()).casefold()

_CAPITAL_LINES = """
Kabul: Afghanistan | Tirana: Albania | Algiers: Algeria | Luanda: Angola | Buenos Aires: Argentina
Yerevan: Armenia | Canberra: Australia | Vienna: Austria | Baku: Azerbaijan | Manama: Bahrain
Dhaka: Bangladesh | Minsk: Belarus | Brussels: Belgium | Thimphu: Bhutan | La Paz: Bolivia
Sarajevo: Bosnia and Herzegovina | Gaborone: Botswana | Brasilia: Brazil | Sofia: Bulgaria
Ouagadougou: Burkina Faso | Phnom Penh: Cambodia | Yaounde: Cameroon | Ottawa: Canada | Bangui: Central African Republic
N'Djamena: Chad | Santiago: Chile | Beijing: China | Bogota: Colombia | Kinshasa: Democratic Republic of the Congo
Brazzaville: Republic of the Congo | Zagreb: Croatia | Havana: Cuba | Nicosia: Cyprus | Prague: Czech Republic
Copenhagen: Denmark | Quito: Ecuador | Cairo: Egypt | San Salvador: El Salvador | Asmara: Eritrea
Tallinn: Estonia | Addis Ababa: Ethiopia | Helsinki: Finland | Paris: France | Libreville: Gabon | Tbilisi: Georgia
Berlin: Germany | Accra: Ghana | Athens: Greece | Conakry: Guinea | Port-au-Prince: Haiti | Tegucigalpa: Honduras
Budapest: Hungary | Reykjavik: Iceland | New Delhi: India | Jakarta: Indonesia | Tehran: Iran | Baghdad: Iraq
Dublin: Ireland | Rome: Italy | Tokyo: Japan | Amman: Jordan | Astana: Kazakhstan | Nairobi: Kenya
Pristina: Kosovo | Bishkek: Kyrgyzstan | Vientiane: Laos | Riga: Latvia | Beirut: Lebanon | Monrovia: Liberia
Tripoli: Libya | Vilnius: Lithuania | Antananarivo: Madagascar | Lilongwe: Malawi | Kuala Lumpur: Malaysia
Bamako: Mali | Nouakchott: Mauritania | Mexico City: Mexico | Chisinau: Moldova | Ulaanbaatar: Mongolia
Podgorica: Montenegro | Rabat: Morocco | Maputo: Mozambique | Naypyidaw: Myanmar | Windhoek: Namibia
Kathmandu: Nepal | Amsterdam: Netherlands | The Hague: Netherlands | Wellington: New Zealand | Managua: Nicaragua
Niamey: Niger | Abuja: Nigeria | Pyongyang: North Korea | Skopje: North Macedonia | Oslo: Norway | Muscat: Oman
Islamabad: Pakistan | Ramallah: Palestine | Asuncion: Paraguay | Lima: Peru | Manila: Philippines
Warsaw: Poland | Lisbon: Portugal | Doha: Qatar | Bucharest: Romania | Moscow: Russia | Kigali: Rwanda
Riyadh: Saudi Arabia | Dakar: Senegal | Belgrade: Serbia | Freetown: Sierra Leone | Bratislava: Slovakia
Ljubljana: Slovenia | Mogadishu: Somalia | Pretoria: South Africa | Seoul: South Korea | Juba: South Sudan
Madrid: Spain | Colombo: Sri Lanka | Khartoum: Sudan | Stockholm: Sweden | Bern: Switzerland | Damascus: Syria
Taipei: Taiwan | Dushanbe: Tajikistan | Dodoma: Tanzania | Bangkok: Thailand | Lome: Togo | Tunis: Tunisia
Ankara: Turkey | Ashgabat: Turkmenistan | Kampala: Uganda | Kyiv: Ukraine | Kiev: Ukraine
Abu Dhabi: United Arab Emirates | London: United Kingdom | Washington: United States | Montevideo: Uruguay
Tashkent: Uzbekistan | Caracas: Venezuela | Hanoi: Vietnam | Sanaa: Yemen | Lusaka: Zambia | Harare: Zimbabwe
"""

_SEAT_LINES = """
White House: United States | Kremlin: Russia | Downing Street: United Kingdom | Number 10: United Kingdom
Whitehall: United Kingdom | Elysee: France | Elysee Palace: France | Blue House: South Korea
Zhongnanhai: China | Quirinal: Italy
"""


def _table(lines: str) -> dict[str, str]:
    pairs = (item.split(":") for line in lines.strip().splitlines() for item in line.split("|"))
    return {compact(place): compact(country) for place, country in pairs}


#: A capital's compact name -> its country's compact name.
CAPITALS = _table(_CAPITAL_LINES)
#: A seat of government's compact name -> its country's compact name.
SEATS = _table(_SEAT_LINES)

#: Words before a name that make it the place: 'in Moscow', 'visited Tokyo', 'south London'.
_LOCATIVE = frozenset("""
in at into from near outside inside across around throughout via within of through onto beyond
above below beneath beside along alongside past neighbouring neighboring nearby
visit visits visited visiting tour toured touring reach reached leave left leaving
central downtown greater suburban inner outer north south east west northern southern eastern western
northeast northwest southeast southwest rural urban capital
""".split())
#: Words of motion that make a following 'to' locative: 'traveled to Pyongyang', 'a visit to London'.
_MOTION = re.compile(r"(?:com|go|went|gone|travel|trip|visit|fl[yie]|flew|fled|return|mov|head|arriv|invit|"
                     r"welcom|brought|bring|sent|send|driv|drove|rode|ride|walk|march|journey|back|emigr|"
                     r"immigr|escap|deport|expel|exil|transfer|relocat|commut|bound|flight|approach|advanc|road|route|"
                     r"way|path|plane|train|bus|boat|ship|highway|push|pull|accompan|been|defect|attack|assault|"
                     r"offensive|clos|converg)\w*")
#: Verbs done to a place rather than to a government: 'air strikes rocked Tripoli'.
_PHYSICAL = re.compile(r"(?:bomb|shell|struck|strike|rock|raid|storm|captur|seiz|enter|encircl|besieg|occup|"
                       r"evacuat|flood|liberat|overr[au]n|surround|shook|shake|hit)\w*")
#: Nouns a place name modifies ('White House officials', 'a Moscow hotel'): the name is the place.
_MODIFIED = frozenset("""
official officials aide aides staff staffer staffers spokesman spokeswoman spokesperson press
correspondent correspondents counsel lawyer lawyers chief lawn grounds visit visits meeting meetings
news briefing briefings residence office offices dinner ceremony event debate hotel hotels deal deals
government regime embassy airport mayor streets street residents resident police bureau summit talks
reporters reporter source sources city suburbs outskirts skyline subway metro university region area
apartment home house court courts stock stocks market markets correspondence adviser advisers advisor
advisors quarter boulevard square district neighborhood neighbourhood port harbor harbour station zoo
museum hospital mosque church cathedral underground traffic listed shares exchange bourse marathon
""".split())
#: Verbs that make a name before them an actor: 'Moscow has denied', 'Pyongyang also said'.
_VERBS = frozenset("""
is was were are has have had will would could should can may might must did does do said says say
told tells sought seeks took takes gave gives made makes held holds kept keeps sent sends spoke speaks
wrote writes chose chooses thought thinks knew knows saw sees won wins lost loses paid pays put puts
set sets let lets cut cuts drew draws broke breaks wants warns insists claims denies hopes fears needs
plans remains regards considers supports opposes accuses rejects believes argues tries continues
appears expects demands urges refuses agrees threatens maintains worries faces delays vetoes backs
want warn insist deny hope fear need plan regard consider support oppose accuse reject believe argue
continue expect demand urge refuse agree threaten maintain worry veto
""".split())
#: Words before a name that make it a party to something: 'ties with Washington', 'sanctions on Tehran'.
_RELATION = frozenset({"with", "on", "against", "between", "by", "to"})
_ADVERB = r"(?:\s+(?:also|still|now|then|already|never|not|just|only|even|long|once|\w+ly))*"
_DETERMINERS = frozenset({"a", "an", "the", "this", "that", "its", "their", "his", "her"})
_WORD = re.compile(r"[A-Za-z][A-Za-z'’.-]*")


def country_of(text: str, start: int, end: int) -> str | None:
    """The compact name of the country the name at text[start:end] stands for, or None.

    None when the name is not a capital or a seat of government, or when the words
    around it say it is the place itself.
    """
    key = compact(text[start:end])
    seat = key in SEATS
    country = SEATS.get(key) or CAPITALS.get(key)
    if country is None:
        return None
    role = _role(text, start, end, seat)
    if role is None or _literal(text, start, end, seat, subject=role == "subject"):
        return None
    return country


def _role(text: str, start: int, end: int, seat: bool) -> str | None:
    """'subject' when a verb follows the name, 'party' when it owns something, is asked to act
    or is the partner of a relation word; None when the sentence says nothing of the kind."""
    after = text[end:end + 80]
    # 'Seoul and Pyongyang have': past the other names of a coordinated subject
    after = re.sub(r"^(?:\s*(?:,|and|or)\s+(?:[A-Z][\w.'’-]*\s*)+)+", " ", after)
    verb = re.match(_ADVERB + r"\s+([a-z]+)", after)
    if verb:
        word = verb[1]
        if word in _VERBS or (word.endswith("ed") and len(word) > 4) or (seat and word.endswith("s")
                                                                         and word not in _MODIFIED):
            return "subject"
    if re.match(r"\s?['’]s\s+[a-z]", after) or re.match(r"\s+to\s+[a-z]{3,}", after):
        return "party"  # "Beijing's unfair practices" (parts of a city were ruled out), 'urged Washington to act'
    prev = _words_before(text, start)
    if prev and prev[-1] == "the" and seat:
        prev = prev[:-1]
    return "party" if prev and prev[-1] in _RELATION else None


def _words_before(text: str, start: int, coordinated: bool = True) -> list[str]:
    """The last few words of the clause before a name, lower case, past other names it is
    coordinated with: 'in Vienna and Rome' -> [..., 'in'], 'between Paris and' -> [..., 'between']."""
    window = text[max(0, start - 60):start]
    before = _WORD.findall(window[max(window.rfind(c) for c in ".!?;:\n()[]\"“”") + 1:])
    if coordinated and before and before[-1] in ("and", "or"):
        k = len(before) - 1
        while k > 0 and len(before) - k < 4 and before[k - 1][:1].isupper():
            k -= 1
        if k < len(before) - 1:
            before = before[:k]
    return [w.lower().rstrip(".") for w in before[-4:]]


def _literal(text: str, start: int, end: int, seat: bool, subject: bool = False) -> bool:
    """Do the words around the name make it the place itself? The subject of a verb is not
    judged by the names it is listed with ('the issue of Afghanistan and Moscow regards')."""
    if text[start:end].isupper() and end - start > 3:
        return True  # 'WASHINGTON, April 30 (Reuters)': a dateline
    window = text[max(0, start - 60):start]
    prev = _words_before(text, start, coordinated=not subject)  # this clause: 'visit.\nDowning Street said'
    if prev and prev[-1] == "the" and seat:  # 'the White House', 'the Kremlin': look past 'the'
        prev = prev[:-1]
    elif prev and (prev[-1] in _DETERMINERS or re.search(r"['’]s\s*$", window)
                   or (len(prev) > 1 and prev[-2] in ("a", "an"))):
        return True  # 'a Moscow hotel', "BP's London shares", 'an unwelcoming London': the city
    if prev:
        last = prev[-1]
        if last in _LOCATIVE or _PHYSICAL.fullmatch(last):
            return True
        if last in ("to", "toward", "towards", "on") and any(_MOTION.fullmatch(w) for w in prev[-3:-1]):
            return True
    if not subject and re.search(r"[A-Z][\w.]*\s*,\s*$", window):
        return True  # a list of places, or a place and its state: 'Houston, Washington'
    after = text[end:end + 40]
    if re.match(r"(?:-\w|,? D\.?C\b|\s*[(\[]|\s*[—–―-]|\s+[A-Z]|\s?['’]s\s+[A-Z]|\s*,\s*[A-Z])", after):
        return True  # 'Washington-based', 'Washington (AFP)', 'London Mayor', "Tripoli's Green Square"
    nxt = re.match(r"\s+([a-z]+)", after)
    if nxt and nxt[1] in _MODIFIED:
        return True  # 'White House officials', 'Moscow airport'
    owned = re.match(r"\s?['’]s((?:\s+[a-z]+){1,3})", after)
    if owned and any(w in _MODIFIED for w in owned[1].split()):
        return True  # "London's mayor", "London's financial quarter"; not "Beijing's unfair trade practices"
    return False
