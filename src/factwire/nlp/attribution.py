"""Shared pieces of attribution finding: the ``Attribution`` record and the lexicons.

An ``Attribution`` is what ``factwire_quotes`` finds before it becomes a ``Quote``: token
spans for the source and the cue, character ranges for the content (several when a quote is
split around its cue), and the kind. The lexicons are plain files in ``factwire/data``.

>>> speech_verbs()["say"].frame
'clause'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

# dependents that end a noun phrase used as a source: "Trump, who has sought ..., said"
_NP_BREAKS = {"relcl", "acl", "appos", "punct", "advcl", "parataxis", "cc", "conj", "prep"}
_NP_KEEP_PREP = {"of"}


@dataclass(frozen=True)
class SpeechVerb:
    """A cue verb: which content it takes (``clause`` or ``object``) and what kind it is."""

    lemma: str
    frame: str
    kind: str


@dataclass
class Attribution:
    """One attribution relation found in a Doc (token spans; content as character ranges)."""

    kind: str  # direct | indirect | according_to
    cue: Span | None
    source: Span | None
    content: list[tuple[int, int]] = field(default_factory=list)
    sentence: Span | None = None
    speaker_head: Token | None = None  # the token whose entity is the speaker
    clause: tuple[int, int] | None = None  # the reported clause a partial quote sits in

    @property
    def content_start(self) -> int | None:
        return self.content[0][0] if self.content else None

    @property
    def content_end(self) -> int | None:
        return self.content[-1][1] if self.content else None

    def extent(self) -> tuple[int, int]:
        """Characters from the first to the last of source, cue, content and clause."""
        points: list[int] = []
        for span in (self.source, self.cue):
            if span is not None:
                points += [span.start_char, span.end_char]
        for start, end in self.content + ([self.clause] if self.clause else []):
            points += [start, end]
        return min(points), max(points)


def _data_lines(name: str) -> list[str]:
    text = resources.files("factwire.data").joinpath(name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


@lru_cache(maxsize=1)
def speech_verbs() -> dict[str, SpeechVerb]:
    """Lemma -> ``SpeechVerb`` from ``data/speech_verbs.tsv``."""
    verbs = {}
    for line in _data_lines("speech_verbs.tsv"):
        lemma, frame, kind = line.split("\t")
        verbs[lemma] = SpeechVerb(lemma, frame, kind)
    return verbs


@cache
def word_list(name: str) -> frozenset[str]:
    """The entries of a one-per-line data file, lower-cased."""
    return frozenset(line.lower() for line in _data_lines(name))


def noun_phrase(head: Token) -> Span:
    """The noun phrase a head token stands for, without relative clauses or appositions.

    ``President Donald Trump, who has sought to mediate, said`` -> ``President Donald Trump``.
    """
    doc = head.doc
    kept = {head.i}
    for child in head.children:
        if child.dep_ in _NP_BREAKS and not _kept_prep(child):
            continue
        kept.update(token.i for token in child.subtree)
    start = end = head.i
    while start - 1 in kept:
        start -= 1
    while end + 1 in kept:
        end += 1
    span = doc[start:end + 1]
    while len(span) > 1 and (span[-1].is_punct or span[-1].is_space):
        span = span[:-1]
    return span


def _kept_prep(child: Token) -> bool:
    return child.dep_ == "prep" and child.lower_ in _NP_KEEP_PREP and child.i > child.head.i


def token_range(tokens: list[Token]) -> tuple[int, int] | None:
    """The character range of a contiguous run of tokens, trimmed of edge punctuation."""
    tokens = [t for t in tokens if not t.is_space]
    while tokens and _edge_punct(tokens[0]):
        tokens = tokens[1:]
    while tokens and _edge_punct(tokens[-1]):
        tokens = tokens[:-1]
    if not tokens:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _edge_punct(token: Token) -> bool:
    return token.is_punct and token.text not in {"“", "”", '"', "’", "‘", ")", "("} or (
        token.is_space)


def subtree_ranges(head: Token, without: set[int] | None = None) -> list[tuple[int, int]]:
    """Character ranges of ``head``'s subtree, skipping token indices in ``without``."""
    without = without or set()
    runs: list[list[Token]] = [[]]
    for token in head.subtree:
        if token.i in without:
            runs.append([])
        else:
            runs[-1].append(token)
    ranges = [token_range(run) for run in runs if run]
    return [r for r in ranges if r is not None]


def sentence_of(doc: Doc, char: int) -> Span | None:
    """The sentence containing a character offset."""
    for sent in doc.sents:
        if sent.start_char <= char < sent.end_char:
            return sent
    return None
