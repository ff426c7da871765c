"""Reports of Bayesian games: the type-contingent payoff tables of a model, and Bayesian Nash
equilibria with each type's strategy, interim payoffs and ex-ante payoffs.

The JSON of a solve is :meth:`~gametheory.bayesian.bne.BayesianSolveResult.to_dict` with the
model name and parameter values, as for matrices and trees.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from ..numbers import format_fraction
from ._document import ALL_FORMATS, Document, Heading, Numbers, Paragraph, Table
from ._solve import parameters_text

__all__ = ["format_bayesian_model", "format_bayesian_solve"]


def _strategy_text(actions, row, numbers: Numbers) -> str:
    support = [(a, p) for a, p in zip(actions, row, strict=True) if p > 0]
    if len(support) == 1:
        return support[0][0]
    return " + ".join(f"{numbers.format(p)} {a}" for a, p in support)


def bayesian_solve_document(result, *, title: str = "",
                            parameters: Mapping[str, Fraction] | None = None,
                            numbers: Numbers | None = None) -> Document:
    """Equilibria (each type's strategy, ex-ante payoffs), then each type's interim payoff."""
    numbers = numbers or Numbers()
    game = result.game
    title = title or game.title or "Bayesian game"
    blocks: list[Any] = [Heading(title)]
    if parameters:
        blocks.append(Paragraph("At " + parameters_text(parameters) + "."))
    n = len(result.equilibria)
    header = ("#", *game.players, *(f"{p} ex ante" for p in game.players))
    rows = tuple(
        (str(k), *(" ".join(f"{t}:{_strategy_text(game.actions[i], row, numbers)}"
                            for t, row in zip(game.types[i], eq.strategy[i], strict=True))
                   for i in range(game.n_players)), *eq.ex_ante)
        for k, eq in enumerate(result.equilibria, start=1))
    if rows:
        blocks.append(Table(header, rows, caption=f"{n} Bayesian Nash equilibri"
                            f"{'um' if n == 1 else 'a'} (type:action)",
                            formats=ALL_FORMATS - {"csv"}))
        interim_header = ("#", *(f"{p}:{t}" for i, p in enumerate(game.players)
                                 for t in game.types[i]))
        interim = tuple(
            (str(k), *(u for row in eq.interim for u in row))
            for k, eq in enumerate(result.equilibria, start=1))
        blocks.append(Table(interim_header, interim, caption="Interim payoffs (per type)",
                            formats=ALL_FORMATS - {"csv"}))
        columns = [(i, k, j) for i in range(game.n_players) for k in range(len(game.types[i]))
                   for j in range(len(game.actions[i]))]
        csv_header = ("equilibrium", *(f"{game.players[i]}:{game.types[i][k]}:"
                                       f"{game.actions[i][j]}" for i, k, j in columns),
                      *(f"{p} ex ante" for p in game.players))
        csv_rows = tuple(
            (str(k), *(eq.strategy[i][t][j] for i, t, j in columns), *eq.ex_ante)
            for k, eq in enumerate(result.equilibria, start=1))
        blocks.append(Table(csv_header, csv_rows, formats=frozenset({"csv"})))
    else:
        blocks.append(Paragraph("No equilibrium was found."))
    status = f"Method {result.method}: " + result.message
    blocks.append(Paragraph(status if status.endswith(".") else status + "."))
    return Document(tuple(blocks), title=title)


def format_bayesian_solve(result, format: str = "text", *, decimals: int | None = None,
                          title: str = "", model: str | None = None,
                          parameters: Mapping[str, Fraction] | None = None,
                          standalone: bool = False) -> str:
    """A Bayesian solve as text, markdown, LaTeX, CSV or JSON."""
    from . import render

    numbers = Numbers(decimals)
    document = bayesian_solve_document(result, title=title, parameters=parameters,
                                       numbers=numbers)
    data: dict[str, Any] = {}
    if model is not None:
        data["model"] = model
    if parameters:
        data["parameters"] = {k: format_fraction(v) for k, v in parameters.items()}
    data.update(result.to_dict())
    return render(document, format, decimals=decimals, standalone=standalone, data=data)


def _payoff_tables(game, numbers: Numbers) -> list[Any]:
    blocks: list[Any] = []
    for prof in game.type_profiles():
        g = game.games[prof]
        caption = (f"Types {', '.join(f'{p}={t}' for p, t in zip(game.players, prof, strict=True))}"
                   f" (prior {numbers.format(game.prior[prof])}; payoffs "
                   f"{', '.join(game.players)})")
        if game.n_players == 2:
            header = (f"{game.players[0]} \\ {game.players[1]}", *game.actions[1])
            rows = tuple(
                (a, *(", ".join(numbers.format(u[r, c]) for u in g.payoffs)
                      for c in range(len(game.actions[1]))))
                for r, a in enumerate(game.actions[0]))
        else:
            header = (*game.players, *(f"{p} payoff" for p in game.players))
            rows = tuple(
                (*(game.actions[i][j] for i, j in enumerate(index)),
                 *(u[index] for u in g.payoffs))
                for index in itertools.product(*(range(len(a)) for a in game.actions)))
        blocks.append(Table(header, rows, caption=caption))
    return blocks


def format_bayesian_model(model, format: str = "text", *,
                          values: Mapping[str, Fraction] | None = None,
                          decimals: int | None = None, standalone: bool = False) -> str:
    """A Bayesian model: description, parameters, players' types and actions, the prior and
    the payoff table of every type profile."""
    from . import render

    numbers = Numbers(decimals)
    game = model.game(values or None)
    title = model.title or model.name
    blocks: list[Any] = [Heading(title)]
    if model.description:
        blocks.append(Paragraph(model.description))
    if model.parameters:
        vals = model.values(values or None)
        blocks.append(Table(("parameter", "value", "range", "description"), tuple(
            (p.name, numbers.format(vals[p.name]), p.range_text, p.description)
            for p in model.parameters.values()), caption="Parameters"))
    blocks.append(Table(("player", "types", "actions"), tuple(
        (p, ", ".join(f"{t} ({numbers.format(game.marginal(p, t))})" for t in game.types[i]),
         ", ".join(game.actions[i])) for i, p in enumerate(game.players)),
        caption="Players (type: prior probability)"))
    notes = {e.types: e for e in model.payoffs}
    for prof, table in zip(game.type_profiles(), _payoff_tables(game, numbers), strict=True):
        blocks.append(table)
        entry = notes.get(prof)  # the file's reasons for this table (ranks and passages)
        blocks.extend(Paragraph(f"{key.capitalize()}: {getattr(entry, key)}")
                      for key in ("why", "source") if entry and getattr(entry, key))
    if model.source:
        blocks.append(Paragraph("Source: " + model.source))
    data = {
        "title": title, "model": model.name,
        "players": [{"name": p, "types": list(game.types[i]), "actions": list(game.actions[i])}
                    for i, p in enumerate(game.players)],
        "prior": [{"types": list(t), "probability": format_fraction(q)}
                  for t, q in game.prior.items()],
        "payoffs": [{"types": list(t), "payoffs": {
            p: [[format_fraction(x) for x in row] for row in g.payoffs[i].tolist()]
            if game.n_players == 2 else None for i, p in enumerate(game.players)},
            **{k: getattr(notes[t], k) for k in ("why", "source")
               if t in notes and getattr(notes[t], k)}}
            for t, g in game.games.items()],
    }
    return render(Document(tuple(blocks), title=title), format, decimals=decimals,
                  standalone=standalone, data=data)
