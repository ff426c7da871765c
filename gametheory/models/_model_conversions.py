"""Conversions of a :class:`~gametheory.models.Model`: from a numeric game, and to a model file.

:meth:`Model.from_game <gametheory.models.Model.from_game>` and
:meth:`Model.to_toml <gametheory.models.Model.to_toml>` are defined here and bound in the class
body of :class:`~gametheory.models.Model`; the writer (deterministic to the byte, so that a
written file loads back to an equal model) uses :mod:`gametheory.models._toml_writer`.
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from typing import TYPE_CHECKING

import numpy as np

from ..errors import ModelError
from ..game import Game
from . import _toml_writer as toml
from ._judgements_file import judgements_toml
from ._parts import Player, Strategy, name_problem
from .expression import Expression, _Number, _number_node, _Unary
from .facts import facts_toml, outcome_facts_toml

if TYPE_CHECKING:
    from .model import Model

__all__ = ["from_game", "to_toml"]


def from_game(cls, game: Game, name: str = "game", path: str | None = None) -> Model:
    """A model without parameters or provenance holding a numeric game's payoffs.

    The game's strategy labels become the strategy ids; its title (or ``name``) the title.

    Examples
    --------
    >>> from gametheory.models import Model
    >>> g = Game.from_arrays([[1, -1], [-1, 1]], players=("Even", "Odd"))
    >>> m = Model.from_game(g, name="pennies")
    >>> m.title, m.strategy_ids, m.game().same_payoffs(g)
    ('pennies', (('1', '2'), ('1', '2')), True)
    """
    if game.n_players < 2:
        raise ModelError(f"a model needs two or more players, got {game.n_players}", key=name)
    for who, names in (("player", game.players), *(("strategy", s) for s in game.strategies)):
        for n in names:
            problem = name_problem(n)
            if problem:
                raise ModelError(f"{who} name {n!r} {problem}", key=name)
    players = tuple(
        Player(p, tuple(Strategy(s) for s in labels))
        for p, labels in zip(game.players, game.strategies, strict=True)
    )
    payoffs = []
    for array in game.payoffs:
        flat = [_number_node(Fraction(v)) for v in array.reshape(-1)]
        out = np.empty(len(flat), dtype=object)
        out[:] = flat
        payoffs.append(out.reshape(array.shape))
    return cls(
        name=name,
        title=game.title if game.title.strip() else (name if name.strip() else "game"),
        players=players,
        payoffs=tuple(payoffs),
        path=path,
    )


def to_toml(self) -> str:
    """The model as a complete model file (TOML), deterministic to the byte.

    Loading the text gives back an equal model.

    Examples
    --------
    >>> from gametheory import Game
    >>> from gametheory.models import Model
    >>> m = Model.from_game(Game.from_arrays([[1, "1/2"]], [[0, "-2.5"]]), name="tiny")
    >>> print(m.to_toml())
    [game]
    title = "tiny"
    <BLANKLINE>
    [[players]]
    name = "Row"
    strategies = ["1"]
    <BLANKLINE>
    [[players]]
    name = "Column"
    strategies = ["1", "2"]
    <BLANKLINE>
    [payoffs]
    Row = [
        [1, 0.5],
    ]
    Column = [
        [0, -2.5],
    ]
    <BLANKLINE>
    """
    return _write(self)


def _expression_toml(e: Expression) -> str:
    # Plain numbers are written bare (the loader reads them back to the same tree).
    if isinstance(e, _Number):
        return str(e)
    if (
        isinstance(e, _Unary)
        and e.op == "-"
        and isinstance(e.operand, _Number)
        and e.operand.value != 0
    ):
        return str(e)
    return toml.string(str(e))


def _nested(array: np.ndarray) -> str:
    if array.ndim == 1:
        return "[" + ", ".join(_expression_toml(e) for e in array) + "]"
    return "[" + ", ".join(_nested(sub) for sub in array) + "]"


def _write(m: Model) -> str:
    out: list[str] = ["[game]", f"title = {toml.string(m.title)}"]
    if m.description:
        out.append(f"description = {toml.text_block(m.description)}")
    if m.source:
        out.append(f"source = {toml.text_block(m.source)}")
    for p in m.parameters.values():
        out += ["", f"[parameters.{toml.key(p.name)}]", f"value = {toml.number(p.value)}"]
        if p.low is not None and p.high is not None:
            out.append(f"range = [{toml.number(p.low)}, {toml.number(p.high)}]")
        if p.description:
            out.append(f"description = {toml.text_block(p.description)}")
        if p.source:
            out.append(f"source = {toml.text_block(p.source)}")
    for player in m.players:
        out += ["", "[[players]]", f"name = {toml.string(player.name)}"]
        if player.description:
            out.append(f"description = {toml.text_block(player.description)}")
        if all(s.is_plain for s in player.strategies):
            out.append(f"strategies = {toml.value(list(player.ids))}")
            continue
        for s in player.strategies:
            out += ["", "[[players.strategies]]", f"id = {toml.string(s.id)}"]
            if s.label != s.id:
                out.append(f"label = {toml.string(s.label)}")
            if s.description:
                out.append(f"description = {toml.text_block(s.description)}")
            if s.source:
                out.append(f"source = {toml.text_block(s.source)}")
    out += ["", "[payoffs]"]
    names = m.player_names
    if len(names) == 2 or "table" in names:
        # One line per strategy of the first player.
        for player, array in zip(m.players, m.payoffs, strict=True):
            out.append(f"{toml.key(player.name)} = [")
            out += [f"    {_nested(row)}," for row in array]
            out.append("]")
    else:
        out.append("table = [")
        for index in itertools.product(*(range(n) for n in m.shape)):
            profile = toml.value([p.ids[j] for p, j in zip(m.players, index, strict=True)])
            values = ", ".join(_expression_toml(a[index]) for a in m.payoffs)
            out.append(f"    {{ profile = {profile}, values = [{values}] }},")
        out.append("]")
    for outcome in m.outcomes:
        out += ["", "[[outcomes]]", f"profile = {toml.value(list(outcome.profile))}"]
        for part in ("rank", "why", "source"):
            entries = [
                (j.player, getattr(j, part)) for j in outcome.judgements if getattr(j, part) != ""
            ]
            if not entries:
                continue
            out += ["", f"[outcomes.{'ranks' if part == 'rank' else part}]"]
            for player, v in entries:
                text = str(v) if part == "rank" else toml.text_block(v)
                out.append(f"{toml.key(player)} = {text}")
        out += outcome_facts_toml(outcome.facts)
    out += judgements_toml(m.judgements)
    out += facts_toml(m.facts)
    if m.cardinalisation or m.notes:
        out += ["", "[cardinalisation]"]
        if m.cardinalisation:
            out.append(f"rule = {toml.text_block(m.cardinalisation)}")
        if m.notes:
            out.append(f"notes = {toml.text_block(m.notes)}")
    return "\n".join(out) + "\n"
