"""Telling: what the knowledge base answers: timelines, summaries, conflicts and reports."""
