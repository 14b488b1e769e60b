"""Publication dates inferred from the text: the evidence rules, abstention, and a floor on real news."""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys

import pytest

from storyline.annotate.pubdate import DateGuess, infer_publication_date

from conftest import DATA, ROOT, needs

TODAY = dt.date(2024, 6, 1)
D = dt.date


def guess(text: str) -> DateGuess | None:
    return infer_publication_date(text, today=TODAY)


def test_a_past_full_date_is_a_close_lower_bound():
    g = guess("India and Russia signed the S-400 contract on October 5, 2018, officials said on Monday.")
    assert g is not None
    assert g.best == D(2018, 10, 5)
    assert g.earliest <= D(2018, 10, 5) < D(2018, 10, 8) <= g.latest
    assert any('"October 5, 2018"' in e and "past tense" in e for e in g.evidence)


def test_the_latest_past_date_wins_over_background_dates():
    text = ("The war began on March 20, 2003. On December 20, 2021, the last troops left, "
            "the ministry said.")
    g = guess(text)
    assert g.best == D(2021, 12, 20) and g.earliest <= D(2021, 12, 20)


def test_a_future_date_bounds_the_window_from_above():
    text = ("Talks broke down on January 10, 2019, the envoy said. "
            "A new round will open on February 4, 2019.")
    g = guess(text)
    assert g.earliest <= D(2019, 1, 10) and g.latest == D(2019, 2, 4)
    assert any("future tense" in e for e in g.evidence)


def test_only_plans_place_the_article_before_them():
    g = guess("The summit will take place on June 12, 2020 in Singapore.")
    assert g.latest == D(2020, 6, 12) and g.earliest < g.best <= g.latest


def test_a_page_stamp_states_the_date():
    g = guess("Last updated: 14 January, 2010 - 17:26 GMT\nRescuers worked through the night. "
              "The quake of 1999 was smaller.")
    assert (g.best, g.earliest, g.latest) == (D(2010, 1, 14), D(2010, 1, 13), D(2010, 1, 15))


def test_a_later_year_in_the_past_tense_says_the_full_date_was_background():
    g = guess("The bank was founded on May 1, 1990. In 2008 it collapsed.")
    assert g.earliest == D(2008, 1, 1) and g.latest == TODAY


def test_a_year_alone_only_says_not_before():
    g = guess("The company was founded in 2005 and has grown ever since.")
    assert g.earliest == D(2005, 1, 1) and g.latest == TODAY
    assert any("not before" in e for e in g.evidence)


@pytest.mark.parametrize("text", [
    "",
    "The minister said on Monday that talks would resume next week.",
    "Rescuers pulled survivors from the rubble yesterday, three days after the quake.",
    "Prices rose 3% last month and are expected to rise again in the spring.",
])
def test_nothing_to_go_on_gives_none(text):
    assert guess(text) is None


def test_windows_never_reach_past_today():
    g = guess("The council voted on May 20, 2024 to close the bridge.")
    assert g.latest == TODAY and g.earliest <= g.best <= g.latest


# -- floor on real articles -----------------------------------------------------------------------------

#: Measured with `python bench/quality_time.py --pubdate`; floors sit a little below.
FLOORS = {  # measured: Giveme5W1H 0.537 / 0.882 / 1.000, Timeline17 (200) 0.645 / 0.884 / 0.985
    "Giveme5W1H": {"coverage": 0.51, "in_window": 0.86, "right_none": 0.97},
    "Timeline17 (200)": {"coverage": 0.62, "in_window": 0.86, "right_none": 0.96},
}


def _bench():
    spec = importlib.util.spec_from_file_location("quality_time", ROOT / "bench" / "quality_time.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["quality_time"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.shared
@needs(DATA / "giveme5w1h" / "data")
@needs(DATA / "timeline17")
def test_pubdate_floor():
    bench = _bench()
    results = {
        "Giveme5W1H": bench.evaluate_pubdate(bench.giveme_articles(DATA / "giveme5w1h" / "data")),
        "Timeline17 (200)": bench.evaluate_pubdate(bench.timeline17_articles(DATA / "timeline17", limit=200)),
    }
    for name, floors in FLOORS.items():
        for metric, floor in floors.items():
            assert results[name][metric] >= floor, (name, metric, results[name][metric])
