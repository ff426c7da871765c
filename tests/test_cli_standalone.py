"""``--standalone`` on robustness, sensitivity and sweep: a whole LaTeX document around the
very fragment that ``-f latex`` prints, and a usage error without ``-f latex``, as in the
other commands (compilation: tests/test_latex_compile.py)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

import cli

COMMANDS = [
    pytest.param(["sensitivity", "us-russia-2x2", "-p", "w"], id="sensitivity"),
    pytest.param(["sweep", "us-russia-2x2", "-p", "w=0:4:5"], id="sweep"),
    pytest.param(["robustness", "us-russia-2x2", "-n", "50", "--seed", "3"], id="robustness"),
]


def _run(args: list[str]):
    return CliRunner().invoke(cli.cli, args)


def _body(fragment: str) -> str:
    """A fragment without its comment lines (the packages it needs, the title)."""
    return "\n".join(
        line for line in fragment.splitlines() if not line.startswith("%")
    ).strip()


@pytest.mark.parametrize("args", COMMANDS)
def test_standalone_wraps_the_fragment(args: list[str]) -> None:
    fragment = _run([*args, "-f", "latex"])
    document = _run([*args, "-f", "latex", "--standalone"])
    assert fragment.exit_code == 0 and document.exit_code == 0, document.output
    assert fragment.stdout.startswith("% Needs \\usepackage{")
    text = document.stdout
    assert text.startswith("\\documentclass{article}\n\\usepackage{")
    assert "\\begin{document}\n" in text
    assert text.endswith("\\end{document}\n")
    inside = text[text.index("\\begin{document}\n") + 16 : -len("\\end{document}\n")]
    assert _body(inside) == _body(fragment.stdout)


@pytest.mark.parametrize("args", COMMANDS)
def test_standalone_needs_latex(args: list[str]) -> None:
    result = _run([*args, "--standalone"])
    assert result.exit_code == 2
    assert "Error: --standalone applies to --format latex only." in result.output
