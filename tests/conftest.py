"""Shared fixtures: real SQLite files in temporary folders, small corpora written on the fly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
DATA = SHARED / "data"
DEMO = ROOT / "examples" / "demo"


def needs(path: Path):
    """Skip with a clear message where ../shared (seeds or evaluation data) is absent."""
    return pytest.mark.skipif(not path.exists(), reason=f"{path} is absent (it comes with ../shared in CI)")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "kb.db"


@pytest.fixture
def corpus(tmp_path: Path):
    """A function writing files into a fresh folder: corpus({"a.txt": "text", "b.bin": b"..."})."""
    root = tmp_path / "corpus"
    root.mkdir()

    def write(files: dict[str, str | bytes]) -> Path:
        for name, content in files.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return root

    return write


def load_bench(name: str):
    """A quality harness from bench/ as a module (bench/ is not a package; tests call its evaluate())."""
    import importlib.util

    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


def storyline(*args: str, check: bool = True, **kwargs) -> subprocess.CompletedProcess:
    """Run the real `storyline` command in a subprocess."""
    exe = Path(sys.executable).with_name("storyline")
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    result = subprocess.run([str(exe), *args], capture_output=True, text=True, env=env, **kwargs)
    if check and result.returncode != 0:
        raise AssertionError(f"storyline {' '.join(args)} exited {result.returncode}:\n{result.stdout}\n{result.stderr}")
    return result


@pytest.fixture(scope="session")
def demo_kb_path(tmp_path_factory) -> Path:
    """The demo corpus plus one hostile article, built once for every test that only reads it."""
    from webserver import build_kb

    return build_kb(tmp_path_factory.mktemp("demo-kb"), DEMO)
