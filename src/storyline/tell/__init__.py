"""Telling: what the knowledge base answers (timelines now; summaries and reports later)."""
