"""Interrupting a build (kill -9, Ctrl-C, kill) loses nothing committed; a rerun finishes the job."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import storyline

N_ARTICLES = 3000
PARAGRAPH = ("The harbour board of Port Elmsby met on {day} to discuss the crane contract, number {i}, "
             "and its cost of $4 million. Officials at Elmsby Holdings said the work would continue next year "
             "despite the delays reported last week. ")


@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("big")
    for i in range(N_ARTICLES):
        folder = root / f"2024-01-{i % 28 + 1:02d}"
        folder.mkdir(exist_ok=True)
        (folder / f"{i}.txt").write_text(PARAGRAPH.format(day="Monday", i=i))
    return root


def _count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # schema not there yet
        return 0


def _start(big_corpus: Path, db: Path) -> subprocess.Popen:
    exe = Path(sys.executable).with_name("storyline")
    return subprocess.Popen([str(exe), "build", str(big_corpus), "--db", str(db), "--workers", "2", "--quiet"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=_default_sigint)


def _default_sigint() -> None:
    """A child inherits an ignored SIGINT (as under a CI runner) and Python keeps ignoring it;
    an interactive user's Ctrl-C is what this test is about, so the child gets the default."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _wait_for_first_commit(proc: subprocess.Popen, db: Path) -> None:
    deadline = time.monotonic() + 60
    while _count(db) == 0:
        assert proc.poll() is None, "the build ended before it could be interrupted"
        assert time.monotonic() < deadline, "no commit within a minute"
        time.sleep(0.02)


def _check_finished(big_corpus: Path, db: Path) -> None:
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*), count(DISTINCT locator) FROM articles").fetchone() == (N_ARTICLES, N_ARTICLES)
        fts = conn.execute("SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH 'crane'").fetchone()[0]
        assert fts == conn.execute("SELECT count(*) FROM sentences WHERE text LIKE '%crane%'").fetchone()[0]
        statuses = [r[0] for r in conn.execute("SELECT status FROM runs ORDER BY id")]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        # every article was annotated once: its mentions point to stored entities, none twice
        assert conn.execute("SELECT count(DISTINCT article_id) FROM mentions").fetchone()[0] == N_ARTICLES
        assert conn.execute("SELECT count(*) FROM mentions m LEFT JOIN entities e ON e.id = m.entity_id "
                            "WHERE e.id IS NULL").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM time_expressions").fetchone()[0] >= 2 * N_ARTICLES
        # and linked once: one main event each, events and stories stored, states saved
        assert conn.execute("SELECT count(*), count(DISTINCT article_id) FROM article_events "
                            "WHERE role = 'main'").fetchone() == (N_ARTICLES, N_ARTICLES)
        assert conn.execute("SELECT count(*) FROM article_events ae LEFT JOIN events e ON e.id = ae.event_id "
                            "WHERE e.id IS NULL").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM link_state").fetchone()[0] == 3
    assert statuses[0] == "interrupted" and statuses[-1] == "finished"


@pytest.mark.parametrize("how", ["SIGKILL", "SIGINT", "SIGTERM"])
def test_interrupted_build_resumes_without_loss_or_duplicates(big_corpus, tmp_path, how):
    # The signal must land while the build still has work to do; on a loaded machine it can
    # land late, so a run that finished first is tried again on a fresh file.
    for attempt in range(3):
        db = tmp_path / f"kb{attempt}.db"
        proc = _start(big_corpus, db)
        _wait_for_first_commit(proc, db)
        proc.send_signal(getattr(signal, how))
        out, err = proc.communicate(timeout=120)
        committed = _count(db)
        if committed < N_ARTICLES:
            break
    assert 0 < committed < N_ARTICLES, f"the interruption came too late three times:\n{out}\n{err}"
    if how == "SIGKILL":
        assert proc.returncode == -signal.SIGKILL
    else:  # a graceful stop: what was read is committed, and the user is told what to do
        assert proc.returncode == 130
        assert "run the same command again" in err

    result = storyline("build", str(big_corpus), "--db", str(db), "--workers", "2", "--quiet")
    assert f"{N_ARTICLES - committed} new" in result.stdout
    assert f"{committed} unchanged" in result.stdout
    _check_finished(big_corpus, db)
