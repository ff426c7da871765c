"""Edits of a :class:`~gametheory.models.Model`: each returns a new model.

The methods :meth:`Model.with_payoff <gametheory.models.Model.with_payoff>` and
:meth:`Model.with_values <gametheory.models.Model.with_values>` are defined here and bound in the
class body of :class:`~gametheory.models.Model`. An edited model still satisfies the loader's
checks: a player whose payoffs no longer order the ranked outcomes as ranked loses the judgements
(:func:`_reconciled`), with a note.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ..errors import ModelError
from ._judgements_file import contradicted_players, without_players
from ._parts import Outcome
from ._ranks import rank_problems
from ._toml_lines import format_key
from .expression import parse_expression
from .facts import broken_dominance_players, without_dominances_of

if TYPE_CHECKING:
    from .model import Model

__all__ = ["with_payoff", "with_values"]


def with_payoff(
    self,
    player: str | None,
    profile_ids: Sequence[str],
    expression_text: Any,
) -> Model:
    """A new model with one payoff (or a whole cell) replaced.

    Parameters
    ----------
    player : str or None
        The player whose payoff changes; ``None`` replaces every player's payoff in the
        cell, and then ``expression_text`` is a list or tuple with one entry per player.
    profile_ids : sequence of str
        The cell: one strategy id per player.
    expression_text : str, number, or sequence of them
        The new payoff: a number or an expression in the model's parameters, parsed with
        the same whitelist as model files.

    Returns
    -------
    Model
        If the new payoffs contradict a player's ranks (at the default values), that
        player's judgements are dropped, with a note in :attr:`notes`.

    Raises
    ------
    ModelError
        For an unknown player or strategy id (with the closest valid one), a bad
        expression, or a payoff that cannot be evaluated at the default values.

    Examples
    --------
    >>> from gametheory.models import load_model
    >>> m = load_model("tests/data/models/parameter.toml")
    >>> m.with_payoff("Row", ["r2", "c2"], "c / 2").game().payoff(("r2", "c2"))
    (Fraction(1, 2), Fraction(1, 1))
    >>> m.with_payoff(None, ["r1", "c1"], ["1", "2*c"]).game().payoff(("r1", "c1"))
    (Fraction(1, 1), Fraction(2, 1))
    >>> m.with_payoff("Row", ["r2", "cc2"], "1")
    Traceback (most recent call last):
    ...
    gametheory.errors.ModelError: unknown strategy 'cc2' of Column (did you mean 'c2'?)
    """
    index = self.profile_index(profile_ids)
    if player is None:
        if not isinstance(expression_text, (list, tuple)) or len(expression_text) != len(
            self.players
        ):
            raise ModelError(
                f"a whole cell takes {len(self.players)} payoffs, one per player "
                f"({', '.join(self.player_names)})"
            )
        targets = list(range(len(self.players)))
        texts = list(expression_text)
    else:
        targets = [self.player_index(player)]
        texts = [expression_text]
    arrays = [a.copy() for a in self.payoffs]
    for i, text in zip(targets, texts, strict=True):
        key = format_key(("payoffs", self.players[i].name, *index))
        expression = parse_expression(text, self.parameters, where=key)
        try:
            expression.evaluate(self._defaults)
        except ModelError as exc:
            raise ModelError(f"{exc.message} (the default values)", key=key) from None
        arrays[i][index] = expression
    edited = dataclasses.replace(self, payoffs=tuple(arrays))
    return edited._reconciled()


def with_values(self, overrides: Mapping[str, str | Fraction | int]) -> Model:
    """A new model whose parameters have other default values.

    Raises
    ------
    ModelError
        As :meth:`values`, or if a payoff cannot be evaluated at the new values.

    Examples
    --------
    >>> from gametheory.models import load_model
    >>> m = load_model("tests/data/models/parameter.toml").with_values({"c": "1/2"})
    >>> m.parameters["c"].value, m.game().payoff(("r1", "c2"))
    (Fraction(1, 2), (Fraction(1, 2), Fraction(0, 1)))
    """
    values = self.values(overrides)
    parameters = {
        name: dataclasses.replace(p, value=values[name]) for name, p in self.parameters.items()
    }
    edited = dataclasses.replace(self, parameters=parameters)
    edited.game()  # a payoff that cannot be evaluated at the new defaults is an error
    return edited._reconciled()


def _reconciled(self) -> Model:
    """This model, without the judgements of players whose payoffs contradict them."""
    broken = sorted(
        {i for i, _, _ in rank_problems(self)}
        | {self.player_index(p) for p in contradicted_players(self)}
        | {self.player_index(p) for p in broken_dominance_players(self)}
    )
    if not broken:
        return self
    names = [self.players[i].name for i in broken]
    outcomes = []
    for outcome in self.outcomes:
        kept = tuple(j for j in outcome.judgements if j.player not in names)
        if kept or outcome.facts:
            outcomes.append(Outcome(outcome.profile, kept, outcome.facts))
    note = (
        f"Edited: the judgements of {', '.join(names)} were removed because the edited "
        "payoffs no longer order the ranked outcomes as ranked (or break a declared "
        "dominance among facts, which was removed too)."
    )
    notes = f"{self.notes}\n\n{note}" if self.notes else note
    judgements = without_players(self.judgements, names)
    return dataclasses.replace(
        self, outcomes=tuple(outcomes), notes=notes, judgements=judgements,
        facts=without_dominances_of(self.facts, names),
    )
