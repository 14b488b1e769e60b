"""Cleaning: furniture out (and only furniture), Unicode repaired, sentence offsets exact."""

from __future__ import annotations

import pytest

from storyline.clean import clean, furniture_reason, repair
from storyline.model import RawArticle

FURNITURE = [
    "Follow us on: |",
    "Follow us on Twitter",
    "Share this article",
    "Share on Facebook | Twitter | WhatsApp",
    "Facebook Twitter Email Print",
    "Leave a Comment",
    "View comments",
    "Read more: Fishing families fear loss of moorings",
    "Also read: Talks resume in the capital",
    "Sign up for our morning newsletter",
    "Subscribe",
    "Advertisement",
    "By",
    "The Example Post with inputs from Agencies",
    "(With inputs from PTI)",
    "© 2024 Example Times. All rights reserved.",
    "|",
    "* * *",
]

STORY = [
    "Share prices fell 3% on Monday after the announcement.",
    "Follow-up talks are planned for next month, officials said.",
    "Read the small print, the regulator told consumers on Tuesday.",
    "By Friday, more than 2,000 people had left the city.",
    "Advertisement revenue at the broadcaster dropped by a fifth last year.",
    "Subscribers to the service will pay 10% more from January.",
    "Comments by the minister drew anger from the opposition.",
    "Related talks between the unions and the port broke down.",
    "'Time tested friend'",
    "New Delhi [India]:",
    "Sign up for the scheme closed in March, with 40,000 farmers registered.",
]


@pytest.mark.parametrize("line", FURNITURE)
def test_furniture_lines_are_removed(line):
    assert furniture_reason(line) is not None


@pytest.mark.parametrize("line", STORY)
def test_story_lines_are_kept(line):
    assert furniture_reason(line) is None


def _raw(text: str, **kw) -> RawArticle:
    return RawArticle(locator="/x.txt", path="x.txt", raw_text=text, reader="text", **kw)


def test_removed_lines_are_kept_aside_with_reasons():
    article = clean(_raw("Follow us on: |\nThe council met on Monday.\nLeave a Comment\n"))
    assert article.text == "The council met on Monday."
    assert article.removed == (("follow widget", "Follow us on: |"), ("comments prompt", "Leave a Comment"))


def test_credit_line_names_the_outlet_when_nothing_else_does():
    article = clean(_raw("The council met on Monday.\nThe Example Post with inputs from Agencies"))
    assert article.source == "The Example Post"
    assert clean(_raw("Text here.\nThe Example Post with inputs from Agencies", source="Wire")).source == "Wire"


def test_unicode_repair_fixes_mojibake_and_keeps_quotes():
    assert repair("The ministerâ€™s plan") == "The minister’s plan"
    assert repair("“Quoted” — text") == "“Quoted” — text"
    assert repair("zero\u200bwidth\u00a0space") == "zerowidth\u00a0space"


def test_sentences_point_into_clean_text():
    text = ("Mr. Smith arrived in the U.S. on Jan. 5. He said: “We are ready.” Then he left.\n\n"
            "   A second   paragraph starts here. It has two sentences.\n\n\n")
    article = clean(_raw(text))
    assert [s.text for s in article.sentences] == [
        "Mr. Smith arrived in the U.S. on Jan. 5.", "He said: “We are ready.”", "Then he left.",
        "A second paragraph starts here.", "It has two sentences."]
    for s in article.sentences:
        assert article.text[s.start:s.end] == s.text
    assert [s.paragraph for s in article.sentences] == [0, 0, 0, 1, 1]
    assert article.text.split("\n\n")[1] == "A second paragraph starts here. It has two sentences."


def test_long_paragraph_is_split_without_losing_offsets():
    sentence = "The committee reviewed the port budget line by line again. "
    article = clean(_raw(sentence * 3000))  # ~180,000 characters in one paragraph
    assert len(article.sentences) == 3000
    for s in article.sentences[::250]:
        assert article.text[s.start:s.end] == s.text


def test_headline_repeated_in_text_is_dropped():
    article = clean(_raw("Harbour deal signed\nThe contract was signed.", title="Harbour deal signed"))
    assert article.text == "The contract was signed."
