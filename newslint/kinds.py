"""YAML rule kinds for rules.yaml ``custom:`` — data-only house rules, as in Vale.

Every entry has ``code`` and ``kind``, and may set ``name``, ``message``,
``severity``, ``category``, ``scope`` (headline | body | document, default body)
and ``ignorecase`` (default true). Tokens are regular expressions matched on
word boundaries.

- existence: ``tokens: [...]`` — flag each occurrence.
- substitution: ``swap: {old: new}`` — flag ``old``, suggest ``new``.
- occurrence: ``token`` and ``max`` — flag uses past the first ``max``.
- consistency: ``either: {a: b}`` — flag the second spelling when both are used.
- conditional: ``first`` and ``second`` — flag ``first`` when ``second`` has not appeared before it
  (e.g. an acronym before its definition).
- readability: ``metric`` (a textstat function name) with ``max`` and/or ``min`` per paragraph of the body.
"""
from __future__ import annotations

import importlib

import regex

from newslint.hookspecs import hookimpl
from newslint.patterns import compile as compile_regex
from newslint.rules import CATEGORY_BY_PREFIX, Scope, rule
from newslint.segment import Unit
from newslint.severity import Severity

SCOPES = ("headline", "body", "document")
COMMON_KEYS = {"code", "kind", "name", "message", "severity", "category", "scope", "ignorecase"}
MATCH_TIMEOUT_SECONDS = 1.0


def regions(doc, scope: str) -> list[Unit]:
    if scope == "headline":
        return [doc.headline] if doc.headline else []
    if scope == "document":
        return [Unit(doc.masked, 0)]
    return doc.body_paragraphs


def compile_tokens(tokens, ignorecase: bool) -> regex.Pattern:
    if not tokens:
        raise ValueError("needs at least one token")
    flags = regex.IGNORECASE if ignorecase else 0
    try:
        return compile_regex(r"\b(?:" + "|".join(f"(?:{t})" for t in tokens) + r")\b", flags)
    except regex.error as exc:
        raise ValueError(f"invalid token pattern: {exc}") from None


def make_rule(entry: dict, extra_keys: set[str], check) :
    """Validate the common keys of a custom entry and wrap ``check(doc, ctx)`` as a Rule."""
    unknown = set(entry) - COMMON_KEYS - extra_keys
    if unknown:
        raise ValueError(f"unknown key(s) {', '.join(sorted(map(str, unknown)))} for kind {entry['kind']}")
    missing = extra_keys - set(entry) - {"max", "min", "message"}
    if missing and entry["kind"] != "readability":
        raise ValueError(f"missing key(s) {', '.join(sorted(missing))}")
    code = str(entry.get("code", ""))
    if not code:
        raise ValueError("needs a code")
    scope = entry.get("scope", "body")
    if scope not in SCOPES:
        raise ValueError(f"scope must be one of {', '.join(SCOPES)}")
    category = entry.get("category") or CATEGORY_BY_PREFIX.get(code[:2] if code.startswith("NL") else code[:1])
    if category is None:
        raise ValueError("needs a category (its code prefix is not a built-in family)")
    severity = Severity.parse(entry.get("severity", "warning"))
    name = entry.get("name") or f"custom-{entry['kind']}-{code.lower()}"
    check.__doc__ = (f"What it flags: {entry.get('message', 'a house-style rule from rules.yaml')}\n\n"
                     f"Why: a house rule of kind {entry['kind']} defined in rules.yaml.\n\n"
                     f"Example: see rules.yaml.\n\nPrefer: what the message says.")
    return rule(code, name, scope=Scope.DOCUMENT, severity=severity, category=category)(check)


def existence(entry: dict):
    pattern = compile_tokens(entry.get("tokens"), entry.get("ignorecase", True))
    message = entry.get("message", "Avoid '{match}'")

    def check(doc, ctx):
        for unit in regions(doc, entry.get("scope", "body")):
            for m in pattern.finditer(unit.text, timeout=MATCH_TIMEOUT_SECONDS):
                yield ctx.report(unit.at(*m.span()), message.format(match=m.group()))

    return make_rule(entry, {"tokens"}, check)


def substitution(entry: dict):
    swap = entry.get("swap")
    if not isinstance(swap, dict) or not swap:
        raise ValueError("swap must map phrases to their replacements")
    ignorecase = entry.get("ignorecase", True)
    pattern = compile_tokens([regex.escape(str(k)) for k in swap], ignorecase)
    lookup = {str(k).lower() if ignorecase else str(k): str(v) for k, v in swap.items()}
    message = entry.get("message", "Use '{new}' instead of '{match}'")

    def check(doc, ctx):
        for unit in regions(doc, entry.get("scope", "body")):
            for m in pattern.finditer(unit.text, timeout=MATCH_TIMEOUT_SECONDS):
                new = lookup[m.group().lower() if ignorecase else m.group()]
                yield ctx.report(unit.at(*m.span()), message.format(match=m.group(), new=new), suggestions=[new])

    return make_rule(entry, {"swap"}, check)


def occurrence(entry: dict):
    pattern = compile_tokens([entry.get("token")], entry.get("ignorecase", True))
    limit = entry.get("max")
    if not isinstance(limit, int) or limit < 0:
        raise ValueError("max must be a whole number")
    message = entry.get("message", "'{match}' is used more than {max} times")

    def check(doc, ctx):
        seen = 0
        for unit in regions(doc, entry.get("scope", "body")):
            for m in pattern.finditer(unit.text, timeout=MATCH_TIMEOUT_SECONDS):
                seen += 1
                if seen > limit:
                    yield ctx.report(unit.at(*m.span()), message.format(match=m.group(), max=limit))

    return make_rule(entry, {"token", "max"}, check)


def consistency(entry: dict):
    either = entry.get("either")
    if not isinstance(either, dict) or not either:
        raise ValueError("either must map one spelling to the other")
    ignorecase = entry.get("ignorecase", True)
    pairs = [(compile_tokens([regex.escape(str(a))], ignorecase), compile_tokens([regex.escape(str(b))], ignorecase))
             for a, b in either.items()]
    message = entry.get("message", "'{match}' here, '{other}' elsewhere: pick one spelling")

    def check(doc, ctx):
        units = regions(doc, entry.get("scope", "body"))
        for first, second in pairs:
            hits_a = [(u, m) for u in units for m in first.finditer(u.text, timeout=MATCH_TIMEOUT_SECONDS)]
            hits_b = [(u, m) for u in units for m in second.finditer(u.text, timeout=MATCH_TIMEOUT_SECONDS)]
            if not hits_a or not hits_b:
                continue
            earliest_a = hits_a[0][0].start + hits_a[0][1].start()
            earliest_b = hits_b[0][0].start + hits_b[0][1].start()
            established, later = (hits_a, hits_b) if earliest_a < earliest_b else (hits_b, hits_a)
            other = established[0][1].group()
            for unit, m in later:
                yield ctx.report(unit.at(*m.span()), message.format(match=m.group(), other=other),
                                 suggestions=[other])

    return make_rule(entry, {"either"}, check)


def conditional(entry: dict):
    ignorecase = entry.get("ignorecase", False)
    first = compile_tokens([entry.get("first")], ignorecase)
    second = compile_tokens([entry.get("second")], ignorecase)
    message = entry.get("message", "'{match}' is used before it is introduced")

    def check(doc, ctx):
        units = regions(doc, entry.get("scope", "body"))
        introduced = min((u.start + m.start() for u in units
                          for m in second.finditer(u.text, timeout=MATCH_TIMEOUT_SECONDS)), default=None)
        for unit in units:
            for m in first.finditer(unit.text, timeout=MATCH_TIMEOUT_SECONDS):
                if introduced is None or unit.start + m.start() < introduced:
                    yield ctx.report(unit.at(*m.span()), message.format(match=m.group()))

    return make_rule(entry, {"first", "second"}, check)


def readability(entry: dict):
    metric = entry.get("metric")
    if not isinstance(metric, str) or not metric.isidentifier():
        raise ValueError("metric must name a textstat function, e.g. flesch_kincaid_grade")
    high, low = entry.get("max"), entry.get("min")
    if high is None and low is None:
        raise ValueError("needs max or min")
    message = entry.get("message", "{metric} is {value:.1f} (limit {limit})")

    def check(doc, ctx):
        textstat = importlib.import_module("textstat")
        score = getattr(textstat, metric, None)
        if score is None:
            raise ValueError(f"textstat has no metric {metric}")
        for unit in regions(doc, entry.get("scope", "body")):
            value = score(unit.text)
            if high is not None and value > high:
                yield ctx.report(unit.span, message.format(metric=metric, value=value, limit=high))
            elif low is not None and value < low:
                yield ctx.report(unit.span, message.format(metric=metric, value=value, limit=low))

    return make_rule(entry, {"metric", "max", "min"}, check)


@hookimpl
def newslint_rule_kinds():
    return {
        "existence": existence,
        "substitution": substitution,
        "occurrence": occurrence,
        "consistency": consistency,
        "conditional": conditional,
        "readability": readability,
    }
