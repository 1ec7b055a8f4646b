"""Per-line classifier of page-template residue, shared by the T rules and bench/template.py.

A scraper that keeps everything turns a web page into text where the article is
one block of prose paragraphs and everything around it (menus, share buttons,
related links, comment threads, footers) is short, link-like lines. The
classifier works on plain lines of text in three steps, each linear in the
number of lines:

1. *Features* of each line: word count, whether it reads as a prose sentence,
   and what the widget lexicon (``data/template_lexicon.yaml``) says about it,
   in three tiers: ``ANYWHERE`` (never article text: "Leave a Reply"),
   ``OUTSIDE`` (residue outside the article or next to other residue:
   "Facebook", "Privacy"), ``WEAK`` (site sections such as "Sports").
2. *The article block*: the stretch of lines with the most prose, found as a
   maximum-sum segment where prose lines score their word count and other lines
   cost a little (widget lines cost more), then extended past paragraphs that
   follow it with only buttons between.
3. *Position*: above the block, the story's own headline, standfirst, byline
   and dateline are kept; lines above the headline and below the block are
   residue when that region holds lexicon evidence (in Markdown, paragraphs and
   headings there need evidence of their own). Inside the block only
   ``ANYWHERE`` lines, captions and credits, lines that keep company with them,
   and headline lists under a "Related" header are residue.

``classify(lines)`` returns a ``Verdict`` per line and ``runs(verdicts)`` groups
adjacent residue lines (blank lines between them don't break a run). The lexicon's
patterns and the caption patterns are tried only on lines that hold their literal strings
(``literal_gates.BranchMatcher`` and ``SearchGate``, which find exactly what the whole
patterns find). docs/rules/template.md describes the whole design and its measurements.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Iterable, Mapping, NamedTuple, Sequence

import re

import regex

from newslint import generated
from newslint.patterns import compile as compile_regex
from newslint_plugins.lexicons import literal_alternation, load_lexicon
from newslint_plugins.literal_gates import BranchMatcher, SearchGate, edge_space, lowered

ANYWHERE, OUTSIDE, WEAK, NONE = 3, 2, 1, 0

# Which rule reports a residue line.
RESIDUE, CAPTION, REPEAT = "residue", "caption", "repeat"

KIND_LABELS = {
    "navigation": "navigation menu",
    "share": "share or follow buttons",
    "comments": "comment section",
    "related": "related-article links",
    "ad": "advertising labels",
    "affiliate": "shopping or booking widget",
    "newsletter": "subscription prompt",
    "cookie": "cookie or consent notice",
    "footer": "site footer",
    "language": "language picker",
    "media": "gallery or player controls",
    "meta": "page tools and tags",
    "asset": "theme asset names",
    "url": "bare links",
    "counter": "counters",
    "separator": "separator lines",
    "caption": "photo captions and credits",
    "house": "house widget lines",
    "author": "author box",
    "merged": "label of a second article glued on",
    "faq": "FAQ block added after the article",
}

# Comment-thread lines ("Reply", "Rating: 12 votes") weigh differently when finding the
# article, but readers are told they are part of the comment section.
REPORTED_KIND = {"thread": "comments"}


LEXICON = load_lexicon("template_lexicon.yaml")
TIERS = {"anywhere": ANYWHERE, "outside": OUTSIDE, "weak": WEAK}

INVISIBLE = compile_regex(r"[\u200b-\u200f\u2060\ufeff\u00ad]")
SPACES = compile_regex(r"\s+")
WORD = compile_regex(r"[\p{L}\p{N}][\p{L}\p{N}\p{M}'\u2019.&+-]*")
IDEOGRAPH = compile_regex(r"[\p{Han}\p{Hiragana}\p{Katakana}]")
TOKEN_SPLIT_CHARS = r"\s|\u2022\u00b7,;/\\\u00bb\u203a<>()\[\]{}\"\u201c\u201d\u201e\u00ab"
TOKEN_SPLIT = compile_regex(rf"[{TOKEN_SPLIT_CHARS}]+")
TOKEN_TRIM = ".:!?*'\u2019\u2018-\u2013\u2014=_~#"
# A TOKEN_SPLIT piece stripped of TOKEN_TRIM, in one pass: the standard library's re scans
# these plain classes several times faster, and on text without \x1c-\x1f its \s is regex's.
# A token starts and ends with a character that is neither a splitter nor trimmed, so the
# trimmed characters around it are skipped by the scan itself (matching them as part of the
# pattern made a long run of them, such as a separator line, quadratic).
_TRIM_CHARS = "".join(re.escape(char) for char in TOKEN_TRIM)
TOKEN = re.compile(
    f"([^{TOKEN_SPLIT_CHARS}{_TRIM_CHARS}]+(?:[{_TRIM_CHARS}]+[^{TOKEN_SPLIT_CHARS}{_TRIM_CHARS}]+)*)"
)
ASCII_NUMERIC = re.compile("[0-9+]")
CAMEL = compile_regex(r"(?<=[\p{Ll}\p{N}])(?=\p{Lu}\p{Ll})|(?<=\p{Ll})(?=\p{Lu}{2})")
COUNT = compile_regex(r"[+-]?\d[\d.,]*[km]?\+?")
HAS_ALNUM = compile_regex(r"[\p{L}\p{N}]")
TERMINAL = compile_regex(r"""[.!?\u3002\uff01\uff1f]["'\u201d\u2019\u00bb)\]]*$""")
ELLIPSIS_END = compile_regex(r"""(?:\.\.\.|\u2026)["'\u201d\u2019)\]]*$""")
URL_LINE = compile_regex(r"(?:https?://|www\.)\S+|[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}(?:/\S*)?", regex.IGNORECASE)
ASSET_LINE = compile_regex(r"[a-z0-9]+(?:[-_][a-z0-9]+){2,}|\S+\.(?:png|jpe?g|gif|svg|webp|css|js)")
ASSET_WORD = compile_regex(r"(?:^|[-_])(?:logo|icon|img|image|banner|sprite|avatar|thumb|header|footer|nav|menu|btn|button|widget|svg|site|theme|white|black|dark|light|mobile|desktop|browser|tablet|phone)(?:$|[-_])")
MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
DATE = compile_regex(
    rf"\b{MONTH}\s+\d{{1,2}}\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH}|\b\d{{4}}[-/.]\d{{1,2}}[-/.]\d{{1,2}}\b"
    r"|\b\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}\b|\b\d{1,2}:\d{2}\b|\b\d+\s*(?:min|mins|minutes?|h|hrs?|hours?|days?)\s+ago\b",
    regex.IGNORECASE,
)
BYLINE = compile_regex(r"^(?:by|written by|posted by|words by|story by|reported by|von|por|par|di|oleh|от|автор)(?:\s+\S|\s*$)", regex.IGNORECASE)
CREDIT_WORDS = literal_alternation(LEXICON["credit_words"])
AGENCIES = literal_alternation(LEXICON["agencies"])
# The ways a credit line opens, shared by caption lines (T102) and the credit lines under one.
LABELLED = r"(?:{})s?\s*(?:by)?\s*:\s*\S"  # "Photo: Jane Roe/Agency", "Image by: ..."; .format(label words)
MEDIA_LABEL = r"(?:image|photo|picture|video|media)\s+(?:{})\b"  # "Image copyright ..."; .format(what follows)
COURTESY = r"courtesy\s+(?:of\s+)?\S"
# Caption and credit lines (T102): how they start, and how they end (searched in the last
# CAPTION_TAIL characters, since a credit closes its line).
CAPTION_START = compile_regex(
    "|".join(
        (
            LABELLED.format(CREDIT_WORDS),
            MEDIA_LABEL.format("copyright|caption|credit|source"),
            rf"(?:{AGENCIES})(?:\s+(?:photo|images?|file|via getty images))?\s*$",
            rf"(?:{AGENCIES})\s*/\s*\S",
            r"(?:file photo|handout photo|handout)\s*[:\-]",
            COURTESY,
        )
    ),
    regex.IGNORECASE,
)
CAPTION_END = compile_regex(
    "|".join(
        (
            rf"\((?:{CREDIT_WORDS})s?\s*(?:by|:)?\s*[^()]{{1,100}}\)\s*$",
            rf"\((?:{AGENCIES})(?:\s+(?:photo|images?|file))?(?:\s*/\s*[^()]{{1,80}})?\)\s*$",
            r"\bcredit(?:\.{2,}|\u2026|\s*:)\s*\S",
            rf"(?:[,|/]\s*|\s[-\u2013\u2014]\s)(?:{AGENCIES})(?:\s+(?:photo|images?|file|via getty images))?\s*$",
        )
    ),
    regex.IGNORECASE,
)
CAPTION_TAIL = 200
# A credit line of its own: a credit label and the image's owner ("Photo: Jane Roe/Agency",
# "Image source: Agency", "Courtesy of ..."), not a caption ("Image caption: ...").
# A short line of this kind is the lower half of a figure: the caption is the line above it.
CREDIT_LINE = compile_regex(
    "|".join(
        (
            LABELLED.format(literal_alternation(w for w in LEXICON["credit_words"] if "caption" not in w)),
            MEDIA_LABEL.format("copyright|credit|source"),
            COURTESY,
        )
    ),
    regex.IGNORECASE,
)
# An FAQ block's heading: "Frequently Asked Questions (FAQs) about ...", "FAQs:", "People also ask".
FAQ_HEADING = compile_regex(
    r"(?:frequently\s+asked\s+questions|faqs?|people\s+also\s+ask)(?:\s*\(\s*faqs?\s*\))?"
    r"(?:\s*(?:about|on|for|regarding|[:|\u2013\u2014-])\s*[^.!?:]{0,100})?\s*:?",
    regex.IGNORECASE,
)
FAQ_LITERALS = ("faq", "frequently", "ask")  # a line FAQ_HEADING matches holds one of these, casefolded
AUTHOR_BIO_LINES = 2
AUTHOR_NAME_WORDS = 4
AUTHOR_NAMED_WITHIN = 8  # a bio names its author in its first words
FAQ_HEADING_WORDS = 16
FAQ_QUESTION_WORDS = 30
FAQ_QUESTIONS = 2
FAQ_ARTICLE_PARAGRAPHS = 3
CREDIT_LINE_WORDS = 10  # a longer line after a credit label is a caption itself ("Photo: The mayor opens ...")
FIGURE_CAPTION_WORDS = 60  # as for a caption line (features() looks for one in lines of up to 60 words)
CAPTION_START_GATE = SearchGate(CAPTION_START, mode="match")  # few lines start with a credit word or an agency
CAPTION_END_GATE = SearchGate(CAPTION_END)  # most lines end with a full stop, not ")" or an agency
DIGIT = compile_regex(r"\d")


def _caption_screen():
    """One function of a clean line and its lowercase that is False when neither CAPTION_START
    nor CAPTION_END can match (both gates at once), or None if a gate is not available."""
    gates = (CAPTION_START_GATE, CAPTION_END_GATE)
    if not all(gate.gates for gate in gates):
        return None
    names: dict[str, object] = {"__builtins__": {}}
    prefixed = [gate for each in gates for gate in each.gates if gate.pre is not None]
    others = [gate for each in gates for gate in each.gates if gate.pre is None]
    terms = [f"({gate.expression(names)})" for gate in others]
    if prefixed:
        # The gates with a prefix, behind one look at the line's first one or two characters.
        keys = {(size, ic): set() for size in (1, 2) for ic in (False, True)}
        for gate in prefixed:
            for ic, strings in enumerate(gate.pre):
                for string in strings:
                    size = min(2, len(string))
                    keys[(size, bool(ic))].add(string[:size])
        looks = [
            f"{'l' if ic else 't'}[:{size}] in {{{', '.join(map(repr, sorted(found)))}}}"
            for (size, ic), found in keys.items()
            if found
        ]
        if keys[(1, True)] or keys[(2, True)]:
            looks.append("l is None")
        either = " or ".join(f"({gate.expression(names)})" for gate in prefixed)
        terms.append(f"(({' or '.join(looks)}) and ({either}))")
    source = "lambda t, l: " + " or ".join(terms)
    return eval(generated.compiled(source, "eval"), names)  # noqa: S307 - built from repr() of strings only


CAPTION_SCREEN = _caption_screen()


def is_caption(text: str, low: str | None = None) -> bool:
    """Does the line open like a caption or credit, or close with one? (``low``: ``lowered(text)``
    if the caller has it.)"""
    return bool(
        (CAPTION_START_GATE.may_match(text, low) and CAPTION_START.match(text))
        or (CAPTION_END_GATE.may_match(text, low) and CAPTION_END.search(text, max(0, len(text) - CAPTION_TAIL)))
    )


Entry = tuple[str, str, str]  # (kind, tier name, phrase or pattern) as written in the lexicon
PhraseTable = Mapping[str, list[tuple[tuple[str, ...], str, int, Entry]]]


NUMERIC_START = frozenset("+-0123456789")  # an ASCII token that COUNT matches starts with one of these


def tokens(text: str) -> list[str]:
    """Lowercase word tokens for lexicon matching; bare counts become ``#``."""
    folded = text.casefold().replace("\u2019", "'")
    if "\x1c" in folded or "\x1d" in folded or "\x1e" in folded or "\x1f" in folded:
        out = [token for token in (raw.strip(TOKEN_TRIM) for raw in TOKEN_SPLIT.split(folded)) if token]
    else:
        out = TOKEN.findall(folded)
    if not folded.isascii() or ASCII_NUMERIC.search(folded):
        for i, token in enumerate(out):
            if (token[0] in NUMERIC_START or not token[0].isascii()) and COUNT.fullmatch(token):
                out[i] = "#"
    return out


def first_token(text: str, folded: str | None = None) -> str | None:
    """``tokens(text)[0]``, or None when the text has no tokens. (``folded``: the text folded
    as tokens() folds it, if the caller has it.)"""
    if folded is None:
        folded = text.casefold().replace("\u2019", "'")
    if "\x1c" in folded or "\x1d" in folded or "\x1e" in folded or "\x1f" in folded:
        found = tokens(text)
        return found[0] if found else None
    match = TOKEN.search(folded)
    if match is None:
        return None
    token = match.group(1)
    if (token[0] in NUMERIC_START or not token[0].isascii()) and COUNT.fullmatch(token):
        return "#"
    return token


def last_token(text: str, folded: str | None = None) -> str | None:
    """``tokens(text)[-1]``, or None when the text has no tokens (``folded``: as for first_token)."""
    rest = folded if folded is not None else text.casefold().replace("\u2019", "'")
    if "\x1c" in rest or "\x1d" in rest or "\x1e" in rest or "\x1f" in rest:
        found = tokens(text)
        return found[-1] if found else None
    # No token holds a space (TOKEN_SPLIT splits at \s, which here is what str.split() splits at).
    while rest:
        parts = rest.rsplit(None, 1)
        if not parts:  # only spaces
            return None
        found = TOKEN.findall(parts[-1])
        if found:
            token = found[-1]
            if (token[0] in NUMERIC_START or not token[0].isascii()) and COUNT.fullmatch(token):
                return "#"
            return token
        rest = parts[0] if len(parts) == 2 else ""
    return None


def may_cover(text: str, lexicon: Lexicon, folded: str | None = None) -> bool:
    """Can lexicon phrases and counts cover the text's tokens? Only if the first token starts a
    phrase and the last ends one (or they are counts): a cheaper test than ``tokens``.
    (``folded``: as for first_token.)"""
    if folded is None:
        folded = text.casefold().replace("\u2019", "'")
    first = first_token(text, folded)
    if first is None or not (first == "#" or first in lexicon.phrases):
        return False
    if lexicon.phrase_ends is None:
        return True
    last = last_token(text, folded)
    return last == "#" or last in lexicon.phrase_ends


def lexicon_entries(data: Mapping = LEXICON) -> list[Entry]:
    """Every phrase and pattern of a lexicon, as (kind, tier, text)."""
    return [
        (kind, tier, text)
        for section in ("patterns", "phrases")
        for kind, tiers in data[section].items()
        for tier, texts in tiers.items()
        for text in texts or ()
    ]


@dataclass(frozen=True)
class Lexicon:
    """The compiled widget lexicon: one alternation of whole-line patterns per tier
    (``groups`` names the entry behind each group) and a phrase table keyed by first token."""

    patterns: Mapping[int, regex.Pattern]
    groups: Mapping[str, Entry]
    phrases: PhraseTable
    # The same alternations, tried branch by branch where a line can match (see BranchMatcher).
    matcher: BranchMatcher | None = field(default=None, repr=False, compare=False)
    # The last tokens of the phrases: a cover of a line's tokens ends with one of them or a count.
    phrase_ends: frozenset | None = field(default=None, repr=False, compare=False)


def build_lexicon(data: Mapping = LEXICON, extra: Iterable[str] = (), drop: frozenset = frozenset()) -> Lexicon:
    """Compile a lexicon. ``extra`` are house widget lines (residue anywhere);
    ``drop`` lists entries to leave out (bench/template.py measures held-out figures that way)."""
    parts: dict[int, list[str]] = {ANYWHERE: [], OUTSIDE: [], WEAK: []}
    branches: dict[int, list[tuple[str, str]]] = {ANYWHERE: [], OUTSIDE: [], WEAK: []}
    groups: dict[str, Entry] = {}
    for kind, tiers in data["patterns"].items():
        for tier, patterns in tiers.items():
            for pattern in patterns or ():
                if (kind, tier, pattern) in drop:
                    continue
                name = f"{kind}_{len(groups)}"
                groups[name] = (kind, tier, pattern)
                parts[TIERS[tier]].append(f"(?P<{name}>{pattern.removeprefix('^').removesuffix('$')})")
                branches[TIERS[tier]].append((name, pattern.removeprefix("^").removesuffix("$")))
    compiled = {tier: compile_regex("|".join(alts), regex.IGNORECASE) for tier, alts in parts.items() if alts}
    matcher = BranchMatcher([branches[tier] for tier in compiled], regex.IGNORECASE, list(compiled.values()))

    best: dict[tuple[str, ...], tuple[str, int, Entry]] = {}
    for phrase in extra:
        key = tuple(tokens(phrase))
        if key:
            best[key] = ("house", ANYWHERE, ("house", "anywhere", phrase))
    for kind, tiers in data["phrases"].items():
        for tier, phrases in tiers.items():
            for phrase in phrases or ():
                key = tuple(tokens(phrase))
                if not key or (kind, tier, phrase) in drop:
                    continue
                if key not in best or best[key][1] < TIERS[tier]:
                    best[key] = (kind, TIERS[tier], (kind, tier, phrase))
    by_first: dict[str, list[tuple[tuple[str, ...], str, int, Entry]]] = {}
    for key, (kind, tier, entry) in best.items():
        by_first.setdefault(key[0], []).append((key, kind, tier, entry))
    ends = frozenset(key[-1] for entries in by_first.values() for key, _, _, _ in entries)
    return Lexicon(compiled, groups, by_first, matcher, ends)


DEFAULT_LEXICON = build_lexicon()
_base = DEFAULT_LEXICON
_base_data: tuple[Mapping, frozenset] = (LEXICON, frozenset())


def use_lexicon(drop: frozenset = frozenset()) -> None:
    """Leave ``drop`` entries out of the built-in lexicon from now on (an empty set restores it).
    Only benchmarks do this, to measure what the rules find without some entries."""
    global _base, _base_data
    _base = build_lexicon(LEXICON, drop=drop) if drop else DEFAULT_LEXICON
    _base_data = (LEXICON, frozenset(drop))
    lexicon_for.cache_clear()


@lru_cache(maxsize=16)
def lexicon_for(extra: tuple[str, ...]) -> Lexicon:
    """The lexicon plus house widget lines (an option of T101), built once per option value."""
    return build_lexicon(_base_data[0], extra, _base_data[1]) if extra else _base


MAX_COVER_TOKENS = 40
COUNTED = frozenset({"share", "comments", "thread", "newsletter", "media", "related"})
MAX_PATTERN_CHARS = 600
WRAPPERS = " []()<>{}|*\u2022\u00b7-\u2013\u2014"
LONG_LINE = 2000


def cover_parts(toks: Sequence[str], phrases: PhraseTable) -> list[tuple[str, int, Entry]] | None:
    """The phrases (kind, tier, entry) that cover every token end to end, fewest first, else None.

    Dynamic programming over token positions; bare counts (``#``) are free.
    """
    n = len(toks)
    if n == 0 or n > MAX_COVER_TOKENS or all(t == "#" for t in toks):
        return None
    reach: list[list[tuple[str, int, Entry]] | None] = [None] * (n + 1)
    reach[0] = []
    furthest = 0  # no position past this one is reached yet
    for i in range(n):
        if i > furthest:
            return None
        if reach[i] is None:
            continue
        if toks[i] == "#":
            if reach[i + 1] is None:
                reach[i + 1] = reach[i]
                furthest = max(furthest, i + 1)
            continue
        for key, kind, tier, entry in phrases.get(toks[i], ()):
            j = i + len(key)
            if j <= n and tuple(toks[i:j]) == key:
                parts = reach[i] + [(kind, tier, entry)]
                if reach[j] is None or len(parts) < len(reach[j]):
                    reach[j] = parts
                    furthest = max(furthest, j)
    return reach[n] or None


def cover(toks: Sequence[str], phrases: PhraseTable | None = None) -> tuple[str, int] | None:
    """(kind, tier) when lexicon phrases and counts cover every token, else None.

    Each position keeps the cover with the fewest phrases, so "World News
    Sports" stays weak but "Privacy Policy Terms" is as strong as its strongest part.
    """
    parts = cover_parts(toks, DEFAULT_LEXICON.phrases if phrases is None else phrases)
    if not parts:
        return None
    if "#" in toks and any(kind not in COUNTED for kind, _, _ in parts):
        return None  # a count goes with shares, comments or subscribers, not "Top 5"
    strong = [p for p in parts if p[1] > WEAK]
    if strong:
        kind = strong[0][0]
        tier = max(t for _, t, _ in strong)
        return kind, ANYWHERE if len(parts) >= 2 else tier
    return parts[0][0], OUTSIDE if len(parts) >= 3 else WEAK


@dataclass(frozen=True)
class Line:
    """What the classifier knows about one line, before looking at its neighbours."""

    text: str
    words: int
    prose: bool
    kind: str | None = None
    tier: int = NONE
    caption: bool = False
    dated: bool = False
    byline: bool = False
    terminal: bool = False
    sentence_case: bool = False
    words_key: str | None = field(default=None, repr=False, compare=False)

    @property
    def blank(self) -> bool:
        return not self.text

    @property
    def key(self) -> str:
        """The words of the line, for comparing it with the headline (worked out on first use)."""
        if self.words_key is None:
            object.__setattr__(self, "words_key", headline_key(self.text))  # not compared, hashed or shown
        return self.words_key

    @property
    def headline_like(self) -> bool:
        return 3 <= self.words <= 30 and self.tier < OUTSIDE and not (self.caption or self.byline or self.terminal_period)

    @property
    def terminal_period(self) -> bool:
        return self.text.endswith((".", "\u3002")) and not self.text.endswith("...")


def _pattern_match(text: str, lexicon: Lexicon, low: str | None = None) -> tuple[str | None, int]:
    """(group name, tier) of the first tier pattern that the line, or the line without its
    wrapping brackets and bullets, matches whole; (None, NONE) when none does. ``low`` is
    ``lowered(text)`` if the caller has it."""
    bare = text.strip(WRAPPERS)
    matcher = lexicon.matcher
    if matcher is not None:
        if bare == text and low is not None and matcher.all_gated and not edge_space(text) and not matcher.candidates(text, low):
            return None, NONE  # the usual case, without the detour through fullmatch()
        if bare != text:
            found = lexicon.matcher.fullmatch((bare, text))
        else:
            found = lexicon.matcher.fullmatch((text,), None if low is None else (low,))
        if found is None:
            return None, NONE
        return found[0], list(lexicon.patterns)[found[1]]
    for tier, pattern in lexicon.patterns.items():
        match = pattern.fullmatch(bare) or (bare != text and pattern.fullmatch(text))
        if match:
            return match.lastgroup, tier
    return None, NONE


def _line(
    text: str,
    words: int,
    prose: bool,
    kind: str | None,
    tier: int,
    caption: bool,
    dated: bool,
    byline: bool,
    terminal: bool,
    sentence_case: bool,
    words_key: str | None,
) -> Line:
    """``Line(...)`` as the frozen dataclass builds it, in one step instead of one per field
    (features() makes one for every line of every document)."""
    line = object.__new__(Line)
    object.__setattr__(line, "__dict__", {
        "text": text, "words": words, "prose": prose, "kind": kind, "tier": tier, "caption": caption, "dated": dated,
        "byline": byline, "terminal": terminal, "sentence_case": sentence_case, "words_key": words_key,
    })  # fmt: skip
    return line


def lexicon_match(
    text: str,
    toks: Sequence[str] | None,
    lexicon: Lexicon | None = None,
    ascii_text: str | None = None,
    low: str | None = None,
) -> tuple[str, int] | None:
    """(kind, tier) of a widget line by pattern or phrase cover, strongest first.
    ``toks`` are the line's tokens, or None for a line too long to be a widget;
    ``ascii_text`` is ``plain(text)`` and ``low`` is ``lowered(text)`` when the caller has them."""
    return _lexicon_match(text, toks, toks is not None, lexicon or _base, ascii_text, low)


def _lexicon_match(
    text: str, toks: Sequence[str] | None, short: bool, lexicon: Lexicon, ascii_text: str | None, low: str | None
) -> tuple[str, int] | None:
    """``lexicon_match``; ``short``: the line has at most MAX_COVER_TOKENS words, and ``toks``
    may then be None when ``may_cover`` says no cover of them can exist."""
    if len(text) <= MAX_PATTERN_CHARS:
        name, tier = _pattern_match(text, lexicon, low)
        if name is not None:
            return name.rsplit("_", 1)[0], tier
    if not short:
        return None
    found = cover(toks, lexicon.phrases) if toks is not None else None
    if found is None and (camel_in_ascii(ascii_text) if ascii_text is not None else CAMEL.search(text)):
        split = CAMEL.sub(" ", text)
        if may_cover(split, lexicon):
            found = cover(tokens(split), lexicon.phrases)
    return found


def matched_entries(raw: str, lexicon: Lexicon | None = None) -> list[Entry]:
    """The lexicon entries that make a line a widget line (what ``lexicon_match`` used), for benchmarks."""
    lexicon = lexicon or _base
    text = SPACES.sub(" ", INVISIBLE.sub("", raw)).strip()
    if not text or len(text) > LONG_LINE:
        return []
    if len(text) <= MAX_PATTERN_CHARS:
        name, _ = _pattern_match(text, lexicon)
        if name is not None:
            return [lexicon.groups[name]]
    toks = tokens(text)
    if len(toks) > MAX_COVER_TOKENS:
        return []
    parts = cover_parts(toks, lexicon.phrases)
    if parts is None and CAMEL.search(text):
        parts = cover_parts(tokens(CAMEL.sub(" ", text)), lexicon.phrases)
    return [entry for _, _, entry in parts or ()]


# Fast equivalents of the expressions above for features(), which sees only lines it has
# cleaned (single spaces, none at either end). The standard library's ``re`` scans a plain
# character class several times faster than ``regex``; it is used where the two engines
# agree on every character the pattern can meet. tests/test_template_speed_gates.py checks
# the facts this rests on.
C0_SEPARATORS = "\x1c\x1d\x1e\x1f"  # what str.isspace() and re's \s add to regex's \s
UNUSUAL_SPACE = re.compile("[\u200b-\u200f\u2060\ufeff\u00ad\x1c-\x1f]")  # INVISIBLE and C0_SEPARATORS
# Non-ASCII punctuation common in news copy and what stands in for it when counting words:
# none of it is a letter, number or mark, and the right single quote joins a word as ' does.
PLAIN_PUNCTUATION = (("\u2019", "'"),) + tuple(
    (char, " ") for char in "\u201c\u201d\u2014\u2013\u2018\u2026\u00a0\u00ab\u00bb\u2022\u00b7\u20ac\u00a3\u00a9"
)  # the most common first
WORD_INITIAL = compile_regex(r"([\p{L}\p{N}])[\p{L}\p{N}\p{M}'\u2019.&+-]*")  # WORD, capturing its first character
# WORD on ASCII text: its letters and digits by class (l, U, d), the rest of its characters.
WORD_CLASSES = bytes(
    ord("l") if 97 <= b <= 122 else ord("U") if 65 <= b <= 90 else ord("d") if 48 <= b <= 57 else 32 for b in range(256)
)
WORD_JOINERS = b"'.&+-"
# CAMEL finds a place in ASCII text where these classes of characters meet: a lowercase
# letter or digit, then a capital and a lowercase letter; or a lowercase letter, then two capitals.
CAMEL_MEETINGS = (b"lUl", b"dUl", b"lUU")


def camel_in_ascii(text: str) -> bool:
    """``CAMEL.search(text)`` for ASCII text."""
    return camel_meeting(text.encode().translate(WORD_CLASSES))


def camel_meeting(classes: bytes) -> bool:
    """Do the character classes (WORD_CLASSES) meet as CAMEL looks for?"""
    return CAMEL_MEETINGS[0] in classes or CAMEL_MEETINGS[1] in classes or CAMEL_MEETINGS[2] in classes

TERMINAL_MARKS, TERMINAL_CLOSERS = ".!?\u3002\uff01\uff1f", "\"'\u201d\u2019\u00bb)]"
ELLIPSIS_CLOSERS = "\"'\u201d\u2019)]"


def clean(raw: str) -> str:
    """A line without invisible characters, with single spaces and none at either end."""
    if raw.isprintable() and "  " not in raw and raw[:1] != " " and raw[-1:] != " ":
        return raw  # every other space, and every INVISIBLE character, is unprintable
    if raw.isascii():
        if not ("\x1c" in raw or "\x1d" in raw or "\x1e" in raw or "\x1f" in raw):
            return " ".join(raw.split())  # str.split() splits at what \s matches, and at C0_SEPARATORS
    elif UNUSUAL_SPACE.search(raw) is None:
        return " ".join(raw.split())
    return SPACES.sub(" ", INVISIBLE.sub("", raw)).strip()


def plain(text: str) -> str | None:
    """The text with PLAIN_PUNCTUATION stood in for, if that leaves it ASCII, else None."""
    if text.isascii():  # isascii() costs nothing: a string knows it
        return text
    for char, stand_in in PLAIN_PUNCTUATION:
        if char in text:
            text = text.replace(char, stand_in)
            if text.isascii():
                return text
    return None


def features(raw: str, lexicon: Lexicon | None = None) -> Line:
    """The features of one line of text."""
    return lines_of((raw,), lexicon)[0]


def lines_of(raws: Iterable[str], lexicon: Lexicon | None = None, undated: set[str] | None = None) -> list[Line]:
    """``features`` of each line, in one loop (classify() runs it on every line of every page).
    With ``undated``, a line that may hold a date (a short one with a digit) is not looked at
    for one: it is put in the set, with ``dated`` False until the caller settles it (``dated``)."""
    lexicon = lexicon or _base
    matcher = lexicon.matcher
    candidates = matcher.candidates if matcher is not None and matcher.all_gated else None
    phrases = lexicon.phrases
    screen = CAPTION_SCREEN
    classes_of, joiners = WORD_CLASSES, WORD_JOINERS
    closers, marks, ellipsis_closers = TERMINAL_CLOSERS, TERMINAL_MARKS, ELLIPSIS_CLOSERS
    most_tokens, most_pattern_chars, long_line, wrappers = MAX_COVER_TOKENS, MAX_PATTERN_CHARS, LONG_LINE, WRAPPERS
    new, set_field = object.__new__, object.__setattr__
    out: list[Line] = []
    for raw in raws:
        # clean(), plain() and lowered() inline where the line is plain.
        if raw.isprintable() and "  " not in raw and raw[:1] != " " and raw[-1:] != " ":
            text = raw  # every other space, and every INVISIBLE character, is unprintable
        else:
            text = clean(raw)
        if not text:
            out.append(Line("", 0, False))
            continue
        if len(text) > long_line:
            out.append(Line(text, text.count(" ") + 1, True, terminal=True))
            continue
        # The words (WORD), how many start with a cased letter and how many with a lowercase one.
        ascii_text = text if text.isascii() else plain(text)
        if ascii_text is not None:
            # A word is a run of WORD's characters with a letter or digit in it, and starts at
            # the first of those. With the others (WORD_JOINERS) taken out and each letter or
            # digit written as its class, a word is a run of classes after a space.
            classes = (" " + ascii_text).encode().translate(classes_of, joiners)
            lower = classes.count(b" l")
            cased = lower + classes.count(b" U")
            count = cased + classes.count(b" d")
            low = text.lower()  # lowered(): a plain text holds no FOLDS_TO_ASCII character
        else:
            ideographs = len(IDEOGRAPH.findall(text))
            initials = WORD_INITIAL.findall(IDEOGRAPH.sub(" ", text) if ideographs else text)
            count = len(initials) + ideographs
            letters = "".join(filter(str.isalpha, initials))  # a letter is upper- or lowercase, or neither
            lower = sum(map(str.islower, letters))
            cased = lower + sum(map(str.isupper, letters))
            low = lowered(text)
        # TERMINAL and ELLIPSIS_END: the text has no line break at its end for $ to stop before.
        end = text.rstrip(closers)
        terminal = bool(end) and end[-1] in marks and not text.rstrip(ellipsis_closers).endswith(("...", "\u2026"))
        sentence_case = not cased or lower >= 0.4 * cased
        prose = sentence_case and (count >= 8 and terminal or count >= 14)
        short = count <= most_tokens
        toks = None
        # A plain text's casefold() is its lower(): its other characters have no case.
        if short and may_cover(text, lexicon, low.replace("\u2019", "'") if ascii_text is not None else None):
            toks = tokens(text)  # otherwise they are worked out when the line's key is asked for
        kind, tier = None, NONE
        if (
            candidates is not None
            and low is not None
            and len(text) <= most_pattern_chars
            and text[0] not in wrappers
            and text[-1] not in wrappers
            and not candidates(text, low)
        ):
            # The usual line: no widget pattern can match it (a clean line has no space at either
            # end, and without wrappers it is its own bare form), only a phrase cover can.
            match = cover(toks, phrases) if toks is not None else None
            # ``classes`` lacks WORD_JOINERS, so it may show a camel-case meeting the text doesn't
            # have ("a.Bc"): CAMEL.sub then changes nothing, and the line's own cover failed already.
            if match is None and short and (camel_meeting(classes) if ascii_text is not None else CAMEL.search(text)):
                split = CAMEL.sub(" ", text)
                if may_cover(split, lexicon):
                    match = cover(tokens(split), phrases)
        else:
            match = _lexicon_match(text, toks, short, lexicon, ascii_text, low)
        if match:
            kind, tier = match
        elif not count:  # no letter or digit (HAS_ALNUM): every one starts a word or is an ideograph
            kind, tier = "separator", WEAK
        elif toks and all(t == "#" for t in toks):
            kind, tier = "counter", WEAK
        elif len(text) <= 200 and " " not in text and ASSET_LINE.fullmatch(text):
            kind, tier = "asset", ANYWHERE if ASSET_WORD.search(text) else OUTSIDE
        elif len(text) <= 200 and " " not in text and URL_LINE.fullmatch(text):
            kind, tier = "url", WEAK
        if count <= 16:
            digits = b"d" in classes if ascii_text is not None else DIGIT.search(text)  # plain text: ASCII digits only
            if digits and undated is not None:
                undated.add(raw)
                dated = False
            else:
                dated = bool(digits) and bool(DATE.search(text))
            byline = bool(BYLINE.search(text))
        else:
            dated = byline = False
        if count > 60 or byline or tier == ANYWHERE:
            caption = False
        elif low is not None and screen is not None and not screen(text, low):
            caption = False  # neither pattern can match (the line has no space at its end for $)
        else:
            caption = is_caption(text, low)
        if kind is not None or caption:
            prose = False
        line = new(Line)  # _line(), inline
        set_field(line, "__dict__", {
            "text": text, "words": count, "prose": prose, "kind": kind, "tier": tier, "caption": caption,
            "dated": dated, "byline": byline, "terminal": terminal, "sentence_case": sentence_case,
            "words_key": " ".join(toks) if toks is not None else None,
        })  # fmt: skip
        out.append(line)
    return out


class Verdict(NamedTuple):
    """The classifier's decision on one line: residue (and which rule reports it) or not."""

    rule: str | None = None
    kind: str | None = None


@lru_cache(maxsize=None)
def verdict(rule: str | None, kind: str | None) -> Verdict:
    """One shared Verdict per (rule, kind): pages have hundreds of thousands of lines."""
    return Verdict(rule, kind)


class Run(NamedTuple):
    """Adjacent residue lines reported together: 0-based first and last line, inclusive."""

    rule: str
    first: int
    last: int
    kinds: tuple[str, ...]
    lines: int


ENGLISH_FUNCTION_WORDS = frozenset(
    "the a an and of to in is was that for on with as by at it he she they his her their "
    "from but not have has had be been were are this which who would will said".split()
)
ENGLISH_WORD = compile_regex(r"\p{L}[\p{L}\p{M}'\u2019-]*")
# ENGLISH_WORD's characters in lowercase ASCII text, the rest as spaces; the function words
# as text and as bytes.
ENGLISH_CHARACTERS = bytes(b if 97 <= b <= 122 or b in b"'-" else 32 for b in range(256))
FUNCTION_WORDS = ENGLISH_FUNCTION_WORDS | frozenset(word.encode() for word in ENGLISH_FUNCTION_WORDS)


def english_words(text: str) -> list:
    """``ENGLISH_WORD.findall(text.casefold())``, as bytes when the text is plain: a word is
    the run of its characters from the first letter on (no function word holds an apostrophe,
    so ’ may stand as ')."""
    ascii_text = plain(text)
    if ascii_text is None:
        return ENGLISH_WORD.findall(text.casefold())
    runs = (" " + ascii_text.lower()).encode().translate(ENGLISH_CHARACTERS)
    while b" '" in runs or b" -" in runs:  # a run's apostrophes and hyphens before its first letter
        runs = runs.replace(b" '", b" ").replace(b" -", b" ")
    return runs.split()
ENGLISH_SHARE = 0.15

# Scores for finding the article block (see module docstring).
COST = {NONE: 4, WEAK: 6, OUTSIDE: 12, ANYWHERE: 25}
SECTION_COST = 60
INTERLEAVED_COST = 10
SECTION_KINDS = frozenset({"comments", "thread", "footer", "cookie", "language"})
INTERLEAVED = frozenset({"ad", "affiliate", "related", "media", "share"})
BUTTON_KINDS = INTERLEAVED - {"related"}
STORY_TOP_WINDOW = 12
INTRO_LINES = 4
SHORT_LABELS = 2
ISOLATED_PROSE = 0.3
THREAD_PROSE = 0.3
LIST_END_WORDS = 15
MIN_WEAK_EVIDENCE = 3
CONTINUATION_WORDS = 6
CONTINUATION_LINES = 4
BOX_LINKS = 3
PARAGRAPH_WORDS = 15


def scores(lines: Sequence[Line], structure: frozenset[int] = frozenset()) -> list[float]:
    """Block scores: a prose line earns its words, discounted when no prose line is next to it
    (teasers in related lists alternate with headlines; article paragraphs come in runs).
    Advertising labels and captions between paragraphs don't break a run. Widget lines cost
    by tier, and more when they head or close a page section (related lists, comments, footers).
    ``structure`` lines (Markdown headings and list items) don't break a run either."""
    boxed = inline_boxes(lines) | structure
    passable = [
        not line.text or line.caption or (line.kind in INTERLEAVED and line.tier >= OUTSIDE) or i in boxed
        for i, line in enumerate(lines)
    ]
    prev_prose = [False] * len(lines)
    last = False
    for i, line in enumerate(lines):
        prev_prose[i] = last
        if not passable[i]:
            last = line.prose
    thread = next((i for i, line in enumerate(lines) if line.kind == "thread" and line.tier == ANYWHERE), len(lines))
    out = [0.0] * len(lines)
    nxt = False
    for i in range(len(lines) - 1, -1, -1):
        line = lines[i]
        if not line.text:
            continue
        if line.prose:
            out[i] = line.words * (1.0 if prev_prose[i] or nxt else ISOLATED_PROSE) * (THREAD_PROSE if i > thread else 1.0)
        elif line.caption:
            out[i] = -COST[NONE]
        elif line.tier == ANYWHERE and line.kind in SECTION_KINDS:
            out[i] = -SECTION_COST
        elif line.tier == ANYWHERE and line.kind in INTERLEAVED:
            out[i] = -INTERLEAVED_COST
        else:
            out[i] = -COST[line.tier]
        if not passable[i]:
            nxt = line.prose
    return out


def inline_boxes(lines: Sequence[Line]) -> set[int]:
    """The links of short related-links boxes ("Read more:" or "You may also like" and up to
    BOX_LINKS headline lines) that sit between two paragraphs of prose."""
    boxed: set[int] = set()
    n = len(lines)
    for i, line in enumerate(lines):
        if not (line.kind == "related" and line.tier == ANYWHERE):
            continue
        members = []
        j = i + 1
        while j < n and len(members) <= BOX_LINKS:
            other = lines[j]
            if other.text:
                if other.prose or other.tier >= OUTSIDE or other.caption:
                    break
                members.append(j)
            j += 1
        if members and len(members) <= BOX_LINKS and j < n and lines[j].prose:
            boxed.update(members)
    return boxed


def article_block(lines: Sequence[Line], structure: frozenset[int] = frozenset()) -> tuple[int, int] | None:
    """First and last index of the maximum-score segment (Kadane), or None without prose."""
    best, best_span = 0.0, None
    total, start = 0.0, 0
    for i, value in enumerate(scores(lines, structure)):
        if total <= 0:
            total, start = 0.0, i
        total += value
        if total > best:
            best, best_span = total, (start, i)
    if best_span is None:
        return None
    a, b = best_span
    while a < b and not lines[a].text:
        a += 1
    return a, b


def has_evidence(lines: Sequence[Line], region: Sequence[int]) -> bool:
    """Does a region outside the article (its non-blank line indices) hold enough
    lexicon evidence to call it residue? One ``ANYWHERE`` line, an ``OUTSIDE`` line
    next to another widget line, or MIN_WEAK_EVIDENCE section names."""
    weak = 0
    for n, i in enumerate(region):
        tier = lines[i].tier
        if tier == ANYWHERE:
            return True
        if tier == OUTSIDE:
            company = [region[m] for m in (n - 1, n + 1) if 0 <= m < len(region)]
            if any(lines[j].tier >= WEAK for j in company):
                return True
        if tier == WEAK:
            weak += 1
            if weak >= MIN_WEAK_EVIDENCE:
                return True
    return False


def is_english(block: Sequence[Line]) -> bool:
    """Do English function words make up a fair share of the block's prose?
    (The lexicon is English; on other languages only direct evidence counts.)"""
    words = total = 0
    for line in block:
        if line.prose and len(line.text) <= LONG_LINE:
            found = english_words(line.text)
            words += len(found)
            total += sum(map(FUNCTION_WORDS.__contains__, found))
            if words >= 400:
                break
    return words < 20 or total >= ENGLISH_SHARE * words


def headline_key(text: str) -> str:
    return " ".join(tokens(text))


def related_lists(lines: Sequence[Line]) -> set[int]:
    """Lines listed under a related-links header ("Related articles", "More from ...")
    up to the next paragraph of prose."""
    members: set[int] = set()
    in_list = False
    for i, line in enumerate(lines):
        if not line.text:
            continue
        if line.kind == "related" and line.tier == ANYWHERE:
            in_list = True
        elif line.prose and (line.words >= LIST_END_WORDS or line.terminal_period):
            in_list = False
        elif in_list and line.tier < ANYWHERE and not line.caption:
            members.add(i)
    return members


def story_top(lines: Sequence[Line], start: int, hint: int | None = None) -> tuple[int | None, set[int]]:
    """The headline index and the lines to keep (byline, dateline, standfirst) above the block.

    Walks up over at most STORY_TOP_WINDOW non-blank lines that are not widget
    lines. Each headline-like line met is a candidate, scored: printed again
    elsewhere in the text (pages repeat their own title), followed by a byline
    or dateline before the body, picked as the headline by the parser
    (``hint``), and nearness. Of identical copies the earliest
    is the headline, the others are repeats. Without a headline, datelines,
    bylines, a standfirst and a short label right above the body are kept.
    """
    kept: set[int] = set()
    candidates: list[int] = []
    seen = 0
    for i in range(start - 1, -1, -1):
        line = lines[i]
        if not line.text or line.tier >= OUTSIDE or line.caption:
            continue
        seen += 1
        if seen > STORY_TOP_WINDOW:
            break
        if line.dated or line.byline or (line.words <= 3 and line.tier == NONE):
            if not candidates and (line.dated or line.byline or seen <= SHORT_LABELS):
                kept.add(i)
        elif line.headline_like:
            candidates.append(i)
        elif line.prose and not candidates:
            kept.add(i)
    if not candidates:
        return None, kept
    # Lines compared with the candidates; their keys are worked out only for lines that can share
    # one with a candidate (see key_probe).
    members = [i for i, line in enumerate(lines) if 3 <= line.words <= 40]
    folds: dict[int, str] = {}

    def fold(j: int) -> str:
        if j not in folds:
            folds[j] = folded(lines[j].text)
        return folds[j]

    def same_key(i: int) -> list[int]:
        key = lines[i].key
        probe = key_probe(key)
        return [j for j in members if (probe is None or probe in fold(j)) and lines[j].key == key]

    def merit(rank: int, i: int) -> float:
        key = lines[i].key
        printed_again = len(same_key(i)) > 1 or any(
            j != i and repeats_headline(lines[j], key, fold(j)) for j in members if len(lines[j].text) > len(lines[i].text)
        )
        following = [j for j in range(i + 1, start) if lines[j].text and lines[j].tier < OUTSIDE][:INTRO_LINES]
        introduces = any(lines[j].dated or lines[j].byline for j in following)
        return 3.0 * printed_again + 2.0 * introduces + 0.75 * (i == hint) + 1.0 / (1 + rank)

    headline = max(enumerate(candidates), key=lambda pair: merit(*pair))[1]
    copies = same_key(headline)
    headline = min([i for i in copies if i < headline and i in candidates] + [headline])
    return headline, kept | {headline}


AFFIX_SEPARATOR = compile_regex(r"\s[-|\u2013\u2014\u00b7\u2022/\u00bb:]\s|[|\u00b7\u2022\u00bb:]")
QUOTED = compile_regex(r"[\"\u201c\u201d\u201e\u00ab\u00bb]|(?:^|\s)'|',")


def folded(text: str) -> str:
    """The text as tokens() sees it before splitting."""
    return text.casefold().replace("\u2019", "'")


@lru_cache(maxsize=256)
def key_probe(key: str) -> str | None:
    """The longest word of a headline key (without "#"), or None. A line whose key holds the
    key has the word inside one of its tokens, and a token other than the count "#" is a
    piece of the line's folded text: a line without the word in its folded text can't hold
    the key, and its own key need not be worked out."""
    words = [word for word in key.split(" ") if word and "#" not in word]
    return max(words, key=len) if words else None


def repeats_headline(line: Line, key: str, fold: str | None = None) -> bool:
    """Is this line the headline printed again, alone or with a short site or section affix?
    (``fold``: ``folded(line.text)``, if the caller has it.)"""
    if not line.text or line.words > 40:
        return False
    probe = key_probe(key)
    if probe is not None and probe not in (fold if fold is not None else folded(line.text)):
        return False
    own = line.key
    if own == key:
        return True
    if key not in own:
        return False
    extra = own.replace(key, " ").split()
    if len(extra) > 5 or not (own.startswith(key) or own.endswith(key)):
        return False
    # A site or section affix is set off by a separator ("Headline | Site", "Sport: Headline");
    # a quoted headline with its speaker ("'Headline,' the mayor wrote.") is a sentence.
    return bool(AFFIX_SEPARATOR.search(line.text)) and not QUOTED.search(line.text) and not line.terminal_period


def classify(
    texts: Sequence[str],
    *,
    title: str | None = None,
    hint: int | None = None,
    extra_phrases: tuple[str, ...] = (),
    structure: frozenset[int] = frozenset(),
    headings: frozenset[int] = frozenset(),
    authored: bool = False,
) -> list[Verdict]:
    """A verdict for each line of a document (texts without line endings).

    ``title`` is a headline given outside the text (a front-matter title):
    every line that repeats it is a repeat. ``hint`` is the index of the line
    the parser took for the headline, a tie-breaker among candidates.
    ``extra_phrases`` are house widget lines, residue anywhere. ``structure``
    holds the indices of lines the author marked up as headings or list items
    (Markdown): they don't split the article's prose into separate blocks.
    With ``authored`` (Markdown, which people write rather than scrape), a
    paragraph of prose or a heading (``headings``) outside the article block
    is residue only on direct lexicon evidence, never just for where it stands.
    """
    lexicon = lexicon_for(tuple(extra_phrases))
    known: dict[str, Line] = dict.fromkeys(texts)  # pages repeat their menus and widgets: analyse each text once
    undated: set[str] = set()  # only lines above the article and after it are asked whether they are dated
    known.update(zip(known, lines_of(known, lexicon, undated)))
    lines = list(map(known.__getitem__, texts))
    verdicts = [Verdict()] * len(lines)
    block = article_block(lines, structure)
    if block is None:
        return verdicts
    start, end = block
    end = _extend_over_buttons(lines, end)
    lines = dated(texts, lines, known, undated, range(start))
    headline, kept = story_top(lines, start, hint)

    # Without a widget or caption line nothing but a repeated headline is residue: no region has
    # evidence, nothing is marked, keeps company or lists (and is_english() need not be asked).
    if any(line.tier or line.caption for line in known.values()):
        lines = dated(texts, lines, known, undated, range(end + 1, len(lines)))
        _mark_residue(lines, verdicts, start, end, headline, kept, headings, authored)
        if any(line.kind == "author" for line in known.values()):
            _author_boxes(lines, verdicts, kept)
    if not authored:
        _faq_block(lines, verdicts, known.values())
    if title is not None or headline is not None:
        key = headline_key(title) if title is not None else lines[headline].key
        for i, line in enumerate(lines):
            # (repeats_headline turns down a blank line or one of more than 40 words at once)
            if line.text and line.words <= 40 and (title is not None or i != headline) and repeats_headline(line, key):
                verdicts[i] = verdict(REPEAT, "headline")
    if any(line.caption for line in known.values()):
        _figure_captions(lines, verdicts, kept, structure)
    return verdicts


def _author_boxes(lines: Sequence[Line], verdicts: list[Verdict], kept: set[int]) -> None:
    """A theme's author box above its link ("View all posts by Jane Roe"): the author's name
    on a short line of capitalised words, then a bio of up to AUTHOR_BIO_LINES lines that
    names the author again in its first words ("Jane covers transport ..."). A long bio reads
    as prose and can join the article block; the link tells it is the box. A subheading and
    the article's last paragraph above such a link share no name and stay the article's."""
    for i, line in enumerate(lines):
        if line.kind != "author" or line.tier != ANYWHERE:
            continue
        box: list[int] = []
        j = i - 1
        while j >= 0 and len(box) <= AUTHOR_BIO_LINES:
            if lines[j].text:
                if verdicts[j].rule is not None or j in kept:
                    break
                box.append(j)
                name = lines[j]
                if len(box) > 1 and name.words <= AUTHOR_NAME_WORDS and not name.sentence_case and not name.terminal:
                    first = tokens(name.text)[:1]
                    if first and any(first[0] in tokens(lines[k].text)[:AUTHOR_NAMED_WITHIN] for k in box[:-1]):
                        for k in box:
                            verdicts[k] = verdict(RESIDUE, "author")
                    break
            j -= 1


def may_head_faq(line: Line) -> bool:
    """Can FAQ_HEADING match the line? Only a short one that holds one of FAQ_LITERALS."""
    if not 0 < line.words <= FAQ_HEADING_WORDS:
        return False
    folded = line.text.casefold()
    return any(literal in folded for literal in FAQ_LITERALS)


def _faq_block(lines: Sequence[Line], verdicts: list[Verdict], distinct: Iterable[Line]) -> None:
    """An FAQ block that a site's search-engine plugin appends to the article: a heading
    ("Frequently asked questions", "FAQs about ...", "People also ask"), then questions, each
    followed by its answer, up to the end of the text or the page residue after it. Only
    after a complete article (FAQ_ARTICLE_PARAGRAPHS paragraphs with more words than the
    answers): an explainer written as questions and answers is the article itself. Nor in
    Markdown, which people write (an author's own FAQ is meant), nor when a question goes
    unanswered or something other than questions and full-sentence answers follows (a
    subheading or a list: an FAQ heading in the middle of a story)."""
    headings = {line.text for line in distinct if may_head_faq(line) and FAQ_HEADING.fullmatch(line.text)}
    if not headings:
        return
    paragraphs = article_words = 0
    for h, line in enumerate(lines):
        if verdicts[h].rule is None and is_paragraph(line):
            paragraphs += 1
            article_words += line.words
        if line.text not in headings:
            continue
        questions = answer_words = 0
        answered = True
        last = None
        j = h + 1
        while j < len(lines):
            other = lines[j]
            if other.text:
                if verdicts[j].rule is not None or other.tier >= OUTSIDE:
                    break
                if other.text.endswith("?") and other.words <= FAQ_QUESTION_WORDS:
                    if not answered:
                        return
                    questions += 1
                    answered = False
                elif not questions or not other.terminal:
                    return  # no question after the heading, or a subheading or list: not only questions and answers
                else:
                    answered = True
                    answer_words += other.words
                last = j
            j += 1
        if questions >= FAQ_QUESTIONS and answered and paragraphs >= FAQ_ARTICLE_PARAGRAPHS and article_words > answer_words:
            for i in range(h, last + 1):
                if lines[i].text and verdicts[i].rule is None:
                    verdicts[i] = verdict(RESIDUE, "faq")
        return


def _figure_captions(lines: Sequence[Line], verdicts: list[Verdict], kept: set[int], structure: frozenset[int]) -> None:
    """A figure's caption: the line right above a short credit line ("Photo: Jane Roe/Agency")
    when the two stand alone between blank lines (or residue). A scraper puts an image's
    caption and its credit on two lines; the credit is a caption line by its label, the
    caption above it only by its place. Never the story's headline, byline or dateline, a
    widget line, or a Markdown heading or list item; and a caption and credit must be a
    block of their own, so in text whose paragraphs are not set off by blank lines a
    paragraph right above a credit stays the article's."""

    def open_edge(j: int) -> bool:  # the start or end of the text, a blank line or residue
        return not 0 <= j < len(lines) or not lines[j].text or verdicts[j].rule is not None

    for i, line in enumerate(lines):
        if not line.caption or i == 0 or line.words > CREDIT_LINE_WORDS or not CREDIT_LINE.match(line.text):
            continue
        j = i - 1
        above = lines[j]
        if (
            above.text
            and verdicts[j].rule is None
            and j not in kept
            and j not in structure
            and above.tier < OUTSIDE
            and not above.byline
            and above.words <= FIGURE_CAPTION_WORDS
            and open_edge(j - 1)
            and open_edge(i + 1)
        ):
            verdicts[j] = verdict(CAPTION, "caption")


def dated(
    texts: Sequence[str], lines: list[Line], known: dict[str, Line], undated: set[str], indices: Iterable[int]
) -> list[Line]:
    """The lines with ``dated`` settled at ``indices`` (see lines_of): the only lines whose date
    the classifier asks about are above the article block (story_top) and below it (_continuation)."""
    settle = {texts[i] for i in indices if texts[i] in undated}
    if not settle:
        return lines
    undated -= settle
    changed = False
    for raw in settle:
        line = known[raw]
        if DATE.search(line.text):
            known[raw] = replace(line, dated=True)
            changed = True
    return list(map(known.__getitem__, texts)) if changed else lines


def _mark_residue(
    lines: Sequence[Line],
    verdicts: list[Verdict],
    start: int,
    end: int,
    headline: int | None,
    kept: set[int],
    headings: frozenset[int],
    authored: bool,
) -> None:
    """classify()'s residue and caption verdicts, given the article block (start, end), the
    headline and the lines kept above the block."""

    def mark(i: int, rule: str) -> None:
        line = lines[i]
        verdicts[i] = verdict(rule, "caption" if line.caption else REPORTED_KIND.get(line.kind, line.kind))

    above = headline if headline is not None else start
    if is_english(lines[start : end + 1]):
        leading = [i for i in range(above) if lines[i].text and i not in kept]
        trailing = [i for i in range(end + 1, len(lines)) if lines[i].text]
        trailing = trailing[len(_continuation(lines, trailing)):]
        for region in (leading, trailing):
            if has_evidence(lines, region):
                for i in region:
                    if not (authored and lines[i].tier == NONE and (i in headings or is_paragraph(lines[i]))):
                        mark(i, RESIDUE)
        if headline is not None:
            for i in leading:
                if lines[i].tier >= WEAK and verdicts[i].rule is None:
                    mark(i, RESIDUE)  # a section label or widget above the headline
        lo, hi = above, end
    else:
        lo, hi = 0, len(lines) - 1  # a language the lexicon doesn't cover: direct evidence only
    for i, line in enumerate(lines):
        if i in kept or not line.text or verdicts[i].rule is not None:
            continue
        if line.caption:
            mark(i, CAPTION)  # a caption is one wherever it stands
        elif line.tier == ANYWHERE and lo <= i <= hi:
            mark(i, RESIDUE)
    _keep_company(lines, verdicts, lo, hi)
    for i in related_lists(lines):
        if lo <= i <= hi and verdicts[i].rule is None:
            verdicts[i] = verdict(RESIDUE, "related")


def _extend_over_buttons(lines: Sequence[Line], end: int) -> int:
    """The block's last line, moved past paragraphs that follow it with only buttons
    between (share, advertising, shopping or player lines, captions) and perhaps a
    subheading: a short article's last paragraphs, which the block's costs may leave out."""
    j = end + 1
    heading = shared = False
    while j < len(lines):
        line = lines[j]
        if not line.text:
            pass
        elif line.tier == NONE and is_paragraph(line):
            end, heading, shared = j, False, False
        elif line.tier == NONE and not (heading or shared or line.prose) and line.words <= 12:
            heading = True  # a subheading, if a paragraph follows it (share buttons close an article instead)
        elif not heading and (line.caption or (line.kind in BUTTON_KINDS and line.tier >= OUTSIDE)):
            shared = shared or line.kind == "share"
        else:
            break
        j += 1
    return end


def is_paragraph(line: Line) -> bool:
    """A full sentence of PARAGRAPH_WORDS or more that ends with its punctuation."""
    return line.prose and line.terminal and line.words >= PARAGRAPH_WORDS


def _continuation(lines: Sequence[Line], trailing: Sequence[int]) -> list[int]:
    """The lines right after the article block that still read as the article's own
    (a short closing list of steps): up to CONTINUATION_LINES sentence-case lines of
    CONTINUATION_WORDS or more, with no lexicon evidence and no date, followed by a
    line that has evidence. A longer run of such lines is a list of other headlines."""
    kept = []
    for i in trailing:
        line = lines[i]
        if line.tier > NONE or line.caption or line.dated or not line.sentence_case or line.words < CONTINUATION_WORDS:
            break
        kept.append(i)
    return kept if len(kept) <= CONTINUATION_LINES else []


def _neighbours(lines: Sequence[Line], i: int, lo: int, hi: int) -> Iterable[int]:
    """The nearest non-blank line above and below i within [lo, hi]."""
    for step in (-1, 1):
        j = i + step
        while lo <= j <= hi and not lines[j].text:
            j += step
        if lo <= j <= hi:
            yield j


def _keep_company(lines: Sequence[Line], verdicts: list[Verdict], lo: int, hi: int) -> None:
    """Inside the block, lexicon lines next to residue (or to each other) are residue too."""
    for i in range(lo, hi + 1):
        line = lines[i]
        if verdicts[i].rule is None and line.tier == OUTSIDE and any(lines[j].tier >= OUTSIDE for j in _neighbours(lines, i, lo, hi)):
            verdicts[i] = verdict(RESIDUE, REPORTED_KIND.get(line.kind, line.kind))
    for order in (range(lo, hi + 1), range(hi, lo - 1, -1)):
        for i in order:
            line = lines[i]
            if verdicts[i].rule is None and line.tier >= WEAK and any(verdicts[j].rule == RESIDUE for j in _neighbours(lines, i, lo, hi)):
                verdicts[i] = verdict(RESIDUE, REPORTED_KIND.get(line.kind, line.kind))


def runs(verdicts: Sequence[Verdict], texts: Sequence[str] | None = None) -> list[Run]:
    """Group residue lines into runs: same rule, separated only by blank lines.

    ``texts`` tells blank lines apart; without it every line without a verdict
    ends a run.
    """
    out: list[Run] = []
    if all(verdict.rule is None for verdict in verdicts):
        return out
    current: list[int] = []
    rule = None

    def flush() -> None:
        if current:
            kinds: dict[str, int] = {}
            for i in current:
                kind = verdicts[i].kind
                if kind:
                    kinds[kind] = kinds.get(kind, 0) + 1
            ordered = tuple(sorted(kinds, key=lambda k: -kinds[k]))
            out.append(Run(rule, current[0], current[-1], ordered, len(current)))

    for i, verdict in enumerate(verdicts):
        if verdict.rule is None:
            if texts is not None and not texts[i].strip():
                continue
            flush()
            current, rule = [], None
            continue
        if verdict.rule != rule or verdict.rule == REPEAT:
            flush()
            current, rule = [], verdict.rule
        current.append(i)
    flush()
    return out
