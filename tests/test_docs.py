"""The documentation tells the truth: set-up commands, CI, commands, and the export contract."""

from __future__ import annotations

import json

from typer.main import get_command

from conftest import ROOT
from storyline.cli import app
from storyline.export import SCHEMA_PATH


def test_readme_gives_the_two_setup_commands_and_ci_runs_the_tests():
    readme = (ROOT / "README.md").read_text()
    assert "make demo" in readme and "make test" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_every_command_is_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    for name in get_command(app).commands:
        assert f"storyline {name}" in readme, name


def test_every_export_key_is_documented():
    schema = json.loads(SCHEMA_PATH.read_text())
    doc = (ROOT / "docs" / "export.md").read_text()
    for key in schema["properties"]:
        assert f"`{key}`" in doc, key
    for key in schema["properties"]["articles"]["items"]["properties"]:
        assert f"`{key}`" in doc, key
