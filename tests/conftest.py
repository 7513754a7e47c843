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


@pytest.fixture(scope="session")
def times_nlp():
    """The spaCy model with only factwire_times after it (fast, no other components)."""
    import spacy

    from factwire.nlp import MODEL
    from factwire.nlp import times as _times  # noqa: F401  (registers the factory)

    times_only = spacy.load(MODEL, exclude=["senter"])
    times_only.add_pipe("factwire_times")
    return times_only
