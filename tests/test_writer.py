"""The optional writer against a real HTTP server on loopback: traced sentences kept, the rest dropped,
any failure answered by the extractive summary, and nothing sent unless configured."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DEMO
from llmserver import INVENTED, fake_model, restate
from storyline.api import KnowledgeBase
from storyline.errors import UsageError
from storyline.tell.writer import WriterConfig, split_cited, untraced
from webserver import build_kb


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build_kb(tmp_path_factory.mktemp("writer"), DEMO)


@pytest.fixture(scope="module")
def kb(db):
    with KnowledgeBase(db) as opened:
        yield opened


@pytest.fixture(scope="module")
def story(kb):
    return kb.stories()[0]["id"]


def test_traced_sentences_stay_untraceable_ones_go(kb, story):
    with fake_model() as server:
        config = WriterConfig(server.url, "test-model", api_key="k-123", timeout=10)
        summary = kb.summary(story_id=story, writer=config)
    assert len(server.requests) == 1
    sent = server.requests[0]
    assert sent["path"] == "/v1/chat/completions"
    assert sent["headers"]["Authorization"] == "Bearer k-123"
    assert sent["body"]["model"] == "test-model" and sent["body"]["temperature"] == 0
    prompt = sent["body"]["messages"][-1]["content"]
    assert "[1] (" in prompt and "[2] (" in prompt

    assert summary.method == "writer:test-model"
    assert len(summary.sentences) == 2
    sources = {(c.article_id, c.sentence) for line in summary.sentences for c in line.citations}
    for line in summary.sentences:
        cited = [kb.article(c.article_id)["sentences"][c.sentence]["text"] for c in line.citations]
        assert line.citations and untraced(line.text, cited) is None
        assert line.text == restate(cited[0])  # the stand-in restated exactly the sentence it cited
    assert len(sources) == 2
    dropped = dict(summary.dropped)
    assert len(dropped) == 2
    assert "4321" in dropped[INVENTED + "."] or "Quorvath" in dropped[INVENTED + "."]
    assert "cites no source" in next(why for text, why in summary.dropped if "never given" in text)
    assert any("left out" in n for n in summary.notes)


@pytest.mark.parametrize("mode, why", [("error", "HTTP 500"), ("redirect", "HTTP 307"),
                                       ("garbage", "not a chat completion"),
                                       ("slow", "could not be reached"), ("invented", "could be traced")])
def test_any_failure_falls_back_to_the_extractive_summary(kb, story, mode, why):
    extractive = kb.summary(story_id=story)
    with fake_model(mode, delay=3.0) as server:
        config = WriterConfig(server.url, "test-model", timeout=0.5)
        summary = kb.summary(story_id=story, writer=config)
    assert len(server.requests) == 1
    assert summary.method == "centroid" and summary.sentences == extractive.sentences
    assert any(why in note for note in summary.notes), summary.notes
    if mode == "invented":
        assert len(summary.dropped) == 2


def test_nothing_is_configured_or_sent_by_default():
    assert WriterConfig.from_env({}) is None
    assert WriterConfig.from_env({"STORYLINE_LLM_URL": "  "}) is None
    config = WriterConfig.from_env({"STORYLINE_LLM_URL": "http://127.0.0.1:9/v1/", "STORYLINE_LLM_KEY": "s"})
    assert config.endpoint == "http://127.0.0.1:9/v1/chat/completions" and config.api_key == "s"
    for bad in ("file:///etc/passwd", "javascript:alert(1)", "ftp://host/v1"):
        with pytest.raises(UsageError):
            WriterConfig(bad)


def test_replies_are_cut_into_cited_sentences():
    assert split_cited("One fact here [1]. Two facts [2][3]. Bare claim. Last one. [4]") == [
        ("One fact here.", (1,)), ("Two facts.", (2, 3)), ("Bare claim.", ()), ("Last one.", (4,))]
    assert split_cited("- Listed [1, 2]") == [("Listed", (1, 2))]
    sources = ["The council approved 40 million dollars for the Kessel bridge on Monday."]
    assert untraced("The council approved 40 million dollars for the bridge.", sources) is None
    assert "41" in untraced("The council approved 41 million dollars for the bridge.", sources)
    assert "Vantor" in untraced("The council of Vantor approved 40 million dollars for the bridge.", sources)
    assert untraced("Approved.", []) is not None


def storyline(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    """The real `storyline` command, in a subprocess with exactly this environment."""
    exe = Path(sys.executable).with_name("storyline")
    result = subprocess.run([str(exe), *args], capture_output=True, text=True, env={**env, "NO_COLOR": "1"},
                            timeout=120)
    assert result.returncode == 0, result.stderr
    return result


def test_cli_uses_the_writer_only_when_configured(db, story, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("STORYLINE_LLM")}
    with fake_model() as server:
        plain = tmp_path / "plain.md"
        storyline("report", "--db", str(db), "--story", str(story), "-o", str(plain), env=env)
        assert server.requests == [] and "summary: centroid" in plain.read_text()
        written = tmp_path / "written.md"
        storyline("report", "--db", str(db), "--story", str(story), "-o", str(written),
                  env={**env, "STORYLINE_LLM_URL": server.url, "STORYLINE_LLM_MODEL": "test-model"})
        assert len(server.requests) == 1
        text = written.read_text()
        assert "summary: writer:test-model" in text and "left out" in text
        storyline("report", "--db", str(db), "--story", str(story), "--no-llm", "-o", str(plain),
                  env={**env, "STORYLINE_LLM_URL": server.url})
        result = storyline("summary", "--db", str(db), "--story", str(story), "--llm-url", server.url,
                           "--llm-model", "cli-model", env=env)
        assert len(server.requests) == 2 and server.requests[1]["body"]["model"] == "cli-model"
        assert "left out:" in result.stderr
