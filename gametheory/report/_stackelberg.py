"""The report of ``gametheory stackelberg``: each leader's commitments and their value."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

from ._concepts import context, finish_report, mix
from ._document import Numbers, Paragraph, Table

__all__ = ["format_stackelberg"]


def _table(result: Any) -> Table:
    game = result.game
    leader, follower = game.players[result.leader], game.players[result.follower]
    rows = []
    for name, c in (("pure, strong", result.pure), ("pure, weak", result.pure_weak),
                    ("mixed, strong", result.mixed), ("mixed, weak", result.mixed_weak)):
        rows.append((
            name,
            mix(game.strategies[result.leader], c.strategy),
            game.strategies[result.follower][c.follower],
            c.payoffs[0],
            c.payoffs[1],
            "yes" if c.attained else "no (supremum)",
        ))
    return Table(
        ("commitment", f"{leader} commits to", f"{follower} plays", f"{leader} payoff",
         f"{follower} payoff", "attained"),
        tuple(rows),
        caption=f"{leader} leads, {follower} follows",
    )


def _summary(result: Any, numbers: Numbers) -> str:
    leader = result.game.players[result.leader]
    text = (
        f"{leader}'s best Nash equilibrium payoff: {numbers.format(result.best_nash)}. "
        f"Value of commitment (strong, mixed): {numbers.format(result.value_of_commitment)}; "
        f"with pure commitment only: {numbers.format(result.value_of_pure_commitment)}."
    )
    if result.message:
        text += " Note: " + result.message + "."
    mixed = result.closed_forms.get("mixed")
    if mixed is not None:
        game = result.game
        labels = game.strategies[result.leader]
        strategy = " + ".join(
            f"({e}) {label}" for e, label in zip(mixed[0], labels, strict=True) if e != 0
        )
        text += (
            f" In the parameters (where the same reply and tight constraints stay optimal): "
            f"{leader} commits to {strategy}, for a payoff of {mixed[1]}."
        )
    return text


def format_stackelberg(
    results: Sequence[Any],
    format: str = "text",
    *,
    decimals: int | None = None,
    title: str = "",
    model: str | None = None,
    parameters: Mapping[str, Fraction] | None = None,
    standalone: bool = False,
) -> str:
    """Stackelberg results (one per leader) in one of the report formats.

    JSON: ``{"stackelberg": [result.to_dict(), ...]}`` (exact numbers), with the model and
    parameters.
    """
    numbers = Numbers(decimals)
    blocks: list[Any] = [Paragraph(
        "The leader commits to a strategy, the follower sees it and best responds; strong: the "
        "follower breaks ties in the leader's favour, weak: against it (Conitzer and Sandholm "
        "2006; von Stengel and Zamir 2010). Exact, each LP optimum certified by duality."
    )]
    for result in results:
        blocks.append(_table(result))
        blocks.append(Paragraph(_summary(result, numbers)))
    data = context({"stackelberg": [r.to_dict() for r in results]}, model, parameters)
    game = results[0].game
    heading = (title or game.title or "Game") + ": commitment (Stackelberg)"
    return finish_report(heading, blocks, parameters, data, format, decimals, standalone)
