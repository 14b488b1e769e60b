"""A capital or a seat of government standing for its country: 'Beijing said', 'the Kremlin denied'.

News names a government by the place it sits in. "Moscow has denied meddling" and
"sanctions on Tehran" mean Russia and Iran; "a hotel in Moscow" and "Trump visited Tokyo"
mean the cities. The decision is per mention, from a few words around it (no parser): a
capital is its country unless something marks it as a place:

* a locative word before it ("in", "at", "from", "near", "of", "visit", "central"; "to" only
  after a word of motion: "traveled to", "a visit to", not "reaching out to");
* a name, a hyphen or a modifying noun after it ("London Mayor", "Washington-based",
  "White House officials", "a Moscow hotel", "London's mayor"), or a dateline ("Washington (AFP)");
* "the capital, Pyongyang", "Washington, D.C.".

The tables are general knowledge of the world, as compact keys (see `compact`): capitals
whose name is not mostly something else ('Victoria', 'Kingston', 'San José' are out, and
city-states named like their country need no entry), and the buildings that stand for a
government the way a capital does.
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
visit visits visited visiting tour toured touring reach reached leave left leaving
central downtown greater suburban inner outer north south east west northern southern eastern western
northeast northwest southeast southwest rural urban capital
""".split())
#: Words of motion that make a following 'to' locative: 'traveled to Pyongyang', 'a visit to London'.
_MOTION = re.compile(r"(?:com|go|went|gone|travel|trip|visit|fl[yie]|flew|return|mov|head|arriv|invit|"
                     r"welcom|brought|bring|sent|send|driv|drove|rode|ride|walk|march|journey|back)\w*")
#: Nouns a place name modifies ('White House officials', 'a Moscow hotel'): the name is the place.
_MODIFIED = frozenset("""
official officials aide aides staff staffer staffers spokesman spokeswoman spokesperson press
correspondent correspondents counsel lawyer lawyers chief lawn grounds visit visits meeting meetings
news briefing briefings residence office offices dinner ceremony event debate hotel hotels deal deals
government regime embassy airport mayor streets street residents resident police bureau summit talks
reporters reporter source sources city suburbs outskirts skyline subway metro university region area
apartment home house court courts stock stocks market markets correspondence
""".split())
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
    return None if _literal(text, start, end, seat) else country


def _literal(text: str, start: int, end: int, seat: bool) -> bool:
    if text[start:end].isupper() and end - start > 3:
        return True  # 'WASHINGTON, April 30 (Reuters)': a dateline
    window = text[max(0, start - 60):start]
    cut = max(window.rfind(c) for c in ".!?;:\n()[]\"“”")  # words of this clause only: 'visit.\nDowning Street'
    before = _WORD.findall(window[cut + 1:])
    prev = [w.lower().rstrip(".") for w in before[-4:]]
    if prev and prev[-1] == "the" and seat:  # 'the White House', 'the Kremlin': look past 'the'
        prev = prev[:-1]
    elif prev and (prev[-1] in _DETERMINERS or (len(prev) > 1 and prev[-2] in ("a", "an"))):
        return True  # 'a Moscow hotel', 'the Tehran government', 'an unwelcoming London': the city
    if prev:
        last = prev[-1]
        if last in _LOCATIVE:
            return True
        if last in ("to", "toward", "towards") and any(_MOTION.fullmatch(w) for w in prev[-3:-1]):
            return True
    after = text[end:end + 40]
    if re.match(r"(?:-\w|,? D\.?C\b|\s*[(\[]|\s*[—–―-]|\s+[A-Z])", after):
        return True  # 'Washington-based', 'Washington, D.C.', 'Washington (AFP)', 'London Mayor'
    nxt = re.match(r"(?:['’]s)?\s+([a-z]+)", after)
    if nxt and nxt[1] in _MODIFIED:
        return True  # 'White House officials', "London's mayor"
    return False
