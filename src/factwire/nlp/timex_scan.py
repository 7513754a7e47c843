"""One pass over a text for many regex rules: each rule is tried only where it can start.

Running 70 rules with ``finditer`` over a whole article tries each at every character. A
``Scanner`` instead reads, once per rule, the first few characters any of its matches can
begin with (``prefixes``, derived from the pattern's parse tree, so it never misses a
match), finds in one pass the positions where some rule can start, and there calls
``rule.match(text, pos)``. Which rules can start at a position depends only on the next
``DEPTH`` characters, so that answer is cached per string of characters.

The matches are exactly ``finditer``'s, rule by rule (non-overlapping, left to right).

>>> scanner = Scanner([re.compile(r"noon", re.I), re.compile(r"\\d+ days", re.I)])
>>> [(i, m.group()) for i, m in scanner.matches("At noon, 3 days on.", lambda i: True)]
[(0, 'noon'), (1, '3 days')]
"""

from __future__ import annotations

import re
import re._constants as sre
import re._parser as sre_parse
from collections.abc import Iterator

# how many characters a rule's start is read on (deeper tells rules apart better but takes
# longer to build: 0.2 s at 5, 0.45 s at 6, for 2.4 and 2.0 ms per 1000 words)
DEPTH = 5
_CACHE_LIMIT = 50_000

_CATEGORIES = {sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_NOT_DIGIT: r"\D",
               sre.CATEGORY_SPACE: r"\s", sre.CATEGORY_NOT_SPACE: r"\S",
               sre.CATEGORY_WORD: r"\w", sre.CATEGORY_NOT_WORD: r"\W"}
_ONE_CHAR = (sre.LITERAL, sre.NOT_LITERAL, sre.ANY, sre.IN)
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)

# a prefix: the atoms (one regex character class each) and whether the pattern may go on
Prefix = tuple[tuple[str, ...], bool]


def _atom(op, av) -> str:
    """The regex text of one character: a literal, a negated literal, "." or a class."""
    if op is sre.LITERAL:
        return re.escape(chr(av))
    if op is sre.NOT_LITERAL:
        return f"[^{re.escape(chr(av))}]"
    if op is sre.ANY:
        return "."
    parts = []
    for item_op, item in av:
        if item_op is sre.NEGATE:
            parts.insert(0, "^")
        elif item_op is sre.LITERAL:
            parts.append(re.escape(chr(item)))
        elif item_op is sre.RANGE:
            parts.append(f"{re.escape(chr(item[0]))}-{re.escape(chr(item[1]))}")
        elif item_op is sre.CATEGORY:
            parts.append(_CATEGORIES[item])
        else:
            raise ValueError(f"character class item {item_op} is not supported by timex_scan")
    return f"[{''.join(parts)}]"


def _then(prefixes: set[Prefix], produce, depth: int) -> set[Prefix]:
    """Each open prefix followed by what ``produce(room)`` says can come next, cut at
    ``depth`` characters."""
    out: set[Prefix] = set()
    following: dict[int, set[Prefix]] = {}
    for atoms, open_ in prefixes:
        room = depth - len(atoms)
        if not open_ or room <= 0:
            out.add((atoms, False))
            continue
        if room not in following:
            following[room] = produce(room)
        out.update((atoms + more, still) for more, still in following[room])
    return out


def _sequence(items, depth: int) -> set[Prefix]:
    """The prefixes (at most ``depth`` characters) of a sequence of parsed regex items."""
    prefixes: set[Prefix] = {((), True)}
    for item in items:
        prefixes = _then(prefixes, lambda room, item=item: _item(item, room), depth)
    return prefixes


def _item(item, depth: int) -> set[Prefix]:
    """The prefixes of one parsed regex item."""
    op, av = item
    if op in _ONE_CHAR:
        return {((_atom(op, av),), True)}
    if op in _ZERO_WIDTH:
        return {((), True)}  # an assertion narrows matches: leaving it out keeps them all
    if op is sre.SUBPATTERN:
        if av[1] or av[2]:
            raise ValueError("inline flags inside a rule are not supported by timex_scan")
        return _sequence(list(av[3]), depth)
    if op is sre.ATOMIC_GROUP:
        return _sequence(list(av), depth)
    if op is sre.BRANCH:
        return set().union(*(_sequence(list(branch), depth) for branch in av[1]))
    if op in _REPEATS:
        return _repeat(av, depth)
    if op in (sre.GROUPREF, sre.GROUPREF_EXISTS):
        return {((), False)}  # what a back reference repeats is unknown here: stop
    raise ValueError(f"regex item {op} is not supported by timex_scan")


def _repeat(av, depth: int) -> set[Prefix]:
    """The prefixes of ``body{low,high}``: beyond ``low + depth`` repetitions none is new."""
    low, high, body = av
    current: set[Prefix] = {((), True)}
    out: set[Prefix] = set()
    for count in range(min(high, low + depth) + 1):
        if count >= low:
            out |= current
        current = _then(current, lambda room: _sequence(list(body), room), depth)
    return out


def prefixes(pattern: str, flags: int, depth: int = DEPTH) -> set[tuple[str, ...]]:
    """Every way (as regex character classes) a match of ``pattern`` can begin, cut at
    ``depth`` characters; a shorter one is a whole match or ends where the start cannot be
    read further (a back reference).

    >>> sorted(prefixes(r"(?:last|next)\\s+week", 0, 4))
    [('l', 'a', 's', 't'), ('n', 'e', 'x', 't')]
    """
    found = _sequence(list(sre_parse.parse(pattern, flags)), depth)
    if any(not atoms for atoms, _ in found):
        raise ValueError(f"{pattern[:40]!r}... can match at any position: give it a start")
    return {atoms for atoms, _ in found}


def trie_pattern(starts: set[tuple[str, ...]]) -> str:
    """One regex for many prefixes, sharing their common beginnings: "(?:la(?:st|te))"."""
    trie: dict = {}
    for atoms in sorted(starts):
        node = trie
        for atom in atoms:
            node = node.setdefault(atom, {})
        node[""] = {}  # a prefix ends here: longer ones add nothing
    return _render(trie)


def _render(node: dict) -> str:
    if "" in node:
        return ""
    branches = [atom + _render(child) for atom, child in node.items()]
    return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"


class Scanner:
    """Runs many compiled regexes, which share their flags, over a text in one pass (see
    the module docstring). ``guard`` is a zero-width assertion every regex starts with
    (a lookbehind): positions failing it are skipped."""

    def __init__(self, regexes: list[re.Pattern], guard: str = "", depth: int = DEPTH) -> None:
        flags = regexes[0].flags if regexes else 0
        if any(r.flags != flags for r in regexes):
            raise ValueError("a Scanner's regexes must share their flags")
        self.regexes = regexes
        self.depth = depth
        starts = [prefixes(r.pattern, flags, depth) for r in regexes]
        self.starts = [re.compile(trie_pattern(s), flags) for s in starts]
        self.anchor = re.compile(f"{guard}(?={trie_pattern(set().union(*starts))})", flags)
        self._cache: dict[str, tuple[int, ...]] = {}

    def rules_at(self, key: str) -> tuple[int, ...]:
        """The rules that can start with the characters ``key`` (``depth`` of them)."""
        rules = self._cache.get(key)
        if rules is None:
            if len(self._cache) >= _CACHE_LIMIT:
                self._cache.clear()
            rules = tuple(i for i, start in enumerate(self.starts) if start.match(key))
            self._cache[key] = rules
        return rules

    def matches(self, text: str, keep) -> Iterator[tuple[int, re.Match]]:
        """(rule index, match) for every match of every rule, as ``regexes[i].finditer(text)``
        finds them, in text order; ``keep(i)`` is asked at a rule's first match, and False
        drops all of that rule's matches (a quick test of the whole text that the rule
        needs, asked only of rules that match)."""
        ends = [0] * len(self.regexes)
        kept: dict[int, bool] = {}
        depth, regexes, never = self.depth, self.regexes, len(text) + 1
        for anchor in self.anchor.finditer(text):
            pos = anchor.start()
            for i in self.rules_at(text[pos:pos + depth]):
                if pos < ends[i]:
                    continue
                found = regexes[i].match(text, pos)
                if found is None:
                    continue
                if i not in kept:
                    kept[i] = keep(i)
                if kept[i]:
                    ends[i] = found.end() if found.end() > pos else pos + 1
                    yield i, found
                else:
                    ends[i] = never
