"""G1xx: garbled phrasing.

Rules in this module find the marks that article spinners, bad scrapers and
hurried edits leave in running text: doubled words and echoed phrases, terms
cut short, proper names lower-cased, clauses repeated within a sentence,
articles that stop mid-sentence, and known spinner substitutions ("tortured
phrases"). Word lists live in ``data/correct_doubles.yaml`` and
``data/tortured_phrases.yaml``.

The rules share one scan of each document's words (``Scan``, below), which tells each
of them where it can find something at all; they run their exact code only there.
"""
from __future__ import annotations

import random
import sys
import weakref
from array import array
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from itertools import accumulate, chain, compress, count, islice, pairwise
from operator import eq, ne
from typing import NamedTuple

import regex

from newslint import Scope, hookimpl, rule
from newslint.cache import PLAIN_PICKLE, Memo
from newslint.patterns import compile as compile_regex
from newslint_plugins.lexicons import data_file, load_lexicon

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
        scan = document_scan(doc)
        if scan is not None:
            return scan.english()
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
    """Options of G101. ``allow``: more doubles that are correct: lower-case words (any
    case) or capitalised names (exact)."""

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
    try:
        starts = ctx.phrasing_gate
    except AttributeError:  # the rule's first paragraph in this document
        starts = ctx.phrasing_gate = doubled_gate(ctx)
    if starts is not None and paragraph.start not in starts:
        return ()
    return doubled_findings(paragraph, ctx)


def doubled_gate(ctx):
    """The starts of the paragraphs where G101 can find something (None: any)."""
    if not is_english(ctx.doc):
        return frozenset()
    scan = document_scan(ctx.doc)
    return None if scan is None else scan.repeats[0]


def doubled_findings(paragraph, ctx):
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
    try:
        starts = ctx.phrasing_gate
    except AttributeError:  # the rule's first paragraph in this document
        starts = ctx.phrasing_gate = echo_gate(ctx)
    if starts is not None and paragraph.start not in starts:
        return ()
    return echo_findings(paragraph, ctx)


def echo_gate(ctx):
    """The starts of the paragraphs where G102 can find something (None: any)."""
    if not is_english(ctx.doc):
        return frozenset()
    scan = document_scan(ctx.doc)
    return None if scan is None else scan.repeats[1]


def echo_findings(paragraph, ctx):
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


def word_tokens(doc) -> DocumentWords | Scan:
    """The document's words, computed once per document."""
    scan = document_scan(doc)
    if scan is not None:
        return scan
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


# --- one scan of the document's words, shared by the G rules --------------------------
#
# The rules above look for rare things (a doubled word, an echo, a lower-cased name, a
# clause printed twice, a spinner's phrase), and most articles hold none. ``Scan`` reads
# a document's words once, with C-level string and bytes calls instead of a regex match
# or a Python step per word, and tells each rule where its pattern could match at all;
# the rules then run their exact code only on those paragraphs and sentences (or
# documents). Each such answer is a superset of what the exact code can find (the
# docstrings say why), so the findings are those of the exact code run everywhere.
#
# The words are those of ``WORD_TOKEN``: the masked text is turned into one of the same
# length in which every character that is not a letter or an apostrophe is a space, and
# every apostrophe that does not stand between two letters is a space too; its runs
# between spaces are then exactly the ``WORD_TOKEN`` matches. The typographic apostrophe
# is written ``APOSTROPHE_MARK`` there, so that English text is one byte a character in
# Latin-1, where most of the work is done on bytes. Documents longer than
# ``SHARE_ABOVE``, and those with a character whose case mapping is irregular (one that
# lower-cases to two characters or to a non-letter, a capital without a lower-case
# form, the Greek capital sigma, a symbol or number with a case), are left to the
# exact code.

LETTER_CHAR = compile_regex(r"\p{L}")
UPPER_CHAR = compile_regex(r"\p{Lu}")
LOWER_CHAR = compile_regex(r"\p{Ll}")
NUMBER_CHAR = compile_regex(r"\p{N}")
IRREGULAR, LETTER, NUMBER, OTHER, APOSTROPHE = range(5)
_CHAR_KINDS: dict[str, int] = {}
APOSTROPHE_MARK = "\x7f"  # the typographic apostrophe in ``Scan`` words (one byte in Latin-1)


def _byte_table(keep) -> bytes:
    return bytes(b if keep(b) else 32 for b in range(256))


def _flag_table(flag) -> bytes:
    return bytes(1 if flag(b) else 0 for b in range(256))


# In Latin-1, \p{L} is str.isalpha and \p{Lu} str.isupper; \p{Ll} is str.islower but for
# the two letters of no case (the ordinal indicators), which Python counts as lower case.
_NO_CASE = "\xaa\xba"
# Latin-1 -> letters and apostrophes (straight, and the mark) kept, the rest made spaces.
_LATIN_LETTERS = _byte_table(lambda b: b in (39, 127) or chr(b).isalpha())
# UTF-8 -> ASCII letters and apostrophes kept, other ASCII made spaces, non-ASCII kept.
_UTF8_LETTERS = _byte_table(lambda b: b >= 128 or b in (39, 127) or chr(b).isalpha())
_DIGITS = _byte_table(lambda b: 48 <= b <= 57)  # ASCII digits kept, the rest spaces
_ASCII = bytes(range(128))
# One byte a character of the letter text (Latin-1): 1 where it is ...
_IS_WORD = _flag_table(lambda b: b != 32)  # ... part of a word
_IS_UPPER = _flag_table(lambda b: chr(b).isupper())  # ... a capital
_ZERO_TO_ONE = _flag_table(lambda b: b == 0)
_MARK_BYTES = bytes(32 if b == 32 else 120 for b in range(256))  # a space stays a space, the rest is "x"
_DIGIT_MARK_BYTES = bytes(120 if 48 <= b <= 57 else 32 for b in range(256))  # a digit is "x", the rest a space
# ``Scan.capitals``: 2 marks a word's first character, 3 one that is a capital.
_START_FLAGS = bytes(1 if b == 3 else 0 for b in range(256))
# The shape of a Latin-1 letter text: "U" a capital, "l" a lower-case letter, "o" a letter
# of no case, "'" an apostrophe, " " a space.
_SHAPES = bytes(
    ord("U") if chr(b).isupper() else ord("o") if chr(b) in _NO_CASE else ord("l") if chr(b).isalpha()
    else ord("'") if b in (39, 127) else 32
    for b in range(256)
)
# Word ids: every function word has one of its own (so counting them is counting bytes);
# the other words of a document take the other values in a fixed random order, in turn
# (a document of SHARE_ABOVE characters or fewer has fewer words than that).
_FUNCTION_IDS = {word: i for i, word in enumerate(sorted(FUNCTION_WORDS), 1)}
_FUNCTION_BYTES = frozenset(_FUNCTION_IDS.values())
_FUNCTION_TABLE = _flag_table(lambda b: 1 <= b <= len(_FUNCTION_IDS))
_DETERMINER_TABLE = _flag_table({_FUNCTION_IDS[w] for w in DETERMINERS}.__contains__)
_OTHER_IDS = random.Random(107).randbytes(SHARE_ABOVE).translate(
    bytes(len(_FUNCTION_IDS) + 1 + b % (255 - len(_FUNCTION_IDS)) for b in range(256))
)
# Permutations of the bytes, for the fingerprints of pairs of words (``Scan.names_possible``).
_FOLD_A, _FOLD_B, _FOLD_C = (bytes(random.Random(seed).sample(range(256), 256)) for seed in (1, 2, 3))
# Any NAME_WORD, tried at every start of a word (so also the "Phone" of "iPhone").
NAME_PART = compile_regex(NAME_WORD)


@cache
def _not_name_table() -> bytes:
    """1 for the bytes of the function words in ``NOT_NAME_WORDS`` (defined further down)."""
    return _flag_table({_FUNCTION_IDS[w] for w in NOT_NAME_WORDS & FUNCTION_WORDS}.__contains__)


def char_kind(c: str) -> int:
    """How a non-ASCII character takes part in words: a LETTER, a NUMBER, the typographic
    APOSTROPHE, OTHER (a space to the word scan), or IRREGULAR when its case mapping
    would make the scan differ from the exact code."""
    kind = _CHAR_KINDS.get(c)
    if kind is None:
        kind = _CHAR_KINDS[c] = _char_kind(c)
    return kind


def _char_kind(c: str) -> int:
    if c == "\u2019":
        return APOSTROPHE
    low = c.lower()
    if LETTER_CHAR.match(c):
        if c == "\u03a3" or len(low) != 1 or low.lower() != low or not LETTER_CHAR.match(low):
            return IRREGULAR
        if low == c and (UPPER_CHAR.match(c) or c.isupper()):
            return IRREGULAR  # a capital that lower-casing leaves alone
        if bool(UPPER_CHAR.match(c)) != c.isupper() or bool(LOWER_CHAR.match(c)) and not c.islower():
            return IRREGULAR  # Python and the regex module disagree about its case
        return LETTER
    if low != c or c.casefold() != c or c.upper() != c:
        return IRREGULAR  # a symbol or number with a case (Roman numerals, circled letters)
    return NUMBER if NUMBER_CHAR.match(c) else OTHER


class Letters:
    """A text made ready for ``Scan`` (see ``letter_text``)."""

    __slots__ = ("bytes", "data", "folds", "latin", "numbers", "text")

    def __init__(self, letters: bytes, data: bytes, latin: bool, folds: bool, numbers: bool) -> None:
        self.bytes = letters  # the letter text, encoded (Latin-1 or UTF-8)
        self.text = letters.decode("latin-1" if latin else "utf-8")  # the letter text
        self.data = data  # the masked text, apostrophe marked, in Latin-1 ("?" for others) or UTF-8
        self.latin = latin  # whether ``text`` is one byte a character in Latin-1
        self.folds = folds  # whether some letter case-folds other than it lower-cases
        self.numbers = numbers  # whether some number is not an ASCII digit


def letter_text(text: str) -> Letters | None:
    """The letter text of ``text`` (see the comment above ``Scan``), or None when the scan
    cannot stand in for the exact code (an IRREGULAR character, a lone surrogate, or the
    character ``APOSTROPHE_MARK`` stands for itself).

    A non-ASCII character that is not a letter becomes "?" in Latin-1 (when all letters
    are in Latin-1) or one space in UTF-8, so the length in characters stays.
    """
    if text.isascii():
        if APOSTROPHE_MARK in text:
            return None
        data = text.encode("ascii")
        return Letters(_inner_apostrophes(data.translate(_LATIN_LETTERS)), data, True, False, False)
    try:
        raw = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        return None
    if b"\x7f" in raw:
        return None
    raw = raw.replace(_TYPOGRAPHIC_APOSTROPHE, b"\x7f")
    folds = numbers = False
    latin = True
    others = []
    for c in set(raw.translate(None, _ASCII).decode("utf-8")):
        kind = _CHAR_KINDS.get(c)
        if kind is None:
            kind = char_kind(c)
        if kind == LETTER:
            folds = folds or c.casefold() != c.lower()
            latin = latin and c <= "\xff"
        elif kind == IRREGULAR:
            return None
        else:
            numbers = numbers or kind == NUMBER
            others.append(c)
    if latin:
        data = raw.decode("utf-8").encode("latin-1", "replace")
        letters = data.translate(_LATIN_LETTERS)
    else:
        data = raw
        letters = raw.translate(_UTF8_LETTERS)
        for c in others:
            letters = letters.replace(c.encode("utf-8"), b" ")
    return Letters(_inner_apostrophes(letters), data, latin, folds, numbers)


_TYPOGRAPHIC_APOSTROPHE = "\u2019".encode("utf-8")


def _inner_apostrophes(letters: bytes) -> bytes:
    """Apostrophes (``'`` and ``APOSTROPHE_MARK``, one byte each) that do not stand between
    two letters made spaces; ``letters`` holds only letters, those and spaces."""
    if b"'" not in letters and b"\x7f" not in letters:
        return letters
    bad = []
    last = len(letters) - 1
    for mark in (39, 127):
        at = letters.find(mark)
        while at >= 0:
            if at == 0 or at == last or letters[at - 1] in _NOT_LETTER or letters[at + 1] in _NOT_LETTER:
                bad.append(at)
            at = letters.find(mark, at + 1)
    if not bad:
        return letters
    out = bytearray(letters)
    for at in bad:
        out[at] = 32
    return bytes(out)


_NOT_LETTER = frozenset((32, 39, 127))


def zero_runs(data: bytes, limit: int, width: int = 1) -> list[int]:
    """Offsets below ``limit`` where ``width`` zero bytes start."""
    found, zeros = [], bytes(width)
    end = limit + width - 1
    at = data.find(zeros, 0, end)
    while at >= 0:
        found.append(at)
        at = data.find(zeros, at + 1, end)
    return found


def nonzero_bytes(value: int, size: int) -> list[int]:
    """Offsets of the bytes of ``value`` (little-endian, ``size`` bytes) that are not zero."""
    flags = value.to_bytes(size, "little").translate(_ZERO_TO_ONE)
    found, at = [], flags.find(0)
    while at >= 0:
        found.append(at)
        at = flags.find(0, at + 1)
    return found


@lru_cache(maxsize=4096)
def _name_parts_ending(word: str) -> frozenset:
    """The ``NAME_WORD`` s (lower-cased) that end ``word`` (letter-text form)."""
    shown = word.replace(APOSTROPHE_MARK, "\u2019")
    return frozenset(
        m.group().lower().replace("\u2019", APOSTROPHE_MARK)
        for m in NAME_PART.finditer(shown, overlapped=True) if m.end() == len(shown)
    )


@lru_cache(maxsize=4096)
def _name_part_starting(word: str) -> str | None:
    """The ``NAME_WORD`` (lower-cased) that starts ``word`` (letter-text form), if any."""
    m = NAME_PART.match(word.replace(APOSTROPHE_MARK, "\u2019"))
    return m.group().lower().replace("\u2019", APOSTROPHE_MARK) if m else None


def _find_all(text, part) -> list[int]:
    """The offsets where ``part`` starts in ``text`` (str or bytes), overlaps included."""
    found, at = [], text.find(part)
    while at >= 0:
        found.append(at)
        at = text.find(part, at + 1)
    return found


def _big(data: bytes, table: bytes | None = None) -> int:
    """``data`` (mapped through ``table``) as one little-endian integer, a byte per position."""
    return int.from_bytes(data if table is None else data.translate(table), "little")


class Scan:
    """The words of a document (``WORD_TOKEN`` matches, all paragraphs end to end, as in
    ``DocumentWords``), read once for all the G rules, and where each rule can find something."""

    def __init__(self, doc, letters: Letters) -> None:
        self._doc = weakref.ref(doc)  # the document keeps the scan (in its memo), not the other way round
        self.text = letters.text
        self._letters = letters
        self._lowered = self.text.lower()
        self.low: list[str] = self._lowered.split()
        self._apostrophes = "'" in self.text or APOSTROPHE_MARK in self.text
        self._tortured: dict = {}
        self._clauses: dict = {}

    @property
    def doc(self):
        return self._doc()

    # -- the words ------------------------------------------------------------------------
    @cached_property
    def words(self) -> list[str]:
        """The words as written (a typographic apostrophe as ``APOSTROPHE_MARK``)."""
        return self.text.split()

    @cached_property
    def folded(self) -> list[str]:
        """The words case-folded (the same list as ``low`` when no letter folds differently)."""
        return self.text.casefold().split() if self._letters.folds else self.low

    @cached_property
    def counts(self) -> Counter:
        """How often each word of ``low`` is used."""
        return Counter(self.low)

    @cached_property
    def id_of(self) -> dict:
        """Each word of ``low`` -> a byte: its own one for a function word, else one that
        other words may share. Its keys are the words of the document and the function words."""
        self.ids  # noqa: B018 - fills it
        return self.__dict__["id_of"]

    @cached_property
    def ids(self) -> bytes:
        """One byte a word of ``low``: equal words have equal bytes. A word takes the byte
        of its first use (there are fewer words than ``_OTHER_IDS``)."""
        id_of = self.__dict__["id_of"] = dict(_FUNCTION_IDS)
        return bytes(map(id_of.setdefault, self.low, _OTHER_IDS))

    @cached_property
    def folded_ids(self) -> bytes:
        """One byte a word of ``folded``."""
        if self.folded is self.low:
            return self.ids
        return bytes(map({}.setdefault, self.folded, _OTHER_IDS))

    @cached_property
    def capitals(self) -> bytes:
        """One byte a word: 1 where it starts with a capital (``str.isupper``), else 0; in a
        text beyond Latin-1, 1 where it holds a capital."""
        if not self._letters.latin:
            return bytes(map(ne, self.words, self.low))
        word = _big(self._letters.bytes, _IS_WORD)
        starts = word & ~(word << 8)
        marked = (starts << 1 | (starts & self._upper)).to_bytes(len(self.text) + 1, "little")
        return marked.translate(_START_FLAGS, b"\x00\x01")

    @cached_property
    def _upper(self) -> int:
        """One byte a character of the (Latin-1) letter text, 1 where it is a capital."""
        return _big(self._letters.bytes, _IS_UPPER)

    # -- where words are ------------------------------------------------------------------
    @cached_property
    def _marks(self) -> bytes:
        """One byte a character: " " where the letter text has a space, "x" elsewhere, after one more space."""
        return b" " + self.text.encode("latin-1", "replace").translate(_MARK_BYTES)

    def words_in(self, start: int, end: int) -> int:
        """How many words start in ``text[start:end]``."""
        return self._marks.count(b" x", start, end + 1)

    @cached_property
    def firsts(self) -> list[int]:
        """The index of each paragraph's first word (and the number of words, last)."""
        return list(accumulate((self.words_in(p.start, p.end) for p in self.doc.paragraphs), initial=0))

    @cached_property
    def _sentence_firsts(self) -> list[int]:
        """The index of each sentence's first word (and the number of words, last)."""
        return list(accumulate((self.words_in(s.start, s.end) for s in self.doc.sentences), initial=0))

    def paragraph_of(self, i: int) -> int:
        return bisect_right(self.firsts, i) - 1

    def _paragraph_starts(self, indexes) -> frozenset:
        paragraphs = self.doc.paragraphs
        return frozenset(paragraphs[self.paragraph_of(i)].start for i in indexes)

    def span(self, i: int) -> tuple[int, int]:
        """The offsets of word ``i`` in the document."""
        k = self.paragraph_of(i)
        paragraph = self.doc.paragraphs[k]
        a, b = paragraph_words(self.doc, paragraph).span(i - self.firsts[k])
        return paragraph.start + a, paragraph.start + b

    def english(self) -> bool:
        """``is_english`` from these words: those of the first ``ENGLISH_SAMPLE`` characters."""
        text, ids = self.text, self.ids
        if len(text) <= ENGLISH_SAMPLE:
            total = len(ids)
            function = ids.translate(_FUNCTION_TABLE).count(1)
        else:
            total = self.words_in(0, ENGLISH_SAMPLE)
            function = ids[:total].translate(_FUNCTION_TABLE).count(1)
            if total and text[ENGLISH_SAMPLE - 1] != " " and text[ENGLISH_SAMPLE] != " ":
                # The sample ends inside a word: the regex saw only its first part.
                start = text.rfind(" ", 0, ENGLISH_SAMPLE) + 1
                cut = self._lowered[start:ENGLISH_SAMPLE]
                cut = cut[:-1] if cut[-1:] in ("'", APOSTROPHE_MARK) else cut
                function += (cut in FUNCTION_WORDS) - (ids[total - 1] in _FUNCTION_BYTES)
        return total < 20 or function >= 0.2 * total

    # -- G101, G102 -----------------------------------------------------------------------
    @cached_property
    def repeats(self) -> tuple[frozenset, frozenset]:
        """The starts of the paragraphs where G101 and where G102 can find something.

        ``doubled_runs`` tries ``DOUBLED`` only where a word's case-folded form comes
        again at once; ``echo_starts`` where k of them (k = 2..4) come again at once;
        ``wrap_starts`` where a capitalised word comes again k words on (and ``WRAP``
        needs the k words from it to start with capitals). XOR of the word bytes with
        themselves shifted by k words is zero where two words k apart are equal.
        """
        folded = self.folded
        ids = self.folded_ids
        n = len(ids)
        whole = int.from_bytes(ids, "little")
        capitals = chain_ = None
        doubled, echoed = [], []
        for k in (1, 2, 3, 4):
            if n <= k:
                break
            xored = (whole ^ (whole >> (8 * k))).to_bytes(n, "little")
            if k == 1:
                doubled = [i for i in zero_runs(xored, n - 1) if folded[i] == folded[i + 1]]
                continue
            echoed.extend(
                i for i in zero_runs(xored, n - 2 * k + 1, k) if folded[i : i + k] == folded[i + k : i + 2 * k]
            )
            if capitals is None:
                capitals = chain_ = _big(self.capitals)
            chain_ &= capitals >> (8 * (k - 1))  # 1 where k words in a row start with capitals
            same = _big(xored, _ZERO_TO_ONE) & chain_
            if same:
                echoed.extend(i for i in nonzero_bytes(same, n) if i + k < n and folded[i] == folded[i + k])
        return self._paragraph_starts(doubled), self._paragraph_starts(echoed)

    # -- G103 -----------------------------------------------------------------------------
    def cuts_possible(self) -> bool:
        """Whether G103 can find a cut term.

        The rule wants the long word after a determiner twice or more, the short one (its
        start) after one too, the long one used three times or more, and the short one
        at most ``MAX_CUT_USES`` times outside idioms (which all hold "ball", "mark" or
        "tank").
        """
        ids, low = self.ids, self.low
        after = b"\x00" + ids[:-1].translate(_DETERMINER_TABLE)
        following = Counter(compress(low, after))
        longs = [word for word, uses in following.items() if uses >= 2 and len(word) >= 6]
        if not longs:
            return False
        idioms = None
        id_of = self.id_of
        for long in longs:
            for k in range(4, len(long) - 1):
                short = long[:k]
                if short in following and ids.count(id_of[long]) >= 3 and low.count(long) >= 3:
                    if idioms is None:
                        idioms = any(word in self._lowered for word in ("ball", "mark", "tank"))
                    if idioms or ids.count(id_of[short]) <= MAX_CUT_USES or low.count(short) <= MAX_CUT_USES:
                        return True
        return False

    # -- G104 -----------------------------------------------------------------------------
    def names_possible(self) -> bool:
        """Whether G104 can find a lower-cased name.

        Each word of a name is the lower case of a ``NAME_WORD`` written with its capital,
        and is not in ``NOT_NAME_WORDS``; two words next to each other in the name are
        next to each other wherever it is written. A finding needs the name in lower
        case (words not starting with a capital), once at least not after
        ``NOT_A_NAME_BEFORE``, with its capitals in running text (see
        ``_in_running_text``), and every word written as its last word in lower case
        after one written as its last but one (see ``_last_words``). So some pair of
        words in a row in lower case must be a pair of ``NAME_WORD`` s in a row too.

        Such a pair of ``NAME_WORD`` s is two whole words starting with capitals, unless
        one of them is an odd word (see ``_odd_words``): those are searched with
        ``NAME_PART``. Two one-byte fingerprints of each pair of words in a row (from
        their bytes) find the pairs in lower case that may be among them.
        """
        if not self._letters.latin:
            return True  # only the exact code knows
        capitals = self.capitals
        low, ids = self.low, self.ids
        size = len(ids)
        if size < 2 or not any(capitals):
            return False
        capital = _big(capitals) & ~_big(ids, _not_name_table())  # and are not function words of NOT_NAME_WORDS
        both = capital & (capital >> 8)  # pair i: words i and i+1 start with capitals
        lower = _big(capitals, _ZERO_TO_ONE)
        lower &= lower >> 8  # pair i: neither does
        pairs = {(low[j], low[j + 1]) for j in nonzero_bytes(both, size - 1)} if both else set()
        pairs.update(self._odd_pairs())
        pairs = {(a, b) for a, b in pairs if a not in NOT_NAME_WORDS and b not in NOT_NAME_WORDS}
        if not pairs or not lower:
            return False
        id_of = self.id_of
        firsts, seconds = ids[:-1], ids[1:]
        one = _big(firsts) ^ _big(seconds, _FOLD_A)
        two = _big(firsts, _FOLD_B) ^ _big(seconds, _FOLD_C)
        table_one, table_two = bytearray(256), bytearray(256)
        for a, b in pairs:
            x, y = id_of.get(a), id_of.get(b)
            if x is not None and y is not None:
                table_one[x ^ _FOLD_A[y]] = 1
                table_two[_FOLD_B[x] ^ _FOLD_C[y]] = 1
        size -= 1
        hits = _big(one.to_bytes(size, "little"), bytes(table_one)) & _big(two.to_bytes(size, "little"), bytes(table_two)) & lower
        if not hits:
            return False
        found, opening = set(), set()
        for i in nonzero_bytes(hits, size):
            pair = (low[i], low[i + 1])
            if pair in pairs:
                found.add(pair)
                if i == 0 or low[i - 1] not in NOT_A_NAME_BEFORE:
                    opening.add(pair)
        if not opening:
            return False
        odd = self._odd_words
        return any(self._last_words(a, b, odd) for a, b in found) and self._in_running_text(opening)

    def _odd_pairs(self) -> set:
        """Pairs (lower-cased) of a ``NAME_WORD`` ending a word and one starting the next,
        where one of the two words is odd."""
        text = self.text
        size = len(text)
        have = self.id_of
        found = set()
        for start, end in self._odd_words:
            last = start
            while last > 0 and text[last - 1] == " ":
                last -= 1
            previous = text[text.rfind(" ", 0, last) + 1 : last]
            nxt = end
            while nxt < size and text[nxt] == " ":
                nxt += 1
            stop = text.find(" ", nxt)
            following = text[nxt : size if stop < 0 else stop]
            word = text[start:end]
            for left, right in ((previous, word), (word, following)):
                if left and right[:1].isupper():
                    head = _name_part_starting(right)
                    if head and head in have and head not in NOT_NAME_WORDS:
                        found.update((a, head) for a in _name_parts_ending(left))
        return found

    @cached_property
    def _odd_words(self) -> list[tuple[int, int]]:
        """The spans of the odd words (see ``names_possible``) in the (Latin-1) letter text."""
        text = self.text
        shape = self._letters.bytes.translate(_SHAPES)
        marks = _find_all(shape, b"lU") + _find_all(shape, b"'U") + _find_all(shape, b"UUl") + _find_all(shape, b"o")
        apostrophes = _find_all(shape, b"'")
        marks.extend(a for a, b in pairwise(apostrophes) if b" " not in shape[a:b])
        spans = set()
        for at in marks:
            start = text.rfind(" ", 0, at) + 1
            end = text.find(" ", at)
            spans.add((start, len(text) if end < 0 else end))
        return sorted(spans)

    def _in_running_text(self, pairs: set) -> bool:
        """Whether the first word of a pair, ending a word and starting with a capital, comes
        right before the second, starting the next word with a capital, on a line of
        ``MIN_CONTEXT_WORDS`` words or more (``running_text`` wants as many around a name)."""
        lowered, text, masked = self._lowered, self.text, self.doc.masked
        size = len(text)
        for first, second in pairs:
            for at in _find_all(lowered, first + " "):
                nxt = at + len(first)
                while nxt < size and text[nxt] == " ":
                    nxt += 1
                if text[at].isupper() and lowered.startswith(second, nxt) and text[nxt].isupper():
                    start = max(masked.rfind("\n", 0, at), masked.rfind("\r", 0, at)) + 1
                    stop = min(x for x in (masked.find("\n", nxt), masked.find("\r", nxt), size) if x >= 0)
                    if self.words_in(start, stop) >= MIN_CONTEXT_WORDS:
                        return True
        return False

    def _last_words(self, before: str, last: str, odd: list) -> bool:
        """Whether every word written ``last`` follows one written ``before``, and no word is
        written ``last`` and "s"."""
        if odd:  # a word of capitals and lower-case letters may lower-case to ``last``
            text = self._padded
            if _find_all(text, " " + last + "s "):
                return False
            for at in _find_all(text, " " + last + " "):
                end = at + 1
                while text[end - 1] == " ":
                    end -= 1
                if text[text.rfind(" ", 0, end) + 1 : end] != before:
                    return False
            return True
        low, capitals = self.low, self.capitals
        if any(not capitals[i] for i in self.indexes(last + "s")):
            return False
        return all(capitals[i] or i and low[i - 1] == before and not capitals[i - 1] for i in self.indexes(last))

    @cached_property
    def _padded(self) -> str:
        """The letter text between two spaces (so a whole word is " word ")."""
        return " " + self.text + " "

    # -- G105 -----------------------------------------------------------------------------
    def clauses(self, n: int):
        """``clause_sentences(n)``, computed once per n."""
        if n not in self._clauses:
            self._clauses[n] = self.clause_sentences(n)
        return self._clauses[n]

    def clause_sentences(self, n: int):
        """The starts of the sentences where G105 can find a clause of ``n`` tokens printed
        twice, or None for all of them.

        Its tokens (``CHUNK``) run from a letter or digit to the last one before a space.
        Two equal runs of n of them, one after the other, hold either at least
        ``n + 1 - d`` tokens with a letter each, or at least ``d`` without one (each with
        a digit). A token with a letter holds one word or more, and one without holds a
        run of digits or more: so either the sentence's words hold a run of ``n + 1 - d``
        words that comes again at least that many words later, or its runs of digits a
        run of ``d`` that comes again at least ``d`` runs later.
        """
        if n < 1:
            return frozenset()
        if self._letters.numbers:
            return None  # a non-ASCII number: the digits below are ASCII only
        d = min(3, n)
        k = min(n + 1 - d, 7)
        found = set()
        sentences = self.doc.sentences
        digits = self._letters.data.translate(_DIGITS).split()
        if len(digits) >= 2 * d:
            groups = _equal_groups(list(zip(*(digits[j:] for j in range(d)))))
            if groups:
                data = self._letters.data if self._letters.latin else self.doc.masked.encode("latin-1", "replace")
                marks = b" " + data.translate(_DIGIT_MARK_BYTES)  # one byte a character
                firsts = list(accumulate((marks.count(b" x", s.start, s.end + 1) for s in sentences), initial=0))
                found.update(sentences[a].start for a in _runs_twice_in_one(groups, d, firsts))
        groups = self._repeated_words(k)
        if groups:
            found.update(sentences[a].start for a in _runs_twice_in_one(groups, k, self._sentence_firsts))
        return frozenset(found)

    def _repeated_words(self, k: int) -> list[list[int]]:
        """Groups of the starts of runs of k words (k <= 7) that may be equal, within a
        sentence: any two equal runs in one sentence start in one group.

        Lane i (8 bytes) holds the bytes of words i to i+k-1 and, in its last byte, the
        number (modulo 256) of word i's sentence.
        """
        ids = self.ids
        runs = len(ids) - k + 1
        if runs < 2:
            return []
        lanes = bytearray(8 * runs)
        for j in range(k):
            lanes[j::8] = ids[j : j + runs]
        firsts = self._sentence_firsts
        salts = b"".join(bytes((p & 255,)) * (firsts[p + 1] - firsts[p]) for p in range(len(firsts) - 1))
        lanes[7::8] = salts[:runs]
        values = array("Q")
        values.frombytes(lanes)
        return _equal_groups(values.tolist())

    # -- G107 -----------------------------------------------------------------------------
    def tortured_paragraphs(self, lexicon: Lexicon):
        """The starts of the paragraphs where G107 can find a phrase of ``lexicon``, or None for all."""
        found = self._tortured.get(id(lexicon))
        if found is None or found[0] is not lexicon:
            found = self._tortured[id(lexicon)] = (lexicon, self._tortured_paragraphs(lexicon))
        return found[1]

    def _tortured_paragraphs(self, lexicon: Lexicon):
        """See ``phrase_gate``: a phrase can match only where its rarest plain word is a
        word (or the start of one, before an apostrophe, when it is the phrase's last),
        next to the words the phrase has beside it, in a document that has all its plain
        words. A word of a phrase that is not its last is a whole word of the text
        (spaces or a hyphen follow it); the last can go on after an apostrophe."""
        if lexicon.gate is None:
            return None
        have = self.id_of
        present = lexicon.gate.keys() & have.keys()
        heads: set = set()  # the parts before an apostrophe (straight ones), and a few more
        if self._apostrophes:
            pieces = self._lowered.replace(APOSTROPHE_MARK, "'").split("'")
            heads = {piece.rsplit(" ", 1)[-1] for piece in pieces[:-1]}
            present |= lexicon.gate.keys() & heads
        if not present:
            return frozenset()
        low, found = self.low, set()
        size = len(low)
        for rare in present:
            spellings = None
            for plain, key, j, left, right in lexicon.gate[rare]:
                missing = plain.difference(have)
                if missing and not missing <= heads:
                    continue
                if spellings is None:
                    spellings = self._spellings(rare, rare in heads)
                last = len(key) - 1
                for word, indexes in spellings.items():
                    if word != rare and j < last:
                        continue  # only the last word of a phrase can go on after an apostrophe
                    for i in indexes:
                        if left is not None and (i == 0 or low[i - 1].replace(APOSTROPHE_MARK, "'") != left):
                            continue
                        if right is not None:
                            if i + 1 >= size:
                                continue
                            after = low[i + 1]
                            if j + 1 < last:
                                if after.replace(APOSTROPHE_MARK, "'") != right:
                                    continue
                            elif after != right and _head(after) != right:
                                continue
                        found.add(i)
        return self._paragraph_starts(found)

    def _spellings(self, word: str, cut: bool) -> dict:
        """``word`` and the words that are it, an apostrophe and more -> where they stand."""
        found = {word: self.indexes(word)}
        if cut:
            for spelling in self.id_of:
                if spelling.startswith(word) and spelling[len(word) : len(word) + 1] in ("'", APOSTROPHE_MARK):
                    found[spelling] = self.indexes(spelling)
        return found

    def indexes(self, word: str) -> list[int]:
        """Where ``word`` stands in ``low``."""
        byte = self.id_of.get(word)
        if byte is None:
            return []
        low, ids, found = self.low, self.ids, []
        at = ids.find(byte)
        while at >= 0:
            if low[at] == word:
                found.append(at)
            at = ids.find(byte, at + 1)
        return found


def _equal_groups(items) -> list[list[int]]:
    """The indexes of the items that occur more than once, one list (in order) an item."""
    if len(set(items)) == len(items):
        return []
    last = dict(zip(items, count()))  # each item -> its last index
    groups: dict = defaultdict(list)
    for i in compress(count(), map(ne, map(last.__getitem__, items), count())):
        groups[items[i]].append(i)
    for item, group in groups.items():
        group.append(last[item])
    return list(groups.values())


def _runs_twice_in_one(groups, k: int, firsts: list[int]):
    """The sentences (indexes into ``firsts``) in which two runs k long of one group start,
    k apart or more, the second ending in the sentence too."""
    for group in groups:
        at = 0
        while at < len(group):
            a = bisect_right(firsts, group[at]) - 1
            end = firsts[a + 1]
            last = bisect_right(group, end - k, at) - 1  # the last run of the group that ends in sentence a
            if last > at and group[last] - group[at] >= k:
                yield a
            at = max(last + 1, bisect_right(group, end - 1, at))


def _head(word: str) -> str:
    """The part of a word before its first apostrophe (with straight apostrophes)."""
    return word.replace(APOSTROPHE_MARK, "'").split("'", 1)[0]


def document_scan(doc) -> Scan | None:
    """The document's ``Scan``, or None when the rules must run their exact code everywhere."""
    return doc.memo("phrasing.scan", lambda: _new_scan(doc))


def _new_scan(doc) -> Scan | None:
    masked = doc.masked
    if len(masked) > SHARE_ABOVE:
        return None
    # The scan counts words by paragraph (and sentence): no paragraph may start or end
    # inside a word or number. Only a cut at a heading's line start, not at blank lines,
    # could do that, and none does when the text is parsed as usual: check anyway.
    breaks = getattr(doc, "_paragraph_breaks", None)
    if breaks is None:
        cuts = [p.start for p in doc.paragraphs] + [p.end for p in doc.paragraphs]
    else:
        cuts = breaks
    for at in cuts:
        if 0 < at < len(masked) and not masked[at - 1].isspace() and not masked[at].isspace():
            return None
    letters = letter_text(masked)
    return None if letters is None else Scan(doc, letters)


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
    if isinstance(tokens, Scan) and not tokens.cuts_possible():
        return
    low = tokens.low
    text = doc.masked
    counts = tokens.counts if isinstance(tokens, Scan) else Counter(low)
    pairs = list(cut_candidates(counts))
    if not pairs:
        return
    words = tokens.words
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
            if isinstance(tokens, Scan):  # its words write the typographic apostrophe as a mark
                yield start, end, words[i].replace(APOSTROPHE_MARK, "\u2019"), long.replace(APOSTROPHE_MARK, "\u2019")
            else:
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
    scan = document_scan(doc)
    if scan is not None and not scan.names_possible():
        return
    names = capitalised_names(text)
    if not names:
        return
    tokens = word_tokens(doc)
    written = {key: key for key in names}
    if scan is not None and any("\u2019" in key for key in names):  # the scan's words mark that apostrophe
        written = {key.replace("\u2019", APOSTROPHE_MARK): key for key in names}
        names = {marked: names[key] for marked, key in written.items()}
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
    for key, starts in found.items():
        last = key.split()[-1]
        if len(starts) > len(names[key]) or words.count(last) != len(starts) or last + "s" in words:
            continue
        if not any(running_text(text, a, b) for a, b in names[key]):
            continue
        shown = text[slice(*names[key][0])]
        shown = " ".join(w for w in shown.split() if w.lower() in written[key].split())
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
    """Options of G105. ``min_words``: the fewest words of a run repeated in a sentence."""

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
    try:
        starts = ctx.phrasing_gate
    except AttributeError:  # the rule's first sentence in this document
        starts = ctx.phrasing_gate = clause_gate(ctx)
    if starts is not None and sentence.start not in starts:
        return ()
    return clause_findings(sentence, ctx)


def clause_gate(ctx):
    """The starts of the sentences where G105 can find something (None: any)."""
    if not is_english(ctx.doc):
        return frozenset()
    scan = document_scan(ctx.doc)
    return None if scan is None else scan.clauses(ctx.options.min_words)


def clause_findings(sentence, ctx):
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
    """Options of G106. ``min_words``: the fewest words of a paragraph taken for the article's end."""

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
    scan = document_scan(doc)
    for paragraph in reversed(paragraphs):
        text = paragraph.text
        words = scan.words_in(paragraph.start, paragraph.end) if scan else len(paragraph_words(doc, paragraph).words)
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
    """Options of G107. ``extra_phrases``: house entries, tortured phrase -> standard term."""

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


class Lexicon(NamedTuple):
    """The tortured phrases as a trie of lower-cased words ("" marks a phrase's end). (A
    named tuple: the cache folder keeps it as a plain tuple.)"""

    trie: dict
    standard: dict  # phrase key -> standard term
    # The first two words of the phrases that open with two plain words (which WORD_TOKEN
    # finds as neighbours wherever the phrase occurs), and the first word of the others;
    # None when a phrase opens with a word WORD_TOKEN does not find whole.
    openings: frozenset | None
    first_words: frozenset
    # For ``Scan``: see ``phrase_gate``.
    gate: dict | None = None


# Working a lexicon out (above all its gate) costs the first document about 9 ms and reading
# it back from the cache folder about 2.5, so it is kept there, keyed by the house phrases.
# The table is named after this code, the lexicon file and the versions of regex and Python
# (whose Unicode tables read the words), so a change to any of them starts afresh.
TORTURED_PHRASES = data_file("tortured_phrases.yaml")
LEXICONS = Memo(
    f"tortured-lexicon-regex{regex.__version__}-py{sys.version_info[0]}{sys.version_info[1]}",
    depends_on=(__file__, TORTURED_PHRASES), max_saved=8, codec=PLAIN_PICKLE,
)


@lru_cache(maxsize=8)
def tortured_lexicon(extra: tuple[tuple[str, str], ...]) -> Lexicon:
    """The built-in lexicon plus ``extra``, loaded on first use (from the cache folder
    when an earlier run built it)."""
    saved = LEXICONS.lookup(extra)
    if isinstance(saved, tuple) and len(saved) == len(Lexicon._fields):
        return Lexicon._make(saved)
    lexicon = build_tortured_lexicon(extra)  # not saved yet, or a damaged entry
    LEXICONS.put(extra, tuple(lexicon))
    return lexicon


def build_tortured_lexicon(extra: tuple[tuple[str, str], ...]) -> Lexicon:
    """The built-in lexicon plus ``extra``, worked out from the lexicon file."""
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
    return Lexicon(trie, standard, frozenset(openings) if plain else None, frozenset(first_words), phrase_gate(standard))


def phrase_gate(standard: dict) -> dict | None:
    """``Lexicon.gate``: each phrase's rarest plain word (ASCII letters only) -> entries
    ``(plain words, phrase, the word's index in it, check left, check right)`` for the
    phrases it stands for (see ``Scan._tortured_paragraphs``); None when some phrase has
    no plain word. The rarest is guessed: not a function word, the longest, then the one in the
    fewest standard terms (plain English) and shared by the fewest phrases. Any choice
    finds the same phrases, only more or less quickly."""
    plains = {key: frozenset(w for w in key if w.isascii() and w.isalpha()) for key in standard}
    if not all(plains.values()):
        return None
    shared = Counter(w for words in plains.values() for w in words)
    usual = Counter(" ".join(map(str, standard.values())).lower().replace("-", " ").split())
    rank = {w: (w in FUNCTION_WORDS, -len(w), usual[w], n, w) for w, n in shared.items()}
    gate: dict = defaultdict(list)
    for key, words in plains.items():
        rarest = min(words, key=rank.__getitem__)
        j, last = key.index(rarest), len(key) - 1
        left = key[j - 1] if j and _whole_word(key[j - 1]) else None
        right = None
        if j < last:
            following = key[j + 1]
            if j + 1 < last and _whole_word(following) or j + 1 == last and following in words:
                right = following
        gate[rarest].append((words, key, j, left, right))
    return dict(gate)


def _whole_word(word: str) -> bool:
    """Whether a word of a phrase is ASCII letters with single apostrophes inside: a whole
    ``WORD_TOKEN`` word wherever the phrase matches (when it is not the phrase's last)."""
    return word.isascii() and word.replace("'", "a").isalpha() and word[0] != "'" != word[-1] and "''" not in word


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
    try:
        lexicon, starts = ctx.phrasing_gate
    except AttributeError:  # the rule's first paragraph in this document
        lexicon, starts = ctx.phrasing_gate = tortured_gate(ctx)
    if starts is not None and paragraph.start not in starts:
        return ()
    return tortured_findings(paragraph, ctx, lexicon)


def tortured_gate(ctx):
    """The rule's lexicon, and the starts of the paragraphs where it can find something (None: any)."""
    extra = tuple(sorted((str(k), str(v)) for k, v in ctx.options.extra_phrases.items()))
    lexicon = tortured_lexicon(extra)
    scan = document_scan(ctx.doc)
    return lexicon, None if scan is None else scan.tortured_paragraphs(lexicon)


def tortured_findings(paragraph, ctx, lexicon):
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
