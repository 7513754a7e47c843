"""Reported speech from the dependency parse: cue verbs, their sources and contents.

A cue is a verb of the speech-verb lexicon (``data/speech_verbs.tsv``), the phrase
"according to", or a reporting noun with a "that" clause (``data/quotes_nouns.txt``:
"Trump's claim that ..."). Its source is the verb's subject (the agent of a passive, the
subject of the verb it is conjoined to or depends on, the noun a relative clause or a
participle hangs on); its content is the clause it governs (``ccomp``, a "that" clause,
``parataxis``), a "to" clause for speech acts ("promised to cut taxes"), its object for
verbs whose object can be the claim ("denied the report"), what it is about ("complained
about his mic"), or, when the cue is a parenthetical ("The war, he said, is over"), the
clause around it. An adjective of ``data/quotes_adjectives.txt`` with a "that" clause or a
topic is a cue too ("has been critical of", "made it clear that"). "I think", "you know"
are hedges, not attributions; a cue inside the clause of another cue ("said Kim wants to
talk") is part of that report unless it is a plain "say".

>>> import spacy  # doctest: +SKIP
>>> [a.cue.text for a in find_reported(nlp("Russia maintains that it won."))]  # doctest: +SKIP
['maintains']
"""

from __future__ import annotations

from bisect import bisect_right
from functools import cache

import numpy
from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Span, Token

from factwire.nlp.attribution import (
    Attribution,
    noun_phrase,
    speech_verbs,
    subtree_ranges,
    token_range,
    word_list,
)
from factwire.nlp.doc import doc_text

_SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
_CONTENT_DEPS = {"ccomp", "parataxis"}
_RELATIVIZERS = {"who", "which", "that", "whom"}
_FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
_CLAUSE_MARKS = {"that", "whether", "if", "how", "why", "what", "when", "where", "who"}
_FIRST_SECOND_PERSON = {"i", "we", "you"}
_OBJECT_PREPS = {"for", "on", "about", "of", "with", "as"}
_TOPIC_PREPS = {"about", "of"}
# what a stance is on: "spoke out against injustice"; not to whom, where, when or how
# ("spoke to reporters", "spoke on Monday", "spoke on condition of anonymity")
_STANCE_PREPS = {"about", "of", "against"}
# "is expected to", "is reported to", "was accused of"; not "was told"
_UNNAMED_KINDS = {"belief", "report", "stance", "construal"}  # + "is seen as"
_CHARGE_PREPS = {"of", "for", "as"}  # "accused of fraud", "criticized for", "hailed as"
_ADJECTIVE_DEPS = {"acomp", "ccomp", "oprd", "xcomp"}
_ADJECTIVE_PREPS = {"of", "about", "on", "that"}
_PLAIN_REPORTS = {"say"}
_NOT_CUES = {"amod", "compound", "acomp", "nmod", "pobj", "dobj", "nsubj"}


def find_reported(doc: Doc) -> list[Attribution]:
    """Every attribution the parse shows, contentless ones included (quotes may fill them)."""
    found = []
    sents = list(doc.sents)
    starts = [sent.start for sent in sents]
    for token in cue_candidates(doc):
        sent = sents[bisect_right(starts, token.i) - 1]
        if _is_according(token):
            attribution = according_to(token, sent)
        elif _is_cue_verb(token):
            attribution = verb_attribution(token, sent)
        elif token.pos_ == "NOUN" and token.lemma_.lower() in word_list("quotes_nouns.txt"):
            attribution = noun_attribution(token, sent)
        elif _is_cue_adjective(token):
            attribution = adjective_attribution(token, sent)
        else:
            continue
        if attribution is not None:
            attribution.content = _in_paragraph(doc_text(doc), token.idx, attribution.content)
            found.append(attribution)
    return found


def cue_candidates(doc: Doc) -> list[Token]:
    """The tokens that may be cues, in order: "according", or a lemma of a cue lexicon.

    Looked up once per distinct lemma rather than per token: most tokens are not cues, and
    reading each one's attributes in Python cost more than the rest of the component.
    """
    strings = doc.vocab.strings
    lemmas, lowers = doc.to_array([LEMMA, LOWER]).T
    cues = [lemma for lemma in set(lemmas.tolist()) if strings[lemma].lower() in cue_lemmas()]
    wanted = numpy.isin(lemmas, numpy.array(cues, dtype=numpy.uint64)) | (
        lowers == strings.as_int("according"))
    return [doc[int(i)] for i in numpy.flatnonzero(wanted)]


@cache
def cue_lemmas() -> frozenset[str]:
    """Every lemma that can head a cue: speech verbs, reporting nouns, stance adjectives."""
    return frozenset(speech_verbs()) | word_list("quotes_nouns.txt") | word_list(
        "quotes_adjectives.txt")


def _in_paragraph(text: str, at: int, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The content ranges clipped to the cue's paragraph (the parser may run sentences
    across a paragraph break; reported speech does not)."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    end = len(text) if end < 0 else end
    clipped = [(max(s, start), min(e, end)) for s, e in ranges]
    return [(s, e) for s, e in clipped if s < e]


def _is_according(token: Token) -> bool:
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return token.lower_ == "according" and nxt is not None and nxt.lower_ == "to"


def _is_cue_verb(token: Token) -> bool:
    if not (token.tag_.startswith("VB") and token.pos_ != "AUX"
            and token.lemma_.lower() in speech_verbs() and token.dep_ not in _NOT_CUES):
        return False
    # "see X as a threat" is a view held; "see the tanks" is not
    return speech_verbs()[token.lemma_.lower()].kind != "construal" or any(
        c.dep_ == "prep" and c.lower_ == "as" and c.i > token.i for c in token.subtree)


def according_to(token: Token, sent: Span) -> Attribution | None:
    """"According to X, ..." / "..., according to X": X is the source, the rest the content."""
    to = token.nbor(1)
    objects = [c for c in to.children if c.dep_ == "pobj"]
    if not objects:
        return None
    source = noun_phrase(objects[0])
    phrase_start, phrase_end = token.i, max(source.end, to.i + 1)
    before = token_range(list(sent.doc[sent.start:phrase_start]))
    after = token_range(list(sent.doc[phrase_end:sent.end]))
    content = after if _longer(after, before) else before
    return Attribution(kind="according_to", cue=sent.doc[token.i:to.i + 1], source=source,
                       content=[content] if content else [], sentence=sent,
                       speaker_head=objects[0])


def noun_attribution(noun: Token, sent: Span) -> Attribution | None:
    """"Trump's claim that ...", "a warning from the ministry that ...": a reporting noun
    with its source (possessor, or "by"/"from" phrase) and its "that" clause."""
    clauses = [c for c in noun.children if c.dep_ in {"acl", "ccomp"} and any(
        m.dep_ == "mark" and m.lower_ == "that" for m in c.children)]
    source, cue = _noun_source(noun), sent.doc[noun.i:noun.i + 1]
    if source is None and noun.dep_ == "dobj" and not _is_cue_verb(noun.head):
        # "made the case that ...", "raised the concern that ...": the noun is what the
        # subject of its verb puts forward
        subject = find_source(noun.head) if noun.head.tag_.startswith("VB") else None
        source = subject[1] if subject is not None else None
        cue = sent.doc[min(noun.head.i, noun.i):noun.i + 1]
    if not clauses or source is None:
        return None
    return Attribution(kind="indirect", cue=cue,
                       source=noun_phrase(source) if source.pos_ != "PRON"
                       else sent.doc[source.i:source.i + 1],
                       content=subtree_ranges(clauses[0]), sentence=sent, speaker_head=source)


def _is_cue_adjective(token: Token) -> bool:
    return (token.pos_ == "ADJ" and token.dep_ in _ADJECTIVE_DEPS
            and token.lemma_.lower() in word_list("quotes_adjectives.txt"))


def adjective_attribution(adjective: Token, sent: Span) -> Attribution | None:
    """A position or belief stated by an adjective with what it is about: "Sanders has been
    critical of the deal", "Obama is confident that ...", "Trump made it clear that ...";
    "It is clear that ..." credits the claim to no one. The cue runs from "make" to the
    adjective; the source is the subject of the copula (or of "make")."""
    verb = adjective.head
    content = _adjective_content(adjective, verb)
    if not content or not verb.tag_.startswith("VB"):
        return None
    made = verb.lemma_.lower() == "make" and adjective.dep_ in {"ccomp", "oprd", "xcomp"}
    cue = sent.doc[verb.i:adjective.i + 1] if made else sent.doc[adjective.i:adjective.i + 1]
    subject = find_source(verb)
    if subject is None or subject[0].lower_ == "it":
        return Attribution(kind="according_to", cue=cue, source=None, content=content,
                           sentence=sent, speaker_head=None)
    source_token, speaker_head = subject
    source = (sent.doc[source_token.i:source_token.i + 1]
              if source_token.lower_ in _RELATIVIZERS else noun_phrase(source_token))
    return Attribution(kind="indirect", cue=cue, source=source, content=content,
                       sentence=sent, speaker_head=speaker_head)


def _adjective_content(adjective: Token, verb: Token) -> list[tuple[int, int]]:
    """The clause or topic an adjective cue carries: its own "that" clause, one the parser
    hung on the copula after it ("It is clear that ..."), or its "of"/"about" object."""
    clauses = [c for c in adjective.children if c.dep_ in {"ccomp", "advcl"} and c.i > adjective.i
               and _is_finite(c)]
    clauses += [c for c in verb.children if c.dep_ == "ccomp" and c.i > adjective.i
                and _is_finite(c)]
    if clauses:
        return subtree_ranges(clauses[0])
    for child in adjective.children:
        if child.dep_ == "prep" and child.lower_ in _ADJECTIVE_PREPS:
            objects = [c for c in child.children if c.dep_ in {"pobj", "pcomp"}]
            if objects:
                return subtree_ranges(objects[0])
    return []


def _noun_source(noun: Token) -> Token | None:
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in {"by", "from"}:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None


def _longer(first: tuple[int, int] | None, second: tuple[int, int] | None) -> bool:
    if first is None:
        return False
    return second is None or first[1] - first[0] > second[1] - second[0]


def verb_attribution(verb: Token, sent: Span) -> Attribution | None:
    """The attribution a cue verb heads, or None when it has no source."""
    if speech_verbs()[verb.lemma_.lower()].kind == "evidential":
        return _seeming(verb, sent)
    if _nested_report(verb):
        return None
    subject = find_source(verb) or _source_before(verb)
    if subject is None:
        return sourceless_passive(verb, sent)
    source_token, speaker_head = subject
    if _is_hedge(verb, source_token):
        return None
    source = (sent.doc[source_token.i:source_token.i + 1]
              if source_token.lower_ in _RELATIVIZERS else noun_phrase(source_token))
    content = find_content(verb, source)
    return Attribution(kind="indirect", cue=cue_span(verb), source=source, content=content,
                       sentence=sent, speaker_head=speaker_head)


def _nested_report(verb: Token) -> bool:
    """A cue inside the clause another verb governs ("officials said Kim wants to talk",
    "the data show that he thinks ...") is part of that statement; only a plain report of
    words ("she said he said ...") is passed on as a report of its own."""
    return (verb.dep_ == "ccomp" and _is_cue_verb(verb.head)
            and verb.lemma_.lower() not in _PLAIN_REPORTS)


def sourceless_passive(verb: Token, sent: Span) -> Attribution | None:
    """A belief, report or stance credited to no one: "Turnout is expected to rise", "he
    is thought to be abroad", "it is believed that ...", "he was accused of fraud". The content is the passive subject
    with what is said of it (or the "that" clause after an "it" subject); the source is
    left empty and the attribution counts as anonymous."""
    if verb.tag_ != "VBN" or speech_verbs()[verb.lemma_.lower()].kind not in _UNNAMED_KINDS:
        return None
    subjects = [c for c in verb.children if c.dep_ == "nsubjpass"]
    if not subjects or not any(c.dep_ == "auxpass" for c in verb.children):
        return None
    said = [c for c in verb.children if c.i > verb.i and (
        c.dep_ == "ccomp" or c.dep_ == "xcomp" and any(
            a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        or c.dep_ == "prep" and c.lower_ in _CHARGE_PREPS)]
    if not said:
        return None
    return _unnamed(verb, sent, subjects[0], said[0])


def _seeming(verb: Token, sent: Span) -> Attribution | None:
    """"The plan seems to have failed": an impression credited to no one (not "seems to
    me", which names whose impression it is, nor a bare "seems fine")."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    said = [c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i and any(
        a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]
    if not subjects or not said or verb.tag_ == "VB":
        return None
    return _unnamed(verb, sent, subjects[0], said[0])


def _unnamed(verb: Token, sent: Span, subject: Token, said: Token) -> Attribution:
    parts = [said] if subject.lower_ == "it" else [subject, said]
    content = [r for head in parts for r in subtree_ranges(head)]
    return Attribution(kind="according_to", cue=cue_span(verb), source=None,
                       content=content, sentence=sent, speaker_head=None)


def _is_hedge(verb: Token, source: Token) -> bool:
    """"you know", "The war, I think, is over": a first or second person's belief said in
    passing is a hedge; "I know this hatred was wrong" states the writer's belief."""
    kind = speech_verbs()[verb.lemma_.lower()].kind
    if kind != "belief" or source.lower_ not in _FIRST_SECOND_PERSON:
        return False
    return verb.dep_ == "parataxis" or not any(
        c.dep_ in {"ccomp", "xcomp", "dobj", "prep", "advcl"} for c in verb.children)


def _source_before(verb: Token) -> tuple[Token, Token] | None:
    """A name or pronoun right before a subjectless cue the parser missed ("... Trump said")."""
    if verb.i == 0 or any(c.dep_ in _SUBJECTS for c in verb.children):
        return None
    before = verb.nbor(-1)
    if before.pos_ in {"PROPN", "PRON"} and before.tag_ not in {"PRP$", "WDT"} and (
            verb.tag_ in {"VBD", "VBZ", "VBP"}):
        return before, before
    return None


def cue_span(verb: Token) -> Span:
    """The verb with its auxiliaries and particle: "has said", "pointed out"."""
    start = end = verb.i
    for child in verb.children:
        if child.dep_ in {"aux", "auxpass", "neg"} and child.i == start - 1:
            start = child.i
        if child.dep_ == "prt" and child.i == end + 1:
            end = child.i
    return verb.doc[start:end + 1]


def find_source(verb: Token) -> tuple[Token, Token] | None:
    """(source token as written, token to resolve the speaker from), or None."""
    subjects = [c for c in verb.children if c.dep_ in _SUBJECTS]
    if any(c.dep_ == "nsubjpass" for c in subjects) or any(
            c.dep_ == "auxpass" for c in verb.children):
        agent = _agent(verb)
        return (agent, agent) if agent is not None else None
    if subjects:
        # '“..., full panic mode,” said Leslie Wimes': the parser may take the end of the
        # quote for a second subject; the one after the verb is the speaker
        after = [c for c in subjects if c.i > verb.i]
        subject = after[0] if after else subjects[0]
        if subject.dep_ == "csubj" or subject.lower_ == "it" and subject.dep_ == "expl":
            return None
        if subject.lower_ in _RELATIVIZERS and verb.dep_ == "relcl":
            return subject, verb.head
        return subject, subject
    if verb.dep_ == "relcl" and verb.head.pos_ in {"NOUN", "PROPN", "PRON"}:
        return verb.head, verb.head
    if verb.dep_ in {"conj", "xcomp", "advcl"} and verb.head.tag_.startswith("VB"):
        return find_source(verb.head)
    if verb.dep_ == "pcomp":
        return _controller(verb)  # "... by telling them that ...", "after saying ..."
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in {"NOUN", "PROPN"}:
        return verb.head, verb.head  # "a tweet attacking ..."
    return None


def _controller(verb: Token) -> tuple[Token, Token] | None:
    """Who does what a gerund after a preposition says: the source of the clause it hangs
    on ("defended it by saying ...", "aside from saying ..."), or that clause's passive
    subject ("After saying her foot was swollen, she was whisked off")."""
    clause = next((t for t in verb.ancestors if t.tag_.startswith("VB")), None)
    if clause is None:
        return None
    found = find_source(clause)
    if found is not None:
        return found
    subjects = [c for c in clause.children if c.dep_ == "nsubjpass"]
    return (subjects[0], subjects[0]) if subjects else None


def _agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None


def find_content(verb: Token, source: Span) -> list[tuple[int, int]]:
    """Character ranges of what the cue verb reports (empty when the parse shows none)."""
    frame = speech_verbs()[verb.lemma_.lower()].frame
    if frame == "quote":
        return []
    clauses = [c for c in verb.children if c.dep_ in _CONTENT_DEPS and _is_finite(c)]
    if clauses:
        return [r for c in clauses for r in subtree_ranges(c)]
    that_clause = _that_clause(verb)
    if that_clause is not None:
        return subtree_ranges(that_clause)
    commitment = _commitment(verb)
    if commitment:
        return commitment
    # "wants to deny the report" is no denial, "sent troops to support X" no stance; "met
    # to discuss the test" (the purpose of a gathering) is a discussion held
    purpose = verb.dep_ == "advcl" and speech_verbs()[verb.lemma_.lower()].kind == "speech"
    infinitive = not purpose and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    if frame == "object" and not infinitive:
        objects = [c for c in verb.children if c.dep_ in {"dobj", "attr"} and c.i > verb.i]
        if objects:
            return _object_content(verb, objects[0])
    topic = _topic(verb, _OBJECT_PREPS if frame == "object" else _TOPIC_PREPS)
    if topic is not None:
        return _object_content(verb, topic)
    passive_subject = [c for c in verb.children if c.dep_ == "nsubjpass"]
    if passive_subject and _agent(verb) is not None:
        return subtree_ranges(passive_subject[0])  # "the issue was first reported by X"
    return _surrounding_clause(verb, source)


def _topic(verb: Token, preps: set[str]) -> Token | None:
    """What a cue is about: "complained about his mic", "called for a ceasefire"."""
    for child in verb.children:
        if child.dep_ == "prep" and child.i > verb.i and child.lower_ in preps:
            objects = [c for c in child.children if c.dep_ in {"pobj", "pcomp"}]
            if objects:
                return objects[0]
    return None


def _commitment(verb: Token) -> list[tuple[int, int]]:
    """A speech act's "to" clause: "promised to cut taxes", "told his advisers to act"."""
    if speech_verbs()[verb.lemma_.lower()].kind not in {"speech", "stance"}:
        return []
    infinitives = [c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i
                   and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]
    if not infinitives:
        return []
    objects = [c for c in verb.children if c.dep_ in {"dobj", "dative"}
               and verb.i < c.i < infinitives[0].i]
    return _object_content(verb, objects[0] if objects else infinitives[0])


def _is_finite(head: Token) -> bool:
    """A clause that states something: a finite verb, a "that"/"whether" clause, or a
    subject of its own ("the native nicknamed X is ..."; not "found themselves caught")."""
    if head.tag_ in _FINITE_TAGS or head.dep_ == "parataxis":
        return True
    if any(c.dep_ in {"nsubj", "nsubjpass"} and not c.lower_.endswith(("self", "selves"))
           for c in head.children):
        return True
    return any(c.tag_ in _FINITE_TAGS and c.dep_ in {"aux", "auxpass"}
               or c.dep_ == "mark" and c.lower_ in _CLAUSE_MARKS for c in head.children)


def _that_clause(verb: Token) -> Token | None:
    """A "that" clause the parser hung below the cue's object ("said in an interview that")."""
    for token in verb.subtree:
        if token.i <= verb.i or token.dep_ == "ccomp":
            continue
        if token.dep_ in {"acl", "advcl", "relcl"} and any(
                c.dep_ == "mark" and c.lower_ == "that" for c in token.children):
            return token
    return None


def _object_content(verb: Token, obj: Token) -> list[tuple[int, int]]:
    """The object and whatever follows it in the cue's clause: "attribute the rise to X"
    (not a verb conjoined to the cue: "claimed vast wealth and said ...", nor a participle
    set off after it: "defended the remark, saying ...")."""
    stop = min((c.i for c in verb.children if c.i > obj.i and (
        c.dep_ in {"cc", "conj"} or c.dep_ in {"advcl", "parataxis"} and c.nbor(-1).is_punct)),
               default=verb.right_edge.i + 1)
    after = [t for t in verb.subtree if obj.left_edge.i <= t.i < stop]
    span = token_range(after)
    return [span] if span else []


def _surrounding_clause(verb: Token, source: Span) -> list[tuple[int, int]]:
    """For a parenthetical cue ("The war, he said, is over"): the clause around it."""
    if verb.dep_ not in {"parataxis", "ccomp", "advcl"} or not verb.head.tag_.startswith("VB"):
        return []
    if verb.dep_ == "advcl" and not any(c.lower_ == "as" for c in verb.children):
        return []
    if verb.dep_ == "ccomp" and verb.i < verb.head.i:
        return []
    skip = {t.i for t in verb.subtree} | {t.i for t in source}
    return subtree_ranges(verb.head, without=skip)



def rest_of_clause(attribution: Attribution) -> list[tuple[int, int]]:
    """The content of a cue the parse gives no clause or object for, and no quote fills:
    what the cue governs after it ("said after the convention he would not accept ...",
    "called Trump a liar") or, for a cue that closes its sentence ("Clinton Hid Past Health
    Problems, Former White House Doctor Says."), the words before its source."""
    cue, source, sent = attribution.cue, attribution.source, attribution.sentence
    if cue is None or source is None or sent is None or not _takes_any_content(cue.root):
        return []
    if cue.root.tag_ == "VB":  # "needs to tell more jokes", "wouldn't tell": no report
        return []
    verb = cue.root
    skip = set(range(cue.start, cue.end)) | set(range(source.start, source.end))
    stop = min((c.i for c in verb.children if c.dep_ in {"cc", "conj"} and c.i > verb.i),
               default=verb.right_edge.i + 1)
    after = [t for t in sent.doc[cue.end:stop] if t.i not in skip]
    if (_states_something(after) or _names_something(verb, after)) and not any(t.i in skip for t in sent.doc[cue.end:stop]):
        return _ranges(after)
    first, last = min(cue.start, source.start), max(cue.end, source.end)
    rest = sent.doc[last:sent.end]
    if verb.i == sent.root.i and all(t.is_punct or t.is_space or t.dep_ == "npadvmod"
                                     or t.like_num for t in rest):
        before = list(sent.doc[sent.start:first])
        if _states_something(before) or len([t for t in before if t.is_alpha]) >= 4:
            return _ranges(before)
    return []


def _takes_any_content(verb: Token) -> bool:
    lemma = verb.lemma_.lower()
    return lemma in speech_verbs() and speech_verbs()[lemma].frame != "quote"


def _states_something(tokens: list[Token]) -> bool:
    """A clause (a word with a subject of its own) or a predicate on an object ("called
    Trump a liar"); not a reflexive ("found themselves caught in ...")."""
    return any(t.dep_ in {"nsubj", "nsubjpass", "oprd"}
               and not t.lower_.endswith(("self", "selves")) for t in tokens)


def _names_something(verb: Token, tokens: list[Token]) -> bool:
    """What a stance is taken on: the cue's object or topic ("still says things such as
    ...", "spoke of the legacy of racism"); not a pronoun ("no one said anything")."""
    return speech_verbs()[verb.lemma_.lower()].kind != "report" and any(
        t.head.i == verb.i and (t.dep_ == "dobj" and t.pos_ in {"NOUN", "PROPN"}
                                or t.dep_ == "prep" and t.lower_ in _STANCE_PREPS)
        for t in tokens)


def _ranges(tokens: list[Token]) -> list[tuple[int, int]]:
    span = token_range(tokens)
    return [span] if span else []
