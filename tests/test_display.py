"""Rich display (Jupyter) and DataFrames of games, models and results: the same content as
the text report, and exact numbers in ``to_frame()``."""

from __future__ import annotations

import sys
from fractions import Fraction
from html.parser import HTMLParser

import pytest

from gametheory import Game, solve
from gametheory.analysis import analyze
from gametheory.errors import GameError
from gametheory.models import load_model
from gametheory.report import format_game, format_solve

PD = Game.from_arrays(
    [[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("Ann", "Bob"),
    strategies=(("quiet", "talk"), ("quiet", "talk")), title="Prisoner's dilemma",
)


class _Cells(HTMLParser):
    """The text of every table cell, and a check that every element is closed."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.cells: list[str] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag != "br":
            self.open.append(tag)
        if tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1] == tag, (self.open, tag)
        self.open.pop()
        if tag in ("td", "th") and self._cell is not None:
            self.cells.append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _cells(html: str) -> list[str]:
    parser = _Cells()
    parser.feed(html)
    parser.close()
    assert parser.open == []
    return parser.cells


def test_game_html_has_the_text_reports_cells():
    html = PD._repr_html_()
    cells = _cells(html)
    # The text report marks best responses with * and the pure equilibrium in [ ].
    text = format_game(PD)
    assert "[1*, 1*]" in text
    assert "1*, 1*" in cells and "<b>1*, 1*</b>" in html
    assert {"3, 3", "0, 5*", "5*, 0"} <= set(cells)
    assert "Prisoner's dilemma" in html.replace("&#x27;", "'")


def test_game_keeps_its_one_line_repr_and_pretty_prints_the_report():
    assert repr(PD) == "Game(\"Prisoner's dilemma\", players=('Ann', 'Bob'), shape=(2, 2))"
    IPython = pytest.importorskip("IPython.lib.pretty")
    assert IPython.pretty(PD) == format_game(PD).rstrip("\n")


def test_solve_result_repr_is_the_text_report():
    result = solve(PD)
    assert repr(result) == format_solve(result).rstrip("\n")
    assert result._repr_latex_() == format_solve(result, "latex")


def test_html_escapes_labels():
    game = Game.from_arrays([[1, 0], [0, 1]], [[1, 0], [0, 1]],
                           strategies=(("<b>", "a&b"), ("x", "y")))
    html = game._repr_html_()
    assert "&lt;b&gt;" in html and "a&amp;b" in html and "<b>1" in html
    assert {"<b>", "a&b"} <= set(_cells(html))  # shown as text, not read as markup


def test_to_frame_holds_the_exact_equilibria():
    pytest.importorskip("pandas")
    game = Game.from_arrays([[0, 1, -1], [-1, 0, 1], [1, -1, 0]], [[0, -1, 1], [1, 0, -1],
                                                                      [-1, 1, 0]])
    result = solve(game)
    frame = result.to_frame()
    (eq,) = result.equilibria
    assert list(frame["Row:1"]) == [eq.profile[0][0]] == [Fraction(1, 3)]
    assert all(isinstance(v, Fraction) for v in frame["Row payoff"])
    assert list(frame["Column payoff"]) == [eq.payoffs[1]]


def test_model_and_analysis_frames():
    pytest.importorskip("pandas")
    model = load_model("us-russia")
    payoffs = model.to_frame(1)  # the parameters come first, then the payoff table
    game = model.game()
    for row in payoffs.itertuples(index=False):
        assert (row[2], row[3]) == game.payoff((row[0], row[1]))
    efficient = analyze(game).to_frame(1)
    assert list(efficient.columns) == ["efficient outcome", "US", "Russia", "US payoff",
                                       "Russia payoff"]
    with pytest.raises(IndexError, match="tables"):
        analyze(game).to_frame(99)


def test_sensitivity_frame_and_html():
    pytest.importorskip("pandas")
    from gametheory.sensitivity import ParametricGame, analyse_parameter

    analysis = analyse_parameter(ParametricGame.from_model(load_model("us-russia-2x2")), "w")
    frame = analysis.to_frame()
    # One row per regime and equilibrium, in the order of the JSON contract.
    data = analysis.to_dict()
    assert len(frame) == sum(len(r["equilibria"]) for r in data["regimes"])
    assert [str(v) for v in frame["from"].drop_duplicates()] == \
        [r["interval"][0] for r in data["regimes"]][: frame["from"].nunique()]
    html = analysis._repr_html_()  # not a document: the text report, preformatted
    assert html.startswith("<pre") and "Thresholds" in html
    assert repr(analysis).startswith("Equilibria as w varies")


def test_to_frame_without_pandas_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(GameError, match=r"pandas.*\.\[pandas\]"):
        solve(PD).to_frame()


def test_robustness_displays_its_report():
    from gametheory.robustness import format_robustness, robustness

    result = robustness(load_model("us-russia-2x2"), samples=50, seed=3)
    assert repr(result) == format_robustness(result).rstrip("\n")
    assert "<table" in result._repr_html_()


def _one(value):
    """The first result where a function returns one per leader or solution."""
    return value[0] if isinstance(value, tuple) else value


def _concepts():
    from gametheory.concepts import (
        bargain,
        correlated_equilibria,
        logit_branch,
        repeated,
        rubinstein,
        stackelberg,
    )
    from gametheory.ordinal import ordinal_analysis
    from gametheory.report import (
        format_bargaining,
        format_correlated,
        format_ordinal,
        format_qre,
        format_repeated,
        format_rubinstein,
        format_stackelberg,
    )

    return [
        pytest.param(lambda g: _one(stackelberg(g)), lambda r, *f: format_stackelberg((r,), *f),
                     id="stackelberg"),
        pytest.param(lambda g: _one(bargain(g)), lambda r, *f: format_bargaining((r,), *f),
                     id="bargaining"),
        pytest.param(correlated_equilibria, format_correlated, id="correlated"),
        pytest.param(logit_branch, format_qre, id="qre"),
        pytest.param(repeated, format_repeated, id="repeated"),
        pytest.param(rubinstein, format_rubinstein, id="rubinstein"),
        pytest.param(ordinal_analysis, format_ordinal, id="ordinal"),
    ]


@pytest.mark.parametrize(("compute", "report"), _concepts())
def test_every_concept_result_displays_its_report(compute, report):
    result = compute(load_model("us-russia-2x2").game())
    text = report(result)
    assert repr(result) == text.rstrip("\n")
    html = result._repr_html_()
    cells = _cells(html)
    assert cells or html.startswith("<pre")
    assert result._repr_latex_() == report(result, "latex")


@pytest.mark.parametrize("name", ["entry-deterrence", "bayesian-battle-of-the-sexes"])
def test_tree_and_bayesian_results_display_their_report(name):
    result = solve(load_model(name).game())
    assert repr(result) == format_solve(result).rstrip("\n")
    assert "<table" in result._repr_html_()
