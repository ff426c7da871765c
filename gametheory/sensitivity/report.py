"""The sensitivity report: what ``gametheory sensitivity`` and ``gametheory sweep`` print.

:func:`sensitivity` runs the analyses a command asks for and returns a
:class:`SensitivityReport`; :func:`format_report` and :func:`format_sweep` turn results into
``text``, ``markdown``, ``latex`` or ``json``. Expressions are printed with sympy's ``str``
(text, markdown, json: sympy's parser reads them back) or its LaTeX printer (latex). Nothing
here prints; the command line echoes the returned strings.

JSON
----
For one parameter the JSON object is the analysis itself (a contract scripts rely on):
``parameter``, ``thresholds`` (sorted exact values as strings) and ``regimes`` (in increasing
order, each with ``interval``, a pair of strings, ``"-oo"``/``"oo"`` when unbounded and equal for
a point, and ``equilibria`` in the ``solve`` form with expression strings), plus ``statics``.
For several parameters: ``{"analyses": [...], "statics": ...}``, with ``"map"`` for two.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from .._display import Displayed, regime_tables
from ..errors import GameValueError
from ..numbers import format_fraction

__all__ = [
    "FORMATS",
    "SensitivityReport",
    "format_analysis",
    "format_report",
    "format_statics",
    "format_sweep",
    "sensitivity",
]

FORMATS = ("text", "json", "latex", "markdown")
_PLAIN_NUMBER = re.compile(r"^\d+(/\d+)?$")
_LATEX_NEEDS = "% Needs \\usepackage{graphicx} in the preamble."


@dataclass(frozen=True)
class SensitivityReport(Displayed):
    """The analyses asked for: one per parameter, a map for two, statics at the point."""

    title: str
    analyses: tuple[Any, ...]
    statics: Any
    regime_map: Any = None

    def __repr__(self) -> str:
        return self._report_text()

    def _report(self, format: str) -> str:
        return format_report(self, format)

    def _frame_tables(self) -> list[tuple[list[str], list[list[Any]]]]:
        return regime_tables([a.to_dict() for a in self.analyses])

    def to_dict(self) -> dict[str, Any]:
        statics = self.statics.to_dict() if self.statics is not None else None
        if len(self.analyses) == 1 and self.regime_map is None:
            return {**self.analyses[0].to_dict(), "statics": statics}
        out: dict[str, Any] = {"analyses": [a.to_dict() for a in self.analyses]}
        if self.regime_map is not None:
            out["map"] = self.regime_map.to_dict()
        out["statics"] = statics
        return out


def sensitivity(
    pg: Any,
    parameters: Sequence[str] = (),
    at: Mapping[str, Any] | None = None,
    resolution: int = 41,
    progress: Any = None,
) -> SensitivityReport:
    """Run the sensitivity analysis of a parametric game.

    Parameters
    ----------
    pg : ParametricGame
    parameters : sequence of str
        The parameters to vary: none (each of the game's parameters in turn), one, or two
        (then also the regime map of the two).
    at : mapping, optional
        Values of the other parameters, and the point of the comparative statics.
    resolution : int
        Cells per axis of a regime map.
    progress : callable, optional
        ``progress(done, total)`` for the regime map's grid.

    Returns
    -------
    SensitivityReport

    Raises
    ------
    GameValueError
        For unknown parameters, more than two, or a value out of range.
    """
    from .regime_map import regime_map
    from .regimes import analyse_parameter
    from .statics import comparative_statics

    names = list(parameters) or list(pg.parameter_names)
    for name in names:
        pg.parameter(name)
    if len(parameters) > 2:
        raise GameValueError("give at most two parameters", key="--vary")
    if len(set(names)) != len(names):
        raise GameValueError("a parameter is given twice", key="--vary")
    at = dict(at or {})
    pg.values(at)
    analyses = tuple(analyse_parameter(pg, name, at=at) for name in names)
    statics = comparative_statics(pg, at)
    rmap = None
    if len(parameters) == 2:
        rmap = regime_map(pg, names[0], names[1], at=at, resolution=resolution, progress=progress)
    return SensitivityReport(pg.title, analyses, statics, rmap)


# ---------------------------------------------------------------------- pieces
def _latex(expr: Any) -> str:
    from ..report._latex import latex_expression  # symbols escaped, Fractions converted

    return latex_expression(expr)


def _label(text: str, fmt: str) -> str:
    if fmt == "latex":
        return "\\mbox{" + _escape_latex(text) + "}"
    if fmt == "markdown":
        return text.replace("|", "\\|")
    return text


def _escape_latex(text: str) -> str:
    from ..report._latex import escape_latex  # the one escaping function

    return escape_latex(text)


def _prose(text: str, fmt: str) -> str:
    """Running text: escaped for LaTeX, as it is otherwise."""
    return _escape_latex(text) if fmt == "latex" else text


def _expr(expr: Any, fmt: str) -> str:
    if fmt == "latex":
        return _latex(expr)
    return str(expr)


def _mix(labels: Sequence[str], probs: Sequence[Any], fmt: str) -> str:
    """A (possibly mixed) strategy as text: ``label`` or ``1/3 a + (c/(c + 1)) b``."""
    from ..report._text import mixture_text

    parts = [(p, label) for p, label in zip(probs, labels, strict=True) if p != 0]
    if len(parts) == 1 and parts[0][0] == 1:
        return _label(parts[0][1], fmt)
    if fmt == "latex":
        return " + ".join(f"{_expr(p, fmt)}\\,{_label(label, fmt)}" for p, label in parts)
    texts = []
    for p, label in parts:
        text = format_fraction(p) if isinstance(p, Fraction) else str(p)
        if not _PLAIN_NUMBER.match(text):
            text = f"({text})"
        texts.append((text, _label(label, fmt)))
    return mixture_text(texts)


def _number(x: Fraction | None, fmt: str) -> str:
    if x is None:
        return "-"
    if fmt == "latex":
        if x.denominator == 1:
            return str(x.numerator)
        sign = "-" if x < 0 else ""
        return f"{sign}\\frac{{{abs(x.numerator)}}}{{{x.denominator}}}"
    return format_fraction(x)


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], fmt: str) -> list[str]:
    if fmt == "markdown":
        lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
        return lines
    if fmt == "latex":
        from ..report._latex import fit_box

        body = [
            "\\begin{tabular}{" + "l" * len(header) + "}",
            "\\hline",
            " & ".join(header) + " \\\\",
            "\\hline",
        ]
        body += [" & ".join(row) + " \\\\" for row in rows]
        body += ["\\hline", "\\end{tabular}"]
        # Centred, and scaled down to the line width if wider.
        return ["\\begin{center}", *fit_box(body), "\\end{center}"]
    widths = [max(len(str(c)) for c in col) for col in zip(header, *rows, strict=True)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += [
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in rows
    ]
    return lines


def _heading(text: str, level: int, fmt: str) -> list[str]:
    if fmt == "markdown":
        return ["#" * (level + 1) + " " + text, ""]
    if fmt == "latex":
        command = ("section", "subsection", "subsubsection")[min(level, 2)]
        return [f"\\{command}*{{{_escape_latex(text)}}}", ""]
    return [text, ("=" if level == 0 else "-") * len(text), ""]


def _math(text: str, fmt: str) -> str:
    return f"${text}$" if fmt == "latex" else text


def _interval(regime: Any, name: str, fmt: str) -> str:
    low, high = regime.interval()
    if regime.is_point:
        value = _expr(_sympy_number(regime.low), fmt)
        return _math(f"{name} = {value}", fmt)
    lo = (
        _expr(_sympy_number(regime.low), fmt)
        if regime.low is not None
        else ("-\\infty" if fmt == "latex" else low)
    )
    hi = (
        _expr(_sympy_number(regime.high), fmt)
        if regime.high is not None
        else ("\\infty" if fmt == "latex" else high)
    )
    left = "[" if regime.closed[0] else "("
    right = "]" if regime.closed[1] else ")"
    return _math(
        f"{name} \\in {left}{lo}, {hi}{right}"
        if fmt == "latex"
        else f"{name} in {left}{lo}, {hi}{right}",
        fmt,
    )


def _sympy_number(x: Any) -> Any:
    import sympy

    from ._poly import Algebraic

    if isinstance(x, Algebraic):
        return x.to_sympy()
    return sympy.Rational(x.numerator, x.denominator)


def _eq_row(eq: Any, fmt: str) -> list[str]:
    cells = [
        _math(_mix(labels, probs, fmt), fmt)
        for labels, probs in zip(eq.strategies, eq.probabilities, strict=True)
    ]
    cells += [_math(_expr(u, fmt), fmt) for u in eq.payoffs]
    return cells


def format_analysis(analysis: Any, fmt: str = "text") -> str:
    """One parameter's thresholds and regimes, in ``text``, ``markdown``, ``latex`` or ``json``.

    Examples
    --------
    >>> import sympy
    >>> from gametheory.sensitivity import ParametricGame, analyse_parameter
    >>> c = sympy.Symbol("c", real=True)
    >>> pg = ParametricGame.from_arrays(
    ...     [[c, 0], [0, 1]], [[1, 0], [0, 1]], parameters={"c": ("1", "0", "2")},
    ...     strategies=(("a", "b"), ("x", "y")))
    >>> print(format_analysis(analyse_parameter(pg, "c")))
    Equilibria as c varies over [0, 2]
    ==================================
    <BLANKLINE>
    Thresholds: 0
    <BLANKLINE>
    regime       Row            Column                         Row payoff  Column payoff
    -----------  -------------  -----------------------------  ----------  -------------
    c = 0        a              x                              0           1
                 1/2 a + 1/2 b  x                              0           1/2
                 b              y                              1           1
    c in (0, 2]  a              x                              c           1
                 1/2 a + 1/2 b  (1/(c + 1)) x + (c/(c + 1)) y  c/(c + 1)   1/2
                 b              y                              1           1
    <BLANKLINE>
    At c = 0 the equilibria {1, 2} (numbered in order) are the extreme points of a continuum...
    """
    _check_format(fmt)
    if fmt == "json":
        return json.dumps(analysis.to_dict(), indent=2)
    name = analysis.parameter
    lines = _analysis_lines(analysis, fmt, 0)
    del name
    return "\n".join(lines).rstrip() + "\n"


def _analysis_lines(analysis: Any, fmt: str, level: int) -> list[str]:
    from .regimes import number_text

    name = analysis.parameter
    rng = f"[{number_text(analysis.low, -1)}, {number_text(analysis.high, 1)}]"
    fixed = ", ".join(f"{k} = {format_fraction(v)}" for k, v in analysis.fixed.items())
    title = f"Equilibria as {name} varies over {rng}" + (f" ({fixed})" if fixed else "")
    lines = _heading(title, level, fmt)
    thresholds = ", ".join(number_text(t) for t in analysis.thresholds) or "none"
    lines += [_prose(f"Thresholds: {thresholds}", fmt), ""]
    if analysis.kind == "pure":
        lines += ["(More than two players: pure equilibria only.)", ""]
    header = [
        "regime",
        *(_label(p, fmt) for p in analysis.players),
        *(_label(f"{p} payoff", fmt) for p in analysis.players),
    ]
    rows = []
    symbol = _math(name, fmt) if fmt == "latex" else name
    for regime in analysis.regimes:
        where = _interval(regime, name, fmt)
        if not regime.equilibria:
            rows.append(
                [where, _prose(regime.note or ("no pure equilibrium" if analysis.kind == "pure"
                                               else "no equilibrium"), fmt),
                 *[""] * (len(header) - 2)]
            )
            continue
        for k, eq in enumerate(regime.equilibria):
            rows.append([where if k == 0 else "", *_eq_row(eq, fmt)])
        if regime.note:
            rows.append(["", _prose(regime.note, fmt), *[""] * (len(header) - 2)])
    del symbol
    lines += _table(header, rows, fmt)
    lines.append("")
    continua = [r for r in analysis.regimes if any(not c.is_singleton for c in r.components)]
    for regime in continua:
        parts = [
            _prose("{" + ", ".join(str(e + 1) for e in c.equilibria) + "}", fmt)
            for c in regime.components
            if not c.is_singleton
        ]
        lines.append(
            f"At {_interval(regime, name, fmt)} the equilibria "
            + " and ".join(parts)
            + " (numbered in order) are the extreme points of a continuum of equilibria."
        )
    if continua:
        lines.append("")
    return lines


def format_statics(statics: Any, fmt: str = "text", top: int = 5) -> str:
    """Comparative statics at a point: derivatives and elasticities, and the payoff entries
    each equilibrium depends on most."""
    _check_format(fmt)
    if fmt == "json":
        return json.dumps(statics.to_dict(), indent=2)
    return "\n".join(_statics_lines(statics, fmt, 0, top)).rstrip() + "\n"


def _statics_lines(statics: Any, fmt: str, level: int, top: int) -> list[str]:
    at = ", ".join(f"{k} = {format_fraction(v)}" for k, v in statics.values.items())
    lines = _heading("Comparative statics" + (f" at {at}" if at else ""), level, fmt)
    game = statics.payoffs.game
    for k, (e, entry) in enumerate(
        zip(statics.equilibria, statics.payoffs.equilibria, strict=True)
    ):
        eq = e.equilibrium
        strategies = "; ".join(
            f"{p}: " + _mix(labels, probs, "text")
            for p, labels, probs in zip(eq.players, eq.strategies, eq.profile, strict=True)
        )
        pays = ", ".join(
            f"{p} {format_fraction(u)}" for p, u in zip(eq.players, eq.payoffs, strict=True)
        )
        lines += [_prose(f"Equilibrium {k + 1}: {strategies} (payoffs {pays})", fmt), ""]
        if not e.regular:
            lines += [_prose(f"Not differentiable here: {e.reason}.", fmt), ""]
            continue
        if statics.parameters:
            header = ["parameter", "quantity", "derivative", "elasticity"]
            rows = []
            for name in statics.parameters:
                dprof, dpay = e.derivatives[name]
                eprof, epay = e.elasticities[name]
                for i, player in enumerate(eq.players):
                    for j, label in enumerate(eq.strategies[i]):
                        if eq.profile[i][j] != 0 or dprof[i][j] != 0:
                            rows.append(
                                [
                                    _prose(name, fmt),
                                    _label(f"P({player}: {label})", fmt),
                                    _math(_number(dprof[i][j], fmt), fmt),
                                    _math(_number(eprof[i][j], fmt), fmt),
                                ]
                            )
                for i, player in enumerate(eq.players):
                    rows.append(
                        [
                            _prose(name, fmt),
                            _label(f"{player} payoff", fmt),
                            _math(_number(dpay[i], fmt), fmt),
                            _math(_number(epay[i], fmt), fmt),
                        ]
                    )
            lines += _table(header, rows, fmt)
            lines.append("")
        if not eq.is_pure:
            for player in eq.players:
                own = entry.own_payoff_effect(player)
                other = entry.other_payoff_effect(player)
                lines.append(_prose(
                    f"{player}'s mixed strategy: largest change per unit of its own payoffs "
                    f"{format_fraction(own)}, of the other player's payoffs "
                    f"{format_fraction(other)}"
                    + (" (it is set by the other player's payoffs only)." if own == 0 else "."),
                    fmt,
                ))
            lines.append("")
        ranking = [(en, v) for en, v in entry.ranking() if v != 0][:top]
        if ranking:
            lines.append("Payoff entries the probabilities depend on most:")
            for (player, cell), value in ranking:
                where = ", ".join(game.strategies[i][s] for i, s in enumerate(cell))
                dprof, _ = entry.derivatives[(player, cell)]
                moved = [
                    f"P({eq.players[i]}: {eq.strategies[i][j]}) {_signed(v)}"
                    for i, probs in enumerate(dprof)
                    for j, v in enumerate(probs)
                    if v != 0
                ]
                lines.append(_prose(
                    f"- {game.players[player]}'s payoff at ({where}): "
                    + ", ".join(moved)
                    + f" per unit (largest {format_fraction(value)})",
                    fmt,
                ))
            lines.append("")
    return lines


def _signed(v: Fraction) -> str:
    return ("+" if v > 0 else "") + format_fraction(v)


def format_report(report: SensitivityReport, fmt: str = "text", *, standalone: bool = False) -> str:
    """The whole ``gametheory sensitivity`` output in one format.

    With ``standalone``, LaTeX is a whole document that compiles as it is (else a fragment
    whose first line names the packages it needs).
    """
    _check_format(fmt)
    if fmt == "json":
        return json.dumps(report.to_dict(), indent=2)
    lines: list[str] = []
    if report.title:
        lines += _heading(f"Sensitivity analysis: {report.title}", 0, fmt)
    level = 1 if report.title else 0
    for analysis in report.analyses:
        lines += _analysis_lines(analysis, fmt, level)
    if report.regime_map is not None:
        lines += _map_lines(report.regime_map, fmt, level)
    if report.statics is not None:
        lines += _statics_lines(report.statics, fmt, level, 5)
    if fmt == "latex":
        lines = _latex_document(lines, standalone)
    return "\n".join(lines).rstrip() + "\n"


def _latex_document(lines: list[str], standalone: bool) -> list[str]:
    """A LaTeX fragment headed by the packages it needs, or a whole document."""
    if not standalone:
        return [_LATEX_NEEDS, *lines]
    # The preamble of the other reports' standalone documents (gametheory.report._latex).
    return [
        "\\documentclass{article}", "\\usepackage{graphicx}",
        "\\setlength{\\emergencystretch}{3em}", "\\begin{document}",
        *("\n".join(lines).rstrip().split("\n")), "\\end{document}",
    ]


def _map_lines(rmap: Any, fmt: str, level: int) -> list[str]:
    lines = _heading(f"Regime map of {rmap.x} and {rmap.y}", level, fmt)
    rows = [
        [_prose(r.label, fmt), _label(r.description, fmt), str(r.points)] for r in rmap.regions
    ]
    lines += _table(["region", "equilibria", "grid cells"], rows, fmt)
    lines.append("")
    if rmap.boundaries:
        lines.append("Boundaries (exact):")
        for b in rmap.boundaries:
            eq = _math(f"{_expr(b.expression, fmt)} = 0", fmt)
            sol = ", ".join(_math(f"{n} = {_expr(e, fmt)}", fmt) for n, e in b.solutions)
            pairs = _prose(", ".join("/".join(p) for p in b.between), fmt)
            lines.append(f"- {eq}" + (f" ({sol})" if sol else "") + f", between {pairs}")
        lines.append("")
    return lines


def format_sweep(result: Any, fmt: str = "text", *, standalone: bool = False) -> str:
    """A sweep as a table: one row per equilibrium per grid point (or JSON / CSV).

    With ``standalone``, LaTeX is a whole document (see :func:`format_report`).
    """
    if fmt not in (*FORMATS, "csv"):
        _check_format(fmt)
    if fmt == "json":
        return json.dumps(result.to_dict(), indent=2)
    header = [result.parameter, "#", *result.players, *(f"{p} payoff" for p in result.players)]
    rows = []
    for point in result.points:
        if not point.equilibria:
            rows.append(
                [
                    format_fraction(point.value),
                    "-",
                    "payoffs undefined" if point.undefined else "no equilibrium",
                    *[""] * (len(header) - 3),
                ]
            )
        for k, eq in enumerate(point.equilibria):
            rows.append(
                [
                    format_fraction(point.value) if k == 0 or fmt == "csv" else "",
                    str(k + 1),
                    *(
                        _mix(labels, probs, "text" if fmt == "csv" else fmt)
                        for labels, probs in zip(eq.strategies, eq.profile, strict=True)
                    ),
                    *(format_fraction(u) for u in eq.payoffs),
                ]
            )
    if fmt == "csv":
        import csv
        import io

        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
        return buffer.getvalue()
    if fmt == "latex":
        players = len(result.players)
        rows = [
            [
                _math(c, fmt) if 2 <= k < 2 + players and c and row[1] != "-"
                else _label(c, fmt) if c and row[1] == "-" and k == 2
                else _math(c, fmt) if k >= 2 + players and c
                else c
                for k, c in enumerate(row)
            ]
            for row in rows
        ]
        header = [_label(h, fmt) for h in header]
    fixed = ", ".join(f"{k} = {format_fraction(v)}" for k, v in result.fixed.items())
    lines = _heading(f"Sweep of {result.parameter}" + (f" ({fixed})" if fixed else ""), 0, fmt)
    lines += _table(header, rows, fmt)
    if fmt == "latex":
        lines = _latex_document(lines, standalone)
    return "\n".join(lines).rstrip() + "\n"


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise GameValueError(
            f"unknown format {fmt!r}", key="--format", hint="expected one of " + ", ".join(FORMATS)
        )
