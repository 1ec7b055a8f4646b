"""A1xx: quotations and claims with no source.

Rules in this module separate reported news from spun or careless copy:
quotations nobody is said to have spoken, quotation marks that never open or
close, weasel sources, credits that name no one, and articles that name no
source at all. Word lists live in ``data/attribution_lexicon.yaml``.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import islice, repeat

import regex

from newslint import Scope, Severity, Unit, hookimpl, rule
from newslint.patterns import compile as compile_regex
from newslint_plugins.lexicons import load_lexicon

# Applied at one position only (.match), never scanned: tests/test_scaling.py checks them that way.
ANCHORED_PATTERNS = ("DASH_SPEAKER_AFTER", "NAMED_AFTER_VERB", "QUALIFIED_BY_NAME")
LEXICON = load_lexicon("attribution_lexicon.yaml")


def alternation(phrases) -> str:
    """A regex alternation of plain phrases, longest first; a space matches any whitespace run."""
    unique = sorted({p.strip().lower() for p in phrases if p.strip()}, key=lambda p: (-len(p), p))
    return "|".join(r"\s+".join(regex.escape(word) for word in p.split()) for p in unique)


# --- Telling English text from other languages -------------------------------

ENGLISH_FUNCTION_WORDS = frozenset(
    "the a an and of to in is was that for on with as by at it he she they his her their "
    "from but not have has had be been were are this which who would will said".split()
)
WORD = compile_regex(r"\p{L}[\p{L}\p{M}'’-]*")


def looks_english(text: str, sample: int = 4000) -> bool:
    """True when common English function words make up a fair share of the first words."""
    found = WORD.findall(text[:sample])
    if len(found) < 20:
        return True
    words = " ".join(found).lower().split(" ")  # words hold no spaces
    return sum(map(ENGLISH_FUNCTION_WORDS.__contains__, words)) >= 0.15 * len(words)


def document_is_english(doc) -> bool:
    return doc.memo("attribution.english", lambda: looks_english(doc.masked))


# --- Quotation marks -----------------------------------------------------------

OPEN, CLOSE = 1, -1
# Double quotation marks, including the typewriter pairs `` '' and ‘‘ ’’.
QUOTE_MARK = compile_regex(r"``|''|\u2018\u2018|\u2019\u2019|[\"\u201c\u201d\u201e]")
OPENING_GLYPHS = frozenset({"\u201c", "\u201e", "\u2018\u2018", "``"})
CLOSING_GLYPHS = frozenset({"\u201d", "\u2019\u2019"})
BEFORE_OPENING = set("([{<\u2014\u2013-/'\u2018\u201c\u201e\"")
AFTER_CLOSING = set(".,;:!?)]}>\u2014\u2013-/…'\u2019\u201d\"")


def mark_direction(text: str, start: int, end: int, depth: int) -> int | None:
    """OPEN or CLOSE for the double quotation mark at ``text[start:end]``; None for an inch mark.

    The surrounding characters decide first (space before and a word after opens,
    a word before and space or punctuation after closes), so a curly mark typed
    the wrong way round still counts by where it stands. Otherwise a curly mark
    counts by its shape and a straight one toggles. A mark after a digit outside
    any quotation is an inch mark (a 70" screen, a 16” laptop).
    """
    mark = text[start:end]
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if before.isdigit() and depth == 0:
        return None
    opening_place = (before.isspace() or before in BEFORE_OPENING) and not after.isspace()
    closing_place = not before.isspace() and (after.isspace() or after in AFTER_CLOSING)
    if opening_place and not closing_place:
        return OPEN
    if closing_place and not opening_place:
        return CLOSE
    if mark in OPENING_GLYPHS:
        return OPEN
    if mark in CLOSING_GLYPHS:
        return CLOSE
    return CLOSE if depth else OPEN


@dataclass(frozen=True)
class Quotation:
    """An outermost quotation in a paragraph: offsets into the paragraph's text.

    ``end`` is just past the closing mark, or the paragraph's end when it never closes.
    """

    start: int
    end: int
    closed: bool


@dataclass(frozen=True)
class ParagraphQuotes:
    """The double quotation marks of one paragraph, paired."""

    quotations: tuple[Quotation, ...]
    stray_closes: tuple[tuple[int, int], ...]
    unclosed: tuple[int, int] | None
    starts_with_quote: bool


def pair_quotes(text: str) -> ParagraphQuotes:
    """Pair the opening and closing double quotation marks of one paragraph."""
    stack: list[tuple[int, int]] = []
    quotations: list[Quotation] = []
    strays: list[tuple[int, int]] = []
    first_mark: tuple[int, int] | None = None
    for match in QUOTE_MARK.finditer(text):
        i = match.start()
        direction = mark_direction(text, i, match.end(), len(stack))
        if direction is None:
            continue
        if first_mark is None:
            first_mark = (i, direction)
        if direction == OPEN:
            stack.append(match.span())
        elif stack:
            start, _ = stack.pop()
            if not stack:
                quotations.append(Quotation(start, match.end(), True))
        else:
            strays.append(match.span())
    unclosed = stack[0] if stack else None
    if unclosed is not None:
        quotations.append(Quotation(unclosed[0], len(text), False))
    leading = len(text) - len(text.lstrip())
    starts = first_mark is not None and first_mark == (leading, OPEN)
    return ParagraphQuotes(tuple(quotations), tuple(strays), unclosed, starts)


LINE = compile_regex(r"[^\r\n]+")


def looks_hard_wrapped(lines: list[Unit]) -> bool:
    """Lines of a wrapped paragraph: every line but the last 50 to 100 characters long."""
    return len(lines) > 1 and all(50 <= len(line.text) <= 100 for line in lines[:-1])


def split_text_paragraph(para: Unit) -> list[Unit]:
    lines = [Unit(m.group(0).strip(), para.start + m.start() + len(m.group(0)) - len(m.group(0).lstrip()))
             for m in LINE.finditer(para.text) if m.group(0).strip()]
    return [para] if looks_hard_wrapped(lines) else lines


def quote_paragraphs(doc) -> list[Unit]:
    """The paragraphs quotation marks must balance in, computed once.

    Plain text scraped from the web has one paragraph per line, so a plain-text
    paragraph counts line by line unless it looks hard-wrapped.
    """
    def build() -> list[Unit]:
        if doc.format != "text":
            return list(doc.paragraphs)
        return [unit for para in doc.paragraphs for unit in split_text_paragraph(para)]

    return doc.memo("attribution.paragraphs", build)


def paragraph_quotes(doc) -> list[ParagraphQuotes]:
    """``pair_quotes`` for every quote paragraph of the document, computed once."""
    return doc.memo("attribution.quotes", lambda: [pair_quotes(p.text) for p in quote_paragraphs(doc)])


# --- Speakers ------------------------------------------------------------------

SPEECH_CUE = compile_regex(rf"\b(?:{alternation(LEXICON['speech_verbs'])})\b", regex.IGNORECASE)
DASH_SPEAKER_AFTER = compile_regex(r"\s*[\u2014\u2013-]{1,2}\s*\p{Lu}")
# A break starts at the first mark of a run (the look-behind), so a long run is scanned once, not once per mark.
SENTENCE_BREAK = compile_regex(r"(?<![.!?\u2026])[.!?\u2026]+[\"'\u201d\u2019)\]]*\s+")
WINDOW = 300

# Someone who can be the speaker: a full name, an honorific and a name, or a
# sentence whose subject is a pronoun or a word the document capitalises
# mid-sentence (a proper noun: "Okafor expects ...").
NOT_A_NAME = (
    "The|This|That|These|Those|A|An|In|On|At|For|But|And|Or|So|It|Its|As|If|When|While|After|Before|"
    "By|With|From|To|Of|Last|Next|Some|Many|Most|All|Our|Their|His|Her|My|We|You|I|There|Here|Then|Now"
)
HONORIFIC = (
    r"\b(?:Mr|Mrs|Ms|Dr|Prof|Professor|Sen|Senator|Rep|Gov|Governor|Minister|President|Judge|"
    r"Chief|General|Gen|Sir|Dame|Lord|Lady)\.?\s+\p{Lu}"
)
PERSON = compile_regex(
    rf"\b(?!(?:{NOT_A_NAME})\b)\p{{Lu}}\p{{Ll}}+(?:\s+\p{{Lu}}\.)?\s+\p{{Lu}}\p{{Ll}}+|{HONORIFIC}"
)
PRONOUN_SUBJECT = compile_regex(r"^\s*(?:He|She|They)\b")
CAPITALISED_SUBJECT = compile_regex(r"^\s*(\p{Lu}\p{Ll}+)\s+\p{Ll}")
MID_SENTENCE_CAPITAL = compile_regex(r"(?<=\p{Ll},?\s)\p{Lu}\p{Ll}+")


def proper_nouns(doc) -> frozenset[str]:
    """Words the document capitalises after a lower-case word, computed once."""
    return doc.memo("attribution.proper-nouns", lambda: frozenset(MID_SENTENCE_CAPITAL.findall(doc.masked)))


def blank_quotations(text: str, quotes: ParagraphQuotes) -> str:
    """The paragraph with every quotation (marks included) replaced by spaces."""
    parts, last = [], 0
    for q in quotes.quotations:
        parts.append(text[last : q.start])
        parts.append(" " * (q.end - q.start))
        last = q.end
    parts.append(text[last:])
    return "".join(parts)


def sentence_starts(window: str) -> list[int]:
    return [m.end() for m in SENTENCE_BREAK.finditer(window)]


def before_quote(outside: str, start: int) -> tuple[str, str, bool]:
    """The start of the sentence of a quotation opening at ``start`` and the
    sentence before it (at most WINDOW characters back), and whether that
    reaches the paragraph's start."""
    window = outside[max(0, start - WINDOW) : start]
    starts = [0, *sentence_starts(window)]
    current = window[starts[-1] :]
    previous = window[starts[-2] : starts[-1]] if len(starts) > 1 else ""
    reached = len(starts) <= 2 and start <= WINDOW
    return previous, current, reached


def after_quote(outside: str, end: int, sentence_ended: bool) -> tuple[str, bool]:
    """The rest of the sentence of a quotation ending at ``end`` and the next
    sentence (only the next one when the quotation ended its own sentence), and
    whether that reaches the paragraph's end."""
    window = outside[end : end + WINDOW]
    ends = sentence_starts(window)
    wanted = 1 if sentence_ended else 2
    if len(ends) >= wanted:
        return window[: ends[wanted - 1]], False
    return window, len(outside) - end <= WINDOW


def last_sentence(text: str) -> str:
    window = text[-WINDOW:]
    starts = sentence_starts(window.rstrip())
    return window[starts[-1] :] if starts else window


def first_sentence(text: str) -> str:
    window = text[:WINDOW]
    ends = sentence_starts(window)
    return window[: ends[0]] if ends else window


def names_speaker(sentence: str, nouns: frozenset[str]) -> bool:
    """A speech verb, or someone who could be the speaker, in this stretch of text."""
    if SPEECH_CUE.search(sentence) or PERSON.search(sentence) or PRONOUN_SUBJECT.match(sentence):
        return True
    subject = CAPITALISED_SUBJECT.match(sentence)
    return bool(subject and subject.group(1) in nouns)


TITLE_WORD = compile_regex(r"\p{L}[\p{L}'’-]{3,}")
FIRST_LETTER = compile_regex(r"\p{L}")
ENDS_SENTENCE = compile_regex(r"[.!?\u2026][^\p{L}\p{N}]{0,4}$")


def ends_with(text: str, chars: str) -> bool:
    """Whether the last non-space character of ``text`` is one of ``chars``."""
    stripped = text[-WINDOW:].rstrip()
    return bool(stripped) and stripped[-1] in chars


def needs_speaker(text: str, min_words: int) -> bool:
    """A quotation that reads as someone's full sentence, not a quoted phrase or a title."""
    first = FIRST_LETTER.search(text)
    if first is None or not first.group(0).isupper():
        return False
    if len(WORD.findall(text)) < min_words:
        return False
    long_words = TITLE_WORD.findall(text)
    return not all(w[0].isupper() for w in long_words)


# --- A101 ----------------------------------------------------------------------


@dataclass(frozen=True)
class UnattributedQuoteOptions:
    min_words: int = 6


def unattributed_quotations(doc, min_words: int):
    """(paragraph, quotation) for each full-sentence quotation with no speaker around it."""
    paragraphs = quote_paragraphs(doc)
    all_quotes = paragraph_quotes(doc)
    if not any(quotes.quotations for quotes in all_quotes):
        return
    headline = doc.headline
    nouns = proper_nouns(doc)
    blanked: dict[int, str] = {}

    def outside_of(i: int) -> str:
        if i not in blanked:
            blanked[i] = blank_quotations(paragraphs[i].text, all_quotes[i])
        return blanked[i]

    speaker_before = False
    for index, (para, quotes) in enumerate(zip(paragraphs, all_quotes)):
        continued = quotes.starts_with_quote and speaker_before
        next_continues = index + 1 < len(paragraphs) and all_quotes[index + 1].starts_with_quote
        speaker_before = next_continues and (continued or bool(SPEECH_CUE.search(outside_of(index))))
        if not quotes.quotations or (headline is not None and para.start <= headline.start < para.end):
            continue
        outside = outside_of(index)
        for q in quotes.quotations:
            if continued and q is quotes.quotations[0]:
                continue
            if not needs_speaker(para.text[q.start : q.end], min_words):
                continue
            ahead = outside[max(0, q.start - WINDOW) : q.start]
            if ends_with(ahead, "([:\uff1a") or DASH_SPEAKER_AFTER.match(outside, q.end, q.end + WINDOW):
                continue
            previous, current, reached_start = before_quote(outside, q.start)
            sentence_ended = bool(ENDS_SENTENCE.search(para.text, max(q.start, q.end - 6), q.end))
            following, reached_end = after_quote(outside, q.end, sentence_ended)
            if names_speaker(previous, nouns) or names_speaker(current, nouns) or names_speaker(following, nouns):
                continue
            if reached_start and index > 0:
                before = outside_of(index - 1)
                if ends_with(before, ":\uff1a") or names_speaker(last_sentence(before), nouns):
                    continue
            if reached_end and index + 1 < len(paragraphs) and names_speaker(first_sentence(outside_of(index + 1)), nouns):
                continue
            yield para, q


@rule("A101", "quote-without-speaker", scope=Scope.DOCUMENT, options=UnattributedQuoteOptions)
def quote_without_speaker(doc, ctx):
    """What it flags: a quotation of a full sentence with no speaker in its
    sentence or the sentences either side of it.

    Why: a quotation nobody is said to have spoken cannot be checked and reads as
    invented; spun copy keeps the quotes and drops who said them.

    Example: `The depot stays open. “We will not be moving it this year or next.” Repairs start in May.`

    Prefer: `“We will not be moving the depot this year or next,” said Ines Marrow, the council's transport lead.`

    A speaker is a speech verb (said, told, added, wrote, "according to" ...),
    a colon just before the quotation, a dash and a name just after it, or a
    person named in the sentence or the one before. A quotation that opens a
    paragraph continues the previous paragraph's speaker. Quotations starting
    in lower case or in brackets, Title-Case titles, quotations under
    `min-words` words and the headline are left alone.
    """
    if not document_is_english(doc):
        return
    for para, q in unattributed_quotations(doc, ctx.options.min_words):
        yield ctx.report(para.at(q.start, q.end), "Quotation has no speaker nearby; say who said or wrote it")


# --- A102 ----------------------------------------------------------------------


@rule("A102", "unbalanced-quotes", scope=Scope.DOCUMENT)
def unbalanced_quotes(doc, ctx):
    """What it flags: a double quotation mark that closes a quotation never
    opened in its paragraph, or opens one that is never closed, when the next
    paragraph does not reopen it.

    Why: a stray mark hides where the speaker's words start or end, and usually
    means a sentence was cut or pasted in.

    Example: `Tickets will be refunded in full,” the organiser said.`

    Prefer: `“Tickets will be refunded in full,” the organiser said.`

    News style runs a long quotation over several paragraphs by reopening each
    paragraph without closing the previous one; that is not flagged. Straight
    marks count as opening or closing by where they stand, an inch mark after a
    digit is ignored, and apostrophes and single quotes are out of scope.
    """
    paragraphs = quote_paragraphs(doc)
    all_quotes = paragraph_quotes(doc)
    for index, (para, quotes) in enumerate(zip(paragraphs, all_quotes)):
        following = all_quotes[index + 1] if index + 1 < len(paragraphs) else None
        previous = all_quotes[index - 1] if index else None
        strays = quotes.stray_closes
        if strays and previous is not None and previous.unclosed is not None and not quotes.starts_with_quote:
            strays = strays[1:]
        for span in strays:
            yield ctx.report(
                para.at(*span),
                "Closing quotation mark has no opening mark in this paragraph; check where the quotation starts",
            )
        if quotes.unclosed is None or (following is not None and following.starts_with_quote):
            continue
        if following is not None and following.stray_closes:
            message = (
                "Quotation runs into the next paragraph without a reopening mark; "
                "reopen it there or close it here"
            )
        else:
            message = "Quotation is never closed; check where it ends"
        yield ctx.report(para.at(*quotes.unclosed), message)


# --- A103 ----------------------------------------------------------------------

WEASEL_WORDS = LEXICON["weasel"]
INTERJECTION = r"(?:\s{1,3}\p{L}{1,20}ly|\s{0,3},[^,.;:\n]{1,40},)?"
WEASEL_GROUPED = (
    rf"\b(?:{alternation(WEASEL_WORDS['quantifiers'])})\s+(?:{alternation(WEASEL_WORDS['groups'])})"
    rf"{INTERJECTION}\s+(?:{alternation(WEASEL_WORDS['verbs'])})\b"
)
WEASEL_BARE = (
    rf"(?:^|(?<=[,;:]\s{{0,3}})|(?<=\b(?:but|and|yet|while|though|although|as|because)\s{{1,3}}))"
    rf"(?:{alternation(WEASEL_WORDS['bare_groups'])}){INTERJECTION}\s+(?:{alternation(WEASEL_WORDS['verbs'])})\b"
)
WEASEL_PHRASE = rf"\b(?:{alternation(WEASEL_WORDS['phrases'])})\b"

NAME = r"\p{Lu}[\p{Ll}'’-]++(?:\s{1,3}(?:\p{Lu}\.\s?)?\p{Lu}[\p{L}'’-]++){1,3}"
# Lower case only: "States" in "United States" is not a verb.
SOURCE_VERB = rf"\b(?:{alternation(LEXICON['source_verbs'])})\b"
SOURCE_VERB_RE = compile_regex(SOURCE_VERB)
NAMED_AFTER_VERB = compile_regex(r"[ \t]+\p{Lu}")
ACCORDING_TO_SOMEONE = compile_regex(
    r"\b[Aa]ccording\s+to\s+(?!(?:some|many|reports?|sources|rumou?rs?|experts|analysts|observers|critics|insiders)\b)"
)
NAMED_SOURCE = compile_regex(
    rf"\b(?i:including|such\s+as|among\s+them|notably|led\s+by|like)\s+(?:the\s+)?\p{{Lu}}"
    rf"|(?:{NAME}|{HONORIFIC})(?:,?\s++[^\s.;]++){{0,8}}?\s++{SOURCE_VERB}"
    rf"|{SOURCE_VERB}\s+(?:{NAME}|{HONORIFIC})"
    rf"|\b(?i:according\s+to)\s+(?:{NAME}|{HONORIFIC}|the\s+\p{{Lu}})"
)


# "according to reports from the Harbour Gazette" names its source after all.
QUALIFIED_BY_NAME = compile_regex(r"\s+(?:from|by|in|of|at)\s+(?:the\s+)?\p{Lu}")


@dataclass(frozen=True)
class WeaselOptions:
    extra_phrases: tuple[str, ...] = ()


def key_words(phrases) -> set[str]:
    """The longest word of each phrase: a sentence without it cannot hold the phrase."""
    return {max(p.lower().split(), key=len) for p in phrases if p.strip()}


# Every weasel match contains one of its part's key words, so a sentence without any of
# them is skipped before the (much slower) full pattern runs.
WEASEL_KEYS = frozenset(
    {*WEASEL_WORDS["groups"], *WEASEL_WORDS["bare_groups"], *key_words(WEASEL_WORDS["phrases"])}
)
TOKEN_EDGE = "".join(sorted(set(".,;:!?()[]{}<>\"'`*_\u201c\u201d\u2018\u2019\u2014\u2013\u2026-")))


class WeaselMatcher:
    """The weasel pattern, run as its parts (grouped crowds, bare crowds, phrases, house
    phrasings), each only on sentences holding one of its own key words.

    ``finditer`` gives exactly the matches of the parts joined in one alternation: the
    leftmost match, the earlier part on a tie, then on from its end. Run apart, each
    part is skipped where its key words are missing, and the regex engine scans a
    short alternation faster than the long one.
    """

    def __init__(self, parts: list[tuple[str, frozenset[str]]]) -> None:
        self.parts = [(compile_regex(source, regex.IGNORECASE), keys) for source, keys in parts]
        self.keys = frozenset().union(*(keys for _, keys in parts))

    def finditer(self, text: str):
        words = set(map(str.strip, text.lower().split(), repeat(TOKEN_EDGE)))
        patterns = [pattern for pattern, keys in self.parts if not keys.isdisjoint(words)]
        found = [pattern.search(text) for pattern in patterns]
        while True:
            best = None
            for i, m in enumerate(found):
                if m is not None and (best is None or m.start() < found[best].start()):
                    best = i
            if best is None:
                return
            match = found[best]
            yield match
            at = match.end()
            found = [pattern.search(text, at) if m is not None and m.start() < at else m
                     for pattern, m in zip(patterns, found)]


WEASEL_PARTS = [
    (WEASEL_GROUPED, frozenset(WEASEL_WORDS["groups"])),
    (WEASEL_BARE, frozenset(WEASEL_WORDS["bare_groups"])),
    (WEASEL_PHRASE, frozenset(key_words(WEASEL_WORDS["phrases"]))),
]
_weasel_matchers: dict = {}


def weasel_matcher(extra: tuple[str, ...]) -> WeaselMatcher:
    """The weasel matcher, with house phrasings added (compiled on first use)."""
    if extra not in _weasel_matchers:
        parts = WEASEL_PARTS + ([(rf"\b(?:{alternation(extra)})\b", frozenset(key_words(extra)))] if extra else [])
        _weasel_matchers[extra] = WeaselMatcher(parts)
    return _weasel_matchers[extra]


CREDIT_VERB = compile_regex(rf"\b(?:{alternation(LEXICON['credit_verbs'])})\b")


def credited_elsewhere(text: str, matches) -> bool:
    """Whether a source verb outside the weasel phrasings credits the sentence
    to someone ("It is thought the fire started in the kitchen, police said")."""
    spans = [m.span() for m in matches]
    return any(
        not any(start <= verb.start() < end for start, end in spans) for verb in CREDIT_VERB.finditer(text)
    ) or bool(ACCORDING_TO_SOMEONE.search(text))


def mentions_any(text: str, keys: frozenset[str]) -> bool:
    return not keys.isdisjoint(map(str.strip, text.lower().split(), repeat(TOKEN_EDGE)))


@rule("A103", "weasel-source", scope=Scope.DOCUMENT, options=WeaselOptions)
def weasel_source(doc, ctx):
    """What it flags: a claim credited to an unnamed crowd ("some analysts
    have said", "observers note", "sources suggest", "it is thought", "people are
    saying") when neither its sentence nor the next one names a source.

    Why: a faceless crowd lends a claim authority that nobody has to stand
    behind; readers cannot weigh a source they are not told about.

    Example: `Many experts believe the bridge will need replacing within a decade.`

    Prefer: `The bridge will need replacing within a decade, said Tomas Reyle, a structural engineer at the regional roads agency.`

    A name with a speech verb ("..., said Ada Kerr"), "according to" a name, or
    a list introduced by "including" or "such as" counts as naming the source.
    `extra-phrases` adds house phrasings.
    """
    if not document_is_english(doc):
        return
    matcher = weasel_matcher(tuple(ctx.options.extra_phrases))
    if not mentions_any(doc.masked, matcher.keys):  # sentences split at spaces: none of them can
        return
    sentences = doc.sentences
    for index, sentence in enumerate(sentences):
        if not mentions_any(sentence.text, matcher.keys):
            continue
        matches = list(matcher.finditer(sentence.text))
        if not matches:
            continue
        if NAMED_SOURCE.search(sentence.text) or credited_elsewhere(sentence.text, matches):
            continue
        if index + 1 < len(sentences) and NAMED_SOURCE.search(sentences[index + 1].text):
            continue
        for match in matches:
            if QUALIFIED_BY_NAME.match(sentence.text, match.end()):
                continue
            yield ctx.report(
                sentence.at(*match.span()),
                f"“{match.group(0)}” credits no one; name the source or cut the claim",
            )


# --- A104 ----------------------------------------------------------------------

CREDIT_START = r"(?:^|(?<=[(\[|•·]))[\s*_>]*+"
CREDIT_END = r"[\s*_]*+(?:[.)\]|]{1,3}[\s*_]*+)?$"


def credit_pattern(extra: tuple[str, ...]) -> regex.Pattern:
    hollow = alternation([*LEXICON["hollow_sources"], *extra])
    engines = alternation(LEXICON["search_engines"])
    return compile_regex(
        rf"{CREDIT_START}(?:"
        rf"(?:{alternation(LEXICON['credit_labels'])})\s*[:\uff1a|\u2014\u2013-]\s*(?P<value>{hollow}|{engines})"
        rf"|(?:{alternation(LEXICON['source_labels'])})\s*[:\uff1a|\u2014\u2013-]\s*(?P<value>{hollow})"
        rf"){CREDIT_END}",
        regex.IGNORECASE,
    )


CREDIT_DEFAULT = credit_pattern(())
# A credit ends its line, so only the end of a line (however long) is searched.
CREDIT_TAIL = 160


@dataclass(frozen=True)
class HollowCreditOptions:
    extra_sources: tuple[str, ...] = ()


@rule("A104", "hollow-credit", scope=Scope.LINE, options=HollowCreditOptions)
def hollow_credit(line, ctx):
    """What it flags: a credit or source line that names no owner, such as a
    search engine, "the internet" or "social media".

    Why: a picture found through a search engine still belongs to someone; a
    hollow credit hides who that is and whether the outlet may use it.

    Example: `Photo credit: Google Images`

    Prefer: `Photo: Lena Okafor/Harbour Press Agency`

    Search engines fire only after a picture or credit label, since
    "Source: Google" under Google's own figures is a real source.
    `extra-sources` adds more hollow names.
    """
    extra = tuple(ctx.options.extra_sources)
    pattern = credit_pattern(extra) if extra else CREDIT_DEFAULT
    tail = max(0, len(line.text) - CREDIT_TAIL)
    match = pattern.search(line.text, tail)
    if match:
        yield ctx.report(
            line.at(*match.span("value")),
            f"Credit “{match.group('value')}” names no owner; name the photographer, agency or rights holder",
        )


# --- A105 ----------------------------------------------------------------------

PRONOUNS = frozenset({"he", "she", "they", "we", "i"})


def credits_a_source(text: str) -> bool:
    """Whether the text credits something to someone: "according to" a source,
    a source verb right before a capitalised word ("told Reuters"), or one with a
    capitalised word or a pronoun among the eight words before it on its line
    ("Harlow Metals said", "she told")."""
    if ACCORDING_TO_SOMEONE.search(text):
        return True
    for verb in SOURCE_VERB_RE.finditer(text):
        if NAMED_AFTER_VERB.match(text, verb.end()):
            return True
        window = text[max(0, verb.start() - 160) : verb.start()]
        words = window[window.rfind("\n") + 1 :].split()[-9:]
        if any(word[:1].isupper() for word in words):
            return True
        if words and (words[-1].lower() in PRONOUNS or (len(words) > 1 and words[-1].endswith("ly") and words[-2].lower() in PRONOUNS)):
            return True
    return False



@dataclass(frozen=True)
class UnsourcedArticleOptions:
    min_words: int = 150


@rule(
    "A105",
    "unsourced-article",
    scope=Scope.DOCUMENT,
    severity=Severity.INFO,
    options=UnsourcedArticleOptions,
)
def unsourced_article(doc, ctx):
    """What it flags: an article of at least `min-words` words that never
    credits anything to a named person or organisation (no "X said", "told
    Y", "according to Z").

    Why: a news report stands on its sources; an article without one is
    commentary, or copy spun from a report whose sources were dropped.

    Example: a 400-word story on a factory closure that never says who
    announced it or who was asked.

    Prefer: `The plant will close in March, Harlow Metals said in a statement.`

    Reported once per document, at the headline, with severity info: opinion
    pieces and blog posts legitimately name no sources.
    """
    body = doc.body_paragraphs
    if not body:
        return
    text = "\n".join(p.text for p in body)
    min_words = ctx.options.min_words
    if sum(1 for _ in islice(WORD.finditer(text), min_words)) < min_words or not looks_english(text):
        return
    if credits_a_source(text):
        return
    anchor = doc.headline or body[0]
    yield ctx.report(
        anchor.span,
        "Article credits nothing to a named person or organisation; say where the facts come from",
    )


@hookimpl
def newslint_rules():
    return [quote_without_speaker, unbalanced_quotes, weasel_source, hollow_credit, unsourced_article]
