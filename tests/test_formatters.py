"""Output formats: text, JSON shape, SARIF valid against the official schema, GitHub escaping."""
import io
import json

import jsonschema
import pytest
from conftest import TESTS, wolf_settings

from newslint.engine import Linter
from newslint.findings import FileResult
from newslint.formatters.github import GithubFormatter, escape_property
from newslint.formatters.json import JsonFormatter
from newslint.formatters.sarif import SarifFormatter
from newslint.formatters.text import TextFormatter

ARTICLE = "# Wolf seen near the school!\n\nA wolf, then a second wolf.\n"


def render(formatter_class, results, **kwargs):
    linter = Linter(wolf_settings())
    stream = io.StringIO()
    formatter = formatter_class(linter.registry.rules, linter.settings, stream, **kwargs)
    formatter.start()
    for result in results:
        formatter.file(result)
    formatter.finish()
    return stream.getvalue()


@pytest.fixture
def results():
    linter = Linter(wolf_settings())
    return [linter.lint_text(ARTICLE, "news/wolf.md"), FileResult("news/bad.txt", error="not valid UTF-8: byte 0xff on line 1 (offset 0)")]


def test_text(results):
    out = render(TextFormatter, results, statistics=True)
    assert out.splitlines() == [
        "news/wolf.md:1:3: TST101 Say dog instead of wolf",
        "news/wolf.md:1:3: TST102 Headline shouts",
        "news/wolf.md:3:3: TST101 Say dog instead of wolf",
        "news/wolf.md:3:23: TST101 Say dog instead of wolf",
        "news/bad.txt: error: not valid UTF-8: byte 0xff on line 1 (offset 0)",
        "     3  TST101 cried-wolf",
        "     1  TST102 headline-shout",
        "Found 4 findings in 1 of 1 file; 1 could not be linted.",
    ]


def test_json_shape(results):
    data = json.loads(render(JsonFormatter, results))
    assert data["version"] == 1
    assert [f["path"] for f in data["files"]] == ["news/wolf.md", "news/bad.txt"]
    assert data["files"][1] == {"path": "news/bad.txt", "error": "not valid UTF-8: byte 0xff on line 1 (offset 0)", "findings": []}
    first = data["files"][0]["findings"][0]
    assert set(first) == {"code", "name", "category", "severity", "message", "start", "end", "suggestions"}
    assert first == {
        "code": "TST101", "name": "cried-wolf", "category": "garble", "severity": "warning",
        "message": "Say dog instead of wolf",
        "start": {"line": 1, "column": 3, "offset": 2}, "end": {"line": 1, "column": 7, "offset": 6},
        "suggestions": ["dog"],
    }
    assert data["files"][0]["error"] is None


def test_sarif_validates_against_the_official_schema(results):
    log = json.loads(render(SarifFormatter, results))
    schema = json.loads((TESTS / "data" / "sarif-schema-2.1.0.json").read_text())
    jsonschema.validate(log, schema)
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    assert {r["id"] for r in run["tool"]["driver"]["rules"]} >= {"TST101", "TST102", "NL001"}
    result = run["results"][1]
    assert result["ruleId"] == "TST102" and result["level"] == "error"
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "news/wolf.md", "uriBaseId": "%SRCROOT%"}
    assert location["region"]["startLine"] == 1 and location["region"]["endColumn"] == 29
    assert run["invocations"][0]["executionSuccessful"] is False
    assert run["tool"]["driver"]["rules"][run["results"][0]["ruleIndex"]]["id"] == "TST101"


def test_sarif_archive_record_uri_is_escaped():
    linter = Linter(wolf_settings())
    log = json.loads(render(SarifFormatter, [linter.lint_text("# A calm title here\n\nwolf\n", "arch.jsonl#a b")]))
    jsonschema.validate(log, json.loads((TESTS / "data" / "sarif-schema-2.1.0.json").read_text()))
    assert log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "arch.jsonl%23a%20b"


def test_github_annotations_escape_data_and_properties():
    linter = Linter(wolf_settings())
    result = linter.lint_text("# A calm title here\n\nwolf\n", "dir,1/a:b%.md")
    out = render(GithubFormatter, [result, FileResult("x.md", error="50% broken\nreally")])
    assert out.splitlines() == [
        "::warning file=dir%2C1/a%3Ab%25.md,line=3,col=1,endLine=3,endColumn=5,title=newslint (TST101)::Say dog instead of wolf",
        "::error file=x.md,title=newslint::50%25 broken%0Areally",
    ]
    assert escape_property("a:b,c\r\n%") == "a%3Ab%2Cc%0D%0A%25"
