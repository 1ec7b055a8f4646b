"""People in an article: stated ages, and the spellings of their names.

Helper for the C1xx rules. ``find_ages`` lists "Name, 44," / "Name (44)" /
"Name, aged 44" / "the 44-year-old goalkeeper Name" / "Name, the 44-year-old"
mentions; ``PersonIndex`` decides whether two mentions name the same person
(a lone surname only counts when one first name goes with it in the text);
``find_name_pairs`` lists the "First Last" and "Title Last" pairs that name
people, for spelling comparisons.
"""
from __future__ import annotations

import bisect
import re
from collections import defaultdict
from typing import NamedTuple

import regex

from newslint.patterns import compile as compile_regex
from newslint_plugins.numbers import NUMBER, number_value

TITLES = frozenset(
    """Mr Mrs Ms Miss Mx Dr Prof Professor Sir Dame Lord Lady Rev Father Sister Brother
    President Premier Chancellor Minister Secretary Senator Sen Rep Representative Congressman
    Congresswoman Governor Gov Mayor Councillor Councilman Councilwoman Judge Justice Officer
    Detective Sergeant Sgt Constable Inspector Superintendent Chief Captain Capt Lieutenant Lt
    Colonel Col General Gen Major Admiral Commander Coach Manager Director Ambassador King Queen
    Prince Princess Pope Bishop Archbishop Rabbi Imam Sheikh Deputy Commissioner Marshal Agent""".split()
)
# Capitalised words that start sentences or name things, never a person's first name.
NOT_FIRST_NAMES = frozenset(
    """The A An And But Or Nor For So Yet In On At Of To From By With Without Into Onto Over Under
    After Before During Since Until While When Where Why How What Which Who Whom Whose That This
    These Those There Here Then Than As If Although Though Because Unlike Like About Against Among
    Between Despite Through Throughout Toward Towards Upon Via Per Both Each Every All Any Some Many
    Most Much More Few Several Such No Not Only Also Even Just Still Yet Meanwhile However Moreover
    He She It They We You I His Her Its Their Our Your My Him Them Us Me Mine Hers Ours Theirs
    North South East West Northern Southern Eastern Western Central Upper Lower New Old Great Little
    Greater United National International Royal Federal State States City County Fort Saint St Mount
    Lake River Port Bay Cape Los Las San Santa Sao Rio El La Le Les Des Del Da De Di Van Von Al Abu
    Bin Ibn Ben Later Earlier Yesterday Today Tomorrow Tonight Now Then Instead Indeed Finally
    Eventually Afterwards Recently Currently Previously Separately Elsewhere Overall Together Again
    Once Twice First Second Third Last Next Local Police Officials Sources Critics Supporters
    Residents Witnesses Experts Analysts Investors Shares Prices""".split()
) | TITLES

# "Okafor", "McAdam", "DeLuca", "O'Brien", "Smith-Jones".
NAME_TOKEN = r"(?:\p{Lu}['\u2019])?\p{Lu}[\p{Ll}\p{Lm}]+(?:\p{Lu}[\p{Ll}\p{Lm}]+)?(?:['\u2019]\p{Lu}\p{Ll}+|-\p{Lu}?\p{Ll}+)*"
INITIAL = r"\p{Lu}\."
SUFFIX = r"(?:,?\s+(?:Jr|Sr)\.?|\s+(?:II|III|IV))"
# "Maria Okafor", "Patrick W. Carlineo Jr.", "Okafor": up to four tokens.
NAME = rf"(?:{NAME_TOKEN}|{INITIAL})(?:\s+(?:{NAME_TOKEN}|{INITIAL})){{0,3}}{SUFFIX}?"
AGE_NUMBER = rf"(?P<age>{NUMBER})"
YEAR_OLD = rf"\b{AGE_NUMBER}[-\s]years?[-\s]old"
# Lower-case nouns that make a following capitalised word a modifier, not a name:
# "a 10-year-old Leeds girl".
PERSON_NOUNS = frozenset(
    """man woman boy girl child kid baby toddler teen teenager resident native student pupil
    mother father son daughter brother sister wife husband partner friend neighbour neighbor
    worker driver fan player man's woman's""".split()
)

# NAME with each word atomic, for where a comma or white space follows it: as in
# SURNAME_CONTEXT, a word's only reading that ends there is its longest.
NAME_BEFORE_SPACE = rf"(?>{NAME_TOKEN}|{INITIAL})(?:\s+(?>{NAME_TOKEN}|{INITIAL})){{0,3}}{SUFFIX}?"


def _age_after_name(name: str) -> str:
    return rf"""
    # Name, 44, | Name (44) | Name, aged 44 | Name, 44 years old | Name, the 44-year-old
    (?P<name>{name})
    (?:
        ,\s+(?:aged\s+|now\s+|who\s+is\s+)?(?P<age>\d{{1,3}})(?:\s+years\s+old)?(?=\s*[,;:)]|\.(?!\d)|\s+(?:and|who|said|says|told|of|from|is|was|were|has|had|died|dies)\b)
      | \s+\((?:aged\s+)?(?P<age>\d{{1,3}})\)(?=\s*,|\s+\p{{Ll}})
      | ,\s+(?:the|a|an)\s+(?i:{YEAR_OLD})
    )
"""


_AGE_BEFORE_NAME = rf"""
    # the 44-year-old goalkeeper Name | 44-year-old Name | the 44-year-old defender, Name,
    (?i:{YEAR_OLD})(?P<role>(?:\s+[\p{{Ll}}-]+){{0,3}}),?\s+(?P<name>{NAME})(?P<after>\s+[\p{{Ll}}]+|['\u2019]s)?
"""
# AGE_MENTIONS: every age mention, in one pattern. Only tests scan for it, so it is compiled
# when asked for (see ``__getattr__``): loading it from the pattern cache cost a start 1 ms.
AGE_MENTIONS_SOURCE = rf"{_age_after_name(NAME)}    |{_AGE_BEFORE_NAME}"
# AGE_MENTIONS's two branches on their own (``find_ages`` scans for each and takes the
# earlier match, the first branch's on a tie, as a scan for AGE_MENTIONS does): several
# times as fast, the first with NAME_BEFORE_SPACE as its name.
AGE_AFTER_NAME = compile_regex(_age_after_name(NAME_BEFORE_SPACE), regex.VERBOSE)
AGE_BEFORE_NAME = compile_regex(_AGE_BEFORE_NAME, regex.VERBOSE)
NOT_SURNAMES = frozenset(
    """January February March April May June July August September October November December
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Monday Tuesday Wednesday Thursday Friday
    Saturday Sunday Jr Sr""".split()
)
SUFFIXES = frozenset({"Jr", "Sr", "II", "III", "IV"})
GENDER_TITLES = {"Mr": "m", "Mrs": "f", "Ms": "f", "Miss": "f"}
MONTH_WORD = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?)"


def __getattr__(name: str):
    """``AGE_MENTIONS``, compiled on first use (a module's ``__getattr__``, PEP 562)."""
    if name == "AGE_MENTIONS":
        return compile_regex(AGE_MENTIONS_SOURCE, regex.VERBOSE)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def surname(tokens: tuple[str, ...]) -> str:
    """The last word of a name that is not a suffix such as "Jr"."""
    words = [t for t in tokens if t not in SUFFIXES]
    return words[-1] if words else tokens[-1]


class AgeMention(NamedTuple):
    """A person's stated age; offsets are relative to the scanned text.

    ``title`` is the Mr/Mrs/Ms/Miss the mention carries, if any; ``how`` says
    how the age was read ("stated", "born" for a birth year, "the N-year-old"
    for an age given without a name and tied to the person it refers to).
    (A named tuple, as ``NamePair``: cheaper to define and to make than a frozen dataclass.)
    """

    name: tuple[str, ...]
    age: int
    start: int
    end: int
    title: str | None = None
    how: str = "stated"


# The first word is atomic: a NAME_TOKEN has one way to end before white space (its
# longest; any shorter reading ends before a letter, apostrophe or hyphen it could
# have taken), so never backtracking into it changes no match, and saves the scan
# a third of its time on every capitalised word that no capitalised word follows.
SURNAME_CONTEXT = compile_regex(rf"\b(?P<first>(?>{NAME_TOKEN}|{INITIAL}))\s+(?P<last>{NAME_TOKEN})\b")
LOWER_WORD = compile_regex(r"\b\p{Ll}+\b")
CAPITALISED = compile_regex(rf"(?<=[\p{{Ll}},;]\s+){NAME_TOKEN}\b")
SENTENCE_START = compile_regex(r"(?:\A|[.!?:;\r\n])[\s\"'\u201c\u2018(\[]*\Z")
# Exactly the characters regex's \s matches (tests/test_consistency_speed_gates.py checks).
WHITE_SPACE = (
    "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)
# What may stand between a sentence's end and its first word (SENTENCE_START's class).
SENTENCE_OPENERS = WHITE_SPACE + "\"'\u201c\u2018(["
# Lazy look-ups of one word (see PersonIndex) before the whole text is read once instead.
LAZY_LOOKUPS = 32
LAZY_MATCHES = 200  # places tried, plus one per 20 characters of text


def starts_sentence(text: str, start: int) -> bool:
    """``SENTENCE_START.search(text, max(0, start - 8), start) is not None``, without
    the search: after the last character that cannot open a sentence, the eight
    characters before ``start`` must show an end mark, a line break among the
    openers, or (at the very start of the text) nothing else."""
    lo = max(0, start - 8)
    chunk = text[lo:start]
    rest = chunk.rstrip(SENTENCE_OPENERS)
    if rest:
        if rest[-1] in ".!?:;":
            return True
    elif lo == 0:
        return True
    openers = chunk[len(rest):]
    return "\n" in openers or "\r" in openers


def name_contexts(text: str) -> list[tuple[str, str, int, int, int]]:
    """Every "First Last" / "Title Last" / "J. Last" pair of capitalised words in
    ``text`` (``SURNAME_CONTEXT``, overlapping): (first as written, last, start,
    start and end of last). ``PersonIndex`` and ``find_name_pairs`` share one scan."""
    return [(*m.group(1, 2), m.start(), *m.span(2)) for m in SURNAME_CONTEXT.finditer(text, overlapped=True)]


class PersonIndex:
    """Which words of a text are first names, and which go with each surname.

    A capitalised word starting a sentence ("Later Okafor said") is a first
    name only when it is also capitalised mid-sentence, or never written in
    lower case.

    Whether a word is written in lower case or capitalised mid-sentence is asked
    about a handful of words per article, so each is looked up where the word
    occurs (``str.find``, then the pattern at each place) rather than by reading
    every word of the text; after ``LAZY_LOOKUPS`` look-ups (or ``LAZY_MATCHES``
    places) the whole text is read once, as ``lower`` and ``mid_sentence``, so
    long texts stay linear. Either way the answers are the same.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._lower: set[str] | None = None
        self._mid_sentence: set[str] | None = None
        self._looked_up: dict[tuple[bool, str], bool] = {}
        self._lookups = 0
        self._matches = 0
        firsts: dict[str, set[str]] = defaultdict(set)
        titles: dict[str, set[str]] = defaultdict(set)
        self.contexts = name_contexts(text)
        named = []  # per context: whether its first word is a title or a first name
        for first, last, start, _, _ in self.contexts:
            bare = first.rstrip(".")
            if bare in TITLES:
                titles[last].add(bare)
                named.append(True)
            elif first not in NOT_FIRST_NAMES and (
                not starts_sentence(text, start) or self.is_first_name(first, start)  # (its first test passed)
            ):
                firsts[last].add(bare)
                named.append(True)
            else:
                named.append(False)
        self.named = named
        self.firsts = firsts
        self.titles = titles

    @property
    def lower(self) -> set[str]:
        """Every word written in lower case."""
        if self._lower is None:
            self._lower = set(LOWER_WORD.findall(self.text))
        return self._lower

    @property
    def mid_sentence(self) -> set[str]:
        """Every name-shaped word capitalised after a lower-case word, comma or semicolon."""
        if self._mid_sentence is None:
            self._mid_sentence = {m.group() for m in CAPITALISED.finditer(self.text)}
        return self._mid_sentence

    def _occurs(self, pattern: regex.Pattern, word: str) -> bool:
        """Whether ``pattern`` matches exactly ``word`` somewhere in the text: the same as
        ``word in {m.group() for m in pattern.finditer(text)}`` for LOWER_WORD and
        CAPITALISED, whose matches start where no earlier match can reach (after a
        non-word character, after white space)."""
        text = self.text
        at = text.find(word)
        while at >= 0:
            self._matches += 1
            m = pattern.match(text, at)
            if m is not None and m.end() == at + len(word):
                return True
            at = text.find(word, at + 1)
        return False

    def _lazy(self) -> bool:
        self._lookups += 1
        return self._lookups <= LAZY_LOOKUPS and self._matches <= LAZY_MATCHES + len(self.text) // 20

    def _look_up(self, key: tuple[bool, str], pattern) -> bool | None:
        """Whether the word ``key[1]`` occurs as ``pattern`` reads it, found where the word
        occurs; None once too many words were looked up that way (read the whole text then)."""
        if key in self._looked_up:
            return self._looked_up[key]
        if self._lazy():
            found = self._looked_up[key] = self._occurs(pattern, key[1])
            return found
        return None

    def _is_mid_sentence(self, token: str) -> bool:
        found = self._look_up((True, token), CAPITALISED) if self._mid_sentence is None else None
        return token in self.mid_sentence if found is None else found

    def _is_lower(self, word: str) -> bool:
        found = self._look_up((False, word), LOWER_WORD) if self._lower is None else None
        return word in self.lower if found is None else found

    def is_person(self, tokens: tuple[str, ...]) -> bool:
        """Whether a name mention names a person: a first name and a surname, or a
        surname that goes with a first name or a title somewhere in the text."""
        last = surname(tokens)
        return len(tokens) > 1 or last in self.firsts or last in self.titles

    def gender_titles(self, last: str) -> set[str]:
        return {GENDER_TITLES[t] for t in self.titles.get(last, ()) if t in GENDER_TITLES}

    def is_first_name(self, token: str, start: int) -> bool:
        """Whether ``token`` at ``start`` can be a first name or an initial."""
        if token in NOT_FIRST_NAMES or token.rstrip(".") in TITLES:
            return False
        if not starts_sentence(self.text, start):
            return True
        return self._is_mid_sentence(token) or not self._is_lower(token.lower())

    def name_tokens(self, name: str, start: int) -> tuple[str, ...]:
        """The words of a name mention without a leading title or sentence-opening word."""
        tokens = name.split()
        if tokens and not self.is_first_name(tokens[0], start) and len(tokens) > 1:
            tokens.pop(0)
        while tokens and tokens[0].rstrip(".") in TITLES:
            tokens.pop(0)
        return tuple(t.rstrip(".,") for t in tokens if t.rstrip(".,"))

    def same_person(self, a: tuple[str, ...], b: tuple[str, ...], titles: tuple[str | None, str | None] = (None, None)) -> bool:
        """Whether two name mentions can only mean one person.

        Two full names must be equal; a lone surname matches only when at most
        one first name goes with that surname anywhere in the text, and the
        surname is not used with both "Mr" and "Mrs"/"Ms" (a couple).
        """
        last = surname(a)
        if last != surname(b):
            return False
        genders = {GENDER_TITLES.get(t or "") for t in titles} - {None}
        if len(genders) > 1:
            return False
        if len(a) > 1 and len(b) > 1:
            return a == b
        return len(self.firsts.get(last, ())) <= 1 and len(self.gender_titles(last)) <= 1


def _title(name: str) -> str | None:
    first = name.split()[0].rstrip(".")
    return first if first in GENDER_TITLES else None


AGE_TRIGGER = compile_regex(r",\s+(?:aged\s+|now\s+|who\s+is\s+)?\d|\((?:aged\s+)?\d|years?[-\s]old")
# An ASCII digit or any non-ASCII character, written as "no other ASCII character": as
# [0-9\x80-\U0010ffff], the class cost the re compiler 7 ms of every start.
DIGIT_OR_NON_ASCII = r"[^\x00-/:-\x7f]"
# Where AGE_TRIGGER can match, and more: the standard library's re (whose \s takes
# in all of regex's) with any non-ASCII character for a digit, which scans a third
# faster. The pattern is then tried at each place (see ``age_triggers``).
AGE_TRIGGER_PLACES = re.compile(
    rf",\s+(?:aged\s+|now\s+|who\s+is\s+)?{DIGIT_OR_NON_ASCII}|\((?:aged\s+)?{DIGIT_OR_NON_ASCII}|years?[-\s]old"
)
BIRTH_TRIGGER = compile_regex(r"\b(?:born|b\.)\s")


# What every AGE_BEFORE_NAME and ANAPHOR match holds ("years old", "year-old", in any case).
YEARS_OLD_WORDS = compile_regex(r"(?i)years?[-\s]old")


def years_old_spans(text: str) -> list[tuple[int, int]]:
    """The spans of YEARS_OLD_WORDS in ``text`` (they never overlap: a match has one "y")."""
    return [m.span() for m in YEARS_OLD_WORDS.finditer(text)]


def _holds_one(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether one of the sorted, disjoint ``spans`` lies inside ``start:end``."""
    i = bisect.bisect_left(spans, (start,))
    return i < len(spans) and spans[i][1] <= end


def windows(text: str, trigger, before: int, after: int):
    """Merged ``(start, end)`` windows of ``text`` around every match of ``trigger``:
    a long pattern then runs only where it can match, so scanning stays cheap.
    ``trigger`` is a pattern, or the ``(start, end)`` spans of its matches in order."""
    lo = hi = -1
    spans = ((m.start(), m.end()) for m in trigger.finditer(text)) if hasattr(trigger, "finditer") else trigger
    for first, last in spans:
        start, end = max(0, first - before), min(len(text), last + after)
        if start > hi:
            if hi >= 0:
                yield lo, hi
            lo = start
        hi = max(hi, end)
    if hi >= 0:
        yield lo, hi


def matches_near(pattern: regex.Pattern, text: str, trigger, before: int, after: int):
    """Every match of ``pattern`` in the windows around ``trigger``, each once, in order."""
    last_end = -1
    for lo, hi in windows(text, trigger, before, after):
        for m in pattern.finditer(text, lo, hi):
            if m.start() >= last_end:
                last_end = m.end()
                yield m


def alternatives(first: regex.Pattern, second: regex.Pattern | None, text: str, lo: int, hi: int):
    """The matches of ``(?:first|second)`` in ``text[lo:hi]``, as ``finditer`` finds them
    (the leftmost match, the first pattern's where both match there), from two scans:
    a scan for an alternation of long patterns can be much slower than one for each.
    Neither pattern may match the empty string; ``second`` None: it matches nowhere."""
    a = first.search(text, lo, hi)
    b = second.search(text, lo, hi) if second is not None else None
    while a is not None or b is not None:
        m = a if b is None or (a is not None and a.start() <= b.start()) else b
        yield m
        end = m.end()
        if a is not None and a.start() < end:
            a = first.search(text, end, hi)
        if b is not None and b.start() < end:
            b = second.search(text, end, hi)


def age_triggers(text: str) -> list[tuple[int, int]]:
    """The spans of ``AGE_TRIGGER.finditer(text)``: the pattern tried where
    AGE_TRIGGER_PLACES finds it can match (no place found lies inside another's
    match: none holds a comma, a bracket or a "y" past its first character)."""
    spans = []
    end = -1
    for place in AGE_TRIGGER_PLACES.finditer(text):
        if place.start() >= end:
            m = AGE_TRIGGER.match(text, place.start())
            if m is not None:
                end = m.end()
                spans.append((place.start(), end))
    return spans


def find_ages(text: str, index: PersonIndex, years_old: list[tuple[int, int]] | None = None):
    """Yield an ``AgeMention`` for every stated age of a named person in ``text``.

    ``years_old`` are ``years_old_spans(text)``, when the caller has them: a window
    holding none is not scanned for "the 44-year-old Name"."""
    if years_old is None:
        years_old = years_old_spans(text)
    last_end = -1
    for lo, hi in windows(text, age_triggers(text), 100, 160):  # as matches_near(AGE_MENTIONS, ...)
        before_name = AGE_BEFORE_NAME if _holds_one(years_old, lo, hi) else None
        for m in alternatives(AGE_AFTER_NAME, before_name, text, lo, hi):
            if m.start() >= last_end:
                last_end = m.end()
                yield from _age_mention(m, index)


def _age_mention(m, index: PersonIndex):
    """The ``AgeMention`` of one AGE_MENTIONS match, if it names a person's age."""
    after = m.group("after") if "after" in m.re.groupindex else None  # AGE_BEFORE_NAME's word after the name
    if after and after.strip().lower() in PERSON_NOUNS | {"'s", "\u2019s"}:
        return
    tokens = index.name_tokens(m.group("name"), m.start("name"))
    age = number_value(m.group("age"))
    if not tokens or surname(tokens) in NOT_SURNAMES or age is None or not 0 < age < 120:
        return
    if not index.is_person(tokens):
        return  # "Halden, 12, and Moss, 9": places with counts
    yield AgeMention(tokens, age, m.start("age"), m.end("age"), _title(m.group("name")))


# "Okafor, born in 1979," | "Okafor (born 1979)" | "Okafor was born in Lagos in 1979" | "Born in 1979, Okafor"
BIRTH_YEAR = r"(?P<year>(?:19|20)\d{2})(?![\d,.]\d|s\b)"
BIRTH = compile_regex(
    rf"""
    (?P<name>{NAME}),?\s+(?:who\s+was\s+)?born\s+(?:on\s+|in\s+)?(?:{MONTH_WORD}\s+(?:\d{{1,2}},?\s+)?)?(?:in\s+)?{BIRTH_YEAR}
  | (?P<name>{NAME})\s+\((?:born|b\.)\s+(?:{MONTH_WORD}\s+(?:\d{{1,2}},?\s+)?)?{BIRTH_YEAR}\)
  | (?P<name>{NAME})(?:,\s+[^,.;:!?\n]{{1,50}},)?\s+(?:who\s+)?was\s+born\s+(?:[\p{{L}}]+,?\s+){{0,4}}?(?:in\s+)?{BIRTH_YEAR}
  | \bBorn\s+in\s+{BIRTH_YEAR},\s+(?P<name>{NAME})
    """,
    regex.VERBOSE,
)


class BirthMention(NamedTuple):
    """A person's birth year; offsets (of the year) are relative to the scanned text.
    (A named tuple, as ``AgeMention``.)"""

    name: tuple[str, ...]
    year: int
    start: int
    end: int
    title: str | None = None


def find_births(text: str, index: PersonIndex):
    """Yield a ``BirthMention`` for every stated birth year of a named person in ``text``."""
    for m in matches_near(BIRTH, text, BIRTH_TRIGGER, 140, 80):
        tokens = index.name_tokens(m.group("name"), m.start("name"))
        if not tokens or surname(tokens) in NOT_SURNAMES or not index.is_person(tokens):
            continue
        yield BirthMention(tokens, int(m.group("year")), m.start("year"), m.end("year"), _title(m.group("name")))


# "The 23-year-old said ..." | "The 23-year-old goalkeeper saved ...": an age with no name after it.
ANAPHOR = compile_regex(
    rf"""
    (?:(?<=\A[\s"'\u201c\u2018(]*)|(?<=[.!?]["'\u201d\u2019)]?\s+))
    (?i:the)\s+(?i:{YEAR_OLD})(?P<role>(?:\s+\p{{Ll}}[\p{{Ll}}-]*){{0,2}})(?![\s,]+\p{{Lu}})
    """,
    regex.VERBOSE,
)
NOT_ROLES = frozenset(
    """said says told added was is has had who whose will would could did does also then later
    and but from of in on at to with for by as when while after before had been were are
    won lost made took got ran came went gave left led fell kept spent held sat stood saw met paid
    sent built began wrote spoke drove flew swam rode hit put set let cut shot thought felt knew
    can may might must should shall now still again first""".split()
)
VERB_ENDING = compile_regex(r"(?:ed|[^s]s)\Z")
KIN_NOUNS = PERSON_NOUNS | frozenset(
    "husband wife son daughter mother father brother sister partner girlfriend boyfriend niece nephew cousin".split()
)
PERSON_NAME = compile_regex(rf"\b{NAME}\b")


def find_anaphoric_ages(sentences, index: PersonIndex, years_old: list[tuple[int, int]] | None = None):
    """Yield an ``AgeMention`` for "The 23-year-old ..." at the start of a sentence,
    tied to the person it refers to, or nothing when that is not clear.

    ``sentences`` are (text, start) pairs in order. With a role ("the
    23-year-old goalkeeper"), the person is the only one the text calls that
    ("goalkeeper Jonas Lindqvist", "Lindqvist, the goalkeeper"); without one, the
    only person named in the previous sentence, when that sentence names no
    relative or other person by a noun ("his son", "a woman"). Given ``years_old``,
    the ``years_old_spans`` of the text the sentences are slices of, only the
    sentences that hold one are scanned (the others cannot match).
    """
    if years_old is not None and not years_old:
        return
    previous = None
    roles = None
    for sentence, start in sentences:
        if years_old is not None and not _holds_one(years_old, start, start + len(sentence)):
            previous = sentence
            continue
        for m in ANAPHOR.finditer(sentence):
            age = number_value(m.group("age"))
            if age is None or not 0 < age < 120:
                continue
            words = m.group("role").split()
            role = words[0].lower() if words else None
            if role in NOT_ROLES or role and VERB_ENDING.search(role):
                role = None  # "The 23-year-old said ...", "The 23-year-old watched ...": no role given
            if role in KIN_NOUNS:
                continue
            if role is not None:
                if roles is None:
                    roles = people_by_role(index)
                people = roles.get(role, set())
            elif previous is not None:
                people = people_in(index, previous)
            else:
                people = set()
            if len(people) == 1:
                last = next(iter(people))
                yield AgeMention((last,), age, start + m.start("age"), start + m.end("age"), how="the N-year-old")
        previous = sentence


# "goalkeeper Jonas Lindqvist" | "Lindqvist, the team's goalkeeper," | "the goalkeeper, Jonas Lindqvist"
ROLE_BEFORE = compile_regex(rf"\b(?P<role>\p{{L}}\p{{Ll}}{{2,}})\s+(?P<name>{NAME})")
ROLE_AFTER = compile_regex(
    rf"(?P<name>{NAME}),\s+(?:the|a|an|his|her|their|its)\s+(?:[\p{{L}}'\u2019-]+\s+){{0,3}}?(?P<role>\p{{Ll}}{{3,}})(?=\s*[,.;:)])"
    rf"|\bthe\s+(?P<role>\p{{Ll}}{{3,}}),\s+(?P<name>{NAME})"
)


def people_by_role(index: PersonIndex) -> dict[str, set[str]]:
    """The surnames the text gives each role ("goalkeeper" -> {"Lindqvist"}), in one pass."""
    found: dict[str, set[str]] = defaultdict(set)
    for pattern in (ROLE_BEFORE, ROLE_AFTER):
        for m in pattern.finditer(index.text):
            role = m.group("role").lower()
            if role in NOT_ROLES:
                continue
            tokens = index.name_tokens(m.group("name"), m.start("name"))
            if tokens and index.is_person(tokens):
                found[role].add(surname(tokens))
    return found


def people_in(index: PersonIndex, text: str) -> set[str]:
    """The surnames of known people named in ``text``, or nothing when it also names someone by a noun."""
    if any(w.lower() in KIN_NOUNS for w in LOWER_WORD.findall(text)):
        return set()
    people = set()
    for m in PERSON_NAME.finditer(text):
        tokens = index.name_tokens(m.group(), m.start())
        if tokens and index.is_person(tokens):
            people.add(surname(tokens))
    return people


class NamePair(NamedTuple):
    """A "First Last" or "Title Last" pair; offsets of the surname. (A named tuple:
    an article has dozens, and a frozen dataclass is several times slower to make.)"""

    before: str
    surname: str
    start: int
    end: int


def find_name_pairs(text: str, index: PersonIndex):
    """Yield every ``NamePair`` whose first word is a first name or a title."""
    if text is index.text or text == index.text:  # the index has read these pairs already
        for (first, last, _, start, end), named in zip(index.contexts, index.named):
            if named and last not in NOT_SURNAMES:
                yield NamePair(first.rstrip("."), last, start, end)
        return
    for m in SURNAME_CONTEXT.finditer(text, overlapped=True):
        first = m.group("first").rstrip(".")
        if m.group("last") in NOT_SURNAMES:
            continue
        if first in TITLES or index.is_first_name(m.group("first"), m.start()):
            yield NamePair(first, m.group("last"), m.start("last"), m.end("last"))


def edit_distance_one(a: str, b: str) -> bool:
    """Whether ``b`` is ``a`` with one letter changed, added, dropped or two swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diffs) == 1:
            return True
        return len(diffs) == 2 and diffs[1] == diffs[0] + 1 and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]]
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    return short[i:] == long_[i + 1 :]
