"""Entities: recognition with spaCy and rules, canonical entities across articles, quality floors."""

from __future__ import annotations

import json
from collections import defaultdict

import pytest

from conftest import DATA, SEEDS, load_bench, needs
from storyline.annotate.entities import Mention, find_mentions, load_nlp, pieces
from storyline.link.entities import EntityLinker, acronym_matches, designator, one_letter_apart

NEWSWCL50 = DATA / "newswcl50" / "NewsWCL50.conll"


def mentions(text: str, *names: tuple[str, str] | tuple[str, str, str]) -> list[Mention]:
    """Mentions of (surface, label[, title]) at their successive free occurrences in the text."""
    out: list[Mention] = []
    for item in names:
        surface, label = item[0], item[1]
        start = text.index(surface)
        while any(m.start < start + len(surface) and start < m.end for m in out):
            start = text.index(surface, start + 1)
        out.append(Mention(start, start + len(surface), surface, label, item[2] if len(item) > 2 else ""))
    return sorted(out, key=lambda m: m.start)


def link(linker: EntityLinker, article_id: str, text: str, *names) -> dict[str, str]:
    """Add an article; surface -> entity id (the last one when a surface repeats)."""
    found = mentions(text, *names)
    return {m.text: eid for m, eid in zip(found, linker.add_article(article_id, text, found))}


# -- canonical names ---------------------------------------------------------------


def test_title_surname_and_full_name_are_one_person_within_and_across_articles():
    linker = EntityLinker()
    a = link(linker, "a", "Prime Minister Narendra Modi spoke. PM Modi said Modi would go.",
             ("Narendra Modi", "PERSON", "Prime Minister"), ("Modi", "PERSON", "PM"), ("Modi", "PERSON"))
    assert a["Narendra Modi"] == a["Modi"]
    b = link(linker, "b", "Modi met the press.", ("Modi", "PERSON"))
    assert b["Modi"] == a["Modi"]
    entity = linker.entity(a["Modi"])
    assert entity.name == "Narendra Modi" and entity.type == "PERSON"
    assert entity.aliases == {"Narendra Modi": 1, "Modi": 3} and entity.articles == ["a", "b"]


def test_a_surname_first_seen_alone_is_claimed_by_the_full_name():
    linker = EntityLinker()
    a = link(linker, "a", "Putin spoke.", ("Putin", "PERSON"))
    b = link(linker, "b", "Vladimir Putin spoke.", ("Vladimir Putin", "PERSON"))
    assert a["Putin"] == b["Vladimir Putin"]
    assert linker.entity(a["Putin"]).name == "Vladimir Putin"


def test_one_letter_misspelling_of_a_full_name_joins_it():
    linker = EntityLinker()
    a = link(linker, "a", "Russian President Vladimir Putin arrived.", ("Vladimir Putin", "PERSON"))
    b = link(linker, "b", "President Vladamir Putin will visit.", ("Vladamir Putin", "PERSON"))
    assert a["Vladimir Putin"] == b["Vladamir Putin"]
    assert one_letter_apart("Vladamir Putin", "Vladimir Putin")


@pytest.mark.parametrize("a, b", [
    ("Eastern Europe", "Western Europe"),  # first letter
    ("Michael Steel", "Michael Steele"),  # a different surname, not a typo
    ("Jon Smith", "Jan Smith"),  # short word
    ("S-400 Triumf", "S-500 Triumf"),  # digits
    ("Vladimir Putin", "Vladimir Putin"),  # the same, not one letter apart
])
def test_near_names_that_are_not_misspellings(a, b):
    assert not one_letter_apart(a, b)


def test_people_sharing_a_first_or_last_name_stay_apart():
    linker = EntityLinker()
    a = link(linker, "a", "Donald Trump and Melania Trump met Donald Trump Jr. and Michael Flynn, Michael Cohen.",
             ("Donald Trump", "PERSON"), ("Melania Trump", "PERSON"), ("Donald Trump Jr.", "PERSON"),
             ("Michael Flynn", "PERSON"), ("Michael Cohen", "PERSON"))
    assert len(set(a.values())) == 5
    b = link(linker, "b", "Michael Cohen and Michael D. Cohen are one.", ("Michael Cohen", "PERSON"),
             ("Michael D. Cohen", "PERSON"))
    assert b["Michael Cohen"] == b["Michael D. Cohen"] == a["Michael Cohen"]


def test_a_bare_surname_goes_to_the_namesake_the_corpus_clearly_means():
    linker = EntityLinker()
    for k in range(3):
        link(linker, f"t{k}", "Donald Trump spoke. Trump left. Trump came back.",
             ("Donald Trump", "PERSON"), ("Trump", "PERSON"), ("Trump", "PERSON"))
    m = link(linker, "m", "Melania Trump visited. Trump spoke later.", ("Melania Trump", "PERSON"), ("Trump", "PERSON"))
    donald = linker.current_id(link(linker, "x", "Trump.", ("Trump", "PERSON"))["Trump"])
    assert m["Trump"] == donald != m["Melania Trump"]
    # with a female title the article's own Mrs. Trump is meant
    f = link(linker, "f", "Melania Trump visited. Mrs. Trump spoke.", ("Melania Trump", "PERSON"),
             ("Trump", "PERSON", "Mrs."))
    assert f["Trump"] == f["Melania Trump"] == m["Melania Trump"]


def test_model_designators_join_spellings_and_never_differing_digits():
    linker = EntityLinker()
    a = link(linker, "a", "The S-400 Triumf arrived. The S400 is fast; the S-500 is newer.",
             ("S-400 Triumf", "PRODUCT"), ("S400", "PRODUCT"), ("S-500", "PRODUCT"))
    b = link(linker, "b", "India's S-400 deal. Boeing 737 MAX and Boeing 747, F-35A and F-35B.",
             ("S-400", "PRODUCT"), ("Boeing 737 MAX", "PRODUCT"), ("Boeing 747", "PRODUCT"),
             ("F-35A", "PRODUCT"), ("F-35B", "PRODUCT"))
    assert a["S-400 Triumf"] == a["S400"] == b["S-400"] != a["S-500"]
    assert b["Boeing 737 MAX"] != b["Boeing 747"] and b["F-35A"] != b["F-35B"]
    assert designator("S-400 Triumf") == designator("S400") == designator("S-400s") == "s400"
    assert designator("Boeing 737 MAX") == "boeing737max" and designator("Sputnik") is None


def test_acronyms_join_their_expansions_from_brackets_and_later_alone():
    linker = EntityLinker()
    text = "Both collaborate in BRICS and Shanghai Cooperation Organization (SCO). The SCO met."
    a = link(linker, "a", text, ("Shanghai Cooperation Organization", "ORG"), ("SCO", "ORG"), ("SCO", "ORG"))
    assert a["SCO"] == a["Shanghai Cooperation Organization"]
    b = link(linker, "b", "The SCO summit opened.", ("SCO", "ORG"))
    assert b["SCO"] == a["SCO"]
    assert linker.entity(a["SCO"]).name == "Shanghai Cooperation Organization"
    assert acronym_matches("CAATSA", "Countering America's Adversaries Through Sanctions Act")
    assert acronym_matches("FBI", "Federal Bureau of Investigation")
    assert not acronym_matches("SCO", "Shanghai Organization")


def test_acronym_and_name_in_one_article_join_and_two_letters_need_evidence():
    linker = EntityLinker()
    a = link(linker, "a", "The United States and the United States Congress. The US said.",
             ("United States", "GPE"), ("United States", "GPE"), ("US", "GPE"))
    assert a["US"] == a["United States"]
    b = link(linker, "b", "BP said the spill reached Barataria Pass.", ("BP", "ORG"), ("Barataria Pass", "ORG"))
    assert b["BP"] != b["Barataria Pass"]


def test_a_city_and_an_organisation_with_its_name_differ_by_type():
    linker = EntityLinker()
    text = "Chelsea beat Arsenal in Chelsea. The Washington Post wrote from Washington."
    found = mentions(text, ("Chelsea", "ORG"), ("Arsenal", "ORG"), ("Chelsea", "GPE"), ("Washington Post", "ORG"),
                     ("Washington", "GPE"))
    ids = linker.add_article("a", text, found)
    assert len(set(ids)) == 5
    club, town = ids[0], ids[2]
    assert link(linker, "b", "Chelsea won.", ("Chelsea", "ORG"))["Chelsea"] == club
    assert link(linker, "c", "Rain in Chelsea.", ("Chelsea", "GPE"))["Chelsea"] == town
    assert (linker.entity(club).type, linker.entity(town).type) == ("ORG", "GPE")


# -- incremental, stable, persistent -----------------------------------------------


ARTICLES = [
    ("a1", "Prime Minister Narendra Modi met Vladimir Putin in New Delhi.",
     [("Narendra Modi", "PERSON"), ("Vladimir Putin", "PERSON"), ("New Delhi", "GPE")]),
    ("a2", "Modi and Putin discussed the S-400 and the Shanghai Cooperation Organization (SCO).",
     [("Modi", "PERSON"), ("Putin", "PERSON"), ("S-400", "PRODUCT"), ("Shanghai Cooperation Organization", "ORG"),
      ("SCO", "ORG")]),
    ("a3", "The SCO and Vladamir Putin; the S400 Triumf and the S-500.",
     [("SCO", "ORG"), ("Vladamir Putin", "PERSON"), ("S400 Triumf", "PRODUCT"), ("S-500", "PRODUCT")]),
]


def test_adding_an_article_keeps_earlier_ids_and_joins_new_mentions():
    linker = EntityLinker()
    before: dict[str, str] = {}
    for article_id, text, names in ARTICLES[:2]:
        before.update(link(linker, article_id, text, *names))
    snapshot = {e.id: e.name for e in linker.entities()}
    after = link(linker, *ARTICLES[2][:2], *ARTICLES[2][2])
    assert {e.id for e in linker.entities()} >= set(snapshot)  # nothing renumbered
    assert after["SCO"] == before["SCO"] and after["Vladamir Putin"] == before["Putin"]
    assert after["S400 Triumf"] == before["S-400"] != after["S-500"]
    assert before["Modi"] == before["Narendra Modi"]
    # ids derive from kind and first name, with a suffix on collision
    assert before["Narendra Modi"] == "person:narendra-modi" and before["S-400"] == "product:s-400"


def test_readding_an_article_does_not_count_it_twice():
    linker = EntityLinker()
    first = link(linker, *ARTICLES[0][:2], *ARTICLES[0][2])
    again = link(linker, *ARTICLES[0][:2], *ARTICLES[0][2])
    assert first == again
    assert linker.entity(first["Narendra Modi"]).aliases == {"Narendra Modi": 1}


def test_records_round_trip_and_the_reloaded_linker_links_the_same():
    linker = EntityLinker()
    for article_id, text, names in ARTICLES[:2]:
        link(linker, article_id, text, *names)
    records = json.loads(json.dumps(linker.to_records()))  # plain data, through JSON
    reloaded = EntityLinker.from_records(records)
    assert reloaded.to_records() == linker.to_records()
    assert link(reloaded, *ARTICLES[2][:2], *ARTICLES[2][2]) == link(linker, *ARTICLES[2][:2], *ARTICLES[2][2])
    assert reloaded.to_records() == linker.to_records()


def test_two_entities_an_article_shows_to_be_one_are_merged_and_old_ids_still_resolve():
    linker = EntityLinker()
    a = link(linker, "a", "The SCO met.", ("SCO", "ORG"))
    b = link(linker, "b", "The Shanghai Cooperation Organization met.", ("Shanghai Cooperation Organization", "ORG"))
    assert a["SCO"] != b["Shanghai Cooperation Organization"]  # no evidence yet (three letters)
    c = link(linker, "c", "The Shanghai Cooperation Organization (SCO) met.",
             ("Shanghai Cooperation Organization", "ORG"), ("SCO", "ORG"))
    assert linker.current_id(a["SCO"]) == linker.current_id(b["Shanghai Cooperation Organization"]) == c["SCO"]
    assert len([e for e in linker.entities() if e.type == "ORG"]) == 1
    reloaded = EntityLinker.from_records(linker.to_records())
    assert reloaded.current_id(a["SCO"]) == c["SCO"]


# -- recognition -------------------------------------------------------------------


def test_the_pipeline_holds_only_what_ner_needs():
    assert load_nlp().pipe_names == ["ner", "storyline_entity_rules"]


def test_recognition_cleans_spans_and_adds_rules_for_news():
    text = ("PM Modi met President Putin and Dr Jill Biden. India bought the S-400 Triumf air defence system, "
            "600,000 AK-203 rifles and the S400. Congress passed the Countering America's Adversaries Through "
            "Sanctions Act (CAATSA). Leaders met at the G20 Summit. The Shanghai Cooperation Organization (SCO) "
            "met. Trump's National Economic Council agreed with Trump.")
    found = find_mentions([text])[0]
    by_text = {m.text: m for m in found}
    for m in found:
        assert text[m.start:m.end] == m.text
    assert (by_text["Modi"].label, by_text["Modi"].title) == ("PERSON", "PM")
    assert (by_text["Putin"].label, by_text["Putin"].title) == ("PERSON", "President")
    assert by_text["Jill Biden"].title == "Dr"
    assert by_text["S-400 Triumf"].label == by_text["AK-203"].label == by_text["S400"].label == "PRODUCT"
    assert by_text["Countering America's Adversaries Through Sanctions Act"].label == "LAW"
    assert by_text["CAATSA"].label == "LAW"
    assert by_text["G20 Summit"].label == "EVENT"
    assert by_text["Shanghai Cooperation Organization"].label == by_text["SCO"].label == "ORG"
    assert "National Economic Council" in by_text and "Trump's National Economic Council" not in by_text
    assert not any(m.text.lower().startswith("the ") for m in found)


def test_a_name_inside_an_anti_or_pro_word_is_the_mention():
    text = ("Barack Obama spoke in the Senate on Monday. The vote allowed a lot of anti-Obama, anti-Iran and "
            "pro-Israel posturing without actual consequences, and Iran and Israel noticed.")
    found = [m for m in find_mentions([text])[0] if m.text in ("Obama", "Israel")]
    assert [(m.text, m.label) for m in found] == [("Obama", "PERSON"), ("Israel", "GPE"), ("Israel", "GPE")]
    assert text[found[0].start - 5:found[0].end] == "anti-Obama"
    linker = EntityLinker()
    ids = linker.add_article("a", text, find_mentions([text])[0])
    by_text = defaultdict(set)
    for m, eid in zip(find_mentions([text])[0], ids):
        by_text[m.text].add(eid)
    assert by_text["Obama"] == by_text["Barack Obama"] and len(by_text["Israel"]) == 1


def test_long_texts_go_through_in_pieces_with_exact_offsets():
    para = "Officials in Brazil met Angela Merkel in Berlin on Monday. " * 40
    text = "\n\n".join([para] * 12)  # about 28,000 characters
    assert len(text) > 20_000
    parts = pieces(text)
    assert len(parts) > 1 and all(len(p) <= 20_000 for _, p in parts)
    assert "".join(p for _, p in parts) == text
    found = find_mentions([text, "Tokyo."])
    assert [m.text for m in found[1]] == ["Tokyo"]
    for m in found[0]:
        assert text[m.start:m.end] == m.text
    assert max(m.start for m in found[0]) > 20_000
    assert {m.text for m in found[0]} >= {"Brazil", "Angela Merkel", "Berlin"}


def test_empty_and_nameless_texts_have_no_mentions():
    assert find_mentions(["", "nothing to see here, said the man."]) == [[], []]


# -- the seeds: a careful reader's list --------------------------------------------

#: What a careful reader finds in the five seed articles (name, type), for NER recall.
SEED_GOLD = [
    ("Narendra Modi", "PERSON"), ("Vladimir Putin", "PERSON"), ("Xi Jinping", "PERSON"),
    ("Sergei Ryabkov", "PERSON"), ("Rajnath Singh", "PERSON"), ("Sergey Lavrov", "PERSON"),
    ("Harsh Pant", "PERSON"), ("Dmitry Shugaev", "PERSON"), ("Nikolay Patrushev", "PERSON"),
    ("Ajit Doval", "PERSON"),
    ("India", "GPE"), ("Russia", "GPE"), ("United States", "GPE"), ("China", "GPE"), ("New Delhi", "GPE"),
    ("Moscow", "GPE"), ("Buenos Aires", "GPE"), ("Sochi", "GPE"), ("Brazil", "GPE"), ("South Africa", "GPE"),
    ("Afghanistan", "GPE"), ("Pakistan", "GPE"), ("Australia", "GPE"), ("Japan", "GPE"), ("Washington", "GPE"),
    ("Europe", "LOC"), ("North America", "LOC"),
    ("Kremlin", "ORG"), ("BRICS", "ORG"), ("United Nations General Assembly", "ORG"), ("Taliban", "ORG"),
    ("Quadrilateral Security Dialogue", "ORG"), ("Observer Research Foundation", "ORG"),
    ("Federal Service for Military-Technical Cooperation", "ORG"), ("Shanghai Cooperation Organization", "ORG"),
    ("Lok Sabha", "ORG"), ("Twitter", "ORG"),
    ("S-400", "PRODUCT"), ("S-500", "PRODUCT"), ("AK-203", "PRODUCT"), ("Sputnik", "PRODUCT"),
    ("Countering America’s Adversaries Through Sanctions Act", "LAW"),
    ("G20 Summit", "EVENT"), ("Cold War", "EVENT"), ("Eastern Economic Forum", "EVENT"),
]
#: Measured: 39 of the 45 with the right type (missed: Dmitry Shugaev, tagged ORG as
#: "Shugaev", and the Eastern Economic Forum; mistyped: BRICS as GPE, Lok Sabha, Twitter and
#: Sputnik as PERSON); the floor leaves one.
SEED_RECALL_FLOOR = 38 / 45


@pytest.fixture(scope="module")
def seeds() -> EntityLinker:
    files = sorted(SEEDS.glob("*.txt"))
    texts = [f.read_text(encoding="utf-8") for f in files]
    linker = EntityLinker()
    for f, text, found in zip(files, texts, find_mentions(texts)):
        linker.add_article(f.name, text, found)
    return linker


def _entity_named(linker: EntityLinker, surface: str):
    from storyline.link.entities import compact

    hits = [e for e in linker.entities() if any(compact(a) == compact(surface) for a in e.aliases)]
    return max(hits, key=lambda e: sum(e.aliases.values())) if hits else None


@needs(SEEDS)
def test_seeds_a_careful_readers_facts(seeds):
    modi = _entity_named(seeds, "Narendra Modi")
    assert modi.type == "PERSON" and {"Modi", "Narendra Modi"} <= set(modi.aliases)
    assert len(modi.articles) == 5  # "PM Modi" is in 001, 002 and 004, titled
    putin = _entity_named(seeds, "Vladimir Putin")
    assert putin.type == "PERSON" and {"Putin", "Vladimir Putin", "Vladamir Putin"} <= set(putin.aliases)
    s400 = _entity_named(seeds, "S-400")
    assert s400.type == "PRODUCT" and {"S-400", "S400", "S-400 Triumf", "S400 Triumf"} <= set(s400.aliases)
    s500 = _entity_named(seeds, "S-500")
    assert s500.type == "PRODUCT" and s500.id != s400.id
    sco = _entity_named(seeds, "SCO")
    assert sco.id == _entity_named(seeds, "Shanghai Cooperation Organization").id
    assert sco.name == "Shanghai Cooperation Organization"
    caatsa = _entity_named(seeds, "Countering America’s Adversaries Through Sanctions Act")
    assert caatsa.type == "LAW" and "CAATSA" in caatsa.aliases
    assert _entity_named(seeds, "G20 Summit").type == "EVENT"
    us = _entity_named(seeds, "United States")
    assert {"US", "U.S.", "United States"} <= set(us.aliases)
    people = [e.name for e in seeds.entities() if e.type == "PERSON"]
    assert len(people) == len(set(people))  # nobody twice


@needs(SEEDS)
def test_seeds_ner_recall_against_a_hand_made_list(seeds):
    from storyline.link.entities import KIND, compact

    # a capital or seat standing for its country ('the Kremlin said') was found, and linked to the country
    standing = {compact(a) for e in seeds.entities() for a in e.metonyms}
    found = [(name, kind) for name, kind in SEED_GOLD
             if ((e := _entity_named(seeds, name)) is not None and KIND[e.type] == KIND[kind])
             or compact(name) in standing]
    assert len(found) / len(SEED_GOLD) >= SEED_RECALL_FLOOR, sorted(set(SEED_GOLD) - set(found))


# -- countries: demonyms, other names, "the North" ------------------------------------


def test_demonyms_join_the_place_they_come_from_in_either_order():
    linker = EntityLinker()
    a = link(linker, "a", "Iran said Iranians would vote.", ("Iran", "GPE"), ("Iranians", "NORP"))
    assert a["Iran"] == a["Iranians"]
    b = link(linker, "b", "North Koreans cheered; Mexicans did not.", ("North Koreans", "NORP"), ("Mexicans", "NORP"))
    c = link(linker, "c", "North Korea and Mexico met.", ("North Korea", "GPE"), ("Mexico", "GPE"))
    assert linker.current_id(b["North Koreans"]) == c["North Korea"] == "place:north-korea"
    assert linker.current_id(b["Mexicans"]) == c["Mexico"]
    assert linker.entity(c["North Korea"]).type == "GPE"
    e = link(linker, "e", "Afghanistan voted; Afghans queued.", ("Afghanistan", "GPE"), ("Afghans", "NORP"))
    assert e["Afghans"] == e["Afghanistan"]
    # a demonym of no place in the knowledge base, and one of two places, stay apart
    d = link(linker, "d", "Christians and Nigerians met in Niger and Nigeria.", ("Christians", "NORP"),
             ("Nigerians", "NORP"), ("Niger", "GPE"), ("Nigeria", "GPE"))
    assert len({d["Christians"], d["Niger"], d["Nigeria"]}) == 3 and d["Nigerians"] == d["Nigeria"]


def test_other_names_of_one_country_are_joined_and_neighbours_are_not():
    linker = EntityLinker()
    a = link(linker, "a", "Britain and America talked.", ("Britain", "GPE"), ("America", "GPE"))
    b = link(linker, "b", "The UK and the United States talked to South Korea.", ("UK", "GPE"),
             ("United States", "GPE"), ("South Korea", "GPE"))
    assert a["Britain"] == b["UK"] and a["America"] == b["United States"]
    c = link(linker, "c", "North Korea answered.", ("North Korea", "GPE"))
    assert c["North Korea"] != b["South Korea"]


def test_the_north_is_the_one_place_it_can_begin():
    linker = EntityLinker()
    a = link(linker, "a", "North Korea fired; the North said so.", ("North Korea", "GPE"), ("North", "GPE"))
    assert a["North"] == a["North Korea"]
    b = link(linker, "b", "North Korea and North Dakota: the North said.", ("North Korea", "GPE"),
             ("North Dakota", "GPE"), ("North", "GPE"))
    assert b["North"] not in (b["North Korea"], b["North Dakota"])


def test_irregular_demonyms_join_their_country():
    linker = EntityLinker()
    a = link(linker, "a", "Britain said British troops and the French would stay.", ("Britain", "GPE"),
             ("British", "NORP"), ("French", "NORP"))
    assert a["British"] == a["Britain"] and a["French"] != a["Britain"]
    b = link(linker, "b", "France and the Netherlands agreed; the Dutch were pleased.", ("France", "GPE"),
             ("Netherlands", "GPE"), ("Dutch", "NORP"))
    c = link(linker, "c", "Britons and Frenchmen voted.", ("Britons", "NORP"), ("Frenchmen", "NORP"))
    assert b["Dutch"] == b["Netherlands"] != b["France"]
    assert c["Britons"] == a["Britain"] and c["Frenchmen"] == b["France"]


def test_a_place_first_known_by_its_demonym_stays_one_entity():
    linker = EntityLinker()
    a = link(linker, "a", "Russians voted.", ("Russians", "NORP"))
    b = link(linker, "b", "Russia voted.", ("Russia", "GPE"))
    c = link(linker, "c", "Russia said so; Russians agreed.", ("Russia", "GPE"), ("Russians", "NORP"))
    assert linker.current_id(a["Russians"]) == b["Russia"] == c["Russia"] == c["Russians"]
    assert linker.entity(c["Russia"]).type == "GPE"
    assert b["Russia"] == "place:russia"  # named by the place once it is named, the old id redirects


def test_a_group_in_singular_and_plural_and_its_party_are_one():
    linker = EntityLinker()
    a = link(linker, "a", "Democrats said the Democratic Party would sue.", ("Democrats", "NORP"),
             ("Democratic Party", "ORG"))
    assert a["Democrats"] == a["Democratic Party"]
    b = link(linker, "b", "A Democrat objected.", ("Democrat", "NORP"))
    c = link(linker, "c", "Republicans met; one Republican left.", ("Republicans", "NORP"), ("Republican", "NORP"))
    d = link(linker, "d", "The Republican Party won.", ("Republican Party", "ORG"))
    assert b["Democrat"] == a["Democrats"]
    assert c["Republicans"] == c["Republican"] == d["Republican Party"] != a["Democrats"]


# -- a capital or a seat of government standing for its country ------------------------


@pytest.mark.parametrize("text, name, stands", [
    ("Moscow has denied meddling.", "Moscow", True),
    ("It imposed sanctions on Tehran.", "Tehran", True),
    ("It criticised Beijing's unfair trade practices.", "Beijing", True),
    ("Seoul and Pyongyang have remained at war.", "Pyongyang", True),
    ("The campaign was reaching out to Moscow.", "Moscow", True),
    ("The White House announced a delay.", "White House", True),
    ("during the visit.\nDowning Street confirmed it.", "Downing Street", True),
    ("They talked of Afghanistan and Moscow regards Delhi as a partner.", "Moscow", True),
    ("Differences between Paris and Washington grew.", "Washington", True),
    ("There were attacks in Vienna and Rome.", "Rome", False),
    ("They met in a hotel in Moscow.", "Moscow", False),
    ("Trump visited Tokyo in November.", "Tokyo", False),
    ("Envoys traveled to Pyongyang in March.", "Pyongyang", False),
    ("A Moscow hotel room.", "Moscow", False),
    ("The Washington-based group.", "Washington", False),
    ("WASHINGTON (Reuters) - The talks.", "WASHINGTON", False),
    ("Foremost is London Mayor Sadiq Khan.", "London", False),
    ("He was warned by London's mayor.", "London", False),
    ("Speaking via the White House press office.", "White House", False),
    ("Officials at the White House said.", "White House", False),
    ("A tram overturned in Croydon, south London.", "London", False),
    ("Air strikes rocked Tripoli on Monday.", "Tripoli", False),
    ("The rebels have not managed to take Tripoli.", "Tripoli", False),  # no sign of an actor
    ("The BBC's man in neighbouring Beirut says it is calm.", "Beirut", False),
    ("Melbourne said no.", "Melbourne", False),  # not a capital
])
def test_which_capitals_stand_for_their_country(text, name, stands):
    from storyline.link.metonymy import country_of

    start = text.index(name)
    assert (country_of(text, start, start + len(name)) is not None) is stands


def test_a_capital_that_acts_is_its_country_and_the_city_it_names_stays_apart():
    linker = EntityLinker()
    text = "China and Japan talked. Beijing said it would reply. Officials met in Beijing on Monday."
    found = mentions(text, ("China", "GPE"), ("Japan", "GPE"), ("Beijing", "GPE"), ("Beijing", "GPE"))
    china, _japan, acting, city = linker.add_article("a", text, found)
    assert acting == china and city != china
    assert linker.entity(china).metonyms == {"Beijing": 1} and "Beijing" not in linker.entity(china).aliases
    assert linker.entity(city).aliases == {"Beijing": 1}
    # later articles: an acting capital joins the country the knowledge base holds; a visited one the city
    b = link(linker, "b", "Beijing denied it.", ("Beijing", "GPE"))
    c = link(linker, "c", "Tourists visited Beijing.", ("Beijing", "GPE"))
    assert b["Beijing"] == china and c["Beijing"] == city
    # the seat of a government too, and the state survives a round trip through records
    d = link(linker, "d", "Russia and the United States: the Kremlin said the White House agreed.",
             ("Russia", "GPE"), ("United States", "GPE"), ("Kremlin", "ORG"), ("White House", "ORG"))
    assert d["Kremlin"] == d["Russia"] and d["White House"] == d["United States"]
    again = EntityLinker.from_records(json.loads(json.dumps(linker.to_records())))
    assert again.entity(china).metonyms == {"Beijing": 2}
    e = [again.add_article("e", t, mentions(t, ("Beijing", "GPE")))[0]
         for t in ("Beijing warned.", "A trip to Beijing.")]
    assert e == [china, city]


def test_a_capital_of_a_country_nobody_named_stays_the_city():
    linker = EntityLinker()
    a = link(linker, "a", "Ottawa said no.", ("Ottawa", "GPE"))
    assert linker.entity(a["Ottawa"]).aliases == {"Ottawa": 1}


def test_the_store_counts_a_capital_standing_for_a_country_among_its_forms(tmp_path):
    from storyline.store import Store

    linker = EntityLinker()
    china = link(linker, "a", "China wrote. Beijing said no.", ("China", "GPE"), ("Beijing", "GPE"))["China"]
    store = Store(tmp_path / "kb.sqlite")
    store.save_entities(linker.records([china]))
    assert store.entity(china)["mentions"] == 2
    assert {r["alias"]: r["count"] for r in store.entity_aliases(china)} == {"China": 1, "Beijing": 1}


# -- NewsWCL50: the quality floor ----------------------------------------------------

#: Measured with bench/quality_entities.py (see its docstring for the method); floors are
#: the measured figures minus 0.02. Chains of type ACTOR name one person each (identity);
#: the others also gather capitals, demonyms, officials or several people (see the bench).
FLOORS = {
    "all": {"b3_f1": 0.834 - 0.02, "pairwise_precision": 0.982 - 0.02, "ner_recall": 0.952 - 0.02},
    "ACTOR": {"b3_f1": 0.978 - 0.02, "pairwise_precision": 0.998 - 0.02},
    "COUNTRY": {"b3_f1": 0.815 - 0.02, "pairwise_precision": 0.989 - 0.02},
    "GROUP": {"b3_f1": 0.456 - 0.02, "pairwise_precision": 0.973 - 0.02},
}


@needs(NEWSWCL50)
def test_newswcl50_floor():
    result = load_bench("quality_entities").evaluate(NEWSWCL50)
    assert result["documents"] == 50
    for key, floor in FLOORS["all"].items():
        assert result[key] >= floor, (key, result[key])
    for kind in ("ACTOR", "COUNTRY", "GROUP"):
        for key, floor in FLOORS[kind].items():
            assert result["by_chain_type"][kind][key] >= floor, (kind, key, result["by_chain_type"][kind])
