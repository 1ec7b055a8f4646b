"""C1xx: dates, weekdays, counts and ages that disagree.

Rules in this module check whether an article agrees with itself: a weekday
that does not match its date, a date that does not exist, "N years ago" that
disagrees with the years it names, one event dated two ways, counts that
disagree with their lists or with each other, and one person given two ages
or two spellings of a surname. Each finding points at the later mention and
names the line of the earlier one.

The article's own date (front matter, dateline or date line) is found once
per document by ``plugins/timeframe.py``; rules that need it stay quiet when
an article states no date. Changes of a name's case ("Okafor" / "okafor")
belong to the G family.
"""
from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass

import regex

from newslint import Scope, hookimpl, rule
from newslint_plugins.numbers import NUMBER, number_value
from newslint_plugins.people import (
    NAME_TOKEN, NOT_SURNAMES, AgeMention, PersonIndex, edit_distance_one, find_ages, find_name_pairs,
    surname,
)
from newslint_plugins.timeframe import (
    DATE, RELATIVE_DAY, describe, find_anchor, find_dates, possible_dates, resolve_day,
)

QUOTED = regex.compile(r"\u201c[^\u201d\r\n]*\u201d?|\"[^\"\r\n]*\"?")


def timeframe(doc):
    """The article's own date, computed once per document."""
    def build():
        headline = doc.headline
        skip = (headline.start, headline.end) if headline is not None else (0, 0)
        return find_anchor(doc.masked, doc.metadata, skip)
    return doc.memo("timeframe", build)


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


# --- C101, C102: dates ------------------------------------------------------------------

@dataclass(frozen=True)
class WeekdayOptions:
    check_quotes: bool = False


@rule("C101", "weekday-date-mismatch", scope=Scope.DOCUMENT, options=WeekdayOptions)
def weekday_date_mismatch(doc, ctx):
    """What it flags: a weekday that does not fall on the date it is given with.

    Why: "Tuesday, March 5, 2025" cannot be right (it was a Wednesday); one of
    the two is wrong, and readers cannot tell which. A date without a year is
    taken in the year nearest the article's own date; without one it is not
    checked. A year-less date inside a quotation is left alone unless
    `check-quotes` is set (the speaker's year may not be the article's).

    Example: `The hearing opens on Tuesday, March 5, 2025.`

    Prefer: `The hearing opens on Wednesday, March 5, 2025.`
    """
    anchor = timeframe(doc)
    quotes = quoted_spans(doc)
    for mention in find_dates(doc.masked):
        if mention.weekday is None or mention.is_range:
            continue
        if mention.year is None and (anchor is None or (not ctx.options.check_quotes and inside(quotes, mention.start))):
            continue
        days = possible_dates(mention, anchor.date) if mention.year is None else possible_dates(mention, None)
        if not days or any(day.weekday() == mention.weekday for day in days):
            continue
        actual = " and ".join(f"a {calendar.day_name[d.weekday()]} in {d.year}" for d in days)
        if mention.year is not None:
            actual = f"a {calendar.day_name[days[0].weekday()]}"
        yield ctx.report(
            (mention.weekday_start, mention.end),
            f"{calendar.month_name[mention.month]} {mention.day} is {actual}, not a "
            f"{calendar.day_name[mention.weekday]}; check the weekday and the date",
        )


# A date is only read as one when it cannot be a month followed by a count
# ("In April 31 people were hurt"): the day has a suffix or a year, follows a
# weekday or a preposition, or ends a phrase.
DATE_CONTEXT_BEFORE = regex.compile(r"(?i:\b(?:on|by|until|till|from|since|before|after|of|between|for|to|and)\s+)\Z")
DATE_CONTEXT_AFTER = regex.compile(r"(?:st|nd|rd|th)\b|\s*(?:[,;:)\]]|\.(?!\d)|\Z|\s+(?:and|to|through|until)\b)")
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
    for mention in find_dates(text):
        if mention.year is None and not (
            mention.weekday is not None
            or DATE_CONTEXT_BEFORE.search(text, max(0, mention.start - 10), mention.start)
            or DATE_CONTEXT_AFTER.match(text, mention.day_end)
        ):
            continue
        name = calendar.month_name[mention.month]
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

YEAR = r"(?<![\d,.])(?P<year>(?:1[5-9]|20)\d{2})(?!\d|[,.]\d)"
QUALIFIER = r"(?P<qual>(?i:more\s+than|over|nearly|almost|about|around|some|roughly|approximately|close\s+to|just\s+over|just\s+under|less\s+than|under|fewer\s+than|exactly|precisely))"
COUNT = rf"(?P<n>(?i:{NUMBER}))"
LINK = r"[\s,()\u2013\u2014-]{1,4}"
ELAPSED = regex.compile(
    rf"""
    \b{YEAR}{LINK}(?:{QUALIFIER}\s+)?{COUNT}\s+years?\s+ago\b
  | \b(?:{QUALIFIER}\s+)?{COUNT}\s+years?\s+ago{LINK}(?:back\s+)?in\s+{YEAR}
  | \b(?:{QUALIFIER}\s+)?{COUNT}\s+years?\s+(?:since|after)\s+(?:the\s+|its\s+|their\s+)?{YEAR}
  | \b(?P<n>\d{{1,3}})(?:st|nd|rd|th)\s+anniversary\s+of\s+(?:the\s+|its\s+|their\s+)?{YEAR}
  | \b(?i:founded|established|formed|built|born|opened|launched|created|set\s+up|started|incorporated)\s+in\s+{YEAR}
      [^.;!?\d]{{0,40}}?\b(?:{QUALIFIER}\s+)?(?i:now\s+)?{COUNT}(?:-years?-old|\s+years?\s+old)\b
  | \b(?:{QUALIFIER}\s+)?{COUNT}(?:-years?-old|\s+years?\s+old)\b[^.;!?\d]{{0,40}}?
      \b(?i:founded|established|formed|built|born|opened|launched|created|set\s+up|started|incorporated)\s+in\s+{YEAR}
  | \b{YEAR}-(?i:founded|established|built|formed)\b[^.;!?\d]{{0,30}}?\b(?:{QUALIFIER}\s+)?(?i:now\s+)?{COUNT}(?:-years?-old|\s+years?\s+old)\b
    """,
    regex.VERBOSE,
)


@dataclass(frozen=True)
class ElapsedOptions:
    tolerance: int = 1


def elapsed_fits(actual: int, stated: int, qualifier: str | None, tolerance: int) -> bool:
    """Whether ``actual`` years can be described as ``qualifier stated`` years."""
    qualifier = " ".join((qualifier or "").lower().split())
    if qualifier in ("more than", "over", "just over"):
        return actual >= stated - tolerance
    if qualifier in ("nearly", "almost", "just under", "less than", "under", "fewer than", "close to"):
        return stated - 3 - tolerance <= actual <= stated + tolerance
    if qualifier in ("about", "around", "some", "roughly", "approximately"):
        return abs(actual - stated) <= max(2, stated // 10) + tolerance
    return abs(actual - stated) <= tolerance


@rule("C103", "elapsed-years-mismatch", scope=Scope.SENTENCE, options=ElapsedOptions)
def elapsed_years_mismatch(sentence, ctx):
    """What it flags: "N years ago", "N years old", "N years since" or an "Nth
    anniversary" that disagrees with the year it goes with, counted from the
    article's own date.

    Why: "founded in 1998, 20 years ago" in a 2023 article is off by five
    years; one of the numbers is wrong. `tolerance` (default 1) allows for
    a year boundary or a birthday; "more than", "nearly" and "about" are read
    as such. Articles with no date of their own are not checked.

    Example: `The club was founded in 1998, 20 years ago.` (dated 2023)

    Prefer: `The club was founded in 1998, 25 years ago.`
    """
    anchor = timeframe(ctx.doc)
    if anchor is None:
        return
    for m in ELAPSED.finditer(sentence.text):
        stated = number_value(m.group("n"))
        year = int(m.group("year"))
        actual = anchor.date.year - year
        if stated is None or actual < 0 or elapsed_fits(actual, stated, m.group("qual"), ctx.options.tolerance):
            continue
        yield ctx.report(
            sentence.at(m.start("n"), m.end("n")),
            f"{year} is {actual} years before this article's date ({anchor.date.year}), not {stated}; "
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
PLACE = rf"(?:\s+\p{{Ll}}+){{0,2}}?\s+(?:in|at|to|from|into|for)?\s*(?:the\s+)?(?P<place>{NAME_TOKEN}(?:\s+{NAME_TOKEN}){{0,2}})"
EVENT = regex.compile(
    rf"""
    \b(?P<subject>{NAME_TOKEN})\s+{AUXILIARY}(?P<word>{EVENT_WORD})\b(?:{PLACE})?
  | \b(?P<subject>{NAME_TOKEN})['\u2019]s\s+(?:{EVENT_ADJECTIVE}\s+)?(?P<word>{EVENT_WORD})\b(?:{PLACE})?
    """,
    regex.VERBOSE,
)
PAST_FORM = regex.compile(r"(?:ed|left|died|passed\s+away|touched\s+down|stepped\s+down)\Z")
FUTURE_MARK = regex.compile(r"\b(?:will|shall|'ll|to|going)\s+(?:\w+\s+)?\Z")
REPEAT_MARK = regex.compile(r"(?i)\b(?:again|back|first|second|return|returned|re-?\w+|previous|previously|earlier|later)\b")
NOT_A_DAY = regex.compile(r"(?i:\b(?:by|until|till|since|before|after|from|through|ahead\s+of|of)\s+)\Z")
GAP = regex.compile(r"[\s,]*(?:[\p{L}\p{N}'\u2019.-]+[\s,]+){0,3}")


@dataclass(frozen=True)
class Event:
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
    found = []
    for m in RELATIVE_DAY.finditer(text):
        found.append(("relative", m))
    for m in DATE.finditer(text):
        found.append(("date", m))
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


def find_events(doc, index: PersonIndex, anchor) -> list[Event]:
    """Dated events of named people: arrivals, departures, resignations, deaths, arrests."""
    events = []
    for sentence in doc.sentences:
        for m in EVENT.finditer(sentence.text):
            subject = m.group("subject")
            if subject in NOT_SURNAMES or not index.is_first_name(subject, sentence.start + m.start()):
                continue
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
    named person, at the same place (or with no place given) are compared, and
    a day that could be read two ways ("on Sunday" with no tense) fires only
    when neither reading fits. Articles with no date of their own are not
    checked.

    Example: `OSLO, June 16, 2023 - Kaluu arrived in Tromso today. ... Kaluu's
    arrival in Tromso on Sunday ...`

    Prefer: the one day the event took place, in both mentions.
    """
    anchor = timeframe(doc)
    if anchor is None:
        return
    index = doc.memo("person-index", lambda: PersonIndex(doc.masked))
    seen: dict[tuple[str, str], list[Event]] = defaultdict(list)
    for event in find_events(doc, index, anchor):
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
LIST_INTRO = regex.compile(
    rf"""
    \b(?P<n>(?i:{SMALL_COUNT}))\s+(?:[\p{{Ll}}-]+\s+){{0,2}}?(?P<noun>\p{{Ll}}{{2,}}s)
    \s*(?::|\s[\u2014\u2013]\s?|\u2014|\s--\s|\s-\s|,\s+namely)\s*
    (?P<list>[^.;!?:\u2014\u2013\r\n]+)
    """,
    regex.VERBOSE,
)
NOT_EXHAUSTIVE = regex.compile(r"(?i)\b(?:including|includes|include|such\s+as|among|for\s+example|e\.g|like|etc|other)\b|\.\.\.|\u2026")
COMMA = regex.compile(r"\s*,\s*")
FINAL_CONJUNCTION = regex.compile(r"\s+(?:and|or)\s+")
LEADING_CONJUNCTION = regex.compile(r"\A(?:and|or)\s+")
WORD = regex.compile(r"[\p{L}\p{N}'\u2019-]+")


@dataclass(frozen=True)
class ListOptions:
    max_item_words: int = 6


def list_items(text: str) -> list[str] | None:
    """The items of "A, B and C" (Oxford comma or not), or None if it is not a plain list."""
    chunks = [c for c in COMMA.split(text.strip())]
    if any(not c for c in chunks):
        return None
    last = chunks[-1]
    if len(chunks) > 1 and LEADING_CONJUNCTION.match(last):
        chunks[-1] = LEADING_CONJUNCTION.sub("", last)
    else:
        parts = FINAL_CONJUNCTION.split(last)
        if len(parts) > 1:
            chunks[-1:] = [" ".join(parts[:-1]), parts[-1]]
    return chunks


@rule("C110", "list-count-mismatch", scope=Scope.SENTENCE, options=ListOptions)
def list_count_mismatch(sentence, ctx):
    """What it flags: a count announced before a colon or dash that the list
    after it does not match.

    Why: "two proposals: a toll, a levy and a fare rise" names three; either
    the count or the list lost an item in editing. Lists introduced with
    "including", "such as" or "among" are not meant to be complete and are not
    checked, nor are items longer than `max-item-words` (default 6) words.

    Example: `The council weighed two proposals: a toll, a levy and a fare rise.`

    Prefer: `The council weighed three proposals: a toll, a levy and a fare rise.`
    """
    for m in LIST_INTRO.finditer(sentence.text):
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
        if len(items) == announced:
            continue
        yield ctx.report(
            sentence.at(m.start("n"), m.end("noun")),
            f"{m.group('n')} {m.group('noun')} announced but {len(items)} listed; check the count and the list",
            suggestions=(_count_word(len(items), m.group("n")) + sentence.text[m.end("n") : m.end("noun")],)
            if len(items) < len(COUNT_WORDS) else (),
        )


COUNT_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]


def _count_word(value: int, like: str) -> str:
    """``value`` written the way ``like`` is written (digits, words, capitalised)."""
    if like[0].isdigit():
        return str(value)
    word = COUNT_WORDS[value]
    return word.capitalize() if like[0].isupper() else word


# People and things that a story counts as one group.
GROUP_NOUNS = (
    "people|persons|passengers|victims|children|adults|students|pupils|teachers|workers|employees|"
    "members|players|candidates|suspects|officers|soldiers|patients|residents|survivors|hostages|"
    "climbers|hikers|miners|fishermen|firefighters|journalists|protesters|prisoners|inmates|migrants|"
    "refugees|tourists|visitors|guests|customers|jurors|senators|ministers|directors|crew|siblings|"
    "sisters|brothers|sons|daughters|countries|nations|teams|clubs|companies|firms|banks|schools|"
    "hospitals|vehicles|cars|buses|boats|ships|planes|aircraft|houses|homes|buildings|proposals|"
    "bidders|finalists|defendants|plaintiffs|judges|winners|contestants|applicants|delegates"
)
GROUP = regex.compile(
    rf"""
    \b(?P<det>(?i:all\s+(?:the\s+|of\s+the\s+)?|both\s+(?:the\s+)?|the\s+))?
    (?P<n>(?i:{NUMBER}))\s+(?P<mods>(?:\p{{Ll}}[\p{{Ll}}-]*\s+){{0,2}}?)(?P<noun>{GROUP_NOUNS})\b
    """,
    regex.VERBOSE,
)
# A bare count that names the whole group: "carrying five passengers",
# "five passengers on board".
WHOLE_BEFORE = regex.compile(r"(?i)\b(?:carrying|carried|carries|with|had|has|have|of|total\s+of|group\s+of|crew\s+of|team\s+of)\s+\Z")
WHOLE_AFTER = regex.compile(r"\A\s+(?:on\s+board|aboard|onboard|in\s+total|in\s+all|altogether)\b")
SUBSET_BEFORE = regex.compile(r"(?i)\b(?:another|more|other|further|additional|extra|first|last|only|least|most|up\s+to|about|nearly|almost|around|than|over|some|of\s+the|of\s+them|of|among|including)\s+\Z")


@dataclass(frozen=True)
class GroupCount:
    key: tuple[str, str]
    count: int
    whole: bool
    total: bool
    start: int
    end: int
    text: str


def find_group_counts(doc) -> list[GroupCount]:
    """Every "N noun" count of a group noun, with what it says about the whole group."""
    counts = []
    text = doc.masked
    for m in GROUP.finditer(text):
        value = number_value(m.group("n"))
        if value is None or value < 2:
            continue
        before = text[max(0, m.start() - 30) : m.start()]
        if SUBSET_BEFORE.search(before):
            continue
        det = (m.group("det") or "").lower().split()
        total = bool(det) and det[0] in ("all", "both")
        whole = total or bool(WHOLE_BEFORE.search(before) or WHOLE_AFTER.match(text, m.end("noun")))
        key = (" ".join(m.group("mods").split()), m.group("noun"))
        counts.append(GroupCount(key, value, whole, total, m.start("n"), m.end("noun"), text[m.start("n") : m.end("noun")]))
    return counts


@rule("C111", "group-count-mismatch", scope=Scope.DOCUMENT)
def group_count_mismatch(doc, ctx):
    """What it flags: one group counted two ways, such as "carrying five
    passengers" and later "all six passengers".

    Why: a group given two sizes leaves the reader unsure how many people
    were involved. Only counts of the same noun with the same modifiers are
    compared, and only when one of them says "all" or "both" and the other
    names the whole group too (or is larger than the whole): "five injured
    passengers", "two of the passengers" or "five passengers were hurt" count
    a part, not the group, and never fire.

    Example: `The minibus was carrying five passengers. ... All six passengers were treated.`

    Prefer: the same number in both places.
    """
    by_key: dict[tuple[str, str], dict[tuple, GroupCount]] = defaultdict(dict)
    for count in find_group_counts(doc):
        # The first mention of each distinct (count, kind) is kept, so long texts stay linear.
        for other in by_key[count.key].values():
            if other.count == count.count or not (count.total or other.total):
                continue
            total, part = (count, other) if count.total else (other, count)
            if part.whole or part.count > total.count:
                yield ctx.report(
                    (count.start, count.end),
                    f"\u201c{count.text}\u201d here but \u201c{other.text}\u201d on line {doc.line_of(other.start)}; "
                    "check how many there were",
                )
                break
        by_key[count.key].setdefault((count.count, count.total, count.whole), count)


# --- C120, C121: people -------------------------------------------------------------------

@rule("C120", "age-mismatch", scope=Scope.DOCUMENT)
def age_mismatch(doc, ctx):
    """What it flags: the same person given two different ages.

    Why: "Okafor, 44" and later "Okafor, 47" cannot both be right. Ages are
    read from "Name, 44,", "Name (44)", "Name, aged 44", "the 44-year-old
    goalkeeper Name" and "Name, the 44-year-old"; a lone surname is matched to
    a full name only when no other first name goes with that surname in the
    article, so relatives who share a surname are never compared.

    Example: `Maria Okafor, 44, runs the bakery. ... Okafor, 47, said ...`

    Prefer: one age for one person.
    """
    index = doc.memo("person-index", lambda: PersonIndex(doc.masked))
    by_surname: dict[str, dict[tuple, AgeMention]] = defaultdict(dict)
    for mention in find_ages(doc.masked, index):
        earlier = by_surname[surname(mention.name)]
        for other in earlier.values():
            if other.age != mention.age and index.same_person(other.name, mention.name):
                yield ctx.report(
                    (mention.start, mention.end),
                    f"{' '.join(mention.name)} is {mention.age} here but {other.age} on line "
                    f"{doc.line_of(other.start)}; check the age",
                )
                break
        earlier.setdefault((mention.name, mention.age), mention)


SAYS = r"(?:said|says|added|explained|argued|noted|insisted|recalled|warned)"
SURNAME_SLOT = regex.compile(
    rf"\b(?P<name>{NAME_TOKEN})\s+(?:{SAYS}|told)\b|\b{SAYS}\s+(?P<name>{NAME_TOKEN})\b(?!\s+\p{{Lu}})|\baccording\s+to\s+(?P<name>{NAME_TOKEN})\b(?!\s+\p{{Lu}})"
)


@dataclass(frozen=True)
class SpellingOptions:
    min_length: int = 5


@rule("C121", "name-spelling-variant", scope=Scope.DOCUMENT, options=SpellingOptions)
def name_spelling_variant(doc, ctx):
    """What it flags: a surname spelt two ways, such as "Okafor" and later "Okafur".

    Why: a misspelt name is the error readers and subjects notice first.
    Two spellings are compared when they differ by one letter (changed,
    added, dropped or swapped) inside the name, are at least `min-length`
    (default 5) letters long, and go with the same first name or title
    ("Maria Okafor" / "Maria Okafur"), or one is a full name's surname and
    the other stands alone as a speaker ("Okafur said") and never goes with
    another first name. Plurals and endings ("Korea" / "Korean") never fire.
    A change of case ("okafor") is the G family's job.

    Example: `Maria Okafor opened the shop. ... "We are busy," Okafur said.`

    Prefer: `"We are busy," Okafor said.`
    """
    index = doc.memo("person-index", lambda: PersonIndex(doc.masked))
    minimum = ctx.options.min_length
    pairs = [p for p in find_name_pairs(doc.masked, index) if len(p.surname) >= minimum]
    first_at: dict[str, int] = {}
    with_first: dict[str, set[str]] = defaultdict(set)
    for pair in pairs:
        first_at.setdefault(pair.surname, pair.start)
        with_first[pair.surname].add(pair.before)
    alone_at: dict[str, int] = {}
    for m in SURNAME_SLOT.finditer(doc.masked):
        name = m.group("name")
        if len(name) >= minimum and name not in with_first and name not in NOT_SURNAMES:
            alone_at.setdefault(name, m.start("name"))
    candidates = []
    for a, b in near_spellings(list(with_first) + list(alone_at)):
        a_full, b_full = a in with_first, b in with_first
        if a_full and b_full and with_first[a] & with_first[b] and _variant(a, b):
            candidates.append((a, first_at[a], b, first_at[b]))
        elif a_full != b_full and _variant(a, b):
            (full, alone) = (a, b) if a_full else (b, a)
            candidates.append((full, first_at[full], alone, alone_at[alone]))
    reported = set()
    for a, a_at, b, b_at in candidates:
        (early, early_at), (late, late_at) = sorted(((a, a_at), (b, b_at)), key=lambda x: x[1])
        if late_at in reported:
            continue
        reported.add(late_at)
        yield ctx.report(
            (late_at, late_at + len(late)),
            f"{late} here but {early} on line {doc.line_of(early_at)}; check the spelling of this name",
            suggestions=(early,),
        )


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
