"""The seed article against ../shared/golden/seed.expected.json, item by item."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import SHARED, shared_path
from tests.golden import check, tally

GOLDEN = SHARED / "golden" / "seed.expected.json"
SEED = SHARED / "seed" / "000_8d858b2339348b19.txt"


def _items(level: str) -> list:
    if not GOLDEN.exists():
        return []
    expected = json.loads(GOLDEN.read_text())
    return [(section, item) for section in expected if isinstance(expected[section], dict)
            for item in expected[section].get(level, [])]


@pytest.fixture(scope="module")
def seed_output() -> dict:
    """The JSON printed by the documented command, run as a user would run it."""
    shared_path("golden", "seed.expected.json")
    out = subprocess.run(
        [sys.executable, "-m", "factwire", "extract", str(SEED), "--published", "2025-04-02",
         "--format", "json"], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


@pytest.fixture(scope="module")
def results(seed_output):
    return check(seed_output, json.loads(GOLDEN.read_text()))


def _result_for(results, section, item, level):
    return next(r for r in results if r.section == section and r.item == item
                and r.level == level)


@pytest.mark.parametrize("section,item", _items("required"), ids=lambda x: str(x)[:60])
def test_required_item_is_found(results, section, item):
    assert _result_for(results, section, item, "required").passed, item


@pytest.mark.parametrize("section,item", _items("forbidden"), ids=lambda x: str(x)[:60])
def test_forbidden_item_is_absent(results, section, item):
    assert _result_for(results, section, item, "forbidden").passed, item


def test_golden_tally_is_printed(results, capsys):
    counts = tally(results)
    with capsys.disabled():
        print("\nseed golden: " + ", ".join(f"{level} {p}/{n}" for level, (p, n) in
                                            counts.items()))
    assert counts["required"][0] == counts["required"][1]


def test_seed_output_offsets_index_the_original_file(seed_output):
    text = seed_output["article"]["text"]
    assert text == SEED.read_text(encoding="utf-8")
    for section in ("times", "quantities"):
        for fact in seed_output[section]:
            assert text[fact["start"]:fact["end"]] == fact["text"]
    for entity in seed_output["entities"]:
        for mention in entity["mentions"]:
            assert text[mention["start"]:mention["end"]] == mention["text"]
