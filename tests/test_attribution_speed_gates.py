"""The A family's shortcuts find exactly what the plain scans find.

The A rules skip work they can prove fruitless: quotation marks are found with
str.find and only paragraphs holding one are paired; speech cues, source verbs,
weasel phrases and crowds are looked for among runs of ASCII letters before a
long alternation runs; credit lines are tested by how they end; the language
test settles most texts with bounds. Each test here runs a shortcut, or a whole
rule, next to the plain scan it stands for (the code it replaced) over texts
built to hit their edges, and wants the same answer. Texts come from a fixed
seed, so a failure repeats.
"""
from __future__ import annotations

import functools
import random
import string
import sys

import regex
from conftest import FIXTURES, linter_for, word_soup

from newslint.engine import units_for
from newslint.rules import RuleContext
from newslint.sources import Source
from newslint_plugins import attribution as A

ALL_CHARACTERS = "".join(map(chr, range(sys.maxunicode + 1)))
FIXTURE_TEXTS = [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("attribution/*")) if p.suffix in (".md", ".txt")]
SPACES = [" ", " ", " ", "  ", "\n", "\n\n", "\t", "\u00a0", "\u2003", "\x1c", "\r\n", " " * 30]
REGEX_SPACES = [" ", "  ", "\n", "\t", "\u00a0", "\u2003"]  # within a paragraph
FOLDED = {"s": "\u017f", "k": "\u212a", "i": "\u0130"}


soup = functools.partial(word_soup, spaces=SPACES)


def variants(phrase: str, rng: random.Random, spaces=SPACES, fold=0.1) -> str:
    """A lexicon phrase as copy might have it: any case, any white space, now and then a folded letter."""
    words = phrase.split()
    out = words[0] + "".join(rng.choice(spaces) + w for w in words[1:])
    out = rng.choice([out, out.upper(), out.title(), out.capitalize()])
    if rng.random() < fold:
        out = "".join(FOLDED.get(c, c) if rng.random() < 0.3 else c for c in out)
    return out


# --- What the gates rest on ------------------------------------------------------


def test_only_three_characters_fold_to_ascii_letters():
    letters = regex.compile("|".join(string.ascii_lowercase), regex.IGNORECASE)
    folded = {c for c in letters.findall(ALL_CHARACTERS) if not c.isascii()}
    assert folded == set(A.FOLDS_TO_ASCII)
    # and ſ is the one that str.lower() leaves alone
    assert [c for c in A.FOLDS_TO_ASCII if len(c.lower()) == 1 and c.lower().isascii()] == ["\u212a"]
    assert A.LONG_S.lower() == A.LONG_S and len("\u0130".lower()) == 2


def test_only_the_kelvin_sign_lower_cases_to_ascii_letters_alone():
    to_ascii = {c for c in ALL_CHARACTERS if not c.isascii() and c.lower() and all(x in string.ascii_lowercase for x in c.lower())}
    assert to_ascii == {"\u212a"}
    assert not any("k" in w for w in A.ENGLISH_FUNCTION_WORDS)


def test_regex_spaces_are_exactly_what_regex_calls_space():
    assert set(regex.compile(r"\s").findall(ALL_CHARACTERS)) == set(A.REGEX_SPACES)


def test_word_takes_no_other_ascii_character():
    taken = {c for c in map(chr, range(128)) if regex.fullmatch(r"[\p{L}\p{M}'’-]", c)}
    assert taken == set(A.ASCII_WORD_CHARACTERS.decode())


def test_quote_mark_texts_are_what_quote_mark_matches():
    found = set(A.QUOTE_MARK.findall("".join(c + c + " " + c + " " for c in "`'\"\u2018\u2019\u201c\u201d\u201ea")))
    assert found == set(A.QUOTE_MARK_TEXTS)


# --- Shortcuts against the scans they stand for --------------------------------------


class Doc:
    """Just enough of a Document for the per-document helpers."""

    def __init__(self, text: str) -> None:
        self.masked = text
        self._memo: dict = {}

    def memo(self, key, factory):
        if key not in self._memo:
            self._memo[key] = factory()
        return self._memo[key]


def test_marks_in_a_paragraph_are_found_as_quote_mark_finds_them():
    marks = ["`", "'", "\u2018", "\u2019", '"', "\u201c", "\u201d", "\u201e", "a", " ", "1", "\n"]
    rng = random.Random(5)
    for text in soup(5, marks, 3000, 16, joins=("",)):
        occurrences = A.mark_occurrences(Doc(text))
        for _ in range(4):
            start = rng.randint(0, len(text))
            end = rng.randint(start, len(text))
            inside = [(at, mark) for mark, found in occurrences for at in found if start <= at and at + len(mark) <= end]
            expected = [m.span() for m in A.QUOTE_MARK.finditer(text[start:end])]
            assert A.mark_spans(inside, start) == expected, (text, start, end)


ENGLISH = "the a of and to in is was said that for on with it he they".split()
OTHER = "der die und ist nicht el la que los por lorem ipsum dolor 1999 x-ray don't co-op мир текст 이슈공감 日本語".split()


def english_reference(text: str, sample: int = 4000) -> bool:
    found = A.WORD.findall(text[:sample])
    if len(found) < 20:
        return True
    words = " ".join(found).lower().split(" ")
    return sum(map(A.ENGLISH_FUNCTION_WORDS.__contains__, words)) >= 0.15 * len(words)


def test_language_bounds_give_the_counted_answer():
    rng = random.Random(6)
    decided = 0
    for _ in range(4000):
        share = rng.choice([0.0, 0.1, 0.13, 0.15, 0.17, 0.2, 0.4])
        words = [rng.choice(ENGLISH) if rng.random() < share else rng.choice(OTHER) for _ in range(rng.randint(0, 800))]
        glue = rng.choice([" ", " ", "-", "'", "\u2019", ". ", "\u00a0", "\u0301 ", "\u00e9", ", "])
        text = glue.join(rng.choice([w, w.upper(), w.title()]) for w in words)
        if rng.random() < 0.2:
            text = "".join(FOLDED.get(c, c) if rng.random() < 0.1 else c for c in text)
        decided += A.english_by_bounds(text[:4000]) is not None
        assert A.looks_english(text) == english_reference(text), text[:300]
        count = rng.randint(0, 60)
        assert A.has_words(text[:400], count) == (len(A.WORD.findall(text[:400])) >= count)
    assert decided > 1000  # the bounds do settle most texts


CUE_WORDS = [*A.LEXICON["speech_verbs"], "unsaid", "saidx", "said2", "SAID", "Said", "sa\u0130d", "\u017faid", "explained",
             "in a", "statement", "as", "saying", "According", "to", "x", "He", "police", "."]


def test_speech_cues_are_found_as_the_alternation_finds_them():
    for text in soup(7, CUE_WORDS, 4000, 8, joins=("", " ", " ", "-", "_")):
        assert A.speech_cue(text) == bool(A.SPEECH_CUE.search(text)), text


def test_proper_nouns_answer_as_the_whole_set_does():
    words = ["Okafor", "okafor", "Okafors", "The", "the", ",", "x", "ÉLan", "Élan", "é", "Reyle", "OK", "Ok", "\u212aay"]
    for text in soup(8, words, 2000, 20, joins=("", " ", ", ", ".")):
        nouns = A.ProperNouns(text)
        full = set(A.MID_SENTENCE_CAPITAL.findall(text))
        for word in {w for w in words if A.CAPITALISED_SUBJECT.match(w + " x")}:
            assert (word in nouns) == (word in full), (text, word)


def credits_reference(text: str) -> bool:
    return bool(A.ACCORDING_TO_SOMEONE.search(text)) or any(A.verb_credits(text, v) for v in A.SOURCE_VERB_RE.finditer(text))


SOURCE_WORDS = [*A.LEXICON["source_verbs"], "unsaid", "Said", "saidx", "She", "she", "they", "quietly", "Reuters", "the",
                "council", "according", "According", "to", "some", "reports", "\n", "x", ",", "ccording"]


def test_source_credits_are_found_as_the_plain_loop_finds_them():
    for text in soup(9, SOURCE_WORDS, 4000, 24, joins=("", " ", " ", "-")):
        expected = credits_reference(text)
        assert A.credits_a_source(text) == expected, text
        assert (A.credits_quickly(text) or A.credits_otherwise(text)) == expected, text
        runs = A.letter_runs(Doc(text))
        if runs is not None:
            present = A.GATE_WORDS.intersection(runs.words)
            assert (A.credits_quickly(text) or A.credits_otherwise(text, present)) == expected, text


def test_every_hollow_credit_passes_its_line_gate():
    rng = random.Random(10)
    for extra in [(), ("pixabay", "acme inc.", "n.a", "web 2.0")]:
        pattern, endings = A.credit_gate(extra)
        assert endings is not None
        values = [*A.LEXICON["hollow_sources"], *A.LEXICON["search_engines"], *extra, "Reuters"]
        labels = [*A.LEXICON["credit_labels"], *A.LEXICON["source_labels"], "x"]
        for _ in range(3000):
            line = (rng.choice(["", "(", "[", "\u2022 ", "> ", "**", "x" * rng.randint(0, 200) + " "])
                    + variants(rng.choice(labels), rng) + rng.choice([":", "\uff1a", "|", "\u2014", "-", " :", ""])
                    + " " * rng.randint(0, 2) + variants(rng.choice(values), rng)
                    + rng.choice(["", ".", ")", " *", "_", "|", " ]", "..", "....", "\u00a0", " .)", "\u201d", "\u00e9", "s"]))
            if pattern.search(line, max(0, len(line) - A.CREDIT_TAIL)):
                assert endings.may_end(line), line


# --- Whole rules against the code they replaced ------------------------------------------


def a101_reference(doc, min_words):
    if not english_reference(doc.masked):
        return []
    if doc.format == "text":
        paragraphs = [unit for para in doc.paragraphs for unit in A.split_text_paragraph(para)]
    else:
        paragraphs = list(doc.paragraphs)
    all_quotes = [A.pair_quotes(p.text) for p in paragraphs]
    if not any(quotes.quotations for quotes in all_quotes):
        return []
    nouns = frozenset(A.MID_SENTENCE_CAPITAL.findall(doc.masked))

    def names(sentence):
        if A.SPEECH_CUE.search(sentence) or A.PERSON.search(sentence) or A.PRONOUN_SUBJECT.match(sentence):
            return True
        subject = A.CAPITALISED_SUBJECT.match(sentence)
        return bool(subject and subject.group(1) in nouns)

    def outside_of(i):
        return A.blank_quotations(paragraphs[i].text, all_quotes[i])

    found, speaker_before, headline = [], False, doc.headline
    for index, (para, quotes) in enumerate(zip(paragraphs, all_quotes)):
        continued = quotes.starts_with_quote and speaker_before
        next_continues = index + 1 < len(paragraphs) and all_quotes[index + 1].starts_with_quote
        speaker_before = next_continues and (continued or bool(A.SPEECH_CUE.search(outside_of(index))))
        if not quotes.quotations or (headline is not None and para.start <= headline.start < para.end):
            continue
        outside = outside_of(index)
        for q in quotes.quotations:
            if continued and q is quotes.quotations[0]:
                continue
            text = para.text[q.start : q.end]
            first = A.FIRST_LETTER.search(text)
            if first is None or not first.group(0).isupper() or len(A.WORD.findall(text)) < min_words:
                continue
            if all(w[0].isupper() for w in A.TITLE_WORD.findall(text)):
                continue
            ahead = outside[max(0, q.start - A.WINDOW) : q.start]
            if A.ends_with(ahead, "([:\uff1a") or A.DASH_SPEAKER_AFTER.match(outside, q.end, q.end + A.WINDOW):
                continue
            previous, current, reached_start = A.before_quote(outside, q.start)
            sentence_ended = bool(A.ENDS_SENTENCE.search(para.text, max(q.start, q.end - 6), q.end))
            following, reached_end = A.after_quote(outside, q.end, sentence_ended)
            if names(previous) or names(current) or names(following):
                continue
            if reached_start and index > 0:
                before = outside_of(index - 1)
                if A.ends_with(before, ":\uff1a") or names(A.last_sentence(before)):
                    continue
            if reached_end and index + 1 < len(paragraphs) and names(A.first_sentence(outside_of(index + 1))):
                continue
            found.append(para.at(q.start, q.end))
    return found


def a102_reference(doc):
    if doc.format == "text":
        paragraphs = [unit for para in doc.paragraphs for unit in A.split_text_paragraph(para)]
    else:
        paragraphs = list(doc.paragraphs)
    all_quotes = [A.pair_quotes(p.text) for p in paragraphs]
    found = []
    for index, (para, quotes) in enumerate(zip(paragraphs, all_quotes)):
        following = all_quotes[index + 1] if index + 1 < len(paragraphs) else None
        previous = all_quotes[index - 1] if index else None
        strays = quotes.stray_closes
        if strays and previous is not None and previous.unclosed is not None and not quotes.starts_with_quote:
            strays = strays[1:]
        found += [para.at(*span) for span in strays]
        if quotes.unclosed is None or (following is not None and following.starts_with_quote):
            continue
        found.append(para.at(*quotes.unclosed))
    return found


def a103_reference(doc, extra):
    if not english_reference(doc.masked):
        return []
    matcher = A.weasel_matcher(extra)
    if not A.mentions_any(doc.masked, matcher.keys):
        return []
    found, sentences = [], doc.sentences
    for index, sentence in enumerate(sentences):
        if not A.mentions_any(sentence.text, matcher.keys):
            continue
        matches = list(matcher.finditer(sentence.text))
        if not matches or A.NAMED_SOURCE.search(sentence.text) or A.credited_elsewhere(sentence.text, matches):
            continue
        if index + 1 < len(sentences) and A.NAMED_SOURCE.search(sentences[index + 1].text):
            continue
        found += [sentence.at(*m.span()) for m in matches if not A.QUALIFIED_BY_NAME.match(sentence.text, m.end())]
    return found


def a104_reference(doc, extra):
    pattern = A.credit_pattern(extra)
    found = []
    for line in units_for(A.hollow_credit.scope, doc):
        match = pattern.search(line.text, max(0, len(line.text) - A.CREDIT_TAIL))
        if match:
            found.append(line.at(*match.span("value")))
    return found


def a105_reference(doc, min_words):
    body = doc.body_paragraphs
    if not body:
        return []
    text = "\n".join(p.text for p in body)
    if len(A.WORD.findall(text)) < min_words or not english_reference(text) or credits_reference(text):
        return []
    return [(doc.headline or body[0]).span]


def spans(rule, doc, options):
    ctx = RuleContext(rule, doc, options, rule.severity)
    return [(f.start.offset, f.end.offset) for unit in units_for(rule.scope, doc) for f in rule.check(unit, ctx) or ()]


def offsets(found):
    return [(span.start, span.end) for span in found]


BLOCKS = [
    *A.WEASEL_WORDS["phrases"], *A.WEASEL_WORDS["quantifiers"], *A.WEASEL_WORDS["groups"], *A.WEASEL_WORDS["verbs"],
    "word on the street", "so-called insiders", "but", "and", "because", ",", ";", ":", "x-according",
    "according to the Harbour Gazette", "from the Times", "said Ada Kerr", "police said", "Okafor expects", "He",
    "She told Reuters", "\u201c", "\u201d", '"', "``", "''", "\u2018\u2018", "\u2019\u2019", "\u201e", "\u2014 Ada Kerr",
    "We will not be moving the depot this year or next.", "The council will meet again next spring to decide.",
    "Photo credit: Google Images", "Source: the internet.", "via social media", "Image: Pixabay", "Photo: Lena Okafor",
    "the", "a", "of", "is", "it", "was", "Many", "SOME", "Experts", ".", "!", "?",
    "x" * 160, "1999", "70\"", "(", ")", "\u00e9t\u00e9", "der", "und", "la", "que",
]


SENTENCES = [
    "The depot stays open through the winter months.", "Repairs to the north bridge start in May and run into autumn.",
    "Ticket prices rise again for the third year running.", "We will not be moving the depot this year or next.",
    "It is a plan nobody on the council wanted to make.", "The new timetable adds two late buses on weekdays.",
    "Work on the harbour wall stopped when the money ran out.", "Most of the old market will be turned into flats.",
    "Nobody knows yet how long the closure will last.", "The Harbour Gazette first reported the delay in March.",
    "this is not what the town was promised", "Every Single Word Here Is A Title", "Okafor expects the vote to pass easily.",
]
SPEAKERS = ["", "", "", " said Ada Kerr.", " she said.", " he told Reuters.", " Police said.", " \u2014 Tomas Reyle",
            " according to the council.", " They added.", " the mayor wrote.", " explained Dr Reyle.", ":", " reportedly"]
OPENERS = [("\u201c", "\u201d"), ('"', '"'), ("``", "''"), ("\u2018\u2018", "\u2019\u2019"), ("\u201e", "\u201c"),
           ("\u201c", ""), ("", "\u201d"), ("\u201d", "\u201c")]


def prose(rng: random.Random) -> str:
    """News-like paragraphs: sentences, some quoted (closed or not, run on into the next
    paragraph), speakers before, after or missing, now and then a weasel phrase or a credit."""
    paragraphs = []
    speakers = SPEAKERS if rng.random() < 0.7 else [""]
    for _ in range(rng.randint(1, 30)):
        sentences = []
        for _ in range(rng.randint(1, 4)):
            sentence = rng.choice(SENTENCES)
            if rng.random() < 0.1:
                sentence = variants(rng.choice(A.WEASEL_WORDS["phrases"]), rng, REGEX_SPACES, fold=0.02) + " " + sentence.lower()
            if rng.random() < 0.4:
                opening, closing = rng.choice(OPENERS)
                sentence = opening + sentence + closing
            sentences.append(rng.choice(speakers) * (rng.random() < 0.2) + sentence + rng.choice(speakers))
        paragraphs.append(" ".join(sentences))
        if rng.random() < 0.05:
            paragraphs.append(rng.choice(["Photo: Google Images", "Image credit \u2014 the internet.", "Source: social media"]))
    return rng.choice(["\n\n", "\n", "\n\n", "\r\n"]).join(paragraphs)


def documents(seed: int, count: int):
    rng = random.Random(seed)
    linter = linter_for(("A",))
    for text in FIXTURE_TEXTS:
        for path in ("a.md", "a.txt"):
            yield linter.parse(Source(path, text))
    for i in range(count):
        if i % 2:
            text = prose(rng)
        else:
            parts = []
            for _ in range(rng.randint(1, 90)):
                block = rng.choice(BLOCKS)
                parts.append(variants(block, rng, fold=0.02) if rng.random() < 0.5 else block)
                parts.append(rng.choice(SPACES) if rng.random() < 0.4 else rng.choice(["", " ", ". ", ", "]))
            text = "".join(parts)
        title = text.split("\n", 1)[0] if rng.random() < 0.1 else None
        yield linter.parse(Source(f"d{i}" + rng.choice([".md", ".txt"]), text, title=title))


def test_the_rules_find_what_the_plain_scans_find():
    options = [
        (A.UnattributedQuoteOptions(), A.WeaselOptions(), A.HollowCreditOptions(), A.UnsourcedArticleOptions()),
        (A.UnattributedQuoteOptions(3), A.WeaselOptions(("word on the street", "so-called insiders")),
         A.HollowCreditOptions(("pixabay", "acme inc.")), A.UnsourcedArticleOptions(20)),
        (A.UnattributedQuoteOptions(12), A.WeaselOptions(("seg\u00fan fuentes",)),
         A.HollowCreditOptions(("\u00dcnsplash",)), A.UnsourcedArticleOptions(400)),
    ]
    for i, doc in enumerate(documents(11, 600)):
        a101, a103, a104, a105 = options[i % len(options)]
        path = doc.path
        assert spans(A.quote_without_speaker, doc, a101) == offsets(a101_reference(doc, a101.min_words)), path
        assert spans(A.unbalanced_quotes, doc, None) == offsets(a102_reference(doc)), path
        assert spans(A.weasel_source, doc, a103) == offsets(a103_reference(doc, a103.extra_phrases)), path
        assert spans(A.hollow_credit, doc, a104) == offsets(a104_reference(doc, a104.extra_sources)), path
        assert spans(A.unsourced_article, doc, a105) == offsets(a105_reference(doc, a105.min_words)), path


def test_every_weasel_phrasing_reaches_its_sentence():
    rng = random.Random(12)
    linter = linter_for(("A",))
    gate = A.weasel_gate(())
    groups, verbs = A.WEASEL_WORDS["groups"], A.WEASEL_WORDS["verbs"]
    crowds = [f"{q} {g} {v}" for q in A.WEASEL_WORDS["quantifiers"] for g in groups for v in verbs[::7]]
    crowds += [f"{lead}{g} {v}" for g in A.WEASEL_WORDS["bare_groups"] for v in verbs for lead in ("", "but ", "; ")]
    for phrase in [*A.WEASEL_WORDS["phrases"], *crowds]:
        text = f"{variants(phrase, rng, REGEX_SPACES, fold=0)} the plan will fail. The mayor spoke."
        doc = linter.parse(Source("a.txt", text))
        candidates = gate.sentences(doc)
        matched = [k for k, s in enumerate(doc.sentences) if list(A.weasel_matcher(()).finditer(s.text))]
        assert matched, text
        assert candidates is None or set(matched) <= set(candidates), text
