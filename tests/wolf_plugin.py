"""A throwaway plugin for engine tests: it flags the word "wolf" and can be told to crash."""
from dataclasses import dataclass

import regex

from newslint import Scope, Severity, hookimpl, rule

WOLF = regex.compile(r"\bwolf\b", regex.IGNORECASE)


@dataclass(frozen=True)
class WolfOptions:
    replacement: str = "dog"
    crash_on: str = ""


@rule("TST101", "cried-wolf", scope=Scope.SENTENCE, category="garble", options=WolfOptions)
def cried_wolf(unit, ctx):
    """What it flags: the word wolf.

    Why: the tests need a rule whose findings are easy to predict.

    Example: `The boy cried wolf.`

    Prefer: `The boy cried dog.`
    """
    if ctx.options.crash_on and ctx.options.crash_on in unit.text:
        raise RuntimeError("asked to crash")
    for m in WOLF.finditer(unit.text):
        yield ctx.report(unit.at(*m.span()), "Say dog instead of wolf", suggestions=[ctx.options.replacement])


@rule("TST102", "headline-shout", scope=Scope.HEADLINE, severity=Severity.ERROR, category="clickbait")
def headline_shout(unit, ctx):
    """What it flags: a headline ending in "!".

    Why: test of headline scope and error severity.

    Example: `Wolf seen!`

    Prefer: `Wolf seen near school`
    """
    if unit.text.rstrip().endswith("!"):
        yield ctx.report(unit.span, "Headline shouts")


@hookimpl
def newslint_rules():
    return [cried_wolf, headline_shout]
