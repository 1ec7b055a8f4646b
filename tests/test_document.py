"""Documents: masking keeps offsets, units slice the masked text, headlines are found."""
from conftest import linter_for
from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.sources import Source


def parse(text, path="story.md"):
    return linter_for().parse(Source(path, text))


def test_front_matter_title_is_the_headline():
    doc = parse('---\ntitle: "Council approves budget"\ndate: 2024-05-01\n---\n# Other\n\nBody text here.\n')
    assert doc.headline.text == "Council approves budget"
    assert doc.text[doc.headline.start:doc.headline.end] == "Council approves budget"
    assert doc.metadata["date"].isoformat() == "2024-05-01"
    assert doc.masked.startswith(" " * 3 + "\n")


def test_first_heading_is_the_headline_in_markdown():
    doc = parse("Intro line of text here.\n\n# Ferry returns to the island\n\nBody.\n")
    assert doc.headline.text == "Ferry returns to the island"


def test_plain_text_headline_skips_menu_lines():
    doc = parse("LOGIN\nSkip to content\n\nFerry returns to the island after repairs\n\nBody.\n", "page.txt")
    assert doc.headline.text == "Ferry returns to the island after repairs"


def test_plain_text_headline_falls_back_to_first_line():
    doc = parse("Short\n\nok\n", "page.txt")
    assert doc.headline.text == "Short"


def test_masking_hides_comments_code_links_and_markers():
    text = "# Title <!-- hidden -->\n\nSee `code here` and [the report](http://example.com/x).\n\n```\nfenced wolf\n```\n"
    doc = parse(text)
    assert "hidden" not in doc.masked and "code here" not in doc.masked and "example.com" not in doc.masked
    assert "fenced" not in doc.masked and "#" not in doc.masked
    assert "the report" in doc.masked
    assert len(doc.masked) == len(doc.text)


def test_bom_crlf_and_nbsp():
    findings = linter_for().lint_text("\ufeff# Title here now\r\n\r\nBody\u00a0text.\r\n", "a.md")
    assert findings.error is None


def test_paragraphs_and_sentences():
    doc = parse("# Headline of the story\n\nFirst one. Second one by Mr. Smith.\nSame paragraph.\n\nNext paragraph.\n")
    assert [p.text for p in doc.body_paragraphs] == ["First one. Second one by Mr. Smith.\nSame paragraph.", "Next paragraph."]
    assert [s.text for s in doc.sentences][1:3] == ["First one.", "Second one by Mr. Smith."]



def test_a_run_of_end_marks_ends_one_sentence_in_linear_time():
    # Matching inside the run used to retry every suffix: quadratic on long runs of dots.
    doc = parse("# Headline of the story\n\nWait" + "." * 200_000 + " Then more.\n")
    assert [len(s.text) for s in doc.sentences][1:] == [4 + 200_000, len("Then more.")]
    doc = parse("# Headline of the story\n\nHe left... Then \"Stop!\" She said?! Yes.\n")
    assert [s.text for s in doc.sentences][1:] == ["He left...", "Then \"Stop!\"", "She said?!", "Yes."]

@settings(max_examples=200)
@given(st.text(alphabet=st.sampled_from(list("ab #*_`[]()<!->\n\r\t:.?\"'\u00a0\u2028\U0001f600"))), st.sampled_from(["x.md", "x.txt"]))
def test_masked_is_as_long_as_text_and_units_slice_it(text, path):
    doc = parse(text, path)
    assert len(doc.masked) == len(doc.text)
    for unit in doc.lines + doc.paragraphs + doc.sentences:
        assert doc.masked[unit.start:unit.end] == unit.text
    if doc.headline is not None:
        assert 0 <= doc.headline.start <= doc.headline.end <= len(doc.text)


def test_text_that_opens_with_a_long_paragraph_has_no_headline():
    body = " ".join(["word"] * 40) + ".\n\nMore text.\n"
    assert parse(body, "body.txt").headline is None
