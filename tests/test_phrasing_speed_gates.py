"""The G rules' shared word scan (``phrasing.Scan``) changes no finding.

The G rules run their exact code only where ``Scan`` says a match is possible; every
such answer must be a superset of what the exact code finds. These tests lint texts
twice, once as usual and once with the scan switched off for the document (so every
rule runs its exact code on every unit), and compare the findings one by one: the
rule fixtures, mutated copies of them (doubled words, echoes, lower-cased names,
repeated clauses, cut terms, spinner phrases, odd characters) and random English-like
texts full of edge cases. Option variants (``allow``, ``min-words``, ``extra-phrases``
with phrases of digits) are covered too.
"""
from __future__ import annotations

import random
from pathlib import Path

import pytest
import regex
from conftest import FIXTURES

from newslint.engine import Linter, units_for
from newslint.rules import RuleContext
from newslint.severity import Severity
from newslint.sources import Source
from newslint_plugins import phrasing

RULES = (
    phrasing.doubled_word, phrasing.echoed_phrase, phrasing.truncated_term, phrasing.lowercased_name,
    phrasing.repeated_clause_rule, phrasing.truncated_ending_rule, phrasing.tortured_phrase,
)
LINTER = Linter()


def findings(text: str, path: str, options: dict, scan: bool) -> list:
    doc = LINTER.parse(Source(path, text))
    if not scan:
        doc.memo("phrasing.scan", lambda: None)  # the exact code everywhere
    found = []
    for rule in RULES:
        made = options.get(rule.code)
        ctx = RuleContext(rule, doc, made if made is not None else (rule.options() if rule.options else None), Severity.WARNING)
        for unit in units_for(rule.scope, doc):
            for f in rule.check(unit, ctx) or ():
                found.append((f.code, f.start, f.end, f.message, f.suggestions))
    return found


def assert_same(text: str, path: str = "article.md", options: dict | None = None) -> list:
    options = options or {}
    exact = findings(text, path, options, scan=False)
    assert findings(text, path, options, scan=True) == exact
    return exact


OPTION_VARIANTS = [
    {},
    {"G101": phrasing.DoubledOptions(allow=("dum", "Lang Lang", "the"))},
    {"G105": phrasing.RepeatedClauseOptions(min_words=1), "G106": phrasing.TruncatedEndingOptions(min_words=1)},
    {"G105": phrasing.RepeatedClauseOptions(min_words=3)},
    {"G105": phrasing.RepeatedClauseOptions(min_words=9)},
    {"G107": phrasing.TorturedOptions(extra_phrases={"said the": "said", "o'clock news": "news", "new york": "NY"})},
    {"G107": phrasing.TorturedOptions(extra_phrases={"5g network": "5G", "covid-19 thing": "c", "x.y z": "q"})},
]

TRICKY = [
    "the", "The", "THE", "a", "I", "of", "said", "bull", "bulldozer", "tank", "tanker", "Mira", "mira", "Talbot",
    "talbot", "McDonald", "mcdonald", "iPhone", "iphone", "phone", "O'Neill", "O\u2019Neill", "neill", "don't",
    "don\u2019t", "dogs'", "'quoted'", "\u2018single\u2019", "\u201cdouble\u201d", "rock'n'roll", "a''b", "''", "'",
    "\u2019", "\u2019s", "90's", "3pm", "2024", "5.5", "$5", "10%", "3-2", "covid-19", "e-mail", "Stra\u00dfe",
    "STRASSE", "strasse", "\u0130stanbul", "\u03a3\u039f\u03a6\u0399\u0391", "caf\u00e9", "e\u0301", "na\u00efve",
    "\u216b", "\u00bd", "\u00b2", "\u00aa", "\u00ba", "\u01c5", "\u00a0", "\t", "\n", "\r\n", "\n\n", "\u2014", "\u2026",
    "-", ".", ",", ";", "!", "?", "(", ")", "#", "## ", "* ", "> ", "1. ", "http://x.com/the-the", "@the", "www.mira.com",
    "Bora", "bora", "had", "that", "in", "and", "New", "York", "bosom", "peril", "Bosom", "PERIL", "counterfeit",
    "consciousness", "man-made", "neural", "organization", "organization\u2019s", "George", "W.", "shrub", "Eastbrook",
    "Vale", "Harrow", "Fenwick", "council", "vote", "budget", "bridge", "officials", "Officials", "CEOs", "PCs", "USA",
    "MacBook", "Pro", "pro", "\u041c\u043e\u0441\u043a\u0432\u0430", "\U0001f308", "\u200d", "\x7f",
]
ENGLISH = ("the of to in and a that for on with as by at from is was said it his her their this new city council "
           "vote budget bridge officials residents year people police state court").split()
PHRASES = ["Mira Talbot", "mira talbot", "Bus Depots", "bus depots", "iPhone Pro", "phone pro", "O'Neill Smith",
           "neill smith", "the the", "in in", "New York New York", "bosom peril", "counterfeit consciousness",
           "bosom peril's", "Bosom-Peril", "neural organization\u2019s", "George W. Shrub"]


def english_like(rng: random.Random) -> str:
    out = []
    for _ in range(rng.randint(20, 300)):
        r = rng.random()
        out.append(rng.choice(ENGLISH) if r < 0.55 else rng.choice(TRICKY) if r < 0.88 else rng.choice(PHRASES))
        out.append(rng.choice([" ", " ", " ", ", ", ". ", "\n", "\n\n", " - ", "  "]))
    text = "".join(out)
    if rng.random() < 0.6:  # a stretch printed twice, maybe in lower case
        a = rng.randrange(len(text))
        b = min(len(text), a + rng.randint(10, 120))
        stretch = text[a:b].lower() if rng.random() < 0.5 else text[a:b]
        text = text[:b] + rng.choice([" ", ", ", "\n"]) + stretch + text[b:]
    return text


WORDS = regex.compile(r"\p{L}+(?:['\u2019]\p{L}+)*")


def mutated(rng: random.Random, text: str) -> str:
    """``text`` with a few garbles of the kinds the G rules look for."""
    words = list(WORDS.finditer(text))
    if not words:
        return text
    edits = []
    for _ in range(rng.randint(1, 5)):
        m = rng.choice(words)
        a, b, word = m.start(), m.end(), m.group()
        i = words.index(m)
        kind = rng.randrange(8)
        if kind == 0:  # doubled word
            edits.append((b, rng.choice([" ", "\n", "  "]) + rng.choice([word, word.lower(), word.upper()])))
        elif kind == 1:  # echoed phrase
            run = words[i : i + rng.randint(2, 4)]
            edits.append((run[-1].end(), " " + text[run[0].start() : run[-1].end()]))
        elif kind == 2:  # lower-cased name
            names = regex.findall(r"\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+", text)
            if names:
                edits.append((a, "said " + rng.choice(names).lower() + rng.choice([" ", ", "])))
        elif kind == 3:  # clause printed twice, with words or numbers
            run = words[i : i + rng.randint(5, 10)]
            numbers = " ".join(str(rng.randint(0, 9)) for _ in range(rng.randint(2, 8)))
            edits.append((run[-1].end(), rng.choice([", ", " "]) + text[run[0].start() : run[-1].end()].lower()
                          + rng.choice(["", f" {numbers} and {numbers}"])))
        elif kind == 4:  # cut term
            longs = [w.group() for w in words if len(w.group()) >= 7 and w.group().islower()]
            if longs:
                long = rng.choice(longs)
                edits.append((a, "the " + long[: rng.randint(4, len(long) - 2)] + " "))
        elif kind == 5:  # spinner phrase
            edits.append((a, rng.choice(PHRASES[11:]) + rng.choice(["", ".", "'s", "\u2019s", "-based"]) + " "))
        elif kind == 6:  # name wrapping round
            pairs = regex.findall(r"(\p{Lu}\p{Ll}+) (\p{Lu}\p{Ll}+)", text)
            if pairs:
                x, y = rng.choice(pairs)
                edits.append((a, f"near {x} {y} {x}. "))
        else:
            edits.append((a, " ".join(rng.choice(TRICKY) for _ in range(rng.randint(1, 6))) + " "))
    edits.sort(key=lambda e: e[0])
    out, at = [], 0
    for pos, insert in edits:
        out += [text[at:pos], insert]
        at = pos
    return "".join(out) + text[at:]


FIXTURE_TEXTS = sorted(p for p in FIXTURES.glob("*/*") if p.suffix in (".md", ".txt"))


@pytest.mark.parametrize("path", FIXTURE_TEXTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fixtures_find_the_same(path: Path):
    text = path.read_text(encoding="utf-8")
    for options in OPTION_VARIANTS:
        assert_same(text, path.name, options)


@pytest.mark.parametrize("seed", range(6))
def test_mutated_fixtures_find_the_same(seed: int):
    rng = random.Random(seed)
    texts = [p.read_text(encoding="utf-8") for p in FIXTURE_TEXTS]
    for n in range(40):
        text = mutated(rng, rng.choice(texts))
        assert_same(text, f"m{n}" + rng.choice([".md", ".txt"]), rng.choice(OPTION_VARIANTS))


@pytest.mark.parametrize("seed", range(6))
def test_random_english_finds_the_same(seed: int):
    rng = random.Random(100 + seed)
    for n in range(40):
        text = english_like(rng)
        if rng.random() < 0.3:
            text = "# A headline\n\n" + text
        assert_same(text, f"e{n}" + rng.choice([".md", ".txt"]), rng.choice(OPTION_VARIANTS))


def test_the_gates_find_every_kind():
    """Hand-made cases at the edges of the gates' reasoning; each must be found."""
    cases = {
        "G101": "The council will vote on the the budget in in the the spring, the mayor said today.",
        "G102": "The mayor opened the new the new library near Harrow Fenwick Harrow, officials said on Monday.",
        "G104": ("The phone maker showed the new iPhone Pro in March, and reviewers said it was fast and light.\n\n"
                 "One reader wrote phone pro was too expensive for what it offered to buyers."),
        "G105": ("Scores rose from 10 12 14 16 18 20 22 in spring, and the league said scores 10 12 14 16 18 20 22 "
                 "were seen again in the autumn season."),
        "G107": "Doctors at the clinic screen for bosom peril's signs every spring, and for Bosom-Peril too.",
    }
    for code, text in cases.items():
        found = assert_same(text + "\n", "case.txt")
        assert code in {f[0] for f in found}, code


def test_apostrophes_in_names():
    text = ("Port engineer Bob\u2019s Diner owner Mira O\u2019Neill said the Bob\u2019s Diner sign would stay up "
            "all winter long and into the spring.\n\nLater, officials said bob\u2019s diner had signed the lease.\n")
    assert_same(text, "case.txt")


@pytest.mark.parametrize("extra", ["\u0130", "\u03a3", "\u216b", "\ud800", "\x7f", "\u00df"])
def test_irregular_characters_fall_back_or_match(extra: str):
    text = f"The council will vote on the the budget {extra} in the spring, the mayor said.\n"
    assert_same(text, "case.txt")


def test_letter_text_is_word_token():
    rng = random.Random(7)
    for _ in range(300):
        text = "".join(rng.choice(TRICKY) + rng.choice(["", " ", "\n"]) for _ in range(rng.randint(0, 40)))
        letters = phrasing.letter_text(text)
        if letters is None:
            continue
        assert len(letters.text) == len(text)
        assert letters.text.replace(phrasing.APOSTROPHE_MARK, "\u2019").split() == phrasing.WORD_TOKEN.findall(text)


@pytest.mark.parametrize("text", ["\u0130stanbul", "\u03a3\u039f\u03a6\u0399\u0391", "\u216b", "a\x7fb", "\ud800"])
def test_letter_text_refuses_irregular_text(text: str):
    assert phrasing.letter_text(text) is None


@pytest.mark.parametrize("cut", ["word", "don\u2019t", "don't", "rock'n'roll"])
def test_english_sample_cut_inside_a_word(cut: str):
    for pad in range(phrasing.ENGLISH_SAMPLE - 12, phrasing.ENGLISH_SAMPLE + 2):
        filler = ("la " * phrasing.ENGLISH_SAMPLE)[:pad]
        text = filler + cut + " the of and to in a " * 3
        doc = LINTER.parse(Source("a.txt", text))
        scan = phrasing.document_scan(doc)
        exact = LINTER.parse(Source("a.txt", text))
        exact.memo("phrasing.scan", lambda: None)
        assert scan is not None and scan.english() == phrasing.is_english(exact)


def test_long_documents_use_the_exact_code():
    text = "The council will vote on the budget. " * (phrasing.SHARE_ABOVE // 30)
    doc = LINTER.parse(Source("long.txt", text))
    assert phrasing.document_scan(doc) is None


def test_extra_phrases_without_letters_turn_the_gate_off():
    lexicon = phrasing.tortured_lexicon((("5g 4g", "x"),))
    assert lexicon.gate is None
    assert phrasing.tortured_lexicon(()).gate is not None
