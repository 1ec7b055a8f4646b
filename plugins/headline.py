"""H1xx: clickbait headlines.

Explainable pattern rules for the shapes of headlines that bait instead of
inform (teasers, withheld payoffs, hyperbole, talking to the reader, list
counts, capitals, stacked punctuation, hidden subjects), and H120, a small
logistic-regression model for what the patterns miss. The phrase lexicons
live in ``data/clickbait_lexicon.yaml``; the model in
``data/clickbait_model.json`` (trained by ``bench/train_clickbait.py``).

Every rule looks only at the document's headline, and only when it reads
like one: a "headline" of more than 200 characters, or of more than 15
words that ends with a full stop or holds two sentences, is the first
paragraph of a body that has none, and is left alone.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import regex

from newslint import Scope, Severity, hookimpl, rule
from newslint.patterns import compile as compile_regex
from newslint_plugins import clickbait_model
from newslint_plugins.lexicons import literal_alternation, load_lexicon

LEXICON = load_lexicon("clickbait_lexicon.yaml")

MAX_HEADLINE_CHARS = 200
MAX_WORDS_WITH_SENTENCE_END = 15
WORD = compile_regex(r"[\p{L}\p{N}][\p{L}\p{N}'’-]*")
# A long "headline" that ends a sentence with a full stop or holds two sentences is body text.
SENTENCE_END = compile_regex(r"\p{Ll}{2}\.\W*$|\p{Ll}{3}[.!?]\s+\p{Lu}")
# Quoted titles and speech: "…", “…”, ‘…’ (not a lone apostrophe).
QUOTED = compile_regex(r"\"[^\"\n]*\"|“[^”\n]*”|(?<![\p{L}\p{N}])‘[^’\n]*’(?![\p{L}\p{N}])")


def phrase_pattern(entries) -> regex.Pattern:
    """One case-insensitive pattern matching any lexicon entry as whole words."""
    body = "|".join(f"(?:{loosen(entry)})" for entry in entries)
    return compile_regex(rf"(?<![\p{{L}}\p{{N}}'’])(?:{body})(?![\p{{L}}\p{{N}}])", regex.IGNORECASE)


def loosen(entry: str) -> str:
    """A space in a lexicon entry matches any whitespace, an apostrophe either kind."""
    return entry.replace("'", "['’]").replace(" ", r"\s+")


def word_set_pattern(words) -> str:
    """An alternation of literal words, longest first."""
    return f"(?:{literal_alternation(words)})"


CURIOSITY_GAP = phrase_pattern(LEXICON["curiosity_gap"])
WITHHELD_PAYOFF = phrase_pattern(LEXICON["withheld_payoff"])
TRAILING_ELLIPSIS = compile_regex(r"(?:\.{3,}|…)[\s!?]*$")
# Where a closing clause begins: " – Details Inside!", ": Here's Why"
CLAUSE_BREAK = compile_regex(r"(?<!\s)\s+[-–—|]\s+|:\s+")  # from the first space of a run: one scan per run
HYPERBOLE = phrase_pattern(LEXICON["hyperbole"])
EMOTIVE = phrase_pattern(LEXICON["emotive"])
SECOND_PERSON = compile_regex(
    r"(?<![\p{L}\p{N}'’])(?:you|your|yours|yourself|yourselves|y['’]all|you['’](?:re|ll|ve|d))(?![\p{L}\p{N}])",
    regex.IGNORECASE,
)
NUMBER_WORDS = ("three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
                "sixteen seventeen eighteen nineteen twenty thirty forty fifty hundred").split()
_COUNT = rf"(?:\d{{1,3}}|{word_set_pattern(NUMBER_WORDS)})"
_NOUN = word_set_pattern(LEXICON["list_nouns"])
_NOUN_WITH_RELATIVE = word_set_pattern(LEXICON["list_nouns_need_relative"])
_MODIFIER = r"(?:(?!\d)[\p{L}\p{N}'’-]+\s+){0,3}?"
LISTICLE = compile_regex(
    rf"""^\W*(?:(?:here\s+are|these|the)\s+)?{_COUNT}\s+
    (?:{_MODIFIER}{_NOUN}(?![\p{{L}}'’-])
      |{_MODIFIER}{_NOUN_WITH_RELATIVE}\s+(?:who|that|whose|which|when|you|we)\b
      |of\s+the\s+(?:\p{{L}}+est|best|worst|most)\b)""",
    regex.IGNORECASE | regex.VERBOSE,
)
CAPITALS_WORD = compile_regex(r"(?<![\p{L}\p{N}'’])\p{Lu}[\p{Lu}'’]*\p{Lu}(?![\p{L}\p{N}])")
SHOUT_WORDS = frozenset(w.lower() for w in LEXICON["shout_words"])
LABEL_WORDS = frozenset(w.lower() for w in LEXICON["label_words"])
LOWER_LETTER = compile_regex(r"\p{Ll}")
UPPER_LETTER = compile_regex(r"\p{Lu}")
STACKED = compile_regex(r"[!?]*(?:!!|\?!|!\?|\?\?)[!?1]*")
# Words after "This"/"These" that make a time phrase or a verb, not a hidden subject.
NOT_A_SUBJECT = ("time times week weekend weekend's week's year year's years month months morning afternoon "
              "evening night season season's summer winter spring autumn fall term century decade day days "
              "is are was were will would may might could has have had should").split()
UNNAMED_SUBJECT = compile_regex(
    rf"^\W*(?:this|these)\s+(?!{word_set_pattern(NOT_A_SUBJECT)}(?![\p{{L}}'’]))[\p{{L}}'’-]+",
    regex.IGNORECASE,
)


class Headline(NamedTuple):
    text: str  # the headline as rules see it (masked)
    plain: str  # the same with quoted titles and speech blanked, offsets kept


NOT_A_HEADLINE = Headline("", "")


def headline(unit, ctx) -> Headline:
    """The headline, worked out once per document and shared by the H rules.

    Empty when the "headline" is too long to be one: the first paragraph of
    a body that has no headline.
    """
    return ctx.doc.memo("newslint_plugins.headline", lambda: _prepare(unit.text))


def _prepare(text: str) -> Headline:
    if len(text.strip()) > MAX_HEADLINE_CHARS:
        return NOT_A_HEADLINE
    if len(WORD.findall(text)) > MAX_WORDS_WITH_SENTENCE_END and SENTENCE_END.search(text):
        return NOT_A_HEADLINE
    return Headline(text, QUOTED.sub(lambda m: " " * len(m.group()), text))


def phrase(m) -> str:
    return " ".join(m.group().split())


@rule("H101", "curiosity-gap", scope=Scope.HEADLINE)
def curiosity_gap(unit, ctx):
    """What it flags: teaser phrases that promise a surprise or a secret and keep it
    ("you won't believe", "what happened next", "nobody tells you", "the real reason",
    "one simple trick", "doctors hate this").

    Why: a curiosity gap sells the click by withholding the news; readers who
    scan headlines learn nothing, and the phrasing marks the story as bait.

    Example: `You Won't Believe What Happened Next at the Harbour Festival`

    Prefer: `Harbour festival stage collapses; two performers hurt`
    """
    for m in CURIOSITY_GAP.finditer(headline(unit, ctx).plain):
        yield ctx.report(unit.at(*m.span()), f"Teaser '{phrase(m)}' holds back the news; say what happened and to whom")


@rule("H102", "withheld-payoff", scope=Scope.HEADLINE)
def withheld_payoff(unit, ctx):
    """What it flags: a headline that points at an answer it does not give
    ("details inside", "here's why", "find out what", "click here", a
    trailing "...").

    Why: the headline's job is to carry the news; one that sends the reader
    elsewhere for it is an advert for the article, not a headline.

    Example: `Mayor Makes Surprise Announcement – Full Details Inside!`

    Prefer: `Mayor announces she will not seek a third term`
    """
    text = headline(unit, ctx).plain
    hits = [m.span() for m in WITHHELD_PAYOFF.finditer(text)]
    ellipsis = TRAILING_ELLIPSIS.search(text)
    breaks = list(CLAUSE_BREAK.finditer(text))
    clause = breaks[-1] if breaks else None
    if clause and clause.start() > 0 and any(start >= clause.end() for start, _ in hits):
        # The teaser is a closing clause of its own (" – Details Inside!"): it can go.
        yield ctx.report(unit.at(clause.start(), len(text.rstrip())),
                         "Closing teaser holds back the news; drop it and state the news in the headline",
                         suggestions=("",))
        hits = [(start, end) for start, end in hits if start < clause.start()]
        ellipsis = None
    for start, end in hits:
        yield ctx.report(unit.at(start, end),
                         f"'{' '.join(text[start:end].split())}' withholds the payoff; put the answer in the headline")
    if ellipsis:
        yield ctx.report(unit.at(*ellipsis.span()), "Headline trails off; finish it with the news itself")


@rule("H103", "hyperbole", scope=Scope.HEADLINE)
def hyperbole(unit, ctx):
    """What it flags: hype words and superlatives that sell excitement
    ("jaw-dropping", "mind-blowing", "hilarious", "must-see", "the best ...
    you'll ever").

    Why: hype is the reader's judgement made for them; news earns attention
    with facts, and hype in a headline is a strong clickbait signal.

    Example: `Mind-Blowing Photos Show the New Bridge at Night`

    Prefer: `New Tamsin Bridge lit for the first time on Friday`
    """
    for m in HYPERBOLE.finditer(headline(unit, ctx).plain):
        yield ctx.report(unit.at(*m.span()), f"Hype ('{phrase(m)}') in the headline; let the facts carry it")


@rule("H104", "emotive-adjective", scope=Scope.HEADLINE, severity=Severity.INFO)
def emotive_adjective(unit, ctx):
    """What it flags: adjectives that tell the reader how to feel ("amazing",
    "stunning", "shocking", "heartbreaking", "weird").

    Why: they are sometimes the right word, so this is only a hint, but a
    headline that needs them usually has not yet found its news.

    Example: `Stunning Comeback at the County Ground`

    Prefer: `Ashford beat Dover 3-2 after trailing by two goals`
    """
    for m in EMOTIVE.finditer(headline(unit, ctx).plain):
        yield ctx.report(unit.at(*m.span()), f"'{phrase(m)}' tells the reader how to feel; show what happened instead")


@rule("H105", "second-person", scope=Scope.HEADLINE)
def second_person(unit, ctx):
    """What it flags: a headline that talks to the reader ("you", "your",
    "you'll"), outside quotation marks.

    Why: news headlines name who did what; addressing the reader is the
    voice of quizzes, adverts and bait ("Your Cat Is Secretly Judging You").

    Example: `This Budget Change Will Cost You More Than You Think`

    Prefer: `Budget raises fuel duty by 3p a litre from April`
    """
    m = SECOND_PERSON.search(headline(unit, ctx).plain)
    if m:
        yield ctx.report(unit.at(*m.span()),
                         f"Headline addresses the reader ('{m.group()}'); name the subject and state the news")


@rule("H106", "listicle", scope=Scope.HEADLINE)
def listicle(unit, ctx):
    """What it flags: a headline that opens with a count of list items
    ("17 Things...", "Seven Reasons Why...", "21 People Who...").

    Why: the count promises a list instead of telling the news, the classic
    shape of engagement bait.

    Example: `12 Things Nobody Tells You About Moving to Brackley`

    Prefer: `Brackley rents rise 9% as commuters move in`
    """
    m = LISTICLE.search(headline(unit, ctx).plain)
    if m:
        yield ctx.report(unit.at(*m.span()),
                         f"List headline ('{phrase(m)}'); lead with the most newsworthy item instead of a count")


@rule("H107", "shouting", scope=Scope.HEADLINE)
def shouting(unit, ctx):
    """What it flags: ordinary words written in capitals for emphasis
    ("You MUST See This", "The WORST Decision Ever"), or a whole headline in
    capitals. Acronyms (NATO, BBC) and colon labels such as "BREAKING:" are
    left alone.

    Why: capitals shout; they add urgency, not information.

    Example: `Council Will NEVER Approve the Ring Road, Say Residents`

    Prefer: `Residents say the council will never approve the ring road`
    """
    text = headline(unit, ctx).plain
    words = WORD.findall(text)
    if not LOWER_LETTER.search(text) and sum(bool(UPPER_LETTER.search(w)) for w in words) >= 3:
        yield ctx.report(unit.at(0, len(text.rstrip())), "Headline is all capitals; use the house case")
        return
    title_case = sum(w[0].isupper() for w in words) > len(words) / 2
    for m in CAPITALS_WORD.finditer(text):
        word = m.group()
        lowered = word.lower().replace("’", "'")
        if lowered not in SHOUT_WORDS:
            continue
        if lowered in LABEL_WORDS and text[m.end() : m.end() + 1] == ":":
            continue
        fixed = word.capitalize() if title_case or m.start() == len(text) - len(text.lstrip()) else word.lower()
        yield ctx.report(unit.at(*m.span()), f"'{word}' is shouted in capitals; drop the emphasis", suggestions=(fixed,))


@rule("H108", "stacked-punctuation", scope=Scope.HEADLINE)
def stacked_punctuation(unit, ctx):
    """What it flags: runs of exclamation and question marks ("!!", "?!", "!!!1").

    Why: stacked marks perform surprise instead of reporting it; no news
    style uses them.

    Example: `Town Hall Clock Stops Again?!`

    Prefer: `Town hall clock stops for the third time this year`
    """
    for m in STACKED.finditer(headline(unit, ctx).plain):
        single = "?" if "?" in m.group() else "!"
        yield ctx.report(unit.at(*m.span()), f"Stacked punctuation '{m.group()}'; use one mark at most",
                         suggestions=(single,))


@rule("H109", "unnamed-subject", scope=Scope.HEADLINE)
def unnamed_subject(unit, ctx):
    """What it flags: a headline that opens with "This ..." or "These ..." in
    place of its subject ("This Woman...", "These Parents..."). Time phrases
    ("This Week", "This Year") are fine.

    Why: "this woman" is a tease; the headline should say who she is or
    what she did, so a reader knows whether the story is for them.

    Example: `This Teacher Turned Her Classroom Into a Jungle`

    Prefer: `Hartlepool teacher fills classroom with 300 plants`
    """
    m = UNNAMED_SUBJECT.search(headline(unit, ctx).plain)
    if m:
        yield ctx.report(unit.at(*m.span()), f"'{phrase(m)}' hides who the story is about; name the subject")


@dataclass(frozen=True)
class ModelOptions:
    """Options of H120.

    ``threshold``: the model probability at or above which the headline is
    reported. ``reasons``: how many top contributing features the message
    names. ``model``: path to a model JSON written by
    ``bench/train_clickbait.py`` (absolute, or relative to the folder of
    rules.yaml); unset for the one shipped with newslint.
    """

    threshold: float = 0.6
    reasons: int = 3
    model: Path | None = None


@rule("H120", "clickbait-model", scope=Scope.HEADLINE, options=ModelOptions)
def clickbait_model_rule(unit, ctx):
    """What it flags: a headline that a statistical model, trained on ten
    thousand labelled news and viral-site headlines, scores as clickbait.
    It catches bait the pattern rules have no phrase for; the message names
    the words that weighed most.

    Why: clickbait has a recognisable vocabulary and shape (pronouns, counts,
    teasing verbs, no named subject) that no fixed list covers.

    Example: `Guy Tries to Bake Bread for the First Time and It Goes Exactly as Expected`

    Prefer: `Bakery in Tring runs free bread-making classes for beginners`
    """
    text = headline(unit, ctx).text
    if not text.strip():
        return
    options = ctx.options
    model = clickbait_model.load(str(options.model) if options.model else None)
    probability = model.probability(text)
    if probability >= options.threshold:
        reasons = ", ".join(model.explain(text, options.reasons)) or "the headline as a whole"
        yield ctx.report(unit.at(0, len(text.rstrip())),
                         f"Reads as clickbait (score {probability:.2f}; {reasons}); name the subject and state the news")


@hookimpl
def newslint_rules():
    return [curiosity_gap, withheld_payoff, hyperbole, emotive_adjective, second_person, listicle,
            shouting, stacked_punctuation, unnamed_subject, clickbait_model_rule]
