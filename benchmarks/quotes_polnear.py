"""Score factwire's attributions on PolNeAR dev (../shared/eval/polnear-dev).

    python benchmarks/quotes_polnear.py [--limit N] [--no-textacy] [-v/--errors]

For the source, cue and content of each attribution relation: precision, recall and F1,
with exact match (same word tokens) and partial match (any shared word token). Predicted
and gold relations are paired one to one first (greedily, by token overlap of content, cue
and source), then each role of each pair is scored. As the corpus README says, a content is
compared from its first to its last character, minus the relation's own source and cue
tokens, and an article with two annotators is scored against the first in sorted order.
Tokens are words (letters and digits): punctuation does not count. A partial quote inside
reported speech is scored by the clause it sits in (factwire keeps both).

textacy's ``direct_quotations`` is scored beside factwire when textacy is installed.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "eval" / "polnear-dev"
ROLES = ("source", "cue", "content")
_WORD = re.compile(r"\w+")

Ranges = list[tuple[int, int]]
TEXTACY_BAILED: list[str] = []  # articles textacy refused (it counts as finding nothing)


@dataclass
class Relation:
    """One attribution: character ranges per role (empty when absent)."""

    source: Ranges = field(default_factory=list)
    cue: Ranges = field(default_factory=list)
    content: Ranges = field(default_factory=list)


def read_gold(ann: Path) -> list[Relation]:
    """The relations of one brat .ann file."""
    spans: dict[str, tuple[str, Ranges]] = {}
    links = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, offsets = parts[1].partition(" ")
            ranges = [tuple(int(x) for x in piece.split()) for piece in offsets.split(";")]
            spans[parts[0]] = (label, ranges)
        elif line.startswith("E") and len(parts) >= 2:
            links.append(dict(arg.split(":") for arg in parts[1].split()))
    relations = []
    for link in links:
        relation = Relation()
        for role in ROLES:
            key = role.capitalize()
            if key in link and link[key] in spans:
                setattr(relation, role, list(spans[link[key]][1]))
        relations.append(relation)
    return relations


def word_tokens(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _WORD.finditer(text)]


def token_set(tokens: list[tuple[int, int]], ranges: Ranges) -> frozenset[int]:
    return frozenset(i for i, (s, e) in enumerate(tokens)
                     if any(s < re_ and e > rs for rs, re_ in ranges))


def role_sets(tokens, relation: Relation) -> dict[str, frozenset[int]]:
    """Token sets per role; content spans first to last, minus the own source and cue."""
    sets = {role: token_set(tokens, getattr(relation, role)) for role in ("source", "cue")}
    content = relation.content
    whole = [(min(s for s, _ in content), max(e for _, e in content))] if content else []
    sets["content"] = token_set(tokens, whole) - sets["source"] - sets["cue"]
    return sets


def _jaccard(a: frozenset, b: frozenset) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def pair(predicted: list[dict], gold: list[dict]) -> list[tuple[int, int]]:
    """Greedy one-to-one pairing by overlap (content and cue weigh more than source)."""
    scores = []
    for i, p in enumerate(predicted):
        for j, g in enumerate(gold):
            score = (_jaccard(p["content"], g["content"]) + _jaccard(p["cue"], g["cue"])
                     + 0.5 * _jaccard(p["source"], g["source"]))
            if score > 0:
                scores.append((score, i, j))
    used_p, used_g, pairs = set(), set(), []
    for _, i, j in sorted(scores, reverse=True):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return pairs


class Tally:
    """Counts per role for exact and partial matching."""

    def __init__(self) -> None:
        self.counts: dict[str, int] = defaultdict(int)

    def add(self, predicted: list[dict], gold: list[dict]) -> None:
        for role in ROLES:
            self.counts[f"{role}/pred"] += sum(1 for p in predicted if p[role])
            self.counts[f"{role}/gold"] += sum(1 for g in gold if g[role])
        for i, j in pair(predicted, gold):
            for role in ROLES:
                p, g = predicted[i][role], gold[j][role]
                if p and g and p & g:
                    self.counts[f"{role}/partial"] += 1
                    self.counts[f"{role}/exact"] += int(p == g)

    def scores(self, role: str, match: str) -> tuple[float, float, float]:
        tp = self.counts[f"{role}/{match}"]
        pred, gold = self.counts[f"{role}/pred"], self.counts[f"{role}/gold"]
        precision = tp / pred if pred else 0.0
        recall = tp / gold if gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1


def factwire_relations(doc) -> list[Relation]:
    """factwire's attributions of a parsed Doc as benchmark relations."""
    from factwire.nlp.quotes import find_attributions

    relations = []
    for a in find_attributions(doc):
        relations.append(Relation(
            source=[(a.source.start_char, a.source.end_char)] if a.source is not None else [],
            cue=[(a.cue.start_char, a.cue.end_char)] if a.cue is not None else [],
            content=[a.clause] if a.clause else list(a.content)))
    return relations


def textacy_relations(doc) -> list[Relation]:
    """textacy's direct_quotations of the same Doc as benchmark relations."""
    from textacy.extract.triples import direct_quotations

    try:
        triples = list(direct_quotations(doc))
    except ValueError as error:  # textacy bails out on unbalanced quotation marks
        if "quotation" not in str(error):
            raise
        TEXTACY_BAILED.append(str(error)[:60])
        triples = []
    relations = []
    for speaker, cue, content in triples:
        relations.append(Relation(
            source=[(t.idx, t.idx + len(t.text)) for t in speaker],
            cue=[(t.idx, t.idx + len(t.text)) for t in cue],
            content=[(content.start_char, content.end_char)]))
    return relations


def articles(limit: int | None) -> list[tuple[str, Path]]:
    """(text, first annotator's .ann) per article."""
    found = []
    for text_path in sorted((CORPUS / "text").glob("*.txt"))[:limit]:
        anns = sorted((CORPUS / "attributions").glob(f"{text_path.stem}_*.ann"))
        if anns:
            found.append((text_path.read_text(encoding="utf-8"), anns[0]))
    return found


def _has_textacy() -> bool:
    try:
        import textacy  # noqa: F401
    except ImportError:
        return False
    return True


def _words(text: str, tokens, ids: frozenset[int], limit: int = 12) -> str:
    words = [text[tokens[i][0]:tokens[i][1]] for i in sorted(ids)]
    return " ".join(words[:limit]) + (" ..." if len(words) > limit else "")


def list_errors(name: str, text: str, tokens, predicted: list[dict], gold: list[dict]) -> None:
    """Print the gold relations factwire misses (no partial cue match) and its spurious ones,
    one per line: ``MISS``/``FALSE`` <TAB> cue <TAB> source <TAB> content."""
    pairs = pair(predicted, gold)
    cue_hit_g = {j for i, j in pairs if predicted[i]["cue"] & gold[j]["cue"]}
    cue_hit_p = {i for i, j in pairs if predicted[i]["cue"] & gold[j]["cue"]}
    for tag, relations, hit in (("MISS", gold, cue_hit_g), ("FALSE", predicted, cue_hit_p)):
        for k, r in enumerate(relations):
            if k not in hit and r["cue"]:
                print(f"{tag}\t{_words(text, tokens, r['cue'])}\t"
                      f"{_words(text, tokens, r['source'])}\t"
                      f"{_words(text, tokens, r['content'])}")


def run(limit: int | None, with_textacy: bool,
        errors: bool = False) -> dict[str, Tally]:
    import spacy

    from factwire.nlp import MODEL

    # the parse is all attribution finding reads (speakers are not scored), so the other
    # factwire components are left out
    nlp = spacy.load(MODEL, exclude=["senter"])
    systems = {"factwire": factwire_relations}
    if with_textacy:
        systems["textacy"] = textacy_relations
    tallies = {name: Tally() for name in systems}
    for text, ann in articles(limit):
        doc = nlp(text)
        tokens = word_tokens(text)
        gold = [role_sets(tokens, r) for r in read_gold(ann)]
        for name, find in systems.items():
            predicted = [role_sets(tokens, r) for r in find(doc)]
            tallies[name].add(predicted, gold)
            if errors and name == "factwire":
                list_errors(name, text, tokens, predicted, gold)
    return tallies


def report(tallies: dict[str, Tally]) -> None:
    print(f"{'system':9} {'role':8} {'match':8} {'P':>6} {'R':>6} {'F1':>6}")
    for name, tally in tallies.items():
        for role in ROLES:
            for match in ("exact", "partial"):
                p, r, f = tally.scores(role, match)
                print(f"{name:9} {role:8} {match:8} {p:6.3f} {r:6.3f} {f:6.3f}")
        counts = tally.counts
        print(f"{name:9} relations predicted {counts['cue/pred']} (with cue), "
              f"gold {counts['cue/gold']} (with cue)")
    if "textacy" in tallies:
        print(f"textacy bailed out (unbalanced quotation marks) on {len(TEXTACY_BAILED)} "
              "articles, scored as finding nothing there")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="score the first N articles")
    parser.add_argument("--no-textacy", action="store_true", help="skip textacy")
    parser.add_argument("-v", "--errors", action="store_true",
                        help="list missed gold relations (MISS) and spurious ones (FALSE)")
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"{CORPUS} is absent: this benchmark needs the project's ../shared data",
              file=sys.stderr)
        return 2
    with_textacy = not args.no_textacy and _has_textacy()
    if not args.no_textacy and not with_textacy:
        print("textacy is not installed: scoring factwire only", file=sys.stderr)
    report(run(args.limit, with_textacy, args.errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
