"""Engine rules (NL0xx): problems with the run itself rather than the article.

The engine raises these findings; the rules here exist so that they can be
selected, ignored, documented and listed like any other rule.
"""
from newslint import Scope, Severity, hookimpl, rule


@rule("NL001", "rule-crashed", scope=Scope.DOCUMENT, severity=Severity.ERROR)
def rule_crashed(doc, ctx):
    """What it flags: a rule that raised an exception on this file.

    Why: a crashing rule checks nothing; the rest of the rules still run, and
    the finding names the rule and the exception so it can be reported upstream.

    Example: a third-party rule that indexes past the end of a short article.

    Prefer: fix or report the plugin; `--ignore` its code meanwhile.
    """
    return ()


@rule("NL002", "invalid-suppression", scope=Scope.DOCUMENT)
def invalid_suppression(doc, ctx):
    """What it flags: a `<!-- newslint: ... -->` comment that cannot be read.

    Why: a misspelt directive silently suppresses nothing.

    Example: `<!-- newslint: ignore -->` (no codes) or `<!-- newslint: ignroe=H101 -->`.

    Prefer: `<!-- newslint: ignore=H101 -->`, `disable=`/`enable=`, `disable-file=`.
    """
    return ()


@rule("NL003", "unused-suppression", scope=Scope.DOCUMENT, severity=Severity.INFO)
def unused_suppression(doc, ctx):
    """What it flags: a suppression directive that suppresses nothing.

    Why: stale directives hide future problems and clutter the copy.

    Example: `<!-- newslint: ignore=T101 -->` on a line with no T101 finding.

    Prefer: delete the directive.
    """
    return ()


@hookimpl
def newslint_rules():
    return [rule_crashed, invalid_suppression, unused_suppression]
