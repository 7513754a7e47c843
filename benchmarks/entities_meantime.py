"""Named mentions of people, organizations and places on MEANTIME (../shared/eval/meantime-en-dev).

Gold: every ENTITY_MENTION with syntactic_type NAM whose entity (REFERS_TO -> ENTITY) is of
type PER, ORG or LOC. Predictions: the mentions of factwire's named (not nominal) entities
other than demonyms ("Irish", which factwire folds into Ireland like spaCy's NORP), and, in
the same script, bare spaCy's entities (PERSON, ORG, GPE, LOC, FAC) on the same text.
A prediction matches a gold mention when both have the same head token: the last token
before any "of", "(" or "," inside the mention, else the last token.

Scoring follows the corpus README: only sentences 0..5 carry annotations (others are not
scored); the dateline (sentence 1) is ignored; a prediction whose head is a gold mention of
another kind (an unlabelled proper name, a product, a nominal) is neither right nor wrong.
"typed" additionally requires PER~PERSON, ORG~ORG, LOC~GPE/LOC/FAC (and ORG~GPE for
governments, which MEANTIME types as LOC or ORG).

    .venv/bin/python benchmarks/entities_meantime.py [--errors]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "eval" / "meantime-en-dev" / "intra-doc_annotation"
SCORED_SENTENCES = range(0, 6)
DATELINE = 1
GOLD_TYPES = {"PER", "ORG", "LOC"}
NER_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC"}
COMPATIBLE = {"PER": {"PERSON"}, "ORG": {"ORG", "GPE"}, "LOC": {"GPE", "LOC", "FAC", "ORG"}}
NO_SPACE_BEFORE = {",", ".", ";", ":", "%", ")", "'s", "n't", "?", "!", "'"}


@dataclass
class Article:
    name: str
    text: str
    published: dt.date | None
    starts: list[int] = field(default_factory=list)  # char offset of each token
    sentence: list[int] = field(default_factory=list)
    gold: dict[int, str] = field(default_factory=dict)  # head token -> PER/ORG/LOC
    other: set[int] = field(default_factory=set)  # heads of other gold mentions


def load_articles() -> list[Article]:
    if not CORPUS.exists():
        sys.exit(f"{CORPUS} is absent: this benchmark needs the project's ../shared data")
    return [read_article(path) for path in sorted(CORPUS.glob("*/*.xml"))]


def read_article(path: Path) -> Article:
    root = ET.parse(path).getroot()
    tokens = root.findall("token")
    index = {t.get("t_id"): i for i, t in enumerate(tokens)}
    article = Article(path.stem, "", _creation_date(root))
    parts: list[str] = []
    offset = 0
    for token in tokens:
        text = token.text or ""
        text = '"' if text in ("``", "''") else text
        if parts and text not in NO_SPACE_BEFORE:
            parts.append(" ")
            offset += 1
        article.starts.append(offset)
        article.sentence.append(int(token.get("sentence")))
        parts.append(text)
        offset += len(text)
    article.text = "".join(parts)
    _read_gold(root, article, tokens, index)
    return article


def _creation_date(root) -> dt.date | None:
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            try:
                return dt.date.fromisoformat(timex.get("value", "")[:10])
            except ValueError:
                return None
    return None


def _read_gold(root, article: Article, tokens, index: dict[str, int]) -> None:
    types = {e.get("m_id"): e.get("ent_type") for e in root.iter("ENTITY")}
    refers = {}
    for relation in root.iter("REFERS_TO"):
        target = relation.find("target").get("m_id")
        for source in relation.findall("source"):
            refers[source.get("m_id")] = types.get(target)
    for mention in root.iter("ENTITY_MENTION"):
        span = [index[a.get("t_id")] for a in mention.findall("token_anchor")]
        if not span:
            continue
        head = head_token([tokens[i].text or "" for i in span], span)
        kind = refers.get(mention.get("m_id"))
        if mention.get("syntactic_type") == "NAM" and kind in GOLD_TYPES:
            article.gold[head] = kind
        else:
            article.other.add(head)


def head_token(words: list[str], positions: list[int]) -> int:
    """The head of a name: the last token before "of", "(" or ",", else the last token."""
    for k, word in enumerate(words):
        if word.lower() in ("of", "(", ",") and k > 0:
            return positions[k - 1]
    return positions[-1]


def token_at(article: Article, char: int) -> int:
    """The MEANTIME token containing character ``char``."""
    lo, hi = 0, len(article.starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if article.starts[mid] <= char:
            lo = mid
        else:
            hi = mid - 1
    return lo


def predicted_heads(article: Article, spans: list[tuple[int, int, str]]) -> dict[int, str]:
    """Head token -> label of each predicted (start, end, label) character span."""
    heads = {}
    for start, end, label in spans:
        first, last = token_at(article, start), token_at(article, end - 1)
        positions = list(range(first, last + 1))
        words = [article.text[article.starts[i]:].split(" ", 1)[0] for i in positions]
        heads[head_token(words, positions)] = label
    return heads


def score(articles: list[Article], predictions: list[dict[int, str]], show: str | None):
    counts = {"untyped": [0, 0, 0], "typed": [0, 0, 0]}  # tp, fp, fn
    for article, predicted in zip(articles, predictions, strict=True):
        gold = {h: k for h, k in article.gold.items() if article.sentence[h] != DATELINE}
        for head, label in predicted.items():
            sentence = article.sentence[head]
            if sentence not in SCORED_SENTENCES or sentence == DATELINE:
                continue
            if head in gold:
                counts["untyped"][0] += 1
                typed = label in COMPATIBLE[gold[head]]
                counts["typed"][0 if typed else 1] += 1
                counts["typed"][2] += not typed
            elif head not in article.other:
                counts["untyped"][1] += 1
                counts["typed"][1] += 1
                _show(show, "FP", article, head, label)
        for head in gold.keys() - predicted.keys():
            counts["untyped"][2] += 1
            counts["typed"][2] += 1
            _show(show, "FN", article, head, gold[head])
    return {name: _prf(*values) for name, values in counts.items()}


def _show(show: str | None, kind: str, article: Article, head: int, label: str) -> None:
    if show is not None:
        start = article.starts[head]
        print(f"{show} {kind} {article.name[:40]}: {article.text[start:start + 25]!r} {label}")


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def is_demonym(text: str) -> bool:
    """ "Russian", "Irish": factwire folds these adjectives (spaCy's NORP) into their
    country; MEANTIME does not count them as names, and bare spaCy's NORP is left out too."""
    from factwire.nlp.gazetteer import load_gazetteer

    entry = load_gazetteer().entry(text)
    return entry is not None and entry.kind == "demonym"


def run(articles: list[Article], errors: bool) -> None:
    from factwire.nlp import load

    nlp = load()
    later = [n for n in nlp.pipe_names if n.startswith("factwire_") and n != "factwire_entities"]
    docs = []
    for article in articles:
        doc = nlp.make_doc(article.text)
        doc._.published, doc._.removed = article.published, []
        docs.append(doc)
    with nlp.select_pipes(disable=later):
        docs = list(nlp.pipe(docs))
    factwire = [predicted_heads(a, [(m.start, m.end, e.type) for e in d._.entities
                                    if not e.nominal for m in e.mentions
                                    if not is_demonym(m.text)])
                for a, d in zip(articles, docs, strict=True)]
    spacy = [predicted_heads(a, [(e.start_char, e.end_char, e.label_) for e in d.ents
                                 if e.label_ in NER_LABELS])
             for a, d in zip(articles, docs, strict=True)]
    for name, predictions in (("factwire", factwire), ("bare spaCy", spacy)):
        shown = name if errors and name == "factwire" else None
        for kind, (p, r, f) in score(articles, predictions, shown).items():
            print(f"meantime-en-dev {name:10} {kind:8} P {p:.3f} R {r:.3f} F1 {f:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--errors", action="store_true", help="print factwire's misses")
    run(load_articles(), parser.parse_args().errors)


if __name__ == "__main__":
    main()
