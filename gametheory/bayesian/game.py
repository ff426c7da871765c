"""Bayesian games (games of incomplete information) with exact priors and payoffs.

Definitions used throughout :mod:`gametheory.bayesian`
-------------------------------------------------------
A *Bayesian game* (Harsanyi, 1967-68; Osborne, 2004, section 9.2) has players
:math:`1, \\dots, N`; for each player :math:`i` a finite set of *types* :math:`T_i` and a finite
set of *actions* :math:`A_i` (the same for every type of the player); a *prior*
:math:`p` over type profiles :math:`t = (t_1, \\dots, t_N) \\in T_1 \\times \\dots \\times T_N`
(exact fractions, non-negative, summing to 1; the *independent* shorthand gives one marginal per
player and the prior is their product); and for every type profile a strategic-form game with
payoffs :math:`u_i(t, a)` for the action profiles :math:`a`.

Each player learns its own type, not the others'. A type's *interim* belief is the prior
conditioned on it, :math:`p(t_{-i} \\mid t_i)`; every type must have positive marginal
probability so that it is defined. A (behaviour) *strategy* of player :math:`i` gives each of its
types a probability distribution over :math:`A_i`. A type's *interim payoff* is its expected
payoff under its interim belief; a player's *ex-ante payoff* is the prior-weighted average over
its types. A *Bayesian Nash equilibrium* is a strategy profile in which every type of every
player plays a best response to the others' strategies given its interim belief (equivalently,
for types of positive probability, every player maximises its ex-ante payoff).

Conversions (:mod:`.harsanyi`): :func:`~gametheory.bayesian.harsanyi.harsanyi_transform` gives
the tree with a chance move at the root that picks the type profile; its reduced strategic form
is the *ex-ante* (type-contingent) strategic form, whose strategies are plans naming one action
per type; the *type-agent* form (Selten, 1975) treats each type as a separate player.

Examples
--------
The battle of the sexes in which player 2 wishes to meet player 1 or to avoid it, each with
probability 1/2 (Osborne, 2004, example 9.2 / section 9.2.1):

>>> bos = {"B": {"B": (2, 1), "S": (0, 0)}, "S": {"B": (0, 0), "S": (1, 2)}}
>>> avoid = {"B": {"B": (2, 0), "S": (0, 2)}, "S": {"B": (0, 1), "S": (1, 0)}}
>>> g = BayesianGame.from_tables(
...     players=("1", "2"), actions=(("B", "S"), ("B", "S")),
...     types={"1": {"-": 1}, "2": {"meet": "1/2", "avoid": "1/2"}},
...     payoffs={("-", "meet"): bos, ("-", "avoid"): avoid})
>>> g
BayesianGame('', players=('1', '2'), types=(('-',), ('meet', 'avoid')))
>>> g.belief("2", "meet")
{('-',): Fraction(1, 1)}
>>> profile = {"1": {"-": {"B": 1}}, "2": {"meet": {"B": 1}, "avoid": {"S": 1}}}
>>> g.interim_payoff("2", "avoid", profile)
Fraction(2, 1)

References
----------
J. C. Harsanyi (1967-68), Games with incomplete information played by "Bayesian" players, parts
I-III, *Management Science* 14. M. J. Osborne (2004), *An Introduction to Game Theory*, Oxford
University Press, chapter 9. R. Selten (1975), Reexamination of the perfectness concept,
*International Journal of Game Theory* 4, 25-55.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from ..errors import GameValueError, did_you_mean
from ..game import Game
from ..numbers import to_fraction

__all__ = ["BayesianGame", "TypeProfile", "TypeStrategy"]

#: A type profile: one type label per player.
TypeProfile = tuple[str, ...]
#: A Bayesian strategy profile: player -> type -> action -> probability.
TypeStrategy = Mapping[str, Mapping[str, Mapping[str, Any]]]


class BayesianGame:
    """An immutable Bayesian game with an exact prior and exact payoffs.

    Build it with :meth:`from_tables` (see the module docstring for the definitions).

    Attributes
    ----------
    title : str
    players : tuple of str
    types : tuple of tuple of str
        Each player's type labels.
    actions : tuple of tuple of str
        Each player's action labels (the same for all its types).
    prior : dict
        Type profile -> exact probability, for every type profile (zeros included).
    games : dict
        Type profile -> :class:`~gametheory.game.Game` with the payoffs at that profile.
    """

    __slots__ = ("_actions", "_games", "_players", "_prior", "_title", "_types")

    def __init__(
        self, players: Sequence[str], types: Sequence[Sequence[str]],
        actions: Sequence[Sequence[str]], prior: Mapping[TypeProfile, Fraction],
        games: Mapping[TypeProfile, Game], title: str = "",
    ) -> None:
        # Internal: arguments are checked by from_tables.
        self._players = tuple(players)
        self._types = tuple(tuple(t) for t in types)
        self._actions = tuple(tuple(a) for a in actions)
        self._prior = dict(prior)
        self._games = dict(games)
        self._title = str(title)

    # ------------------------------------------------------------------ constructor
    @classmethod
    def from_tables(
        cls,
        players: Sequence[str],
        actions: Sequence[Sequence[str]],
        payoffs: Mapping[Sequence[str], Any],
        types: Mapping[str, Any] | None = None,
        prior: Mapping[Sequence[str], Any] | None = None,
        title: str = "",
    ) -> BayesianGame:
        """Build and check a Bayesian game.

        Parameters
        ----------
        players : sequence of str
        actions : sequence of sequence of str
            Each player's actions.
        payoffs : mapping
            Type profile (tuple of type labels, one per player) -> the game at that profile: a
            :class:`~gametheory.game.Game` with these players and actions, or a nested mapping
            ``{a_1: {a_2: ... (u_1, ..., u_N)}}`` keyed by action labels.
        types : mapping, optional
            The independent-prior shorthand: player -> {type: marginal probability}. Types are
            listed in this order.
        prior : mapping, optional
            A joint prior: type profile -> probability (missing profiles have probability 0).
            Give ``types`` or ``prior``; with ``prior`` alone, each player's types are listed in
            the order they first appear.
        title : str, optional

        Returns
        -------
        BayesianGame

        Raises
        ------
        GameValueError
            Naming the place: a prior that is negative or does not sum to 1, a type of
            probability 0, payoffs for an unknown type or missing for a type profile, a payoff
            table that does not match the actions.
        """
        players = tuple(str(p) for p in players)
        if len(set(players)) != len(players) or len(players) < 2:
            raise GameValueError("players must be distinct and at least two", key="players")
        if len(actions) != len(players):
            raise GameValueError(
                f"{len(players)} players need {len(players)} action lists", key="actions")
        acts = tuple(tuple(str(a) for a in row) for row in actions)
        for p, row in zip(players, acts, strict=True):
            if not row or len(set(row)) != len(row):
                raise GameValueError("actions must be distinct and at least one",
                                     key=f"actions.{p}")
        if (types is None) == (prior is None):
            raise GameValueError("give either independent types or a joint prior", key="prior")
        if types is not None:
            type_labels, joint = _independent(players, types)
        else:
            type_labels, joint = _joint(players, prior or {})
        total = sum(joint.values(), Fraction(0))
        if total != 1:
            raise GameValueError(f"the prior sums to {total}, not 1", key="prior")
        for i, p in enumerate(players):
            for t in type_labels[i]:
                if sum(q for prof, q in joint.items() if prof[i] == t) == 0:
                    raise GameValueError(
                        "type has probability 0 (its beliefs are undefined)",
                        key=f"types.{p}.{t}")
        games: dict[TypeProfile, Game] = {}
        for key, table in payoffs.items():
            prof = _type_key(key, players, type_labels)
            games[prof] = _table_game(table, players, acts, "payoffs." + ",".join(prof))
        for prof in itertools.product(*type_labels):
            if prof not in games:
                raise GameValueError("no payoffs for this type profile",
                                     key="payoffs." + ",".join(prof))
        return cls(players, type_labels, acts, joint, games, title)

    # ------------------------------------------------------------------ properties
    @property
    def title(self) -> str:
        return self._title

    @property
    def players(self) -> tuple[str, ...]:
        return self._players

    @property
    def n_players(self) -> int:
        return len(self._players)

    @property
    def types(self) -> tuple[tuple[str, ...], ...]:
        return self._types

    @property
    def actions(self) -> tuple[tuple[str, ...], ...]:
        return self._actions

    @property
    def prior(self) -> dict[TypeProfile, Fraction]:
        return dict(self._prior)

    @property
    def games(self) -> dict[TypeProfile, Game]:
        return dict(self._games)

    def type_profiles(self) -> tuple[TypeProfile, ...]:
        """Every type profile, in lexicographic order of the type lists."""
        return tuple(itertools.product(*self._types))

    def __repr__(self) -> str:
        return f"BayesianGame({self._title!r}, players={self._players!r}, types={self._types!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, BayesianGame):
            return NotImplemented
        return (self._players, self._types, self._actions, self._prior, self._title) == (
            other._players, other._types, other._actions, other._prior, other._title
        ) and all(self._games[k].same_payoffs(other._games[k]) for k in self._games)

    def __hash__(self) -> int:
        return hash((self._players, self._types, self._actions, self._title))

    def with_title(self, title: str) -> BayesianGame:
        return BayesianGame(self._players, self._types, self._actions, self._prior,
                            self._games, title)

    # ------------------------------------------------------------------ lookup
    def player_index(self, player: str) -> int:
        if player not in self._players:
            raise GameValueError(f"unknown player {player!r}", key="player",
                                 hint=did_you_mean(str(player), self._players))
        return self._players.index(player)

    def type_index(self, player: str, type_: str) -> int:
        i = self.player_index(player)
        if type_ not in self._types[i]:
            raise GameValueError(f"unknown type {type_!r}", key=f"types.{player}",
                                 hint=did_you_mean(str(type_), self._types[i]))
        return self._types[i].index(type_)

    def marginal(self, player: str, type_: str) -> Fraction:
        """The prior probability of a player's type."""
        i, _ = self.player_index(player), self.type_index(player, type_)
        return sum((q for t, q in self._prior.items() if t[i] == type_), Fraction(0))

    def belief(self, player: str, type_: str) -> dict[TypeProfile, Fraction]:
        """The type's interim belief: the others' type profiles (in player order, without the
        player) -> conditional probability, for profiles of positive probability."""
        i, m = self.player_index(player), self.marginal(player, type_)
        return {
            t[:i] + t[i + 1:]: q / m for t, q in self._prior.items() if t[i] == type_ and q
        }

    # ------------------------------------------------------------------ strategies and payoffs
    def strategy(self, value: TypeStrategy) -> tuple[tuple[tuple[Fraction, ...], ...], ...]:
        """Check and normalise a profile: per player, per type, one probability per action.

        Missing actions have probability 0; every type of every player must be given.
        """
        out = []
        for i, p in enumerate(self._players):
            if p not in value:
                raise GameValueError("no strategy given", key=p)
            rows = []
            for t in self._types[i]:
                if t not in value[p]:
                    raise GameValueError("no strategy given", key=f"{p}.{t}")
                probs = {a: Fraction(0) for a in self._actions[i]}
                for a, q in value[p][t].items():
                    if a not in probs:
                        raise GameValueError(f"unknown action {a!r}", key=f"{p}.{t}",
                                             hint=did_you_mean(str(a), self._actions[i]))
                    probs[a] = to_fraction(q, where=f"{p}.{t}.{a}")
                    if probs[a] < 0:
                        raise GameValueError("negative probability", key=f"{p}.{t}.{a}")
                if sum(probs.values()) != 1:
                    raise GameValueError("probabilities do not sum to 1", key=f"{p}.{t}")
                rows.append(tuple(probs.values()))
            out.append(tuple(rows))
        return tuple(out)

    def action_values(self, player: str, type_: str, value: TypeStrategy) -> tuple[Fraction, ...]:
        """The type's interim payoff of each of its actions against the others' strategies."""
        sigma = self.strategy(value)
        i, k = self.player_index(player), self.type_index(player, type_)
        return _action_values(self, sigma, i, k)

    def interim_payoff(self, player: str, type_: str, value: TypeStrategy) -> Fraction:
        """The type's expected payoff under its interim belief."""
        sigma = self.strategy(value)
        i, k = self.player_index(player), self.type_index(player, type_)
        values = _action_values(self, sigma, i, k)
        return sum((q * v for q, v in zip(sigma[i][k], values, strict=True)), Fraction(0))

    def ex_ante_payoff(self, player: str, value: TypeStrategy) -> Fraction:
        """The player's prior-weighted average of its types' interim payoffs."""
        i = self.player_index(player)
        return sum(
            (self.marginal(player, t) * self.interim_payoff(player, t, value)
             for t in self._types[i]), Fraction(0),
        )


def _action_values(
    game: BayesianGame, sigma: tuple[tuple[tuple[Fraction, ...], ...], ...], i: int, k: int
) -> tuple[Fraction, ...]:
    """Interim payoff of each action of player ``i``'s type ``k`` (normalised profile)."""
    t_i = game.types[i][k]
    weight = game.marginal(game.players[i], t_i)
    values = [Fraction(0)] * len(game.actions[i])
    for prof, q in game._prior.items():
        if prof[i] != t_i or not q:
            continue
        payoff = game._games[prof].payoffs[i]
        others = [
            sigma[j][game.types[j].index(prof[j])] for j in range(game.n_players) if j != i
        ]
        for rest in itertools.product(*(range(len(a)) for a in others)):
            w = q / weight
            for probs, a in zip(others, rest, strict=True):
                w *= probs[a]
            if not w:
                continue
            for a_i in range(len(values)):
                index = list(rest)
                index.insert(i, a_i)
                values[a_i] += w * payoff[tuple(index)]
    return tuple(values)


def _independent(
    players: tuple[str, ...], types: Mapping[str, Any]
) -> tuple[tuple[tuple[str, ...], ...], dict[TypeProfile, Fraction]]:
    for p in types:
        if p not in players:
            raise GameValueError(f"types for unknown player {p!r}", key=f"types.{p}",
                                 hint=did_you_mean(str(p), players))
    labels, marginals = [], []
    for p in players:
        if p not in types or not types[p]:
            raise GameValueError("no types given", key=f"types.{p}")
        row = {str(t): to_fraction(q, where=f"types.{p}.{t}") for t, q in types[p].items()}
        for t, q in row.items():
            if q < 0:
                raise GameValueError(f"negative probability {q}", key=f"types.{p}.{t}")
        total = sum(row.values(), Fraction(0))
        if total != 1:
            raise GameValueError(f"the type probabilities sum to {total}, not 1",
                                 key=f"types.{p}")
        labels.append(tuple(row))
        marginals.append(row)
    joint = {}
    for prof in itertools.product(*labels):
        q = Fraction(1)
        for row, t in zip(marginals, prof, strict=True):
            q *= row[t]
        joint[prof] = q
    return tuple(labels), joint


def _joint(
    players: tuple[str, ...], prior: Mapping[Sequence[str], Any]
) -> tuple[tuple[tuple[str, ...], ...], dict[TypeProfile, Fraction]]:
    labels: list[list[str]] = [[] for _ in players]
    given = {}
    for key, q in prior.items():
        prof = tuple(str(t) for t in ((key,) if isinstance(key, str) else key))
        where = "prior." + ",".join(prof)
        if len(prof) != len(players):
            raise GameValueError(f"expected {len(players)} types, got {len(prof)}", key=where)
        value = to_fraction(q, where=where)
        if value < 0:
            raise GameValueError(f"negative probability {value}", key=where)
        given[prof] = value
        for i, t in enumerate(prof):
            if t not in labels[i]:
                labels[i].append(t)
    type_labels = tuple(tuple(row) for row in labels)
    joint = {prof: given.get(prof, Fraction(0)) for prof in itertools.product(*type_labels)}
    return type_labels, joint


def _type_key(
    key: Any, players: tuple[str, ...], type_labels: tuple[tuple[str, ...], ...]
) -> TypeProfile:
    prof = tuple(str(t) for t in ((key,) if isinstance(key, str) else key))
    where = "payoffs." + ",".join(prof)
    if len(prof) != len(players):
        raise GameValueError(f"expected {len(players)} types, got {len(prof)}", key=where)
    for p, t, labels in zip(players, prof, type_labels, strict=True):
        if t not in labels:
            raise GameValueError(f"payoffs for unknown type {t!r} of {p}", key=where,
                                 hint=did_you_mean(t, labels))
    return prof


def _table_game(
    table: Any, players: tuple[str, ...], actions: tuple[tuple[str, ...], ...], where: str
) -> Game:
    if isinstance(table, Game):
        if table.players != players or table.strategies != actions:
            raise GameValueError("the game's players or actions differ from the Bayesian "
                                 "game's", key=where)
        return table
    shape = tuple(len(a) for a in actions)
    arrays = [np.empty(shape, dtype=object) for _ in players]
    for index in itertools.product(*(range(k) for k in shape)):
        cell: Any = table
        for i, j in enumerate(index):
            label = actions[i][j]
            if not isinstance(cell, Mapping) or label not in cell:
                raise GameValueError(f"no payoffs for action {label!r} of {players[i]}",
                                     key=where + "." + ".".join(
                                         actions[m][index[m]] for m in range(i + 1)))
            cell = cell[label]
        here = where + "." + ".".join(actions[i][j] for i, j in enumerate(index))
        if isinstance(cell, Mapping) or len(cell) != len(players):
            raise GameValueError(f"expected {len(players)} payoffs", key=here)
        for i, u in enumerate(cell):
            arrays[i][index] = to_fraction(u, where=here)
    return Game.from_arrays(*arrays, players=players, strategies=actions)
