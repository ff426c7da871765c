"""The report of ``gametheory analyze``: equilibria, Pareto, dominance, security, value."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

from ..numbers import format_fraction
from ._document import ALL_FORMATS, Document, Heading, Mix, Numbers, Paragraph, Table
from ._solve import (
    _components_text,
    _data_table,
    equilibria_table,
    equilibrium_json,
    game_bimatrix,
    no_equilibrium_text,
    parameters_text,
    root_footnotes,
    status_text,
)

__all__ = ["analysis_document", "analysis_json"]

_DISPLAY = ALL_FORMATS - {"csv"}


def _profile_text(game: Any, profile: Sequence[int]) -> str:
    return ", ".join(game.strategies[i][j] for i, j in enumerate(profile))


def _pareto_text(game: Any, report: Any) -> str:
    """Short verdict on one equilibrium's efficiency, naming what dominates it."""
    if report.dominated_by_equilibria:
        others = ", ".join(str(k + 1) for k in report.dominated_by_equilibria)
        noun = "equilibrium" if len(report.dominated_by_equilibria) == 1 else "equilibria"
        return f"no: {noun} {others}"
    if report.dominated_by_outcomes:
        return f"no: outcome ({_profile_text(game, report.dominated_by_outcomes[0])})"
    if report.dominated_by_mixture:
        return "no: a lottery over outcomes"
    if report.dominated_by_mixture is None:
        return "among outcomes; lotteries undetermined"
    return "yes"


def _mix(labels: Sequence[str], probabilities: Sequence[Fraction]) -> Mix:
    return Mix(tuple((p, s) for s, p in zip(labels, probabilities, strict=True) if p > 0))


def _dominator(step: Any) -> Mix:
    weights = [p for p in step.dominance.by if p > 0]
    return Mix(tuple(zip(weights, step.dominance.by_labels, strict=True)))


def _survivors(elimination: Any) -> str:
    reduced = elimination.game
    return "; ".join(
        f"{player}: {', '.join(labels)}"
        for player, labels in zip(reduced.players, reduced.strategies, strict=True)
    )


def _elimination_blocks(elimination: Any, strict: bool, label: str) -> list[Any]:
    kind = "strictly" if strict else "weakly"
    title = f"Iterated elimination of {kind} dominated strategies"
    if not elimination.steps:
        return [Paragraph(f"{title}: no strategy is {kind} dominated.", formats=_DISPLAY)]
    rows = tuple(
        (
            str(step.round),
            step.player,
            step.strategy,
            _dominator(step),
            "strictly" if step.dominance.strict else "weakly",
        )
        for step in elimination.steps
    )
    caption = title + ("" if strict else " (the result may depend on the order)")
    table = Table(
        ("round", "player", "deleted", "dominated by", "how"),
        rows,
        caption=caption,
        label=f"{label}-{kind}" if label else "",
        formats=_DISPLAY,
    )
    # CSV has no captions: say in a column which elimination a row belongs to.
    data = Table(
        ("elimination", *table.header),
        tuple(("strict" if strict else "weak", *row) for row in rows),
        formats=frozenset({"csv"}),
    )
    solvable = all(len(s) == 1 for s in elimination.game.strategies)
    survivors = "Surviving strategies: " + _survivors(elimination) + (
        " (a single profile: the game is dominance solvable)" if solvable and strict else ""
    )
    return [table, data, Paragraph(survivors + ".", formats=_DISPLAY)]


def _security_table(analysis: Any, label: str) -> Table:
    game = analysis.game
    rows = []
    for i, (pure, mixed) in enumerate(
        zip(analysis.security_pure, analysis.security_mixed, strict=True)
    ):
        labels = game.strategies[i]
        rows.append(
            (pure.player, pure.level, _mix(labels, pure.strategy), mixed.level,
             _mix(labels, mixed.strategy))
        )
    return Table(
        ("player", "pure level", "pure strategy", "mixed level", "mixed strategy"),
        tuple(rows),
        caption="What each player can guarantee whatever the others do (maximin)",
        label=f"{label}-security" if label else "",
    )


def _zero_sum_text(analysis: Any, numbers: Numbers) -> str:
    game, solution = analysis.game, analysis.zero_sum
    row, column = game.players
    kind = "zero-sum" if analysis.constant == 0 else (
        f"constant-sum (the payoffs add up to {numbers.format(analysis.constant)})"
    )
    x = _mix(game.strategies[0], solution.row_strategy)
    y = _mix(game.strategies[1], solution.column_strategy)
    from ._text import cell_text

    return (
        f"The game is {kind}: its value is {numbers.format(solution.value)} for {row} and "
        f"{numbers.format(analysis.constant - solution.value)} for {column}. Optimal "
        f"strategies: {row} {cell_text(x, numbers)}; {column} {cell_text(y, numbers)}."
    )


def analysis_document(
    analysis: Any,
    *,
    title: str = "",
    parameters: Mapping[str, Fraction] | None = None,
    numbers: Numbers | None = None,
    label: str = "",
) -> Document:
    """The report of an :class:`~gametheory.analysis.Analysis`."""
    numbers = numbers or Numbers()
    game, result = analysis.game, analysis.result
    title = title or game.title or "Game"
    blocks: list[Any] = [Heading(title)]
    caption = f"Payoffs ({', '.join(game.players)})"
    if parameters:
        caption += " at " + parameters_text(parameters)
    blocks.append(game_bimatrix(game, caption, label=f"{label}-payoffs" if label else ""))

    blocks.append(Heading("Equilibria", level=2, formats=_DISPLAY))
    pareto = [_pareto_text(game, r) for r in analysis.efficiency]
    if result.equilibria:
        blocks.append(
            equilibria_table(result, extra={"Pareto-efficient": pareto},
                             label=f"{label}-equilibria" if label else "")
        )
        footnotes = root_footnotes(result) if numbers.decimals is None else ""
        if footnotes:
            blocks.append(Paragraph(footnotes))
        components = _components_text(result)
        if components:
            blocks.append(Paragraph(components))
    else:
        blocks.append(Paragraph(no_equilibrium_text(result)))
    data = _data_table(result, numbers)
    blocks.append(
        data._replace(header=(*data.header, "Pareto-efficient"),
                      rows=tuple((*row, p) for row, p in zip(data.rows, pareto, strict=True)))
    )
    blocks.append(Paragraph(status_text(result)))

    blocks.append(Heading("Pareto efficiency", level=2, formats=_DISPLAY))
    outcomes = "; ".join(f"({_profile_text(game, p)})" for p in analysis.efficient_outcomes)
    blocks.append(
        Paragraph(
            "Pareto-efficient outcomes (no other outcome is at least as good for every player "
            f"and better for one): {outcomes}.",
            formats=_DISPLAY,
        )
    )
    blocks.append(
        Table(
            ("efficient outcome", *game.players, *(f"{p} payoff" for p in game.players)),
            tuple(
                (str(k + 1), *(game.strategies[i][j] for i, j in enumerate(p)),
                 *(Fraction(a[p]) for a in game.payoffs))
                for k, p in enumerate(analysis.efficient_outcomes)
            ),
            formats=frozenset({"csv"}),
        )
    )

    blocks.append(Heading("Dominance", level=2, formats=_DISPLAY))
    blocks += _elimination_blocks(analysis.strict, True, label)
    deleted = [(step.player, step.strategy) for step in analysis.strict.steps]
    if analysis.strict.steps and deleted == [(t.player, t.strategy) for t in analysis.weak.steps]:
        blocks.append(
            Paragraph(
                "Iterated elimination of weakly dominated strategies deletes the same "
                "strategies, in the same order.",
                formats=_DISPLAY,
            )
        )
        blocks.append(_elimination_blocks(analysis.weak, False, label)[1])
    else:
        blocks += _elimination_blocks(analysis.weak, False, label)

    blocks.append(Heading("Security levels", level=2, formats=_DISPLAY))
    blocks.append(_security_table(analysis, label))
    if analysis.zero_sum is not None:
        blocks.append(Heading("Value", level=2, formats=_DISPLAY))
        blocks.append(Paragraph(_zero_sum_text(analysis, numbers)))
    if getattr(analysis, "concepts", None) is not None:
        from ._summary import summary_blocks

        blocks += summary_blocks(analysis.concepts, result, numbers)
    return Document(tuple(blocks), title=title)


def _probabilities(labels: Sequence[str], sigma: Sequence[Fraction], numbers: Numbers) -> dict:
    return {s: numbers.format(p) for s, p in zip(labels, sigma, strict=True)}


def _elimination_json(elimination: Any, numbers: Numbers) -> dict[str, Any]:
    return {
        "steps": [
            {
                "round": step.round,
                "player": step.player,
                "strategy": step.strategy,
                "strict": step.dominance.strict,
                "dominated_by": {
                    s: numbers.format(p) for p, s in _dominator(step).parts
                },
            }
            for step in elimination.steps
        ],
        "surviving": {
            player: list(labels)
            for player, labels in zip(
                elimination.game.players, elimination.game.strategies, strict=True
            )
        },
    }


def analysis_json(
    analysis: Any,
    *,
    model: str | None = None,
    parameters: Mapping[str, Fraction] | None = None,
    numbers: Numbers | None = None,
) -> dict[str, Any]:
    """The JSON form of an analysis (``equilibria`` and ``components`` as for ``solve``)."""
    numbers = numbers or Numbers()
    game, result = analysis.game, analysis.result
    data: dict[str, Any] = {}
    if model is not None:
        data["model"] = model
    if parameters:
        data["parameters"] = {name: format_fraction(v) for name, v in parameters.items()}
    data.update(
        {
            "game": game.title,
            "players": list(game.players),
            "method": result.method,
            "status": result.status,
            "message": result.message,
            "equilibria": [equilibrium_json(eq, numbers) for eq in result.equilibria],
            "components": [c.to_dict() for c in result.components],
            "efficiency": [
                {
                    "equilibrium": r.equilibrium,
                    "dominated_by_equilibria": list(r.dominated_by_equilibria),
                    "dominated_by_outcomes": [
                        [game.strategies[i][j] for i, j in enumerate(p)]
                        for p in r.dominated_by_outcomes
                    ],
                    "dominated_by_lottery": r.dominated_by_mixture,
                }
                for r in analysis.efficiency
            ],
            "pareto_efficient_outcomes": [
                [game.strategies[i][j] for i, j in enumerate(p)]
                for p in analysis.efficient_outcomes
            ],
            "dominance": {
                "strict": _elimination_json(analysis.strict, numbers),
                "weak": _elimination_json(analysis.weak, numbers),
            },
            "security": {
                pure.player: {
                    "pure": {
                        "level": numbers.format(pure.level),
                        "strategy": _probabilities(game.strategies[i], pure.strategy, numbers),
                    },
                    "mixed": {
                        "level": numbers.format(mixed.level),
                        "strategy": _probabilities(game.strategies[i], mixed.strategy, numbers),
                    },
                }
                for i, (pure, mixed) in enumerate(
                    zip(analysis.security_pure, analysis.security_mixed, strict=True)
                )
            },
            "zero_sum": None
            if analysis.zero_sum is None
            else {
                "constant": numbers.format(analysis.constant),
                "value": {
                    game.players[0]: numbers.format(analysis.zero_sum.value),
                    game.players[1]: numbers.format(analysis.constant - analysis.zero_sum.value),
                },
                "strategies": {
                    game.players[0]: _probabilities(
                        game.strategies[0], analysis.zero_sum.row_strategy, numbers
                    ),
                    game.players[1]: _probabilities(
                        game.strategies[1], analysis.zero_sum.column_strategy, numbers
                    ),
                },
            },
        }
    )
    if getattr(analysis, "concepts", None) is not None:
        from ._summary import summary_json

        data["concepts"] = summary_json(analysis.concepts, numbers)
    return data
