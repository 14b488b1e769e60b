"""Linking across articles, incremental: adding one article touches only what it links to."""
