"""Ranks against payoffs: where a player's payoffs do not order the outcomes as that player ranks them.

A model's ranks (its judgements of outcomes) and its payoffs must agree at the default values:
the loader reports a disagreement as a problem of the file, and an edit that makes one drops the
player's judgements (:meth:`~gametheory.models.Model.with_payoff`).
"""  # noqa: E501

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from ..errors import GameError
from ..numbers import format_fraction
from .judgements import profile_text

if TYPE_CHECKING:
    from .model import Model

__all__ = ["rank_problems"]


def rank_problems(model: Model) -> list[tuple[int, str, int]]:
    """Where a player's payoffs at the default values do not order outcomes as ranked.

    Returns ``(player index, message, outcome index)`` triples. A higher rank needs a strictly
    higher payoff, an equal rank an equal payoff. Outcomes whose payoff cannot be evaluated
    are skipped (that is reported elsewhere).
    """
    problems: list[tuple[int, str, int]] = []
    values = model._defaults
    for i, player in enumerate(model.players):
        ranked: dict[int, list[tuple[Fraction, int]]] = {}
        for k, outcome in enumerate(model.outcomes):
            judgement = outcome.judgement(player.name)
            if judgement is None:
                continue
            try:
                index = model.profile_index(outcome.profile)
                payoff = model.payoffs[i][index].evaluate(values)
            except GameError:
                continue
            ranked.setdefault(judgement.rank, []).append((payoff, k))
        previous: tuple[int, Fraction, int] | None = None
        for rank in sorted(ranked):
            group = ranked[rank]
            low, high = min(group), max(group)
            if low[0] != high[0]:
                problems.append(
                    (
                        i,
                        f"{player.name} ranks {_describe(model, low[1])} and "
                        f"{_describe(model, high[1])} equally ({rank}) but their payoffs differ "
                        f"({format_fraction(low[0])} and {format_fraction(high[0])}) at the "
                        "default values",
                        high[1],
                    )
                )
            if previous is not None and low[0] <= previous[1]:
                problems.append(
                    (
                        i,
                        f"{player.name} ranks {_describe(model, low[1])} above "
                        f"{_describe(model, previous[2])} ({rank} > {previous[0]}) but its "
                        f"payoff is not higher ({format_fraction(low[0])} <= "
                        f"{format_fraction(previous[1])}) at the default values",
                        low[1],
                    )
                )
            previous = (rank, high[0], high[1])
    return problems


def _describe(model: Model, k: int) -> str:
    return "outcome " + profile_text(model.outcomes[k].profile)
