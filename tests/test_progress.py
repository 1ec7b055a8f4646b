"""Progress bar: on a terminal's stderr for text reports only; never in JSON, SARIF or GitHub output, never in pipes."""
from __future__ import annotations

import io
import json
import os
import select
import struct
import subprocess
import sys

import pytest

from newslint import progress

ARTICLE = "# Council approves budget for the library\n\nThe council approved the budget on Monday, a spokesman said.\n"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("choice", [None, True])
@pytest.mark.parametrize("output_format", ["json", "sarif", "github"])
def test_machine_readable_reports_never_get_a_bar(choice, output_format):
    assert not progress.wanted(choice, output_format, Terminal())


@pytest.mark.parametrize("choice", [None, True, False])
def test_a_pipe_never_gets_a_bar(choice):
    assert not progress.wanted(choice, "text", io.StringIO())


def test_no_progress_turns_it_off_on_a_terminal():
    assert not progress.wanted(False, "text", Terminal())


def test_a_disabled_bar_passes_items_and_stream_through():
    bar = progress.Progress(False)
    stream = io.StringIO()
    assert bar.stream(stream) is stream
    assert list(bar.track(iter([1, 2, 3]))) == [1, 2, 3]


@pytest.fixture
def articles(tmp_path):
    for i in range(3):
        (tmp_path / f"a{i}.md").write_text(ARTICLE)
    return tmp_path


def run_with_terminal_stderr(*argv, cwd) -> tuple[int, str, str]:
    """Run the CLI with stderr on a pseudo-terminal and stdout on a pipe."""
    pty = pytest.importorskip("pty")
    fcntl, termios = pytest.importorskip("fcntl"), pytest.importorskip("termios")
    main_fd, terminal_fd = pty.openpty()
    fcntl.ioctl(terminal_fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a new pty is 0 columns wide
    command = [sys.executable, "-c", "import sys; from newslint.cli import main; sys.exit(main())", "check", *argv]
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=terminal_fd)
    os.close(terminal_fd)
    out_fd = process.stdout.fileno()
    received = {main_fd: b"", out_fd: b""}
    open_fds = {main_fd, out_fd}
    while open_fds:  # read both until the child has closed them, so that no pipe fills up
        ready, _, _ = select.select(list(open_fds), [], [], 60)
        if not ready:
            break
        for fd in ready:
            try:
                data = os.read(fd, 65536)
            except OSError:  # EIO: the terminal's other end is closed
                data = b""
            if data:
                received[fd] += data
            else:
                open_fds.discard(fd)
    process.wait(timeout=60)
    process.stdout.close()
    os.close(main_fd)
    out, err = received[out_fd].decode(), received[main_fd]
    return process.returncode, out, err.decode(errors="replace")


@pytest.mark.parametrize("output_format", ["json", "sarif"])
def test_json_and_sarif_on_a_terminal_get_no_bar_even_when_asked(articles, output_format):
    code, out, err = run_with_terminal_stderr("--isolated", "--progress", "--output-format", output_format, ".",
                                              cwd=articles)
    assert code in (0, 1)
    json.loads(out)
    assert "articles" not in err and "\r" not in err


def test_text_on_a_terminal_gets_a_bar_when_asked(articles):
    pytest.importorskip("tqdm")
    code, out, err = run_with_terminal_stderr("--isolated", "--progress", ".", cwd=articles)
    assert code in (0, 1)
    assert "articles" in err
    assert "articles" not in out


def test_text_into_a_pipe_gets_no_bar_even_when_asked(articles):
    run = subprocess.run([sys.executable, "-m", "newslint", "check", "--isolated", "--progress", "."],
                         cwd=articles, capture_output=True, text=True)
    assert run.returncode in (0, 1)
    assert run.stderr == ""
