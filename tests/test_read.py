"""Readers: each format, its metadata, and the header forms."""

from __future__ import annotations

import json

from storyline.read import InputFile, discover, read_file, reader_for
from storyline.errors import ReadError
from pathlib import Path


def _read(path: Path):
    (item,) = [i for i in discover([path])]
    return read_file(item)


def test_text_with_field_header(corpus):
    root = corpus({"a.txt": "title: Harbour deal signed\nsource: The Daily Example\ndate: 2024-03-04\n"
                            "url: https://example.com/a\n\nThe contract was signed on Monday.\n"})
    (raw,) = _read(root / "a.txt")
    assert (raw.title, raw.source, raw.published, raw.published_basis, raw.url) == (
        "Harbour deal signed", "The Daily Example", "2024-03-04", "header", "https://example.com/a")
    assert raw.raw_text.strip() == "The contract was signed on Monday."


def test_text_with_bare_date_header_keeps_first_sentence(corpus):
    root = corpus({"b.txt": " date 2021-12-07 The minister spoke on Monday. Talks went on.\n\nMore."})
    (raw,) = _read(root / "b.txt")
    assert raw.published == "2021-12-07" and raw.published_basis == "header"
    assert raw.raw_text.startswith("The minister spoke on Monday.")
    assert "date" not in raw.raw_text.split()[0]


def test_text_without_date_is_unknown_and_headline_becomes_title(corpus):
    root = corpus({"c.txt": "Port talks stall as unions object\n\nUnion leaders walked out of the talks.\n"})
    (raw,) = _read(root / "c.txt")
    assert raw.published is None and raw.published_basis == "unknown"
    assert raw.title == "Port talks stall as unions object"
    assert "Port talks stall" not in raw.raw_text


def test_sentence_first_line_is_not_taken_as_headline(corpus):
    root = corpus({"d.txt": "The council voted on Tuesday.\n\nIt was close."})
    (raw,) = _read(root / "d.txt")
    assert raw.title is None and raw.raw_text.startswith("The council voted")


def test_date_from_folder_name(corpus):
    root = corpus({"2010-01-21/1538.htm.txt": "Aid arrived in the capital on Thursday."})
    (raw,) = _read(root / "2010-01-21" / "1538.htm.txt")
    assert raw.published == "2010-01-21" and raw.published_basis == "metadata"
    assert reader_for(Path("x.htm.txt")).name == "text"


def test_bad_header_date_is_not_invented(corpus):
    root = corpus({"e.txt": "date: sometime soon\n\nThe bridge opened."})
    (raw,) = _read(root / "e.txt")
    assert raw.published is None and raw.published_basis == "unknown"
    assert "not understood" in raw.metadata["date_error"]


HTML_PAGE = """<!doctype html><html><head><title>Harbour deal | Example Times</title>
<meta property="og:title" content="Harbour deal signed after long talks">
<meta property="og:site_name" content="Example Times">
<meta property="article:published_time" content="2024-03-05T08:00:00Z">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<div class="share">Share on Facebook | Twitter</div>
<article><h1>Harbour deal signed after long talks</h1>
<p>The port authority signed the contract for the new container terminal on Monday, ending two years of negotiations with the consortium.</p>
<p>Construction is expected to begin next spring and to employ about 600 engineers, officials said in a statement.</p>
<p>Opposition members criticised the cost of the project, which they said had doubled since the first estimate.</p>
</article><footer>© 2024 Example Times. All rights reserved.</footer></body></html>"""


def test_html_main_text_and_metadata(corpus):
    root = corpus({"page.html": HTML_PAGE})
    (raw,) = _read(root / "page.html")
    assert raw.published == "2024-03-05" and raw.published_basis == "metadata"
    assert raw.source == "Example Times"
    assert raw.title == "Harbour deal signed after long talks"
    assert "container terminal" in raw.raw_text and "600 engineers" in raw.raw_text
    assert "Home" not in raw.raw_text and "All rights reserved" not in raw.raw_text


def test_jsonl_fields_and_aliases(corpus):
    lines = [
        {"title": "A", "published": "2024-01-02", "url": "https://example.org/a", "source": "Wire", "text": "First story."},
        {"headline": "B", "date": "2024-01-03T10:00:00+01:00", "outlet": "Paper", "body": "Second story."},
    ]
    root = corpus({"feed.jsonl": "\n".join(json.dumps(x) for x in lines) + "\n"})
    a, b = _read(root / "feed.jsonl")
    assert (a.title, a.published, a.source, a.url, a.locator) == ("A", "2024-01-02", "Wire", "https://example.org/a", "https://example.org/a")
    assert (b.title, b.published, b.source, b.raw_text) == ("B", "2024-01-03", "Paper", "Second story.")
    assert b.locator.endswith("feed.jsonl#2")


def test_news_please_json_as_written(corpus):
    record = {"authors": [], "date_download": "2017-01-01 10:00:00", "date_modify": None,
              "date_publish": "2016-11-09 00:00:00", "description": "d", "filename": "x.json",
              "image_url": None, "language": "en", "localpath": None, "source_domain": "www.example.co.uk",
              "maintext": "Several people were hurt when a tram overturned.", "title": "Tram overturns",
              "title_page": None, "title_rss": None, "url": "https://www.example.co.uk/tram"}
    root = corpus({"np.json": json.dumps(record)})
    (raw,) = _read(root / "np.json")
    assert (raw.published, raw.published_basis, raw.source, raw.title) == (
        "2016-11-09", "metadata", "www.example.co.uk", "Tram overturns")
    assert raw.raw_text.startswith("Several people")


def test_jsonl_bad_line_costs_only_that_line(corpus):
    root = corpus({"f.jsonl": '{"text": "Good one."}\n{not json\n{"title": "no text"}\n{"text": "Good two."}\n'})
    out = _read(root / "f.jsonl")
    errors = [o for o in out if isinstance(o, ReadError)]
    assert [o.raw_text for o in out if not isinstance(o, ReadError)] == ["Good one.", "Good two."]
    assert [e.path.rsplit(":", 1)[1] for e in errors] == ["2", "3"]
    assert "malformed JSON" in errors[0].reason and "no article text" in errors[1].reason


def test_discover_is_recursive_sorted_and_skips_hidden(corpus):
    root = corpus({"b/2.txt": "x y", "a/1.txt": "x y", ".hidden/3.txt": "x y", "a/.4.txt": "x y"})
    found = [i.display for i in discover([root]) if isinstance(i, InputFile)]
    assert [Path(p).relative_to(root).as_posix() for p in found] == ["a/1.txt", "b/2.txt"]


def test_a_registered_reader_plugs_in(corpus):
    from storyline.read import READERS, register

    @register("shout", extensions=(".shout",))
    def read_shout(path, data, display):
        from storyline.model import RawArticle
        yield RawArticle(locator=str(path), path=display, raw_text=data.decode().lower(), reader="shout")

    try:
        root = corpus({"a.shout": "THE HARBOUR OPENED."})
        (raw,) = _read(root / "a.shout")
        assert raw.raw_text == "the harbour opened." and raw.reader == "shout"
    finally:
        del READERS["shout"]
