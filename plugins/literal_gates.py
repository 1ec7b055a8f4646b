"""Literal gates: cheap, sound tests that tell when a regular expression's branch cannot match.

The ``regex`` module has no literal prefilter for an alternation: it tries every branch at
every position, so most of the time a big alternation costs is spent proving that an
ordinary line of prose matches none of it. Yet a branch can only match a text that holds
certain literal strings: ``^(?:skip|jump) to ...`` needs "skip to" or "jump to" at the
start, ``^.{3,160}\\bby clicking here$`` needs "by clicking here" at the end, ``\\{\\{...\\}\\}``
needs "{{" somewhere. This module reads such strings off a pattern's branches and builds
matchers that try only the branches a text can match.

*A gate* (``Gate``) is what a text must hold for one branch to match: a prefix, a suffix,
and one string of each of a few ``need`` sets, each split into case-sensitive strings and
lowercase ones (looked for in ``lowered(text)``). ``parse_branches`` reads a pattern into
its top-level branches (``_Reader``), ``summarize`` works out what every match of a parsed
branch starts with, ends with and holds, and ``literal_gate`` turns that into the gate of
the branch as used with ``fullmatch``, ``match`` or ``search``. A gate is written out as a
Python expression of ``str.startswith``/``endswith`` and ``in`` checks (``Gate.expression``)
and compiled once.

*Why it is sound*: a gate never turns away a text its branch matches. Every step of
``summarize`` keeps only strings that every match of the piece must hold, and anything it
cannot pin down (a class, an unbounded repeat, a cased letter beyond ASCII, more than
``_CAP`` strings) says nothing, which leaves the gate open. Only a plain subset of the
syntax is read (literals, small sets, groups, alternation, quantifiers, anchors,
lookarounds, the usual escapes); a branch with anything else raises ``Unreadable`` and its
pattern runs ungated. Case-insensitive strings are compared with ``str.lower()``, and a text
holding one of the few characters that match an ASCII letter without lowering to one
(``FOLDS_TO_ASCII``) passes every case-insensitive gate. The matchers try the branches
that pass, in their original order: at each position an alternation takes its first branch
that matches, so leaving out branches that cannot match changes nothing that is found.
``BranchMatcher`` gives the first branch of named alternations that a whole line matches
(files each branch under the first or last characters it can match, and generates one
function that returns the candidates); ``SearchGate`` says whether a pattern can find
anything in a text and cuts it down to the branches that can.
tests/test_template_speed_gates.py pins the Unicode facts this rests on against every code
point and compares the gated matchers with the whole patterns on real and random text.

*The cache*: reading a branch and working out its gate takes most of a second for the
several hundred branches of the template lexicon, so the facts ``BranchMatcher`` needs of
each branch (``branch_facts``) are kept as JSON in the cache folder (``newslint.cache.Memo``
"literal-gates", ``GATES``), keyed by the source, flags and use; what a start needs, the
gates of a ``SearchGate``'s pattern (``search_gates``) and the plan of a ``BranchMatcher``
(which alternations are gated, and the Python source of its candidates), in a smaller
table (``PLANS``). A damaged entry is worked out again. The Python is compiled once and
kept too (``newslint.generated``).

Used by the T family: plugins/template_lines.py (the widget lexicon's patterns, captions and
credits) and plugins/template.py (T104's placeholders).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable, NamedTuple, Sequence

import re
import unicodedata

import regex

from newslint import cache, generated
from newslint.patterns import compile as compile_regex

Lit = tuple  # (string, case-insensitive): a case-insensitive one is looked for in text.lower()
_EMPTY: Lit = ("", False)
_CAP = 64  # the most strings a set of literals keeps (beyond that it says nothing)
# Characters other than ASCII letters that the regex module matches to an ASCII letter without
# regard to case (Turkish dotted and dotless i, long s, Kelvin sign): a text holding one is
# not lowercased into a comparable form, so its case-insensitive gates all pass
# (tests/test_template_speed_gates.py checks this list against every code point).
FOLDS_TO_ASCII = "\u0130\u0131\u017f\u212a"
_VERBOSE_SPACE = " \t\n\r\f\v"


class Unreadable(ValueError):
    """A pattern uses syntax the gate reader does not read."""


def _lit(char: str, ic: bool) -> Lit | None:
    """A one-character literal, or None for a character whose case can't be compared by lower()."""
    if char.isascii():
        return (char.lower(), True) if ic and char.isalpha() else (char, False)
    # Caseless punctuation, symbols, spaces and digits match only themselves, with or without case.
    if unicodedata.category(char)[0] in "PSZN" and char.lower() == char == char.upper() == char.casefold():
        return (char, False)
    return None


def _join(a: Lit, b: Lit) -> Lit:
    if a[1] or b[1]:  # every character is ASCII or caseless, so lower() maps it alone
        return ((a[0] + b[0]).lower(), True)
    return (a[0] + b[0], False)


def _cross(a: frozenset | None, b: frozenset | None) -> frozenset | None:
    if a is None or b is None or len(a) * len(b) > _CAP:
        return None
    return frozenset(_join(x, y) for x in a for y in b)


def _union(a: frozenset | None, b: frozenset | None) -> frozenset | None:
    if a is None or b is None or len(a) + len(b) > _CAP:
        return None
    return a | b


def _useful(lits: frozenset | None) -> frozenset | None:
    """A set of literals one of which a text must hold; None if it holds the empty string."""
    return lits if lits and _EMPTY not in lits and all(text for text, _ in lits) else None


def _quality(lits: frozenset) -> tuple:
    return (min(len(text) for text, _ in lits), -len(lits))


class Summary(NamedTuple):
    """What every match of a piece of pattern looks like: one of ``exact`` strings, or a string
    that starts with one of ``pre``, ends with one of ``suf`` and holds one of each ``need`` set
    (None: nothing known)."""

    exact: frozenset | None = None
    pre: frozenset | None = None
    suf: frozenset | None = None
    need: tuple = ()


UNKNOWN = Summary()


def _exact(lits: frozenset | None) -> Summary:
    if lits is None:
        return UNKNOWN
    useful = _useful(lits)
    return Summary(lits, useful, useful, (useful,) if useful else ())


def _implies(a: frozenset, b: frozenset) -> bool:
    """Does a text that holds one of ``a`` always hold one of ``b``?"""
    def holds(s: str, ic: bool, t: str, tic: bool) -> bool:
        if ic == tic:
            return t in s
        return tic and t in s.lower()  # a case-sensitive string implies its lowercase, not the reverse

    return all(any(holds(s, ic, t, tic) for t, tic in b) for s, ic in a)


def _weak(lit: Lit) -> bool:
    """Is the literal in nearly every line (a space, one letter whatever its case)?"""
    return not lit[0].strip() or (lit[1] and len(lit[0]) == 1)


def _shortest(lits: frozenset) -> frozenset:
    """The set without strings that hold another of its strings (they add nothing)."""
    return frozenset(a for a in lits if not any(b != a and _implies(frozenset({a}), frozenset({b})) for b in lits))


def _best(sets: Iterable[frozenset | None], keep: int = 5) -> tuple:
    kept: list[frozenset] = []
    found = {_shortest(s) for s in sets if _useful(s) and not any(_weak(lit) for lit in s)}
    for lits in sorted(found, key=_quality, reverse=True):
        if not any(_implies(other, lits) for other in kept):
            kept.append(lits)
    return tuple(kept[:keep])


def _concat(a: Summary, b: Summary) -> Summary:
    exact = _cross(a.exact, b.exact)
    if exact is not None:
        return Summary(exact, _useful(exact), _useful(exact), _best(((_useful(exact),) + a.need + b.need)))
    pre = a.pre
    if a.exact is not None:
        pre = _useful(_cross(a.exact, b.pre)) or _useful(a.exact)
    suf = b.suf
    if b.exact is not None:
        suf = _useful(_cross(a.suf, b.exact)) or _useful(b.exact)
    return Summary(None, pre, suf, _best(a.need + b.need + (pre, suf, _cross(a.suf, b.pre))))


def _alternation(items: list[Summary]) -> Summary:
    exact, pre, suf = items[0].exact, items[0].pre, items[0].suf
    need = items[0].need[:1] or (None,)
    need = need[0]
    for item in items[1:]:
        exact, pre, suf = _union(exact, item.exact), _union(pre, item.pre), _union(suf, item.suf)
        need = _union(need, item.need[0] if item.need else None)
    if exact is not None:
        return _exact(exact)
    return Summary(None, _useful(pre), _useful(suf), _best((pre, suf, need)))


# Parsed pattern: ("lit", Lit | None), ("set", frozenset | None), ("any",), ("space",) for \s, ("digit",) for \d,
# ("zero", kind) for anchors and lookarounds, ("seq", [nodes]), ("alt", [nodes]),
# ("rep", node, low, high or None).
ANY, SPACE, DIGIT_CLASS = ("any",), ("space",), ("digit",)
NON_ASCII = ("non-ascii",)  # for first_chars: some character beyond ASCII (none of them matches an ASCII one)
_QUANTIFIER = regex.compile(r"\{(\d*)(?:(,)(\d*))?\}")
_FLAG_GROUP = regex.compile(r"([a-zA-Z]*)(?:-([a-zA-Z]*))?:")
_HEX = {"x": 2, "u": 4, "U": 8}
_CONTROL = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}


class _Reader:
    def __init__(self, pattern: str, flags: int):
        if flags & ~(regex.IGNORECASE | regex.VERBOSE):
            raise Unreadable(f"flags {flags}")
        self.text, self.at = pattern, 0
        self.verbose = bool(flags & regex.VERBOSE)
        self.ic = bool(flags & regex.IGNORECASE)

    def peek(self) -> str | None:
        return self.text[self.at] if self.at < len(self.text) else None

    def take(self) -> str:
        if self.at >= len(self.text):
            raise Unreadable("unexpected end")
        self.at += 1
        return self.text[self.at - 1]

    def skip_space(self) -> None:
        while self.verbose and self.at < len(self.text):
            char = self.text[self.at]
            if char in _VERBOSE_SPACE:
                self.at += 1
            elif char == "#":
                end = self.text.find("\n", self.at)
                self.at = len(self.text) if end < 0 else end + 1
            elif char.isspace():
                raise Unreadable("unusual space in a verbose pattern")
            else:
                break

    def branches(self) -> list[tuple[str, tuple]]:
        """The top-level branches: (source, parsed) each."""
        out, start = [], 0
        while True:
            node = self.sequence(self.ic)
            out.append((self.text[start : self.at], node))
            if self.peek() is None:
                return out
            if self.take() != "|":
                raise Unreadable("unbalanced parenthesis")
            start = self.at

    def alternation(self, ic: bool) -> tuple:
        items = [self.sequence(ic)]
        while self.peek() == "|":
            self.take()
            items.append(self.sequence(ic))
        return items[0] if len(items) == 1 else ("alt", items)

    def sequence(self, ic: bool) -> tuple:
        items = []
        while True:
            self.skip_space()
            char = self.peek()
            if char is None or char in "|)":
                return ("seq", items)
            items.append(self.quantified(self.atom(ic)))

    def quantified(self, node: tuple) -> tuple:
        self.skip_space()
        char = self.peek()
        if char is None or char not in "?*+{":
            return node
        if char == "{":
            match = _QUANTIFIER.match(self.text, self.at)
            if not match or not (match.group(1) or match.group(3)):
                raise Unreadable("a brace that is not a quantifier")
            self.at = match.end()
            low = int(match.group(1) or 0)
            high = (int(match.group(3)) if match.group(3) else None) if match.group(2) else low
        else:
            self.take()
            low, high = {"?": (0, 1), "*": (0, None), "+": (1, None)}[char]
        if self.peek() is not None and self.peek() in "?+":
            self.take()  # lazy or possessive: the same strings match
        self.skip_space()
        if self.peek() is not None and self.peek() in "?*+{":
            raise Unreadable("stacked quantifiers")
        return ("rep", node, low, high)

    def atom(self, ic: bool) -> tuple:
        char = self.take()
        if char == "(":
            return self.group(ic)
        if char == "[":
            return self.char_set(ic)
        if char == ".":
            return ANY
        if char in "^$":
            return ("zero", char)
        if char == "\\":
            return self.escape(ic, in_set=False)
        if char in "*+?{)|":
            raise Unreadable(f"unexpected {char!r}")
        return ("lit", _lit(char, ic))

    def group(self, ic: bool) -> tuple:
        zero = False
        if self.peek() == "?":
            self.take()
            rest = self.text[self.at : self.at + 3]
            if rest.startswith(":") or rest.startswith(">"):
                self.at += 1
            elif rest.startswith(("=", "!")):
                self.at, zero = self.at + 1, True
            elif rest.startswith(("<=", "<!")):
                self.at, zero = self.at + 2, True
            elif rest.startswith(("P<", "<")):
                end = self.text.find(">", self.at)
                name = self.text[self.text.index("<", self.at) + 1 : end]
                if end < 0 or not name.isidentifier():
                    raise Unreadable("group name")
                self.at = end + 1
            else:
                match = _FLAG_GROUP.match(self.text, self.at)
                on, off = (match.group(1), match.group(2) or "") if match else ("", "")
                if not match or not (on or off) or not set(on + off) <= {"i"}:
                    raise Unreadable("group kind")
                ic = False if off else True
                self.at = match.end()
        inner = self.alternation(ic)
        if self.take() != ")":
            raise Unreadable("unclosed group")
        return ("zero", "look") if zero else inner

    def escape(self, ic: bool, in_set: bool) -> tuple:
        char = self.take()
        if char in _HEX:
            digits = self.text[self.at : self.at + _HEX[char]]
            if len(digits) != _HEX[char] or not all(c in "0123456789abcdefABCDEF" for c in digits):
                raise Unreadable("hex escape")
            self.at += len(digits)
            return ("lit", _lit(chr(int(digits, 16)), ic))
        if char in _CONTROL:
            return ("lit", _lit(_CONTROL[char], ic))
        if char == "d":
            return DIGIT_CLASS
        if char in "DwWS":
            return ANY
        if char == "s":
            return SPACE
        if char in "pP":
            if self.peek() == "{":
                end = self.text.find("}", self.at)
                if end < 0:
                    raise Unreadable("property")
                self.at = end + 1
            else:
                self.take()
            return ANY
        if not in_set and char in "bBAZGmM":
            return ("zero", char)
        if char.isalnum() or not char.isascii():
            raise Unreadable(f"escape \\{char}")
        return ("lit", _lit(char, ic))

    def char_set(self, ic: bool) -> tuple:
        negated = self.peek() == "^"
        if negated:
            self.take()
        if self.peek() == "]":
            raise Unreadable("a set that opens with ]")
        chars, plain = [], True
        while True:
            char = self.take()
            if char == "]":
                break
            if char == "[" or self.text.startswith(("&&", "||", "~~", "--"), self.at - 1):
                raise Unreadable("nested set or set operation")
            if char == "\\":
                node = self.escape(ic, in_set=True)
                if node[0] == "lit":
                    chars.append(node[1])
                else:
                    plain = False
            elif char == "-" and chars and self.peek() != "]":
                plain = False  # a range
            elif self.verbose and char.isspace():
                plain = False
            else:
                chars.append(_lit(char, ic))
        if negated or not plain or None in chars or len(chars) > 16:
            return ANY
        return ("set", frozenset(chars))


def parse_branches(pattern: str, flags: int = 0) -> list[tuple[str, tuple]]:
    """The top-level branches of a pattern as (source, parsed node); raises Unreadable."""
    return _Reader(pattern, flags).branches()


def _items(node: tuple) -> list:
    return node[1] if node[0] == "seq" else [node]


def summarize(node: tuple, budget: int = 8) -> Summary:
    kind = node[0]
    if kind == "lit":
        return _exact(frozenset({node[1]})) if node[1] is not None else UNKNOWN
    if kind == "set":
        return _exact(node[1])
    if kind == "zero":
        return _exact(frozenset({_EMPTY}))
    if kind == "alt":
        return _alternation([summarize(item, budget) for item in node[1]])
    if kind == "rep":
        inner, low, high = summarize(node[1], budget), node[2], node[3]
        if low == 0:
            if high == 0:
                return _exact(frozenset({_EMPTY}))
            return _exact(_union(inner.exact, frozenset({_EMPTY}))) if high == 1 else UNKNOWN
        if inner.exact is None:
            return Summary(None, inner.pre, inner.suf, inner.need)
        power = inner.exact
        for _ in range(low - 1):
            power = _cross(power, inner.exact)
        if power is not None and high == low:
            return _exact(power)
        pre = _useful(power) or inner.pre
        return Summary(None, pre, _useful(power) or inner.suf, _best(inner.need + (pre,)))
    if kind == "seq":
        items = node[1]
        out = _exact(frozenset({_EMPTY}))
        for item in items:
            out = _concat(out, summarize(item, budget))
        # An optional piece at either end: the match is either shorter or has it (X Y? is X | X Y).
        if budget > 0 and len(items) > 1:
            if out.suf is None and items[-1][0] == "rep" and items[-1][2] == 0 and items[-1][3] == 1:
                without = summarize(("seq", items[:-1]), budget // 2)
                with_ = summarize(("seq", items[:-1] + _items(items[-1][1])), budget // 2)
                out = Summary(out.exact, out.pre, _useful(_union(without.suf, with_.suf)), out.need)
            if out.pre is None and items[0][0] == "rep" and items[0][2] == 0 and items[0][3] == 1:
                without = summarize(("seq", items[1:]), budget // 2)
                with_ = summarize(("seq", _items(items[0][1]) + items[1:]), budget // 2)
                out = Summary(out.exact, _useful(_union(without.pre, with_.pre)), out.suf, out.need)
        return out
    return UNKNOWN  # any character, \s


def _blank_end(node: tuple) -> bool:
    """Matches only an empty string, or spaces: the end of a match where the text has no space."""
    return node[0] == "zero" or (node[0] == "rep" and node[1] is SPACE and node[2] == 0)


def trim(node: tuple, end: bool) -> tuple:
    """The node without the anchors and optional spaces at one end: where a match of it
    ends (or starts) at the end (start) of a text with no space there, they match nothing."""
    if node[0] == "alt":
        return ("alt", [trim(item, end) for item in node[1]])
    if node[0] != "seq":
        return ("seq", []) if _blank_end(node) else node
    items = list(node[1])
    while items and _blank_end(items[-1 if end else 0]):
        items.pop(-1 if end else 0)
    if items:
        index = -1 if end else 0
        items[index] = trim(items[index], end)
    return ("seq", items)


def anchored_end(node: tuple) -> bool:
    """Does every match end at the end of the text (a final $ or \\Z, perhaps after optional spaces)?"""
    if node[0] == "alt":
        return all(anchored_end(item) for item in node[1])
    if node[0] == "zero":
        return node[1] in "$Z"
    if node[0] != "seq":
        return False
    for item in reversed(node[1]):
        if item[0] == "zero" and item[1] in "$Z":
            return True
        if not _blank_end(item):
            return anchored_end(item)
    return False


def _split(lits: frozenset | None) -> tuple | None:
    if lits is None:
        return None
    return (tuple(sorted(t for t, ic in lits if not ic)), tuple(sorted(t for t, ic in lits if ic)))


LARGE_SET = 6  # in a whole document, a set of more strings than this is looked for another way (Gate.expression)
# English letters from the most to the least common, for guessing a string's rarest character.
LETTER_ORDER = "etaoinshrdlcumwfgypbvkjxqz"


@lru_cache(maxsize=None)  # asked thousands of times while the matchers are written out at import
def _rarity(char: str) -> int:
    if char.isascii() and char.isalpha():
        return LETTER_ORDER.index(char.lower()) + (30 if char.isupper() else 0)
    if char.isspace():
        return 0
    if char in ".,-'\"":
        return 5
    return 12 if char.isdigit() else 60


def _affix(variable: str, how: str, strings: tuple[str, ...], names: dict) -> str:
    """The expression that tells whether ``variable`` starts (ends) with one of ``strings``:
    with many strings, a set lookup of its first (last) characters comes first (``names``:
    for tables the expression uses)."""
    call = f"{variable}.{how}({strings!r})"
    if len(strings) <= 3:
        return call
    size = min(2, *map(len, strings))
    ends = sorted({string[:size] if how == "startswith" else string[-size:] for string in strings})
    piece = f"{variable}[:{size}]" if how == "startswith" else f"{variable}[-{size}:]"
    return f"({piece} in {{{', '.join(map(repr, ends))}}} and {call})"


def _probe(string: str, variable: str) -> str:
    """The expression that tells whether ``variable`` holds ``string``."""
    if len(string) == 1:
        return f"{string!r} in {variable}"
    rarest = max(string, key=_rarity)
    return f"({rarest!r} in {variable} and {string!r} in {variable})"


class Gate(NamedTuple):
    """Literals a text must hold for a branch to match: a prefix, a suffix, and one of each
    ``need`` set, each as (case-sensitive strings, lowercase strings); None or () when nothing is known."""

    pre: tuple | None = None
    suf: tuple | None = None
    need: tuple = ()

    @property
    def open(self) -> bool:
        return self.pre is None and self.suf is None and not self.need

    def expression(self, names: dict, low: str = "l", large: bool = False, without: str = "") -> str:
        """``passes`` as a Python expression of the text ``t`` and its lowercase ``low``, with
        the strings written in as literals (repr). Case-sensitive sets come first, then the
        smallest; a string of several characters is looked for only once its rarest character
        is found (a one-character search is fastest). With ``large`` (whole documents, where
        lowercasing costs more than searching), a lowercase string is searched for in the text
        itself without regard to case, and a set of more than LARGE_SET strings is looked for
        in one scan (or in the lowercased document). Tables and patterns the expression uses
        are put in ``names``. ``without`` ("pre" or "suf") leaves out a check the caller has made."""
        terms = []
        for lits, how, part in ((self.pre, "startswith", "pre"), (self.suf, "endswith", "suf")):
            if lits is not None and part != without:
                either = [_affix("t", how, lits[0], names)] if lits[0] else []
                either += [f"{low} is None", _affix(low, how, lits[1], names)] if lits[1] else []
                terms.append("(" + " or ".join(either) + ")")
        for cs, ci in sorted(self.need, key=lambda pair: (bool(pair[1]), len(pair[0]) + len(pair[1]))):
            if large and len(cs) > LARGE_SET:
                # Many strings in a whole document: one scan for any of them (plain literals, so
                # the standard library's engine finds exactly what ``in`` finds).
                name = f"s{len(names)}"
                names[name] = re.compile("|".join(map(re.escape, cs))).search
                found = [f"{name}(t) is not None"]
            else:
                found = [_probe(s, "t") for s in cs]
            if ci and large and len(ci) > LARGE_SET:
                found += [f"{low} is None"] + [_probe(s, low) for s in ci]  # lowercase the document once
            elif ci and large:
                for s in ci:
                    name = f"p{len(names)}"
                    names[name] = compile_regex(regex.escape(s), regex.IGNORECASE).search
                    found.append(f"{name}(t) is not None")
            elif ci:
                found += [f"{low} is None"] + [_probe(s, low) for s in ci]
            terms.append("(" + " or ".join(found) + ")")
        return " and ".join(terms) or "True"

    def check(self, lazy: bool = False, large: bool = False):
        """``passes`` compiled: a function of the text and its lowercase (with ``lazy``, of the
        text and a function that returns its lowercase)."""
        names: dict[str, object] = {"__builtins__": {}}
        source = "lambda t, l: " + self.expression(names, "l()" if lazy else "l", large)
        return eval(source, names)  # noqa: S307 - built from repr() of strings only

    def plain(self) -> list:
        """The gate as JSON data (for the cache of gates)."""
        return [self.pre, self.suf, list(self.need)]

    @classmethod
    def from_plain(cls, data: list) -> "Gate":
        def pair(strings):
            if strings is None:
                return None
            cs, ci = strings
            return (tuple(map(str, cs)), tuple(map(str, ci)))

        pre, suf, need = data
        return cls(pair(pre), pair(suf), tuple(pair(strings) for strings in need))

    def passes(self, text: str, low: str | None) -> bool:
        """``low`` is text.lower(), or None when the text holds a FOLDS_TO_ASCII character."""
        if self.pre is not None and not (text.startswith(self.pre[0]) or (low is None or low.startswith(self.pre[1]))):
            return False
        if self.suf is not None and not (text.endswith(self.suf[0]) or (low is None or low.endswith(self.suf[1]))):
            return False
        for cs, ci in self.need:
            if low is None and ci:
                continue
            if not any(s in text for s in cs) and not any(s in low for s in ci):
                return False
        return True


# Reading a branch and working out its gate takes most of a second for the template lexicon's
# several hundred branches, so what the matchers need of each branch is kept in the cache
# folder (newslint.cache.Memo), keyed by the branch's source, flags and use.
GATES = cache.Memo("literal-gates", depends_on=(__file__,))  # gates are only as sound as this code
# What a start needs (the gates of SearchGate's patterns, BranchMatcher's plans) is kept apart
# from the facts of every branch, which only a cache miss reads.
PLANS = cache.EntryFiles("literal-plans", depends_on=(__file__,))  # large: one file a plan (see EntryFiles)


READABLE_FLAGS = regex.IGNORECASE | regex.VERBOSE  # the flags the reader reads; UNICODE and VERSION0 change nothing


def search_gates(pattern: regex.Pattern, mode: str) -> tuple[list[str], list[Gate], bool]:
    """The sources and gates of ``pattern``'s top-level branches used with ``mode`` ("search"
    or "match"), and whether a search branch is anchored at the end; no branches when the
    reader can't read the pattern. From the cache when it can be."""

    def read() -> list | None:
        if pattern.flags & ~(READABLE_FLAGS | regex.UNICODE | regex.VERSION0):
            return None
        try:
            branches = parse_branches(pattern.pattern, pattern.flags & READABLE_FLAGS)
        except Unreadable:
            return None
        anchored = mode == "search" and any(anchored_end(node) for _, node in branches)
        return [[source for source, _ in branches], [literal_gate(node, mode).plain() for _, node in branches], anchored]

    data = PLANS.get(f"search\0{mode}\0{int(pattern.flags)}\0{pattern.pattern}", read)
    try:
        sources, gates, anchored = data if data is not None else ([], [], False)
        return list(map(str, sources)), [Gate.from_plain(gate) for gate in gates], bool(anchored)
    except (TypeError, ValueError):  # a damaged entry: read the pattern again
        data = read()
        return ([], [], False) if data is None else (data[0], [Gate.from_plain(gate) for gate in data[1]], data[2])


class BranchFacts(NamedTuple):
    """What ``BranchMatcher`` needs of one branch: its fullmatch gate, the longest text it
    can match (None: no limit), and ``first_chars`` of its first and last characters."""

    gate: Gate
    limit: int | None
    first: tuple[frozenset | None, bool]
    last: tuple[frozenset | None, bool]


def branch_facts(wrapped: str, flags: int) -> BranchFacts | None:
    """The facts of a branch (from the cache when it can be); None when the reader can't read it."""

    def read() -> list | None:
        try:
            [(_, node)] = parse_branches(wrapped, flags)
        except (Unreadable, ValueError):
            return None
        trimmed = trim(trim(node, True), False)
        ends = [first_chars(trimmed), first_chars(trimmed, last=True)]
        plain_ends = [[None if chars is None else sorted(map(list, chars)), empty] for chars, empty in ends]
        return [literal_gate(node, "fullmatch").plain(), longest(trimmed), *plain_ends]

    def ends(data: list) -> tuple[frozenset | None, bool]:
        chars, empty = data
        return (None if chars is None else frozenset(tuple(char) for char in chars), bool(empty))

    data = GATES.get(f"branch\0{flags}\0{wrapped}", read)
    if data is None:
        return None
    try:
        gate, limit, first, last = data
        return BranchFacts(Gate.from_plain(gate), None if limit is None else int(limit), ends(first), ends(last))
    except (TypeError, ValueError):  # a damaged entry: read the branch again
        data = read()
        return None if data is None else BranchFacts(Gate.from_plain(data[0]), data[1], ends(data[2]), ends(data[3]))


def literal_gate(node: tuple, mode: str) -> Gate:
    """The gate of a parsed branch used with ``fullmatch`` (on a text with no space at either
    end: callers check), ``match`` or ``search`` (a branch that ends with $ then needs a text
    with no space at its end: callers check)."""
    if mode == "fullmatch":
        node = trim(trim(node, True), False)
    summary = summarize(node)
    pre = summary.pre if mode in ("fullmatch", "match") else None
    suf = summary.suf if mode == "fullmatch" else None
    if mode == "search" and anchored_end(node):
        suf = summarize(trim(node, True)).suf
    # A set that every prefix or suffix holds a string of tells nothing more.
    need = [lits for lits in summary.need if not any(ends and _implies(ends, lits) for ends in (pre, suf))]
    return Gate(_split(pre), _split(suf), tuple(_split(lits) for lits in need))


def lowered(text: str) -> str | None:
    """The text lowercased for case-insensitive gates, or None when a character in it
    matches an ASCII letter that lower() would not give (all such gates then pass)."""
    if not text.isascii():
        for char in FOLDS_TO_ASCII:
            if char in text:
                return None
    return text.lower()


def first_chars(node: tuple, last: bool = False) -> tuple[frozenset | None, bool]:
    """The characters a match can start (with ``last``, end) with: literals, or SPACE,
    DIGIT_CLASS and NON_ASCII for \\s, \\d and a cased character beyond ASCII; None: any.
    And whether the node can match an empty string."""
    kind = node[0]
    if kind == "lit" and node[1] is None:
        return frozenset({NON_ASCII}), False  # a cased character beyond ASCII, matched regardless of case
    if kind in ("lit", "set"):
        return (frozenset({node[1]}) if kind == "lit" else node[1]) if node[1] is not None else None, False
    if kind in ("space", "digit"):
        return frozenset({node}), False
    if kind == "zero":
        return frozenset(), True
    if kind == "rep":
        chars, empty = first_chars(node[1], last)
        return chars, empty or node[2] == 0
    if kind in ("seq", "alt"):
        found: set = set()
        for item in reversed(node[1]) if last and kind == "seq" else node[1]:
            chars, empty = first_chars(item, last)
            if chars is None:
                return None, False
            found |= chars
            if kind == "seq" and not empty:
                return frozenset(found), False
        return frozenset(found), kind == "seq" or any(first_chars(item, last)[1] for item in node[1])
    return None, False


def longest(node: tuple) -> int | None:
    """The most characters a match can span in a text without two spaces in a row (None: no limit)."""
    kind = node[0]
    if kind in ("lit", "set", "any", "space", "digit"):
        return 1
    if kind == "zero":
        return 0
    if kind == "rep":
        if node[1] is SPACE:
            return min(1, node[3]) if node[3] is not None else 1
        inner = longest(node[1])
        return None if inner is None or node[3] is None else inner * node[3]
    sizes = [longest(item) for item in node[1]]
    if None in sizes:
        return None
    return (sum(sizes) if kind == "seq" else max(sizes, default=0))


UNLIMITED = 1 << 62  # the length limit of a branch without one


def edge_space(text: str) -> bool:
    return text[:1].isspace() or text[-1:].isspace()


class CandidatesWriter:
    """Writes out, as Python, the function that gives the branches of named alternations
    (each ``(?P<name>source)|...`` compiled with ``flags``) whose gates a text passes.

    A branch is filed by the first character of its prefixes or of its matches, else by the
    last character of its suffixes; only the rest are checked on every text. An alternation
    with a branch the gate reader can't read gets no branches (``gated`` is False for it)."""

    def __init__(self, alternations: Sequence[Sequence[tuple[str, str]]], flags: int):
        self.gated: list[bool] = []
        self.gates: list[Gate] = []
        self.limits: list[int] = []  # the longest clean text each branch can match
        # Lookup tables keyed by the first (last) one or two characters of a prefix (suffix),
        # case-sensitive and lowercase: key -> (all its strings, [(strings, branch)]).
        self.tables: dict[tuple[str, int, bool], dict[str, tuple[tuple[str, ...], list]]] = {
            (end, size, ic): {} for end in ("first", "last") for size in (1, 2) for ic in (False, True)
        }
        self.unlowered: list[int] = []  # looked up by a lowercase literal: candidates when a text can't be lowered
        self.non_ascii_first: list[int] = []  # may start with a character beyond ASCII (a digit, say)
        self.non_ascii_last: list[int] = []  # may end with one
        self.checked: list[int] = []  # the branches looked up by nothing
        for branches in alternations:
            found = []
            for name, source in branches:
                facts = branch_facts(f"(?P<{name}>{source})", flags)
                if facts is None:  # a branch the reader can't read: the alternation runs whole
                    found = []
                    break
                found.append(facts)
            self.gated.append(bool(found) or not branches)
            for facts in found:
                self._add(facts)

    def _add(self, facts: BranchFacts) -> None:
        index = len(self.gates)
        gate = facts.gate
        self.gates.append(gate)
        self.limits.append(facts.limit if facts.limit is not None else UNLIMITED)
        chars, empty = facts.first
        if gate.pre is not None:
            self._index("first", gate.pre, index)
            lowercase = bool(gate.pre[1])
        elif chars is not None and not empty:
            lowercase = self._index_chars("first", chars, index)
        elif gate.suf is not None:
            self._index("last", gate.suf, index)
            lowercase = bool(gate.suf[1])
        else:
            chars, empty = facts.last
            if chars is None or empty:
                self.checked.append(index)
                return
            lowercase = self._index_chars("last", chars, index)
        if lowercase:
            self.unlowered.append(index)

    def _index_chars(self, end: str, chars: frozenset, index: int) -> bool:
        """File a branch under the characters its matches can start (end) with; True when it is
        filed under a lowercase one (so a text that can't be lowered must check it anyway)."""
        lits = [c for c in chars if c not in (SPACE, DIGIT_CLASS, NON_ASCII)]  # the texts have no space at either end
        if DIGIT_CLASS in chars:
            lits += [(d, False) for d in "0123456789"]
        if DIGIT_CLASS in chars or NON_ASCII in chars:
            (self.non_ascii_first if end == "first" else self.non_ascii_last).append(index)
        self._index(end, _split(frozenset(lits)), index)
        return any(ic for _, ic in lits)

    def _index(self, end: str, lits: tuple, index: int) -> None:
        for ci, strings in ((False, lits[0]), (True, lits[1])):
            groups: dict[tuple[int, str], list[str]] = {}
            for string in strings:
                size = min(2, len(string))
                key = string[:size] if end == "first" else string[-size:]
                groups.setdefault((size, key), []).append(string)
            for (size, key), group in groups.items():
                table = self.tables[(end, size, ci)]
                every, entries = table.get(key, ((), []))
                table[key] = (every + tuple(group), entries + [(tuple(group), index)])

    def source(self) -> str:
        """The module that defines ``candidates(text, low)``: the branches, in order, whose
        gate a clean text (single spaces, none at either end) passes, ``low`` being
        ``lowered(text)``. The branches looked up by nothing are checked in turn, then a
        function per first or last one or two characters checks the branches filed under them."""
        names: dict[str, object] = {}  # fullmatch gates are plain literals: they need no tables

        def test(index: int, without: str = "") -> str:
            expression = self.gates[index].expression(names, without=without)
            return f"n <= {self.limits[index]} and {expression}" if self.limits[index] < UNLIMITED else expression

        module: list[str] = []  # the functions of the lookup tables, then the tables
        code = ["def candidates(t, l):", "    n = len(t)", "    r = []"]
        code += [f"    if {test(index)}: r.append({index})" for index in self.checked]
        code.append("    if not t: return r")
        # One table per end, by two characters with a fallback by one, looked up in the
        # lowercase text; a case-sensitive key of caseless characters is its own lowercase.
        unlowered = list(self.unlowered)
        lookups = []
        for end in ("first", "last"):
            merged: dict[int, dict[str, list]] = {1: {}, 2: {}}
            for size in (1, 2):
                for ic in (False, True):
                    for key, (_, entries) in self.tables[(end, size, ic)].items():
                        if not ic and not key.lower() == key == key.upper():
                            raise AssertionError("a case-sensitive literal with cased characters has no table")
                        merged[size].setdefault(key, []).extend((strings, index, ic) for strings, index in entries)
                        if not ic:
                            unlowered += [index for _, index in entries]
            how = "startswith" if end == "first" else "endswith"
            for size in (2, 1):
                table = []
                for number, (key, entries) in enumerate(merged[size].items()):
                    if size == 2:  # the one-character entries of the same end character come along
                        entries = entries + merged[1].get(key[0] if end == "first" else key[-1], [])
                    function = f"{end}_{size}_{number}"
                    module.append(f"def {function}(t, l, n, r):")
                    for strings, index, ic in entries:
                        conditions = []
                        if any(len(s) > len(key) for s in strings) or len(strings[0]) < len(key):
                            conditions.append(f"{'l' if ic else 't'}.{how}({strings!r})")
                        conditions.append(test(index, without="pre" if end == "first" else "suf"))
                        module.append(f"    if {' and '.join(conditions)}: r.append({index})")
                    table.append(f"{key!r}: {function}")
                module.append(f"{end}_{size} = {{{', '.join(table)}}}")
            piece = "l[:{0}]" if end == "first" else "l[-{0}:]"
            lookups.append(f"f = {end}_2.get({piece.format(2)}) or {end}_1.get({piece.format(1)})")
        code.append("    if l is not None:")
        for lookup in lookups:
            code += [f"        {lookup}", "        if f is not None: f(t, l, n, r)"]
        if unlowered:
            code.append("    else:")
            code += [f"        if {test(index)}: r.append({index})" for index in dict.fromkeys(unlowered)]
        if self.non_ascii_first:
            code.append("    if not t[0].isascii():")
            code += [f"        if {test(index)}: r.append({index})" for index in self.non_ascii_first]
        if self.non_ascii_last:
            code.append("    if not t[-1].isascii():")
            code += [f"        if {test(index)}: r.append({index})" for index in self.non_ascii_last]
        code += ["    if len(r) > 1: r = sorted(set(r))", "    return r"]
        if names:
            raise AssertionError("a fullmatch gate asked for a table")
        return "\n".join(module + code)



class BranchMatcher:
    """``fullmatch`` of named alternations tried in order, each ``(?P<name>source)|...``
    compiled with ``flags``: the name of the first branch that matches, as the whole
    alternation would give it. Only the branches ``candidates`` gives for a text (those
    whose gate it passes: ``CandidatesWriter``) are tried, each on its own; an alternation
    with a branch the gate reader can't read runs whole.

    What the writer works out (which alternations are gated, and the source of
    ``candidates``) is kept in ``PLANS``, keyed by the alternations, and the source's
    compiled code in ``newslint.generated``: a start reads both back."""

    def __init__(self, alternations: Sequence[Sequence[tuple[str, str]]], flags: int, whole: Sequence[regex.Pattern] = ()):
        self.flags = flags
        self.alternations = [list(branches) for branches in alternations]
        self.whole: list[regex.Pattern | None] = list(whole) or [None] * len(self.alternations)
        self.gated, source = self._plan()
        self.sources: list[str] = []  # every gated branch, wrapped in its named group
        self.names: list[str] = []
        self.ranges: list[range] = []
        for branches, gated in zip(self.alternations, self.gated):
            first = len(self.sources)
            for name, branch in branches if gated else ():
                self.names.append(name)
                self.sources.append(f"(?P<{name}>{branch})")
            self.ranges.append(range(first, len(self.sources)))
        self.compiled: list[regex.Pattern | None] = [None] * len(self.sources)
        self.all_gated = all(self.gated)
        names: dict[str, object] = {"__builtins__": {"len": len, "sorted": sorted, "set": set}}
        exec(generated.compiled(source), names)  # noqa: S102 - built from repr() of strings only
        self.candidates = names["candidates"]

    def _plan(self) -> tuple[list[bool], str]:
        """(``gated`` of each alternation, the source of ``candidates``), from the cache when it can be."""

        def write() -> list:
            writer = CandidatesWriter(self.alternations, self.flags)
            return [writer.gated, writer.source()]

        key = f"matcher\0{int(self.flags)}\0{self.alternations!r}"
        plan = PLANS.get(key, write)
        try:
            gated, source = plan
            if len(gated) == len(self.alternations) and isinstance(source, str):
                return [bool(each) for each in gated], source
        except (TypeError, ValueError):
            pass
        gated, source = write()  # a damaged entry: write it again
        return gated, source

    def _pattern(self, index: int) -> regex.Pattern:
        pattern = self.compiled[index]
        if pattern is None:
            pattern = self.compiled[index] = compile_regex(self.sources[index], self.flags)
        return pattern

    def _whole(self, which: int) -> regex.Pattern:
        pattern = self.whole[which]
        if pattern is None:
            source = "|".join(f"(?P<{name}>{source})" for name, source in self.alternations[which])
            pattern = self.whole[which] = compile_regex(source, self.flags)
        return pattern

    def fullmatch(self, texts: Sequence[str], lows: Sequence[str | None] | None = None) -> tuple[str, int] | None:
        """(name, alternation index) of the first branch that matches one of ``texts``, trying
        the alternations in order and, in each, the texts in order. The texts must be clean
        (no two spaces in a row, as ``template_lines.clean`` leaves them), or the branches'
        length limits don't hold; ``lows`` are their ``lowered`` forms, if the caller has them."""
        if self.all_gated and not any(map(edge_space, texts)):
            if lows is None:
                lows = [lowered(text) for text in texts]
            found = list(map(self.candidates, texts, lows))
            if not any(found):
                return None
            for which, branches in enumerate(self.ranges):
                for text, indices in zip(texts, found):
                    for index in indices:
                        if index in branches and self._pattern(index).fullmatch(text):
                            return self.names[index], which
            return None
        for which, branches in enumerate(self.ranges):
            for text in texts:
                if not self.gated[which] or edge_space(text):
                    match = self._whole(which).fullmatch(text)
                    if match:
                        return match.lastgroup, which
                    continue
                for index in self.candidates(text, lowered(text)):
                    if index in branches and self._pattern(index).fullmatch(text):
                        return self.names[index], which
        return None


def _lazy_lowered(text: str):
    """A function that returns ``lowered(text)``, working it out on the first call only."""
    done: list = []

    def get() -> str | None:
        if not done:
            done.append(lowered(text))
        return done[0]

    return get


class SearchGate:
    """Whether ``pattern.search`` (or ``finditer``) can find anything in a text, from the
    gates of its top-level branches, and the pattern cut down to the branches that can."""

    def __init__(self, pattern: regex.Pattern, large: bool = False, mode: str = "search"):
        """``large``: the texts are whole documents rather than lines. ``mode``: "search" (also
        for finditer) or "match"."""
        self.pattern = pattern
        self.sources, self.gates, self.anchored = search_gates(pattern, mode)
        # Every gate as a function of the text and a function that gives its lowercase, and
        # (for lines) all of them in one function of the text and its lowercase.
        names: dict[str, object] = {"__builtins__": {}}
        lazy = ", ".join(f"lambda t, l: {gate.expression(names, 'l()', large)}" for gate in self.gates)
        self.checks = list(eval(generated.compiled(f"({lazy},)", "eval"), names)) if self.gates else []  # noqa: S307
        self.any_check = None
        if self.gates and not large:
            source = "lambda t, l: " + " or ".join(f"({gate.expression(names)})" for gate in self.gates)
            self.any_check = eval(generated.compiled(source, "eval"), names)  # noqa: S307 - built from repr() of strings only
        self.cut: dict[tuple[int, ...], regex.Pattern] = {}

    def branches(self, text: str) -> list[int] | None:
        """The branches that may match (None: all of them, ungated)."""
        if not self.checks or (self.anchored and edge_space(text)):
            return None
        low = _lazy_lowered(text)
        return [i for i, check in enumerate(self.checks) if check(text, low)]

    def may_match(self, text: str, low: str | None = None) -> bool:
        """Can the pattern find anything in the text? ``low`` is ``lowered(text)`` if the
        caller has it (and the gate is not ``large``)."""
        if not self.checks or (self.anchored and edge_space(text)):
            return True
        if low is not None and self.any_check is not None:
            return self.any_check(text, low)
        low = _lazy_lowered(text)
        for check in self.checks:
            if check(text, low):
                return True
        return False

    def narrowed(self, text: str) -> regex.Pattern | None:
        """The pattern with only the branches that may match in ``text`` (None when none may).
        At each position an alternation takes its first branch that matches, so leaving out
        branches that match nowhere in the text changes nothing that is found."""
        found = self.branches(text)
        if found is None or len(found) == len(self.gates):
            return self.pattern
        if not found:
            return None
        key = tuple(found)
        pattern = self.cut.get(key)
        if pattern is None:
            source = "|".join(self.sources[i] for i in found)
            pattern = self.cut[key] = compile_regex(source, self.pattern.flags & (regex.IGNORECASE | regex.VERBOSE))
        return pattern
