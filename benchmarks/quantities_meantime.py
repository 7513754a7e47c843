"""Precision, recall and F1 of factwire's quantities against MEANTIME VALUE markables.

    python benchmarks/quantities_meantime.py [--only] [-v]

Reads ../shared/eval/meantime-en-dev/intra-doc_annotation/*/*.xml (CAT XML, 60 Wikinews
articles). The text is rebuilt from the tokens (no space before , . ; : % ) 's n't; `` and ''
become "), each article runs through the pipeline with its creation date as publication
date, and a predicted quantity matches a gold VALUE markable (MONEY, PERCENT, QUANTITY) when
their spans overlap (one-to-one). As the corpus README says, only the title and sentences up
to number 5 are annotated: both sides are scored there, the dateline (creation time) left
out. quantulum3 is scored the same way when installed. ``--only``: spaCy + quantities only.

MEANTIME annotates durations ("four years", "a 27-year contract") as TIMEX3 DURATION, not
as VALUE; factwire's contract keeps them as quantities (unit year, day...). Each system is
scored on all its predictions ("all") and with the predictions that overlap a gold TIMEX3
DURATION and no gold VALUE left out ("durations to TIMEX3"), the number to compare with the
target.
"""

from __future__ import annotations

import datetime as dt
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "eval" / "meantime-en-dev" / "intra-doc_annotation"
sys.path.insert(0, str(REPO / "benchmarks"))

from quantities_quantulum3 import load_nlp, quantulum_parser  # noqa: E402

LAST_ANNOTATED_SENTENCE = 5
NO_SPACE_BEFORE = {",", ".", ";", ":", "%", ")", "'s", "n't", "?", "!"}


class Article:
    """One CAT XML file: rebuilt text, token offsets, gold VALUE spans, scored region."""

    def __init__(self, path: Path) -> None:
        root = ET.parse(path).getroot()
        self.name = path.stem
        tokens = list(root.iter("token"))
        self.text, self.offsets = _rebuild(tokens)
        self.sentence = {t.get("t_id"): int(t.get("sentence")) for t in tokens}
        self.published, dateline = _creation_time(root, self.sentence)
        self.region = self._region(tokens, dateline)
        self.gold = [(self._span(v), v.get("type")) for v in root.iter("VALUE")]
        self.gold = [(s, t) for s, t in self.gold if self.in_region(*s)]
        self.durations = [self._span(t) for t in root.iter("TIMEX3")
                          if t.get("type") == "DURATION" and list(t.iter("token_anchor"))]

    def _span(self, markable) -> tuple[int, int]:
        ids = [a.get("t_id") for a in markable.iter("token_anchor")]
        return self.offsets[ids[0]][0], self.offsets[ids[-1]][1]

    def _region(self, tokens, dateline: set[int]) -> list[tuple[int, int]]:
        return [self.offsets[t.get("t_id")] for t in tokens
                if int(t.get("sentence")) <= LAST_ANNOTATED_SENTENCE
                and int(t.get("sentence")) not in dateline]

    def in_region(self, start: int, end: int) -> bool:
        inside = any(s <= start < e for s, e in self.region)
        return inside and not any(start < e and end > s for s, e in self._dateline_chars())

    def _dateline_chars(self) -> list[tuple[int, int]]:
        return []


def _rebuild(tokens) -> tuple[str, dict[str, tuple[int, int]]]:
    text, offsets = "", {}
    for token in tokens:
        word = token.text or ""
        word = '"' if word in ("``", "''") else word
        if text and word not in NO_SPACE_BEFORE and not text.endswith(("(", "$")):
            text += " "
        offsets[token.get("t_id")] = (len(text), len(text) + len(word))
        text += word
    return text, offsets


def _creation_time(root, sentence: dict[str, int]) -> tuple[dt.date | None, set[int]]:
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            lines = {sentence[a.get("t_id")] for a in timex.iter("token_anchor")}
            try:
                return dt.date.fromisoformat(timex.get("value", "")[:10]), lines
            except ValueError:
                return None, lines
    return None, set()


def factwire_spans(nlp, article: Article) -> list[tuple[int, int]]:
    doc = nlp.make_doc(article.text)
    doc._.published = article.published
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return [(q.start, q.end) for q in doc._.quantities if not q.derived]


def quantulum_spans(parser, article: Article) -> list[tuple[int, int]]:
    try:
        return [tuple(q.span) for q in parser.parse(article.text)]
    except Exception:  # quantulum3 fails on some texts: nothing found there
        return []


def overlap_matches(gold: list[tuple[int, int]], pred: list[tuple[int, int]]) -> int:
    free, hits = list(pred), 0
    for start, end in gold:
        hit = next((i for i, (s, e) in enumerate(free) if s < end and e > start), None)
        if hit is not None:
            hits += 1
            del free[hit]
    return hits


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(span[0] < e and span[1] > s for s, e in spans)


def evaluate(articles: list[Article], predict, verbose: bool,
             durations_to_timex: bool = False) -> tuple[int, int, int]:
    n_gold = n_pred = hits = 0
    for article in articles:
        gold = [span for span, _ in article.gold]
        pred = [s for s in predict(article) if article.in_region(*s)]
        if durations_to_timex:
            pred = [s for s in pred
                    if not _overlaps(s, article.durations) or _overlaps(s, gold)]
        matched = overlap_matches(gold, pred)
        n_gold, n_pred, hits = n_gold + len(gold), n_pred + len(pred), hits + matched
        if verbose and (matched != len(gold) or matched != len(pred)):
            gold_text = [article.text[s:e] for s, e in gold]
            pred_text = [article.text[s:e] for s, e in pred]
            print(f"  {article.name[:50]}\n     gold {gold_text}\n     pred {pred_text}")
    return n_gold, n_pred, hits


def report(label: str, n_gold: int, n_pred: int, hits: int) -> None:
    p = hits / n_pred if n_pred else 0.0
    r = hits / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    print(f"{label:40} gold {n_gold} pred {n_pred} matched {hits}  P {p:.3f} R {r:.3f} F1 {f:.3f}")


def main() -> int:
    if not DATA.exists():
        print(f"{DATA} is absent: this benchmark needs the project's ../shared data",
              file=sys.stderr)
        return 2
    verbose = "-v" in sys.argv
    articles = [Article(p) for p in sorted(DATA.glob("*/*.xml"))]
    nlp = load_nlp("--only" in sys.argv)
    systems = {"factwire": lambda a: factwire_spans(nlp, a)}
    parser = quantulum_parser()
    if parser is not None:
        from importlib.metadata import version
        systems[f"quantulum3 {version('quantulum3')}"] = lambda a: quantulum_spans(parser, a)
    for name, predict in systems.items():
        found = {a.name: predict(a) for a in articles}
        for label, to_timex in (("all", False), ("durations to TIMEX3", True)):
            shown = verbose and to_timex and name == "factwire"
            report(f"{name} {label}",
                   *evaluate(articles, lambda a, f=found: f[a.name], shown, to_timex))
    return 0


if __name__ == "__main__":
    sys.exit(main())
