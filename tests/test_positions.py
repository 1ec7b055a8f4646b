"""Offsets <-> (line, column): exact, CRLF/CR aware, UTF-16 columns for editors."""
from hypothesis import given
from hypothesis import strategies as st

from newslint.positions import LineIndex, utf16_column


def test_positions_are_one_based_with_crlf_and_cr():
    index = LineIndex("ab\r\ncd\ref\ngh")
    assert [index.position(o).line for o in (0, 4, 7, 10)] == [1, 2, 3, 4]
    assert index.position(5).column == 2
    assert index.line_span(1) == (0, 2)
    assert index.line_span(2) == (4, 6)
    assert index.line_span(4) == (10, 12)


def test_only_cr_lf_end_lines_not_u2028_or_form_feed():
    index = LineIndex("a\u2028b\x0cc\x85d\ne")
    assert index.line_count() == 2
    assert index.position(7).line == 1


def test_utf16_columns_count_astral_characters_twice():
    line = "\U0001f600 wolf"
    assert utf16_column(line, 1) == 1
    assert utf16_column(line, 3) == 4


@given(st.text(alphabet=st.characters(codec="utf-8")))
def test_offset_round_trips(text):
    index = LineIndex(text)
    for offset in range(len(text) + 1):
        position = index.position(offset)
        assert index.offset(position.line, position.column) == offset


@given(st.lists(st.sampled_from(["a", "\n", "\r", "\r\n", "\u2028", "\x0c", " "])).map("".join))
def test_line_count_matches_cr_lf_only(text):
    expected = text.count("\r\n") + (text.count("\r") - text.count("\r\n")) + (text.count("\n") - text.count("\r\n")) + 1
    assert LineIndex(text).line_count() == expected
