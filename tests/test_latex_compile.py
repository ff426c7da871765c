"""Every LaTeX output compiles with ``pdflatex -no-shell-escape`` and reads no file of ours.

Hostile names (TeX's special characters, ``\\input{...}``, carriage returns and every other
control character, characters pdflatex cannot typeset) are written by hypothesis through every
LaTeX output (solve, show, analyze, sensitivity, sweep; fragments, ``--standalone`` and
``--sgame``). Each document is compiled in a folder holding trap files (``x.tex``,
``secret.tex``) with ``-recorder``: the ``.fls`` file lists every file TeX opened, and none may
be in the folder except the document and the files TeX writes for it. A fragment is compiled
in a document whose preamble loads exactly the packages its first line says it needs.

Skipped where pdflatex is not installed (CI has none); ``-m slow`` runs more examples.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cli
from gametheory.models._toml_writer import string as toml_string

pytestmark = pytest.mark.skipif(shutil.which("pdflatex") is None, reason="pdflatex not installed")

#: Characters TeX treats specially, line ends, control characters, and beyond-ASCII ones.
HOSTILE = [
    *"\\{}%$#&_^~[]<>|\"'`-",
    "\r", "\n", "\t", "\x0b", "\x0c", "\x00", "\x1b", "\x7f", "\x85", "\u2028",
    "é", "Ħ", "中", "😀", "\u0301", " ",
]
PIECES = ["\\input{x}", "\\input{secret}", "\\def\\a{", "}}", "%\r\\input{x}", "\\\\[2pt]", "a"]


def hostile_text(control: bool) -> st.SearchStrategy[str]:
    chars = HOSTILE if control else [c for c in HOSTILE if c.isprintable() or c == " "]
    parts = st.lists(st.sampled_from(chars) | st.sampled_from(PIECES), min_size=1, max_size=6)
    text = parts.map("".join)
    if control:
        return text
    # A name must not be blank or hold control characters (the model format refuses them).
    return text.map(lambda s: "".join(c for c in s if c.isprintable())).filter(
        lambda s: bool(s.strip())
    )


@st.composite
def hostile_models(draw: st.DrawFn) -> str:
    names = draw(st.lists(hostile_text(False), min_size=4, max_size=4, unique=True))
    # A title must not be blank (the model format requires one).
    title = draw(hostile_text(True).filter(lambda s: bool(s.strip())))
    description = draw(hostile_text(True))
    row, column = names[0], names[1]
    ids = names[2:]
    return f"""\
[game]
title = {toml_string(title)}
description = {toml_string(description)}

[parameters.c]
value = 1
range = [0, 4]

[[players]]
name = {toml_string(row)}
strategies = [{toml_string(ids[0])}, {toml_string(ids[1])}]

[[players]]
name = {toml_string(column)}
strategies = [{toml_string(ids[0])}, {toml_string(ids[1])}]

[payoffs]
{toml_string(row)} = [["c", 0], [0, 1]]
{toml_string(column)} = [[1, 0], [0, "c / 2"]]
"""


_NEEDS = re.compile(r"^% Needs \\usepackage\{([^}]*)\} in the preamble\.")


def _tex_trees() -> tuple[str, ...]:
    """The folders TeX reads its own files from (fonts, formats, packages, caches)."""
    trees = ["/usr/share/texlive", "/usr/share/texmf", "/usr/local/texlive", "/opt/texlive"]
    for variable in ("TEXMFDIST", "TEXMFLOCAL", "TEXMFSYSVAR", "TEXMFSYSCONFIG", "TEXMFVAR",
                     "TEXMFCONFIG", "TEXMFHOME"):
        done = subprocess.run(["kpsewhich", f"-var-value={variable}"], capture_output=True,
                              text=True, check=False)
        trees += [t for t in done.stdout.strip().split(":") if t.startswith("/")]
    return tuple(trees)


_TEX_TREE = _tex_trees() if shutil.which("kpsewhich") else ()


def compile_latex(text: str, folder: Path, name: str = "doc") -> None:
    """Compile ``text`` (a fragment or a whole document); fail if it errs or reads our files."""
    (folder / "x.tex").write_text("\\errmessage{x.tex was read}\n")
    (folder / "secret.tex").write_text("\\errmessage{secret.tex was read}\n")
    if not text.startswith("\\documentclass"):
        needs = _NEEDS.match(text)
        packages = needs.group(1) if needs else ""
        text = (
            "\\documentclass{article}\n"
            + (f"\\usepackage{{{packages}}}\n" if packages else "")
            + "\\begin{document}\n" + text + "\\end{document}\n"
        )
    (folder / f"{name}.tex").write_text(text, encoding="utf-8")
    done = subprocess.run(
        ["pdflatex", "-no-shell-escape", "-interaction=nonstopmode", "-halt-on-error",
         "-recorder", f"{name}.tex"],
        cwd=folder, capture_output=True, text=True, errors="replace", timeout=120, check=False,
    )
    log = (folder / f"{name}.log").read_text(errors="replace")
    assert done.returncode == 0, "\n".join(
        line for line in log.splitlines() if line.startswith("!") or "Error" in line
    )[:2000] + "\n" + text[:3000]
    own = {f"{name}.tex", f"{name}.aux", f"{name}.out", f"{name}.log", f"{name}.pdf"}
    for line in (folder / f"{name}.fls").read_text().splitlines():
        if not line.startswith("INPUT "):
            continue
        path = line[len("INPUT "):]
        if path.startswith(_TEX_TREE):
            continue  # TeX's own files
        # Anything else (the trap files, any file of the user's) must be the document's own.
        assert "/" not in path.lstrip("./") and Path(path).name in own, f"TeX read {path}"


COMMANDS = [
    ["solve", "m.toml", "-f", "latex"],
    ["solve", "m.toml", "-f", "latex", "--standalone"],
    ["solve", "m.toml", "-f", "latex", "--sgame", "--standalone"],
    ["show", "m.toml", "-f", "latex", "--explain"],
    ["analyze", "m.toml", "-f", "latex"],
    ["sensitivity", "m.toml", "-f", "latex"],
    ["sweep", "m.toml", "-p", "c=0:2:3", "-f", "latex"],
]


def _check_every_output(model_text: str, folder: Path) -> None:
    (folder / "m.toml").write_text(model_text, encoding="utf-8")
    for k, args in enumerate(COMMANDS):
        args = [str(folder / a) if a == "m.toml" else a for a in args]
        result = CliRunner().invoke(cli.cli, args, catch_exceptions=False)
        assert result.exit_code == 0, (args, result.output)
        compile_latex(result.stdout, folder, name=f"out{k}")


@settings(max_examples=3, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(model_text=hostile_models())
def test_hostile_names_through_every_latex_output(
    model_text: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    _check_every_output(model_text, tmp_path_factory.mktemp("tex"))


@pytest.mark.slow
@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(model_text=hostile_models())
def test_hostile_names_through_every_latex_output_many(
    model_text: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    _check_every_output(model_text, tmp_path_factory.mktemp("tex"))


def test_title_with_carriage_return_cannot_input_a_file(tmp_path: Path) -> None:
    # Issue 8, point 9: the CR ended the "%" comment and TeX ran \input{secret}.
    _check_every_output(
        hostile_model(title="Harmless\r\\input{secret}\n\\input{x}"), tmp_path
    )


def test_file_name_in_the_label_cannot_input_a_file(tmp_path: Path) -> None:
    path = tmp_path / "a}b\\input{x}.toml"
    path.write_text(hostile_model(title="t"), encoding="utf-8")
    result = CliRunner().invoke(cli.cli, ["solve", str(path), "-f", "latex"])
    assert result.exit_code == 0, result.output
    assert "\\label{a-b-input-x--payoffs}" in result.stdout
    compile_latex(result.stdout, tmp_path)


@pytest.mark.parametrize(
    "args",
    [
        ["sensitivity", "us-russia", "-f", "latex"],
        ["sensitivity", "us-russia", "-p", "d", "-p", "s", "--resolution", "5", "-f", "latex"],
        ["sweep", "us-russia", "-p", "d=0:4:5", "-f", "latex"],
        ["sweep", "us-russia", "-p", "d=0:4:5", "-f", "latex", "--standalone"],
        ["sensitivity", "us-russia-2x2", "-f", "latex", "--standalone"],
        ["robustness", "us-russia", "-n", "100", "--seed", "1", "-f", "latex", "--standalone"],
        ["show", "us-russia", "--explain", "-f", "latex", "--standalone"],
        ["analyze", "us-russia", "-f", "latex", "--standalone"],
        ["solve", "us-russia", "-f", "latex", "--sgame", "--standalone"],
    ],
    ids=lambda a: "-".join(a[:1] + a[2:3] + a[-1:]),
)
def test_builtin_latex_compiles(args: list[str], tmp_path: Path) -> None:
    result = CliRunner().invoke(cli.cli, args)
    assert result.exit_code == 0, result.output
    compile_latex(result.stdout, tmp_path)


def test_explain_label_is_defined_once(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli.cli, ["show", "us-russia", "--explain", "-f", "latex", "--standalone"]
    )
    compile_latex(result.stdout, tmp_path)
    log = (tmp_path / "doc.log").read_text(errors="replace")
    assert "multiply defined" not in log


def hostile_model(title: str) -> str:
    return f"""\
[game]
title = {toml_string(title)}

[parameters.c]
value = 1
range = [0, 4]

[[players]]
name = "Row_{{#}}"
strategies = ["a&b", "50%"]

[[players]]
name = "Col\\\\input{{x}}"
strategies = ["[x]", "~^$"]

[payoffs]
"Row_{{#}}" = [["c", 0], [0, 1]]
"Col\\\\input{{x}}" = [[1, 0], [0, "c / 2"]]
"""
