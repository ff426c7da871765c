"""The report of ``gametheory bargain``: bargaining solutions, Rubinstein's alternating offers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

from ..numbers import format_fraction
from ._concepts import context, finish_report, number_cell
from ._document import Numbers, Paragraph, Table

__all__ = ["format_bargaining", "format_rubinstein"]

_NAMES = {
    "nash": "Nash",
    "kalai-smorodinsky": "Kalai-Smorodinsky",
    "egalitarian": "egalitarian",
    "utilitarian": "utilitarian",
}


def _point_text(point: Sequence[Any], numbers: Numbers) -> str:
    from ..concepts.bargaining import decimal_text, exact_text

    if numbers.decimals is not None:
        return "(" + ", ".join(decimal_text(v, numbers.decimals) for v in point) + ")"
    return "(" + ", ".join(exact_text(v) for v in point) + ")"


def _sets(result: Any, numbers: Numbers) -> list[Any]:
    players = result.game.players
    d = result.disagreement
    return [
        Paragraph(
            f"Disagreement point ({d.source}): "
            + ", ".join(f"{p} {numbers.format(v)}" for p, v in zip(players, d.payoffs,
                                                                   strict=True)) + ". "
            "Feasible set: the convex hull of the pure outcomes' payoffs (lotteries over "
            "outcomes: correlated play is assumed), vertices "
            + ", ".join(_point_text(p, numbers) for p in result.feasible) + ". "
            "Bargaining set (feasible and at least the disagreement point): vertices "
            + ", ".join(_point_text(p, numbers) for p in result.bargaining_set) + "."
        )
    ]


def _lottery_text(result: Any, numbers: Numbers) -> str:
    if not result.lottery:
        return ""
    return " + ".join(
        f"{numbers.format(q)} ({', '.join(profile)})" for profile, q in result.lottery
    )


def format_bargaining(
    results: Sequence[Any],
    format: str = "text",
    *,
    decimals: int | None = None,
    title: str = "",
    model: str | None = None,
    parameters: Mapping[str, Fraction] | None = None,
    standalone: bool = False,
) -> str:
    """Bargaining solutions (same game and disagreement point) in one of the report formats.

    JSON: one solution's :meth:`~gametheory.concepts.BargainingResult.to_dict` (the contract),
    or ``{"solutions": [...]}`` for several.
    """
    numbers = Numbers(decimals)
    first = results[0]
    players = first.game.players
    rows = []
    for r in results:
        weights = "" if r.solution != "nash" else ":".join(format_fraction(w) if isinstance(
            w, Fraction) else str(w) for w in r.weights)
        rows.append((
            _NAMES[r.solution], weights,
            *(number_cell(v, numbers) for v in r.payoffs),
            _lottery_text(r, numbers),
        ))
    table = Table(
        ("solution", "weights", *(f"{p} payoff" for p in players), "as a lottery over outcomes"),
        tuple(rows), caption="Bargaining solutions",
    )
    blocks: list[Any] = [*_sets(first, numbers), table]
    notes = [r.message for r in results if r.message]
    if notes:
        blocks.append(Paragraph("Note: " + notes[0] + "."))
    dicts = [r.to_dict(decimals or 6) for r in results]
    data = context(dicts[0] if len(dicts) == 1 else {"solutions": dicts}, model, parameters)
    heading = (title or first.game.title or "Game") + ": bargaining"
    return finish_report(heading, blocks, parameters, data, format, decimals, standalone)


def format_rubinstein(
    result: Any,
    format: str = "text",
    *,
    decimals: int | None = None,
    title: str = "",
    model: str | None = None,
    parameters: Mapping[str, Fraction] | None = None,
    standalone: bool = False,
) -> str:
    """Rubinstein's alternating offers in one of the report formats.

    JSON: :meth:`~gametheory.concepts.RubinsteinResult.to_dict` (contract: ``shares``).
    """
    numbers = Numbers(decimals)
    players = result.game.players
    deltas = ", ".join(
        f"{p}: {number_cell(v, Numbers()) if isinstance(v, Fraction) else v}"
        for p, v in zip(players, result.discounts, strict=True)
    )
    blocks: list[Any] = [Paragraph(
        "Alternating offers with discount factors " + deltas + ". Subgame-perfect shares of a "
        "unit pie (Rubinstein 1982), by first mover:"
    )]
    blocks.append(Table(
        ("first mover", *(f"{p} share" for p in players)),
        tuple((players[k], *(number_cell(v, numbers) for v in result.shares[k]))
              for k in (0, 1)),
        caption="Subgame-perfect shares",
    ))
    if result.payoffs is not None:
        blocks += _sets_rubinstein(result, numbers)
        blocks.append(Table(
            ("first mover", *(f"{p} payoff" for p in players)),
            tuple((players[k], *result.payoffs[k]) for k in (0, 1)),
            caption="Subgame-perfect payoffs over the game's bargaining set",
        ))
    limit = number_cell(result.limit_share, numbers)
    text = (
        f"Limit of frequent offers (delta_i = exp(-r_i * period), period -> 0): the weighted "
        f"Nash solution with {players[0]}'s weight share ln d2 / (ln d1 + ln d2) = {limit}"
    )
    if result.limit_payoffs is not None:
        text += ", payoffs " + _point_text(result.limit_payoffs, numbers)
        if decimals is None:
            text += " = " + _point_text(result.limit_payoffs, Numbers(4))
    else:
        text += "; give both discount factors (--discount) for the payoffs over the game"
    blocks.append(Paragraph(text + "."))
    data = context(result.to_dict(decimals or 6), model, parameters)
    heading = (title or result.game.title or "Game") + ": alternating offers (Rubinstein)"
    return finish_report(heading, blocks, parameters, data, format, decimals, standalone)


def _sets_rubinstein(result: Any, numbers: Numbers) -> list[Any]:
    d = result.disagreement
    players = result.game.players
    return [Paragraph(
        f"Over the game: the Pareto frontier of the feasible set above the disagreement point "
        f"({d.source}: "
        + ", ".join(f"{p} {numbers.format(v)}" for p, v in zip(players, d.payoffs, strict=True))
        + "), correlated play and free disposal assumed; each responder is indifferent between "
        "accepting and proposing next period (Binmore, Rubinstein and Wolinsky 1986)."
    )]
