"""Score `factwire extract` on the seed against ../shared/golden/seed.expected.json.

    python benchmarks/golden_seed.py [-v]

Prints passed/total for required, forbidden and stretch items, and each failing item with -v.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO))

from tests.golden import check, tally  # noqa: E402


def main() -> int:
    golden = SHARED / "golden" / "seed.expected.json"
    if not golden.exists():
        print(f"{golden} is absent: this benchmark needs ../shared", file=sys.stderr)
        return 2
    import factwire

    expected = json.loads(golden.read_text())
    seed = SHARED / expected["input"]
    facts = factwire.extract(seed.read_text(encoding="utf-8"), published=expected["published"])
    results = check(facts.to_dict(), expected)
    for level, (passed, total) in tally(results).items():
        print(f"{level:9} {passed}/{total}")
    if "-v" in sys.argv:
        for result in results:
            if not result.passed:
                print("FAIL", result.label())
    return 0


if __name__ == "__main__":
    sys.exit(main())
