"""T1xx: leftover template text.

What a scraper, CMS or theme left in the copy: navigation and menu lines,
share and comment widgets, related-article lists, cookie and newsletter
prompts, footers, caption and credit residue, a headline printed twice, and
placeholders (TK, XXX, lorem ipsum, ``[NAME]``, ``{{name}}``).

The line rules (T101-T103) share one classification per document, made by
``template_lines.classify``; the word lists live in
``data/template_lexicon.yaml``. An article that stops mid-sentence is the G
family's truncated-ending rule (G106), and a credit that names no real source is A104;
the T rules leave both to those rules.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from newslint import Scope, hookimpl, rule
from newslint.patterns import compile as compile_regex
from newslint_plugins import template_lines
from newslint_plugins.attribution import CREDIT_DEFAULT as HOLLOW_CREDIT
from newslint_plugins.attribution import CREDIT_TAIL as HOLLOW_CREDIT_TAIL
from newslint_plugins.literal_gates import SearchGate
from newslint_plugins.template_lines import (
    CAPTION,
    KIND_LABELS,
    REPEAT,
    RESIDUE,
    Verdict,
)

# Headings and list items the author marked up: structure of the article, not of a page.
MARKDOWN_STRUCTURE = compile_regex(r"[ \t]{0,3}(?:(?P<heading>#{1,6}[ \t])|[-*+][ \t]|\d{1,9}[.)][ \t])")

# A line that holds only an image: a caption right above or below it is kept with its image.
MARKDOWN_IMAGE = compile_regex(r"[ \t]*(?:!\[[^\]\r\n]*\](?:\([^)\r\n]*\)|\[[^\]\r\n]*\])|<img\b[^>\r\n]*>)[ \t]*")


def line_verdicts(doc, extra_phrases: tuple[str, ...] = ()):
    """The per-line verdicts of a document, computed once and shared by T101-T103."""
    title = hint = None
    headline = doc.headline
    if headline is not None:
        if doc.masked[headline.start : headline.end].strip():
            hint = doc.line_of(headline.start) - 1
        else:
            title = headline.text  # a front-matter title: not a line of the text itself
    texts = [unit.text for unit in doc.lines]

    def build():
        structure = headings = frozenset()
        if doc.format == "markdown":
            marked = [(i, MARKDOWN_STRUCTURE.match(doc.text, unit.start, unit.end)) for i, unit in enumerate(doc.lines)]
            structure = frozenset(i for i, m in marked if m)
            headings = frozenset(i for i, m in marked if m and m.group("heading"))
        verdicts = template_lines.classify(
            texts,
            title=title,
            hint=hint,
            extra_phrases=extra_phrases,
            structure=structure,
            headings=headings,
            authored=doc.format == "markdown",
        )
        if all(v.rule is None for v in verdicts):
            return verdicts  # the usual page: nothing to take back
        with_image = set()  # caption lines of a figure that kept its image: next to it, or to such a line
        if doc.format == "markdown":
            for i, unit in enumerate(doc.lines):
                if MARKDOWN_IMAGE.fullmatch(doc.text, unit.start, unit.end):
                    for step in (-1, 1):
                        j = i + step
                        while 0 <= j < len(verdicts) and verdicts[j].rule == CAPTION:
                            with_image.add(j)
                            j += step
        return [
            Verdict() if v.rule is not None and hollow_credit(text) or i in with_image else v
            for i, (v, text) in enumerate(zip(verdicts, texts))
        ]

    return doc.memo(f"template.verdicts:{extra_phrases!r}", build)


CREDIT_MARKS = ":\uff1a|\u2014\u2013-"  # a credit label is followed by one of these (see A104)


def line_runs(doc, extra_phrases: tuple[str, ...] = ()) -> list:
    """The runs of adjacent residue lines, computed once per document and shared by T101-T103."""

    def build():
        return template_lines.runs(line_verdicts(doc, extra_phrases), [unit.text for unit in doc.lines])

    return doc.memo(f"template.runs:{extra_phrases!r}", build)


def hollow_credit(text: str) -> bool:
    """Is the line a credit that names no owner ("Picture credit: Google Images")? That line is
    A104's (it says what is wrong with the credit), so the T rules leave it alone."""
    tail = max(0, len(text) - HOLLOW_CREDIT_TAIL)
    return any(c in text[tail:] for c in CREDIT_MARKS) and bool(HOLLOW_CREDIT.search(text, tail))


def run_span(doc, run) -> tuple[int, int]:
    """The span from the first to the last non-space character of a run of lines."""
    first, last = doc.lines[run.first], doc.lines[run.last]
    start = first.start + len(first.text) - len(first.text.lstrip())
    end = last.start + len(last.text.rstrip())
    return start, end


def kind_phrase(kinds: tuple[str, ...]) -> str:
    labels = list(dict.fromkeys(KIND_LABELS[k] for k in kinds if k in KIND_LABELS))[:3]
    if not labels:
        return "page text around the article"
    if len(labels) == 1:
        return labels[0]
    return ", ".join(labels[:-1]) + " and " + labels[-1]


@dataclass(frozen=True)
class ResidueOptions:
    """Options of T101. ``extra_phrases``: house widget lines, flagged wherever they stand."""

    extra_phrases: tuple[str, ...] = ()


@rule("T101", "page-residue", scope=Scope.DOCUMENT, options=ResidueOptions)
def page_residue(doc, ctx):
    """What it flags: lines a web page, theme or CMS left around or inside the
    article: navigation menus and breadcrumbs, "Skip to content" and "LOGIN"
    links, share and follow buttons, related-article lists and "Previous post /
    Next story" links, comment sections ("Leave a Reply", "0 Comments", "Log in
    to reply"), counters ("Total 12 Shares"), advertising labels, shopping and
    booking widgets ("Check price on ...", "Book now"), newsletter and cookie
    prompts, language pickers, "Back to top" buttons, theme asset names
    ("logo-header-dark"), site footers, a theme's author box (name, bio
    and "View all posts by ..." link), an FAQ block appended after the
    article for search engines ("Frequently asked questions", then questions
    and their answers), and the label a content mill prints over a second
    article it glued on ("Bonus article:", "Companion piece: <its headline>").
    Adjacent lines are reported as one finding whose message
    says what kind of residue they are.

    Why: residue tells readers the text was scraped or pasted without care,
    breaks the flow of the story and can repeat other sites' headlines as if
    they were part of it.

    Example: `Share this:` / `Facebook` / `Twitter` after the last paragraph, or
    `Related Posts` followed by a list of other headlines.

    Prefer: the article alone: headline, standfirst, byline, dateline and body.

    A line counts as residue on general evidence: a lexicon of widget texts in
    many wordings, its shape (short, no sentence punctuation, counts, bare
    links, ©), and its place (above the headline or after the article's last
    paragraph, in a region that holds widget lines). Body sentences that merely
    mention sharing, comments or cookies are never flagged, nor are the story's
    own headline, standfirst, byline and dateline. In Markdown a paragraph or a
    heading is residue only on direct evidence. An FAQ block counts only after
    a complete article and up to its end, with every question answered, and
    never in Markdown (an explainer in questions and answers, or an author's
    own FAQ, is the article). An author's name and bio count only above an
    author-box link, and only when the bio names the author. `extra-phrases`
    adds house widget lines, matched whole.
    """
    for run in line_runs(doc, tuple(ctx.options.extra_phrases)):
        if run.rule != RESIDUE:
            continue
        what = kind_phrase(run.kinds)
        if run.lines == 1:
            message = f"Leftover page template ({what}); remove it from the article"
        else:
            message = f"Leftover page template ({what}) across {run.lines} lines; remove it from the article"
        yield ctx.report(run_span(doc, run), message, suggestions=("",))


@rule("T102", "caption-residue", scope=Scope.DOCUMENT)
def caption_residue(doc, ctx):
    """What it flags: a photo caption or credit line left in the running text:
    "Photo: Jane Roe/Agency", "Image copyright Agency", "Image caption ...",
    a caption ending in "(Image: Agency)", a bare "Jane Roe, AP" credit, and
    the caption line right above a short credit line when the two stand alone
    between blank lines ("Harbour workers at dawn" over "Photo: Jane Roe/Agency").

    Why: scraped captions land between paragraphs with no picture beside them,
    interrupting the story with a sentence about an image the reader cannot see.

    Example: `Harbour workers unload the first ferry of the season. (Photo: Tilde Marsh/Coastline Images)`

    Prefer: the caption kept with its image (a Markdown image's alt text or
    figure caption), or removed from the body text.

    A caption on the line right above or below a Markdown image, or a caption
    and credit together there, is with its image and is left alone. A caption
    above a credit must be a block of its own: where paragraphs are not set off
    by blank lines, a paragraph right above a credit stays the article's. A
    credit that names no owner ("Picture credit: Google Images") is A104's
    finding, so the T rules skip that line instead of reporting it twice.
    """
    for run in line_runs(doc):
        if run.rule == CAPTION:
            if run.lines == 1:
                message = "Photo caption or credit left in the text; keep it with its image or remove it"
            else:
                message = f"{run.lines} photo caption or credit lines left in the text; keep them with their image or remove them"
            yield ctx.report(run_span(doc, run), message)


@rule("T103", "repeated-headline", scope=Scope.DOCUMENT)
def repeated_headline(doc, ctx):
    """What it flags: the article's headline printed a second time, alone or with
    a site or section name set off by a separator ("Headline | Site",
    "Section: Headline", "Headline – Site").

    Why: a page template printed the title twice (or a front-matter title is
    repeated as the first line); readers see the same headline stacked on
    itself.

    Example: `Harbour ferry returns after two-year pause` on the first line and
    again on the third.

    Prefer: the headline once, where the article's template puts it.

    A headline quoted in a sentence ("'Harbour ferry returns,' the mayor
    wrote.") is not a copy.
    """
    for run in line_runs(doc):
        if run.rule == REPEAT:
            yield ctx.report(run_span(doc, run), "The headline is printed again here; delete the copy", suggestions=("",))


PLACEHOLDER_WORDS = (
    r"NAME|FIRST NAME|LAST NAME|FULL NAME|SURNAME|CITY|TOWN|STATE|COUNTRY|DATE|DAY|MONTH|YEAR|TIME"
    r"|NUMBER|NUM|AMOUNT|PRICE|PERCENT|FIGURE|AGE|TITLE|JOB TITLE|COMPANY|COMPANY NAME|ORGANI[SZ]ATION"
    r"|QUOTE|LINK|URL|SOURCE|PHOTO|IMAGE|CAPTION|HEADLINE|BYLINE|AUTHOR|REPORTER|PLACEHOLDER|TBD|TBC|TK|X+"
)
PLACEHOLDER = compile_regex(
    rf"""
    (?<![\p{{L}}\p{{N}}-])TK(?:TK)*(?![\p{{L}}\p{{N}}-])               # TK, TKTK: "to come" (not "TK-421")
    | (?<![\p{{L}}\p{{N}}-])(?:X{{3,}}|x{{3,}})(?![\p{{L}}\p{{N}}-])      # XXX, xxx (not "XXX-rated")
    | [$£€]\s?X{{1,3}}(?:[.,]X+)*(?![\p{{L}}\p{{N}}])                 # $XX, £X.X
    | (?<![\p{{L}}\p{{N}}])X{{1,3}}(?:,X{{3}})+(?![\p{{L}}\p{{N}}])       # X,XXX
    | (?<![\p{{L}}\p{{N}}])X{{1,3}}(?:\.X+)?\s?%                        # XX%
    | (?<![\p{{L}}\p{{N}}])(?:19|20)XX(?![\p{{L}}\p{{N}}])                # 20XX
    | (?i:\blorem\s+ipsum(?:[\s,]+dolor\s+sit\s+amet)?(?:[\s,]+consectetur\s+adipiscing(?:\s+elit)?)?\b)
    | (?i:\bdolor\s+sit\s+amet\b|\bconsectetur\s+adipiscing\s+elit\b)  # lorem ipsum filler
    | [\[<]\s*(?:{PLACEHOLDER_WORDS})\s*[\]>]                          # [NAME], <CITY>
    | (?i:\[\s*(?:insert|add|fill\s+in|check|confirm|verify|update|to\s+come|placeholder|citation\s+needed|source\s+needed|link\s+to)\b[^\]\r\n]{{0,60}}\])
    | \b(?:INSERT|ADD)\s+[A-Z][A-Z ]{{2,30}}\s+HERE\b                 # INSERT QUOTE HERE
    | \{{\{{[^{{}}\r\n]{{1,60}}\}}\}} | \{{%[^%\r\n]{{1,80}}%\}}          # {{{{name}}}}, {{% tag %}}
    | \$\{{[A-Za-z_][\w.]{{0,40}}\}} | %%[A-Za-z_]\w{{0,40}}%% | \[\[[A-Za-z_]\w{{0,40}}\]\]
    | \{{(?:[a-z]+_[a-z_]+|[A-Z]+_[A-Z_]+|name|first_name|city|date|company|title|author|url|link|number|amount)\}}
    """,
    regex.VERBOSE,
)
# PLACEHOLDER scans every position with each of its branches, and almost no article holds
# a placeholder: each branch needs some literal text ("TK", "XXX", "lorem", "{{", "[" ...), so
# only the branches whose literals a document holds are run (literal_gates.SearchGate reads
# them off the pattern; leaving out branches that match nowhere changes no match).
PLACEHOLDER_GATE = SearchGate(PLACEHOLDER, large=True)
# A TK or XXX next to a capitalised word is a name, a brand or a Roman numeral:
# "TK Maxx", "Super Bowl XXX".
CAPITALISED_BEFORE = compile_regex(r"\p{Lu}[\p{L}\p{N}'\u2019.-]*\s+$")
WORD_WINDOW = 60  # characters before a TK or XXX searched for a capitalised word
# Applied only in a window of WORD_WINDOW characters or at one position (tests/test_scaling.py).
ANCHORED_PATTERNS = ("CAPITALISED_BEFORE", "CAPITALISED_OR_NUMBER_AFTER", "MARKDOWN_STRUCTURE", "MARKDOWN_IMAGE")
CAPITALISED_OR_NUMBER_AFTER = compile_regex(r"^\s+[\p{Lu}\p{N}]")


@rule("T104", "placeholder-text", scope=Scope.DOCUMENT)
def placeholder_text(doc, ctx):
    """What it flags: placeholder text an editor meant to replace: TK or TKTK
    ("to come"), XXX, number stand-ins ($XX million, X,XXX, XX%, 20XX), lorem
    ipsum, bracketed fields ([NAME], [INSERT QUOTE], <CITY>) and template
    tokens ({{name}}, {% tag %}, ${name}, %%NAME%%).

    Why: a placeholder that reaches readers shows the story was published
    unfinished, and the missing fact is usually the one that mattered.

    Example: `The council will spend $XX million on the bridge, said [NAME].`

    Prefer: `The council will spend $14 million on the bridge, said Ilse Varga, the council's treasurer.`

    TK and XXX next to a capitalised word or a number, or joined by a hyphen,
    are left alone (a brand such as "TK Maxx", a flight "TK 1980", "Super Bowl
    XXX", "XXX-rated"). Code and HTML in Markdown are masked and never checked,
    so `<CITY>` is found in plain text only.
    """
    text = doc.masked
    pattern = PLACEHOLDER_GATE.narrowed(text)
    if pattern is None:
        return
    for match in pattern.finditer(text):
        found = match.group()
        if found.strip("TKXx") == "":
            window = max(0, match.start() - WORD_WINDOW)
            line_start = text.rfind("\n", window, match.start()) + 1
            before = text[max(line_start, window) : match.start()]
            after = text[match.end() : match.end() + 40]
            if CAPITALISED_BEFORE.search(before) or CAPITALISED_OR_NUMBER_AFTER.search(after):
                continue
        yield ctx.report(match.span(), f"Placeholder '{found}' left in the text; fill it in before publishing")


@hookimpl
def newslint_rules():
    return [page_residue, caption_residue, repeated_headline, placeholder_text]
