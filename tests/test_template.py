"""Units of the T family's line classifier (plugins/template_lines.py) and of how the rules use it.

The rules' end-to-end behaviour is in tests/fixtures/template/; these tests pin the
pieces: line features and lexicon tiers, the article block, runs, repeated headlines,
the lexicon switch the benchmark uses, and what the T rules leave to other families.
"""
from __future__ import annotations

import pytest
import regex
from conftest import lint

from newslint_plugins import template_lines as tl

BODY = (
    "The harbour ferry will run again from Monday, the port authority said, after a two-year pause "
    "for repairs to its landing stage."
)
BODY_2 = "Officials said the first crossing would leave at 7 a.m. and that a return ticket would cost four pounds."
BODY_3 = "The service carried 40,000 passengers a year before it stopped, according to council figures."


@pytest.mark.parametrize(
    "line, kind, tier",
    [
        ("Share this:", "share", tl.ANYWHERE),
        ("Share on X", "share", tl.ANYWHERE),
        ("Facebook Twitter Email", "share", tl.ANYWHERE),  # three outside-tier phrases together
        ("Facebook", "share", tl.OUTSIDE),
        ("Total 12 Shares", "share", tl.ANYWHERE),
        ("0 Comments", "comments", tl.ANYWHERE),
        ("Be the first to comment", "comments", tl.ANYWHERE),
        ("Log in to reply", "comments", tl.ANYWHERE),
        ("Post a Comment", "comments", tl.ANYWHERE),
        ("You may also like", "related", tl.ANYWHERE),
        ("More from Business", "related", tl.ANYWHERE),
        ("Sign up for our newsletter", "newsletter", tl.ANYWHERE),
        ("We use cookies to improve your experience on our site.", "cookie", tl.ANYWHERE),
        ("Accept all", "cookie", tl.OUTSIDE),
        ("Book now", "affiliate", tl.ANYWHERE),
        ("Advertisement", "ad", tl.ANYWHERE),
        ("Back to top button", "navigation", tl.ANYWHERE),
        ("Name *", "comments", tl.ANYWHERE),
        ("Privacy Policy | Terms of Use", "footer", tl.ANYWHERE),
        ("© 2024 Harbour Press Ltd", "footer", tl.ANYWHERE),
        ("English | Español | Français", "language", tl.ANYWHERE),
        ("fr_FRFrançais", "language", tl.ANYWHERE),
        ("Check price on Amazon", "affiliate", tl.ANYWHERE),
        ("£24.99 at Velo Depot", "affiliate", tl.ANYWHERE),
        ("Read more:", "related", tl.ANYWHERE),
        ("Next story »", "related", tl.ANYWHERE),
        ("Skip to content", "navigation", tl.ANYWHERE),
        ("Edit ProfileSign Out", "navigation", tl.ANYWHERE),  # links run together by a scraper
        ("Politics Business Sport", "navigation", tl.OUTSIDE),  # three section names
        ("Sport", "navigation", tl.WEAK),
        ("logo-site-dark", "asset", tl.ANYWHERE),
    ],
)
def test_widget_lines_get_their_kind_and_tier(line, kind, tier):
    features = tl.features(line)
    assert (features.kind, features.tier) == (kind, tier)
    assert not features.prose


@pytest.mark.parametrize(
    "line",
    [
        "Shareholders will vote on the merger in June, the company said.",
        "The minister declined to comment.",
        "Advertising revenue fell 4% last year.",
        "The copyright case will be heard in May.",
        "Readers can share their memories at the library until Friday.",
        "Related party transactions rose, the auditors said.",
        "op-ed columnists",  # not a locale code
        "Top 5",  # a count goes with shares and comments, not with "Top"
    ],
)
def test_news_sentences_that_mention_widget_words_are_not_widgets(line):
    assert tl.features(line).tier == tl.NONE


def test_caption_lines():
    assert tl.features("Photo: Ilse Varga/Coastline Images").caption
    assert tl.features("Photo: Ilse Varga/Getty Images").caption
    assert tl.features("Harbour workers unload the first ferry. (AP Photo/Ines Dalby)").caption
    assert tl.features("Ines Dalby | Getty Images").caption
    assert not tl.features("The photo was taken at dawn, the photographer said.").caption
    assert not tl.features("By Ines Dalby, AP").caption  # a byline


def page(*lines: str) -> list[str]:
    return list(lines)


def verdict_rules(texts):
    return [v.rule for v in tl.classify(texts)]


def test_story_top_is_kept_and_page_residue_is_not():
    texts = page(
        "Skip to content", "Home", "Sport", "",
        "Harbour ferry returns after a two-year pause",
        "The crossing reopens on Monday with the same fares as before.",
        "By Tilde Marsh, Transport Reporter",
        "March 3, 2024", "",
        BODY, "", BODY_2, "", BODY_3, "",
        "Share this:", "Facebook", "Twitter",
    )
    rules = verdict_rules(texts)
    assert rules[:3] == [tl.RESIDUE] * 3
    assert rules[4:8] == [None] * 4  # headline, standfirst, byline, dateline
    assert rules[9:14] == [None] * 5
    assert rules[15:] == [tl.RESIDUE] * 3


def test_runs_join_lines_across_blank_lines_and_split_by_rule():
    texts = page(BODY, "", "Share", "", "Tweet", "Photo: Ilse Varga/Coastline Images", BODY_2)
    verdicts = tl.classify(texts)
    runs = tl.runs(verdicts, texts)
    assert [(r.rule, r.first, r.last, r.lines) for r in runs] == [(tl.RESIDUE, 2, 4, 2), (tl.CAPTION, 5, 5, 1)]
    assert verdicts[6].rule is None  # the last paragraph, after the buttons, is the article's


def test_a_short_article_keeps_its_paragraphs_between_buttons_and_subheadings():
    texts = page(
        BODY, "", "Best overall: Northline Shell", BODY_2, "", "Check price on Amazon", "Buy now", "",
        "Best budget pick: Stadtrad Basic", "", BODY_3, "", "Buy now",
    )
    assert verdict_rules(texts) == [None, None, None, None, None, tl.RESIDUE, tl.RESIDUE, None, None, None, None, None, tl.RESIDUE]


def test_a_short_closing_list_stays_with_the_article():
    texts = page(
        BODY, "", BODY_2, "", BODY_3, "",
        "Renew your permit at the town hall before the end of May",
        "Bring the old permit and a photo of the vehicle",
        "",
        "Related Posts", "Ferry fares to rise in spring",
    )
    rules = verdict_rules(texts)
    assert rules[6:8] == [None, None]
    assert rules[9:] == [tl.RESIDUE, tl.RESIDUE]


@pytest.mark.parametrize(
    "line, repeated",
    [
        ("Harbour ferry returns after a two-year pause", True),
        ("Harbour ferry returns after a two-year pause | Coast Courier", True),
        ("Local: Harbour ferry returns after a two-year pause", True),
        ("\u201cHarbour ferry returns after a two-year pause,\u201d the mayor wrote.", False),
        ("Harbour ferry returns after a two-year pause and a long legal fight over the landing stage", False),
    ],
)
def test_repeated_headline(line, repeated):
    key = tl.headline_key("Harbour ferry returns after a two-year pause")
    assert tl.repeats_headline(tl.features(line), key) is repeated


def test_the_benchmark_can_leave_lexicon_entries_out_and_restore_them():
    entry = ("navigation", "anywhere", "skip to site index")
    assert entry in tl.lexicon_entries()
    assert tl.matched_entries("Skip to site index") == [entry]
    try:
        tl.use_lexicon(frozenset({entry}))
        assert tl.features("Skip to site index").tier == tl.NONE
    finally:
        tl.use_lexicon()
    assert tl.features("Skip to site index").tier == tl.ANYWHERE


SITE_SPECIFIC = regex.compile(r"www\.|\.com\b|\.co\.|\.org\b|\.net\b|\b(?:19|20)\d\d\b")


def test_lexicon_entries_name_no_site():
    """Entries are general widget wordings: no domains, no years copied from one footer."""
    offenders = [text for _, _, text in tl.lexicon_entries() if SITE_SPECIFIC.search(text)]
    assert not offenders


def test_house_phrases_are_residue_anywhere():
    texts = [BODY, "", "Tap the star to save this story", "", BODY_2, "", BODY_3]
    assert tl.classify(texts)[2].rule is None
    assert tl.classify(texts, extra_phrases=("tap the star to save this story",))[2].rule == tl.RESIDUE


def codes(text: str, path: str = "article.md", select=("T",)):
    return [(f.start.line, f.code) for f in lint(text, path, select=select)]


def test_a_hollow_credit_is_left_to_a104():
    text = f"# Harbour ferry returns\n\n{BODY}\n\nPicture credit: Google Images\n\n{BODY_2}\n\n{BODY_3}\n"
    assert codes(text) == []
    assert codes(text, select=("T", "A104")) == [(5, "A104")]


def test_a_caption_next_to_its_markdown_image_is_not_residue():
    text = f"# Harbour ferry returns\n\n{BODY}\n\n![The ferry](ferry.jpg)\n*Photo: Ilse Varga/Coastline Images*\n\n{BODY_2}\n"
    assert codes(text) == []
    assert codes(text.replace("![The ferry](ferry.jpg)\n", "")) == [(5, "T102")]


def test_markdown_paragraphs_outside_the_block_need_direct_evidence():
    """In Markdown a full paragraph or a heading is never residue just for where it stands."""
    text = (
        f"# Jackets for city cycling\n\n{BODY}\n\n## Best overall\n\n{BODY_2}\n\n"
        "Check price on Amazon\n\nBuy now\n\n## Best budget pick\n\n"
        "For half the price, the budget jacket kept out most of the rain, though water crept in at the cuffs after an hour.\n\n"
        "Buy now\n"
    )
    assert codes(text) == [(9, "T101"), (17, "T101")]  # the buttons; not the heading or paragraph between


@pytest.mark.parametrize(
    "text",
    ["Discount chain TK Maxx opened a shop.", "The XXX-rated cinema closed.", "It hosted Super Bowl XXX.", "Flight TK 1980 was late."],
)
def test_placeholder_lookalikes(text):
    assert codes(f"# Shops\n\n{text}\n", select=("T104",)) == []


@pytest.mark.parametrize(
    "line",
    [
        "Bonus Article:",
        "Companion piece: Why the ferry matters to the islands",
        "Rewritten Article: Rebuilding Trust Across the Harbour",
        "Supplementary Story:",
    ],
)
def test_a_label_over_a_second_glued_on_article_is_residue_anywhere(line):
    assert (tl.features(line).kind, tl.features(line).tier) == ("merged", tl.ANYWHERE)
    texts = [BODY, "", BODY_2, "", line, "", BODY_3, "", BODY]
    assert [r.rule for r in tl.runs(tl.classify(texts), texts)] == [tl.RESIDUE]


@pytest.mark.parametrize(
    "line",
    [
        "The opinion piece: a polemic on ferry fares that drew 300 letters.",  # starts otherwise
        "Opinion pieces: readers sent dozens after the vote.",  # a plural
        "His opinion piece ran on Sunday, and the mayor answered it the next day.",
        "Opinion",
        "Additional reporting by Tilde Marsh.",
    ],
)
def test_sentences_about_opinion_pieces_are_not_merged_article_labels(line):
    assert tl.features(line).kind != "merged"


FIGURE = ("The ferry leaves the harbour at dawn", "Photo: Ilse Varga/Coastline Images")


def test_a_caption_right_above_a_credit_line_is_a_caption():
    texts = [BODY, "", BODY_2, "", *FIGURE, "", BODY_3, "", BODY]
    assert verdict_rules(texts) == [None, None, None, None, tl.CAPTION, tl.CAPTION, None, None, None, None]
    text = f"# Harbour\n\n{BODY}\n\n{BODY_2}\n\n{FIGURE[0]}\n{FIGURE[1]}\n\n{BODY_3}\n"
    assert codes(text) == [(7, "T102")]


def test_a_caption_above_a_hollow_credit_is_still_t102():
    text = f"# Harbour\n\n{BODY}\n\n{BODY_2}\n\n{FIGURE[0]}\nImage credit: Google\n\n{BODY_3}\n"
    assert codes(text, select=("T", "A104")) == [(7, "T102"), (8, "A104")]


@pytest.mark.parametrize(
    "texts",
    [
        # paragraphs not set off by blank lines: the line above the credit is the article's
        [BODY, BODY_2, FIGURE[1], BODY_3, BODY],
        [BODY, "", BODY_2, "", BODY_3, FIGURE[1], BODY_2, "", BODY],
        # the credit is followed by more text of the same block
        [BODY, "", BODY_2, "", *FIGURE, BODY_3, "", BODY],
        # a byline, or a credit sentence rather than a credit line
        [BODY, "", BODY_2, "", "By Tilde Marsh", FIGURE[1], "", BODY_3, "", BODY],
        [BODY, "", BODY_2, "", FIGURE[0], "Photo: The first ferry of the season leaves the harbour after two years", "", BODY_3],
        # an article sentence that is about a photo, not a credit line
        [BODY, "", BODY_2, "", "The mayor posed for a photo with the crew", "Photographs of the crossing hang in the library.", "", BODY_3],
    ],
)
def test_near_misses_of_a_caption_above_a_credit(texts):
    captions = [i for i, v in enumerate(tl.classify(texts)) if v.rule == tl.CAPTION]
    credits = [i for i, text in enumerate(texts) if tl.features(text).caption]
    assert captions == credits


def test_a_figure_next_to_its_markdown_image_keeps_caption_and_credit():
    text = f"# Harbour\n\n{BODY}\n\n{BODY_2}\n\n{FIGURE[0]}\n{FIGURE[1]}\n![The ferry](ferry.jpg)\n\n{BODY_3}\n"
    assert codes(text) == []


HEADLINE = "Harbour ferry returns after a two-year pause"
FAQ = (
    "Frequently asked questions about the harbour ferry", "",
    "When does the first crossing leave?", "", "The first crossing leaves at 7 a.m. on Monday.", "",
    "How much does a return ticket cost?", "", "A return ticket costs four pounds, as it did before the pause.", "",
)


def test_an_faq_block_after_the_article_is_residue():
    texts = [HEADLINE, "", BODY, "", BODY_2, "", BODY_3, "", *FAQ, "Related Posts", "Ferry fares to rise in spring"]
    rules = verdict_rules(texts)
    assert rules[:7] == [None] * 7
    assert all(rule == tl.RESIDUE for text, rule in zip(texts[8:], rules[8:]) if text)
    texts = [HEADLINE, "", BODY, "", BODY_2, "", BODY_3, "", *FAQ]  # at the end of the text, no other residue
    assert [(r.first, r.kinds) for r in tl.runs(tl.classify(texts), texts)] == [(8, ("faq",))]


@pytest.mark.parametrize("heading", ["FAQs", "FAQ: the harbour ferry", "People also ask", "Frequently Asked Questions (FAQs)"])
def test_faq_headings(heading):
    texts = [HEADLINE, "", BODY, "", BODY_2, "", BODY_3, "", heading, *FAQ[1:]]
    assert verdict_rules(texts)[8] == tl.RESIDUE


@pytest.mark.parametrize(
    "texts",
    [
        # an explainer written as questions and answers: the answers are the article
        [HEADLINE, "", BODY, "", *FAQ, "What happens if the weather turns?", "",
         "Crossings are cancelled when the wind is above force six, and tickets are refunded in full at the "
         "harbour office or online within a month of the cancelled crossing, the port authority said.", ""],
        # the heading in the middle of a story, with a subheading and more paragraphs after it
        [HEADLINE, "", BODY, "", BODY_2, "", BODY_3, "", *FAQ, "The long road back", "", BODY, "", BODY_2],
        # a question left unanswered; questions the article asks of its readers
        [HEADLINE, "", BODY, "", BODY_2, "", BODY_3, "", *FAQ[:7], "Will fares rise?"],
        [HEADLINE, "", BODY, "", BODY_2, "", BODY_3, "", "Who asked for the ferry to come back?", "",
         "Islanders asked, the council said.", "", "Who pays?", "", "The port authority pays, its chief said."],
        # a sentence that mentions frequently asked questions
        [HEADLINE, "", BODY, "", BODY_2, "", BODY_3, "", "The most frequently asked question at the harbour was about fares.", "",
         "When does the first crossing leave?", "", "The first crossing leaves at 7 a.m. on Monday.", "",
         "How much does a return ticket cost?", "", "A return ticket costs four pounds, as it did before the pause."],
    ],
)
def test_near_misses_of_an_faq_block(texts):
    assert tl.RESIDUE not in verdict_rules(texts)


def test_an_faq_in_markdown_is_the_authors():
    text = "\n".join([f"# {HEADLINE}", "", BODY, "", BODY_2, "", BODY_3, "", *FAQ])
    assert codes(text) == []
    assert codes(text, path="article.txt") == [(9, "T101")]


def test_faq_literals_cover_every_faq_heading():
    """may_head_faq() gates FAQ_HEADING: every line it matches holds one of FAQ_LITERALS."""
    hypothesis = pytest.importorskip("hypothesis")
    import re

    strategy = hypothesis.strategies.from_regex(re.compile(tl.FAQ_HEADING.pattern, re.IGNORECASE), fullmatch=True)

    @hypothesis.given(strategy)
    @hypothesis.settings(max_examples=300, deadline=None)
    def check(text):
        line = tl.features(text)
        if line.text and line.words <= tl.FAQ_HEADING_WORDS and tl.FAQ_HEADING.fullmatch(line.text):
            assert tl.may_head_faq(line)

    check()


AUTHOR_BIO = (
    "Tilde Marsh covers transport and the islands for the Coast Courier, and before that reported on "
    "shipping and the fishing fleet for eleven years from the harbour office."
)


def test_an_author_box_above_its_link_is_residue():
    texts = [HEADLINE, "", BODY, "", BODY_2, "", BODY_3, "", "Tilde Marsh", "", AUTHOR_BIO, "", "View all posts by Tilde Marsh"]
    runs = tl.runs(tl.classify(texts), texts)
    assert [(r.rule, r.first, r.last) for r in runs] == [(tl.RESIDUE, 8, 12)]
    assert "author" in runs[0].kinds


@pytest.mark.parametrize(
    "box",
    [
        # a subheading and the article's last paragraph, which does not name it
        ["What comes next", "", BODY_3.replace("The service", "The ferry service")],
        # a name line over a paragraph that names someone else
        ["Tilde Marsh", "", BODY_3],
        # a sentence-case line is not a name
        ["Tilde marsh and the ferry", "", AUTHOR_BIO],
    ],
)
def test_near_misses_of_an_author_box(box):
    texts = [HEADLINE, "", BODY, "", BODY_2, "", BODY, "", *box, "", "View all posts by Tilde Marsh"]
    verdicts = tl.classify(texts)
    assert [i for i, v in enumerate(verdicts) if v.rule] == [len(texts) - 1]


@pytest.mark.parametrize(
    "line",
    [
        "See more from the harbour.",
        "Read more from the council report, published on Friday.",
        "More stories by local writers will follow next week.",
        "She wrote all the posts by hand.",
    ],
)
def test_sentences_are_not_author_box_links(line):
    assert tl.features(line).kind != "author"
