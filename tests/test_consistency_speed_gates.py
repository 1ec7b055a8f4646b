"""The C family's shortcuts find exactly what the plain scans find.

The C rules avoid whole-text scans where they can: windows around month names
for DATE, candidate places for triggers, a pattern's branches scanned one by one,
atomic name words, substring tests before a search, look-ups of one word instead
of every word. Each test here runs a shortcut and the plain scan it stands for
(or the code it replaced) over texts built to hit their edges, and wants the
same answer. Texts come from a fixed seed, so a failure repeats.
"""
from __future__ import annotations

import functools
import random
import sys
from collections import defaultdict

import pytest
import regex
from conftest import FIXTURES, word_soup

from newslint_plugins import consistency as C
from newslint_plugins import numbers as N
from newslint_plugins import people as P
from newslint_plugins import timeframe as T

FIXTURE_TEXTS = [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("consistency/*")) if p.suffix in (".md", ".txt")]
SPACES = [" ", " ", " ", "  ", "\n", "\n\n", "\t", "\u00a0", "\u2003", "\x1c", " " * 30]


soup = functools.partial(word_soup, spaces=SPACES)


NAMES = ["Imke", "Tavita", "Ruslan", "Brannigan", "Brannagan", "Oyelaran", "Oyelaren", "McTavish", "Mctavish",
         "DeVito", "O'Hagan", "O\u2019Hagan", "Lund-Berg", "J.", "K.", "Mr", "Ms", "Dr", "Dr.", "Mrs", "Jr", "Jr.", "III",
         "Ödegaard", "Łukasz", "\u01c5ob", "Ab\u02b0c", "imke", "brannigan", "AB", "A", "Xy\u0301z", "Brannigan2"]
WORDS = ["the", "a", "and", "of", "said", "says", "told", "added", "asked", "according", "to", "who", "is", "was",
         "aged", "now", "years", "year", "old", "-year-old", "born", "in", "on", "The", "Later", "Police", "man", "son"]
MARKS = [",", ".", ";", ":", "(", ")", "\u201c", "\u201d", "\"", "'", "-", "\u2014", "\u2013", "!", "?", "x" * 45]
NUMBERS = ["4", "44", "119", "1,200", "1,20", "2024", "1999", "forty-four", "Forty", "a", "dozen", "hundred",
           "thousand", "twenty", "three", "ſix", "\u0665", "\U00011f50"]
PEOPLE = soup(1, NAMES * 3 + WORDS + MARKS + NUMBERS, 3000) + FIXTURE_TEXTS


def test_white_space_is_exactly_what_regex_calls_space():
    space = regex.compile(r"\s")
    assert {c for c in map(chr, range(sys.maxunicode + 1)) if space.match(c)} == set(P.WHITE_SPACE)


def test_sentence_start_is_tested_without_a_search():
    for text in soup(2, ["A", "b", ".", "!", ":", ";", "\"", "\u201c", "(", "[", "x"], 1500, 14, joins=("", " ", "\n", "\r")):
        for start in range(len(text) + 1):
            expected = P.SENTENCE_START.search(text, max(0, start - 8), start) is not None
            assert P.starts_sentence(text, start) == expected, (text, start)


def test_the_first_word_lookahead_changes_no_number():
    plain = N.NUMBER[len(N._FIRST_WORD):]
    words = [*N.UNITS, *N.TENS, "a", "A", "and", "hundred", "thousand", "dozen", "THOUSAND", "1", "12", "1,200",
             "1,20", "ſix", "\u212a", "x", "the", "Eighteen", "eigh"]
    texts = soup(3, words, 1500, 12, joins=("", " ", "-", ", ", "\n"))
    for flags in ("", "(?i)"):
        before, after = regex.compile(flags + plain), regex.compile(flags + N.NUMBER)
        for text in texts:
            for at in range(len(text)):
                a, b = before.match(text, at), after.match(text, at)
                assert (a and a.span()) == (b and b.span()), (flags, text, at)


DATE_WORDS = ["Monday", "Wednesday", "Wednesday,", "(the", "the", "of", "September", "Sept", "Sept.", "Sep", "May",
              "Mayor", "Mar", "Maria", "March", "Marchioness", "Dec.", "Decide", "June", "Junee", "1", "5", "12", "31st",
              "30th", "2024", "2,024", "5,000", "1999.5", "through", "to", "and", "until", "-", "\u2013", "x", ":", "."]


def dates(seed: int, count: int) -> list[str]:
    """Texts of whole dates, as long as DATE allows, with white space runs inside."""
    rng = random.Random(seed)

    def space():
        return rng.choice(SPACES)

    def date():
        weekday = rng.choice(["", "Wednesday" + rng.choice([",", "", "("]) + space() + rng.choice(["", "the" + space()])])
        month = rng.choice(["September", "Sept", "Sept.", "May", "Dec."])
        day = rng.choice(["31st", "3", "30th", "12"])
        year = rng.choice(["", "," + space() + "2024", space() + "2024"])
        span = rng.choice(["", space() + "through" + space() + "2", "-3", space() + "until" + space() + "9"])
        tail = rng.choice(["", ".5", ",7", ":1", " x", "5"])
        if rng.random() < 0.5:
            return weekday + month + space() + day + year + tail + span
        return weekday + day + space() + rng.choice(["", "of" + space()]) + month + year + span + tail

    return ["".join(rng.choice([date(), "x", "12", ",", space(), "Mayor"]) for _ in range(rng.randint(1, 6)))
            for _ in range(count)]


def longest_dates() -> list[str]:
    """Dates with as many characters other than white space as DATE reads before the
    month name (19) and from it on (31), white space of every kind between."""
    texts = []
    for gap in SPACES:
        before = f"Wednesday({gap}the{gap}30th{gap}of{gap}"
        for ending in (f",{gap}2024{gap}through{gap}2", f",{gap}2024.5", f",{gap}2024{gap}x", ".5", ",7"):
            texts.append(f"{before}September{gap}x{ending}")
            texts.append(f"Wednesday,{gap}the{gap}September.{gap}30th{ending}")
            texts.append(f"{before}September.{ending}")
    return texts


def test_date_windows_reach_past_the_longest_dates():
    def solid(part: str) -> int:
        return len("".join(part.split()))

    before = after = 0
    for text in longest_dates():
        for m in T.DATE.finditer(text):
            before = max(before, solid(text[m.start() : m.start("month")]))
            after = max(after, solid(text[m.start("month") : m.end() + 2]))  # and what the lookaheads read
    assert before == 19 and after <= 31  # the bounds timeframe.py's windows are built on
    assert T.DATE_BEFORE > 19 and T.DATE_AFTER > 31
    for text in longest_dates():
        for at in range(len(text)):
            lo, hi = T._back(text, at, T.DATE_BEFORE), T._forward(text, at, T.DATE_AFTER)
            assert lo == 0 or solid(text[lo:at]) >= T.DATE_BEFORE
            assert hi == len(text) or solid(text[at:hi]) >= T.DATE_AFTER


def test_dates_in_windows_are_the_dates_of_one_scan():
    def spans(matches):
        return [(m.span(), m.group("weekday"), m.group("day"), m.group("month"), m.group("year"), m.group("range"))
                for m in matches]

    for text in longest_dates() + soup(4, DATE_WORDS, 2000, 30) + dates(4, 4000) + FIXTURE_TEXTS:
        windowed = [m for lo, hi in T.date_windows(text) for m in T.DATE.finditer(text, lo, hi)]
        assert spans(windowed) == spans(T.DATE.finditer(text)), text
        assert list(T.find_dates(text)) == list(T._dates_in(text, 0, len(text))), text


def article(rng: random.Random) -> str:
    place = rng.choice(["BERGEN", "Bergen", "SAN JOSE", "Ponta do Sol", "St. Kilda", "VIK, Iceland", "x"])
    date = rng.choice(["April 3, 2022", "APRIL 3,\n2022", "3 April 2022", "Apr. 3, 2022", "April 3 2022", "2022-04-03",
                       "03/04/2022", "13/04/2022", "April 3"])
    line = place + rng.choice([", ", ",\n", " (Wire) - ", " \u2014 "]) + rng.choice(["", "Sunday, "]) + date
    line += rng.choice([" - ", " \u2014 ", ": ", " x ", " (Wire) -- "]) + rng.choice(["Crews worked all night.", "", "x"])
    long = " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 40)))
    parts = [rng.choice([line, long, "By Ana Lind | Published " + date, "Updated " + date, "", "  ", long + " 2021 -"])
             for _ in range(rng.randint(1, 8))]
    return rng.choice(["\n", "\n\n", "\r\n"]).join(parts)


def reference_timeframes(text: str, skip=(0, 0)) -> list:
    """find_timeframes without metadata as it was before any shortcut."""
    frames = []
    byline = None
    long_lines = 0
    for count, line in enumerate(T.LINE.finditer(text)):
        if count >= T.TOP_LINES:
            break
        stripped = line.group().strip()
        if not stripped or skip[0] <= line.start() + len(line.group()) - len(line.group().lstrip()) < skip[1]:
            continue
        words = len(T.WORDS.findall(stripped))
        offset = line.start() + line.group().index(stripped[0])
        dateline = T.DATELINE.match(stripped)
        if dateline and T._plausible(day := T.parse_date(dateline.group("date"))):
            byline = T.Timeframe(day, "dateline", offset)
            break
        if words >= T.BODY_MIN_WORDS:
            long_lines += 1
            if long_lines >= T.BODY_PARAGRAPHS or byline is not None:
                break
        if byline is None and words <= T.BYLINE_MAX_WORDS:
            day = T._date_of_line(stripped)
            if day is not None:
                byline = T.Timeframe(day, "date line", offset)
    if byline is not None:
        frames.append(byline)
    taken = {f.offset for f in frames}
    for m in T.DATELINE_ANYWHERE.finditer(text):
        if skip[0] <= m.start("place") < skip[1] or m.start("place") in taken:
            continue
        day = T.parse_date(m.group("date"))
        if T._plausible(day):
            frames.append(T.Timeframe(day, "dateline", m.start("place")))
    return frames


def test_timeframes_are_found_as_before():
    rng = random.Random(5)
    texts = [article(rng) for _ in range(1500)] + FIXTURE_TEXTS
    for text in texts:
        assert [m.span() for m in T._datelines(text)] == [m.span() for m in T.DATELINE_ANYWHERE.finditer(text)]
        for skip in ((0, 0), (0, 12)):
            assert T.find_timeframes(text, None, skip).frames == sorted(reference_timeframes(text, skip), key=lambda f: f.offset)


def test_a_long_line_is_long_however_its_words_are_counted():
    for text in soup(6, WORDS + MARKS + ["it's", "e-mail", "\u00e9t\u00e9"], 500, 120, joins=("", " ", "-")):
        count, full = T._word_count(text), len(T.WORDS.findall(text))
        assert count == full or min(count, full) >= T.BODY_MIN_WORDS


def test_the_atomic_first_name_changes_no_pair():
    plain = regex.compile(rf"\b(?P<first>{P.NAME_TOKEN}|{P.INITIAL})\s+(?P<last>{P.NAME_TOKEN})\b")
    for text in PEOPLE:
        expected = [(m.span(), m.span(1), m.span(2)) for m in plain.finditer(text, overlapped=True)]
        assert [(m.span(), m.span(1), m.span(2)) for m in P.SURNAME_CONTEXT.finditer(text, overlapped=True)] == expected


def reference_index(text: str):
    """PersonIndex's first names and titles as they were found before, and its is_first_name."""
    lower = set(P.LOWER_WORD.findall(text))
    mid = {m.group() for m in P.CAPITALISED.finditer(text)}

    def is_first_name(token, start):
        if token in P.NOT_FIRST_NAMES or token.rstrip(".") in P.TITLES:
            return False
        if not P.SENTENCE_START.search(text, max(0, start - 8), start):
            return True
        return token in mid or token.lower() not in lower

    firsts, titles = defaultdict(set), defaultdict(set)
    for m in P.SURNAME_CONTEXT.finditer(text, overlapped=True):
        first = m.group("first").rstrip(".")
        if first in P.TITLES:
            titles[m.group("last")].add(first)
        elif is_first_name(m.group("first"), m.start()):
            firsts[m.group("last")].add(first)
    return firsts, titles, is_first_name, lower, mid


@pytest.mark.parametrize("lookups", [P.LAZY_LOOKUPS, 0], ids=["looked-up", "read-whole"])
def test_first_names_are_the_same_looked_up_or_read_whole(monkeypatch, lookups):
    monkeypatch.setattr(P, "LAZY_LOOKUPS", lookups)
    for text in PEOPLE:
        index = P.PersonIndex(text)
        firsts, titles, is_first_name, lower, mid = reference_index(text)
        assert (index.firsts, index.titles) == (firsts, titles), text
        for m in P.PERSON_NAME.finditer(text):
            assert index.is_first_name(m.group(), m.start()) == is_first_name(m.group(), m.start()), text
        assert (index.lower, index.mid_sentence) == (lower, mid)
        pairs = [P.NamePair(first.rstrip("."), last, start, end) for first, last, at, start, end in P.name_contexts(text)
                 if last not in P.NOT_SURNAMES and (first.rstrip(".") in P.TITLES or is_first_name(first, at))]
        assert list(P.find_name_pairs(text, index)) == pairs


def reference_ages(text: str, index: P.PersonIndex) -> list:
    """find_ages as it was: one scan of AGE_MENTIONS around every AGE_TRIGGER match."""
    found = []
    for m in P.matches_near(P.AGE_MENTIONS, text, P.AGE_TRIGGER, 100, 160):
        if m.group("after") and m.group("after").strip().lower() in P.PERSON_NOUNS | {"'s", "\u2019s"}:
            continue
        tokens = index.name_tokens(m.group("name"), m.start("name"))
        age = N.number_value(m.group("age"))
        if not tokens or P.surname(tokens) in P.NOT_SURNAMES or age is None or not 0 < age < 120:
            continue
        if index.is_person(tokens):
            found.append(P.AgeMention(tokens, age, m.start("age"), m.end("age"), P._title(m.group("name"))))
    return found


def test_ages_are_found_as_by_one_scan():
    for text in PEOPLE:
        assert P.age_triggers(text) == [m.span() for m in P.AGE_TRIGGER.finditer(text)], text
        index = P.PersonIndex(text)
        assert list(P.find_ages(text, index)) == reference_ages(text, index), text
        assert P.years_old_spans(text) == [m.span() for m in P.YEARS_OLD_WORDS.finditer(text, overlapped=True)]


def test_only_sentences_saying_years_old_are_read_for_the_n_year_old():
    rng = random.Random(7)
    for text in PEOPLE[:1500]:
        cut = sorted(rng.sample(range(len(text) + 1), min(len(text) + 1, 6)))
        sentences = [(text[a:b], a) for a, b in zip(cut, cut[1:])]
        whole = "".join(s for s, _ in sentences)
        index = P.PersonIndex(whole)
        shifted = [(s, a - cut[0]) for s, a in sentences]
        years_old = P.years_old_spans(whole)
        assert list(P.find_anaphoric_ages(shifted, index, years_old)) == list(P.find_anaphoric_ages(shifted, index))


def test_speakers_are_found_as_by_one_scan():
    for text in PEOPLE:
        assert C.speaker_triggers(text) == [m.span() for m in C.SPEAKER_TRIGGER.finditer(text)], text
        expected = [(m.span(), m.group("name")) for m in P.matches_near(C.SPEAKER, text, C.SPEAKER_TRIGGER, 70, 40)]
        assert [(m.span(), m.group("name")) for m in C.speaker_matches(text)] == expected, text


LIST_WORDS = ["two", "Two", "TWELVE", "twelve", "12", "3", "10", "one", "ten", "people", "men", "proposals",
              "well-known", "big", ":", " - ", " -- ", "\u2014", " \u2013 ", "\u2013", "-", ",", "namely", "a", "and",
              "toll", "levy", "x", "the", "of", "cities", "ſix", "Eleven"]


def test_lists_are_found_as_by_one_scan():
    for text in soup(8, LIST_WORDS, 4000, 30) + FIXTURE_TEXTS:
        assert C._list_hint(text) == (C.LIST_HINT.search(text) is not None), text
        if C._list_hint(text):
            expected = [(m.span(), m.groupdict()) for m in C.LIST_INTRO.finditer(text)]
            assert [(m.span(), m.groupdict()) for m in C.list_intros(text)] == expected, text


def test_lower_cased_surnames_are_found_without_a_pattern_each():
    for text in soup(9, ["okafor", "Okafor", "okafors", "x-okafor", "okafor's", "o\u0307kafor", "anna", "annanna"] + MARKS,
                     800, 20):
        for word in ("okafor", "anna", "o\u0307kafor"):
            pattern = rf"(?<![\p{{L}}'\u2019-]){regex.escape(word)}(?![\p{{L}}'\u2019-])"
            assert C._word_uses(text, word) == [m.span() for m in regex.finditer(pattern, text)]


def test_near_spellings_are_skipped_only_when_no_pair_could_be_reported():
    rng = random.Random(10)
    pool = ["Brannigan", "Brannagan", "Branigan", "Brannigans", "Kallio", "Kalio", "Kallion", "Callio", "Halvorsen",
            "Halvorson", "Halvorsne", "Halvorsen-Lie", "HALVORSEN", "Mcadam", "McAdam", "Okonji", "Okonjo"]
    for _ in range(3000):
        names = rng.sample(pool, rng.randint(1, 9))
        full = set(rng.sample(names, rng.randint(0, len(names))))
        reportable = [
            (a, b) for a, b in C.near_spellings(names) if (a in full or b in full) and C._variant(a, b)
        ]
        assert C._variants_possible(full, names) or not reportable
