"""The README's examples are real: each ``$ gametheory ...`` line of a ``console`` block is run
and its output must be the lines that follow it in the README, exactly.

The commands run in order, as one session, in an empty temporary folder (a file saved by one
example is there for the next). Lines that start with anything but ``gametheory`` (the set-up's
``pip install ...``) are not run.

After an intended change of output, rewrite the README's outputs with::

    python tests/test_readme.py --update
"""

from __future__ import annotations

import os
import re
import shlex
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

README = Path(__file__).resolve().parent.parent / "README.md"
_BLOCK = re.compile(r"^```console\n(.*?)^```\n", re.MULTILINE | re.DOTALL)


def examples(text: str) -> list[tuple[str, str, tuple[int, int]]]:
    """(command, expected output, span of the output in ``text``) for every example."""
    found = []
    for block in _BLOCK.finditer(text):
        body, start = block.group(1), block.start(1)
        lines = body.splitlines(keepends=True)
        offsets = [start]
        for line in lines:
            offsets.append(offsets[-1] + len(line))
        k = 0
        while k < len(lines):
            line = lines[k]
            if line.startswith("$ "):
                end = k + 1
                while end < len(lines) and not lines[end].startswith("$ "):
                    end += 1
                command = line[2:].rstrip("\n")
                found.append((command, "".join(lines[k + 1 : end]), (offsets[k + 1], offsets[end])))
                k = end
            else:
                k += 1
    return [e for e in found if e[0].split()[0] == "gametheory"]


@contextmanager
def _session() -> Iterator[None]:
    before = Path.cwd()
    with tempfile.TemporaryDirectory(prefix="readme-") as folder:
        os.chdir(folder)
        try:
            yield
        finally:
            os.chdir(before)


def _run(command: str) -> str:
    import cli

    result = CliRunner().invoke(cli.cli, shlex.split(command)[1:])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.output


def test_readme_examples_match_the_real_output() -> None:
    text = README.read_text()
    found = examples(text)
    assert len(found) >= 10
    with _session():
        for command, expected, _ in found:
            assert _run(command) == expected, f"README example: $ {command}"


def test_readme_documents_every_command_and_exit_code() -> None:
    import cli

    text = README.read_text()
    for command in cli.cli.commands:
        assert f"gametheory {command}" in text, command
    for code in (cli.EXIT_INPUT, cli.EXIT_USAGE, cli.EXIT_SOLVER):
        assert f"| {code} |" in text
    assert "_GAMETHEORY_COMPLETE=bash_source gametheory" in text


def update(page: Path = README) -> None:
    """Rewrite every example's output in ``page`` (the README, or a docs page) with the real one."""
    text = page.read_text()
    pieces, last = [], 0
    with _session():
        for command, _, (start, end) in examples(text):
            pieces += [text[last:start], _run(command)]
            last = end
    page.write_text("".join(pieces) + text[last:])


if __name__ == "__main__":
    if sys.argv[1:] == ["--update"]:
        update()
    else:
        sys.exit(pytest.main([__file__, "-q"]))
