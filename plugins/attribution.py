"""A1xx: quotations and claims with no source.

Rules in this module separate reported news from spun or careless copy:
quotations nobody is said to have spoken, quotation marks that never open or
close, weasel sources, credits that name no one, and articles that name no
source at all. Word lists live in ``data/attribution_lexicon.yaml``.

Speed: the long alternations (speech verbs, weasel phrasings, credit values) are
run only where a cheap, sound test says they can match, and the per-document work
the rules share (quotation marks, the runs of ASCII letters, the language test) is
done once through ``doc.memo``. A test never changes a finding: see the "Gates"
section below and tests/test_attribution_speed_gates.py, which holds each shortcut
and each rule up against the plain scans they replaced.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from itertools import islice, repeat
from typing import NamedTuple

import regex

from newslint import Scope, Severity, Unit, hookimpl, rule
from newslint.patterns import compile as compile_regex
from newslint_plugins.lexicons import load_lexicon

# Applied at one position only (.match), never scanned: tests/test_scaling.py checks them that way.
ANCHORED_PATTERNS = ("DASH_SPEAKER_AFTER", "NAMED_AFTER_VERB", "QUALIFIED_BY_NAME")
LEXICON = load_lexicon("attribution_lexicon.yaml")


def alternation(phrases) -> str:
    """A regex alternation of plain phrases, longest first; a space matches any whitespace run."""
    unique = sorted({p.strip().lower() for p in phrases if p.strip()}, key=lambda p: (-len(p), p))
    return "|".join(r"\s+".join(map(escape, p.split())) for p in unique)


def escape(word: str) -> str:
    """``regex.escape(word)``, which leaves letters and digits as they are: most lexicon words
    need no call (its loop over characters cost a start about 1 ms)."""
    return word if word.isalnum() else regex.escape(word)


# --- Telling English text from other languages -------------------------------

ENGLISH_FUNCTION_WORDS = frozenset(
    "the a an and of to in is was that for on with as by at it he she they his her their "
    "from but not have has had be been were are this which who would will said".split()
)
WORD = compile_regex(r"\p{L}[\p{L}\p{M}'’-]*")


def looks_english(text: str, sample: int = 4000) -> bool:
    """True when common English function words make up a fair share of the first words."""
    head = text[:sample]
    known = english_by_bounds(head)
    if known is not None:
        return known
    found = WORD.findall(head)
    if len(found) < 20:
        return True
    words = " ".join(found).lower().split(" ")  # words hold no spaces
    return sum(map(ENGLISH_FUNCTION_WORDS.__contains__, words)) >= 0.15 * len(words)


# Bounds on WORD's matches, from the text encoded a byte a character ("?" for non-ASCII):
# WORD takes letters, marks, ' ’ and -, and a match ends at the first character it cannot take.
ASCII_WORD_CHARACTERS = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'-"
FUNCTION_WORD_BYTES = frozenset(w.encode() for w in ENGLISH_FUNCTION_WORDS)
# Byte tables: ASCII letters as "a", ' - and unknown characters as ".", the rest as a space;
# runs of [a-z'-?], the rest as spaces; runs of [a-z], the rest as spaces.
_WORD_START = bytes(97 if chr(c).isalpha() else 46 if c in b"'-?" else 32 for c in range(128)) + b"." * 128
_RUN_OR_UNKNOWN = bytes(c if c in ASCII_WORD_CHARACTERS or c == ord("?") else 32 for c in range(256))
_LETTER_RUN = bytes(c if 97 <= c <= 122 else 32 for c in range(256))


def word_starts(encoded: bytes) -> int:
    """How many WORD matches start with an ASCII letter after an ASCII character that no
    match takes, or at the start: a lower bound on the matches."""
    starts = encoded.translate(_WORD_START)
    return starts.count(b" a") + starts.startswith(b"a")


def at_most_words(encoded: bytes) -> int:
    """One more than the characters that are not ASCII letters, ' or -: an upper bound on
    the matches (each but the last is followed by a character no match takes)."""
    return 1 + len(encoded.translate(None, ASCII_WORD_CHARACTERS))


def has_words(text: str, count: int) -> bool:
    """Whether WORD matches ``text`` at least ``count`` times (bounds first)."""
    encoded = text.encode("ascii", "replace")
    if word_starts(encoded) >= count:
        return True
    if at_most_words(encoded) < count:
        return False
    return sum(1 for _ in islice(WORD.finditer(text), count)) >= count


def english_by_bounds(head: str) -> bool | None:
    """looks_english's answer for its sample when cheap bounds settle it, else None.

    With N the WORD matches and F those that are function words, the answer is
    ``N < 20 or F >= 0.15 * N``. On the sample lower-cased a byte a character: a run of
    [a-z'-?] between other ASCII characters that is a function word is one of F; every one
    of F is a run of [a-z] between other characters (no character but the Kelvin sign
    lower-cases to an ASCII letter, and no function word has a k); N is bounded as in
    ``word_starts`` and ``at_most_words``.
    """
    low = head.encode("ascii", "replace").lower()
    if sum(map(FUNCTION_WORD_BYTES.__contains__, low.translate(_RUN_OR_UNKNOWN).split())) >= 0.15 * at_most_words(low):
        return True
    most = sum(map(FUNCTION_WORD_BYTES.__contains__, low.translate(_LETTER_RUN).split()))
    fewest = word_starts(low)
    if fewest >= 20 and most < 0.15 * fewest:
        return False
    # Text in another script has few ASCII words to count from: count WORD's matches, but
    # only as far as needed to outnumber the function words 0.15 to 1.
    enough = max(20, int(most / 0.15) + 1)
    while 0.15 * enough <= most:
        enough += 1
    if enough <= 100 and sum(1 for _ in islice(WORD.finditer(head), enough)) >= enough:
        return False
    return None


def document_is_english(doc) -> bool:
    return doc.memo("attribution.english", lambda: looks_english(doc.masked))


# --- Gates: cheap tests that rule a slow scan out without changing what it finds ---------
#
# A gate may only skip work whose result it has proved empty (or, for a test that is an
# "or" of parts, proved True): the findings stay exactly those of the plain scans. Word
# gates look for lexicon words (ASCII) among lower-cased runs of ASCII letters. That is
# sound because the regex module's IGNORECASE matches an ASCII letter only with itself,
# its other case and the three characters below: İ (which lower-cases to two characters),
# ſ (which stays as it is) and the Kelvin sign (which lower-cases to k);
# tests/test_attribution_speed_gates.py checks every code point. Text holding one of them
# takes the slow paths where a gate cannot allow for it.
FOLDS_TO_ASCII = ("\u0130", "\u017f", "\u212a")
LONG_S = "\u017f"


def ascii_bytes(doc) -> bytes:
    """``doc.masked`` a byte a character, "?" for each non-ASCII one, computed once."""
    return doc.memo("attribution.ascii", lambda: doc.masked.encode("ascii", "replace"))


class LetterRuns:
    """The document's runs of ASCII letters, lower-cased: as a list, as bytes holding them at
    their offsets with every other character a space (and a space either side), and as one
    space-separated stream (and a space either side)."""

    __slots__ = ("spaced", "words", "_stream")

    def __init__(self, encoded: bytes) -> None:
        self.spaced = b" " + encoded.translate(LETTER_RUN_BYTES) + b" "
        self.words = self.spaced.split()
        self._stream: bytes | None = None

    @property
    def stream(self) -> bytes:
        if self._stream is None:
            self._stream = b" " + b" ".join(self.words) + b" "
        return self._stream

    def follows(self, first: frozenset[bytes], word: bytes) -> bool:
        """Whether a run that is ``word`` comes right after a run in ``first``."""
        stream = self.stream
        return any(stream[stream.rfind(b" ", 0, at - 1) + 1 : at - 1] in first for at in runs_in(stream, word))

    def has(self, runs: bytes) -> bool:
        """Whether runs (joined by single spaces) follow one another."""
        stream = self.stream
        at = stream.find(runs)
        while at >= 0:
            if stream[at - 1] == 32 and stream[at + len(runs)] == 32:
                return True
            at = stream.find(runs, at + 1)
        return False

    def find(self, word: bytes):
        """The offsets in the document of the runs that are ``word``."""
        return (at - 1 for at in runs_in(self.spaced, word))


def runs_in(spaced: bytes, runs: bytes):
    """Where ``runs`` stands between spaces in ``spaced`` (which starts and ends with one).
    The needle has no spaces at its ends: bytes.find skips fastest past a rare last byte."""
    at = spaced.find(runs)
    while at >= 0:
        if spaced[at - 1] == 32 and spaced[at + len(runs)] == 32:
            yield at
        at = spaced.find(runs, at + 1)


LETTER_RUN_BYTES = bytes(c | 0x20 if chr(c).isascii() and chr(c).isalpha() else 32 for c in range(256))


def letter_runs(doc) -> LetterRuns | None:
    """``LetterRuns`` of the document, computed once; None when it holds a character that
    IGNORECASE folds to an ASCII letter (then the runs can miss a match's word)."""

    def build() -> LetterRuns | None:
        text = doc.masked
        if not text.isascii() and any(c in text for c in FOLDS_TO_ASCII):
            return None
        return LetterRuns(ascii_bytes(doc))

    return doc.memo("attribution.letter-runs", build)


def find_all(text: str, word: str):
    """Every start of ``word`` in ``text``, overlapping ones included."""
    at = text.find(word)
    while at >= 0:
        yield at
        at = text.find(word, at + 1)


# --- Quotation marks -----------------------------------------------------------

OPEN, CLOSE = 1, -1
# Double quotation marks, including the typewriter pairs `` '' and ‘‘ ’’.
QUOTE_MARK = compile_regex(r"``|''|\u2018\u2018|\u2019\u2019|[\"\u201c\u201d\u201e]")
# QUOTE_MARK's texts: a pair of one of these characters, or one of these on its own.
DOUBLE_MARKS = ("``", "''", "\u2018\u2018", "\u2019\u2019")
SINGLE_MARKS = ('"', "\u201c", "\u201d", "\u201e")
QUOTE_MARK_TEXTS = DOUBLE_MARKS + SINGLE_MARKS
OPENING_GLYPHS = frozenset({"\u201c", "\u201e", "\u2018\u2018", "``"})
CLOSING_GLYPHS = frozenset({"\u201d", "\u2019\u2019"})
BEFORE_OPENING = set("([{<\u2014\u2013-/'\u2018\u201c\u201e\"")
AFTER_CLOSING = set(".,;:!?)]}>\u2014\u2013-/…'\u2019\u201d\"")


def mark_direction(text: str, start: int, end: int, depth: int) -> int | None:
    """OPEN or CLOSE for the double quotation mark at ``text[start:end]``; None for an inch mark.

    The surrounding characters decide first (space before and a word after opens,
    a word before and space or punctuation after closes), so a curly mark typed
    the wrong way round still counts by where it stands. Otherwise a curly mark
    counts by its shape and a straight one toggles. A mark after a digit outside
    any quotation is an inch mark (a 70" screen, a 16” laptop).
    """
    mark = text[start:end]
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if before.isdigit() and depth == 0:
        return None
    opening_place = (before.isspace() or before in BEFORE_OPENING) and not after.isspace()
    closing_place = not before.isspace() and (after.isspace() or after in AFTER_CLOSING)
    if opening_place and not closing_place:
        return OPEN
    if closing_place and not opening_place:
        return CLOSE
    if mark in OPENING_GLYPHS:
        return OPEN
    if mark in CLOSING_GLYPHS:
        return CLOSE
    return CLOSE if depth else OPEN


class Quotation(NamedTuple):
    """An outermost quotation in a paragraph: offsets into the paragraph's text.

    ``end`` is just past the closing mark, or the paragraph's end when it never closes.
    (A named tuple: cheaper to define and to make than a frozen dataclass.)
    """

    start: int
    end: int
    closed: bool


class ParagraphQuotes(NamedTuple):
    """The double quotation marks of one paragraph, paired. (A named tuple, as ``Quotation``.)"""

    quotations: tuple[Quotation, ...]
    stray_closes: tuple[tuple[int, int], ...]
    unclosed: tuple[int, int] | None
    starts_with_quote: bool


def pair_quotes(text: str) -> ParagraphQuotes:
    """Pair the opening and closing double quotation marks of one paragraph."""
    return pair_marks(text, [m.span() for m in QUOTE_MARK.finditer(text)])


def pair_marks(text: str, spans: list[tuple[int, int]]) -> ParagraphQuotes:
    """``pair_quotes(text)``, given the spans of QUOTE_MARK's matches in ``text``."""
    stack: list[tuple[int, int]] = []
    quotations: list[Quotation] = []
    strays: list[tuple[int, int]] = []
    first_mark: tuple[int, int] | None = None
    for span in spans:
        i, end = span
        direction = mark_direction(text, i, end, len(stack))
        if direction is None:
            continue
        if first_mark is None:
            first_mark = (i, direction)
        if direction == OPEN:
            stack.append(span)
        elif stack:
            start, _ = stack.pop()
            if not stack:
                quotations.append(Quotation(start, end, True))
        else:
            strays.append(span)
    unclosed = stack[0] if stack else None
    if unclosed is not None:
        quotations.append(Quotation(unclosed[0], len(text), False))
    leading = len(text) - len(text.lstrip())
    starts = first_mark is not None and first_mark == (leading, OPEN)
    return ParagraphQuotes(tuple(quotations), tuple(strays), unclosed, starts)


LINE = compile_regex(r"[^\r\n]+")


def looks_hard_wrapped(lines: list[Unit]) -> bool:
    """Lines of a wrapped paragraph: every line but the last 50 to 100 characters long."""
    return len(lines) > 1 and all(50 <= len(line.text) <= 100 for line in lines[:-1])


def split_text_paragraph(para: Unit) -> list[Unit]:
    lines = [Unit(m.group(0).strip(), para.start + m.start() + len(m.group(0)) - len(m.group(0).lstrip()))
             for m in LINE.finditer(para.text) if m.group(0).strip()]
    return [para] if looks_hard_wrapped(lines) else lines


def quote_paragraphs(doc) -> list[Unit]:
    """The paragraphs quotation marks must balance in, computed once.

    Plain text scraped from the web has one paragraph per line, so a plain-text
    paragraph counts line by line unless it looks hard-wrapped.
    """
    def build() -> list[Unit]:
        if doc.format != "text":
            return list(doc.paragraphs)
        units: list[Unit] = []
        for para in doc.paragraphs:  # trimmed, as segment.split_paragraphs makes them
            if "\n" in para.text or "\r" in para.text:
                units.extend(split_text_paragraph(para))
            else:  # one line: split_text_paragraph would give it back as it is
                units.append(para)
        return units

    return doc.memo("attribution.paragraphs", build)


# What pair_quotes finds in a paragraph without a quotation mark.
NO_QUOTES = ParagraphQuotes((), (), None, False)


def quoted_paragraphs(doc) -> tuple[list[ParagraphQuotes], list[int]]:
    """``pair_quotes`` for every quote paragraph (``quote_paragraphs``), and the indices of
    the paragraphs holding a quotation mark, in order; computed once. A document without a
    quotation mark gets two empty lists, and its quote paragraphs are never worked out.

    str.find looks for each text QUOTE_MARK can match throughout the document
    (``mark_occurrences``), and only the paragraphs holding one are paired, from those
    occurrences (``mark_spans``); the rest get NO_QUOTES. Quote paragraphs come in document
    order, do not overlap, and each one's text is the document's between its ends.
    """

    def build() -> tuple[list[ParagraphQuotes], list[int]]:
        occurrences = mark_occurrences(doc)
        units = quote_paragraphs(doc) if occurrences else ()
        quotes = [NO_QUOTES] * len(units)
        if not occurrences:
            return quotes, []
        starts = [unit.start for unit in units]
        inside: dict[int, list[tuple[int, str]]] = {}
        for mark, positions in occurrences:
            for at in positions:
                k = bisect_right(starts, at) - 1  # the last paragraph starting at or before the mark
                if k >= 0 and at + len(mark) <= units[k].end:
                    inside.setdefault(k, []).append((at, mark))
        indices = sorted(inside)
        for k in indices:
            quotes[k] = pair_marks(units[k].text, mark_spans(inside[k], units[k].start))
        return quotes, indices

    return doc.memo("attribution.quoted", build)


def mark_occurrences(doc) -> list[tuple[str, list[int]]]:
    """Each text QUOTE_MARK can match that the document holds, with every offset it stands
    at (overlapping ones included), in order. A mark is one character or a pair of one, and
    str.find looks for one character much faster than for two."""
    text = doc.masked
    found = []
    for mark in QUOTE_MARK_TEXTS:
        if len(mark) == 1:
            positions = list(find_all(text, mark))
        else:
            positions = [at for at in find_all(text, mark[0]) if text.startswith(mark, at)]
        if positions:
            found.append((mark, positions))
    return found


def mark_spans(marks: list[tuple[int, str]], start: int) -> list[tuple[int, int]]:
    """The spans of QUOTE_MARK's matches in a text starting at ``start``, given (offset, mark)
    for every occurrence of a mark's text lying in it: each single mark, and of each pair the
    first occurrence, then the first past its end, and so on (pairs of different characters
    cannot overlap, nor a pair and a single mark)."""
    spans = []
    free: dict[str, int] = {}
    for at, mark in sorted(marks):
        if at >= free.get(mark, 0):
            spans.append((at - start, at - start + len(mark)))
            free[mark] = at + len(mark)
    return spans


# --- Speakers ------------------------------------------------------------------

SPEECH_CUE = compile_regex(rf"\b(?:{alternation(LEXICON['speech_verbs'])})\b", regex.IGNORECASE)
DASH_SPEAKER_AFTER = compile_regex(r"\s*[\u2014\u2013-]{1,2}\s*\p{Lu}")
# A break starts at the first mark of a run (the look-behind), so a long run is scanned once, not once per mark.
SENTENCE_BREAK = compile_regex(r"(?<![.!?\u2026])[.!?\u2026]+[\"'\u201d\u2019)\]]*\s+")
WINDOW = 300

# Someone who can be the speaker: a full name, an honorific and a name, or a
# sentence whose subject is a pronoun or a word the document capitalises
# mid-sentence (a proper noun: "Okafor expects ...").
NOT_A_NAME = (
    "The|This|That|These|Those|A|An|In|On|At|For|But|And|Or|So|It|Its|As|If|When|While|After|Before|"
    "By|With|From|To|Of|Last|Next|Some|Many|Most|All|Our|Their|His|Her|My|We|You|I|There|Here|Then|Now"
)
HONORIFIC = (
    r"\b(?:Mr|Mrs|Ms|Dr|Prof|Professor|Sen|Senator|Rep|Gov|Governor|Minister|President|Judge|"
    r"Chief|General|Gen|Sir|Dame|Lord|Lady)\.?\s+\p{Lu}"
)
PERSON = compile_regex(
    rf"\b(?!(?:{NOT_A_NAME})\b)\p{{Lu}}\p{{Ll}}+(?:\s+\p{{Lu}}\.)?\s+\p{{Lu}}\p{{Ll}}+|{HONORIFIC}"
)
PRONOUN_SUBJECT = compile_regex(r"^\s*(?:He|She|They)\b")
CAPITALISED_SUBJECT = compile_regex(r"^\s*(\p{Lu}\p{Ll}+)\s+\p{Ll}")
MID_SENTENCE_CAPITAL = compile_regex(r"(?<=\p{Ll},?\s)\p{Lu}\p{Ll}+")


class ProperNouns:
    """The words the document capitalises after a lower-case word, as a container:
    ``word in nouns`` is ``word in MID_SENTENCE_CAPITAL.findall(doc.masked)``, answered word
    by word instead of scanning the whole text.

    The pattern's matches never overlap one another (each is a capital and then lower-case
    letters), so a word is among them exactly when the pattern, tried at one of the word's
    occurrences, matches the word and no more.
    """

    __slots__ = ("text", "known")

    def __init__(self, text: str) -> None:
        self.text = text
        self.known: dict[str, bool] = {}

    def __contains__(self, word: str) -> bool:
        found = self.known.get(word)
        if found is None:
            found = any(
                (m := MID_SENTENCE_CAPITAL.match(self.text, at)) is not None and m.end() - at == len(word)
                for at in find_all(self.text, word)
            )
            self.known[word] = found
        return found


def blank_quotations(text: str, quotes: ParagraphQuotes) -> str:
    """The paragraph with every quotation (marks included) replaced by spaces."""
    parts, last = [], 0
    for q in quotes.quotations:
        parts.append(text[last : q.start])
        parts.append(" " * (q.end - q.start))
        last = q.end
    parts.append(text[last:])
    return "".join(parts)


def sentence_starts(window: str) -> list[int]:
    return [m.end() for m in SENTENCE_BREAK.finditer(window)]


def before_quote(outside: str, start: int) -> tuple[str, str, bool]:
    """The start of the sentence of a quotation opening at ``start`` and the
    sentence before it (at most WINDOW characters back), and whether that
    reaches the paragraph's start."""
    window = outside[max(0, start - WINDOW) : start]
    starts = [0, *sentence_starts(window)]
    current = window[starts[-1] :]
    previous = window[starts[-2] : starts[-1]] if len(starts) > 1 else ""
    reached = len(starts) <= 2 and start <= WINDOW
    return previous, current, reached


def after_quote(outside: str, end: int, sentence_ended: bool) -> tuple[str, bool]:
    """The rest of the sentence of a quotation ending at ``end`` and the next
    sentence (only the next one when the quotation ended its own sentence), and
    whether that reaches the paragraph's end."""
    window = outside[end : end + WINDOW]
    ends = sentence_starts(window)
    wanted = 1 if sentence_ended else 2
    if len(ends) >= wanted:
        return window[: ends[wanted - 1]], False
    return window, len(outside) - end <= WINDOW


STOP = compile_regex(r"[.!?\u2026]")


def stop_after(outside: str, end: int) -> str:
    """The text after a quotation up to its first full stop (at most WINDOW characters).

    after_quote's sentence reaches further, past the stop and the space a SENTENCE_BREAK
    needs after it, or is this whole window when there is no stop; and no word ends at the
    stop. So a speech cue or pronoun subject names_speaker_quickly finds here, it finds
    there too, and the quotation is not reported whatever the other tests say.
    """
    stop = STOP.search(outside, end, end + WINDOW)
    return outside[end : stop.end() if stop else end + WINDOW]


def last_sentence(text: str) -> str:
    window = text[-WINDOW:]
    starts = sentence_starts(window.rstrip())
    return window[starts[-1] :] if starts else window


def first_sentence(text: str) -> str:
    window = text[:WINDOW]
    ends = sentence_starts(window)
    return window[: ends[0]] if ends else window


# Speech cues are looked for among a stretch's lower-cased runs of ASCII letters: a lexicon
# phrase of ASCII words that an IGNORECASE pattern matches between \b (or \s) edges shows
# up there whole, every word of it, provided the stretch holds no İ or ſ (see the gates).
ASCII_WORD = compile_regex(r"[a-z]+")


def ascii_words(text: str) -> list[str] | None:
    """The runs of ASCII letters of ``text.lower()``, or None when word gates cannot trust them."""
    low = text.lower()
    if len(low) != len(text) or LONG_S in low:
        return None
    return ASCII_WORD.findall(low)


def gate_word(phrase: str) -> str:
    """The word of a lexicon phrase a gate looks for: its longest (the least common, as a rule)."""
    return max(phrase.lower().split(), key=len)


def gate_words(phrases) -> frozenset[str] | None:
    """``gate_word`` of each phrase, or None when one of them is not plain ASCII letters."""
    words = frozenset(gate_word(p) for p in phrases if p.strip())
    return words if all(ASCII_WORD.fullmatch(w) for w in words) else None


SPEECH_WORDS = gate_words(LEXICON["speech_verbs"])
# Gate words of several-word cues ("statement" of "in a statement"): such a cue does not start there.
SPEECH_WORDS_INSIDE = frozenset(gate_word(p) for p in LEXICON["speech_verbs"] if len(p.split()) > 1)


def speech_cue(text: str) -> bool:
    """``bool(SPEECH_CUE.search(text))``, mostly without running the long alternation."""
    return common_cue(text) or other_cue(text)


COMMON_CUES = ("said", "says", "told")


def common_cue(text: str) -> bool:
    """True only when SPEECH_CUE.search(text) finds something: it matches at one of
    COMMON_CUES, which most cues are, as written."""
    for cue in COMMON_CUES:
        at = text.find(cue)
        while at >= 0:
            if SPEECH_CUE.match(text, at):
                return True
            at = text.find(cue, at + 1)
    return False


def other_cue(text: str) -> bool:
    """``bool(SPEECH_CUE.search(text))``, given that common_cue(text) is False.

    A cue needs one of SPEECH_WORDS among the text's ASCII words. Where one of them is a
    one-word cue's, SPEECH_CUE tried at its occurrences settles it; only a several-word
    cue's gate word sends the whole text through SPEECH_CUE.search.
    """
    words = ascii_words(text) if SPEECH_WORDS is not None else None
    if words is None:
        return SPEECH_CUE.search(text) is not None
    present = SPEECH_WORDS.intersection(words)
    if not present:
        return False
    low = text.lower()
    for word in present:
        for at in find_all(low, word):
            if SPEECH_CUE.match(text, at):
                return True
    return not SPEECH_WORDS_INSIDE.isdisjoint(present) and SPEECH_CUE.search(text) is not None


def names_speaker(sentence: str, nouns) -> bool:
    """A speech verb, or someone who could be the speaker, in this stretch of text."""
    return any_names_speaker((sentence,), nouns)


def names_speaker_quickly(sentence: str) -> bool:
    """True only when names_speaker(sentence, ...) is True: its cheapest tests."""
    return bool(PRONOUN_SUBJECT.match(sentence)) or common_cue(sentence)


def any_names_speaker(sentences: tuple[str, ...], nouns) -> bool:
    """``any(names_speaker(s, nouns) for s in sentences)``, the cheap tests first.

    names_speaker is an "or" of side-effect-free tests, so they may run in any order:
    anchored matches and common speech verbs first, the scans of the whole stretch last.
    """
    if any(names_speaker_quickly(sentence) for sentence in sentences):
        return True
    for sentence in sentences:
        subject = CAPITALISED_SUBJECT.match(sentence)
        if subject and subject.group(1) in nouns:
            return True
    return any(other_cue(sentence) or PERSON.search(sentence) for sentence in sentences)


TITLE_WORD = compile_regex(r"\p{L}[\p{L}'’-]{3,}")
FIRST_LETTER = compile_regex(r"\p{L}")
ENDS_SENTENCE = compile_regex(r"[.!?\u2026][^\p{L}\p{N}]{0,4}$")


def ends_with(text: str, chars: str) -> bool:
    """Whether the last non-space character of ``text`` is one of ``chars``."""
    stripped = text[-WINDOW:].rstrip()
    return bool(stripped) and stripped[-1] in chars


def starts_as_sentence(text: str) -> bool:
    """Whether the first letter of ``text`` is a capital (needs_speaker's first test)."""
    first = FIRST_LETTER.search(text)
    return first is not None and first.group(0).isupper()


def needs_speaker(text: str, min_words: int) -> bool:
    """A quotation that reads as someone's full sentence, not a quoted phrase or a title."""
    if not starts_as_sentence(text):
        return False
    if not has_words(text, min_words):
        return False
    # After white space a TITLE_WORD match can start afresh (no match runs over a space),
    # so four lower-case ASCII letters there start a long word that is not capitalised.
    if LOWER_CASE_WORD.search(text):
        return True
    long_words = TITLE_WORD.findall(text)
    return not all(w[0].isupper() for w in long_words)


LOWER_CASE_WORD = compile_regex(r"\s[a-z]{4}")


# --- A101 ----------------------------------------------------------------------


@dataclass(frozen=True)
class UnattributedQuoteOptions:
    """Options of A101. ``min_words``: the fewest words of a quotation that needs a speaker."""

    min_words: int = 6


def unattributed_quotations(doc, min_words: int):
    """(paragraph, quotation) for each full-sentence quotation with no speaker around it.

    Only the paragraphs holding a quotation mark are visited (one without a mark has no
    quotation). Whether a paragraph's first quotation continues the previous paragraph's
    speaker is asked only of a quotation the cheap tests have not ruled out (see continues).
    """
    all_quotes, marked = quoted_paragraphs(doc)
    if not any(all_quotes[i].quotations for i in marked):
        return
    paragraphs = quote_paragraphs(doc)
    headline = doc.headline
    nouns = ProperNouns(doc.masked)
    blanked: dict[int, str] = {}
    cues: dict[int, bool] = {}

    def outside_of(i: int) -> str:
        if i not in blanked:
            blanked[i] = blank_quotations(paragraphs[i].text, all_quotes[i])
        return blanked[i]

    def continues(i: int) -> bool:
        """Whether paragraph i opens with a quotation that continues an earlier speaker.

        It does when the paragraphs from some k + 1 to i all open with a quotation and the
        text outside quotations in paragraph k has a speech cue; unrolled, that is the
        original paragraph-by-paragraph hand-over of a speaker.
        """
        k = i - 1
        while k >= 0 and all_quotes[k + 1].starts_with_quote:
            if k not in cues:
                cues[k] = speech_cue(outside_of(k))
            if cues[k]:
                return True
            k -= 1
        return False

    for index in marked:
        para, quotes = paragraphs[index], all_quotes[index]
        if not quotes.quotations or (headline is not None and para.start <= headline.start < para.end):
            continue
        outside = outside_of(index)
        for q in quotes.quotations:
            text = para.text[q.start : q.end]
            if not starts_as_sentence(text) or names_speaker_quickly(stop_after(outside, q.end)):
                continue
            if not needs_speaker(text, min_words):
                continue
            ahead = outside[max(0, q.start - WINDOW) : q.start]
            if ends_with(ahead, "([:\uff1a") or DASH_SPEAKER_AFTER.match(outside, q.end, q.end + WINDOW):
                continue
            if q is quotes.quotations[0] and continues(index):
                continue
            sentence_ended = bool(ENDS_SENTENCE.search(para.text, max(q.start, q.end - 6), q.end))
            following, reached_end = after_quote(outside, q.end, sentence_ended)
            if names_speaker_quickly(following):  # the usual place ("...," she said)
                continue
            previous, current, reached_start = before_quote(outside, q.start)
            if any_names_speaker((previous, current, following), nouns):
                continue
            if reached_start and index > 0:
                before = outside_of(index - 1)
                if ends_with(before, ":\uff1a") or names_speaker(last_sentence(before), nouns):
                    continue
            if reached_end and index + 1 < len(paragraphs) and names_speaker(first_sentence(outside_of(index + 1)), nouns):
                continue
            yield para, q


@rule("A101", "quote-without-speaker", scope=Scope.DOCUMENT, options=UnattributedQuoteOptions)
def quote_without_speaker(doc, ctx):
    """What it flags: a quotation of a full sentence with no speaker in its
    sentence or the sentences either side of it.

    Why: a quotation nobody is said to have spoken cannot be checked and reads as
    invented; spun copy keeps the quotes and drops who said them.

    Example: `The depot stays open. “We will not be moving it this year or next.” Repairs start in May.`

    Prefer: `“We will not be moving the depot this year or next,” said Ines Marrow, the council's transport lead.`

    A speaker is a speech verb (said, told, added, wrote, "according to" ...),
    a colon just before the quotation, a dash and a name just after it, or a
    person named in the sentence or the one before. A quotation that opens a
    paragraph continues the previous paragraph's speaker. Quotations starting
    in lower case or in brackets, Title-Case titles, quotations under
    `min-words` words and the headline are left alone.
    """
    found = list(unattributed_quotations(doc, ctx.options.min_words))
    if found and document_is_english(doc):  # asked last: it scans the text, and seldom matters
        for para, q in found:
            yield ctx.report(para.at(q.start, q.end), "Quotation has no speaker nearby; say who said or wrote it")


# --- A102 ----------------------------------------------------------------------


@rule("A102", "unbalanced-quotes", scope=Scope.DOCUMENT)
def unbalanced_quotes(doc, ctx):
    """What it flags: a double quotation mark that closes a quotation never
    opened in its paragraph, or opens one that is never closed, when the next
    paragraph does not reopen it.

    Why: a stray mark hides where the speaker's words start or end, and usually
    means a sentence was cut or pasted in.

    Example: `Tickets will be refunded in full,” the organiser said.`

    Prefer: `“Tickets will be refunded in full,” the organiser said.`

    News style runs a long quotation over several paragraphs by reopening each
    paragraph without closing the previous one; that is not flagged. Straight
    marks count as opening or closing by where they stand, an inch mark after a
    digit is ignored, and apostrophes and single quotes are out of scope.
    """
    all_quotes, marked = quoted_paragraphs(doc)
    paragraphs = quote_paragraphs(doc) if marked else ()
    for index in marked:  # a paragraph without a quotation mark has nothing to report
        para, quotes = paragraphs[index], all_quotes[index]
        following = all_quotes[index + 1] if index + 1 < len(paragraphs) else None
        previous = all_quotes[index - 1] if index else None
        strays = quotes.stray_closes
        if strays and previous is not None and previous.unclosed is not None and not quotes.starts_with_quote:
            strays = strays[1:]
        for span in strays:
            yield ctx.report(
                para.at(*span),
                "Closing quotation mark has no opening mark in this paragraph; check where the quotation starts",
            )
        if quotes.unclosed is None or (following is not None and following.starts_with_quote):
            continue
        if following is not None and following.stray_closes:
            message = (
                "Quotation runs into the next paragraph without a reopening mark; "
                "reopen it there or close it here"
            )
        else:
            message = "Quotation is never closed; check where it ends"
        yield ctx.report(para.at(*quotes.unclosed), message)


# --- A103 ----------------------------------------------------------------------

WEASEL_WORDS = LEXICON["weasel"]
INTERJECTION = r"(?:\s{1,3}\p{L}{1,20}ly|\s{0,3},[^,.;:\n]{1,40},)?"
WEASEL_GROUPED = (
    rf"\b(?:{alternation(WEASEL_WORDS['quantifiers'])})\s+(?:{alternation(WEASEL_WORDS['groups'])})"
    rf"{INTERJECTION}\s+(?:{alternation(WEASEL_WORDS['verbs'])})\b"
)
# A bare crowd ("analysts say") starts its sentence, or comes after one of these marks or words.
BARE_AFTER_MARKS = ",;:"
BARE_AFTER_WORDS = ("but", "and", "yet", "while", "though", "although", "as", "because")
WEASEL_BARE = (
    rf"(?:^|(?<=[{BARE_AFTER_MARKS}]\s{{0,3}})|(?<=\b(?:{'|'.join(BARE_AFTER_WORDS)})\s{{1,3}}))"
    rf"(?:{alternation(WEASEL_WORDS['bare_groups'])}){INTERJECTION}\s+(?:{alternation(WEASEL_WORDS['verbs'])})\b"
)
WEASEL_PHRASE = rf"\b(?:{alternation(WEASEL_WORDS['phrases'])})\b"

NAME = r"\p{Lu}[\p{Ll}'’-]++(?:\s{1,3}(?:\p{Lu}\.\s?)?\p{Lu}[\p{L}'’-]++){1,3}"
# Lower case only: "States" in "United States" is not a verb.
SOURCE_VERB = rf"\b(?:{alternation(LEXICON['source_verbs'])})\b"
SOURCE_VERB_RE = compile_regex(SOURCE_VERB)
# SOURCE_VERB_RE is case-sensitive and each verb is a run of ASCII lower-case letters between
# \b edges, so a match is one of the text's runs of [a-z], and SOURCE_VERB_RE matches there
# exactly as finditer would (no match can run into another: a \b lies between them).
SOURCE_VERBS = gate_words(LEXICON["source_verbs"]) if all(len(v.split()) == 1 for v in LEXICON["source_verbs"]) else None
NAMED_AFTER_VERB = compile_regex(r"[ \t]+\p{Lu}")
ACCORDING_TO_SOMEONE = compile_regex(
    r"\b[Aa]ccording\s+to\s+(?!(?:some|many|reports?|sources|rumou?rs?|experts|analysts|observers|critics|insiders)\b)"
)
NAMED_SOURCE = compile_regex(
    rf"\b(?i:including|such\s+as|among\s+them|notably|led\s+by|like)\s+(?:the\s+)?\p{{Lu}}"
    rf"|(?:{NAME}|{HONORIFIC})(?:,?\s++[^\s.;]++){{0,8}}?\s++{SOURCE_VERB}"
    rf"|{SOURCE_VERB}\s+(?:{NAME}|{HONORIFIC})"
    rf"|\b(?i:according\s+to)\s+(?:{NAME}|{HONORIFIC}|the\s+\p{{Lu}})"
)


# "according to reports from the Harbour Gazette" names its source after all.
QUALIFIED_BY_NAME = compile_regex(r"\s+(?:from|by|in|of|at)\s+(?:the\s+)?\p{Lu}")


@dataclass(frozen=True)
class WeaselOptions:
    """Options of A103. ``extra_phrases``: more weasel phrasings (any case, whole words)."""

    extra_phrases: tuple[str, ...] = ()


def key_words(phrases) -> set[str]:
    """The longest word of each phrase: a sentence without it cannot hold the phrase."""
    return {max(p.lower().split(), key=len) for p in phrases if p.strip()}


TOKEN_EDGE = "".join(sorted(set(".,;:!?()[]{}<>\"'`*_\u201c\u201d\u2018\u2019\u2014\u2013\u2026-")))


class WeaselMatcher:
    """The weasel pattern, run as its parts (grouped crowds, bare crowds, phrases, house
    phrasings), each only on sentences holding one of its own key words.

    ``finditer`` gives exactly the matches of the parts joined in one alternation: the
    leftmost match, the earlier part on a tie, then on from its end. Run apart, each
    part is skipped where its key words are missing, and the regex engine scans a
    short alternation faster than the long one.
    """

    def __init__(self, parts: list[tuple[str, frozenset[str]]]) -> None:
        self.parts = [(compile_regex(source, regex.IGNORECASE), keys) for source, keys in parts]
        self.keys = frozenset().union(*(keys for _, keys in parts))

    def finditer(self, text: str):
        words = set(map(str.strip, text.lower().split(), repeat(TOKEN_EDGE)))
        patterns = [pattern for pattern, keys in self.parts if not keys.isdisjoint(words)]
        found = [pattern.search(text) for pattern in patterns]
        while True:
            best = None
            for i, m in enumerate(found):
                if m is not None and (best is None or m.start() < found[best].start()):
                    best = i
            if best is None:
                return
            match = found[best]
            yield match
            at = match.end()
            found = [pattern.search(text, at) if m is not None and m.start() < at else m
                     for pattern, m in zip(patterns, found)]


WEASEL_PARTS = [
    (WEASEL_GROUPED, frozenset(WEASEL_WORDS["groups"])),
    (WEASEL_BARE, frozenset(WEASEL_WORDS["bare_groups"])),
    (WEASEL_PHRASE, frozenset(key_words(WEASEL_WORDS["phrases"]))),
]
_weasel_matchers: dict = {}


def weasel_matcher(extra: tuple[str, ...]) -> WeaselMatcher:
    """The weasel matcher, with house phrasings added (compiled on first use)."""
    if extra not in _weasel_matchers:
        parts = WEASEL_PARTS + ([(rf"\b(?:{alternation(extra)})\b", frozenset(key_words(extra)))] if extra else [])
        _weasel_matchers[extra] = WeaselMatcher(parts)
    return _weasel_matchers[extra]


class WeaselGate:
    """The sentences a weasel matcher can match in, found without running it.

    A match's words, and the group and quantifier words of a crowd, are whole runs of
    ASCII letters of the document (``letter_runs``): each is matched without regard to case
    between \\b or white-space edges, and only white space lies between them. So a phrase
    can only match where its runs follow one another in the document's runs, and a crowd
    needs its group word right after a quantifier's last word, unless it is a bare crowd.
    Only such phrases' triggers (their least common run) and such group words are looked
    for, and a sentence holding one counts only if, lower-cased with its white space runs
    made single spaces ("flat"), it contains one of the trigger's phrases, or the group word
    after a quantifier's last word and a space, or a bare group word where a bare crowd may
    start (``bare_context``). No other sentence can match.
    """

    def __init__(self, groups, bare_groups, quantifiers, phrases) -> None:
        group_words = lower_phrases([*groups, *bare_groups])
        quantifier_words = {q.split()[-1] for q in lower_phrases(quantifiers)}
        self.usable = all(ASCII_WORD.fullmatch(w) for w in (*group_words, *quantifier_words))
        self.groups = tuple(sorted(w.encode() for w in group_words))
        self.bare_groups = frozenset(w.encode() for w in lower_phrases(bare_groups))
        self.quantifiers = frozenset(w.encode() for w in quantifier_words)
        self.phrases: dict[bytes, list[tuple[str, frozenset[bytes], bytes]]] = {}
        words = {*self.groups, *self.quantifiers}
        for phrase in sorted(lower_phrases(phrases)):
            runs = [run.encode() for run in ASCII_WORD.findall(phrase)]
            if not phrase.isascii() or not runs:
                self.usable = False
                continue
            in_stream = b" ".join(runs)
            self.phrases.setdefault(max(runs, key=trigger_rank), []).append((phrase, frozenset(runs), in_stream))
            words.update(runs)
        self.words = frozenset(words)

    def sentences(self, doc) -> list[int] | None:
        """The indices of candidate sentences, in order; None when the gate cannot tell."""
        runs = letter_runs(doc) if self.usable else None
        if runs is None:
            return None
        if self.words <= GATE_WORDS:  # the default lexicon: share the one pass
            present = self.words.intersection(gate_words_present(doc))
        else:
            present = self.words.intersection(runs.words)
        if not present:
            return []
        sentences = doc.sentences
        starts: list[int] = []
        found: set[int] = set()
        flat: dict[int, str] = {}

        def sentence_of(at: int) -> int | None:
            if not starts:
                starts.extend(s.start for s in sentences)
            k = bisect_right(starts, at) - 1
            return k if k >= 0 and k not in found and at < sentences[k].end else None

        def flat_sentence(k: int) -> str:
            if k not in flat:
                flat[k] = " ".join(sentences[k].text.lower().split())
            return flat[k]

        quantifiers = self.quantifiers.intersection(present)
        for group in sorted(present.intersection(self.groups)):
            bare = group in self.bare_groups
            if not (bare or quantifiers and runs.follows(quantifiers, group)):
                continue
            word = group.decode()
            for at in runs.find(group):
                k = sentence_of(at)
                if k is None:
                    continue
                text = flat_sentence(k)
                if any(f"{q.decode()} {word}" in text for q in self.quantifiers) or (bare and bare_context(text, word)):
                    found.add(k)
        for trigger in present.intersection(self.phrases):
            phrases = [phrase for phrase, words, in_stream in self.phrases[trigger] if words <= present and runs.has(in_stream)]
            for at in runs.find(trigger) if phrases else ():
                k = sentence_of(at)
                if k is not None and any(phrase in flat_sentence(k) for phrase in phrases):
                    found.add(k)
        return sorted(found)


def trigger_rank(run: bytes) -> tuple[bool, int, bytes]:
    """The run of a phrase to look for is the least common one, as a rule: not a function
    word, then the longest (and, for the same length, the first in order)."""
    return run.decode() not in ENGLISH_FUNCTION_WORDS, len(run), bytes(255 - c for c in run)


def bare_context(flat: str, word: str) -> bool:
    """Whether ``word`` stands where WEASEL_BARE's look-behind lets a bare crowd start, in a
    flat sentence: at its start (the ^), or after a BARE_AFTER_MARKS mark and at most one
    space, or after a BARE_AFTER_WORDS word and a space."""
    return (
        flat.startswith(word)
        or any(f"{mark}{word}" in flat or f"{mark} {word}" in flat for mark in BARE_AFTER_MARKS)
        or any(f"{after} {word}" in flat for after in BARE_AFTER_WORDS)
    )


_weasel_gates: dict[tuple[str, ...], WeaselGate] = {}


def weasel_gate(extra: tuple[str, ...]) -> WeaselGate:
    """The gate of ``weasel_matcher(extra)`` (built on first use)."""
    if extra not in _weasel_gates:
        words = WEASEL_WORDS
        phrases = [*words["phrases"], *extra]
        _weasel_gates[extra] = WeaselGate(words["groups"], words["bare_groups"], words["quantifiers"], phrases)
    return _weasel_gates[extra]


def lower_phrases(phrases) -> set[str]:
    """Lexicon phrases as ``alternation`` reads them: lower case, single spaces."""
    return {" ".join(p.lower().split()) for p in phrases if p.strip()}


# The lexicon words gates look for among the document's letter runs, in one pass for all.
GATE_WORDS = weasel_gate(()).words | frozenset(v.encode() for v in SOURCE_VERBS or ())


def gate_words_present(doc) -> frozenset[bytes] | None:
    """The GATE_WORDS among the document's letter runs, computed once (None without runs)."""

    def build() -> frozenset[bytes] | None:
        runs = letter_runs(doc)
        return None if runs is None else GATE_WORDS.intersection(runs.words)

    return doc.memo("attribution.gate-words", build)


CREDIT_VERB = compile_regex(rf"\b(?:{alternation(LEXICON['credit_verbs'])})\b")


def credited_elsewhere(text: str, matches) -> bool:
    """Whether a source verb outside the weasel phrasings credits the sentence
    to someone ("It is thought the fire started in the kitchen, police said")."""
    spans = [m.span() for m in matches]
    return any(
        not any(start <= verb.start() < end for start, end in spans) for verb in CREDIT_VERB.finditer(text)
    ) or bool(ACCORDING_TO_SOMEONE.search(text))


def mentions_any(text: str, keys: frozenset[str]) -> bool:
    return not keys.isdisjoint(map(str.strip, text.lower().split(), repeat(TOKEN_EDGE)))


@rule("A103", "weasel-source", scope=Scope.DOCUMENT, options=WeaselOptions)
def weasel_source(doc, ctx):
    """What it flags: a claim credited to an unnamed crowd ("some analysts
    have said", "observers note", "sources suggest", "it is thought", "people are
    saying") when neither its sentence nor the next one names a source.

    Why: a faceless crowd lends a claim authority that nobody has to stand
    behind; readers cannot weigh a source they are not told about.

    Example: `Many experts believe the bridge will need replacing within a decade.`

    Prefer: `The bridge will need replacing within a decade, said Tomas Reyle, a structural engineer at the regional roads agency.`

    A name with a speech verb ("..., said Ada Kerr"), "according to" a name, or
    a list introduced by "including" or "such as" counts as naming the source.
    `extra-phrases` adds house phrasings.
    """
    extra = tuple(ctx.options.extra_phrases)
    candidates = weasel_gate(extra).sentences(doc)
    if candidates == []:
        return
    if not document_is_english(doc):
        return
    matcher = weasel_matcher(extra)
    if not mentions_any(doc.masked, matcher.keys):  # sentences split at spaces: none of them can
        return
    sentences = doc.sentences
    for index in range(len(sentences)) if candidates is None else candidates:
        sentence = sentences[index]
        if not mentions_any(sentence.text, matcher.keys):
            continue
        matches = list(matcher.finditer(sentence.text))
        if not matches:
            continue
        if NAMED_SOURCE.search(sentence.text) or credited_elsewhere(sentence.text, matches):
            continue
        if index + 1 < len(sentences) and NAMED_SOURCE.search(sentences[index + 1].text):
            continue
        for match in matches:
            if QUALIFIED_BY_NAME.match(sentence.text, match.end()):
                continue
            yield ctx.report(
                sentence.at(*match.span()),
                f"“{match.group(0)}” credits no one; name the source or cut the claim",
            )


# --- A104 ----------------------------------------------------------------------

CREDIT_START = r"(?:^|(?<=[(\[|•·]))[\s*_>]*+"
CREDIT_END = r"[\s*_]*+(?:[.)\]|]{1,3}[\s*_]*+)?$"


def credit_pattern(extra: tuple[str, ...]) -> regex.Pattern:
    hollow = alternation([*LEXICON["hollow_sources"], *extra])
    engines = alternation(LEXICON["search_engines"])
    return compile_regex(
        rf"{CREDIT_START}(?:"
        rf"(?:{alternation(LEXICON['credit_labels'])})\s*[:\uff1a|\u2014\u2013-]\s*(?P<value>{hollow}|{engines})"
        rf"|(?:{alternation(LEXICON['source_labels'])})\s*[:\uff1a|\u2014\u2013-]\s*(?P<value>{hollow})"
        rf"){CREDIT_END}",
        regex.IGNORECASE,
    )


CREDIT_DEFAULT = credit_pattern(())
# A credit ends its line, so only the end of a line (however long) is searched.
CREDIT_TAIL = 160
# What CREDIT_END lets stand after a credit's value: white space and these.
CREDIT_TRAIL_MARKS = "*_.)]|"
# Every character the regex module's \s matches (tests/test_attribution_speed_gates.py checks it).
REGEX_SPACES = "\t\n\x0b\x0c\r \x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u2028\u2029\u202f\u205f\u3000"
CREDIT_TRAIL = REGEX_SPACES + CREDIT_TRAIL_MARKS


def credit_endings(extra: tuple[str, ...]) -> tuple[str, ...] | None:
    """What a line must end with (lower-cased, once white space and CREDIT_TRAIL_MARKS are
    stripped from its end) for a credit pattern to match it: the last word of a value, less
    trailing marks. None when a value gives nothing a gate can check (not ASCII, or only marks).
    """
    endings = set()
    for value in [*LEXICON["hollow_sources"], *LEXICON["search_engines"], *extra]:
        words = value.strip().lower().split()
        if not words:
            continue
        ending = words[-1].rstrip(CREDIT_TRAIL_MARKS)
        if not ending or not ending.isascii():
            return None
        endings.add(ending)
    return tuple(sorted(endings))


class CreditEndings:
    """What a line must end with for a credit pattern to match it (see ``may_end``)."""

    def __init__(self, endings: tuple[str, ...]) -> None:
        self.endings = endings
        last = {ending[-1] for ending in endings}
        self.last = frozenset({*last, *(c.upper() for c in last), *FOLDS_TO_ASCII})

    def may_end(self, text: str) -> bool:
        """False only when no credit pattern whose values end in ``endings`` can match ``text``.

        The pattern ends with a value and CREDIT_END, so the text with CREDIT_TRAIL stripped
        from its end (all CREDIT_END may take, and never a letter of the value) ends with the
        value's last word, matched without regard to case. An ASCII character matches only
        itself in the other case, or İ, ſ or the Kelvin sign, so the text's last character
        must be one of those of an ending's last character, and an ending must fit after the
        last other non-ASCII character.
        """
        text = text.rstrip(CREDIT_TRAIL)
        if text[-1:] not in self.last:  # most lines end in some other letter
            return False
        tail = text[-ENDING_ROOM:]
        if not tail.isascii():
            if any(c in tail for c in FOLDS_TO_ASCII):
                return True
            cut = len(tail)
            while cut and tail[cut - 1].isascii():
                cut -= 1
            tail = tail[cut:]
        return tail.lower().endswith(self.endings)


ENDING_ROOM = 24  # at least as long as every ending
_credit_gates: dict[tuple[str, ...], tuple[regex.Pattern, CreditEndings | None]] = {}


def credit_gate(extra: tuple[str, ...]) -> tuple[regex.Pattern, CreditEndings | None]:
    """The credit pattern with ``extra`` hollow sources, and its endings (compiled on first use)."""
    if extra not in _credit_gates:
        endings = credit_endings(extra)
        if endings is not None and max(map(len, endings)) > ENDING_ROOM:
            endings = None
        pattern = credit_pattern(extra) if extra else CREDIT_DEFAULT
        _credit_gates[extra] = (pattern, None if endings is None else CreditEndings(endings))
    return _credit_gates[extra]


@dataclass(frozen=True)
class HollowCreditOptions:
    """Options of A104. ``extra_sources``: more hollow source names."""

    extra_sources: tuple[str, ...] = ()


@rule("A104", "hollow-credit", scope=Scope.LINE, options=HollowCreditOptions)
def hollow_credit(line, ctx):
    """What it flags: a credit or source line that names no owner, such as a
    search engine, "the internet" or "social media".

    Why: a picture found through a search engine still belongs to someone; a
    hollow credit hides who that is and whether the outlet may use it.

    Example: `Photo credit: Google Images`

    Prefer: `Photo: Lena Okafor/Harbour Press Agency`

    Search engines fire only after a picture or credit label, since
    "Source: Google" under Google's own figures is a real source.
    `extra-sources` adds more hollow names.
    """
    pattern, endings = credit_gate(tuple(ctx.options.extra_sources))
    if endings is not None and not endings.may_end(line.text):
        return ()  # most lines: a plain return, not a generator, as this runs once a line
    tail = max(0, len(line.text) - CREDIT_TAIL)
    match = pattern.search(line.text, tail)
    if not match:
        return ()
    return [
        ctx.report(
            line.at(*match.span("value")),
            f"Credit “{match.group('value')}” names no owner; name the photographer, agency or rights holder",
        )
    ]


# --- A105 ----------------------------------------------------------------------

PRONOUNS = frozenset({"he", "she", "they", "we", "i"})


def credits_a_source(text: str) -> bool:
    """Whether the text credits something to someone: "according to" a source,
    a source verb right before a capitalised word ("told Reuters"), or one with a
    capitalised word or a pronoun among the eight words before it on its line
    ("Harlow Metals said", "she told").

    Any one source verb that credits settles it, so the verbs are tried in the order
    that is cheapest to find them in: the common ones by str.find first.
    """
    return credits_quickly(text) or credits_otherwise(text)


def credits_quickly(text: str) -> bool:
    """True only when credits_a_source(text) is True: a common source verb credits someone."""
    return SOURCE_VERBS is not None and any(verb_at_credits(text, verb) for verb in COMMON_SOURCE_VERBS)


def credits_otherwise(text: str, present: frozenset[bytes] | None = None) -> bool:
    """credits_a_source(text), given that credits_quickly(text) is False. ``present`` may hold
    words among which are all the text's runs of [a-z] that are SOURCE_VERBS."""
    if according_to_someone(text):
        return True
    if SOURCE_VERBS is None:
        return any(verb_credits(text, verb) for verb in SOURCE_VERB_RE.finditer(text))
    if present is None:
        verbs = SOURCE_VERBS.intersection(ASCII_WORD.findall(text))
    else:
        verbs = {verb for verb in SOURCE_VERBS if verb.encode() in present}
    return any(verb_at_credits(text, verb) for verb in verbs.difference(COMMON_SOURCE_VERBS))


def verb_credits(text: str, verb) -> bool:
    """Whether a SOURCE_VERB_RE match credits someone (see credits_a_source)."""
    if NAMED_AFTER_VERB.match(text, verb.end()):
        return True
    window = text[max(0, verb.start() - 160) : verb.start()]
    words = window[window.rfind("\n") + 1 :].split()[-9:]
    if any(word[:1].isupper() for word in words):
        return True
    return bool(words) and (words[-1].lower() in PRONOUNS or (len(words) > 1 and words[-1].endswith("ly") and words[-2].lower() in PRONOUNS))


COMMON_SOURCE_VERBS = ("said", "says", "told")


def verb_at_credits(text: str, verb: str) -> bool:
    """Whether a SOURCE_VERB_RE match at an occurrence of ``verb`` credits someone."""
    for at in find_all(text, verb):
        match = SOURCE_VERB_RE.match(text, at)
        if match is not None and verb_credits(text, match):
            return True
    return False


def according_to_someone(text: str) -> bool:
    """``bool(ACCORDING_TO_SOMEONE.search(text))``: tried only where "ccording" stands."""
    return any(at > 0 and ACCORDING_TO_SOMEONE.match(text, at - 1) for at in find_all(text, "ccording"))


@dataclass(frozen=True)
class UnsourcedArticleOptions:
    """Options of A105. ``min_words``: the fewest words of a body that must name a source."""

    min_words: int = 150


@rule(
    "A105",
    "unsourced-article",
    scope=Scope.DOCUMENT,
    severity=Severity.INFO,
    options=UnsourcedArticleOptions,
)
def unsourced_article(doc, ctx):
    """What it flags: an article of at least `min-words` words that never
    credits anything to a named person or organisation (no "X said", "told
    Y", "according to Z").

    Why: a news report stands on its sources; an article without one is
    commentary, or copy spun from a report whose sources were dropped.

    Example: a 400-word story on a factory closure that never says who
    announced it or who was asked.

    Prefer: `The plant will close in March, Harlow Metals said in a statement.`

    Reported once per document, at the headline, with severity info: opinion
    pieces and blog posts legitimately name no sources.
    """
    body = doc.body_paragraphs
    if not body:
        return
    text = "\n".join([p.text for p in body])
    # Three tests, cheapest first: a source (a common verb is usually there), length, language.
    # The body's source verbs are runs of the document's (see credits_otherwise).
    if credits_quickly(text) or credits_otherwise(text, gate_words_present(doc)):
        return
    if not has_words(text, ctx.options.min_words) or not looks_english(text):
        return
    anchor = doc.headline or body[0]
    yield ctx.report(
        anchor.span,
        "Article credits nothing to a named person or organisation; say where the facts come from",
    )


@hookimpl
def newslint_rules():
    return [quote_without_speaker, unbalanced_quotes, weasel_source, hollow_credit, unsourced_article]
