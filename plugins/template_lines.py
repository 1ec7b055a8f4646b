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
adjacent residue lines (blank lines between them don't break a run).
docs/rules/template.md describes the whole design and its measurements.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Mapping, Sequence

import regex

from newslint.patterns import compile as compile_regex
from newslint_plugins.lexicons import load_lexicon

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
TOKEN_SPLIT = compile_regex(r"[\s|\u2022\u00b7,;/\\\u00bb\u203a<>()\[\]{}\"\u201c\u201d\u201e\u00ab]+")
TOKEN_TRIM = ".:!?*'\u2019\u2018-\u2013\u2014=_~#"
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
CREDIT_WORDS = "|".join(regex.escape(w) for w in sorted(LEXICON["credit_words"], key=lambda item: (-len(item), item)))
AGENCIES = "|".join(regex.escape(w) for w in sorted(LEXICON["agencies"], key=lambda item: (-len(item), item)))
# Caption and credit lines (T102): how they start, and how they end (searched in the last
# CAPTION_TAIL characters, since a credit closes its line).
CAPTION_START = compile_regex(
    "|".join(
        (
            rf"(?:{CREDIT_WORDS})s?\s*(?:by)?\s*:\s*\S",
            r"(?:image|photo|picture|video|media)\s+(?:copyright|caption|credit|source)\b",
            rf"(?:{AGENCIES})(?:\s+(?:photo|images?|file|via getty images))?\s*$",
            rf"(?:{AGENCIES})\s*/\s*\S",
            r"(?:file photo|handout photo|handout)\s*[:\-]",
            r"courtesy\s+(?:of\s+)?\S",
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
DIGIT = compile_regex(r"\d")


def is_caption(text: str) -> bool:
    """Does the line open like a caption or credit, or close with one?"""
    return bool(CAPTION_START.match(text) or CAPTION_END.search(text, max(0, len(text) - CAPTION_TAIL)))


Entry = tuple[str, str, str]  # (kind, tier name, phrase or pattern) as written in the lexicon
PhraseTable = Mapping[str, list[tuple[tuple[str, ...], str, int, Entry]]]


def tokens(text: str) -> list[str]:
    """Lowercase word tokens for lexicon matching; bare counts become ``#``."""
    out = []
    for raw in TOKEN_SPLIT.split(text.casefold().replace("\u2019", "'")):
        token = raw.strip(TOKEN_TRIM)
        if token:
            out.append("#" if COUNT.fullmatch(token) else token)
    return out


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


def build_lexicon(data: Mapping = LEXICON, extra: Iterable[str] = (), drop: frozenset = frozenset()) -> Lexicon:
    """Compile a lexicon. ``extra`` are house widget lines (residue anywhere);
    ``drop`` lists entries to leave out (bench/template.py measures held-out figures that way)."""
    parts: dict[int, list[str]] = {ANYWHERE: [], OUTSIDE: [], WEAK: []}
    groups: dict[str, Entry] = {}
    for kind, tiers in data["patterns"].items():
        for tier, patterns in tiers.items():
            for pattern in patterns or ():
                if (kind, tier, pattern) in drop:
                    continue
                name = f"{kind}_{len(groups)}"
                groups[name] = (kind, tier, pattern)
                parts[TIERS[tier]].append(f"(?P<{name}>{pattern.removeprefix('^').removesuffix('$')})")
    compiled = {tier: compile_regex("|".join(alts), regex.IGNORECASE) for tier, alts in parts.items() if alts}

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
    return Lexicon(compiled, groups, by_first)


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
    for i in range(n):
        if reach[i] is None:
            continue
        if toks[i] == "#":
            if reach[i + 1] is None:
                reach[i + 1] = reach[i]
            continue
        for key, kind, tier, entry in phrases.get(toks[i], ()):
            j = i + len(key)
            if j <= n and tuple(toks[i:j]) == key:
                parts = reach[i] + [(kind, tier, entry)]
                if reach[j] is None or len(parts) < len(reach[j]):
                    reach[j] = parts
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
        """The words of the line, for comparing it with the headline."""
        return self.words_key if self.words_key is not None else headline_key(self.text)

    @property
    def headline_like(self) -> bool:
        return 3 <= self.words <= 30 and self.tier < OUTSIDE and not (self.caption or self.byline or self.terminal_period)

    @property
    def terminal_period(self) -> bool:
        return self.text.endswith((".", "\u3002")) and not self.text.endswith("...")


def lexicon_match(text: str, toks: Sequence[str] | None, lexicon: Lexicon | None = None) -> tuple[str, int] | None:
    """(kind, tier) of a widget line by pattern or phrase cover, strongest first.
    ``toks`` are the line's tokens, or None for a line too long to be a widget."""
    lexicon = lexicon or _base
    if len(text) <= MAX_PATTERN_CHARS:
        bare = text.strip(WRAPPERS)
        for tier, pattern in lexicon.patterns.items():
            match = pattern.fullmatch(bare) or (bare != text and pattern.fullmatch(text))
            if match:
                return match.lastgroup.rsplit("_", 1)[0], tier
    if toks is None:
        return None
    found = cover(toks, lexicon.phrases)
    if found is None and CAMEL.search(text):
        found = cover(tokens(CAMEL.sub(" ", text)), lexicon.phrases)
    return found


def matched_entries(raw: str, lexicon: Lexicon | None = None) -> list[Entry]:
    """The lexicon entries that make a line a widget line (what ``lexicon_match`` used), for benchmarks."""
    lexicon = lexicon or _base
    text = SPACES.sub(" ", INVISIBLE.sub("", raw)).strip()
    if not text or len(text) > LONG_LINE:
        return []
    if len(text) <= MAX_PATTERN_CHARS:
        bare = text.strip(WRAPPERS)
        for pattern in lexicon.patterns.values():
            match = pattern.fullmatch(bare) or (bare != text and pattern.fullmatch(text))
            if match:
                return [lexicon.groups[match.lastgroup]]
    toks = tokens(text)
    if len(toks) > MAX_COVER_TOKENS:
        return []
    parts = cover_parts(toks, lexicon.phrases)
    if parts is None and CAMEL.search(text):
        parts = cover_parts(tokens(CAMEL.sub(" ", text)), lexicon.phrases)
    return [entry for _, _, entry in parts or ()]


def features(raw: str, lexicon: Lexicon | None = None) -> Line:
    """The features of one line of text."""
    text = SPACES.sub(" ", INVISIBLE.sub("", raw)).strip()
    if not text:
        return Line("", 0, False)
    if len(text) > LONG_LINE:
        return Line(text, text.count(" ") + 1, True, terminal=True)
    words = WORD.findall(IDEOGRAPH.sub(" ", text))
    count = len(words) + len(IDEOGRAPH.findall(text))
    terminal = bool(TERMINAL.search(text)) and not ELLIPSIS_END.search(text)
    cased = [w for w in words if w[0].isalpha() and (w[0].isupper() or w[0].islower())]
    lower = sum(1 for w in cased if w[0].islower())
    sentence_case = not cased or lower >= 0.4 * len(cased)
    prose = sentence_case and (count >= 8 and terminal or count >= 14)
    toks = tokens(text) if count <= MAX_COVER_TOKENS else None
    kind, tier = None, NONE
    match = lexicon_match(text, toks, lexicon)
    if match:
        kind, tier = match
    elif not HAS_ALNUM.search(text):
        kind, tier = "separator", WEAK
    elif toks and all(t == "#" for t in toks):
        kind, tier = "counter", WEAK
    elif len(text) <= 200 and " " not in text and ASSET_LINE.fullmatch(text):
        kind, tier = "asset", ANYWHERE if ASSET_WORD.search(text) else OUTSIDE
    elif len(text) <= 200 and " " not in text and URL_LINE.fullmatch(text):
        kind, tier = "url", WEAK
    dated = count <= 16 and bool(DIGIT.search(text)) and bool(DATE.search(text))
    byline = count <= 16 and bool(BYLINE.search(text))
    caption = count <= 60 and not byline and tier < ANYWHERE and is_caption(text)
    if kind is not None or caption:
        prose = False
    key = " ".join(toks) if toks is not None else None
    return Line(text, count, prose, kind, tier, caption, dated, byline, terminal, sentence_case, key)


@dataclass(frozen=True)
class Verdict:
    """The classifier's decision on one line: residue (and which rule reports it) or not."""

    rule: str | None = None
    kind: str | None = None


@lru_cache(maxsize=None)
def verdict(rule: str | None, kind: str | None) -> Verdict:
    """One shared Verdict per (rule, kind): pages have hundreds of thousands of lines."""
    return Verdict(rule, kind)


@dataclass(frozen=True)
class Run:
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
        line.blank or line.caption or (line.kind in INTERLEAVED and line.tier >= OUTSIDE) or i in boxed
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
        if line.blank:
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
            if not other.blank:
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
    while a < b and lines[a].blank:
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
            found = ENGLISH_WORD.findall(line.text.casefold())
            words += len(found)
            total += sum(w in ENGLISH_FUNCTION_WORDS for w in found)
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
        if line.blank:
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
        if line.blank or line.tier >= OUTSIDE or line.caption:
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
    keys: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        if 3 <= line.words <= 40:
            keys.setdefault(line.key, []).append(i)

    def merit(rank: int, i: int) -> float:
        key = lines[i].key
        printed_again = len(keys.get(key, ())) > 1 or any(
            j != i and repeats_headline(lines[j], key) for js in keys.values() for j in js if len(lines[j].text) > len(lines[i].text)
        )
        following = [j for j in range(i + 1, start) if not lines[j].blank and lines[j].tier < OUTSIDE][:INTRO_LINES]
        introduces = any(lines[j].dated or lines[j].byline for j in following)
        return 3.0 * printed_again + 2.0 * introduces + 0.75 * (i == hint) + 1.0 / (1 + rank)

    headline = max(enumerate(candidates), key=lambda pair: merit(*pair))[1]
    copies = keys.get(lines[headline].key, ())
    headline = min([i for i in copies if i < headline and i in candidates] + [headline])
    return headline, kept | {headline}


AFFIX_SEPARATOR = compile_regex(r"\s[-|\u2013\u2014\u00b7\u2022/\u00bb:]\s|[|\u00b7\u2022\u00bb:]")
QUOTED = compile_regex(r"[\"\u201c\u201d\u201e\u00ab\u00bb]|(?:^|\s)'|',")


def repeats_headline(line: Line, key: str) -> bool:
    """Is this line the headline printed again, alone or with a short site or section affix?"""
    if not line.text or line.words > 40:
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
    known: dict[str, Line] = {}  # pages repeat their menus and widgets: analyse each text once
    lines = []
    for text in texts:
        line = known.get(text)
        if line is None:
            line = known[text] = features(text, lexicon)
        lines.append(line)
    verdicts = [Verdict()] * len(lines)
    block = article_block(lines, structure)
    if block is None:
        return verdicts
    start, end = block
    end = _extend_over_buttons(lines, end)
    headline, kept = story_top(lines, start, hint)

    def mark(i: int, rule: str) -> None:
        line = lines[i]
        verdicts[i] = verdict(rule, "caption" if line.caption else REPORTED_KIND.get(line.kind, line.kind))

    above = headline if headline is not None else start
    if is_english(lines[start : end + 1]):
        leading = [i for i in range(above) if not lines[i].blank and i not in kept]
        trailing = [i for i in range(end + 1, len(lines)) if not lines[i].blank]
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
        if i in kept or line.blank or verdicts[i].rule is not None:
            continue
        if line.caption:
            mark(i, CAPTION)  # a caption is one wherever it stands
        elif line.tier == ANYWHERE and lo <= i <= hi:
            mark(i, RESIDUE)
    _keep_company(lines, verdicts, lo, hi)
    for i in related_lists(lines):
        if lo <= i <= hi and verdicts[i].rule is None:
            verdicts[i] = verdict(RESIDUE, "related")
    if title is not None or headline is not None:
        key = headline_key(title) if title is not None else lines[headline].key
        for i, line in enumerate(lines):
            if (title is not None or i != headline) and repeats_headline(line, key):
                verdicts[i] = verdict(REPEAT, "headline")
    return verdicts


def _extend_over_buttons(lines: Sequence[Line], end: int) -> int:
    """The block's last line, moved past paragraphs that follow it with only buttons
    between (share, advertising, shopping or player lines, captions) and perhaps a
    subheading: a short article's last paragraphs, which the block's costs may leave out."""
    j = end + 1
    heading = shared = False
    while j < len(lines):
        line = lines[j]
        if line.blank:
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
        while lo <= j <= hi and lines[j].blank:
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
