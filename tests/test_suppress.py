"""Suppression directives: ignore, disable/enable ranges, disable-file, invalid and unused ones."""
from conftest import wolf_settings

from newslint.engine import Linter


def codes_and_lines(text, **changes):
    linter = Linter(wolf_settings(**changes))
    return [(f.code, f.start.line) for f in linter.lint_text(text, "story.md").findings]


def test_ignore_on_the_line_and_on_the_line_before():
    text = "# A calm headline here\n\nA wolf. <!-- newslint: ignore=TST101 -->\n\n<!-- newslint: ignore=TST -->\nAnother wolf.\n\nThird wolf.\n"
    assert codes_and_lines(text) == [("TST101", 8)]


def test_disable_enable_range_and_disable_file():
    text = ("# A calm headline here\n\n<!-- newslint: disable=TST101 -->\nwolf one.\n\nwolf two.\n"
            "<!-- newslint: enable=TST101 -->\nwolf three.\n")
    assert codes_and_lines(text) == [("TST101", 8)]
    assert codes_and_lines("<!-- newslint: disable-file=TST101 -->\n# A calm headline\n\nwolf.\n") == []


def test_invalid_and_unused_directives_are_reported():
    text = "# A calm headline here\n\nNo animals. <!-- newslint: ignore=TST101 -->\n\nok <!-- newslint: ignore -->\n"
    assert codes_and_lines(text) == [("NL003", 3), ("NL002", 5)]


def test_unused_is_not_reported_for_rules_that_did_not_run():
    text = "# A calm headline here\n\nNo animals. <!-- newslint: ignore=TST101 -->\n"
    assert codes_and_lines(text, select=("NL",)) == []


def test_enable_without_disable_is_invalid():
    assert codes_and_lines("# A calm headline here\n\nok <!-- newslint: enable=TST101 -->\n") == [("NL002", 3)]
