"""Linting never raises and no rule crashes, whatever the text."""
from conftest import linter_for
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

WORDS = st.sampled_from([
    "the", "The", "said", "Monday,", "June 16, 2023", "“", "”", '"', "'", "—", "Mr.", "two", "three:", "A,", "B and C",
    "#", "*", "`", "<!--", "-->", "newslint:", "ignore=H101", "\n", "\n\n", "\r\n", "  ", "!!", "?", "Inside!",
    "years ago", "42,", "Smith", "smith", "-year-old", "TK", "[NAME]", "{{x}}", "Share", "©", "http://x.y",
    "\u00a0", "\u2028", "\U0001f600", "é", "ß", "日本",
])
TEXTS = st.one_of(st.text(), st.lists(WORDS, max_size=80).map(" ".join))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS, st.sampled_from(["story.md", "story.txt"]))
def test_all_rules_survive_arbitrary_text(text, path):
    result = linter_for().lint_text(text, path)
    crashes = [f.message for f in result.findings if f.code == "NL001"]
    assert not crashes
    for finding in result.findings:
        assert 0 <= finding.start.offset <= finding.end.offset <= len(text.removeprefix("\ufeff"))
