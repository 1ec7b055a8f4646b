"""C1xx: dates, weekdays, counts, ages and names that disagree.

Rules in this module check whether an article agrees with itself: a weekday
that does not match its date, a date that does not exist, "N years ago" that
disagrees with the years it names, one event dated two ways, counts that
disagree with their lists or with each other, and one person given two ages
or two spellings of a surname. Each finding points at the later mention and
names the earlier one (or the article's own date) with its line.

The article's own date (front matter, dateline or date line, and any dateline
further down in merged copy) is found once per document by
``plugins/timeframe.py``; rules that need it stay quiet when an article states
no date. A whole multi-word name printed in lower case ("mira talbot") is
G104's finding; C121 reports the changes of a surname that G104 does not see
(one letter changed, or its case changed when it stands alone).
"""
from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

import regex

from newslint import Scope, hookimpl, rule
from newslint.patterns import compile as compile_regex
from newslint_plugins.lexicons import literal_alternation
from newslint_plugins.numbers import NUMBER, is_approximate, number_value
from newslint_plugins.people import (
    NAME_TOKEN,
    NOT_SURNAMES,
    TITLES,
    WHITE_SPACE,
    BirthMention,
    PersonIndex,
    edit_distance_one,
    find_ages,
    find_anaphoric_ages,
    find_births,
    find_name_pairs,
    matches_near,
    people_in,
    surname,
    windows,
    years_old_spans,
)
from newslint_plugins.timeframe import (
    DATE,
    DAY_NAMES,
    MONTH_NAMES,
    RELATIVE_DAY,
    Timeframes,
    describe,
    find_dates,
    find_timeframes,
    possible_dates,
    resolve_day,
)

# Patterns applied only at one position or in a short window, never scanned (see tests/test_scaling.py).
ANCHORED_PATTERNS = (
    "FRAME_OPENING", "GAP", "WHOLE_AFTER", "COMBINED_AFTER", "SCOPE_AFTER", "SCOPE_BEFORE", "PART_VERB_AFTER",
    "DESCRIBED_AFTER", "SUBSET_BEFORE", "WHOLE_BEFORE", "LOWER_SPEAKER_AFTER", "LOWER_SPEAKER_BEFORE",
    "CLAUSE_END", "WORD_BEFORE", "FIRST_BEFORE", "YEAR_SHIFT", "NOT_A_DAY", "FUTURE_MARK",
    "DATE_CONTEXT_BEFORE", "DATE_CONTEXT_AFTER", "LOWER_RUN_BEFORE",
)
QUOTED = compile_regex(r"\u201c[^\u201d\r\n]*\u201d?|\"[^\"\r\n]*\"?")
ANY_YEAR = compile_regex(r"(?<![\d,.$\u00a3\u20ac])\b(?:1[6-9]|20)\d{2}\b(?![,.]?\d|s\b|\s*(?:%|per\s*cent|percent))")


def timeframes(doc) -> Timeframes:
    """The dates the article is written from, computed once per document."""
    def build():
        headline = doc.headline
        skip = (headline.start, headline.end) if headline is not None else (0, 0)
        return find_timeframes(doc.masked, doc.metadata, skip)
    return doc.memo("timeframes", build)


def dates(doc) -> list:
    """The calendar dates the article names (``find_dates``), found once per document."""
    return doc.memo("dates", lambda: list(find_dates(doc.masked)))


def person_index(doc) -> PersonIndex:
    return doc.memo("person-index", lambda: PersonIndex(doc.masked))


def where(doc, frame) -> str:
    """Where the article's date was found, for messages: "in the front matter" or "on line 3"."""
    return "in the front matter" if frame.source == "front matter" else f"on line {doc.line_of(frame.offset)}"


def dated(doc, frame) -> str:
    """"this article is dated Friday, June 16, 2023 on line 3" for messages."""
    return f"this article is dated {describe(frame.date)}, {frame.date.year} {where(doc, frame)}"


def quoted_spans(doc) -> list[tuple[int, int]]:
    """Offsets of quotations ("..." or curly quotes) in the masked text, in order."""
    return doc.memo("quoted-spans", lambda: [m.span() for m in QUOTED.finditer(doc.masked)])


def inside(spans: list[tuple[int, int]], offset: int) -> bool:
    """Whether ``offset`` falls in one of the sorted, disjoint ``spans``."""
    lo, hi = 0, len(spans)
    while lo < hi:
        mid = (lo + hi) // 2
        if spans[mid][1] <= offset:
            lo = mid + 1
        else:
            hi = mid
    return lo < len(spans) and spans[lo][0] <= offset


def paragraph_start(doc, offset: int) -> int:
    """The start of the paragraph holding ``offset`` (the document start if none)."""
    starts = doc.memo("paragraph-starts", lambda: [p.start for p in doc.paragraphs])
    lo, hi = 0, len(starts)
    while lo < hi:
        mid = (lo + hi) // 2
        if starts[mid] <= offset:
            lo = mid + 1
        else:
            hi = mid
    return starts[lo - 1] if lo else 0


# --- C101, C102: dates ------------------------------------------------------------------

@dataclass(frozen=True)
class WeekdayOptions:
    """Options of C101. ``check_quotes``: check year-less dates inside quotations too."""

    check_quotes: bool = False


CONTEXT_REACH = 400  # characters before a year-less date searched for a year that frames it


@rule("C101", "weekday-date-mismatch", scope=Scope.DOCUMENT, options=WeekdayOptions)
def weekday_date_mismatch(doc, ctx):
    """What it flags: a weekday that does not fall on the date it is given with.

    Why: "Tuesday, March 5, 2025" cannot be right (it was a Wednesday); one of
    the two is wrong, and readers cannot tell which. A date without a year
    takes the article's year, or the neighbouring year when that is nearer
    the article's date ("Friday, January 3" in a December story); when the
    paragraph names another year before it ("In 2019 ... on Monday, March 4"),
    that year may be meant too, and the date fires only when no reading fits.
    Without an article date, year-less dates are not checked. A year-less
    date inside a quotation is left alone unless `check-quotes` is set (the
    speaker's year may not be the article's).

    Example: `The hearing opens on Tuesday, March 5, 2025.`

    Prefer: `The hearing opens on Wednesday, March 5, 2025.`
    """
    text = doc.masked
    for mention in dates(doc):
        if mention.weekday is None or mention.is_range:
            continue
        weekday = DAY_NAMES[mention.weekday]
        name = f"{MONTH_NAMES[mention.month]} {mention.day}"
        if mention.year is not None:
            day = mention.on(mention.year)
            if day is None or day.weekday() == mention.weekday:
                continue
            yield ctx.report(
                (mention.weekday_start, mention.end),
                f"{name}, {mention.year} is a {DAY_NAMES[day.weekday()]}, not a {weekday}; "
                "check the weekday and the date",
            )
            continue
        # Only a date without a year needs the article's own date (and the quotations).
        frame = timeframes(doc).at(mention.start)
        if frame is None or (not ctx.options.check_quotes and inside(quoted_spans(doc), mention.start)):
            continue
        days = list(possible_dates(mention, frame.date))
        lo = max(paragraph_start(doc, mention.start), mention.start - CONTEXT_REACH)
        for m in ANY_YEAR.finditer(text, lo, mention.start):
            if (day := mention.on(int(m.group()))) is not None:
                days.append(day)
        if not days or any(day.weekday() == mention.weekday for day in days):
            continue
        actual = " and ".join(sorted({f"a {DAY_NAMES[d.weekday()]} in {d.year}" for d in days}))
        yield ctx.report(
            (mention.weekday_start, mention.end),
            f"{name} is {actual}, not a {weekday}; {dated(doc, frame)}; check the weekday and the date",
        )


# A date is only read as one when it cannot be a month followed by a count
# ("In April 31 people were hurt"): the day has a suffix or a year, follows a
# weekday or a preposition, or ends a phrase.
DATE_CONTEXT_BEFORE = compile_regex(r"(?i:\b(?:on|by|until|till|from|since|before|after|of|between|for|to|and)\s+)\Z")
DATE_CONTEXT_AFTER = compile_regex(r"(?:st|nd|rd|th)\b|\s*(?:[,;:)\]]|\.(?!\d)|\Z|\s+(?:and|to|through|until)\b)")
MONTH_DAYS = {2: 29, 4: 30, 6: 30, 9: 30, 11: 30}


@rule("C102", "impossible-date", scope=Scope.DOCUMENT)
def impossible_date(doc, ctx):
    """What it flags: a date that does not exist, such as April 31 or February 30.

    Why: an impossible date is always a typo or a botched edit, and the reader
    cannot know the intended day. February 29 is flagged only with a year that
    is not a leap year.

    Example: `The deadline is April 31.`

    Prefer: `The deadline is April 30.`
    """
    text = doc.masked
    for mention in dates(doc):
        if mention.year is None and not (
            mention.weekday is not None
            or DATE_CONTEXT_BEFORE.search(text, max(0, mention.start - 10), mention.start)
            or DATE_CONTEXT_AFTER.match(text, mention.day_end)
        ):
            continue
        name = MONTH_NAMES[mention.month]
        if mention.day == 0 or mention.day > 31:
            message = f"{name} has no day {mention.day}; check the date"
        elif mention.day > MONTH_DAYS.get(mention.month, 31):
            message = f"{name} has only {MONTH_DAYS[mention.month]} days; check the date"
        elif mention.year is not None and mention.on(mention.year) is None:
            message = f"{mention.year} is not a leap year, so it has no February 29; check the date"
        else:
            continue
        yield ctx.report((mention.start, mention.end), message)


# --- C103: "N years ago" against explicit years ---------------------------------------

YEAR = r"(?<![\d,.$\u00a3\u20ac])(?P<year>(?:1[5-9]|20)\d{2})(?!\d|[,.]\d|s\b)"
QUALIFIER = (
    r"(?P<qual>(?i:more\s+than|over|nearly|almost|about|around|some|roughly|approximately|close\s+to|"
    r"just\s+over|just\s+under|less\s+than|under|fewer\s+than|exactly|precisely|well\s+over|upwards\s+of))"
)
COUNT = rf"(?P<n>(?i:{NUMBER}))"
LINK = r"[\s,()\u2013\u2014-]{1,4}"
ORIGIN = r"(?i:founded|established|formed|built|born|opened|launched|created|set\s+up|started|incorporated|founded|erected|inaugurated)"
YEARS_OLD = r"(?:-years?-old|\s+years?\s+old)\b"
# Loading this pattern from the pattern cache costs a start 2 ms (COUNT comes five times) and
# only dated articles are scanned for it, so it is compiled on first use (``elapsed_pattern``;
# tests/test_startup_consistency.py gives it the scaling test, which sees module-level patterns).
ELAPSED_SOURCE = rf"""
    \b{YEAR}{LINK}(?:{QUALIFIER}\s+)?{COUNT}\s+years?\s+ago\b
  | \b(?:{QUALIFIER}\s+)?{COUNT}\s+years?\s+ago{LINK}(?:back\s+)?in\s+{YEAR}
  | \b(?:{QUALIFIER}\s+)?{COUNT}\s+years?\s+since\s+(?:the\s+|its\s+|their\s+)?{YEAR}
  | \b(?P<n>\d{{1,3}})(?:st|nd|rd|th)\s+anniversary\s+of\s+(?:the\s+|its\s+|their\s+)?{YEAR}
  | \b{ORIGIN}\s+in\s+{YEAR}
      [^.;!?\d]{{0,40}}?\b(?:{QUALIFIER}\s+)?(?i:now\s+)?(?P<old>{COUNT}{YEARS_OLD})
  | \b(?:{QUALIFIER}\s+)?(?P<old>{COUNT}{YEARS_OLD})[^.;!?\d]{{0,40}}?
      \b{ORIGIN}\s+in\s+{YEAR}
  | \b(?:{ORIGIN}|(?i:first\s+held|first\s+staged))\s+in\s+{YEAR}[^.;!?\d]{{0,50}}?\b(?P<n>\d{{1,3}})(?:st|nd|rd|th)\s+(?i:anniversary|birthday)\b
  | \b{YEAR}-(?i:founded|established|built|formed)\b[^.;!?\d]{{0,30}}?\b(?:{QUALIFIER}\s+)?(?i:now\s+)?(?P<old>{COUNT}{YEARS_OLD})
    """


@cache
def elapsed_pattern() -> regex.Pattern:
    """ELAPSED_SOURCE, compiled: counts of years and the years they go back to."""
    return compile_regex(ELAPSED_SOURCE, regex.VERBOSE)


# The same event dated by a year in one sentence and by "N years ago" in
# another: "the bridge opened in 1993" ... "since the bridge opened 20 years ago".
EVENT_VERB = (
    r"founded|established|formed|built|opened|closed|launched|created|completed|incorporated|"
    r"inaugurated|erected|demolished|abolished|introduced|discovered|signed|ratified|elected|married"
)
YEAR_EVENT = compile_regex(
    rf"""
    \b(?P<noun>\p{{Ll}}{{3,}})\s+(?:(?:was|were|had\s+been|has\s+been|first)\s+)?(?P<verb>{EVENT_VERB})\s+
    (?:
        in\s+{YEAR}(?!\s*(?:and|or|[-\u2013]|to)\s*\d)
      | (?:{QUALIFIER}\s+)?{COUNT}\s+years?\s+ago\b
    )
    """,
    regex.VERBOSE,
)
ELAPSED_HINT = compile_regex(r"(?i)year|anniversar|birthday")
EVENT_HINT = compile_regex(rf"\b(?:{EVENT_VERB})\b")
NOT_EVENT_NOUNS = frozenset(
    "who which that what when where and but was were had has have been also first then later only just not".split()
)


@dataclass(frozen=True)
class ElapsedOptions:
    """Options of C103. ``tolerance``: the years a count may be off by (a year boundary or a
    birthday); ``check_quotes``: check counts inside quotations too."""

    tolerance: int = 1
    check_quotes: bool = False


def elapsed_fits(actual: int, stated: int, qualifier: str | None, tolerance: int) -> bool:
    """Whether ``actual`` years can be described as ``qualifier stated`` years."""
    qualifier = " ".join((qualifier or "").lower().split())
    if qualifier in ("more than", "over", "just over", "well over", "upwards of"):
        return actual >= stated - tolerance
    if qualifier in ("nearly", "almost", "just under", "less than", "under", "fewer than", "close to"):
        return stated - 3 - tolerance <= actual <= stated + tolerance
    if qualifier in ("about", "around", "some", "roughly", "approximately"):
        return abs(actual - stated) <= max(2, stated // 10) + tolerance
    return abs(actual - stated) <= tolerance


# A sentence written from another year: "In 2010, ...", "By 2015 the ...", "When it was sold in 2010, ...",
# "... then 20 years old", "at the time".
FRAME_YEAR = compile_regex(
    r"\A[\s\"'\u201c]*(?i:in|by|until|during|as\s+of|back\s+in)\s+(?:(?:early|late|mid-?)\s*)?(?:1[6-9]|20)\d{2}\b"
    r"|(?i:\b(?:when|after|before|while|until|as|once)\b)[^,.;:!?]{0,60}?\b(?i:in|by)\s+(?:1[6-9]|20)\d{2}\b"
    r"|(?i:\bthen\s+(?:aged\s+)?\d|\bat\s+the\s+time\b)"
)


YEAR_SHIFT = compile_regex(r"[\s,]*(?:(?:on|in|at)\s+)?(?:\p{Ll}+\s+){0,2}?(?i:(last|next|this)\s+year)\b")
YEAR_SHIFTS = {"last": -1, "next": 1, "this": 0}
FRAME_OPENING = compile_regex(r"[\s\"'\u201c]*(?i:in|by|until|during|as\s+of)\s+(?:1[6-9]|20)\d{2}\b")


def _framed(text: str, spans: list[tuple[int, int]]) -> bool:
    """Whether a sentence is written from another year ("In 2010, ..."): it names a
    year outside ``spans`` (the year-and-count phrases being checked)."""
    return any(
        not any(a <= m.start() < b or a < m.end() <= b for a, b in spans) for m in FRAME_YEAR.finditer(text)
    )


@rule("C103", "elapsed-years-mismatch", scope=Scope.DOCUMENT, options=ElapsedOptions)
def elapsed_years_mismatch(doc, ctx):
    """What it flags: "N years ago", "N years old", "N years since" or an "Nth
    anniversary" that disagrees with the year it goes with, counted from the
    article's own date; and one event dated "in 1993" in one place and "N years
    ago" in another ("the bridge opened in 1993" ... "the bridge opened 20 years
    ago").

    Why: "founded in 1998, 20 years ago" in a 2023 article is off by five
    years; one of the numbers is wrong. `tolerance` (default 1) allows for
    a year boundary or a birthday; "more than", "nearly" and "about" are read
    as such. A sentence that names another year ("In 2010, the 20-year-old
    firm, founded in 1990, ...") is written from that year and is not checked,
    nor are quotations (the speaker may be speaking from another year) unless
    `check-quotes` is set. Articles with no date of their own are not checked.

    Example: `The club was founded in 1998, 20 years ago.` (dated 2023)

    Prefer: `The club was founded in 1998, 25 years ago.`
    """
    frames = timeframes(doc)
    if not frames:
        return
    quotes = quoted_spans(doc)
    tolerance = ctx.options.tolerance
    previous = None
    for sentence in doc.sentences:
        text = sentence.text
        matches = list(elapsed_pattern().finditer(text)) if ELAPSED_HINT.search(text) else []
        if matches and _framed(text, [m.span() for m in matches]):
            matches = []  # "In 2010, the 20-year-old firm, founded in 1990, ..."
        for m in matches:
            offset = sentence.start + m.start()
            if not ctx.options.check_quotes and inside(quotes, offset):
                continue
            if m.group("old") and previous is not None and FRAME_OPENING.match(previous.text):
                continue  # "In 2010 the firm was sold. The 20-year-old firm, founded in 1990, ..."
            frame = frames.at(offset)
            stated = number_value(m.group("n"))
            year = int(m.group("year"))
            shift = YEAR_SHIFT.match(text, m.end(), m.end() + 30)
            actual = frame.date.year - year + (YEAR_SHIFTS[shift.group(1).lower()] if shift else 0)
            if stated is None or actual < 0 or elapsed_fits(actual, stated, m.group("qual"), tolerance):
                continue
            counted_to = frame.date.year + (YEAR_SHIFTS[shift.group(1).lower()] if shift else 0)
            before = "this article's date" if counted_to == frame.date.year else f"{shift.group(1).lower()} year"
            yield ctx.report(
                sentence.at(m.start("n"), m.end("n")),
                f"{year} is {actual} years before {before} ({counted_to}; article dated {where(doc, frame)}), "
                f"not {stated}; check the year and the count",
            )
        previous = sentence
    yield from _event_years(doc, ctx, frames, quotes)


def _event_years(doc, ctx, frames, quotes):
    """One event ("bridge opened") given a year in one sentence and "N years ago" in another."""
    years: dict[tuple[str, str], tuple[int, int]] = {}  # key -> (year, offset) of the first "in YEAR"
    counts: dict[tuple[str, str], tuple[int, str | None, int]] = {}  # key -> (N, qualifier, offset) of "N years ago"
    for sentence in doc.sentences:
        text = sentence.text
        if not EVENT_HINT.search(text) or ELAPSED_HINT.search(text) and elapsed_pattern().search(text):
            continue  # nothing to date, or a year and a count in one sentence (checked above)
        for m in YEAR_EVENT.finditer(text):
            noun, verb = m.group("noun"), m.group("verb")
            offset = sentence.start + m.start()
            if noun in NOT_EVENT_NOUNS or (not ctx.options.check_quotes and inside(quotes, offset)):
                continue
            key = (noun, verb)
            frame = frames.at(offset)
            if m.group("year"):
                year = int(m.group("year"))
                years.setdefault(key, (year, offset))
                if key not in counts or years[key][1] != offset:
                    continue
                stated, qual, other_at = counts[key]
                here, there = f"in {year}", f"{stated} years ago"
            else:
                stated = number_value(m.group("n"))
                if stated is None or _framed(text, [m.span()]):
                    continue
                qual = m.group("qual")
                counts.setdefault(key, (stated, qual, offset))
                if key not in years or counts[key][2] != offset:
                    continue
                year, other_at = years[key]
                here, there = f"{m.group('n')} years ago", f"in {year}"
            actual = frame.date.year - year
            if actual < 0 or elapsed_fits(actual, stated, qual, ctx.options.tolerance):
                continue
            yield ctx.report(
                (offset + m.start("verb") - m.start(), sentence.start + m.end()),
                f"{noun} {verb} {here} here but {there} on line {doc.line_of(other_at)}: {year} is {actual} "
                f"years before this article's date ({frame.date.year}; article dated {where(doc, frame)}); "
                "check the year and the count",
            )


# --- C104: one event dated two ways ---------------------------------------------------

EVENTS = {
    "arrival": r"arriv(?:e|es|ed|ing|al)",
    "departure": r"depart(?:s|ed|ing|ure)?|left|leaves?|leaving",
    "resignation": r"resign(?:s|ed|ing|ation)?|step(?:s|ped|ping)?\s+down",
    "death": r"died|dies|die|death|passed\s+away",
    "arrest": r"arrest(?:s|ed)?",
    "landing": r"landed|lands|landing|touched\s+down",
}
EVENT_WORD = "|".join(f"(?P<{lemma}>{forms})" for lemma, forms in EVENTS.items())
AUXILIARY = r"(?:(?:has|have|had|was|were|is|are|will|would|shall|be|been|finally|only|just|reportedly|safely|officially|formally|eventually|expected|due|set|scheduled|going|to|then)\s+){0,4}"
EVENT_ADJECTIVE = r"(?:planned|expected|scheduled|sudden|surprise|unexpected|eventual|official|formal|early|late|delayed|abrupt|hasty)"
NOT_PLACES = "|".join(sorted(NOT_SURNAMES, key=lambda word: (-len(word), word)))
PLACE = (
    rf"(?:\s+\p{{Ll}}+){{0,2}}?\s+(?:in|at|to|from|into|for)?\s*(?:the\s+)?"
    rf"(?!(?:{NOT_PLACES})\b)(?P<place>{NAME_TOKEN}(?:\s+{NAME_TOKEN}){{0,2}})"
)
EVENT_HINT_WORD = compile_regex(rf"\b(?:{'|'.join(EVENTS.values())})\b")
EVENT = compile_regex(
    rf"""
    \b(?P<subject>{NAME_TOKEN})\s+{AUXILIARY}(?P<word>{EVENT_WORD})\b(?:{PLACE})?
  | \b(?P<subject>{NAME_TOKEN})['\u2019]s\s+(?:{EVENT_ADJECTIVE}\s+)?(?P<word>{EVENT_WORD})\b(?:{PLACE})?
    """,
    regex.VERBOSE,
)
PAST_FORM = compile_regex(r"(?:ed|left|died|passed\s+away|touched\s+down|stepped\s+down)\Z")
FUTURE_MARK = compile_regex(r"\b(?:will|shall|'ll|to|going)\s+(?:\w+\s+)?\Z")
REPEAT_MARK = compile_regex(
    r"(?i)\b(?:again|back|first|second|third|another|return\w*|re-\w+|re(?:appear|enter|elect|appoint|join|open|arrest)\w*|"
    r"previous|previously|earlier|later|also|too)\b"
)
NOT_A_DAY = compile_regex(r"(?i:\b(?:by|until|till|since|before|after|from|through|ahead\s+of|of)\s+)\Z")
GAP = compile_regex(r"[\s,]*(?:[\p{L}\p{N}'\u2019.-]+[\s,]+){0,3}")
PRONOUNS = frozenset({"He", "She"})
FIRST_BEFORE = compile_regex(rf"(?P<first>{NAME_TOKEN})\s+\Z")
TIME_REACH = 80  # characters around an event searched for its day


class Event(NamedTuple):
    """An event of C104: what happened (``lemma``) to whom, where, the days it can have been
    on, its span in the document and the time expression that dates it (``when``). (A named
    tuple: cheaper to define and to make than a frozen dataclass.)"""

    lemma: str
    subject: str
    place: str | None
    days: frozenset
    start: int
    end: int
    when: str


def _time_near(sentence, start: int, end: int):
    """The time expression of an event at ``start:end`` of a sentence: its span and match."""
    text = sentence.text
    lo, hi = max(0, start - TIME_REACH), min(len(text), end + TIME_REACH)
    found = [("relative", m) for m in RELATIVE_DAY.finditer(text, lo, hi)]
    found += [("date", m) for m in DATE.finditer(text, lo, hi)]
    best = None
    for kind, m in found:
        if NOT_A_DAY.search(text, max(0, m.start() - 12), m.start()):
            continue
        if m.start() >= end and m.start() - end <= 40 and GAP.fullmatch(text, end, m.start()):
            distance = m.start() - end
        elif m.end() <= start and start - m.end() <= 40 and GAP.fullmatch(text, m.end(), start):
            distance = start - m.end() + 50  # prefer a time after the event
        else:
            continue
        if best is None or distance < best[0]:
            best = (distance, kind, m)
    return best


def find_events(doc, index: PersonIndex, frames: Timeframes) -> list[Event]:
    """Dated events of named people: arrivals, departures, resignations, deaths, arrests.

    Relative days inside quotations are skipped: the speaker's "today" may be
    the day before the article's.
    """
    events = []
    quotes = quoted_spans(doc)
    previous = None
    for sentence in doc.sentences:
        before, previous = previous, sentence
        if not EVENT_HINT_WORD.search(sentence.text):
            continue
        for m in EVENT.finditer(sentence.text):
            subject = m.group("subject")
            if subject in PRONOUNS and m.start() == 0 and before is not None:
                # "He arrived ..." opening a sentence: the one person the sentence before names.
                people = people_in(index, before.text)
                if len(people) != 1:
                    continue
                subject = next(iter(people))
            elif subject in NOT_SURNAMES or not index.is_first_name(subject, sentence.start + m.start()):
                continue
            if len(index.firsts.get(subject, ())) > 1:
                # Two people share the surname: only "First Last" says which one.
                first = FIRST_BEFORE.search(sentence.text, max(0, m.start() - 40), m.start())
                if not first or first.group("first") not in index.firsts[subject]:
                    continue
                subject = f"{first.group('first')} {subject}"
            if REPEAT_MARK.search(sentence.text, max(0, m.start() - 30), min(len(sentence.text), m.end() + 20)):
                continue
            lemma = next(name for name in EVENTS if m.group(name))
            word = m.group("word")
            if lemma == "departure" and word.startswith(("left", "leav")) and not m.group("place"):
                continue
            timing = _time_near(sentence, m.start(), m.end())
            if timing is None:
                continue
            _, kind, t = timing
            if inside(quotes, sentence.start + t.start()):
                continue
            anchor = frames.at(sentence.start + m.start())
            if kind == "date":
                days = frozenset(possible_dates(next(find_dates(t.group())), anchor.date))
                if not days:
                    continue
            else:
                if FUTURE_MARK.search(sentence.text, max(0, m.start("word") - 20), m.start("word")):
                    tense = "future"
                elif PAST_FORM.search(word):
                    tense = "past"
                else:
                    tense = None
                days = resolve_day(t, anchor.date, tense)
            place = m.group("place")
            if place and place.split()[0] in NOT_SURNAMES:
                place = None
            events.append(Event(
                lemma, subject, place and place.split()[0], days,
                sentence.start + m.start(), sentence.start + max(m.end(), t.end()), t.group(),
            ))
    return events


def _describe_days(days) -> str:
    if len(days) > 3:
        first, last = min(days), max(days)
        return f"between {describe(first)} and {describe(last)}"
    return " or ".join(describe(d) for d in sorted(days))


@rule("C104", "event-dated-twice", scope=Scope.DOCUMENT)
def event_dated_twice(doc, ctx):
    """What it flags: one person's arrival, departure, resignation, death,
    arrest or landing given two different days, once the article's relative
    days ("today", "on Sunday", "last week") are resolved against its own date.

    Why: in a story dated Friday, June 16, "Kaluu arrived in Tromso today" and
    "Kaluu's arrival in Tromso on Sunday" cannot both be true; merged or
    re-dated copy is full of these. Only events of the same kind, of the same
    named person (a sentence opening "He"/"She" means the one person named
    just before; a surname two people share needs the first name), at the
    same place (or with no place given) are compared, and a day that could be
    read two ways ("on Sunday" with no tense) fires only when neither reading
    fits. Text after a dateline further down (merged copy) is read against
    that dateline. Relative days inside quotations are skipped (the speaker's
    "today" may be the day before the article's), and so are events marked
    as repeats ("again", "returned"). Articles with no date of their own are
    not checked.

    Example: `OSLO, June 16, 2023 - Kaluu arrived in Tromso today. ... Kaluu's
    arrival in Tromso on Sunday ...`

    Prefer: the one day the event took place, in both mentions.
    """
    frames = timeframes(doc)
    if not frames:
        return
    seen: dict[tuple[str, str], list[Event]] = defaultdict(list)
    for event in find_events(doc, person_index(doc), frames):
        earlier = seen[(event.lemma, event.subject)]
        for other in earlier:
            if event.place and other.place and event.place != other.place:
                continue
            if event.days & other.days:
                continue
            yield ctx.report(
                (event.start, event.end),
                f"This {event.lemma} of {event.subject} falls on {_describe_days(event.days)} (\u201c{event.when}\u201d) here "
                f"but on {_describe_days(other.days)} (\u201c{other.when}\u201d) on line {doc.line_of(other.start)}; "
                "check which day is right",
            )
            break
        if all(other.days != event.days or other.place != event.place for other in earlier):
            earlier.append(event)  # only distinct datings are kept, so long texts stay linear


# --- C110, C111: counts -----------------------------------------------------------------

SMALL_COUNT = r"(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[2-9]|1[0-2])"
PLURAL = r"(?:\p{Ll}{2,}s|people|men|women|children|police|staff|crew|media|criteria|phenomena)"
LIST_INTRO = compile_regex(
    rf"""
    \b(?P<n>(?i:{SMALL_COUNT}))\s+(?:[\p{{Ll}}-]+\s+){{0,2}}?(?P<noun>{PLURAL})
    (?P<gap>(?:\s+(?!(?:{SMALL_COUNT}|one)\b)\p{{Ll}}+){{0,5}})
    \s*(?::|\s[\u2014\u2013]\s?|\u2014|\s--\s|\s-\s|,\s+namely)\s*
    (?P<list>[^.;!?:()\u2014\u2013\r\n]+)
    """,
    regex.VERBOSE,
)
LIST_HINT = compile_regex(r":|\s[-\u2014\u2013]|\u2014|--|namely")
# The lower-case words and white space a LIST_INTRO match has between its count and
# its colon or dash, read backwards from the first colon or dash of a sentence.
LOWER_RUN_BEFORE = compile_regex(r"(?r)[\p{Ll}\s\-]*")
# Where a LIST_INTRO match can start: its count (SMALL_COUNT's words as a prefix
# tree, read a letter at a time), then white space.
COUNT_START = compile_regex(r"\b(?i:e(?:ight|leven)|f(?:ive|our)|nine|s(?:even|ix)|t(?:en|hree|w(?:elve|o))|[2-9]|1[0-2])\s")
NOT_EXHAUSTIVE = compile_regex(
    r"(?i)\b(?:including|includes|include|such\s+as|among|for\s+example|for\s+instance|e\.g|like|etc|other|others|"
    r"more|several|various|plus|besides|mainly|mostly|chiefly|notably|especially)\b|\.\.\.|\u2026"
)
COMMA = compile_regex(r"\s*,\s*")
CONJUNCTION = compile_regex(r"(?:\A|\s)(?:and|or|&)\s")
FINAL_CONJUNCTION = compile_regex(r"(?<!\s)\s+(?:and|or|&)\s+")
LEADING_CONJUNCTION = compile_regex(r"\A(?:and|or|&)\s+")
CLAUSE_START = compile_regex(r"(?i)\A(?:which|who|whom|whose|where|when|that|while|although|though|because|if|as|but|so|then)\b")
ITEM_COUNT = compile_regex(rf"(?i)\A(?P<n>{NUMBER})\s+\p{{L}}")
WORD = compile_regex(r"[\p{L}\p{N}'\u2019-]+")


def _list_hint(text: str) -> bool:
    """``LIST_HINT.search(text) is not None``, by substring tests (most sentences have
    none of its marks, and a search costs ten of them)."""
    if ":" in text or "\u2014" in text or "--" in text or "namely" in text:
        return True
    for dash in ("-", "\u2013"):
        at = text.find(dash)
        while at >= 0:
            if at and text[at - 1] in WHITE_SPACE:
                return True
            at = text.find(dash, at + 1)
    return False


def _occurrences(text: str, mark: str):
    at = text.find(mark)
    while at >= 0:
        yield at
        at = text.find(mark, at + 1)


def _list_marks(text: str) -> list[int]:
    """Where ``text`` has what a LIST_INTRO separator turns on: a colon, an em dash,
    a dash or hyphen after white space, a comma before "namely"."""
    marks = [*_occurrences(text, ":"), *_occurrences(text, "\u2014")]
    marks += [at for dash in ("-", "\u2013") for at in _occurrences(text, dash) if at and text[at - 1] in WHITE_SPACE]
    for at in _occurrences(text, "namely"):
        before = text[:at].rstrip(WHITE_SPACE)
        if len(before) < at and before.endswith(","):
            marks.append(len(before) - 1)
    return sorted(marks)


def list_intros(text: str):
    """``LIST_INTRO.finditer(text)``, trying the pattern only where a count word can start it.

    A match's count is followed by nothing but lower-case words, white space and
    hyphens up to the mark its separator turns on, so it lies in the run of those
    that leads up to some mark (or just before it: "Twelve" is six characters).
    """
    spans = []
    for at in _list_marks(text):
        lo = max(0, LOWER_RUN_BEFORE.match(text, 0, at).start() - 6)
        if spans and lo <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], at)
        else:
            spans.append([lo, at])
    end = 0
    for lo, hi in spans:
        for start in COUNT_START.finditer(text, lo, hi):
            if start.start() >= end:
                m = LIST_INTRO.match(text, start.start())
                if m is not None:
                    end = m.end()
                    yield m


@dataclass(frozen=True)
class ListOptions:
    """Options of C110. ``max_item_words``: the most words of a list item."""

    max_item_words: int = 6


def list_items(text: str) -> list[str] | None:
    """The items of "A, B and C" or "A and B" (Oxford comma or not), or None
    when the text is not one plain list: the one "and"/"or" must come before
    the last item, and no item may open a clause ("which ...")."""
    chunks = COMMA.split(text.strip())
    if any(not c for c in chunks):
        return None
    if any(CONJUNCTION.search(c) for c in chunks[:-1]):
        return None
    last = chunks[-1]
    if len(chunks) > 1 and LEADING_CONJUNCTION.match(last):
        chunks[-1] = LEADING_CONJUNCTION.sub("", last)
        if CONJUNCTION.search(chunks[-1]):
            return None
    else:
        parts = FINAL_CONJUNCTION.split(last)
        if len(parts) != 2:
            return None
        chunks[-1:] = parts
    if any(CLAUSE_START.match(c) for c in chunks):
        return None
    return chunks


def item_weight(item: str) -> int:
    """How many things an item counts: "two men" is 2, "a woman" 1."""
    m = ITEM_COUNT.match(item)
    value = number_value(m.group("n")) if m else None
    return value if value and value > 1 else 1


@rule("C110", "list-count-mismatch", scope=Scope.SENTENCE, options=ListOptions)
def list_count_mismatch(sentence, ctx):
    """What it flags: a count announced before a colon or dash that the list
    after it does not match.

    Why: "two proposals: a toll, a levy and a fare rise" names three; either
    the count or the list lost an item in editing. Lists introduced with
    "including", "such as" or "among", or that say "and others", are not meant
    to be complete and are not checked; nor is anything that is not one plain
    list ("A, B and C", "A and B"), or that has an item longer than
    `max-item-words` (default 6) words. Items that count things themselves
    add up: "four people: two men, a woman and a teenager" is four.

    Example: `The council weighed two proposals: a toll, a levy and a fare rise.`

    Prefer: `The council weighed three proposals: a toll, a levy and a fare rise.`
    """
    if not _list_hint(sentence.text):
        return ()  # (most sentences: a plain return is cheaper than a generator)
    return _list_count_findings(sentence, ctx)


def _list_count_findings(sentence, ctx):
    for m in list_intros(sentence.text):
        announced = number_value(m.group("n"))
        body = m.group("list")
        if NOT_EXHAUSTIVE.search(body):
            continue
        items = list_items(body)
        if not items or len(items) < 2:
            continue
        sizes = [len(WORD.findall(item)) for item in items]
        if min(sizes) == 0 or max(sizes) > ctx.options.max_item_words:
            continue
        if any(item.strip().replace(",", "").isdigit() for item in items):
            continue
        weighted = sum(item_weight(item) for item in items)
        if announced in (len(items), weighted):
            continue
        yield ctx.report(
            sentence.at(m.start("n"), m.end("noun")),
            f"{m.group('n')} {m.group('noun')} announced but {len(items)} listed after it"
            + (f" ({weighted} counting each item's own number)" if weighted != len(items) else "")
            + "; check the count and the list",
            suggestions=(_count_word(len(items), m.group("n")) + sentence.text[m.end("n") : m.end("noun")],)
            if len(items) < len(COUNT_WORDS) and weighted == len(items) else (),
        )


COUNT_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]


def _count_word(value: int, like: str) -> str:
    """``value`` written the way ``like`` is written (digits, words, capitalised)."""
    if like[0].isdigit():
        return str(value)
    word = COUNT_WORDS[value]
    return word.capitalize() if like[0].isupper() else word


# People that a story counts as one group. Institutions, teams, countries and
# things are left out: "all 20 teams" and "the two teams" are different sets
# as often as not.
GROUP_NOUNS = (
    "people|persons|passengers|victims|children|adults|students|pupils|teachers|workers|employees|"
    "members|players|candidates|suspects|officers|soldiers|patients|residents|survivors|hostages|"
    "climbers|hikers|miners|fishermen|firefighters|journalists|protesters|prisoners|inmates|migrants|"
    "refugees|tourists|visitors|guests|jurors|crew|siblings|sisters|brothers|sons|daughters|"
    "defendants|plaintiffs|finalists|contestants|delegates|sailors|divers|swimmers|runners|riders|"
    "skiers|campers|pilgrims|worshippers|casualties|fatalities|men|women|boys|girls|babies|"
    "teenagers|athletes|nurses|doctors|pilots|volunteers|fans|spectators|parents|families|relatives|"
    "friends|colleagues|pupils|cadets|recruits|troops|monks|nuns|priests|staff|villagers|pensioners"
)
# Agent nouns name people too ("singers", "cyclists", "musicians", "participants"), units do not.
AGENT_NOUN = r"\p{Ll}{3,}(?:ers|ists|ians|ants|ents|ors)"
NOT_GROUP_NOUNS = frozenset(
    "meters metres kilometers kilometres centimeters centimetres millimeters millimetres liters litres "
    "numbers letters papers orders matters quarters waters others centers centres percents cents".split()
)
GROUP_NOUN = rf"(?:{GROUP_NOUNS}|{AGENT_NOUN})"
GROUP_MODS = r"(?P<mods>(?:\p{Ll}[\p{Ll}-]*\s+){0,2}?)"
# "all six passengers", "all of the 12 climbers": a count of a whole group.
TOTAL = compile_regex(
    rf"\b(?i:all)\s+(?:the\s+|of\s+the\s+)?(?P<n>(?i:{NUMBER}))\s+{GROUP_MODS}(?P<noun>{GROUP_NOUN})\b"
)
TOTAL_TRIGGER = compile_regex(r"\b(?i:all)\s")
MAX_GROUP_NOUNS = 16


def _group_pattern(nouns) -> regex.Pattern:
    """Counts of the given nouns: "the five passengers", "all six passengers", "12 climbers"."""
    alternatives = literal_alternation(nouns)
    return compile_regex(
        rf"""
        \b(?P<det>(?i:all\s+(?:the\s+|of\s+the\s+)?|both\s+(?:the\s+)?|the\s+))?
        (?P<n>(?i:{NUMBER}))\s+{GROUP_MODS}(?P<noun>{alternatives})\b
        """,
        regex.VERBOSE,
    )


# A bare count that names the whole group: "carrying five passengers",
# "five passengers on board", "a total of five passengers".
WHOLE_BEFORE = compile_regex(
    rf"(?i)\b(?:carrying|carried|carries|with|had|has|have|(?:total|group|crew|team|squad|party|crowd|delegation|"
    rf"contingent|convoy|family|class)\s+of|(?:{NUMBER}|each|all|none|most|many|some|several)\s+of)\s+\Z"
)
WHOLE_AFTER = compile_regex(
    r"(?:\s+(?:were|was)\b)?\s+(?:on\s+board|aboard|onboard|in\s+total|in\s+all|altogether|in\s+the\s+group)\b"
)
SUBSET_BEFORE = compile_regex(
    rf"(?i)(?:\b(?:another|more|other|further|additional|extra|first|last|next|only|least|most|up\s+to|about|"
    rf"nearly|almost|around|roughly|approximately|some|than|over|under|among|including|"
    rf"remaining|every|per|each)\s+|(?:{NUMBER})\s*(?:or|to|and|-|\u2013)\s*)\Z"
)
COMBINED_AFTER = compile_regex(r"\s*(?:and|plus|&|or|,\s*(?:and|plus))\s")
# What a count is of: "five passengers on the bus", "six players from Leeds".
SCOPE_AFTER = compile_regex(r"\s+(?:on|in|aboard|from|of|at|inside)\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+)?(?P<head>[\p{L}-]+)")
# ... or what carries them: "a minibus carrying five passengers", "the club had 25 players".
SCOPE_BEFORE = compile_regex(r"\b(?P<head>\p{L}\p{Ll}{2,})\s+(?:(?:was|is|were|are)\s+)?(?:carrying|carried|carries|with|had|has|have)\s+\Z")
NOT_SCOPES = frozenset(
    "board which that who whom what also and but then still now was were been being has had have it they there "
    "total all some the this these those its their he she we you i".split()
)
# A count followed by what picks out its members: "all four fans held last month",
# "all 40 passengers killed in the crash", "all six players who started".
DESCRIBED_AFTER = compile_regex(
    r"\s{1,4}(?:who|that|which|whom|whose)\b"
    r"|\s{1,4}(?:\p{Ll}{1,20}(?:ed|en)|held|kept|hurt|caught|found|left|brought|shot|hit|put|sent|built|bought|sold|"
    r"made|told|seen|taken)\s{1,4}(?:in|on|at|by|to|from|last|this|during|after|before|over|since|for|with|when|while|"
    r"earlier|later|yesterday|today)\b"
    # ... and the clause's own verb still to come ("... held last month had been released")
    r"[^.;:!?\n]{0,60}?\b(?:had|have|has|were|was|are|is|will|would|could|can)\b"
)
PART_VERB_AFTER = compile_regex(r"\s*(?:[,;.]|(?:were|was|had|have|are|is|died|survived)\b)")


MAX_KEPT = 64  # distinct mentions kept per group noun, so that long texts stay linear


@dataclass(frozen=True)
class GroupCount:
    """A count of a group noun for C111 (``key``: its modifiers and noun), with what the text
    says about it: whether it is the ``whole`` group, a ``total`` ("all"), a ``bare`` count,
    ``described`` after, the ``scope`` (a place or owner) it is counted in, and where it is."""

    key: tuple[str, str]
    count: int
    whole: bool
    total: bool
    bare: bool
    described: bool
    scope: str | None
    start: int
    end: int
    text: str


def find_group_counts(doc) -> list[GroupCount]:
    """Every "N noun" count of a group noun, with what it says about the whole group."""
    counts = []
    text = doc.masked
    nouns = set()
    for m in matches_near(TOTAL, text, TOTAL_TRIGGER, 0, 80):
        noun = m.group("noun")
        if noun not in NOT_GROUP_NOUNS and len(nouns) < MAX_GROUP_NOUNS:
            nouns.add(noun)
    if not nouns:
        return counts  # nothing is counted as a whole group, so nothing can disagree with it
    trigger = compile_regex(rf"\b(?:{'|'.join(regex.escape(n) for n in nouns)})\b")
    for m in matches_near(_group_pattern(nouns), text, trigger, 60, 0):
        value = number_value(m.group("n"))
        if value is None or value < 2 or is_approximate(m.group("n")):
            continue
        before = text[max(0, m.start() - 40) : m.start()]
        if SUBSET_BEFORE.search(before):
            continue
        end = m.end("noun")
        if COMBINED_AFTER.match(text, end, end + 12):
            continue  # "all 150 passengers and crew" counts more than passengers
        det = (m.group("det") or "").lower().split()
        total = bool(det) and det[0] in ("all", "both")
        whole = total or bool(WHOLE_BEFORE.search(before) or WHOLE_AFTER.match(text, end, end + 40))
        scope = SCOPE_AFTER.match(text, end, end + 60) or SCOPE_BEFORE.search(before)
        if scope and scope.group("head").lower() in NOT_SCOPES:
            scope = None
        counts.append(GroupCount(
            key=(" ".join(m.group("mods").split()), m.group("noun").lower()),
            count=value, whole=whole, total=total,
            bare=bool(PART_VERB_AFTER.match(text, end, end + 20)),
            described=bool(DESCRIBED_AFTER.match(text, end, end + 40)),
            scope=scope.group("head").lower() if scope else None,
            start=m.start("n"), end=end, text=text[m.start("n") : end],
        ))
    return counts


@rule("C111", "group-count-mismatch", scope=Scope.DOCUMENT)
def group_count_mismatch(doc, ctx):
    """What it flags: one group of people counted two ways, such as "carrying
    five passengers" and later "all six passengers".

    Why: a group given two sizes leaves the reader unsure how many people
    were involved. Only counts of the same people noun with the same
    modifiers are compared, and only when one of them says "all" and the
    other names the whole group too ("carrying five", "a total of five",
    "a squad of five", "five ... on board", "all five"), or is a bare count
    larger than the whole ("seven passengers were hurt"). Counts of a part
    ("five injured passengers", "five passengers were hurt", "all four fans
    held last month had ..."), approximate counts ("about five", "a dozen",
    "five or six"), counts of a different place or owner ("six passengers on
    the ferry" against "five passengers on the bus", "United had 20
    players") and combined groups ("all 150 passengers and crew") never
    fire; nor do institutions and things ("all 20 teams" ... "the two
    teams").

    Example: `The minibus was carrying five passengers. ... All six passengers were treated.`

    Prefer: the same number in both places.
    """
    counts = find_group_counts(doc)
    scopes: dict[tuple[str, str], set[str]] = defaultdict(set)
    for count in counts:
        if count.scope and len(scopes[count.key]) < 2:
            scopes[count.key].add(count.scope)
    by_key: dict[tuple[str, str], dict[tuple, GroupCount]] = defaultdict(dict)
    for count in counts:
        # The first mention of each distinct (count, kind, scope) is kept, so long texts stay linear.
        for other in by_key[count.key].values():
            if other.count == count.count or not (count.total or other.total):
                continue
            if count.scope != other.scope and (count.scope and other.scope or len(scopes[count.key]) > 1):
                continue  # "five passengers" on the minibus, "all 40 passengers on the ferry"
            total, part = (count, other) if count.total else (other, count)
            if total.described or part.total and part.described:
                continue  # "all four fans held last month": a described part, not the whole group
            if part.whole or (part.bare and part.count > total.count):
                yield ctx.report(
                    (count.start, count.end),
                    f"\u201c{count.text}\u201d here but \u201c{other.text}\u201d on line {doc.line_of(other.start)}; "
                    "check how many there were",
                )
                break
        kept = by_key[count.key]
        if len(kept) < MAX_KEPT:
            kept.setdefault((count.count, count.total, count.whole, count.bare, count.described, count.scope), count)


# --- C120, C121: people -------------------------------------------------------------------

@rule("C120", "age-mismatch", scope=Scope.DOCUMENT)
def age_mismatch(doc, ctx):
    """What it flags: the same person given two different ages, or an age that
    does not fit the birth year the article gives.

    Why: "Okafor, 44" and later "Okafor, 47" cannot both be right. Ages are
    read from "Name, 44,", "Name (44)", "Name, aged 44", "the 44-year-old
    goalkeeper Name", "Name, the 44-year-old" and birth years ("Name, born in
    1979,", "Name (born 1979)"), which need the article's date. "The 23-year-old
    ..." with no name after it counts for the only person the text gives
    that role ("goalkeeper Jonas Lindqvist"), or without a role for the only
    person named in the sentence before. A lone surname is matched to a full
    name only when no other first name (and not both "Mr" and "Mrs") goes with
    that surname in the article, so relatives who share a surname are never
    compared, and a word that is never a person's surname ("Halden, 12,") is
    not an age.

    Example: `Maria Okafor, 44, runs the bakery. ... Okafor, 47, said ...`

    Prefer: one age for one person.
    """
    index = person_index(doc)
    frames = timeframes(doc)
    years_old = years_old_spans(doc.masked)
    mentions: list = list(find_ages(doc.masked, index, years_old))
    mentions += find_anaphoric_ages(((s.text, s.start) for s in doc.sentences), index, years_old)
    if frames:
        mentions += find_births(doc.masked, index)
    mentions.sort(key=lambda m: m.start)
    kept: dict[str, dict[tuple, object]] = defaultdict(dict)
    for mention in mentions:
        earlier = kept[surname(mention.name)]
        for other in earlier.values():
            if not index.same_person(other.name, mention.name, (other.title, mention.title)):
                continue
            message = _age_conflict(doc, frames, other, mention)
            if message:
                yield ctx.report((mention.start, mention.end), message)
                break
        if len(earlier) < MAX_KEPT:
            value = mention.year if isinstance(mention, BirthMention) else mention.age
            earlier.setdefault((mention.name, type(mention).__name__, value), mention)


def _ages_at(frames, birth: BirthMention, offset: int) -> tuple[int, int]:
    """The two ages a person born in ``birth.year`` can have at the date of the text at ``offset``."""
    year = frames.at(offset).date.year
    return year - birth.year - 1, year - birth.year


def _age_conflict(doc, frames, other, mention) -> str | None:
    """The message for two mentions of one person that disagree, or None."""
    name = " ".join(mention.name)
    line = doc.line_of(other.start)
    if isinstance(mention, BirthMention) and isinstance(other, BirthMention):
        if mention.year == other.year:
            return None
        return f"{name} was born in {mention.year} here but in {other.year} on line {line}; check the year"
    if isinstance(other, BirthMention):
        low, high = _ages_at(frames, other, mention.start)
        if low <= mention.age <= high:
            return None
        year = frames.at(mention.start).date.year
        return (f"{name} is {mention.age} here but was born in {other.year} (line {line}), so {low} or {high} "
                f"in {year}; check the age and the year")
    if isinstance(mention, BirthMention):
        low, high = _ages_at(frames, mention, other.start)
        if low <= other.age <= high:
            return None
        year = frames.at(other.start).date.year
        return (f"{name} was born in {mention.year} here, so {low} or {high} in {year}, but is {other.age} "
                f"on line {line}; check the age and the year")
    if mention.age == other.age:
        return None
    return f"{name} is {mention.age} here but {other.age} on line {line}; check the age"


SAYS = r"(?:said|says|added|explained|argued|noted|insisted|recalled|warned|replied)"
SPEECH_VERBS = ("said", "says", "added", "explained", "argued", "noted", "insisted", "recalled", "warned", "replied", "told", "wrote", "asked")
SAYS_TO = rf"(?:{'|'.join(SPEECH_VERBS)})"
# A surname standing alone as a speaker: "Okafor said", "Okafor, 44, said", "Okafor told",
# "said Okafor", "according to Okafor". ("told Reuters" names a publication, so the name
# must come before "told".)
# (``speaker_slots`` finds its matches from its branches, SPEAKER_BEFORE_VERB and SPEAKER_AFTER_VERB.)
SPEAKER = compile_regex(  # the first name atomic, as in people.SURNAME_CONTEXT (a comma or white space follows)
    rf"\b(?P<name>(?>{NAME_TOKEN}))(?:,[^,.;:!?\n]{{1,40}})?,?\s+{SAYS_TO}\b"
    rf"|\b{SAYS}\s+(?P<name>{NAME_TOKEN})\b(?!\s+\p{{Lu}})"
    rf"|\baccording\s+to\s+(?P<name>{NAME_TOKEN})\b(?!\s+\p{{Lu}})"
)


SPEAKER_TRIGGER = compile_regex(rf"\b(?:{SAYS_TO}|according\s+to)\b")


def speaker_triggers(text: str) -> list[tuple[int, int]]:
    """The spans of ``SPEAKER_TRIGGER.finditer(text)``, found in a third of the time:
    ``str.find`` lists where each word occurs and the pattern is tried there only.
    (A match starts after a non-word character, so no earlier match can hide it.)"""
    starts = []
    for word in (*SPEECH_VERBS, "according"):
        at = text.find(word)
        while at >= 0:
            starts.append(at)
            at = text.find(word, at + 1)
    spans = []
    for at in sorted(starts):
        m = SPEAKER_TRIGGER.match(text, at)
        if m is not None and (not spans or at >= spans[-1][1]):
            spans.append(m.span())
    return spans


# SPEAKER's branches: a name before its verb (found by a scan), and a name after one,
# which can only start where a speech verb does (tried there alone).
SPEAKER_BEFORE_VERB = compile_regex(rf"\b(?P<name>(?>{NAME_TOKEN}))(?:,[^,.;:!?\n]{{1,40}})?,?\s+{SAYS_TO}\b")
SPEAKER_AFTER_VERB = compile_regex(
    rf"\b{SAYS}\s+(?P<name>{NAME_TOKEN})\b(?!\s+\p{{Lu}})"
    rf"|\baccording\s+to\s+(?P<name>{NAME_TOKEN})\b(?!\s+\p{{Lu}})"
)


def speaker_matches(text: str) -> list:
    """``list(matches_near(SPEAKER, text, SPEAKER_TRIGGER, 70, 40))``, window by window
    from SPEAKER's branches: the earlier of the next name before a verb (a scan) and
    the next name after one (tried at the speech verbs only), as a scan for SPEAKER
    takes them. The two never start at one place: a name is capitalised, a verb not."""
    triggers = speaker_triggers(text)
    verbs = [start for start, _ in triggers]
    found = []
    last_end = -1
    for lo, hi in windows(text, triggers, 70, 40):
        i = bisect.bisect_left(verbs, lo)
        before = SPEAKER_BEFORE_VERB.search(text, lo, hi)
        after, i = _name_after_verb(text, verbs, i, lo, hi)
        while before is not None or after is not None:
            m = before if after is None or (before is not None and before.start() < after.start()) else after
            if m.start() >= last_end:
                last_end = m.end()
                found.append(m)
            end = m.end()
            if before is not None and before.start() < end:
                before = SPEAKER_BEFORE_VERB.search(text, end, hi)
            if after is not None and after.start() < end:
                after, i = _name_after_verb(text, verbs, i, end, hi)
    return found


def _name_after_verb(text: str, verbs: list[int], i: int, pos: int, hi: int):
    """The first SPEAKER_AFTER_VERB match at one of ``verbs[i:]`` from ``pos`` on
    (before ``hi``), and the index of the verb after it."""
    while i < len(verbs) and verbs[i] < hi:
        if verbs[i] >= pos:
            m = SPEAKER_AFTER_VERB.match(text, verbs[i], hi)
            if m is not None:
                return m, i + 1
        i += 1
    return None, i


def speaker_slots(doc) -> list:
    """Every ``SPEAKER`` match, found once per document around speech verbs."""
    return doc.memo("speaker-slots", lambda: speaker_matches(doc.masked))


@dataclass(frozen=True)
class SpellingOptions:
    """Options of C121. ``min_length``: the fewest letters of a surname that is compared."""

    min_length: int = 5


@rule("C121", "name-spelling-variant", scope=Scope.DOCUMENT, options=SpellingOptions)
def name_spelling_variant(doc, ctx):
    """What it flags: a surname spelt two ways, such as "Okafor" and later
    "Okafur", or printed with other capitals ("McAdam" / "Mcadam", "Maria
    Okafor" / "Maria okafor", "okafor said").

    Why: a misspelt name is the error readers and subjects notice first.
    Two spellings are compared when they differ by one letter (changed,
    added, dropped or swapped) inside the name, are at least `min-length`
    (default 5) letters long, and go with the same first name ("Maria Okafor"
    / "Maria Okafur"), or one is a full name's surname and the other stands
    alone as a speaker ("Okafur said") or only ever after a title ("Ms
    Okafur"). Plurals and endings ("Korea" / "Korean") never fire. A surname
    printed in lower case is reported when it follows its own capitalised
    first name or stands alone as a speaker; a whole name in lower case
    ("maria okafor") is G104's finding and is not reported here.

    Example: `Maria Okafor opened the shop. ... "We are busy," Okafur said.`

    Prefer: `"We are busy," Okafor said.`
    """
    index = person_index(doc)
    minimum = ctx.options.min_length
    text = doc.masked
    quotes = quoted_spans(doc)
    first_at: dict[str, int] = {}
    with_first: dict[str, set[str]] = defaultdict(set)
    for pair in find_name_pairs(text, index):
        if len(pair.surname) >= minimum and pair.surname not in TITLES and not inside(quotes, pair.start):
            first_at.setdefault(pair.surname, pair.start)
            with_first[pair.surname].add(pair.before)
    full = {name for name, befores in with_first.items() if befores - TITLES}
    if not full:
        return  # every finding names a surname that goes with a first name
    alone_at: dict[str, int] = {name: first_at[name] for name in with_first if name not in full}
    for m in speaker_slots(doc):
        name = m.group("name")
        if len(name) >= minimum and name not in with_first and name not in NOT_SURNAMES and name not in TITLES:
            alone_at.setdefault(name, m.start("name"))
    candidates = []
    names = list(full) + list(alone_at)
    for a, b in near_spellings(names) if _variants_possible(full, names) else ():
        a_full, b_full = a in full, b in full
        if a_full and b_full and with_first[a] & with_first[b] and _variant(a, b):
            candidates.append((a, first_at[a], b, first_at[b], "spelling"))
        elif a_full != b_full and _variant(a, b):
            (known, alone) = (a, b) if a_full else (b, a)
            candidates.append((known, first_at[known], alone, alone_at[alone], "spelling"))
    speakers = {m.group("name") for m in speaker_slots(doc)} | set(index.titles)
    candidates += _case_changes(text, full, full & speakers, with_first, first_at)
    reported = set()
    for a, a_at, b, b_at, kind in sorted(candidates, key=lambda c: max(c[1], c[3])):
        (early, early_at), (late, late_at) = sorted(((a, a_at), (b, b_at)), key=lambda x: x[1])
        if late_at in reported:
            continue
        reported.add(late_at)
        what = "capitals" if kind == "case" else "spelling"
        yield ctx.report(
            (late_at, late_at + len(late)),
            f"{late} here but {early} on line {doc.line_of(early_at)}; check the {what} of this name",
            suggestions=(early,),
        )


SURNAME_PREFIX = compile_regex(r"\A(?:Mc|Mac|De|Di|Da|Du|La|Le|Van|Von|Fitz)\p{Lu}")
MAX_CASE_CHECKS = 16


def _case_changes(text, full, speakers, with_first, first_at):
    """Surnames printed with other capitals: "McAdam" / "Mcadam" (same first
    name), and "okafor said" / "Maria okafor" when every lower-case use of the
    word is such a slot (so it is not an ordinary word such as "president")."""
    found = []
    by_lower: dict[str, list[str]] = defaultdict(list)
    for name in full:
        by_lower[name.lower()].append(name)
    for group in by_lower.values():
        if len(group) == 2 and with_first[group[0]] & with_first[group[1]]:
            a, b = group
            if SURNAME_PREFIX.match(a) or SURNAME_PREFIX.match(b):
                found.append((a, first_at[a], b, first_at[b], "case"))
    singles = sorted((names[0] for names in by_lower.values() if len(names) == 1 and names[0] in speakers), key=first_at.get)
    for name in singles[:MAX_CASE_CHECKS]:
        lower = name.lower()
        uses = _word_uses(text, lower)
        if not uses or uses[0][0] < first_at[name]:
            continue  # never lower-cased, or lower case first: an ordinary word
        if all(_lower_slot(text, start, end, with_first[name]) for start, end in uses):
            found.append((name, first_at[name], lower, uses[0][0], "case"))
    return found


NOT_AFTER_NAME_CHARACTER = compile_regex(r"(?<![\p{L}'\u2019-])")
NOT_BEFORE_NAME_CHARACTER = compile_regex(r"(?![\p{L}'\u2019-])")


def _word_uses(text: str, word: str) -> list[tuple[int, int]]:
    """The spans of ``word`` in ``text`` with no letter, apostrophe or hyphen either side,
    as a ``finditer`` of the escaped word between NOT_AFTER_NAME_CHARACTER and
    NOT_BEFORE_NAME_CHARACTER finds them, without compiling a pattern for each word:
    ``str.find`` and the two boundary tests."""
    uses = []
    end = -1
    at = text.find(word)
    while at >= 0:
        if at >= end and NOT_AFTER_NAME_CHARACTER.match(text, at) and NOT_BEFORE_NAME_CHARACTER.match(text, at + len(word)):
            end = at + len(word)
            uses.append((at, end))
        at = text.find(word, at + 1)
    return uses


DETERMINERS = frozenset("the a an its this that these those our their his her my your every each any no some".split())
LOWER_SPEAKER_AFTER = compile_regex(rf"\s+{SAYS_TO}\b")
LOWER_SPEAKER_BEFORE = compile_regex(rf"(?:\b{SAYS}|\baccording\s+to)\s+\Z")
CLAUSE_END = compile_regex(r"\s*(?:[,.;:!?]|\Z)")
WORD_BEFORE = compile_regex(rf"(?P<word>{NAME_TOKEN}|\p{{Ll}}+)\.?\s+\Z")


def _lower_slot(text: str, start: int, end: int, firsts: set[str]) -> bool:
    """Whether a lower-cased surname at ``start:end`` stands where only the name
    can: after its capitalised first name, or alone as a speaker ("okafor said").
    After its first name in lower case ("maria okafor") it is G104's, not ours."""
    before = WORD_BEFORE.search(text, max(0, start - 40), start)
    word = before.group("word") if before else ""
    if word in firsts:
        return True
    if word.lower() in {f.lower() for f in firsts} or word.lower() in DETERMINERS:
        return False  # "maria okafor" (G104's), "the agency said" (an ordinary word)
    if LOWER_SPEAKER_AFTER.match(text, end, end + 20):
        return True
    return bool(LOWER_SPEAKER_BEFORE.search(text, max(0, start - 20), start) and CLAUSE_END.match(text, end, end + 5))


def near_spellings(names: list[str]):
    """Pairs of distinct names that share a one-letter deletion (or are equal
    after one): every pair within one edit, found in linear time."""
    buckets: dict[str, set[str]] = defaultdict(set)
    for name in set(names):
        buckets[name].add(name)
        for i in range(len(name)):
            buckets[name[:i] + name[i + 1 :]].add(name)
    pairs = set()
    for group in buckets.values():
        if 1 < len(group) <= 8:
            ordered = sorted(group)
            pairs.update((a, b) for i, a in enumerate(ordered) for b in ordered[i + 1 :])
    return sorted(pairs)


def _variants_possible(full: set[str], names: list[str]) -> bool:
    """Whether some name of ``full`` and another of ``names`` are ``_variant``s: when
    none are, no pair ``near_spellings`` lists can be a finding, so it is skipped."""
    by_initial: dict[str, list[str]] = defaultdict(list)
    for name in names:
        by_initial[name[:1]].append(name)
    return any(
        other != name and abs(len(other) - len(name)) <= 1 and _variant(name, other)
        for name in full for other in by_initial[name[:1]]
    )


def _variant(a: str, b: str) -> bool:
    """One-letter variants of a name, not a plural, an ending or a change of case."""
    if a.lower() == b.lower() or a[0] != b[0] or len(a) != len(b) and (a.startswith(b) or b.startswith(a)):
        return False
    return edit_distance_one(a, b)


@hookimpl
def newslint_rules():
    return [
        weekday_date_mismatch, impossible_date, elapsed_years_mismatch, event_dated_twice,
        list_count_mismatch, group_count_mismatch, age_mismatch, name_spelling_variant,
    ]
