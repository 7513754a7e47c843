"""Shared fixtures: the spaCy pipeline (loaded once) and the ../shared data when present."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test saying why."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: this test needs the project's ../shared data")
    return path


@pytest.fixture(scope="session")
def nlp():
    from factwire.nlp import load

    return load()
