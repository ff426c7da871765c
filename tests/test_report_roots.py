"""Wide irrational numbers (``CRootOf``) in tables: decimals with a footnote mark, the exact
form in the footnote, JSON and CSV unchanged.

Reference: the four-player unanimity game (derived in ``test_exact_nplayer.py``): in its
totally mixed equilibrium every player plays ``a`` with probability 2**(-1/3), a cubic
irrational written ``CRootOf(2*x**3 - 1, 0)``, and ``b`` with 1 - 2**(-1/3).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_exact_nplayer import unanimity

import cli
from gametheory import solve
from gametheory.io.nfg import write_nfg
from gametheory.report import format_solve
from gametheory.report._solve import WIDE, root_footnotes, wide_roots

A = 2 ** (-1 / 3)  # the closed form, in floating point, as an independent reference
ROOT_A = "CRootOf(2*x**3 - 1, 0)"
ROOT_B = "CRootOf(2*x**3 - 6*x**2 + 6*x - 1, 0)"


@pytest.fixture(scope="module")
def result():
    return solve(unanimity(4))


def _table_rows(text: str) -> list[str]:
    start = text.index("3 Nash equilibria")
    return text[start:].split("\n\n")[0].splitlines()


def test_text_table_shows_decimals_and_marks(result) -> None:
    text = format_solve(result, "text")
    rows = _table_rows(text)
    mixed = f"{A:.6f}[r1] a + {1 - A:.6f}[r2] b"
    assert mixed == "0.793701[r1] a + 0.206299[r2] b"
    assert rows[-1].count(mixed) == 4
    assert not any("CRootOf" in row for row in rows)
    # Narrower than the exact form: the widest line of the table.
    assert max(map(len, rows)) < 4 * len(f"({ROOT_A}) a + ({ROOT_B}) b")


def test_footnote_gives_the_exact_form_and_twelve_places(result) -> None:
    note = root_footnotes(result)
    assert note == (
        f"[r1] {ROOT_A}, the smallest real root of 2*x**3 - 1, is {A:.12f} to 12 places; "
        f"[r2] {ROOT_B}, the smallest real root of 2*x**3 - 6*x**2 + 6*x - 1, is "
        f"{1 - A:.12f} to 12 places."
    )
    text = " ".join(format_solve(result, "text").split())
    assert note in text


def test_footnote_forms_are_sympy_readable_and_right(result) -> None:
    import sympy

    for text in wide_roots(result):
        value = float(sympy.sympify(text))  # test-only: our own output, not user input
        assert value == pytest.approx(A) or value == pytest.approx(1 - A)


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        pytest.param("markdown", r"0.793701\[r1\] a + 0.206299\[r2\] b", id="markdown"),
        pytest.param("latex", r"$0.793701^{[\mathrm{r1}]}$~a", id="latex"),
    ],
)
def test_other_formats(result, fmt: str, expected: str) -> None:
    text = format_solve(result, fmt)
    assert expected in text
    assert "CRootOf" in text.rsplit(expected, 1)[1]  # the footnote follows the table


def test_json_and_csv_keep_the_exact_strings(result) -> None:
    data = json.loads(format_solve(result, "json"))
    mixed = data["equilibria"][2]["strategies"]["P1"]
    assert mixed == {"a": ROOT_A, "b": ROOT_B}
    assert data["equilibria"][2]["decimal"]["strategies"]["P1"]["a"] == f"{A:.12f}"
    csv = format_solve(result, "csv")
    assert f'"{ROOT_A}","{ROOT_B}"' in csv and "[r1]" not in csv


def test_decimals_option_drops_marks_and_footnotes(result) -> None:
    text = format_solve(result, "text", decimals=4)
    assert "[r1]" not in text and "CRootOf" not in text
    assert "0.7937 a + 0.2063 b" in text


def test_short_closed_forms_stay_exact() -> None:
    # stag-hunt-3: sqrt(2)/2 is short (at most WIDE characters): no mark.
    from gametheory.models import load_model

    three = solve(load_model("stag-hunt-3").game())
    assert wide_roots(three) == {} and root_footnotes(three) == ""
    assert all(len(str(p)) <= WIDE for eq in three.equilibria for s in eq.profile for p in s)
    assert "sqrt(2)/2 stag" in format_solve(three, "text")


def test_cli(tmp_path: Path) -> None:
    path = tmp_path / "unanimity4.nfg"
    path.write_text(write_nfg(unanimity(4)), encoding="utf-8")
    result = CliRunner().invoke(cli.cli, ["solve", str(path)])
    assert result.exit_code == 0
    assert re.search(r"0\.793701\[r1\] a \+ 0\.206299\[r2\] b", result.stdout)
    assert "[r1] CRootOf(2*x**3 - 1, 0)" in result.stdout


@pytest.mark.skipif(__import__("shutil").which("pdflatex") is None, reason="needs pdflatex")
def test_latex_with_marks_compiles(result, tmp_path: Path) -> None:
    import subprocess

    (tmp_path / "u.tex").write_text(format_solve(result, "latex", standalone=True),
                                    encoding="utf-8")
    done = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "u.tex"],
                          cwd=tmp_path, capture_output=True, timeout=300)
    assert done.returncode == 0, done.stdout[-2000:]
