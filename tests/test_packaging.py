"""The package ships every file it reads: a wheel holds only .py files and package-data."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "factwire"


def _patterns() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return config["tool"]["setuptools"]["package-data"]["factwire"]


def _glob_regex(pattern: str) -> re.Pattern:
    """setuptools' globs: "*" stays inside one folder, "**/" crosses any number of them."""
    parts = re.split(r"(\*\*/|\*)", pattern)
    regex = "".join({"**/": "(?:[^/]+/)*", "*": "[^/]*"}.get(part, re.escape(part))
                    for part in parts)
    return re.compile(regex + r"\Z")


def _shipped(relative: PurePosixPath, patterns: list[str]) -> bool:
    return any(_glob_regex(pattern).match(str(relative)) for pattern in patterns)


def test_every_data_file_of_the_package_is_declared_as_package_data():
    patterns = _patterns()
    data_files = [PurePosixPath(path.relative_to(PACKAGE).as_posix())
                  for path in PACKAGE.rglob("*")
                  if path.is_file() and path.suffix not in (".py", ".pyc")
                  and "__pycache__" not in path.parts]
    assert data_files, "no data files found: is the layout still src/factwire?"
    missing = [str(path) for path in data_files if not _shipped(path, patterns)]
    assert missing == []


def test_web_templates_and_static_files_are_shipped():
    patterns = _patterns()
    for name in ("web/templates/base.html", "web/static/style.css",
                 "store/migrations/script.py.mako", "data/units.tsv"):
        assert _shipped(PurePosixPath(name), patterns), name
