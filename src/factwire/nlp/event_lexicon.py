"""The PLOVER trigger lexicon (data/plover_triggers.jsonl) and trigger matching on a parse.

One lexicon line is one trigger: ``lemma`` (a multiword lemma names the head word first for
verbs, "call for", and last for nouns, "conscription drive"), ``pos`` (VERB or NOUN),
``type``, ``mode``, ``recipient`` (how the recipient is marked: "dobj", "dative", a
preposition such as "on", "between", "clause_subj", "object_np", "dobj_poss"; a "?" before
an item makes it a fallback, used only when the others find no one: "complained to the UN
over Israeli raids" accuses Israel) and optional
``actor`` (the same for the actor), ``objects`` (the trigger only counts with one of these
object lemmas: "lift" a curfew), ``needs_prep``, ``needs_clause`` (only with a complement
clause: "ordered him to appear"), ``clause_modals`` (only when the reported clause has one
of these modals: "said that Sudan must return" is a demand), ``clause_not`` (not with these
complement verbs: "declined to comment" rejects nothing), ``objects_not`` (not with these
objects: "meet a quota"), ``subject_not`` / ``subject_any`` (the subject's lemma must not /
must be one of these: troops that march are not protesters), ``no_clause`` (not with a complement clause: "help cut costs") and
``ambiguous``. In ``objects``, "PERSON" stands for any person the model recognizes.

>>> lexicon = load_lexicon()
>>> sorted({entry.type for entry in lexicon.entries}) == sorted(PLOVER_TYPES)
True
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from spacy.tokens import Token

from factwire.model import PLOVER_TYPES

VERB_ACTOR = ("subj",)
NOUN_ACTOR = ("poss", "amod", "compound", "by")
# dependency labels that attach a word of a multiword trigger to its head word
_PART_DEPS = {"prt", "prep", "dobj", "compound", "amod", "nmod", "advmod", "npadvmod"}
# the object of "one of its largest drives", "part of the force": look through to the "of" noun
# heads whose modifier names what they are: "conscription drive", "war games"
_GENERIC_HEADS = {"drive", "campaign", "effort", "program", "programme", "operation", "game",
                  "exercise", "mission", "force", "unit", "shipment", "convoy", "package",
                  "consignment", "delivery", "supply"}
_PARTITIVE = {"one", "some", "part", "most", "many", "all", "several", "each", "any", "two",
              "three", "series", "number", "wave", "round"}
# "Scores of Syrian troops marched": who the subject is
_COUNTS = {"score", "scores", "hundreds", "thousands", "dozens", "tens", "millions", "handful"}


class LexiconError(ValueError):
    """A line of a PLOVER data file is malformed (the message names the file and line)."""


@dataclass(frozen=True)
class TriggerEntry:
    """One lexicon line: a word (or words) that names a PLOVER event, and its frame."""

    lemma: str
    pos: str
    type: str
    mode: str | None
    recipient: tuple[str, ...]
    actor: tuple[str, ...]
    objects: frozenset[str] = frozenset()
    needs_prep: frozenset[str] = frozenset()
    needs_clause: bool = False
    clause_modals: frozenset[str] = frozenset()
    clause_not: frozenset[str] = frozenset()
    objects_not: frozenset[str] = frozenset()
    subject_not: frozenset[str] = frozenset()
    subject_any: frozenset[str] = frozenset()
    no_clause: bool = False
    ambiguous: bool = False

    @property
    def words(self) -> list[str]:
        """The words of the lemma."""
        return self.lemma.split()

    @property
    def head_word(self) -> str:
        """The word the parse attaches the others to (verb first, noun last)."""
        return self.words[0] if self.pos == "VERB" else self.words[-1]


@dataclass
class Lexicon:
    """Trigger entries indexed by (head lemma, part of speech), plus the frame word lists."""

    entries: list[TriggerEntry]
    by_head: dict[tuple[str, str], list[TriggerEntry]] = field(default_factory=dict)
    modes: dict[tuple[str, str], str] = field(default_factory=dict)
    support_verbs: frozenset[str] = frozenset()
    recipient_verbs: frozenset[str] = frozenset()
    instruments: frozenset[str] = frozenset()  # "a roadside bombing killed ..."
    modality: dict = field(default_factory=dict)  # word lists, and word -> prepositions

    def __post_init__(self) -> None:
        for entry in self.entries:
            self.by_head.setdefault((entry.head_word, entry.pos), []).append(entry)


def _data_text(name: str) -> str:
    return resources.files("factwire.data").joinpath(name).read_text(encoding="utf-8")


def _entry(line: str, number: int) -> TriggerEntry:
    try:
        raw = json.loads(line)
        pos = raw["pos"]
        entry = TriggerEntry(
            lemma=raw["lemma"].lower(), pos=pos, type=raw["type"], mode=raw.get("mode"),
            recipient=tuple(raw.get("recipient", ())),
            actor=tuple(raw.get("actor") or (VERB_ACTOR if pos == "VERB" else NOUN_ACTOR)),
            objects=frozenset(raw.get("objects", ())),
            needs_prep=frozenset(raw.get("needs_prep", ())),
            needs_clause=bool(raw.get("needs_clause", False)),
            clause_modals=frozenset(raw.get("clause_modals", ())),
            clause_not=frozenset(raw.get("clause_not", ())),
            objects_not=frozenset(raw.get("objects_not", ())),
            subject_not=frozenset(raw.get("subject_not", ())),
            subject_any=frozenset(raw.get("subject_any", ())),
            no_clause=bool(raw.get("no_clause", False)),
            ambiguous=bool(raw.get("ambiguous", False)))
    except (KeyError, TypeError, json.JSONDecodeError) as error:
        raise LexiconError(f"plover_triggers.jsonl line {number}: {error}; each line needs "
                           "lemma, pos, type (see the module docstring)") from error
    if entry.type not in PLOVER_TYPES or entry.pos not in ("VERB", "NOUN"):
        raise LexiconError(f"plover_triggers.jsonl line {number}: type {entry.type!r} / pos "
                           f"{entry.pos!r}: use a PLOVER type and VERB or NOUN")
    return entry


def _word_list(name: str) -> frozenset[str]:
    lines = (line.strip() for line in _data_text(name).splitlines())
    return frozenset(line for line in lines if line and not line.startswith("#"))


def _modes() -> dict[tuple[str, str], str]:
    modes = {}
    for line in _data_text("plover_modes.tsv").splitlines():
        if line.strip() and not line.startswith("#"):
            event_type, word, mode = line.split("\t")
            modes[(event_type, word)] = mode
    return modes


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The packaged PLOVER lexicon (read once)."""
    lines = _data_text("plover_triggers.jsonl").splitlines()
    entries = [_entry(line, n) for n, line in enumerate(lines, 1) if line.strip()]
    modality = {key: (frozenset(values) if isinstance(values, list) else values)
                for key, values in json.loads(_data_text("plover_modality.json")).items()}
    return Lexicon(entries=entries, modes=_modes(),
                   support_verbs=_word_list("plover_support_verbs.txt"),
                   recipient_verbs=_word_list("plover_recipient_verbs.txt"),
                   instruments=_word_list("plover_instruments.txt"),
                   modality=modality)


def token_pos(token: Token) -> str | None:
    """VERB or NOUN as the lexicon sees it (gerunds used as nouns stay nouns)."""
    if token.pos_ == "VERB":
        return "VERB"
    if token.pos_ == "NOUN" or (token.pos_ == "PROPN" and token.is_lower):
        return "NOUN"
    return None


def lemma_of(token: Token) -> str:
    """The token's lemma, lower-cased."""
    return token.lemma_.lower()


def lemma_forms(token: Token) -> list[str]:
    """The lemma, then guesses from the word form for when the lemmatizer slips
    ("staged" -> "stag" by the model; "stage" by the guess)."""
    word = token.lower_
    forms = [lemma_of(token), word]
    if token.pos_ == "VERB":
        for suffix, repl in (("ied", "y"), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", ""),
                             ("es", ""), ("s", "")):
            if word.endswith(suffix) and len(word) > len(suffix) + 2:
                forms.append(word[: -len(suffix)] + repl)
    return list(dict.fromkeys(forms))


def object_of(token: Token) -> Token | None:
    """The direct object (the passive subject for passives), looking through "one of X";
    "kidnapped up to 16 advisers", which the parse reads as a particle and a "to" phrase,
    has "advisers" as its object."""
    for child in token.children:
        if child.dep_ in ("dobj", "nsubjpass", "attr", "oprd"):
            return through_partitive(child)
    # "to" hangs on the verb or on its particle "up"
    near = [g for c in token.children for g in (c, *c.children)]
    counted = [o for g in near for o in g.children if is_counted_object(o)]
    if counted:
        return counted[0]
    if token.pos_ == "VERB":
        return _infinitive_subject(token)
    return None


def is_counted_object(token: Token) -> bool:
    """"up to 16 advisers": an object the parse hangs on "to" after "up"."""
    return (token.dep_ == "pobj" and token.head.lower_ == "to" and token.head.i > 0
            and token.doc[token.head.i - 1].lower_ == "up"
            and any(n.dep_ == "nummod" for n in token.children))


def _infinitive_subject(verb: Token) -> Token | None:
    """"hosting Osgiliath to celebrate", "allow U.N. planes to land": the parse makes the
    object the subject of the infinitive that follows it."""
    for clause in verb.children:
        if clause.dep_ in ("ccomp", "xcomp") and clause.i > verb.i and any(
                a.dep_ == "aux" and a.lower_ == "to" for a in clause.children):
            subject = next((c for c in clause.children if c.dep_ == "nsubj"
                            and c.pos_ in ("NOUN", "PROPN", "PRON") and verb.i < c.i), None)
            if subject is not None:
                return subject
    return None


def through_partitive(token: Token, also: frozenset[str] | set[str] = frozenset()) -> Token:
    """"one of its largest drives" -> drives; other nouns unchanged."""
    if token.lower_ in _PARTITIVE or token.lower_ in also:
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                pobj = [c for c in child.children if c.dep_ == "pobj"]
                if pobj:
                    return pobj[0]
    return token


def _has_word(head: Token, word: str) -> bool:
    return any(lemma_of(c) == word or c.lower_ == word for c in head.children
               if c.dep_ in _PART_DEPS)


def _object_words(obj: Token) -> set[str]:
    """What an object is: its lemma; a generic head's modifier ("conscription drive"); the
    measured noun of "700 kg of medicine"."""
    words = {lemma_of(obj), obj.lower_}
    if lemma_of(obj) in _GENERIC_HEADS:
        words |= {lemma_of(c) for c in obj.children if c.dep_ in ("compound", "amod")}
    for of_noun in (p for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"
                    for p in c.children if p.dep_ == "pobj"):
        words |= {lemma_of(of_noun)}
        if lemma_of(of_noun) in _GENERIC_HEADS:
            words |= {lemma_of(c) for c in of_noun.children if c.dep_ == "compound"}
    if obj.ent_type_ in ("PERSON", "NORP"):
        words.add("PERSON")
    return words


def _object_matches(token: Token, entry: TriggerEntry) -> bool:
    if not entry.objects and not entry.objects_not:
        return True
    obj = object_of(token)
    if obj is None and token.pos_ != "VERB":
        obj = next(iter(p for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                        for p in c.children if p.dep_ == "pobj"), None)
    if obj is None:
        xcomp = [c for c in token.children if c.dep_ == "xcomp"]
        return not entry.objects or ("to" in entry.objects and bool(xcomp))
    words = _object_words(obj)
    if words & entry.objects_not:
        return False
    return not entry.objects or bool(words & entry.objects)


def entry_matches(token: Token, entry: TriggerEntry) -> bool:
    """Whether ``token`` (already of the entry's head lemma and pos) fits the whole entry."""
    others = entry.words[1:] if entry.pos == "VERB" else entry.words[:-1]
    if not all(_has_word(token, word) for word in others):
        return False
    if entry.needs_prep:
        obj = object_of(token)
        holders = [token] + ([obj] if obj is not None else [])
        if not any(c.dep_ == "prep" and c.lower_ in entry.needs_prep
                   for holder in holders for c in holder.children) and not any(
                m.dep_ == "mark" and m.lower_ in entry.needs_prep  # "pushing for the US
                for c in token.children if c.dep_ == "advcl" for m in c.children):  # to"
            return False
    if entry.needs_clause and not (any(c.dep_ in ("xcomp", "ccomp") for c in token.children)
                                   or reports_main_clause(token)):
        return False
    if entry.subject_not or entry.subject_any:
        subject = next((lemma_of(through_partitive(c, _COUNTS)) for c in token.children
                        if c.dep_ == "nsubj"), None)
        if subject in entry.subject_not:
            return False
        if entry.subject_any and subject not in entry.subject_any:
            return False
    if entry.no_clause and any(c.dep_ in ("xcomp", "ccomp") for c in token.children):
        return False
    if entry.clause_not and any(lemma_of(c) in entry.clause_not for c in token.children
                                if c.dep_ in ("xcomp", "ccomp")):
        return False
    if entry.clause_modals and not any(
            a.dep_ == "aux" and a.lower_ in entry.clause_modals
            for c in token.children if c.dep_ in ("ccomp", "acl") for a in c.children):
        return False
    return _object_matches(token, entry)


def reports_main_clause(token: Token) -> bool:
    """A verb that closes its sentence reporting the clause before it: "Croatian
    authorities are failing to uphold the rights of refugees, a human rights group
    protested here Wednesday." (the parse may hang it anywhere in that clause)."""
    sent, root = token.sent, token.sent.root
    words = [t for t in sent if not t.is_punct]
    if root.i == token.i or root.pos_ not in ("VERB", "AUX") or not words:
        return False
    start = (token.head if token.dep_ in ("acl", "relcl") else token).left_edge.i
    return (token.i > root.i and max(t.i for t in token.subtree) >= words[-1].i
            and start > sent.start and token.doc[start - 1].text == ",")


def match_entry(token: Token, lexicon: Lexicon) -> TriggerEntry | None:
    """The best lexicon entry for a token: the longest match, conditioned before plain."""
    pos = token_pos(token)
    if pos is None:
        return None
    candidates: list[TriggerEntry] = []
    for form in lemma_forms(token):
        candidates = lexicon.by_head.get((form, pos), [])
        if candidates:
            break
    fitting = [entry for entry in candidates if entry_matches(token, entry)]
    if not fitting:
        return None
    return max(fitting, key=lambda e: (
        len(e.words), bool(e.objects or e.clause_modals or e.needs_clause or e.subject_any),
        not e.ambiguous))


def trigger_tokens(token: Token, entry: TriggerEntry) -> list[Token]:
    """The tokens of the trigger phrase (head plus the other words of a multiword lemma)."""
    others = set(entry.words[1:] if entry.pos == "VERB" else entry.words[:-1])
    parts = [c for c in token.children if c.dep_ in _PART_DEPS
             and (lemma_of(c) in others or c.lower_ in others)]
    near = [t for t in parts if abs(t.i - token.i) <= 3]
    return sorted([token, *near], key=lambda t: t.i)
