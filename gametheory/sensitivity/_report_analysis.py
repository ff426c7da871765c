"""The sections of the sensitivity report (private): the regimes of one parameter
(:func:`format_analysis`), the comparative statics (:func:`format_statics`) and the regime map
of two parameters.
"""

from __future__ import annotations

import json
from typing import Any

from ..numbers import format_fraction
from ._report_pieces import (
    _check_format,
    _eq_row,
    _expr,
    _heading,
    _interval,
    _label,
    _math,
    _mix,
    _number,
    _prose,
    _signed,
    _table,
)

__all__ = ["format_analysis", "format_statics"]


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
