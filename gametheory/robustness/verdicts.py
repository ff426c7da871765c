"""Verdicts from the ranks alone, exact, over every admissible reading of a model.

A *reading* gives each player one of its admissible orders of the outcomes (the orders that
agree with every comparison the model settles, :mod:`gametheory.models.judgements`). What a
reading decides without any numbers:

- a pure profile :math:`s` is a Nash equilibrium exactly when, for every player :math:`i` and
  every deviation :math:`t_i`, :math:`s` is at least as good for :math:`i` as
  :math:`(t_i, s_{-i})`. Since the players' orders are independent, :math:`s` is an
  equilibrium in *every* reading when each of these comparisons is settled (or a stated tie),
  in *some* reading when none of them is settled the other way, and the exact share of
  readings in which it is one is the product over the players of the share of that player's
  admissible orders that put :math:`s` above all its deviations (counted by
  :mod:`.orders`);
- these comparisons are what the equilibrium *rests on*: it holds exactly when all of them
  hold, and reversing any one of them removes it. Each is settled (in every reading) or open;
- strategy :math:`a` strictly dominates :math:`b` in every reading when every outcome of
  :math:`a` is settled better than the matching outcome of :math:`b` (dominance by pure
  strategies: dominance by mixtures depends on the numbers);
- an outcome is Pareto-efficient in every reading when every other outcome is settled worse
  for some player (or tied for all), and in no reading when another outcome is settled at
  least as good for every player and better for one.

Everything is exact (integers and fractions).

Examples
--------
>>> from gametheory.models import load_model
>>> v = rank_verdicts(load_model("tests/data/models/open_judgement.toml"))
>>> v.orders
{'Row': 2, 'Column': 1}
>>> [(o.profile, o.always, o.never) for o in v.outcomes]
[((0, 0), True, False), ((0, 1), False, True), ((1, 0), False, True), ((1, 1), True, False)]
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..errors import ModelError
from ..models.judgements import Comparison, PlayerOrder, player_order, profile_text
from .orders import AdmissibleOrders

__all__ = [
    "Dominance",
    "OutcomeVerdict",
    "RankVerdicts",
    "RestsOn",
    "player_orders",
    "rank_verdicts",
    "verdicts_if_ranked",
]


@dataclass(frozen=True)
class RestsOn:
    """A comparison a pure equilibrium rests on: ``player`` prefers ``better`` to ``worse``."""

    player: str
    better: tuple[str, ...]
    worse: tuple[str, ...]
    settled: bool
    source: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "player": self.player,
            "better": list(self.better),
            "worse": list(self.worse),
            "settled": self.settled,
        }

    def __str__(self) -> str:
        state = "settled" if self.settled else "open"
        return f"{self.player}: {profile_text(self.better)} > {profile_text(self.worse)} ({state})"


@dataclass(frozen=True)
class OutcomeVerdict:
    """The rank-only verdict on one pure profile.

    Attributes
    ----------
    profile : tuple of int
        Strategy indices.
    ids : tuple of str
        Strategy ids.
    always, never : bool
        A pure equilibrium in every / in no admissible reading.
    share : Fraction
        The exact share of readings (profiles of admissible orders, each equally likely) in
        which it is a pure equilibrium.
    rests_on : tuple of RestsOn
        For an equilibrium in some reading: the comparisons it rests on; else empty.
    efficient : str
        ``"always"``, ``"never"`` or ``"depends"``: Pareto-efficient in every / no reading.
    """

    profile: tuple[int, ...]
    ids: tuple[str, ...]
    always: bool
    never: bool
    share: Fraction
    rests_on: tuple[RestsOn, ...]
    efficient: str


@dataclass(frozen=True)
class Dominance:
    """``player``'s strategy ``strategy`` is strictly dominated by ``by`` in every reading."""

    player: str
    strategy: str
    by: str


@dataclass(frozen=True)
class RankVerdicts:
    """What the ranks decide, in every admissible reading.

    Attributes
    ----------
    players : tuple of str
    strategies : tuple of tuple of str
    orders : dict of str to int
        The exact number of admissible orders of each player.
    outcomes : tuple of OutcomeVerdict
        One per pure profile, in lexicographic order.
    dominance : tuple of Dominance
    open_comparisons : tuple of Comparison
    """

    players: tuple[str, ...]
    strategies: tuple[tuple[str, ...], ...]
    orders: dict[str, int]
    outcomes: tuple[OutcomeVerdict, ...]
    dominance: tuple[Dominance, ...]
    open_comparisons: tuple[Comparison, ...]

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: counts as strings, shares as exact fractions."""
        return {
            "orders": {p: str(n) for p, n in self.orders.items()},
            "outcomes": [
                {
                    "profile": dict(zip(self.players, o.ids, strict=True)),
                    "always": o.always,
                    "never": o.never,
                    "order_share": _fraction(o.share),
                    "pareto_efficient": o.efficient,
                    "rests_on": [r.to_dict() for r in o.rests_on],
                }
                for o in self.outcomes
            ],
            "dominance": [
                {"player": d.player, "strategy": d.strategy, "by": d.by} for d in self.dominance
            ],
            "open_comparisons": [c.to_dict() for c in self.open_comparisons],
        }


def _fraction(x: Fraction) -> str:
    return str(x.numerator) if x.denominator == 1 else f"{x.numerator}/{x.denominator}"


def player_orders(model: Any) -> list[PlayerOrder]:
    """Each player's settled order, checking that the model has ranks to reason from.

    Raises
    ------
    ModelError
        If a player has neither ranks nor settled comparisons, or ranks only some outcomes
        (the message says what is missing).
    """
    orders = []
    for name in model.player_names:
        order = player_order(model, name)
        if not order.has_judgements:
            raise ModelError(
                f"rank-only verdicts need every player's ranks: {name} has none",
                key=model.name,
                hint="add [outcomes.ranks] for every outcome, or [[judgements."
                f"{name}.settled]] comparisons",
            )
        if order.missing:
            ids = model.strategy_ids
            shown = ", ".join(
                profile_text([ids[p][j] for p, j in enumerate(c)]) for c in order.missing[:4]
            )
            more = f" and {len(order.missing) - 4} more" if len(order.missing) > 4 else ""
            raise ModelError(
                f"rank-only verdicts need a rank for every outcome: {name} has none for "
                f"{shown}{more}",
                key=model.name,
            )
        orders.append(order)
    return orders


def rank_verdicts(model: Any) -> RankVerdicts:
    """The exact rank-only verdicts of a model over all its admissible readings.

    Parameters
    ----------
    model : Model
        A model whose players rank every outcome (or state settled comparisons).

    Returns
    -------
    RankVerdicts

    Raises
    ------
    ModelError
        For a model without ranks (saying what is missing).
    GameValueError
        If a player's orders are too many to count (more than 2**20 up-sets).
    """
    orders = player_orders(model)
    ids = model.strategy_ids
    players = model.player_names
    cells = orders[0].cells
    number = {c: k for k, c in enumerate(cells)}
    counts = [AdmissibleOrders(o.above).count for o in orders]
    judgements = getattr(model, "judgements", None)
    open_all = judgements.open if judgements else ()
    open_sources = {
        (c.player, frozenset(number[model.profile_index(p)] for p in c.outcomes)): c.source
        for c in open_all
    }
    verdicts = []
    for s in cells:
        k = number[s]
        ids_s = tuple(ids[p][j] for p, j in enumerate(s))
        always = True
        never = False
        share = Fraction(1)
        rests: list[RestsOn] = []
        for i, order in enumerate(orders):
            deviations = [
                number[(*s[:i], t, *s[i + 1:])] for t in range(len(ids[i])) if t != s[i]
            ]
            extra = []
            for d in deviations:
                if order.tied(k, d) or order.better(k, d):
                    continue
                always = False
                if order.better(d, k):
                    never = True
                else:
                    extra.append(d)
            if never:
                break
            if extra:
                above = list(order.above)
                for d in extra:
                    above[order.class_of[d]] |= 1 << order.class_of[k]
                share *= Fraction(AdmissibleOrders(above).count, counts[i])
            for d in deviations:
                if order.tied(k, d):
                    continue
                settled = order.better(k, d)
                if settled:
                    source = _source(order, k, d)
                else:
                    source = open_sources.get((players[i], frozenset((k, d))), "")
                rests.append(RestsOn(players[i], ids_s, _ids(ids, cells[d]), settled, source))
        if never:
            share, rests = Fraction(0), []
        verdicts.append(OutcomeVerdict(
            s, ids_s, always, never, share, tuple(rests), _efficiency(orders, k, len(cells))
        ))
    return RankVerdicts(
        players=players,
        strategies=ids,
        orders={p: n for p, n in zip(players, counts, strict=True)},
        outcomes=tuple(verdicts),
        dominance=_dominance(model, orders, number),
        open_comparisons=tuple(open_all),
    )


def verdicts_if_ranked(model: Any) -> RankVerdicts | None:
    """The rank-only verdicts of a model whose players rank every outcome, else ``None``."""
    if not model.outcomes and not getattr(model, "judgements", None):
        return None
    try:
        player_orders(model)
    except ModelError:
        return None
    return rank_verdicts(model)


def _ids(ids: Any, cell: tuple[int, ...]) -> tuple[str, ...]:
    return tuple(ids[p][j] for p, j in enumerate(cell))


def _source(order: PlayerOrder, a: int, b: int) -> str:
    """The source of a settled comparison: stated directly, or the chain that implies it."""
    if (a, b) in order.reasons:
        text = order.reasons[(a, b)]
    else:
        text = ""
        # A chain of direct statements: an intermediate c with a > c stated and c > b settled.
        for (x, c), why in order.reasons.items():
            if x == a and order.better(c, b):
                text = f"{why}; {_source(order, c, b)}"
                break
    parts = [p.strip() for p in text.split(";") if p.strip()]
    return "; ".join(dict.fromkeys(parts))


def _efficiency(orders: list[PlayerOrder], k: int, n: int) -> str:
    always = True
    for y in range(n):
        if y == k:
            continue
        if all(o.tied(k, y) for o in orders):
            continue
        # y dominates k in some reading unless some player settles k above y.
        if not any(o.better(k, y) for o in orders):
            always = False
        # y dominates k in every reading: y at least as good for all, better for one.
        if all(o.better(y, k) or o.tied(y, k) for o in orders) and any(
            o.better(y, k) for o in orders
        ):
            return "never"
    return "always" if always else "depends"


def _dominance(model: Any, orders: list[PlayerOrder], number: dict) -> tuple[Dominance, ...]:
    out = []
    ids = model.strategy_ids
    cells = orders[0].cells
    for i, order in enumerate(orders):
        for a in range(len(ids[i])):
            for b in range(len(ids[i])):
                if a == b:
                    continue
                pairs = [
                    (number[c], number[(*c[:i], a, *c[i + 1:])]) for c in cells if c[i] == b
                ]
                if all(order.better(x, y) for y, x in pairs):
                    out.append(Dominance(model.player_names[i], ids[i][b], ids[i][a]))
    return tuple(out)
