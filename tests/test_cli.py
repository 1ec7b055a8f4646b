"""The command line end to end: exit codes, formats, stdin, archives, bad input, rules and plugins."""
import io
import json
import subprocess
import sys

import pytest
from conftest import TESTS

from newslint.cli import main

CLEAN = "# Council approves budget for library\n\nThe council approved the budget on Monday.\n"
WOLFISH = "# Council approves budget for library\n\nA wolf was seen on Monday.\n"


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A folder with a rules.yaml that loads the wolf test plugin; the working directory."""
    (tmp_path / "wolf_plugin.py").write_text((TESTS / "wolf_plugin.py").read_text())
    (tmp_path / "rules.yaml").write_text("select: [TST, NL]\nplugins: {local: [wolf_plugin.py]}\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(capsys, *argv, stdin: bytes | None = None, monkeypatch=None):
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_exit_codes_follow_findings_and_fail_on(project, capsys):
    (project / "clean.md").write_text(CLEAN)
    (project / "wolf.md").write_text(WOLFISH)
    assert run(capsys, "check", "clean.md")[0] == 0
    code, out, _ = run(capsys, "check", "wolf.md")
    assert code == 1 and out.startswith("wolf.md:3:3: TST101 Say dog instead of wolf\n")
    assert run(capsys, "check", "wolf.md", "--fail-on", "error")[0] == 0
    assert run(capsys, "check", "wolf.md", "--exit-zero")[0] == 0
    assert run(capsys, "check", "wolf.md", "--ignore", "TST101")[0] == 0


def test_directories_are_recursed_with_include_and_exclude(project, capsys):
    (project / "news" / "deep").mkdir(parents=True)
    (project / "news" / "a.md").write_text(WOLFISH)
    (project / "news" / "deep" / "b.txt").write_text(WOLFISH)
    (project / "news" / "notes.rst").write_text(WOLFISH)
    (project / "news" / "node_modules").mkdir()
    (project / "news" / "node_modules" / "c.md").write_text(WOLFISH)
    code, out, _ = run(capsys, "check", "news", "--output-format", "json")
    assert [f["path"] for f in json.loads(out)["files"]] == ["news/a.md", "news/deep/b.txt"]


@pytest.mark.parametrize("name, content, message", [
    ("latin1.txt", "Caf\xe9 owners protest new rules\n".encode("latin-1"), "not valid UTF-8: byte 0xe9 on line 1"),
    ("image.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary file"),
    ("empty.md", b"", "empty file"),
    ("blank.md", b"  \n\n", "empty file"),
    ("huge.txt", b"word " * 2_200_000, "line 1 is longer than 1,000,000 characters"),
])
def test_bad_input_is_one_line_naming_the_file_and_exit_2(project, capsys, name, content, message):
    (project / name).write_bytes(content)
    (project / "good.md").write_text(WOLFISH)
    code, out, _ = run(capsys, "check", name, "good.md")
    assert code == 2
    lines = out.splitlines()
    assert lines[0].startswith(f"{name}: error: ") and message in lines[0]
    assert lines[1].startswith("good.md:3:3: TST101")  # the other file is still linted


def test_missing_path_and_empty_directory(project, capsys):
    (project / "empty-dir").mkdir()
    code, out, _ = run(capsys, "check", "nope.md", "empty-dir")
    assert code == 2
    assert out.splitlines()[:2] == [
        "nope.md: error: no such file or directory",
        "empty-dir: error: no articles found (looked for *.md, *.markdown, *.txt)",
    ]


def test_json_reports_errors_per_file(project, capsys):
    (project / "bad.txt").write_bytes(b"\xff\xfe broken")
    code, out, err = run(capsys, "check", "bad.txt", "--output-format", "json")
    assert code == 2
    assert json.loads(out)["files"] == [{"path": "bad.txt", "error": "not valid UTF-8: byte 0xff on line 1 (offset 0)", "findings": []}]
    assert err == "newslint: error: bad.txt: not valid UTF-8: byte 0xff on line 1 (offset 0)\n"


def test_stdin_with_filename(project, capsys, monkeypatch):
    code, out, _ = run(capsys, "check", "-", "--stdin-filename", "drafts/story.md", stdin=WOLFISH.encode(), monkeypatch=monkeypatch)
    assert code == 1 and out.startswith("drafts/story.md:3:3: TST101")


def test_jsonl_archive_records_are_documents(project, capsys):
    records = [
        {"id": "a1", "title": "Wolf seen near school!", "text": "Parents were told on Monday."},
        {"id": "a2", "text": "No title here, but a wolf."},
        "not an object",
    ]
    lines = [json.dumps(r) for r in records] + ["{broken json"]
    (project / "archive.jsonl").write_text("\n".join(lines) + "\n")
    code, out, _ = run(capsys, "check", "archive.jsonl")
    assert code == 2
    assert out.splitlines()[:5] == [
        "archive.jsonl#a1:1:1: TST101 Say dog instead of wolf",
        "archive.jsonl#a1:1:1: TST102 Headline shouts",
        "archive.jsonl#a2:1:22: TST101 Say dog instead of wolf",
        'archive.jsonl#line3: error: record on line 3 needs a string "text" field',
        "archive.jsonl#line4: error: record on line 4 is not valid JSON: Expecting property name enclosed in double quotes",
    ]


def test_output_file_is_written_whole(project, capsys):
    (project / "wolf.md").write_text(WOLFISH)
    code, out, _ = run(capsys, "check", "wolf.md", "--output-format", "sarif", "--output-file", "report.sarif")
    assert code == 1 and out == ""
    assert json.loads((project / "report.sarif").read_text())["version"] == "2.1.0"
    assert [p.name for p in project.iterdir() if p.name.startswith(".newslint-")] == []


def test_usage_and_config_errors_exit_2(project, capsys):
    (project / "wolf.md").write_text(WOLFISH)
    code, _, err = run(capsys, "check", "wolf.md", "--output-format", "xml")
    assert code == 2 and "unknown output format 'xml' (choose from github, json, sarif, text)" in err
    code, _, err = run(capsys, "check", "wolf.md", "--select", "ZZ1")
    assert code == 2 and err == "newslint: error: unknown rule code or prefix 'ZZ1' in --select\n"
    (project / "rules.yaml").write_text("select: [TST\n")
    code, _, err = run(capsys, "check", "wolf.md")
    assert code == 2 and err.startswith("newslint: error: rules.yaml:2:") and "invalid YAML" in err
    with pytest.raises(SystemExit) as info:
        main(["check", "--fail-on", "loud"])
    assert info.value.code == 2


def test_rules_lists_and_documents(project, capsys):
    code, out, _ = run(capsys, "rules")
    assert code == 0 and "TST101  cried-wolf" in out and "NL001   rule-crashed" in out
    code, out, _ = run(capsys, "rules", "TST101")
    assert code == 0 and out.startswith("TST101 cried-wolf (garble, warning, scope: sentence)")
    assert "Prefer: `The boy cried dog.`" in out and "replacement: 'dog'" in out
    assert run(capsys, "rules", "ZZ999")[0] == 2


def test_plugins_lists_builtins_and_local(project, capsys):
    code, out, _ = run(capsys, "plugins")
    assert code == 0 and "newslint_plugins.headline" in out and "local:wolf_plugin.py" in out


def test_statistics(project, capsys):
    (project / "wolf.md").write_text(WOLFISH + "\nAnother wolf.\n")
    _, out, _ = run(capsys, "check", "wolf.md", "--statistics")
    assert "     2  TST101 cried-wolf" in out.splitlines()


def test_console_script_and_module_entry_points(tmp_path):
    version = subprocess.run([sys.executable, "-m", "newslint", "--version"], capture_output=True, text=True)
    assert version.returncode == 0 and version.stdout.startswith("newslint ")
    (tmp_path / "clean.md").write_text(CLEAN)
    result = subprocess.run(["newslint", "check", "--isolated", "--select", "NL", str(tmp_path / "clean.md")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_command_freezes_what_setup_made_and_main_leaves_the_collector_alone(project, capsys, tmp_path):
    import gc

    (tmp_path / "clean.md").write_text(CLEAN)
    frozen = gc.get_freeze_count()
    assert main(["check", "clean.md"]) == 0 and gc.isenabled() and gc.get_freeze_count() == frozen
    probe = ("import gc, sys; from newslint.cli import run\n"
             "sys.argv = ['newslint', 'check', '--isolated', sys.argv[1]]\n"
             "try:\n    run()\nexcept SystemExit as end:\n"
             "    print(end.code, gc.isenabled(), gc.get_freeze_count() > 0)")
    result = subprocess.run([sys.executable, "-c", probe, str(tmp_path / "clean.md")], capture_output=True, text=True)
    assert result.stdout.split() == ["0", "True", "True"], result.stderr


def test_input_format_overrides_the_suffix(project, capsys):
    (project / "records.txt").write_text(json.dumps({"id": "r1", "text": "A wolf on the hill."}) + "\n")
    (project / "notes.jsonl").write_text("# A calm headline here\n\nA wolf.\n")
    code, out, _ = run(capsys, "check", "records.txt", "--input-format", "jsonl")
    assert out.startswith("records.txt#r1:1:3: TST101")
    code, out, _ = run(capsys, "check", "notes.jsonl", "--input-format", "text")
    assert out.startswith("notes.jsonl:3:3: TST101")


def test_a_reader_that_stops_early_gets_no_traceback(tmp_path):
    article = tmp_path / "echoes.md"
    article.write_text("# Harbour wall repairs begin\n\n" + "The the wall was repaired.\n\n" * 5000)
    process = subprocess.Popen([sys.executable, "-m", "newslint", "check", "--isolated", "--select", "G101",
                                "--output-format", "json", str(article)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout.read(100).startswith(b'{"version": 1')
    process.stdout.close()  # as `| head -c 100` does
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=120) == 2 and "Traceback" not in stderr and "BrokenPipe" not in stderr
