"""Unit checks of the C family's helpers: the article's time frame, relative days, number words,
lists, elapsed years and name spellings. The rules end to end are in tests/fixtures/consistency/."""
from __future__ import annotations

import datetime

import pytest
import regex
from conftest import lint

from newslint_plugins.consistency import (
    elapsed_fits,
    item_weight,
    list_items,
    near_spellings,
)
from newslint_plugins.numbers import NUMBER, number_value
from newslint_plugins.people import (
    PersonIndex,
    edit_distance_one,
    find_ages,
    find_births,
)
from newslint_plugins.timeframe import (
    RELATIVE_DAY,
    find_anchor,
    find_dates,
    find_timeframes,
    possible_dates,
    resolve_day,
)

D = datetime.date


@pytest.mark.parametrize("text, expected", [
    ("OSLO, June 16, 2023 \u2013 Officials arrived today.", D(2023, 6, 16)),
    ("HALDEN, Norway, Friday, June 16, 2023 \u2014 Officials arrived.", D(2023, 6, 16)),
    ("LONDON (Agency) \u2014 June 16, 2023 \u2014 Officials arrived.", D(2023, 6, 16)),
    ("LONDON, 16 June 2023 (Agency) - Officials arrived.", D(2023, 6, 16)),
    ("Rio de Janeiro, Sept. 5, 2023 /Wire/ -- Carnival ended.", D(2023, 9, 5)),
    ("By Ana Ruiz | June 16, 2023\n\nOfficials arrived today.", D(2023, 6, 16)),
    ("By Ana Ruiz\nUpdated 12:30 GMT, 16 June 2023\n\nOfficials arrived.", D(2023, 6, 16)),
    ("Published: 2023-06-16\n\nOfficials arrived.", D(2023, 6, 16)),
    ("Posted on 16/06/2023\n\nOfficials arrived.", D(2023, 6, 16)),
    ("Fri 16 Jun 2023 09.30 BST\n\nOfficials arrived.", D(2023, 6, 16)),
])
def test_anchor_from_datelines_and_date_lines(text, expected):
    assert find_anchor(text).date == expected


@pytest.mark.parametrize("text", [
    "WASHINGTON, June 16 (Agency) - Officials arrived.",  # no year: the frame is unknown
    "The town was founded on June 16, 1901 - long before the railway came.",  # a sentence, not a date line
    "Posted on 06/07/2023\n\nOfficials arrived.",  # June 7 or July 6
    "In 1990, the town elected a mayor.",
])
def test_no_anchor_without_a_clear_article_date(text):
    assert find_anchor(text) is None


def test_front_matter_date_wins():
    frame = find_anchor("OSLO, June 16, 2023 - Text.", {"date": datetime.date(2023, 6, 17)})
    assert (frame.date, frame.source) == (D(2023, 6, 17), "front matter")
    assert find_anchor("Text.", {"date": "2024-03-09T10:00:00Z"}).date == D(2024, 3, 9)


def test_a_dateline_further_down_frames_the_text_after_it():
    long = " ".join(["word"] * 40)
    text = f"Headline\n\n{long}.\n\n{long}.\n\n{long}.\n\nBRODAL, June 16, 2024 \u2013 Dahl was arrested today.\n\nMore text."
    frames = find_timeframes(text)
    start = text.index("BRODAL")
    assert frames.at(0).date == D(2024, 6, 16)  # text before the only dateline reads against it too
    assert frames.at(start + 40).date == D(2024, 6, 16)
    second = text + "\n\nSKARNES, June 20, 2024 \u2013 Another piece begins here.\n"
    frames = find_timeframes(second)
    assert [f.date for f in frames.frames] == [D(2024, 6, 16), D(2024, 6, 20)]
    assert frames.at(second.index("SKARNES") + 30).date == D(2024, 6, 20)
    assert frames.at(start + 10).date == D(2024, 6, 16)


def test_a_signature_line_is_not_a_dateline():
    assert not find_timeframes("Some text.\n\nLilyRose June 17, 2023 - 12:29 pm\n\nnice article\n").frames[1:]


FRIDAY = D(2023, 6, 16)


def days(expression, tense=None, anchor=FRIDAY):
    match = RELATIVE_DAY.search(expression)
    assert match, expression
    return sorted(resolve_day(match, anchor, tense))


def test_relative_days_against_the_article_date():
    assert days("arrived today") == [FRIDAY]
    assert days("this morning") == [FRIDAY]
    assert days("yesterday") == [D(2023, 6, 15)]
    assert days("tomorrow") == [D(2023, 6, 17)]
    assert days("last night") == [D(2023, 6, 15), FRIDAY]
    assert days("three days ago") == [D(2023, 6, 13)]


def test_weekdays_pick_past_or_future_by_tense():
    assert days("arrived on Sunday", "past") == [D(2023, 6, 11)]
    assert days("will arrive on Sunday", "future") == [D(2023, 6, 18)]
    assert days("arrives on Sunday") == [D(2023, 6, 11), D(2023, 6, 18)]  # either reading
    assert days("last Sunday") == [D(2023, 6, 11)]
    assert days("next Saturday") == [D(2023, 6, 17), D(2023, 6, 24)]  # tomorrow, or the week after
    assert days("on Friday", "past") == [D(2023, 6, 9), FRIDAY]


def test_weeks():
    last_week = days("last week")
    assert last_week[0] == D(2023, 6, 5) and last_week[-1] == D(2023, 6, 15)
    assert days("this week") == [D(2023, 6, 12) + datetime.timedelta(days=i) for i in range(7)]
    assert days("next week")[-1] == D(2023, 6, 25)


def test_weekday_names_that_are_not_days():
    assert RELATIVE_DAY.search("Black Friday sales") is None
    assert RELATIVE_DAY.search("on Sunday, June 18") is None  # a date: find_dates reads it
    assert RELATIVE_DAY.search("Easter Sunday") is None


def test_dates_in_text_and_their_year():
    (mention,) = find_dates("on Tuesday, March 5, 2025,")
    assert (mention.month, mention.day, mention.year, mention.weekday) == (3, 5, 2025, 1)
    (mention,) = find_dates("on Friday (January 5) at noon")
    assert possible_dates(mention, D(2023, 12, 15)) == (D(2024, 1, 5),)  # the new year, not last January
    (mention,) = find_dates("since 30 December")
    assert possible_dates(mention, D(2024, 1, 2)) == (D(2023, 12, 30),)
    assert [m.day for m in find_dates("March 5,000 people and 12 March")] == [12]


@pytest.mark.parametrize("text, value", [
    ("7", 7), ("1,200", 1200), ("seven", 7), ("Twenty-three", 23), ("forty four", 44),
    ("a dozen", 12), ("a hundred", 100), ("two hundred and five", 205),
    ("three thousand four hundred", 3400), ("seventeen", 17), ("sixty", 60),
])
def test_number_words(text, value):
    assert number_value(text) == value


@pytest.mark.parametrize("text", ["dozens", "several", "", "a", "seven-ish"])
def test_not_numbers(text):
    assert number_value(text) is None


def test_number_pattern_takes_whole_numbers():
    found = regex.findall(rf"(?i)\b{NUMBER}\b", "twenty two people, 1,200,000 cars and a dozen eggs")
    assert found == ["twenty two", "1,200,000", "a dozen"]


def test_list_items():
    assert list_items("a toll, a levy and a fare rise") == ["a toll", "a levy", "a fare rise"]
    assert list_items("a toll, a levy, and a fare rise") == ["a toll", "a levy", "a fare rise"]
    assert list_items("Leeds and Hull") == ["Leeds", "Hull"]
    assert list_items("a toll, a levy") is None  # no conjunction: not clearly a whole list
    assert list_items("the price, which is high, and the timing") is None
    assert list_items("fish and chips, pie and mash") is None
    assert [item_weight(i) for i in ("two men", "a woman", "teenagers")] == [2, 1, 1]


@pytest.mark.parametrize("actual, stated, qualifier, fits", [
    (25, 25, None, True), (26, 25, None, True), (25, 20, None, False),
    (31, 30, "more than", True), (27, 30, "more than", False),
    (28, 30, "nearly", True), (33, 30, "nearly", False), (32, 30, "about", True),
])
def test_elapsed_years(actual, stated, qualifier, fits):
    assert elapsed_fits(actual, stated, qualifier, 1) is fits


def test_spelling_neighbours():
    assert edit_distance_one("Okonkwo", "Okonkwa") and edit_distance_one("Okonkwo", "Okonkow")
    assert not edit_distance_one("Okonkwo", "Okonkwo") and not edit_distance_one("Hansen", "Hanssan")
    assert ("Okonkwa", "Okonkwo") in near_spellings(["Okonkwo", "Okonkwa", "Lindgren"])


def test_ages_and_birth_years_of_named_people():
    text = "Maria Okonkwo, 44, runs the bakery. Okonkwo (45) smiled. Oslo, 12, and Moss, 9. Ilse Varga, born in 1980, spoke."
    index = PersonIndex(text)
    assert [(m.name, m.age) for m in find_ages(text, index)] == [(("Maria", "Okonkwo"), 44), (("Okonkwo",), 45)]
    assert [(m.name, m.year) for m in find_births(text, index)] == [(("Ilse", "Varga"), 1980)]


def test_relatives_who_share_a_surname_are_not_one_person():
    text = "Mrs Duda, 55, and Mr Duda, 58, run the shop. Ana Rask, 31, and Tom Rask, 29, are cousins. Rask, 30, spoke."
    assert not [f for f in lint(text, select=("C120",))]


def test_findings_name_the_earlier_mention_and_its_line():
    text = "# Title\n\nPia Ostrand, 44, runs the bakery.\n\nOstrand, 47, said the strike had hurt her.\n"
    (finding,) = lint(text, select=("C120",))
    assert (finding.start.line, finding.message) == (5, "Ostrand is 47 here but 44 on line 3; check the age")
