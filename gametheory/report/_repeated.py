"""The report of ``gametheory repeated``: critical discount factors and the folk-theorem set."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from ._concepts import context, finish_report
from ._document import Numbers, Paragraph, Table

__all__ = ["format_repeated"]


def format_repeated(
    result: Any,
    format: str = "text",
    *,
    decimals: int | None = None,
    title: str = "",
    model: str | None = None,
    parameters: Mapping[str, Fraction] | None = None,
    standalone: bool = False,
) -> str:
    """A :class:`~gametheory.concepts.RepeatedResult` in one of the report formats.

    JSON: :meth:`~gametheory.concepts.RepeatedResult.to_dict` (contract: ``outcomes`` with
    ``profile`` and ``critical_discount``).
    """
    numbers = Numbers(decimals)
    game = result.game
    kind = ("a stage Nash equilibrium: subgame-perfect" if result.subgame_perfect
            else "each player's minmax payoff: a Nash equilibrium of the repeated game, not "
            "subgame-perfect in general")
    if result.punishment == "minmax" and game.n_players > 2:
        kind += "; with more than two players, the pure minmax: the others punish with pure "
        kind += "strategies"
    blocks: list[Any] = [Paragraph(
        f"Grim trigger: play the outcome until someone deviates, then revert for ever to the "
        f"punishment ({result.punishment}, payoffs "
        + ", ".join(f"{p} {numbers.format(v)}" for p, v in zip(game.players,
                                                               result.punishment_payoffs,
                                                               strict=True))
        + f"; {kind}). The outcome is sustained for every discount factor at least the "
        "critical one; 'never': no discount factor below 1 sustains it."
    )]
    with_expr = any(o.expression is not None for o in result.outcomes)
    header = (*game.players, *(f"{p} payoff" for p in game.players), "critical discount",
              *(("closed form",) if with_expr else ()))
    rows = []
    for o in result.outcomes:
        row: tuple[Any, ...] = (
            *(game.strategies[i][k] for i, k in enumerate(o.profile)),
            *o.payoffs,
            "never" if o.critical_discount is None else o.critical_discount,
        )
        if with_expr:
            row += ("" if o.expression is None else str(o.expression),)
        rows.append(row)
    blocks.append(Table(header, tuple(rows), caption="Critical discount factors"))
    if with_expr:
        blocks.append(Paragraph(
            "Closed forms in the parameters hold where each player's best deviation and the "
            "binding player are those at the given values."
        ))
    if result.folk:
        blocks.append(Paragraph(
            "Folk theorem: minmax payoffs "
            + ", ".join(f"{p} {numbers.format(v)}" for p, v in zip(game.players, result.minmax,
                                                                   strict=True))
            + ". Feasible (lotteries over outcomes) and individually rational payoffs: the "
            "polygon with vertices "
            + ", ".join(f"({numbers.format(x)}, {numbers.format(y)})" for x, y in result.folk)
            + "; each of its points with both payoffs above the minmax is a subgame-perfect "
            "equilibrium payoff for discount factors close enough to 1."
        ))
    data = context(result.to_dict(), model, parameters)
    heading = (title or game.title or "Game") + ": repeated game"
    return finish_report(heading, blocks, parameters, data, format, decimals, standalone)
