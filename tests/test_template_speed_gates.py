"""The T family's shortcuts find exactly what the plain scans find.

plugins/template_lines.py tries only the branches of its alternations a text can match,
by literal strings read off each branch (plugins/literal_gates.py, ``literal_gate``); it
counts words and tokens of plain text with bytes and the standard library's ``re``; T104
runs only the branches of PLACEHOLDER whose literals a document holds. These tests pin
the Unicode facts those shortcuts rest on (checked against every code point, so a new
``regex`` or Python that changes them fails here), and compare each shortcut with the
plain code it replaces (written out below as it was) on real lines, their variants and
random text.
"""
from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import pytest
import regex

from newslint_plugins import literal_gates as lg
from newslint_plugins import template as tp
from newslint_plugins import template_lines as tl

ALL = "".join(chr(i) for i in range(sys.maxunicode + 1) if not 0xD800 <= i < 0xE000)
FIXTURES = Path(__file__).parent / "fixtures"


# --- the plain code the shortcuts replace -------------------------------------------------


def plain_tokens(text):
    out = []
    for raw in tl.TOKEN_SPLIT.split(text.casefold().replace("\u2019", "'")):
        token = raw.strip(tl.TOKEN_TRIM)
        if token:
            out.append("#" if tl.COUNT.fullmatch(token) else token)
    return out


def plain_cover(toks, phrases):
    n = len(toks)
    if n == 0 or n > tl.MAX_COVER_TOKENS or all(t == "#" for t in toks):
        return None
    reach = [None] * (n + 1)
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
    parts = reach[n] or None
    if not parts:
        return None
    if "#" in toks and any(kind not in tl.COUNTED for kind, _, _ in parts):
        return None
    strong = [p for p in parts if p[1] > tl.WEAK]
    if strong:
        return strong[0][0], tl.ANYWHERE if len(parts) >= 2 else max(t for _, t, _ in strong)
    return parts[0][0], tl.OUTSIDE if len(parts) >= 3 else tl.WEAK


def plain_pattern_match(text, lexicon):
    bare = text.strip(tl.WRAPPERS)
    for tier, pattern in lexicon.patterns.items():
        match = pattern.fullmatch(bare) or (bare != text and pattern.fullmatch(text))
        if match:
            return match.lastgroup, tier
    return None, tl.NONE


def plain_lexicon_match(text, toks, lexicon):
    if len(text) <= tl.MAX_PATTERN_CHARS:
        name, tier = plain_pattern_match(text, lexicon)
        if name is not None:
            return name.rsplit("_", 1)[0], tier
    if toks is None:
        return None
    found = plain_cover(toks, lexicon.phrases)
    if found is None and tl.CAMEL.search(text):
        found = plain_cover(plain_tokens(tl.CAMEL.sub(" ", text)), lexicon.phrases)
    return found


def plain_is_caption(text):
    return bool(tl.CAPTION_START.match(text) or tl.CAPTION_END.search(text, max(0, len(text) - tl.CAPTION_TAIL)))


def plain_features(raw, lexicon=None):
    lexicon = lexicon or tl.DEFAULT_LEXICON
    text = tl.SPACES.sub(" ", tl.INVISIBLE.sub("", raw)).strip()
    if not text:
        return tl.Line("", 0, False)
    if len(text) > tl.LONG_LINE:
        return tl.Line(text, text.count(" ") + 1, True, terminal=True)
    words = tl.WORD.findall(tl.IDEOGRAPH.sub(" ", text))
    count = len(words) + len(tl.IDEOGRAPH.findall(text))
    terminal = bool(tl.TERMINAL.search(text)) and not tl.ELLIPSIS_END.search(text)
    cased = [w for w in words if w[0].isalpha() and (w[0].isupper() or w[0].islower())]
    lower = sum(1 for w in cased if w[0].islower())
    sentence_case = not cased or lower >= 0.4 * len(cased)
    prose = sentence_case and (count >= 8 and terminal or count >= 14)
    toks = plain_tokens(text) if count <= tl.MAX_COVER_TOKENS else None
    kind, tier = None, tl.NONE
    match = plain_lexicon_match(text, toks, lexicon)
    if match:
        kind, tier = match
    elif not tl.HAS_ALNUM.search(text):
        kind, tier = "separator", tl.WEAK
    elif toks and all(t == "#" for t in toks):
        kind, tier = "counter", tl.WEAK
    elif len(text) <= 200 and " " not in text and tl.ASSET_LINE.fullmatch(text):
        kind, tier = "asset", tl.ANYWHERE if tl.ASSET_WORD.search(text) else tl.OUTSIDE
    elif len(text) <= 200 and " " not in text and tl.URL_LINE.fullmatch(text):
        kind, tier = "url", tl.WEAK
    dated = count <= 16 and bool(tl.DIGIT.search(text)) and bool(tl.DATE.search(text))
    byline = count <= 16 and bool(tl.BYLINE.search(text))
    caption = count <= 60 and not byline and tier < tl.ANYWHERE and plain_is_caption(text)
    if kind is not None or caption:
        prose = False
    key = " ".join(toks) if toks is not None else None
    return tl.Line(text, count, prose, kind, tier, caption, dated, byline, terminal, sentence_case, key)


# --- lines to compare on ------------------------------------------------------------------


def real_lines():
    lines = set()
    for path in sorted(FIXTURES.rglob("*")):
        if path.is_file() and path.suffix in (".txt", ".md"):
            lines.update(path.read_text(encoding="utf-8").splitlines())
    return sorted(lines)


def widget_lines():
    """Lines built from the lexicon: its phrases and some of its patterns' literal pieces."""
    out = []
    for kind, tier, text in tl.lexicon_entries():
        if not text.startswith("^"):
            out += [text, text.upper(), text.title(), f"• {text}", f"[{text}]", f"{text}: 12", f"12 {text}"]
    return out


def variants(line, rng):
    """The line as other pages might print it: other cases, look-alike letters, bullets, spaces."""
    yield line
    yield line.upper()
    yield line.swapcase()
    yield line.replace("s", "\u017f").replace("k", "\u212a").replace("i", "\u0131").replace("I", "\u0130")
    yield f"| {line} |"
    yield f"\u2022 {line}"
    yield f"  {line}\t"
    yield line.replace(" ", "\u00a0")
    yield line.replace("'", "\u2019").replace('"', "\u201c")
    yield line + "\x1c"
    yield "\u200b" + line
    if len(line) > 3:
        cut = rng.randrange(len(line))
        yield line[:cut] + rng.choice("\u2014\u2026\u00e9\u00df\u0301\u4e00,.;:()[]{}#$%&+-") + line[cut:]


def random_lines(n, seed):
    rng = random.Random(seed)
    alphabet = list(
        "aAbBeEiIkKsSxXtT zZ.\t\n\x1c\x1d\u00a0\u2000\u200b\u00ad\u2060\ufeff\u00e9\u20ac$\u00a3%X,x.TK-+12'\u2019|"
        "\u2022\u00b7/\\\u00bb\u203a<>()[]{}\"\u201c\u201d\u201e\u00ab:!?*\u2018\u2013\u2014=_~#\u6f22\u304b\u30ab"
        "\u0301\u0130\u0131\u017f\u212a\u3002\u2026\u00a9\u24d2"
    )
    words = ["share", "this", "read", "more", "photo", "AP", "Getty", "Images", "comments", "12", "2019", "TK", "XXX",
             "lorem", "ipsum", "[NAME]", "{{x}}", "subscribe", "newsletter", "Facebook", "Twitter", "iPhone", "McDonald",
             "May", "10:30", "am", "by", "Credit:", "(AP Photo/Jane Roe)", "Related:", "Home »", "cookies"]
    for _ in range(n):
        if rng.random() < 0.5:
            yield "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        else:
            yield " ".join(rng.choice(words + alphabet) for _ in range(rng.randint(1, 12)))


@pytest.fixture(scope="module")
def lines():
    rng = random.Random(4)
    base = real_lines() + widget_lines()
    out = [v for line in base for v in variants(line, rng)]
    return out + list(random_lines(10000, 9))


# --- the facts ----------------------------------------------------------------------------


def test_the_characters_that_match_an_ascii_letter_without_regard_to_case():
    beyond = "".join(c for c in ALL if ord(c) > 127)
    assert set(regex.findall(r"[\x00-\x7f]", beyond, flags=regex.IGNORECASE)) == set(lg.FOLDS_TO_ASCII)


def test_spaces_as_regex_re_and_str_see_them():
    regex_space = set(regex.findall(r"\s", ALL))
    re_space = set(re.findall(r"\s", ALL))
    str_space = {c for c in ALL if c.isspace()}
    assert str_space - regex_space == set(tl.C0_SEPARATORS) and regex_space <= str_space
    assert re_space == str_space
    # clean() keeps a printable line with single spaces as it is.
    assert all(not c.isprintable() for c in (regex_space - {" "}) | set(regex.findall(tl.INVISIBLE.pattern, ALL)))


def test_plain_punctuation_is_no_letter_number_mark_or_ideograph():
    word_start = regex.compile(r"[\p{L}\p{N}\p{M}]")
    for char, stand_in in tl.PLAIN_PUNCTUATION:
        assert not word_start.match(char) and not tl.IDEOGRAPH.match(char) and not tl.INVISIBLE.match(char)
        assert char.lower() == char == char.upper() == char.casefold() and char not in lg.FOLDS_TO_ASCII
        assert stand_in == ("'" if char == "\u2019" else " ")


def test_caseless_literals_match_only_themselves():
    chars = set()
    for pattern in [tp.PLACEHOLDER, tl.CAPTION_START, tl.CAPTION_END, *tl.DEFAULT_LEXICON.patterns.values()]:
        for _, node in lg.parse_branches(pattern.pattern, pattern.flags & (regex.IGNORECASE | regex.VERBOSE)):
            gate = lg.literal_gate(node, "search")
            for cs, ci in gate.need + tuple(x for x in (gate.pre, gate.suf) if x):
                chars.update(c for s in cs + ci for c in s if not c.isascii())
    assert chars  # the lexicon has some (\u00bb, \u00a9, ...)
    for char in chars:
        assert set(regex.findall(regex.escape(char), ALL, flags=regex.IGNORECASE)) == {char}, char


# --- the shortcuts against the plain code -------------------------------------------------


def test_features_are_the_plain_features(lines):
    for line in lines:
        fast, slow = tl.features(line), plain_features(line)
        assert fast == slow and fast.key == slow.key, line


def test_house_phrases_and_a_dropped_lexicon_too(lines):
    extra = tl.lexicon_for(("Share this story", "Our Newsroom"))
    dropped = tl.build_lexicon(drop=frozenset(tl.lexicon_entries()[::3]))
    for lexicon in (extra, dropped):
        for line in lines[::7]:
            assert tl.features(line, lexicon) == plain_features(line, lexicon), line


def test_tokens_and_their_ends(lines):
    for line in lines:
        toks = plain_tokens(line)
        assert tl.tokens(line) == toks, line
        assert tl.first_token(line) == (toks[0] if toks else None) and tl.last_token(line) == (toks[-1] if toks else None)


def test_branch_matcher_finds_what_the_whole_alternation_finds(lines):
    lexicon = tl.DEFAULT_LEXICON
    for line in lines:
        text = tl.clean(line)
        if text and len(text) <= tl.MAX_PATTERN_CHARS:
            assert tl._pattern_match(text, lexicon) == plain_pattern_match(text, lexicon), text
            assert tl._pattern_match(text, lexicon, lg.lowered(text)) == plain_pattern_match(text, lexicon), text


def test_a_matcher_read_back_or_rebuilt_from_a_damaged_plan_gives_the_same_candidates(lines, tmp_path, monkeypatch):
    alternations = [[("a", r"read more\b.{0,20}"), ("b", r"share (?:this|on) \w+")], [("c", r"\d+ comments?")]]
    built = lg.BranchMatcher(alternations, regex.IGNORECASE)
    read_back = lg.BranchMatcher(alternations, regex.IGNORECASE)
    monkeypatch.setattr(lg, "PLANS", lg.cache.EntryFiles("literal-plans-test"))
    lg.PLANS.put(f"matcher\0{int(regex.IGNORECASE)}\0{alternations!r}", ["not", "a plan", "at all"])
    rebuilt = lg.BranchMatcher(alternations, regex.IGNORECASE)
    for text in ["Read more about it", "Share this story", "12 comments", "Plain prose."] + [tl.clean(line) for line in lines[:200]]:
        if text:
            low = lg.lowered(text)
            assert built.candidates(text, low) == read_back.candidates(text, low) == rebuilt.candidates(text, low)
            assert built.fullmatch((text,)) == rebuilt.fullmatch((text,))


def test_captions_camel_case_and_english_words(lines):
    for line in lines:
        text = tl.clean(line)
        if not text:
            continue
        assert tl.is_caption(text) == plain_is_caption(text), text
        if text.isascii():
            assert tl.camel_in_ascii(text) == bool(tl.CAMEL.search(text)), text
        words = tl.ENGLISH_WORD.findall(text.casefold())
        found = tl.english_words(text)
        assert len(found) == len(words), text
        assert sum(map(tl.FUNCTION_WORDS.__contains__, found)) == sum(w in tl.ENGLISH_FUNCTION_WORDS for w in words)


class Doc:  # what placeholder_text reads of a document
    def __init__(self, text):
        self.masked = text


class Ctx:
    def report(self, span, message, **kwargs):
        return span, message


def plain_placeholders(text):
    """T104 as it was: every PLACEHOLDER match, less a TK or XXX beside a capitalised word or a number."""
    out = []
    for match in tp.PLACEHOLDER.finditer(text):
        found = match.group()
        if found.strip("TKXx") == "":
            window = max(0, match.start() - tp.WORD_WINDOW)
            line_start = text.rfind("\n", window, match.start()) + 1
            before = text[max(line_start, window) : match.start()]
            after = text[match.end() : match.end() + 40]
            if tp.CAPITALISED_BEFORE.search(before) or tp.CAPITALISED_OR_NUMBER_AFTER.search(after):
                continue
        out.append(match.span())
    return out


def test_the_rule_reports_what_the_whole_pattern_finds():
    text = "Spend $XX on it, said [NAME] of TK Maxx; TKTK.\n{{ name }} and lorem ipsum."
    reported = [span for span, _ in tp.placeholder_text.check(Doc(text), Ctx())]
    assert reported == plain_placeholders(text) and len(reported) == 5


@pytest.mark.parametrize("seed", range(3))
def test_placeholders_found_by_the_narrowed_pattern_are_all_of_them(seed):
    rng = random.Random(seed)
    pieces = ["TK", "TKTK", "TK Maxx", "XXX", "xxx", "$XX", "\u00a3X.X", "X,XXX", "XX%", "20XX", "19XX", "lorem ipsum",
              "Lorem Ipsum dolor sit amet", "DOLOR SIT AMET", "consectetur adipiscing elit", "[NAME]", "<CITY>",
              "[FIRSTNAME]", "[ insert quote ]", "[Citation needed]", "INSERT QUOTE HERE", "{{name}}", "{% tag %}",
              "${name}", "%%NAME%%", "[[Name]]", "{first_name}", "{CITY_NAME}", "the", "Mayor", "said", "$14", "40%",
              "X", "K", "T", "[", "]", "<", ">", "{", "}", "%", "\u017forem", "LOREM"]
    for _ in range(300):
        text = " ".join(rng.choice(pieces) for _ in range(rng.randint(1, 30)))
        found = [(m.span(), m.group()) for m in tp.PLACEHOLDER.finditer(text)]
        narrowed = tp.PLACEHOLDER_GATE.narrowed(text)
        assert found == ([] if narrowed is None else [(m.span(), m.group()) for m in narrowed.finditer(text)]), text
        assert [span for span, _ in tp.placeholder_text.check(Doc(text), Ctx())] == plain_placeholders(text)


def test_placeholders_in_the_fixtures():
    for path in sorted(FIXTURES.rglob("*")):
        if path.is_file() and path.suffix in (".txt", ".md"):
            text = path.read_text(encoding="utf-8")
            narrowed = tp.PLACEHOLDER_GATE.narrowed(text)
            expected = [m.span() for m in tp.PLACEHOLDER.finditer(text)]
            assert expected == ([] if narrowed is None else [m.span() for m in narrowed.finditer(text)]), path


# --- the gate reader ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "pattern",
    [r"a(?i)b", r"(a)\1", r"[[:alpha:]]x", r"a{e<=1}", r"(?P=name)", r"(?|a|b)", r"\Kx", r"a{x", r"[]a]", r"(?x:a)"],
)
def test_syntax_the_reader_does_not_know_is_refused(pattern):
    with pytest.raises(lg.Unreadable):
        lg.parse_branches(pattern)


def test_gates_read_off_some_branches():
    def gate(pattern, mode="fullmatch", flags=regex.IGNORECASE):
        [(_, node)] = lg.parse_branches(pattern, flags)
        return lg.literal_gate(node, mode)

    assert gate(r"(?:skip|jump) to (?:the )?content\b.{0,60}").pre == (
        (), ("jump to content", "jump to the content", "skip to content", "skip to the content")
    )
    assert gate(r".{3,160}\bby clicking here\s*").suf == ((), ("by clicking here",))
    assert gate(r"(?-i:TK)(?:TK)*", "search").need == ((("TK",), ()),)
    assert set(gate(r"\{\{[^{}]{1,60}\}\}", "search", 0).need) == {(("{{",), ()), (("}}",), ())}
    assert gate(r"\s*\d+\s*").pre is None and gate(r".*").need == ()


def test_a_gate_passes_every_line_its_branch_matches(lines):
    lexicon = tl.DEFAULT_LEXICON
    branches = {
        tier: [
            (regex.compile(source, regex.IGNORECASE), lg.literal_gate(node, "fullmatch").check())
            for source, node in lg.parse_branches(pattern.pattern, regex.IGNORECASE)
        ]
        for tier, pattern in lexicon.patterns.items()
    }
    for line in lines[::2]:
        text = tl.clean(line)
        for tier, pattern in lexicon.patterns.items():
            if text and pattern.fullmatch(text):
                for branch, check in branches[tier]:
                    if branch.fullmatch(text):
                        assert check(text, lg.lowered(text)), (branch.pattern, text)
