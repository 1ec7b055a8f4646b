"""Readability (R1xx): textstat stays unloaded unless a grade is needed; the estimate never changes a verdict."""
from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import FIXTURES, lint

from newslint.segment import Unit
from newslint_plugins import readability

READABILITY = FIXTURES / "readability"
PROBE = """
import sys
from newslint.cli import main
main(["check", "--isolated", "--select", sys.argv[1], sys.argv[2]])
print("textstat loaded" if "textstat" in sys.modules else "textstat not loaded", file=sys.stderr)
"""


def textstat_loaded(select: str, path) -> bool:
    run = subprocess.run([sys.executable, "-c", PROBE, select, str(path)], capture_output=True, text=True)
    assert "textstat" in run.stderr, run.stderr
    return "textstat loaded" in run.stderr


@pytest.mark.parametrize("select", ["H", "H,T,C,A,G"])
def test_run_without_r_rules_never_imports_textstat(select):
    assert not textstat_loaded(select, READABILITY / "R103.md")
    assert not textstat_loaded(select, READABILITY)  # a folder: more than one text


API_PROBE = """
import sys
import newslint
text = open(sys.argv[1], encoding="utf-8").read()
newslint.lint_text(text, path="hard.md", config=False, select=sys.argv[2].split(","))
newslint.lint_paths([sys.argv[1]], config=False, select=sys.argv[2].split(","))
print("textstat loaded" if "textstat" in sys.modules else "textstat not loaded", file=sys.stderr)
"""


@pytest.mark.parametrize("select, loaded", [("H,T,C,A,G", False), ("R", True), ("ALL", True)])
def test_api_imports_textstat_only_for_r_rules(select, loaded):
    run = subprocess.run([sys.executable, "-c", API_PROBE, str(READABILITY / "R103.md"), select],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert ("textstat loaded" in run.stderr) is loaded, run.stderr


def test_plain_article_does_not_need_textstat_even_with_r_rules():
    assert not textstat_loaded("R", READABILITY / "R103_clean.md")


def test_hard_article_loads_textstat():
    assert textstat_loaded("R", READABILITY / "R103.md")


@pytest.mark.parametrize("path", sorted(READABILITY.glob("*.md")), ids=lambda p: p.name)
def test_estimate_only_skips_what_textstat_would_pass(path, monkeypatch):
    text = path.read_text(encoding="utf-8")
    select = ["R101", "R102", "R103"]
    with_estimate = lint(text, path.name, select=select)
    monkeypatch.setattr(readability, "ESTIMATE_MARGIN", float("inf"))
    assert lint(text, path.name, select=select) == with_estimate


def test_list_lines_and_caseless_scripts_end_sentences():
    item_lines = Unit("Votes by ward\nNorthgate 4 for\nRiverside 3 for\n  apples and pears", 10)
    assert [words for _, _, words in readability.segments(item_lines)] == [
        ["Votes", "by", "ward"], ["Northgate", "4", "for"], ["Riverside", "3", "for"], ["apples", "and", "pears"]]
    hangul = Unit("의회는 도로를 승인했다. 공사는 6월에 시작된다.", 0)
    assert [(start, end) for start, end, _ in readability.segments(hangul)] == [(0, 13), (14, 27)]


def test_wrapped_prose_stays_one_sentence():
    wrapped = Unit("The plan keeps half of the spaces\nand moves the rest to the depot.", 0)
    assert len(readability.segments(wrapped)) == 1


def test_lone_punctuation_is_not_a_word_and_a_url_is_one():
    sentence = Unit("Read it here — https://example.org/a-b — today", 0)
    assert readability.segments(sentence)[0][2] == ["Read", "it", "here", "https://example.org/a-b", "today"]


def test_flesch_kincaid_formula():
    assert readability.flesch_kincaid(100, 5, 150) == pytest.approx(0.39 * 20 + 11.8 * 1.5 - 15.59)


SYLLABLE_SAMPLES = (
    "The consortium's multi-jurisdictional remediation framework necessitates coordination.",
    "Ms Okonkwo-Baptiste didn't say whether Zhytomyr's 1,200 e-scooters were insured.",
    "Café naïveté: the rôle of façades in Kraków, São Paulo and Reykjavík.",
    "COVID-19 vaccines, NATO's 75th summit and the U.S. Federal Reserve's rate path.",
    "rhythm fire hour quinoa Nguyen Wojciechowski antidisestablishmentarianism",
    "",
)


def test_syllable_counts_are_textstats():
    """The cached CMUdict counts give textstat's own figure, word for word and text for text."""
    import textstat

    from newslint_plugins.syllables import syllable_count

    texts = list(SYLLABLE_SAMPLES)
    for path in sorted(FIXTURES.rglob("*.md")):
        texts += [p for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    for text in texts:
        assert syllable_count(text) == textstat.syllable_count(text), text
        for word in text.split()[:40]:
            assert syllable_count(word) == textstat.syllable_count(word), word


def test_a_run_whose_words_were_seen_before_loads_no_dictionary(tmp_path, monkeypatch):
    """The counts of the words looked up are kept; a later process reads them back alone."""
    import textstat

    from newslint import cache
    from newslint_plugins import syllables

    def fresh_table() -> cache.Memo:
        return cache.Memo(syllables.SEEN.name, depends_on=syllables.SEEN.depends_on, max_saved=syllables.MAX_SEEN)

    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(syllables, "SEEN", fresh_table())
    text = SYLLABLE_SAMPLES[0] + " " + SYLLABLE_SAMPLES[-2]
    assert syllables.syllable_count(text) == textstat.syllable_count(text)
    syllables.SEEN.save()

    monkeypatch.setattr(syllables, "SEEN", fresh_table())
    monkeypatch.setattr(syllables, "word_syllables", lambda word: pytest.fail(f"{word!r} was looked up again"))
    assert syllables.syllable_count(text) == textstat.syllable_count(text)
