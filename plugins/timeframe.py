"""An article's own time frame: its date, the dates it names, and relative days.

Helper for the C1xx rules. ``find_anchor`` finds the date an article is
written from (front matter ``date``, a dateline such as "OSLO, May 2, 2024 -",
or a short byline/date line near the top); ``find_dates`` lists the calendar
dates a text names ("Tuesday, March 5, 2025", "5 March", "March 5th");
``resolve_day`` turns "today", "on Sunday", "next Saturday" or "last week"
into the set of days it can mean from that anchor; ``years_since`` does the
"N years ago" arithmetic. Parsing of free-form date lines is left to dateutil.
"""
from __future__ import annotations

import bisect
import datetime
import re
from typing import NamedTuple

import regex

from newslint.patterns import compile as compile_regex

# Patterns applied only at one position, never scanned (see tests/test_scaling.py).
ANCHORED_PATTERNS = ("DATELINE",)

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
# English names (as ``calendar``'s in the C locale; that module costs a start 0.5 ms):
# DAY_NAMES[date.weekday()], MONTH_NAMES[date.month].
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_NAMES = ("", "January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")
WEEKDAYS = {name.lower(): i for i, name in enumerate(DAY_NAMES)}

_MONTH_ALT = "|".join(m.capitalize() for m in sorted(MONTHS, key=lambda item: (-len(item), item)))
_WEEKDAY_ALT = "|".join(DAY_NAMES)
WEEKDAY = rf"(?:{_WEEKDAY_ALT})"

# A calendar date in running text. Month names must be capitalised ("may" is
# a verb); a day must not be the start of a larger number ("March 5,000").
DATE = compile_regex(
    rf"""
    (?:\b(?P<weekday>{_WEEKDAY_ALT})(?:,\s*|\s+|\s*\(\s*)(?:the\s+)?)?
    (?:
        \b(?P<month>{_MONTH_ALT})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?![.,:]?\d)
        (?:,\s*(?P<year>\d{{4}})\b(?![.,:]?\d))?
      |
        (?<![\d.,])\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<month>{_MONTH_ALT})\b\.?
        (?:,?\s+(?P<year>\d{{4}})\b(?![.,:]?\d))?
    )
    (?P<range>\s*(?:[-\u2013\u2014]|to|and|through|until)\s*\d)?
    """,
    regex.VERBOSE,
)

# A short line that may hold the article's date ("June 16, 2023 - 12:29 pm",
# "Published 3 March 2024", "Updated: 2023-06-16", "18 NOV 2019").
_ANY_MONTH = rf"(?i:{_MONTH_ALT})"
DATE_LINE = compile_regex(
    rf"""
    (?:\b{_ANY_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}
      |\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_ANY_MONTH}\.?,?\s+\d{{4}}
      |\b\d{{4}}-\d{{2}}-\d{{2}})\b
    """,
    regex.VERBOSE,
)
# The place of a dateline: capitalised words with a few lower-case joiners
# ("Rio de Janeiro", "St. John's", "NEW YORK"), then an optional region.
_PLACE_WORD = r"(?:\p{Lu}[\p{L}.'\u2019\-]*|(?:de|del|da|do|di|la|le|of|upon|on|am|an|sur|en|y|au|el|al)\b)"
_PLACE = rf"(?!(?i:{_WEEKDAY_ALT}|{_MONTH_ALT})\b)\p{{Lu}}[\p{{L}}.'\u2019\-]*(?:[ ]{_PLACE_WORD}){{0,4}}"
_FULL_DATE = rf"(?:{_ANY_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}\s+{_ANY_MONTH}\.?,?\s+\d{{4}})"
# "OSLO, May 2, 2024 -", "Oslo (Agency) - May 2, 2024 -", "Oslo, Norway, Thursday, May 2, 2024:",
# "NEW YORK, May 2, 2024 /Wire/ --". The date must have a year.
_DATELINE = rf"""
    (?P<place>{_PLACE})(?:,[ ]*{_PLACE}){{0,2}}
    (?:,\s*|\s*\([^()\n]{{1,30}}\)\s*[-\u2013\u2014,]?\s*)
    (?:{WEEKDAY},?\s+)?
    (?P<date>{_FULL_DATE})
    \s*(?:\([^()\n]{{1,30}}\)\s*)?[-\u2013\u2014:/|]
    """
DATELINE = compile_regex(_DATELINE, regex.VERBOSE)
# A dateline opening a paragraph anywhere in the text (merged copy carries its
# datelines along): at a line start, with a few words after it on its line.
DATELINE_ANYWHERE = compile_regex(
    rf"(?m)^[ \t]*{_DATELINE}(?=[^\r\n]*?\p{{L}}{{2,}}[^\r\n]*?\s\p{{L}}{{2,}})",
    regex.VERBOSE,
)
# Every dateline and date line has four digits in a row (its year): text without
# them states no date of its own.
FOUR_DIGITS = compile_regex(r"\d{4}")
# What every dateline ends with: the year of its date, then (after an agency in
# brackets) its dash or colon. Text without it has no dateline further down, and a
# search for it costs a fifth of a scan for DATELINE_ANYWHERE.
DATELINE_HINT = compile_regex(r"\d{4}\s*(?:\([^()\n]{1,30}\)\s*)?[-\u2013\u2014:/|]")
# "16/06/2023", "06.16.2023": only when the day cannot be read as a month.
NUMERIC_DATE = compile_regex(r"(?<![\d/.])(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<year>(?:19|20)\d{2})(?![\d/.])")
LINE = compile_regex(r"[^\r\n]+")
WORDS = compile_regex(r"\w+")
BYLINE_MAX_WORDS = 14
DATE_CUE = compile_regex(r"(?i)\b(?:by|published|updated|posted|modified|date|dated|first\s+published)\b|[|\u2022\u00b7]")
DATE_LINE_CUED_WORDS = 10  # words besides the date on a line with a cue ("By Ana Ruiz | Published ...")
DATE_LINE_OTHER_WORDS = 6  # and on one without ("Friday 16 June 2023 09.30 BST")
BODY_MIN_WORDS = 25
BODY_PARAGRAPHS = 2  # stop looking for a date line this many long paragraphs into the text
TOP_LINES = 200
WORD_COUNT_HEAD = 200  # characters of a line counted before deciding that it is long


class DateMention(NamedTuple):
    """A calendar date named in a text; offsets are relative to that text. (A named
    tuple: cheaper to define and to make than a frozen dataclass.)"""

    start: int
    end: int
    month: int
    day: int
    year: int | None
    weekday: int | None
    weekday_start: int
    day_start: int
    day_end: int
    is_range: bool

    def on(self, year: int) -> datetime.date | None:
        """The date in ``year``, or None when no such day exists."""
        try:
            return datetime.date(year, self.month, self.day)
        except ValueError:
            return None


class Timeframe(NamedTuple):
    """The date an article is written from, and where it was found. (A named tuple, as ``DateMention``.)"""

    date: datetime.date
    source: str
    offset: int


# Every month name (and its first three letters: "Mar" also finds "March"), for
# ``date_windows``. The standard library's re finds plain words about twice as fast
# as regex does; nothing depends on how it reads a word, as it only says where to look.
MONTH_START = re.compile(
    "Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    "|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
)
ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
WORD_REST = compile_regex(r"\w*+")
# A DATE match has at most 19 characters other than white space before its month
# name ("Wednesday, the 31st of "), and from the month name on at most 31, its
# lookaheads included ("September 30th, 2024 through 2"); white space runs are
# unbounded, so windows are measured in the other characters, with room to spare.
DATE_BEFORE = 24
DATE_AFTER = 48


def _back(text: str, at: int, count: int) -> int:
    """A start before ``at`` with at least ``count`` characters other than white space
    between it and ``at`` (0 when there are not that many)."""
    step = 2 * count
    while True:
        lo = max(0, at - step)
        # str.split() splits on a superset of regex's \s, so this counts no more than regex would.
        if lo == 0 or len("".join(text[lo:at].split())) >= count:
            return lo
        step *= 2


def _forward(text: str, at: int, count: int) -> int:
    """An end after ``at`` with at least ``count`` characters other than white space
    between ``at`` and it (the text's end when there are not that many)."""
    step = 2 * count
    while True:
        hi = min(len(text), at + step)
        if hi == len(text) or len("".join(text[at:hi].split())) >= count:
            return hi
        step *= 2


def date_windows(text: str) -> list[tuple[int, int]]:
    """Disjoint ``(start, end)`` windows of ``text`` outside which DATE cannot match, nor
    look at anything a match inside depends on: DATE scanned window by window finds
    exactly what it finds scanning the whole text, in a fraction of the time.

    A window is put around every month name with no ASCII letter either side (DATE
    wants a word boundary there), and never ends inside a word, so that no word is
    cut into something that looks like a month name ("Mar|ia") or a day ("March 1|5").
    """
    spans = []
    size = len(text)
    for m in MONTH_START.finditer(text):
        start, end = m.span()
        if start and text[start - 1] in ASCII_LETTERS or end < size and "a" <= text[end] <= "z":
            continue  # "Mark", "Primary": not a month name
        hi = _forward(text, start, DATE_AFTER)
        spans.append((_back(text, start, DATE_BEFORE), WORD_REST.match(text, hi).end() if hi < size else hi))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for lo, hi in spans:
        if merged and lo <= merged[-1][1]:
            if hi > merged[-1][1]:
                merged[-1] = (merged[-1][0], hi)
        else:
            merged.append((lo, hi))
    return merged


def find_dates(text: str):
    """Yield every ``DateMention`` in ``text``."""
    for lo, hi in date_windows(text):
        yield from _dates_in(text, lo, hi)


def _dates_in(text: str, lo: int, hi: int):
    for m in DATE.finditer(text, lo, hi):
        weekday = m.group("weekday")
        yield DateMention(
            start=m.start(),
            end=max(m.end("day"), m.end("month"), m.end("year")),
            month=MONTHS[m.group("month").lower()],
            day=int(m.group("day")),
            year=int(m.group("year")) if m.group("year") else None,
            weekday=WEEKDAYS[weekday.lower()] if weekday else None,
            weekday_start=m.start("weekday") if weekday else m.start(),
            day_start=m.start("day"),
            day_end=m.end("day"),
            is_range=m.group("range") is not None,
        )


YEAR_REACH = datetime.timedelta(days=250)


def possible_dates(mention: DateMention, anchor: datetime.date) -> tuple[datetime.date, ...]:
    """The dates a mention can mean in an article dated ``anchor``, in order.

    With a year, that date alone. Without one, the date in the article's year
    and in a neighbouring year, when within about eight months of the anchor:
    "May 18" in a story of November 19, 2019 may be May 18, 2019 or 2020, and
    "December 30" in one of January 2, 2024 is December 30, 2023.
    """
    if mention.year is not None:
        day = mention.on(mention.year)
        return (day,) if day else ()
    days = [d for y in (anchor.year - 1, anchor.year, anchor.year + 1) if (d := mention.on(y))]
    near = tuple(d for d in days if abs(d - anchor) <= YEAR_REACH)
    return near or tuple(d for d in days if d.year == anchor.year)


def parse_date(value) -> datetime.date | None:
    """A date from front matter (a date, datetime or string), via dateutil."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    from dateutil import parser as date_parser  # imported when a date is read: it costs a start 5 ms

    try:
        return date_parser.parse(value, fuzzy=True, default=datetime.datetime(1900, 1, 1)).date()
    except (ValueError, OverflowError):
        return None


def _plausible(day: datetime.date | None) -> bool:
    return day is not None and 1900 <= day.year <= 2100


def _numeric_date(text: str) -> datetime.date | None:
    """"16/06/2023" or "06/16/2023" when only one reading exists; None otherwise."""
    m = NUMERIC_DATE.search(text)
    if not m:
        return None
    a, b, year = int(m.group("a")), int(m.group("b")), int(m.group("year"))
    readings = set()
    for month, day in ((b, a), (a, b)):
        try:
            readings.add(datetime.date(year, month, day))
        except ValueError:
            pass
    return readings.pop() if len(readings) == 1 else None


def _date_of_line(line: str) -> datetime.date | None:
    """The date a short byline or date line holds ("Published 3 March 2024", "By X | 2023-06-16")."""
    found = DATE_LINE.search(line)
    numeric = found is None
    if numeric:
        found = NUMERIC_DATE.search(line)
        if not found:
            return None
    rest = len(WORDS.findall(line[: found.start()] + " " + line[found.end() :]))
    if rest > (DATE_LINE_CUED_WORDS if DATE_CUE.search(line) else DATE_LINE_OTHER_WORDS):
        return None  # a sentence that happens to name a date, not a date line
    day = _numeric_date(line) if numeric else parse_date(found.group())
    return day if _plausible(day) else None


def find_anchor(text: str, metadata: dict | None = None, skip: tuple[int, int] = (0, 0)) -> Timeframe | None:
    """The article's own date: front matter ``date``, a dateline, or a date line near the top.

    ``text`` is the (masked) document and ``skip`` the span of its headline,
    which is never taken for a date line. When none of those is found, the
    first dateline that opens a paragraph further down counts (merged copy
    often carries the dateline of one of its sources). Returns None when the
    article states no date.
    """
    frames = find_timeframes(text, metadata, skip)
    return frames.first if frames else None


def find_timeframes(text: str, metadata: dict | None = None, skip: tuple[int, int] = (0, 0)) -> "Timeframes":
    """Every date the article is written from, in text order (see ``Timeframes``)."""
    frames: list[Timeframe] = []
    if metadata:
        for key in ("date", "published", "pubdate", "datePublished"):
            day = parse_date(metadata.get(key))
            if _plausible(day):
                frames.append(Timeframe(day, "front matter", 0))
                break
    year = FOUR_DIGITS.search(text)
    if year is None:
        return Timeframes(frames)
    if not frames:
        top = _top_date(text, skip, year.start())
        if top is not None:
            frames.append(top)
    taken = {f.offset for f in frames}
    if not DATELINE_HINT.search(text, year.start()):
        return Timeframes(frames)  # no year followed by a dateline's dash: no dateline further down
    for m in _datelines(text):
        if skip[0] <= m.start("place") < skip[1] or m.start("place") in taken:
            continue
        day = parse_date(m.group("date"))
        if _plausible(day):
            frames.append(Timeframe(day, "dateline", m.start("place")))
    return Timeframes(frames)


def _lines(text: str):
    """``(start, text)`` of every ``LINE`` match, in order; by ``str.find`` when the
    text has no carriage return (then a line is what lies between two line feeds)."""
    if "\r" in text:
        for m in LINE.finditer(text):
            yield m.start(), m.group()
        return
    start, size = 0, len(text)
    while start < size:
        end = text.find("\n", start)
        if end < 0:
            end = size
        if end > start:
            yield start, text[start:end]
        start = end + 1


def _word_count(line: str) -> int:
    """The number of words on a line, or some number of at least BODY_MIN_WORDS
    when it has that many (all ``_top_date`` needs to know about a long line)."""
    if len(line) > WORD_COUNT_HEAD:
        head = len(WORDS.findall(line, 0, WORD_COUNT_HEAD))  # a word cut at the end still counts once
        if head >= BODY_MIN_WORDS:
            return head
    return len(WORDS.findall(line))


def _datelines(text: str):
    """``DATELINE_ANYWHERE.finditer(text)``, trying the pattern only where it can match:
    at the start of the text and after each line feed (where its ``(?m)^`` holds)."""
    end = 0
    at = 0
    while True:
        if at >= end:
            m = DATELINE_ANYWHERE.match(text, at)
            if m is not None:
                end = m.end()
                yield m
        feed = text.find("\n", at)
        if feed < 0:
            return
        at = feed + 1


def _top_date(text: str, skip: tuple[int, int], first_year: int = 0) -> Timeframe | None:
    """A dateline, or a short date line (byline, "Published ..."), before the body gets going.

    ``first_year`` is where the text's first four digits in a row start: a line
    that ends before them holds no date, and counts only as long or not."""
    byline = None
    long_lines = 0
    for count, (start, line) in enumerate(_lines(text)):
        if count >= TOP_LINES:
            break
        stripped = line.strip()
        if not stripped or skip[0] <= start + len(line) - len(line.lstrip()) < skip[1]:
            continue
        if start + len(line) < first_year + 4:
            # No date here. Fewer than 49 characters cannot hold 25 words.
            if len(stripped) >= 2 * BODY_MIN_WORDS - 1 and _word_count(stripped) >= BODY_MIN_WORDS:
                long_lines += 1
                if long_lines >= BODY_PARAGRAPHS or byline is not None:
                    break
            continue
        words = _word_count(stripped)
        offset = start + line.index(stripped[0])
        dateline = DATELINE.match(stripped)
        if dateline:
            day = parse_date(dateline.group("date"))
            if _plausible(day):
                return Timeframe(day, "dateline", offset)
        if words >= BODY_MIN_WORDS:
            long_lines += 1
            if long_lines >= BODY_PARAGRAPHS or byline is not None:
                break
        if byline is None and words <= BYLINE_MAX_WORDS:
            day = _date_of_line(stripped)
            if day is not None:
                byline = Timeframe(day, "date line", offset)
    return byline


class Timeframes:
    """The dates an article is written from: its own date, then any dateline
    further down. Text after a dateline is read against that dateline; text
    before the first one against the article's first date."""

    def __init__(self, frames: list[Timeframe]) -> None:
        self.frames = sorted(frames, key=lambda f: f.offset)
        self.first = frames[0] if frames else None
        self._offsets = [f.offset for f in self.frames]

    def __bool__(self) -> bool:
        return bool(self.frames)

    def at(self, offset: int) -> Timeframe | None:
        """The time frame that text at ``offset`` is written in."""
        i = bisect.bisect_right(self._offsets, offset)
        return self.frames[i - 1] if i else self.first


# Relative days. Each resolves to the set of days it can mean, so that two
# mentions contradict each other only when their sets share no day.
RELATIVE_DAY = compile_regex(
    rf"""
    \b(?:
        (?P<today>(?i:today|tonight|this\s+(?:morning|afternoon|evening)|(?:earlier|later)\s+today))
      | (?P<yesterday>(?i:yesterday))
      | (?P<last_night>(?i:last\s+night))
      | (?P<tomorrow>(?i:tomorrow))
      | (?P<week>(?P<week_which>(?i:last|this|next))\s+week)
      | (?P<ago>(?P<ago_n>\d+|(?i:one|two|three|four|five|six|seven|eight|nine|ten|a))\s+(?P<ago_unit>day|week)s?\s+ago)
      | (?<!\b(?:Black|Good|Super|Cyber|Ash|Easter|Palm|Bloody|Holy|Maundy|Giving|Blue)\s+)
        (?:(?P<which>(?i:last|this|next|on))\s+)?(?P<weekday>{_WEEKDAY_ALT})(?!\s*,?\s*\(?\s*(?:the\s+)?(?:{_MONTH_ALT}|\d))
    )\b
    """,
    regex.VERBOSE,
)
_SMALL = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
          "seven": 7, "eight": 8, "nine": 9, "ten": 10}


def _days(first: datetime.date, last: datetime.date) -> frozenset[datetime.date]:
    return frozenset(first + datetime.timedelta(days=i) for i in range((last - first).days + 1))


def resolve_day(match, anchor: datetime.date, tense: str | None = None) -> frozenset[datetime.date]:
    """The days a ``RELATIVE_DAY`` match can mean in an article dated ``anchor``.

    ``tense`` is "past", "future" or None (unknown) and picks between the
    previous and the next Sunday for a bare "on Sunday".
    """
    one = datetime.timedelta(days=1)
    if match.group("today"):
        return frozenset({anchor})
    if match.group("yesterday"):
        return frozenset({anchor - one})
    if match.group("last_night"):
        return frozenset({anchor - one, anchor})
    if match.group("tomorrow"):
        return frozenset({anchor + one})
    if match.group("week"):
        which = match.group("week_which").lower()
        monday = anchor - datetime.timedelta(days=anchor.weekday())
        if which == "this":
            return _days(monday, monday + 6 * one)
        if which == "last":  # the previous calendar week, or loosely the past seven days
            return _days(monday - 7 * one, anchor - one)
        return _days(anchor + one, monday + 13 * one)
    if match.group("ago"):
        n = int(match.group("ago_n")) if match.group("ago_n").isdigit() else _SMALL[match.group("ago_n").lower()]
        if match.group("ago_unit").lower() == "day":
            return frozenset({anchor - n * one})
        centre = anchor - datetime.timedelta(weeks=n)
        return _days(centre - 3 * one, centre + 3 * one)
    target = WEEKDAYS[match.group("weekday").lower()]
    which = (match.group("which") or "").lower()
    previous = weekday_before(anchor, target)
    following = weekday_after(anchor, target)
    if which == "last":
        return frozenset({previous})
    if which == "next":
        return frozenset({following, following + 7 * one})
    if target == anchor.weekday():  # "on Friday" in a Friday story is that day
        extra = {"past": previous, "future": following}.get(tense) if which != "this" else None
        return frozenset({anchor, extra} - {None})
    if which == "this":
        return frozenset({previous if tense == "past" else following})
    if tense == "past":
        return frozenset({previous})
    if tense == "future":
        return frozenset({following})
    return frozenset({previous, following})


def weekday_before(day: datetime.date, weekday: int) -> datetime.date:
    """The last date before ``day`` that falls on ``weekday`` (0 is Monday)."""
    before = day - datetime.timedelta(days=1)
    return before - datetime.timedelta(days=(before.weekday() - weekday) % 7)


def weekday_after(day: datetime.date, weekday: int) -> datetime.date:
    """The first date after ``day`` that falls on ``weekday`` (0 is Monday)."""
    after = day + datetime.timedelta(days=1)
    return after + datetime.timedelta(days=(weekday - after.weekday()) % 7)


def years_since(year: int, anchor: datetime.date) -> int:
    """Whole years from ``year`` to the article's year ("1998" in 2023 -> 25)."""
    return anchor.year - year


def describe(day: datetime.date) -> str:
    """"Friday, June 16" for messages."""
    return f"{DAY_NAMES[day.weekday()]}, {MONTH_NAMES[day.month]} {day.day}"
