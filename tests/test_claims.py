"""Claims across sources: normalization, verdicts, the seeds' disagreements, the CLI and the floors."""

from __future__ import annotations

import json

import jsonschema

from conftest import DATA, SEEDS, load_bench, needs, storyline
from storyline.claims.compare import compare
from storyline.claims.rates import rate, to_usd
from storyline.export import SCHEMA_PATH


def _side(**kw):
    base = dict(id=1, article_id="a", source="one", published=None, published_basis="unknown", earliest=None,
                kind="count", attribute="number killed", value="0", number=None, unit="", low=None, high=None,
                qualifier=None, tolerance=0.0, modality="stated", scope="entity", relative=None, anchored=False,
                text="", sentence=0, context="")
    return {**base, **kw}


def test_money_is_converted_at_the_rate_of_its_year():
    usd, used = to_usd(4e11, "INR", 2018)
    assert used.year == 2018 and 5.5e9 < usd < 6.0e9
    assert rate("RUB", 2030) is None  # too far from the table to borrow a year
    a = _side(kind="money", attribute="value", value="4e11", number=4e11, unit="INR", text="Rs 40,000 crore",
              tolerance=0.1, earliest="2018-09-01")
    b = _side(source="two", kind="money", attribute="value", value="5e9", number=5e9, unit="USD",
              text="over USD 5 billion", qualifier="over", tolerance=0.1)
    v = compare(a, b)
    assert v.verdict == "agree" and "2018" in v.explanation and "INR per USD" in v.explanation
    far = compare(a, {**b, "number": 9e9, "value": "9e9", "qualifier": None, "text": "USD 9 billion"})
    assert far.verdict == "conflict"


def test_qualifiers_set_the_tolerance():
    at_least = _side(number=40, text="at least 40", qualifier="at least")
    assert compare(at_least, _side(source="two", number=55, text="55")).verdict == "agree"
    assert compare(_side(number=40, text="40"), _side(source="two", number=55, text="more than 50",
                                                      qualifier="more than")).verdict == "conflict"
    vague = _side(number=550, low=100, high=1000, text="hundreds")
    assert compare(vague, _side(source="two", number=340, text="340")).verdict == "more_precise"


def test_dates_weekdays_and_relative_years():
    monday = _side(kind="date", attribute="date of call", value="XXXX-WXX-1", text="Monday", scope="event")
    tuesday = {**monday, "source": "two", "value": "XXXX-WXX-2", "text": "Tuesday"}
    assert compare(monday, tuesday).verdict == "conflict"
    assert compare(monday, {**tuesday, "value": "XXXX-WXX-1", "text": "Monday"}).verdict == "agree"
    planned = _side(kind="date", attribute="date of delivery", value="2020-10", text="October 2020",
                    modality="expected", scope="event")
    next_year = {**planned, "source": "two", "value": "XXXX-10", "text": "October next year", "relative": "year+1",
                 "earliest": "2018-11-28"}
    v = compare(planned, next_year)
    assert v.verdict == "conflict" and "October 2019" in v.explanation and "no date" in v.explanation
    assert compare(planned, {**next_year, "earliest": "2019-01-10"}).verdict == "agree"
    assert compare(planned, {**next_year, "modality": "stated"}) is None  # a plan against a fact


@needs(SEEDS)
def test_seeds_disagreements_and_agreement_are_found_with_citations(db):
    storyline("build", str(SEEDS), "--db", str(db), "-q")
    data = json.loads(storyline("export", "--db", str(db)).stdout)
    jsonschema.validate(data, json.loads(SCHEMA_PATH.read_text()))
    claims = {c["id"]: c for c in data["claims"]}
    found = {}
    for k in data["conflicts"]:
        values = tuple(sorted(claims[c]["value"] for c in k["claims"]))
        found[values] = k
        assert len(k["citations"]) == 2 and all(c["text"] and c["value"] in c["text"] for c in k["citations"])
    assert found[("Monday", "Tuesday")]["verdict"] == "conflict"
    assert found[("October 2020", "October next year")]["verdict"] == "conflict"
    assert found[("Rs 40,000 crore", "over USD 5 billion")]["verdict"] == "agree"
    out = storyline("conflicts", "--db", str(db)).stdout
    assert out.index("Conflicts") < out.index("Agreements") and "Monday" in out and "Tuesday" in out
    assert "sentence" in out and "Rs 40,000 crore" in out
    story = storyline("conflicts", "--db", str(db), "--story", "999", check=False)
    assert story.returncode == 2
    only = storyline("conflicts", "--db", str(db), "--verdict", "agree").stdout
    assert "Agreements" in only and "Conflicts" not in only


@needs(DATA / "giveme5w1h")
def test_claim_comparison_floors_on_giveme5w1h():
    res = load_bench("quality_claims").evaluate(only="giveme5w1h")
    assert res["pairs"] >= 50
    # measured: conflict P 1.0 (4/4), R 0.8 (4/5); agree P 0.952 (20/21: a recalled "Wednesday's crash" the
    # labels call unrelated), R 0.87
    assert res["conflict"]["precision"] >= 0.95 and res["conflict"]["recall"] >= 0.75
    assert res["agree"]["precision"] >= 0.95 and res["agree"]["recall"] >= 0.8


@needs(DATA / "timeline17")
def test_claim_comparison_floors_on_every_labelled_pair():
    """All 420 pairs (about 100 s): the Timeline17 conflicts hang on the events the linker finds,
    so an entity or event change that splits reports of one happening shows here first."""
    res = load_bench("quality_claims").evaluate()
    assert res["pairs"] >= 400
    # measured: conflict P 0.985 (67/68), R 0.918 (67/73); agree P 0.988 (80/81), R 0.784; more precise P 1.0 (5/5)
    assert res["conflict"]["precision"] >= 0.95 and res["conflict"]["recall"] >= 0.89
    assert res["agree"]["precision"] >= 0.95 and res["agree"]["recall"] >= 0.75
    assert res["more_precise"]["precision"] >= 0.8
    # precision speaks only for labelled conflicts: a change that finds many new ones must label them
    cover = res["coverage"]
    assert cover["labelled"] >= 0.9 * cover["system_conflicts"], cover


def _claims_of(text: str, published: str = "2024-03-05"):
    """The claims the real annotators find in one written article, by their text."""
    from storyline.annotate import annotate
    from storyline.clean import clean
    from storyline.model import RawArticle

    article = clean(RawArticle(locator="t#1", path="t", raw_text=text, reader="text", published=published,
                               published_basis="metadata"))
    (done,) = annotate([article], ("time", "quantities", "entities", "claims"))
    return {c.text: c for c in done.claims}, done


def test_tolls_keep_their_kind_and_place_and_recalled_figures_drop():
    found, _ = _claims_of(
        "A ferry capsized on the Tagus river on Tuesday, killing 31 people in Portugal.\n\n"
        "Officials confirmed that 12 people had died while 19 deaths were suspected.\n\n"
        "Eight people are killed on the roads in Portugal each day on average.\n\n"
        "Fresh clashes left 25 dead earlier in the day.\n\n"
        "The coastguard was not sure at that stage that 40 people had died.\n\n"
        "A strain never seen before has killed 60 people in Brazil.\n\n"
        "The ministry said the fever had killed 14 people and could be to blame for 30 more deaths.\n\n"
        "Medics said 9 people had been killed in the latest protests in the capital.")
    assert found["31 people"].attribute == "number killed" and found["31 people"].subject_text == "Portugal"
    assert found["12 people"].attribute == "number killed (confirmed)"
    assert found["Eight people"].attribute == "number killed (rate)"
    assert found["25"].attribute == "number killed (part)"
    assert found["14 people"].attribute == "number killed (part)"  # the toll is 14 and 30 more
    assert found["9 people"].attribute == "number killed (part)"  # one round of a running toll
    assert not any(c.number == 40 for c in found.values())  # a figure recalled from an earlier moment
    assert found["60 people"].modality != "denied" and found["60 people"].subject_text == "Brazil"


def test_datelines_and_lasting_happenings_are_not_news_dates():
    found, _ = _claims_of(
        "HOUSTON, March 5 (Wire) - The explosion of the rig will cost billions of dollars.\n\n"
        "The president took responsibility for the response to the oil spill on Tuesday.\n\n"
        "The leak began on March 1 when the rig exploded.")
    dates = {c.text: c.attribute for c in found.values() if c.kind == "date"}
    assert "March 5" not in dates  # a dateline
    assert not any(a == "date of spill" for a in dates.values())  # the spill lasts; Tuesday dates the response
    assert dates.get("March 1") == "date of start of spill"


def test_tolls_of_two_places_and_plans_of_two_people_are_not_compared():
    yemen = _side(number=12, text="12 people", scope="event", subject_entity="place:yemen", context="place:yemen,org:rights",
                  published="2011-02-21")
    libya = {**yemen, "source": "two", "number": 233, "text": "233 people", "subject_entity": "place:libya",
             "context": "place:libya,org:rights"}
    assert compare(yemen, libya) is None
    assert compare(yemen, {**libya, "subject_entity": None}).verdict == "conflict"  # a toll naming no place
    visit = _side(kind="date", attribute="date of visit", value="XXXX-WXX-7", text="Sunday", modality="expected",
                  scope="event", context="person:ann-lee,place:coast")
    other = {**visit, "source": "two", "value": "XXXX-WXX-5", "text": "Friday", "context": "person:bo-kim,place:coast"}
    assert compare(visit, other) is None  # two people's trips to the same coast
    assert compare(visit, {**other, "context": "person:ann-lee"}).verdict == "conflict"


def test_a_death_toll_named_before_its_figure_is_a_toll():
    found, _ = _claims_of(
        "The death toll from an outbreak of a new strain of the virus has risen to more than 80 in Peru.\n\n"
        "The toll of the storm in houses stood at 12 roofs.")
    toll = found["more than 80"]
    assert toll.attribute == "number killed" and toll.qualifier == "more than" and toll.subject_text == "Peru"
    assert not any(c.number == 12 for c in found.values())  # roofs are not a death toll


def test_running_figures_are_compared_across_the_story_events_of_one_news_day(tmp_path, db):
    """Two outlets' tolls, filed in two events of one story: compared only when the story's events are given."""
    from storyline.claims.link import link_claims
    from storyline.pipeline import build
    from storyline.store import Store

    jsonl = tmp_path / "two.jsonl"
    jsonl.write_text("\n".join(json.dumps(r) for r in (
        {"source": "wire one", "published": "2024-03-05", "title": "Flu in Peru",
         "text": "A new flu that has killed up to 60 people in Peru could spread, the Health Ministry of Peru said."},
        {"source": "wire two", "published": "2024-03-06", "title": "Flu toll in Peru",
         "text": "The new flu has killed 81 people in Peru, the Health Ministry of Peru said on Wednesday."},
    )) + "\n")
    build([str(jsonl)], db, workers=1)
    store = Store(db)
    try:
        first, second = (a["id"] for a in sorted(store.articles(), key=lambda a: a["published"]))
        tolls = {r["article_id"]: r for r in store.conn.execute("SELECT * FROM claims WHERE attribute = 'number killed'")}
        assert set(tolls) == {first, second}
        with store.transaction():  # as if the tracker had opened a second event for the later report
            store.conn.execute("DELETE FROM comparisons")
            store.set_claim_subjects([("event/900", 900, tolls[first]["id"])])
            assert link_claims(store, second, 901) == 0
            assert link_claims(store, second, 901, [900, 901]) == 1
        (verdict,) = store.conn.execute("SELECT verdict FROM comparisons").fetchall()
        assert verdict[0] == "conflict"
    finally:
        store.close()


def test_recalled_days_agree_but_never_conflict():
    """A date far into a report, or weeks before it, dates background: the same day agrees, a month
    against its day is less precise, two different days may be two happenings and are not a conflict."""
    day = _side(kind="date", attribute="date of attack", value="2024-02-02", text="2 February", scope="event",
                sentence=12, published="2024-03-05")
    same = {**day, "source": "two", "text": "February 2", "sentence": 0, "published": "2024-03-06"}
    assert compare(day, same).verdict == "agree"
    month = {**same, "value": "2024-02", "text": "last month"}
    assert compare(day, month).verdict == "more_precise"
    assert compare(day, {**same, "value": "2024-02-09", "text": "9 February"}) is None
    assert compare(day, {**same, "value": "2024", "text": "2024"}) is None  # a bare year dates nothing
    # a weekday recalled in two reports is the same day only if both resolve to the same date
    wed = {**day, "value": "2024-02-28", "text": "Wednesday"}
    assert compare(wed, {**wed, "source": "two"}).verdict == "agree"
    assert compare(wed, {**wed, "source": "two", "value": "2024-02-21"}) is None


def test_the_year_of_a_named_thing_agrees_and_never_conflicts():
    found, _ = _claims_of("Engineers said the dam was built to withstand another disaster like the Great Flood in "
                          "Holland in 1953.\n\nThe rig exploded on 2 February, killing 11 workers.")
    year = found["1953"]
    assert (year.attribute, year.scope, year.subject_text) == ("year", "entity", "Great Flood")
    assert found["2 February"].attribute == "date of attack"  # "on 2 February" is the explosion's, not the killing's
    a = _side(kind="date", attribute="year", value="1953", text="1953", scope="entity", sentence=20)
    assert compare(a, {**a, "source": "two"}).verdict == "agree"
    assert compare(a, {**a, "source": "two", "value": "1954", "text": "1954"}) is None  # maybe another of that name


def test_the_same_figure_agrees_across_places_and_rounding_is_not_vagueness():
    libya = _side(number=233, text="at least 233 people", qualifier="at least", scope="event", published="2011-02-21",
                  subject_entity="place:libya", context="place:libya")
    city = {**libya, "source": "two", "subject_entity": "place:benghazi", "context": "org:rights,place:benghazi"}
    assert compare(libya, city).verdict == "agree"  # one count, named by its country or by its city
    assert compare(libya, {**city, "number": 230, "text": "at least 230 people"}) is None
    assert compare({**libya, "number": 3, "text": "3"}, {**city, "number": 3, "text": "3"}) is None  # coincidence
    assert compare(libya, {**city, "published": "2011-02-24"}) is None  # the toll grew since
    rounded = _side(kind="money", attribute="cost", value="1e9", number=1e9, unit="USD", text="$ 1bn", tolerance=0.1)
    sharp = {**rounded, "source": "two", "number": 9.3e8, "value": "9.3e8", "text": "$ 930 million", "tolerance": 0.005}
    assert compare(rounded, sharp).verdict == "agree"
    loose = {**rounded, "number": 5.5e6, "low": 1e6, "high": 1e7, "text": "millions of dollars"}
    assert compare(loose, {**sharp, "number": 6e6, "text": "$ 6m"}).verdict == "more_precise"


def test_ages_rates_visits_and_dated_phrases_read_by_their_grammar():
    found, _ = _claims_of(
        "Tom Reyes, 57, and a man who called himself Omar, aged 25, watched the rescue.\n\n"
        "The pipe broke and killed 11 workers, spilling 12,000 barrels a day.\n\n"
        "The minister toured the oil-hit areas on Friday.\n\n"
        "Boats have been deployed since the February 2 explosion in the bay.")
    assert found["57"].attribute == "age" and "25" not in found  # one name may be many people
    assert found["11 workers"].attribute == "number of worker (death)"  # "a day" is the barrels' rate
    assert found["Friday"].attribute == "date of visit"
    since = found["February 2"]
    assert since.attribute == "date of attack" and since.qualifier is None  # "since" is the phrase's, not the date's


def test_an_agreement_is_cited_from_the_sentences_that_share_its_names(tmp_path, db):
    """The same figure repeated in a report is compared once; the pair of sentences naming the same plant
    is kept over an earlier one that only gives the same figure."""
    from storyline.claims.link import link_claims
    from storyline.pipeline import build
    from storyline.store import Store

    jsonl = tmp_path / "two.jsonl"
    jsonl.write_text("\n".join(json.dumps(r) for r in (
        {"source": "wire one", "published": "2024-03-05", "title": "Blast at Harbor Chemicals",
         "text": "The explosion at the Harbor Chemicals plant killed 14 workers, the Labour Ministry said."},
        {"source": "wire two", "published": "2024-03-05", "title": "Plant blast",
         "text": "A blast killed 14 workers on Tuesday.\n\n"
                 "Investigators said the Harbor Chemicals explosion killed 14 workers as the night shift began."},
    )) + "\n")
    build([str(jsonl)], db, workers=1)
    store = Store(db)
    try:
        by_article = {}
        for r in store.conn.execute("SELECT * FROM claims WHERE number = 14"):
            by_article.setdefault(r["article_id"], []).append(r)
        first, second = sorted(by_article, key=lambda a: len(by_article[a]))
        assert len(by_article[first]) == 1 and len(by_article[second]) == 2
        with store.transaction():
            store.conn.execute("DELETE FROM comparisons")
            store.set_claim_subjects([("event/900", 900, r["id"]) for r in by_article[first]])
            assert link_claims(store, second, 900) >= 1
        rows = store.conn.execute("""SELECT cb.sentence FROM comparisons k JOIN claims cb ON cb.id = k.claim_b
                                     WHERE cb.number = 14 AND k.verdict = 'agree'""").fetchall()
        assert [r["sentence"] for r in rows] == [1]
    finally:
        store.close()
