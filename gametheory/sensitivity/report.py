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

The sections of a report are formatted in ``_report_analysis`` and their pieces (numbers,
tables, headings) in ``_report_pieces``; this module holds the report, the sweep's table and
the entry point :func:`sensitivity`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .._display import Displayed, regime_tables
from ..errors import GameValueError
from ..numbers import format_fraction
from ._report_analysis import (
    _analysis_lines,
    _map_lines,
    _statics_lines,
    format_analysis,
    format_statics,
)
from ._report_pieces import (
    FORMATS,
    _check_format,
    _heading,
    _label,
    _latex_document,
    _math,
    _mix,
    _table,
)

__all__ = [
    "FORMATS",
    "SensitivityReport",
    "format_analysis",
    "format_report",
    "format_statics",
    "format_sweep",
    "sensitivity",
]



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


