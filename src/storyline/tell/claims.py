"""Claims and their comparisons, told for readers: each with its subject, value and citations.

The build compares claims as articles arrive (`storyline.claims.link`); this module only
reads what it stored, in the shape the export, the HTTP API and the CLI share.
"""

from __future__ import annotations

from typing import Any

from ..claims.link import outlet
from ..store import Store

VERDICTS = ("conflict", "agree", "more_precise")


def claim_json(row) -> dict[str, Any]:
    subject = row["subject_id"] or row["subject_text"] or ""
    return {
        "id": f"c{row['id']}",
        "subject": subject,
        "subject_name": row["subject_name"] or (None if subject.startswith("event/") else subject) or None,
        "event": f"e{row['event_id']}" if row["event_id"] is not None else None,
        "attribute": row["attribute"],
        "value": row["text"],
        "normalized": {"kind": row["kind"], "value": row["number"] if row["number"] is not None else row["value"],
                       "unit": row["unit"], "qualifier": row["qualifier"], "low": row["low"], "high": row["high"]},
        "modality": row["modality"],
        "speaker": row["speaker"],
        "evidence": {"article": row["article_id"], "sentence": row["sentence"], "text": row["sentence_text"] or "",
                     "start": row["start"], "end": row["end"]},
    }


def claims(store: Store, *, article_id: str | None = None, limit: int | None = None,
           offset: int = 0) -> list[dict[str, Any]]:
    return [claim_json(r) for r in store.claims(article_id=article_id, limit=limit, offset=offset)]


def _about(a) -> str:
    if a["subject_id"] and a["subject_id"].startswith("event/"):
        event, _, entity = a["subject_id"].split("/", 1)[1].partition("|")
        of = f" of {a['subject_text']}" if entity and a["subject_text"] else ""
        return f"{a['attribute']}{of} (event {event})"
    return f"{a['attribute']} of {a['subject_name'] or a['subject_text'] or a['subject_id']}"


def comparisons(store: Store, *, verdicts: tuple[str, ...] = VERDICTS, story_id: int | None = None,
                limit: int | None = None) -> list[dict[str, Any]]:
    """Stored comparisons, the weightiest first, each citing the two sentences it rests on."""
    rows = store.comparisons(verdicts=verdicts, story_id=story_id, limit=limit)
    found = store.claims_by_ids(sorted({r["claim_a"] for r in rows} | {r["claim_b"] for r in rows}))
    out = []
    for r in rows:
        a, b = found.get(r["claim_a"]), found.get(r["claim_b"])
        if a is None or b is None:
            continue
        out.append({
            "id": f"k{r['id']}",
            "about": _about(a),
            "claims": [f"c{a['id']}", f"c{b['id']}"],
            "verdict": r["verdict"],
            "explanation": r["explanation"],
            "weight": round(r["weight"], 3),
            "citations": [{"claim": f"c{c['id']}", "article": c["article_id"], "sentence": c["sentence"],
                           "text": c["sentence_text"] or "", "value": c["text"],
                           "source": c["source"] if c["source"] != c["article_id"] else None,
                           "outlet": outlet(c),
                           "published": c["published"], "modality": c["modality"], "speaker": c["speaker"]}
                          for c in (a, b)],
        })
    return out
