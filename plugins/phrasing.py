"""G1xx: garbled phrasing.

Rules in this module find the marks that article spinners, bad scrapers and
hurried edits leave in running text: doubled words and echoed phrases, terms
cut short, proper names lower-cased, clauses repeated within a sentence,
articles that stop mid-sentence, and known spinner substitutions ("tortured
phrases"). Word lists live in ``data/correct_doubles.yaml`` and
``data/tortured_phrases.yaml``.
"""
from __future__ import annotations

import sys
from array import array
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from itertools import accumulate, chain, compress, count, islice
from operator import eq

import regex

from newslint import Scope, hookimpl, rule
from newslint.patterns import compile as compile_regex
from newslint_plugins.lexicons import load_lexicon

DOUBLES = load_lexicon("correct_doubles.yaml")
# Applied at one position only (.match), never scanned: tests/test_scaling.py checks them that way.
ANCHORED_PATTERNS = ("MARKUP_BLOCK",)

# A word: letters, with inner apostrophes ("don't", "O’Neill").
WORD = r"\p{L}++(?:['\u2019]\p{L}++)*+"
WORD_TOKEN = compile_regex(WORD)
NOT_BEFORE = r"(?<![\p{L}\p{N}\p{M}'\u2019@#/._-])"
NOT_AFTER = r"(?![\p{L}\p{N}\p{M}'\u2019-])"
LINE_BREAK = compile_regex(r"[\r\n]")

DETERMINERS = frozenset(
    "the a an this that these those its his her their our your my".split()
)
FUNCTION_WORDS = DETERMINERS | frozenset(
    """of to in on at by for with from into onto about as than and or but nor
    if because while although though whether when where which who whom whose
    is are was were be been being will would can could should may might must
    has have had not very such between among over under through after before
    during without within against toward towards per via including like upon
    across behind beyond despite unlike until since""".split()
)


REACH = 160  # characters looked at on each side when a rule needs the line around a match


def line_around(text: str, start: int, end: int | None = None) -> str:
    """The line of ``text`` holding ``text[start:end]`` (at most ``REACH`` characters each side)."""
    end = start if end is None else end
    before = LINE_BREAK.split(text[max(0, start - REACH) : start])[-1]
    after = LINE_BREAK.split(text[end : end + REACH])[0]
    return before + text[start:end] + after


def title_case(line: str) -> bool:
    """Whether most words of a line are capitalised (a title, table header or menu)."""
    words = WORD_TOKEN.findall(line)
    return 2 * sum(1 for w in words if w[:1].isupper()) >= len(words)


PROSE_LINE_WORDS = 6  # a line this long, broken before a repeat, is hard-wrapped prose


def wrapped_prose(text: str, offset: int) -> bool:
    """Whether the line ending just before ``offset`` reads as hard-wrapped prose, not a menu item."""
    return len(WORD_TOKEN.findall(line_around(text, offset))) >= PROSE_LINE_WORDS


def lowered(words) -> frozenset:
    return frozenset(w.lower() for w in words)


ENGLISH_SAMPLE = 4000  # characters looked at to tell English from other languages


def is_english(doc) -> bool:
    """Whether English function words make up a fair share of the document's first words.

    Doubles, echoes and cut words are ordinary grammar in other languages
    (Indonesian "amat amat", reduplicated plurals), so the rules stay quiet there.
    """
    def decide():
        words = [w.lower() for w in WORD_TOKEN.findall(doc.masked, 0, ENGLISH_SAMPLE)]
        return len(words) < 20 or sum(w in FUNCTION_WORDS for w in words) >= 0.2 * len(words)
    return doc.memo("phrasing.english", decide)


# --- G101 doubled word -------------------------------------------------------------

DOUBLED = compile_regex(
    rf"{NOT_BEFORE}(?P<word>{WORD})(?P<again>(?:\s+(?P=word))+){NOT_AFTER}",
    regex.IGNORECASE,
)
ALLOWED_WORDS = lowered(DOUBLES["words"])
AFTER_VERB = lowered(DOUBLES["after-verb"])
ALLOWED_NAMES = frozenset(DOUBLES["names"])  # matched with their capitals: "The The", not "the the"
VERB_ENDINGS = ("ed", "en")
IRREGULAR_VERBS = frozenset(
    """came come comes coming went go goes going gone set sets put puts got get gets
    getting held hold holds took take takes sat sit stood stand ran run runs cut shut
    brought bring caught kept keep left let sent built fought sworn swore swear told
    tell tells bet gave give gives show shows showed ask asks made make makes paid pay
    turned move moves stepped step steps pulled pull log logs sign signs
    handed hand hands carried carry""".split()
)
PREVIOUS_WORD = compile_regex(rf"({WORD})\s*$")
NEXT_CAPITAL = compile_regex(r"[ \t]+\p{Lu}")
LOOK_BACK = 80  # characters searched for the word before a double


@dataclass(frozen=True)
class DoubledOptions:
    allow: tuple[str, ...] = ()


def doubled_runs(text: str, words: Words | None = None):
    """Groups of adjacent doubled words: [(start, end, [words])], "in in the the" is one group.

    With ``words`` (the text's words), ``DOUBLED`` is tried only where a word is
    followed by itself ignoring case: it matches whole words only (its
    look-arounds see to that), so it finds the same there as a scan of the text.
    """
    runs: list[list] = []
    if words is None:
        matches = DOUBLED.finditer(text)
    else:
        matches = matches_at(DOUBLED, text, (words.span(i)[0] for i in equal_at(words.folded, 1)))
    for m in matches:
        if runs and not text[runs[-1][1] : m.start()].strip():
            runs[-1][1] = m.end()
            runs[-1][2].append(m)
        else:
            runs.append([m.start(), m.end(), [m]])
    return runs


def allowed_double(text: str, m, allow: frozenset) -> bool:
    """Whether one doubled word is correct English or a name that doubles itself.

    ``allow`` holds the user's additions: lower-case words, or names with capitals.
    """
    word = m.group("word")
    low = word.lower()
    copies = [word] + WORD_TOKEN.findall(m.group("again"))
    if low in ALLOWED_WORDS or low in allow or " ".join(copies[:2]) in ALLOWED_NAMES | allow:
        return True
    if len(word) == 1 and word not in "aAI":
        return True  # initials and list letters ("B B King", "a) b) c)")
    if LINE_BREAK.search(m.group("again")) and not wrapped_prose(text, m.start()):
        return True  # one short line after another: a menu or list, not a slip
    if word[:1].isupper() and copies[1][:1].isupper():
        if title_case(line_around(text, m.start(), m.end())):
            return True  # a table header or title ("Last Change Change %"), not running text
        if NEXT_CAPITAL.match(text, m.end()):
            return True  # part of a longer name ("Big Big News")
    if low in AFTER_VERB:
        before = PREVIOUS_WORD.search(text, max(0, m.start() - LOOK_BACK), m.start())
        prev = before.group(1).lower() if before else ""
        return prev.endswith(VERB_ENDINGS) or prev in IRREGULAR_VERBS or prev in AFTER_VERB
    return False


@rule("G101", "doubled-word", scope=Scope.PARAGRAPH, options=DoubledOptions)
def doubled_word(paragraph, ctx):
    """What it flags: a word printed twice in a row ("the the"), in any case, also across a
    line break inside one paragraph; a run of doubles ("in in the the") is one finding.

    Why: a doubled word is the commonest slip of editing, and spinners that rewrite
    word by word leave runs of them. Correct doubles are left alone: "had had",
    "that that", "sworn in in May", names such as "Bora Bora" and "Walla Walla"
    (see `data/correct_doubles.yaml`; add your own with `allow`).

    Example: `The council will vote on the the budget in in the the spring.`

    Prefer: `The council will vote on the budget in the spring.`
    """
    if not is_english(ctx.doc):
        return
    allow = frozenset(ctx.options.allow)
    text = paragraph.text
    for start, end, matches in doubled_runs(text, paragraph_words(ctx.doc, paragraph)):
        if len(matches) == 1 and allowed_double(text, matches[0], allow):
            continue
        single = " ".join(m.group("word") for m in matches)
        shown = text[start:end]
        yield ctx.report(
            paragraph.at(start, end),
            f"'{' '.join(shown.split())}' repeats a word; check for a slip of editing",
            suggestions=(single,),
        )


# --- G102 echoed phrase ------------------------------------------------------------

ECHO = compile_regex(
    rf"{NOT_BEFORE}(?P<phrase>{WORD}(?:\s+{WORD}){{1,3}})(?P<sep>\s+)(?P=phrase){NOT_AFTER}",
    regex.IGNORECASE,
)
NAME_WORD = r"\p{Lu}\p{Ll}++(?:\p{Lu}\p{Ll}++)?(?:['\u2019]\p{L}++)?"
# "near Harrow Fenwick Harrow." : a name of two to four capitalised words, then its first
# word again at the end of a clause, in running text (a lower-case word before it).
WRAP = compile_regex(
    rf"(?<=(?<!\p{{L}})\p{{Ll}}++[,]?[ \t]+)(?P<name>(?P<first>{NAME_WORD})(?:[ \t]+{NAME_WORD}){{1,3}})"
    rf"[ \t]+(?P=first)(?=[ \t]*(?:[.,;:!?)]|$))",
    regex.MULTILINE,
)
ALLOWED_PHRASES = lowered(DOUBLES["phrases"])


# "on and on and on", "over and over and over": repetition with a conjunction is an idiom.
CONJUNCTIONS = frozenset("and or".split())


def echo_starts(words: Words) -> list[int]:
    """Where ``ECHO`` can match: two to four words that come back at once, ignoring case.

    ``ECHO`` and ``WRAP`` match whole words only (their look-arounds see to that),
    so trying them only at these words finds what a scan of the text would.
    """
    found = {i for k in (2, 3, 4) for i in repeats_at(words.folded, k)}
    return [words.span(i)[0] for i in sorted(found)]


def wrap_starts(words: Words) -> list[int]:
    """Where ``WRAP`` can match: a capitalised word that comes back two to four words later."""
    found = {i for k in (2, 3, 4) for i in equal_at(words.words, k) if words.words[i][:1].isupper()}
    return [words.span(i)[0] for i in sorted(found)]


@rule("G102", "echoed-phrase", scope=Scope.PARAGRAPH)
def echoed_phrase(paragraph, ctx):
    """What it flags: a phrase of two to four words printed twice in a row ("the new the
    new"), and a name that wraps round to its own first word ("the river burst its
    banks near Harrow Fenwick Harrow.").

    Why: both are the marks of a spinner or a bad merge of two drafts; readers stop
    trusting the copy. Separated repeats ("New York, New York", "again and again",
    "day by day") are not echoes and are left alone.

    Example: `The mayor opened the new the new library in Eastbrook Vale Eastbrook.`

    Prefer: `The mayor opened the new library in Eastbrook Vale.`
    """
    if not is_english(ctx.doc):
        return
    tokens = paragraph_words(ctx.doc, paragraph)
    text = paragraph.text
    for m in matches_at(ECHO, text, echo_starts(tokens)):
        phrase = m.group("phrase")
        words = phrase.lower().split()
        if " ".join(words) in ALLOWED_PHRASES or (len(words) == 2 and CONJUNCTIONS & set(words)):
            continue
        if LINE_BREAK.search(m.group("sep")) and not wrapped_prose(text, m.start()):
            continue  # a repeated line (menu, list) rather than a repeated phrase
        if phrase[:1].isupper() and title_case(line_around(text, m.start(), m.end())):
            continue  # a title or byline printed twice ("By Ann Lee Ann Lee"): template residue
        yield ctx.report(
            paragraph.at(*m.span()),
            f"'{' '.join(phrase.split())}' is printed twice in a row; check for a spinner or merge echo",
            suggestions=(phrase,),
        )
    for m in matches_at(WRAP, text, wrap_starts(tokens)):
        whole = " ".join(m.group().split())
        if whole.lower() in ALLOWED_PHRASES or title_case(line_around(text, m.start(), m.end())):
            continue
        yield ctx.report(
            paragraph.at(*m.span()),
            f"'{whole}' wraps round to its first word; check the name",
            suggestions=(m.group("name"),),
        )


# --- G103 truncated term -----------------------------------------------------------

# Endings that make a related word rather than a cut one: "state"/"statement".
SUFFIXES = frozenset(
    """s es er ers or ors ed ing ings ment ments ness ity ities ion ions ation ations
    ist ists ism ian ians ese al als ally ial ic ical ics ive ives ous ful less able
    ible ance ence ant ants ent ents ure ures age ages ery ship dom ee ees hood ward
    wards ly ry ies ish ize ise ized ised ette ettes ling lings let lets""".split()
)
# Two-word frames in which a short noun is an idiom, not a cut term.
IDIOMS = compile_regex(
    r"""(?ix)
    \bball\s+(?:\p{L}+\s+){0,3}?in\s+(?:\p{L}+['\u2019]?s?\s+){1,2}court\b
    | \bon\s+the\s+ball\b | \bdrop(?:s|ped|ping)?\s+the\s+ball\b | \bthe\s+ball\s+rolling\b
    | \b(?:miss(?:es|ed|ing)?|hit(?:s|ting)?|overshot|wide\s+of|off)\s+the\s+mark\b
    | \bthe\s+tank\s+(?:is\s+)?empty\b
    """
)
REPORTING = frozenset("said says say told added according".split())
IDIOM_REACH = 60  # characters around a short noun searched for an idiom
MAX_CUT_USES = 2  # a cut term is rare: used once or twice


class Words:
    """The words of a text (``WORD_TOKEN`` matches), built once and shared by the rules.

    The lists come from C-level calls (``findall``, ``str.lower`` on the joined
    words); offsets, which need a Python object per word, are found on demand and
    only as far as the last word asked for.
    """

    def __init__(self, text: str, share: bool = False) -> None:
        self.text = text
        self._share = share
        self.words: list[str] = self._shared(WORD_TOKEN.findall(text))
        self._joined = " ".join(self.words)  # words hold no spaces, and lower-casing never adds one
        self.low: list[str] = self._shared(self._joined.lower().split(" ")) if self.words else []
        self._spans = array("q")  # start, end, start, end, ...: 16 bytes a word
        self._finder = None

    def _shared(self, words: list[str]) -> list[str]:
        """In a long text, one string object per distinct word (a few MB instead of hundreds)."""
        return list(map(sys.intern, words)) if self._share else words

    @cached_property
    def folded(self) -> list[str]:
        """Case-folded words: equal wherever a case-insensitive regex back-reference could match."""
        return self._shared(self._joined.casefold().split(" ")) if self.words else []

    @cached_property
    def apostrophes(self) -> list[str]:
        """Lower-cased words with the typographic apostrophe made straight."""
        if "\u2019" not in self._joined:
            return self.low
        return self._shared([w.replace("\u2019", "'") for w in self.low])

    def span(self, i: int) -> tuple[int, int]:
        """The offsets of word ``i`` in the text."""
        spans = self._spans
        if 2 * i >= len(spans):
            if self._finder is None:
                self._finder = WORD_TOKEN.finditer(self.text)
            more = i + 1 - len(spans) // 2 + SPAN_BATCH
            spans.extend(chain.from_iterable(m.span() for m in islice(self._finder, more)))
        return spans[2 * i], spans[2 * i + 1]


SPAN_BATCH = 256  # word offsets found at a time
SHARE_ABOVE = 100_000  # characters: the words of longer documents share their strings


class DocumentWords:
    """A document's words: its paragraphs' words end to end (every word is in one paragraph)."""

    def __init__(self, parts: list[tuple[int, Words]]) -> None:
        self.parts = parts
        self.words: list[str] = list(chain.from_iterable(part.words for _, part in parts))
        self.low: list[str] = list(chain.from_iterable(part.low for _, part in parts))
        self._firsts = list(accumulate((len(part.words) for _, part in parts[:-1]), initial=0))

    def span(self, i: int) -> tuple[int, int]:
        k = bisect_right(self._firsts, i) - 1
        offset, part = self.parts[k]
        a, b = part.span(i - self._firsts[k])
        return offset + a, offset + b


def word_tokens(doc) -> DocumentWords:
    """The document's words, computed once per document."""
    return doc.memo("phrasing.words", lambda: DocumentWords(
        [(p.start, paragraph_words(doc, p)) for p in doc.paragraphs]))


def paragraph_words(doc, paragraph) -> Words:
    """A paragraph's words, computed once and shared by the paragraph rules."""
    cache = doc.memo("phrasing.paragraph-words", dict)
    words = cache.get(paragraph.start)
    if words is None:
        words = cache[paragraph.start] = Words(paragraph.text, share=len(doc.masked) > SHARE_ABOVE)
    return words


def matches_at(pattern: regex.Pattern, text: str, starts) -> list:
    """What ``pattern.finditer(text)`` finds, for a pattern that can only match where a
    word of ``starts`` (offsets, in increasing order) begins: tried there, and nowhere else."""
    found, end = [], 0
    for at in starts:
        if at >= end:
            m = pattern.match(text, at)
            if m:
                found.append(m)
                end = m.end()
    return found


def repeats_at(seq: list, k: int):
    """The indexes i where ``seq[i:i+k] == seq[i+k:i+2k]`` (a run of k items printed twice)."""
    for i in compress(count(), map(eq, seq, seq[k:])):
        if seq[i : i + k] == seq[i + k : i + 2 * k]:
            yield i


def equal_at(seq: list, k: int):
    """The indexes i where ``seq[i] == seq[i+k]``."""
    return compress(count(), map(eq, seq, seq[k:]))


def cut_candidates(counts: Counter):
    """(short, long) pairs where ``short`` is a rare word that is a strict prefix of a frequent ``long``."""
    for long, n_long in counts.items():
        if len(long) < 6 or n_long < 3:
            continue
        for k in range(4, len(long) - 1):
            short, cut = long[:k], long[k:]
            if short in counts and cut not in counts:
                yield short, long


def truncated_terms(doc):
    """(start, end, short, long) for each short noun that looks like a cut-off salient term.

    A salient term is a lower-case noun of six or more letters used at least three
    times and at least twice after a determiner. A cut is a different word that is
    a strict prefix of it (four or more letters, two or more cut off), used only
    after a determiner, once or twice, never otherwise. When what was cut off is an
    ordinary ending ("tanker"/"tank") the short word must also share a following
    verb or noun with the long one ("the tanker ran" / "the tank ran").
    """
    tokens = word_tokens(doc)
    words, low = tokens.words, tokens.low
    text = doc.masked
    counts = Counter(low)
    pairs = list(cut_candidates(counts))
    if not pairs:
        return
    wanted = {w for pair in pairs for w in pair}
    where: defaultdict = defaultdict(list)
    for i in compress(count(), map(wanted.__contains__, low)):
        where[low[i]].append(i)

    def after_det(i: int) -> bool:
        return i > 0 and low[i - 1] in DETERMINERS

    def name_like(w: str) -> bool:  # capitalised after a lower-case word: a name
        return any(words[i][:1].isupper() and i and words[i - 1][:1].islower() for i in where[w])

    def in_idiom(i: int) -> bool:
        a, b = tokens.span(i)
        lo = max(0, a - IDIOM_REACH)
        return any(m.start() <= a and b <= m.end() for m in IDIOMS.finditer(text, lo, b + IDIOM_REACH))

    def next_words(w: str) -> set:
        found = (low[i + 1] for i in where[w] if i + 1 < len(low))
        return {n for n in found if n not in FUNCTION_WORDS and n not in REPORTING}

    for short, long in pairs:
        cut = long[len(short):]
        if sum(after_det(i) for i in where[long]) < 2 or name_like(long) or name_like(short):
            continue
        if counts.get(short + "s", 0) or counts.get(short + "es", 0):
            continue  # its plural (or verb form) is in use too: an ordinary word
        plain = []  # its uses outside idioms; more than MAX_CUT_USES rules it out, so stop there
        for i in where[short]:
            if not in_idiom(i):
                plain.append(i)
                if len(plain) > MAX_CUT_USES:
                    break
        if not plain or len(plain) > MAX_CUT_USES:
            continue
        if not all(after_det(i) for i in plain) or counts[long] < 2 * len(plain) + 1:
            continue
        if any(i + 1 < len(low) and low[i + 1] == "of" for i in plain):
            continue  # "the rest of", "the part of": an ordinary noun
        if (cut in SUFFIXES or len(cut) <= 2) and not next_words(short) & next_words(long):
            continue
        for i in plain:
            start, end = tokens.span(i)
            yield start, end, words[i], long


@rule("G103", "truncated-term", scope=Scope.DOCUMENT)
def truncated_term(doc, ctx):
    """What it flags: a noun that is the cut-off form of a term the article keeps using:
    "the bull" in a story about a "bulldozer", "the tank ran aground" in a story
    about a "tanker".

    Why: spinners and careless find-and-replace clip words, and the clipped word is
    a real word, so a spelling checker passes it. Only rare short forms seen after
    "the"/"a" are flagged, never related words ("statement"/"state",
    "worker"/"work") unless they share the long term's verbs, and idioms such as
    "the ball is in their court" are left alone.

    Example: `A bulldozer sank at Quenby Flats ... Residents said the bull had been working there.`

    Prefer: `Residents said the bulldozer had been working there.`
    """
    if not is_english(doc):
        return
    for start, end, short, long in truncated_terms(doc):
        suggestion = long.capitalize() if short[:1].isupper() else long
        yield ctx.report(
            (start, end),
            f"'{short}' may be a cut-off '{long}', which the article uses elsewhere; check the word",
            suggestions=(suggestion,),
        )


# --- G104 lower-cased name ---------------------------------------------------------

NAME_RUN = compile_regex(rf"{NAME_WORD}(?:[ \t]+{NAME_WORD})+")
OPENERS = frozenset('.!?:"(\u201c')
# Words that start or end a capitalised run without being part of a personal or
# place name, and institutional words whose lower-case use is ordinary English.
NOT_NAME_WORDS = frozenset(
    """the a an and of in on at for to by but or as if it its this that these those
    he she they we i you his her their our mr mrs ms dr
    president minister secretary director governor senator chief officer chairman
    chairwoman chair executive spokesman spokeswoman spokesperson mayor judge justice
    general colonel captain sergeant lieutenant commander admiral ambassador envoy
    prime deputy vice foreign state federal national international former acting
    representative congressman congresswoman speaker leader professor doctor coach
    king queen prince princess lord lady sir saint pope bishop archbishop reverend
    court house senate congress party committee council department ministry agency
    office bank university college school street road avenue river lake park
    sea ocean gulf bay strait island islands mountain mountains valley desert coast
    hospital church company group association union act law day week war cup
    league award prize festival games open conference summit center centre airport
    station bridge square hall tower museum times post news service services
    administration authority commission board force army navy guard police fund
    program programme project plan policy market exchange reserve index report
    foundation institute society trust network alliance coalition front movement
    republic kingdom empire nations government city county district region province
    north south east west northern southern eastern western central new old great
    united american british chinese russian european african asian
    january february march april may june july august september october november
    december monday tuesday wednesday thursday friday saturday sunday
    white black red green blue""".split()
)
NOT_A_NAME_BEFORE = DETERMINERS | frozenset(
    "any every each some no another other former late".split()
)
HAS_CAPITAL = compile_regex(r"\b\p{Lu}")
LINK_MARK = compile_regex(r"/|@|www\.|\.(?:com|org|net)\b")
MIN_CONTEXT_WORDS = 6  # a line this long, mostly lower case, is running text


def starts_clause(text: str, offset: int) -> bool:
    """Whether ``text[offset:]`` begins a sentence, quotation or bracket."""
    j = offset - 1
    while j >= 0 and text[j].isspace():
        j -= 1
    return j < 0 or text[j] in OPENERS


def running_text(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` stands in running text, not a headline, caption or menu."""
    line = line_around(text, start, end)
    return len(WORD_TOKEN.findall(line)) >= MIN_CONTEXT_WORDS and not title_case(line)


def in_link(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is part of a URL, handle or e-mail address."""
    a, b = start, end
    while a > 0 and a > start - REACH and not text[a - 1].isspace():
        a -= 1
    while b < len(text) and b < end + REACH and not text[b].isspace():
        b += 1
    return bool(LINK_MARK.search(text, a, b))


def capitalised_names(text: str) -> dict:
    """Lower-cased multiword names -> the spans where they are written with capitals."""
    names: defaultdict = defaultdict(list)
    for m in NAME_RUN.finditer(text):
        parts = m.group().split()
        if starts_clause(text, m.start()):
            parts = parts[1:]
        while parts and parts[0].lower() in NOT_NAME_WORDS:
            parts = parts[1:]
        while parts and parts[-1].lower() in NOT_NAME_WORDS:
            parts = parts[:-1]
        if len(parts) >= 2 and not any(p.lower() in NOT_NAME_WORDS for p in parts):
            names[" ".join(parts).lower()].append(m.span())
    return names


def lowercased_names(doc):
    """(start, end, shown name) for each fully lower-case use of a capitalised name.

    A name counts only when it is capitalised, in running text, at least as often
    as it is written in lower case, and its last word is never used in lower case
    anywhere else in the article (nor its plural): "Magic Keyboard" / "magic
    keyboard" is a product beside "the keyboard", while "Mira Talbot" / "mira
    talbot" is a person. Lower-case uses after "the", in links, and in text written
    all in lower case (a reader's comment, a tweet) are left alone.
    """
    text = doc.masked
    names = capitalised_names(text)
    if not names:
        return
    tokens = word_tokens(doc)
    words, low = tokens.words, tokens.low
    firsts = {key.split()[0] for key in names}
    lengths = sorted({key.count(" ") + 1 for key in names}, reverse=True)
    found: defaultdict = defaultdict(list)
    for i in compress(count(), map(firsts.__contains__, words)):
        span = tokens.span
        for n in lengths:
            key = " ".join(words[i : i + n])
            gaps = (text[span(j)[1] : span(j + 1)[0]] for j in range(i, min(i + n, len(words)) - 1))
            if key in names and all(g.strip() == "" and "\n" not in g for g in gaps):
                found[key].append(i)
                break
    lower_uses = Counter(words)
    for key, starts in found.items():
        last = key.split()[-1]
        if len(starts) > len(names[key]) or lower_uses[last] != len(starts) or lower_uses[last + "s"]:
            continue
        if not any(running_text(text, a, b) for a, b in names[key]):
            continue
        shown = text[slice(*names[key][0])]
        shown = " ".join(w for w in shown.split() if w.lower() in key.split())
        n = key.count(" ") + 1
        for i in starts:
            start, end = tokens.span(i)[0], tokens.span(i + n - 1)[1]
            if i and low[i - 1] in NOT_A_NAME_BEFORE:
                continue
            if in_link(text, start, end) or not HAS_CAPITAL.search(line_around(text, start, end)):
                continue
            yield start, end, shown


@rule("G104", "lowercased-name", scope=Scope.DOCUMENT)
def lowercased_name(doc, ctx):
    """What it flags: a name of two or more words that the article capitalises in
    running text but also prints fully in lower case ("Mira Talbot" ... "mira talbot").

    Why: a lower-cased name is the mark of a spinner or a careless paste, and it
    reads as a slight. Titles and institutions whose lower-case use is ordinary
    ("Prime Minister" / "the prime minister", "Supreme Court"), names after "the",
    and text inside links, handles and e-mail addresses are left alone. Spelling
    changes of a name belong to the C family.

    Example: `Port engineer Mira Talbot said ... Officials said mira talbot signed it.`

    Prefer: `Officials said Mira Talbot signed it.`
    """
    if not is_english(doc):
        return
    for start, end, shown in lowercased_names(doc):
        yield ctx.report(
            (start, end),
            f"'{doc.text[start:end]}' is written '{shown}' elsewhere in the article; check the capitals",
            suggestions=(shown,),
        )


# --- G105 repeated clause ----------------------------------------------------------

@dataclass(frozen=True)
class RepeatedClauseOptions:
    min_words: int = 7


# A whitespace-separated token without its edge punctuation, so numbers and links count.
CHUNK = compile_regex(r"[\p{L}\p{N}](?:\S*[\p{L}\p{N}])?")


def chunks(text: str):
    return [(m.group(), m.start(), m.end()) for m in CHUNK.finditer(text)]


def line_start(text: str, offset: int) -> bool:
    """Whether only spaces stand between ``offset`` and the start of its line."""
    j = offset - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    return j < 0 or text[j] in "\r\n"


def may_repeat(text: str, n: int) -> bool:
    """Whether some run of ``n`` tokens occurs twice in ``text``, without overlap: a
    cheap test (C-level calls only) that ``repeated_clause`` needs to pass to find anything."""
    if n < 1 or len(text.split()) < 2 * n:  # a token never spans a space
        return False
    tokens = CHUNK.findall(text)
    low = " ".join(tokens).lower().split(" ")
    if len(low) < 2 * n or len(set(low)) > len(low) - n:  # the second copy repeats n earlier tokens
        return False
    grams = list(zip(*(low[j:] for j in range(n))))
    return len(set(grams)) < len(grams)


def repeated_clause(text: str, n: int):
    """(start, end, words) of the first run of ``n`` tokens that recurs later in ``text``.

    The run must hold two or more words that are not function words, and the
    second copy must not overlap the first. Lists of links and titles printed twice
    are template residue, not clauses: the second copy must sit in a line of prose,
    not start a line, and the repeat must not be a whole line printed twice.
    """
    tokens = chunks(text)
    low = [w.lower() for w, _, _ in tokens]
    content = [0]  # content[i]: words before token i that are not function words
    for w in low:
        content.append(content[-1] + (w not in FUNCTION_WORDS))
    seen: dict = {}
    done = 0  # tokens before this belong to a repeat already looked at
    for i in range(len(tokens) - n + 1):
        if content[i + n] - content[i] < 2:
            continue
        key = tuple(low[i : i + n])
        first = seen.setdefault(key, i)
        if first + n > i or i < done:
            continue
        f, k = first, i  # widen the repeat to its full extent on both sides
        while f > 0 and low[f - 1] == low[k - 1]:
            f, k = f - 1, k - 1
        j = i + n
        while j < len(tokens) and f + (j - k) < k and low[j] == low[f + j - k]:
            j += 1
        done = j
        second = tokens[k][1]
        whole_line = line_start(text, tokens[f][1]) and not text[tokens[f + (j - k) - 1][2] : second].strip()
        if whole_line or line_start(text, second) or not wrapped_prose(text, second):
            continue
        return second, tokens[j - 1][2], " ".join(w for w, _, _ in tokens[k:j])
    return None


@rule("G105", "repeated-clause", scope=Scope.SENTENCE, options=RepeatedClauseOptions)
def repeated_clause_rule(sentence, ctx):
    """What it flags: the same run of seven or more words (`min-words`) twice in one
    sentence.

    Why: a clause that comes back inside one sentence is a merge of two drafts or a
    spinner loop; the sentence then says one thing twice and its grammar breaks.
    Shorter repeats are left alone: they are usually deliberate parallels ("they
    voted for control of the ..., they voted for control of the ...").

    Example: `The bridge will reopen in June after repairs, officials said, the bridge will reopen in June after repairs.`

    Prefer: `The bridge will reopen in June after repairs, officials said.`
    """
    if not is_english(ctx.doc) or not may_repeat(sentence.text, ctx.options.min_words):
        return
    found = repeated_clause(sentence.text, ctx.options.min_words)
    if found:
        start, end, words = found
        yield ctx.report(
            sentence.at(start, end),
            f"'{words}' already appears earlier in this sentence; check for a repeated clause",
        )


# --- G106 truncated ending ---------------------------------------------------------

@dataclass(frozen=True)
class TruncatedEndingOptions:
    min_words: int = 8


MARKUP_BLOCK = compile_regex(r"[ \t]*(?:#{1,6}[ \t]|[-*+][ \t]|\d{1,9}[.)][ \t]|>|\|)")
TERMINAL = frozenset(".!?\u2026:;)]\"'\u201d\u2019*")
LAST_WORDS = compile_regex(rf"(?:{WORD}[\s,]+){{0,2}}(?P<last>{WORD})(?P<tail>[,\u2013\u2014-]?)\s*\Z")
TAIL = 120  # characters searched for the last words of a paragraph
LAST_LINE_WORDS = 4  # a cut paragraph's last line is prose, not a two-word footer


def mostly_prose_lines(text: str) -> bool:
    """Whether most lines of a paragraph are prose-length (not a block of menu lines)."""
    lines = LINE_BREAK.split(text)
    long_lines = sum(1 for line in lines if len(WORD_TOKEN.findall(line)) >= PROSE_LINE_WORDS)
    return 2 * long_lines >= len(lines)


def truncated_ending(doc, min_words: int):
    """The span of the words that end the article mid-phrase, or None.

    The article's end is its last prose paragraph of ``3 * min_words`` words or more
    that ends a sentence, most of its lines prose-length; only paragraphs after it
    can be cut off, so residue after the story ("Share", "Related posts", a block
    of menu lines ending in "All rights reserved.") does not count. A cut
    paragraph has ``min_words`` words or more, is not a heading or list item, and
    ends on a function word, a comma or a dash with no closing punctuation, in a
    last line of ``LAST_LINE_WORDS`` words or more.
    """
    paragraphs = doc.body_paragraphs
    for paragraph in reversed(paragraphs):
        text = paragraph.text
        words = len(paragraph_words(doc, paragraph).words)
        line_start = max(doc.text.rfind("\n", 0, paragraph.start), doc.text.rfind("\r", 0, paragraph.start)) + 1
        if MARKUP_BLOCK.match(doc.text, line_start) or words < min_words:
            continue
        if text[-1] in TERMINAL:
            if words >= 3 * min_words and mostly_prose_lines(text):
                return None
            continue
        last_line = LINE_BREAK.split(text[-TAIL:])[-1]
        m = LAST_WORDS.search(text, max(0, len(text) - TAIL))
        if len(WORD_TOKEN.findall(last_line)) < LAST_LINE_WORDS:
            continue  # a footer line such as "Developed by", not a cut sentence
        if m and (m.group("tail") or m.group("last").lower() in FUNCTION_WORDS):
            return paragraph.at(*m.span()), m.group().strip()
    return None


@rule("G106", "truncated-ending", scope=Scope.DOCUMENT, options=TruncatedEndingOptions)
def truncated_ending_rule(doc, ctx):
    """What it flags: an article whose last paragraph stops mid-sentence, on "the", "of",
    "and" or a comma, with no closing punctuation.

    Why: copy lost at the end (a scraper cut-off, a paste that stopped short)
    leaves the reader without the story's last point. Residue lines after the story
    (share buttons, related links, comment forms), headings and list items are not
    the end of the article.

    Example: `... a firm commitment to open records and the rule of`

    Prefer: `... a firm commitment to open records and the rule of law.`
    """
    if not is_english(doc):
        return
    found = truncated_ending(doc, ctx.options.min_words)
    if found:
        span, words = found
        yield ctx.report(span, f"The article stops mid-sentence at '{words}'; check for copy lost at the end")


# --- G107 tortured phrase ----------------------------------------------------------

@dataclass(frozen=True)
class TorturedOptions:
    extra_phrases: dict = field(default_factory=dict)


PHRASE_SEPARATOR = r"(?:\s*[-\u2010\u2011]\s*|\s+)"
PHRASE_WORD = compile_regex(r"[^\s\u2010\u2011-]+")
# Where a phrase can start: a word or number, not inside another word.
PHRASE_START = compile_regex(r"(?<![\p{L}\p{N}])[\p{L}\p{N}]++(?:['\u2019]\p{L}++)*+")


def phrase_key(phrase: str) -> tuple[str, ...]:
    return tuple(w.lower().replace("\u2019", "'") for w in PHRASE_WORD.findall(phrase))


PHRASE_GAP = compile_regex(r"\s*[-\u2010\u2011]\s*|\s+")
LETTER_OR_DIGIT = compile_regex(r"[\p{L}\p{N}]")
LETTERS = compile_regex(r"\p{L}++(?:'\p{L}++)*+")


@dataclass(frozen=True)
class Lexicon:
    """The tortured phrases as a trie of lower-cased words ("" marks a phrase's end)."""

    trie: dict
    standard: dict  # phrase key -> standard term
    # The first two words of the phrases that open with two plain words (which WORD_TOKEN
    # finds as neighbours wherever the phrase occurs), and the first word of the others;
    # None when a phrase opens with a word WORD_TOKEN does not find whole.
    openings: frozenset | None
    first_words: frozenset


@lru_cache(maxsize=8)
def tortured_lexicon(extra: tuple[tuple[str, str], ...]) -> Lexicon:
    """The built-in lexicon plus ``extra``, loaded on first use."""
    standard = {}
    for phrase, term in list(tortured_data().items()) + list(extra):
        key = phrase_key(str(phrase))
        if key:
            standard[key] = str(term)
    trie: dict = {}
    for key in standard:
        node = trie
        for word in key:
            node = node.setdefault(word, {})
        node[""] = {}
    openings, first_words = set(), set()
    for key in standard:
        if len(key) >= 2 and LETTERS.fullmatch(key[0]) and LETTERS.fullmatch(key[1]):
            openings.add(key[:2])
        else:
            first_words.add(key[0])
    plain = all(LETTERS.fullmatch(w) for w in first_words)
    return Lexicon(trie, standard, frozenset(openings) if plain else None, frozenset(first_words))


@cache
def tortured_data() -> dict:
    return load_lexicon("tortured_phrases.yaml")


def tortured_phrases(text: str, trie: dict, starts: list[int] | None = None):
    """(start, end) of the lexicon's phrases in ``text``, left to right, not overlapping.

    A phrase starts at a word or number that is not inside another word; its
    words are matched ignoring case, with either apostrophe, separated by
    spaces or a hyphen, and it must not run on into a letter or digit. Where
    several phrases start at one word, the first in word order wins, a longer
    one before a shorter (as a regex alternation over the sorted trie would).
    ``starts`` (offsets of words, in order) limits the search to those words.
    """
    end = 0
    if starts is None:
        tokens = PHRASE_START.finditer(text)
    else:  # a word start that is not inside a longer token ("1'abc" is one token)
        tokens = (PHRASE_START.match(text, at) for at in starts
                  if not (at > 1 and text[at - 1] in "'\u2019" and LETTER_OR_DIGIT.match(text, at - 2)))
    for token in tokens:
        if token is None or token.start() < end:
            continue
        word = token.group()
        key = word.lower().replace("\u2019", "'")
        node = trie.get(key)
        if node is None or len(key) != len(word):
            continue
        stop = _after_word(text, node, token.end())
        if stop is not None:
            end = stop
            yield token.start(), stop


def _after_word(text: str, rest: dict, at: int) -> int | None:
    """Where a phrase ends, given that a word leading to trie node ``rest`` ends at ``at``."""
    if len(rest) > ("" in rest):  # longer phrases continue from here: try them first
        gap = PHRASE_GAP.match(text, at)
        if gap:
            stop = _next_word(text, rest, gap.end())
            if stop is not None:
                return stop
    if "" in rest and not LETTER_OR_DIGIT.match(text, at):
        return at
    return None


def _next_word(text: str, node: dict, at: int) -> int | None:
    run = PHRASE_WORD.match(text, at)
    if run is None:
        return None
    shown = run.group()
    low = shown.lower().replace("\u2019", "'")
    if len(low) != len(shown):
        return None
    # A word of the trie can only be the whole run or, when the phrase ends there, a prefix
    # of it followed by punctuation; prefixes sort shortest first, as the alternation did.
    for k in range(1, len(low) + 1):
        rest = node.get(low[:k])
        if rest is not None:
            stop = _after_word(text, rest, at + k)
            if stop is not None:
                return stop
    return None


def phrase_starts(words: Words, lexicon: Lexicon) -> list[int] | None:
    """Offsets of the words where a phrase of the lexicon can start: two neighbouring
    words that open a phrase, or a word that opens one of the others. None when a
    phrase opens with a word that ``WORD_TOKEN`` does not find whole: then anywhere.

    A phrase's second word may end where the text goes on with an apostrophe
    ("organization's"), so a word is also tried without what follows its apostrophe.
    """
    if lexicon.openings is None:
        return None
    low = words.apostrophes
    found = set(compress(count(), map(lexicon.openings.__contains__, zip(low, low[1:]))))
    if "'" in words._joined or "\u2019" in words._joined:
        cut = [w.split("'", 1)[0] for w in low]
        found.update(compress(count(), map(lexicon.openings.__contains__, zip(low, cut[1:]))))
    found.update(compress(count(), map(lexicon.first_words.__contains__, low)))
    return [words.span(i)[0] for i in sorted(found)]


def with_case_of(term: str, found: str) -> str:
    """The standard term, capitalised like the phrase it replaces when it is lower case."""
    if term[:1].islower() and found[:1].isupper():
        return term[:1].upper() + term[1:]
    return term


@rule("G107", "tortured-phrase", scope=Scope.PARAGRAPH, options=TorturedOptions)
def tortured_phrase(paragraph, ctx):
    """What it flags: a known spinner substitution ("tortured phrase"): a standard term
    replaced word by word with synonyms, such as "bosom peril" for "breast cancer" or
    "counterfeit consciousness" for "artificial intelligence".

    Why: these phrases mean nothing to readers and prove that the copy was run
    through a paraphrasing tool. The lexicon is `data/tortured_phrases.yaml`; add
    house entries with `extra-phrases: {"tortured phrase": "standard term"}`.

    Example: `Doctors at the clinic screen for bosom peril every spring.`

    Prefer: `Doctors at the clinic screen for breast cancer every spring.`
    """
    extra = tuple(sorted((str(k), str(v)) for k, v in ctx.options.extra_phrases.items()))
    lexicon = tortured_lexicon(extra)
    starts = phrase_starts(paragraph_words(ctx.doc, paragraph), lexicon)
    if starts == []:
        return
    text = paragraph.text
    for start, end in tortured_phrases(text, lexicon.trie, starts):
        phrase = text[start:end]
        term = lexicon.standard[phrase_key(phrase)]
        found = " ".join(phrase.split())
        yield ctx.report(
            paragraph.at(start, end),
            f"'{found}' looks like a spun paraphrase of '{term}'; check the wording",
            suggestions=(with_case_of(term, found),),
        )


@hookimpl
def newslint_rules():
    return [
        doubled_word, echoed_phrase, truncated_term, lowercased_name,
        repeated_clause_rule, truncated_ending_rule, tortured_phrase,
    ]
