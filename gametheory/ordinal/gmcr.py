"""Stability in the graph model for conflict resolution: Nash, GMR, SMR, SEQ, coalitions.

Definitions (Fang, Hipel and Kilgour 1993, *Interactive Decision Making*, section 3.2;
Kilgour and Hipel 2005, Table 1), for player :math:`i` at state :math:`s`, with
:math:`N - i` the other players as a coalition (see :mod:`.graph`):

Nash (rational)
    :math:`R_i^+(s) = \\emptyset`: :math:`i` has no unilateral improvement.
General metarational (GMR)
    every :math:`s_1 \\in R_i^+(s)` is *sanctioned*: some :math:`s_2 \\in R_{N-i}(s_1)` has
    :math:`s_2 \\preceq_i s`.
Symmetric metarational (SMR)
    every :math:`s_1 \\in R_i^+(s)` has some :math:`s_2 \\in R_{N-i}(s_1)` with
    :math:`s_2 \\preceq_i s` and :math:`s_3 \\preceq_i s` for every :math:`s_3 \\in R_i(s_2)`
    (:math:`i`'s counter-response cannot escape the sanction).
Sequential (SEQ)
    every :math:`s_1 \\in R_i^+(s)` has some :math:`s_2 \\in R_{N-i}^+(s_1)` with
    :math:`s_2 \\preceq_i s` (the sanction is made of the others' own improvements).

A state is an *equilibrium* under a concept when it is stable for every player. Nash stability
implies the other three; SMR and SEQ each imply GMR (Fang et al. 1993, section 3.3).

Coalition stability (Kilgour, Hipel, Fang and Peng 2001, "Coalition analysis in group
decision support", *Group Decision and Negotiation* 10, 159-175): a coalition :math:`H` has a
*coalitional improvement* from :math:`s` when some :math:`t \\in R_H(s)` is strictly better than
:math:`s` for every member. Here: for every coalition of two players, whether it has none
(coalition-Nash stability for that pair), and its coalition Nash, GMR, SMR and SEQ stability
as defined in :mod:`.coalition` (Inohara and Hipel 2008).

Sanctions by several players: by the definition, the others sanction a move by any legal
sequence of their moves (:math:`R_{N-i}`, :math:`R^+_{N-i}`). ``single=True`` restricts
sanctions to one move by one other player, which reproduces the stability results that
GMCR+ (the graph model program of Hipel's group, onp/gmcr-py) stores for its Garrison example.
With two players the two agree; with more, the definition finds at least as many sanctions,
so at least as many GMR, SMR and SEQ stable states.

Everything is exact: only comparisons of integer ranks.

Examples
--------
>>> from gametheory import Game
>>> from gametheory.ordinal.graph import graph_model
>>> pd = Game.from_arrays([[3, 1], [4, 2]], [[3, 4], [1, 2]],
...                       strategies=(("C", "D"), ("C", "D")))
>>> result = stability(graph_model(pd))
>>> result.equilibria["nash"], result.equilibria["gmr"], result.equilibria["seq"]
((3,), (0, 3), (0, 3))
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .coalition import COALITION_CONCEPTS, coalition_stability
from .graph import GraphModel, _others, _pairs

__all__ = ["CONCEPTS", "StabilityResult", "StateStability", "is_stable", "stability"]

#: The stability concepts, in the order they are reported.
CONCEPTS = ("nash", "gmr", "smr", "seq")


def _worse_or_equal(model: GraphModel, i: int, t: int, s: int) -> bool:
    return model.ranks[i][t] <= model.ranks[i][s]


def _improvements(model: GraphModel, i: int, s: int) -> list[int]:
    return sorted(t for t in model.moves[i][s] if model.ranks[i][t] > model.ranks[i][s])


def is_stable(
    model: GraphModel, state: int, player: int, concept: str, single: bool = False
) -> bool:
    """Whether ``state`` is stable for ``player`` under ``concept`` (one of :data:`CONCEPTS`).

    ``single``: sanctions are single moves by one other player, instead of the definition's
    sequences of moves by the other players; the two agree for two players.

    Raises
    ------
    ValueError
        For an unknown concept.
    """
    if concept not in CONCEPTS:
        raise ValueError(f"unknown stability concept {concept!r}; expected one of {CONCEPTS}")
    i, s = player, state
    improvements = _improvements(model, i, s)
    if concept == "nash" or not improvements:
        return not improvements
    others = _others(model, i)
    for s1 in improvements:
        if concept == "seq":
            responses = model.reachable(others, s1, improving=True, single=single)
        else:
            responses = model.reachable(others, s1, single=single)
        sanctioned = False
        for s2 in responses:
            if not _worse_or_equal(model, i, s2, s):
                continue
            if concept == "smr" and any(
                not _worse_or_equal(model, i, s3, s) for s3 in model.moves[i][s2]
            ):
                continue
            sanctioned = True
            break
        if not sanctioned:
            return False
    return True


def _coalition_stable(model: GraphModel, state: int, coalition: tuple[int, ...]) -> bool:
    """No state the coalition reaches is strictly better for each of its members."""
    for t in model.reachable(coalition, state):
        if all(model.ranks[i][t] > model.ranks[i][state] for i in coalition):
            return False
    return True


@dataclass(frozen=True)
class StateStability:
    """The stability of one state.

    Attributes
    ----------
    state : int
        Its index in the model.
    by_player : dict of str to tuple of bool
        For each concept (:data:`CONCEPTS`), whether the state is stable for each player.
    coalitions : dict of tuple of int to bool
        For each coalition of two players (indices), whether it has no coalitional
        improvement from this state.
    coalition_concepts : dict of tuple of int to dict of str to bool
        For each coalition of two players, its stability under each of
        :data:`~.coalition.COALITION_CONCEPTS` (:mod:`.coalition`).
    """

    state: int
    by_player: dict[str, tuple[bool, ...]]
    coalitions: dict[tuple[int, int], bool]
    coalition_concepts: dict[tuple[int, int], dict[str, bool]] = field(default_factory=dict)

    def stable(self, concept: str) -> bool:
        """Stable for every player under ``concept``: an equilibrium."""
        return all(self.by_player[concept])


@dataclass(frozen=True)
class StabilityResult:
    """Every state's stability for every player under every concept, and the equilibria.

    Attributes
    ----------
    model : GraphModel
    states : tuple of StateStability
        One per state, in the model's order.
    equilibria : dict of str to tuple of int
        For each concept, the states stable for every player.
    """

    model: GraphModel
    states: tuple[StateStability, ...]
    equilibria: dict[str, tuple[int, ...]]

    def to_dict(self) -> dict[str, Any]:
        """State labels, stability per concept (every player and per player), equilibria."""
        m = self.model
        return {
            "stability": [
                {
                    "state": m.labels[st.state],
                    **{c: st.stable(c) for c in CONCEPTS},
                    "players": {
                        p: {c: st.by_player[c][i] for c in CONCEPTS}
                        for i, p in enumerate(m.players)
                    },
                }
                for st in self.states
            ],
            "equilibria": {c: [m.labels[s] for s in self.equilibria[c]] for c in CONCEPTS},
        }


def stability(model: GraphModel, single: bool = False) -> StabilityResult:
    """Nash, GMR, SMR and SEQ stability of every state for every player; coalitions of two.

    Parameters
    ----------
    model : GraphModel
    single : bool
        Sanctions are single moves by one other player, rather than every legal sequence of
        moves by the others (the definition, the default). The two agree for two players.

    Returns
    -------
    StabilityResult

    References
    ----------
    Fang, Hipel and Kilgour (1993), section 3.2 (definitions) and section 3.3 (implications);
    Kilgour, Hipel, Fang and Peng (2001) for coalitional improvements; Inohara and Hipel
    (2008) for the coalition concepts (:mod:`.coalition`).
    """
    n = len(model.players)
    states = []
    for s in range(model.n_states):
        by_player = {
            c: tuple(is_stable(model, s, i, c, single) for i in range(n)) for c in CONCEPTS
        }
        coalitions = {pair: _coalition_stable(model, s, pair) for pair in _pairs(n)}
        # Coalition Nash implies the other three, and with two players (nobody outside the
        # pair to sanction) it is all of them: only the remaining cases are checked.
        concepts = {
            pair: dict.fromkeys(COALITION_CONCEPTS, coalitions[pair])
            if coalitions[pair] or n == 2 else coalition_stability(model, s, pair)
            for pair in _pairs(n)
        }
        states.append(StateStability(s, by_player, coalitions, concepts))
    equilibria = {c: tuple(st.state for st in states if st.stable(c)) for c in CONCEPTS}
    return StabilityResult(model, tuple(states), equilibria)
