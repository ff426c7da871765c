"""Reports of models: description, parameters, strategies, payoffs, and the rationale."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from ..models.facts import facts_text
from ._document import ALL_FORMATS, Bimatrix, Document, Expr, Heading, Numbers, Paragraph, Table
from ._solve import _nested_strings, game_bimatrix, parameters_text

__all__ = ["model_document", "model_json"]

_NOT_TEXT = ALL_FORMATS - {"text"}


def _range_text(parameter: Any, numbers: Numbers) -> str:
    low = "-oo" if parameter.low is None else numbers.format(parameter.low)
    high = "oo" if parameter.high is None else numbers.format(parameter.high)
    if parameter.low is None and parameter.high is None:
        return ""
    return f"[{low}, {high}]"


def _strategy_line(strategy: Any, explain: bool = False) -> str:
    label = strategy.label if strategy.label and strategy.label != strategy.id else ""
    parts = [p for p in (label, strategy.description) if p]
    if explain and strategy.source:
        parts.append(f"Source: {strategy.source}")
    return ": ".join([strategy.id, " ".join(_sentence(p) for p in parts)]) if parts else strategy.id


def _described(strategy: Any, explain: bool) -> str:
    """The description, with its source when explaining (kept in one column: tables stay narrow)."""
    if explain and strategy.source:
        return f"{_sentence(strategy.description)} Source: {strategy.source}".strip()
    return strategy.description


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in ".!?" else text + "."


def _is_parametric(model: Any) -> bool:
    return any(e.symbols for array in model.payoffs for e in array.reshape(-1))


def _expression_bimatrix(model: Any) -> Bimatrix:
    game_players = tuple(p.name for p in model.players)
    strategies = tuple(tuple(s.id for s in p.strategies) for p in model.players)
    payoffs: dict[tuple[int, ...], tuple[Expr, ...]] = {}
    shape = model.payoffs[0].shape
    import itertools

    for profile in itertools.product(*(range(k) for k in shape)):
        payoffs[profile] = tuple(Expr(str(a[profile]), a[profile]) for a in model.payoffs)
    return Bimatrix(
        players=game_players,
        strategies=strategies,
        payoffs=payoffs,
        caption="Payoffs as written in the model (expressions in the parameters)",
        formats=ALL_FORMATS - {"csv"},
    )


def _explain_blocks(model: Any, game: Any, numbers: Numbers) -> list[Any]:
    if not model.outcomes:
        return [Paragraph("The model gives no ranking of outcomes.", formats=ALL_FORMATS - {"csv"})]
    ranked = any(o.judgements for o in model.outcomes)
    lines = ["Rankings of the outcomes (rank 1 = worst), with the reasons given in the source"
             if ranked else "What happens in each outcome (the model ranks no outcome)"]
    rows = []
    for outcome in model.outcomes:
        payoff = game.payoff(outcome.profile)
        lines.append("  " + ", ".join(outcome.profile))
        if outcome.facts:
            lines.append("    facts: " + facts_text(outcome.facts))
        for judgement in outcome.judgements:
            value = payoff[game.player_index(judgement.player)]
            head = f"{judgement.player}: rank {judgement.rank}, payoff {numbers.format(value)}"
            why = _sentence(judgement.why) if judgement.why else ""
            source = f" [{judgement.source}]" if judgement.source else ""
            lines.append(f"    {head}. {why}{source}".rstrip())
            rows.append(
                (
                    ", ".join(outcome.profile),
                    judgement.player,
                    Fraction(judgement.rank),
                    value,
                    judgement.why,
                    judgement.source,
                )
            )
    table = Table(
        ("outcome", "player", "rank", "payoff", "why", "source"),
        tuple(rows),
        caption="Rankings of the outcomes (rank 1 = worst), with the reasons given in the source",
        label=f"{model.name}-rankings",
        formats=_NOT_TEXT,
    )
    return [Paragraph("\n".join(lines), formats=frozenset({"text"})),
            *([table] if rows else []), *_facts_blocks(model)]


def _facts_blocks(model: Any) -> list[Any]:
    """The outcomes' facts as a table (not in text, where they stand under each outcome) and
    the declared dominances."""
    facts = getattr(model, "facts", None)
    if not facts or not facts.dimensions:
        return []
    names = facts.names
    rows = tuple(
        (", ".join(o.profile), *(dict(o.facts).get(n, "") for n in names))
        for o in model.outcomes if o.facts
    )
    caption = "What happens in each outcome"
    # One column per fact where width is free; in LaTeX two columns, so that the page holds it.
    out: list[Any] = [
        Table(("outcome", *names), rows, caption=caption, label=f"{model.name}-facts",
              formats=frozenset({"markdown", "csv"})),
        Table(("outcome", "facts"),
              tuple((o[0], "; ".join(f"{n} {v}" for n, v in zip(names, o[1:], strict=True)))
                    for o in rows),
              caption=caption, label=f"{model.name}-facts", formats=frozenset({"latex"})),
    ]
    if facts.dominances:
        lines = ["Declared dominances (checked against the ranks by gametheory validate)"]
        lines += [f"  {d}" + (f" [{d.source}]" if d.source else "") for d in facts.dominances]
        out.append(Paragraph("\n".join(lines), formats=ALL_FORMATS - {"csv"}))
    return out


def model_document(
    model: Any,
    *,
    values: Mapping[str, Fraction] | None = None,
    explain: bool = False,
    numbers: Numbers | None = None,
) -> Document:
    """The report of a model (``gametheory show``)."""
    numbers = numbers or Numbers()
    values = dict(model.values(values)) if model.parameters else {}
    game = model.game(values) if values else model.game()
    title = model.title or model.name
    blocks: list[Any] = [Heading(title)]
    if model.description:
        blocks.append(Paragraph(model.description.strip()))
    if model.source:
        blocks.append(Paragraph("Source: " + model.source.strip()))
    if model.parameters:
        rows = tuple(
            (p.name, values[p.name], _range_text(p, numbers), p.description)
            for p in model.parameters.values()
        )
        blocks.append(
            Table(("parameter", "value", "range", "meaning"), rows, caption="Parameters",
                  label=f"{model.name}-parameters", formats=_NOT_TEXT)
        )
        lines = ["Parameters"]
        for p in model.parameters.values():
            bounds = _range_text(p, numbers)
            head = f"{p.name} = {numbers.format(values[p.name])}"
            if values[p.name] != p.value:
                head += f" (default {numbers.format(p.value)})"
            head += f", range {bounds}" if bounds else ""
            lines.append(f"  {head}: {_sentence(p.description)}" if p.description else "  " + head)
        blocks.append(Paragraph("\n".join(lines), formats=frozenset({"text"})))
    strategy_lines = []
    for player in model.players:
        if all(_strategy_line(s, explain) == s.id for s in player.strategies):
            strategy_lines.append(f"{player.name} chooses: " + ", ".join(player.ids))
        else:
            strategy_lines.append(f"{player.name} chooses")
            strategy_lines += ["  " + _strategy_line(s, explain) for s in player.strategies]
    blocks.append(Paragraph("\n".join(strategy_lines), formats=frozenset({"text"})))
    blocks.append(
        Table(
            ("player", "strategy", "label", "description"),
            tuple(
                (player.name, s.id, s.label, _described(s, explain))
                for player in model.players
                for s in player.strategies
            ),
            caption="Strategies",
            label=f"{model.name}-strategies",
            formats=_NOT_TEXT - {"csv"},
        )
    )
    caption = f"Payoffs ({', '.join(game.players)})"
    if values:
        caption += " at " + parameters_text(values)
    blocks.append(game_bimatrix(game, caption, label=f"{model.name}-payoffs", csv=True))
    if _is_parametric(model):
        blocks.append(_expression_bimatrix(model))
    if model.cardinalisation:
        blocks.append(Paragraph("Cardinalisation: " + model.cardinalisation.strip()))
    if model.notes:
        blocks.append(Paragraph("Notes: " + model.notes.strip()))
    if explain:
        blocks += _explain_blocks(model, game, numbers)
    return Document(tuple(blocks), title=title)


def model_json(
    model: Any, *, values: Mapping[str, Fraction] | None = None, numbers: Numbers | None = None
) -> dict[str, Any]:
    """The JSON form of a model: its data, payoff expressions and numeric payoffs."""
    numbers = numbers or Numbers()
    values = dict(model.values(values)) if model.parameters else {}
    game = model.game(values) if values else model.game()
    return {
        "name": model.name,
        "title": model.title,
        "description": model.description,
        "source": model.source,
        "parameters": {
            p.name: {
                "value": numbers.format(values[p.name]),
                "default": numbers.format(p.value),
                "range": None
                if p.low is None and p.high is None
                else [
                    None if p.low is None else numbers.format(p.low),
                    None if p.high is None else numbers.format(p.high),
                ],
                "description": p.description,
                "source": p.source,
            }
            for p in model.parameters.values()
        },
        "players": [
            {
                "name": player.name,
                "strategies": [
                    {"id": s.id, "label": s.label, "description": s.description,
                     "source": s.source}
                    for s in player.strategies
                ],
            }
            for player in model.players
        ],
        "expressions": {
            player.name: _nested_strings(array.tolist(), str)
            for player, array in zip(model.players, model.payoffs, strict=True)
        },
        "payoffs": {
            name: _nested_strings(array.tolist(), numbers.format)
            for name, array in zip(game.players, game.payoffs, strict=True)
        },
        "outcomes": [
            {
                "profile": list(outcome.profile),
                "judgements": [
                    {"player": j.player, "rank": j.rank, "why": j.why, "source": j.source}
                    for j in outcome.judgements
                ],
                **({"facts": dict(outcome.facts)} if outcome.facts else {}),
            }
            for outcome in model.outcomes
        ],
        "cardinalisation": model.cardinalisation,
        "notes": model.notes,
    }
