"""Thresholds and regimes of the subgame-perfect equilibria of a tree in one parameter, exactly.

Definitions as in :mod:`gametheory.sensitivity.regimes`: a *threshold* is a value of the
parameter ``t`` at which the set of pure subgame-perfect equilibria changes; a *regime* is an
open interval between consecutive thresholds (every equilibrium the same choices, its payoffs
one formula in ``t``) or a threshold alone.

Method
------
For a perfect-information tree (chance allowed), fix the choices of the equilibria found by
backward induction at a rational point inside the interval under study. With those choices,
every node's value is a rational function of ``t`` (sympy), and each equilibrium stays one as
long as, at every decision node, the chosen action's value to the mover is at least each other
action's: the pure SPE can only change where two such values of alternatives at a node cross
(or where a payoff is undefined). The crossings are the real roots of the differences'
numerators (and of their denominators), found exactly by sympy; the regime around the point
extends to the nearest crossing on each side, and the rest of the range is split the same way.
At a rational threshold the equilibria are recomputed exactly; at an irrational one, the
neighbouring regimes' equilibria that remain optimal there (checked exactly with sympy) are
listed, and further ties at that point alone are not searched (the regime says so).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..errors import GameValueError
from ..numbers import format_fraction
from .backward_induction import backward_induction

__all__ = ["TreeParameterAnalysis", "TreeRegime", "analyse_tree_parameter"]

_MAX_REGIMES = 200


@dataclass(frozen=True)
class TreeRegime:
    """An interval (or point) of the parameter with its pure SPE (choices, payoff formulas)."""

    low: Any
    high: Any
    closed: tuple[bool, bool]
    equilibria: tuple[dict[str, Any], ...]
    checked_at: tuple[Fraction, ...] = ()
    note: str = ""

    def interval(self) -> tuple[str, str]:
        return _text(self.low, -1), _text(self.high, 1)

    def to_dict(self) -> dict[str, Any]:
        out = {
            "interval": list(self.interval()),
            "closed": list(self.closed),
            "equilibria": list(self.equilibria),
            "components": [],
            "checked_at": [format_fraction(v) for v in self.checked_at],
        }
        if self.note:
            out["note"] = self.note
        return out


@dataclass(frozen=True)
class TreeParameterAnalysis:
    """Thresholds and regimes of one parameter of a tree model (JSON as for matrix models)."""

    parameter: str
    low: Fraction | None
    high: Fraction | None
    fixed: dict[str, Fraction]
    thresholds: tuple[Any, ...]
    regimes: tuple[TreeRegime, ...]
    players: tuple[str, ...] = ()
    title: str = ""
    kind: str = "spe"

    def to_dict(self) -> dict[str, Any]:
        return {
            "parameter": self.parameter,
            "range": [_text(self.low, -1), _text(self.high, 1)],
            "fixed": {k: format_fraction(v) for k, v in self.fixed.items()},
            "kind": self.kind,
            "thresholds": [_text(t, 0) for t in self.thresholds],
            "regimes": [r.to_dict() for r in self.regimes],
        }


def _text(x: Any, side: int) -> str:
    if x is None:
        return "-oo" if side < 0 else "oo"
    if isinstance(x, Fraction):
        return format_fraction(x)
    return str(x)


class _Symbolic:
    """The model's tree with sympy payoffs and probabilities in one parameter."""

    def __init__(self, model: Any, name: str, fixed: dict[str, Fraction]) -> None:
        import sympy

        self.sympy = sympy
        self.t = sympy.Symbol(name, real=True)
        subs = {sympy.Symbol(k, real=True): sympy.Rational(v.numerator, v.denominator)
                for k, v in fixed.items()}
        self.model, self.name, self.fixed = model, name, fixed
        self.nodes = {n.id: n for n in model.nodes}
        self.payoffs = {n.id: [e.to_sympy().subs(subs) for e in n.payoffs]
                        for n in model.nodes if n.kind == "terminal"}
        self.probs = {n.id: [a.probability.to_sympy().subs(subs) for a in n.actions]
                      for n in model.nodes if n.kind == "chance"}

    def values(self, choice: dict[str, str]) -> dict[str, list[Any]]:
        """Every node's symbolic value vector under a choice map (infoset -> action)."""
        out: dict[str, list[Any]] = {}
        order = []
        stack = [self.model.root]
        while stack:
            node_id = stack.pop()
            order.append(node_id)
            stack.extend(a.to for a in self.nodes[node_id].actions)
        for node_id in reversed(order):
            n = self.nodes[node_id]
            if n.kind == "terminal":
                out[node_id] = self.payoffs[node_id]
            elif n.kind == "chance":
                kids = [out[a.to] for a in n.actions]
                out[node_id] = [self.sympy.together(sum(p * v[i] for p, v in zip(
                    self.probs[node_id], kids, strict=True))) for i in range(len(kids[0]))]
            else:
                label = choice[n.infoset or n.id]
                out[node_id] = out[next(a.to for a in n.actions if a.label == label)]
        return out

    def differences(self, choice: dict[str, str]) -> list[Any]:
        """Chosen value minus each alternative's, for the mover, at every decision node."""
        values = self.values(choice)
        players = list(self.model.player_names)
        out = []
        for n in self.model.nodes:
            if n.kind != "decision" or n.id not in values:
                continue
            i = players.index(n.player)
            chosen = values[n.id][i]
            for a in n.actions:
                d = self.sympy.cancel(chosen - values[a.to][i])
                if d != 0:
                    out.append(d)
        return out


def _equilibrium_dict(sym: _Symbolic, eq: Any, choice: dict[str, str]) -> dict[str, Any]:
    data = eq.to_dict()
    root = sym.values(choice)[sym.model.root]
    data["payoffs"] = {p: str(sym.sympy.simplify(v)) for p, v in zip(
        sym.model.player_names, root, strict=True)}
    data.pop("subgame_perfect", None)
    return data


def _solve_at(model: Any, name: str, fixed: dict, value: Fraction) -> tuple[list, list]:
    tree = model.game({**fixed, name: value})
    result = backward_induction(tree)
    choices = [{s: eq.choice(s) for s in eq.behavior} for eq in result.equilibria]
    return list(result.equilibria), choices


def analyse_tree_parameter(model: Any, name: str, at: dict[str, Any] | None = None
                           ) -> TreeParameterAnalysis:
    """The exact thresholds and regimes of the pure SPE of a tree model in one parameter.

    Raises
    ------
    GameValueError
        For an unknown parameter, or a tree without perfect information.
    """
    import sympy

    if name not in model.parameters:
        raise GameValueError(f"unknown parameter {name!r}", key="--vary")
    values = model.values({k: v for k, v in (at or {}).items() if k != name})
    fixed = {k: v for k, v in values.items() if k != name}
    tree = model.game(values)
    if not tree.is_perfect_information:
        raise GameValueError("sensitivity on trees needs perfect information (chance allowed)",
                             key="--param", hint="solve at chosen values with --param instead")
    p = model.parameters[name]
    sym = _Symbolic(model, name, fixed)
    regimes: list[TreeRegime] = []

    def inside(a: Any, b: Any) -> Fraction:
        if a is None and b is None:
            return Fraction(0)
        if a is None:
            return Fraction(int(sympy.floor(b))) - 1
        if b is None:
            return Fraction(int(sympy.ceiling(a))) + 1
        if isinstance(a, Fraction) and isinstance(b, Fraction):
            return (a + b) / 2
        return (Fraction(float(a)) + Fraction(float(b))) / 2

    def roots_in(diffs: list, a: Any, b: Any) -> list:
        found = set()
        for d in diffs:
            num, den = sympy.fraction(sympy.together(d))
            for poly in (num, den):
                if not poly.has(sym.t):
                    continue
                for r in sympy.Poly(poly, sym.t).real_roots():
                    if (a is None or r > a) and (b is None or r < b):
                        found.add(sympy.nsimplify(r) if r.is_rational else r)
        return sorted(found, key=lambda r: float(r))

    def interval(a: Any, b: Any) -> None:
        if len(regimes) > _MAX_REGIMES:
            raise GameValueError(f"more than {_MAX_REGIMES} regimes", key=name)
        m = _rational(inside(a, b))
        for _ in range(64):
            eqs, choices = _solve_at(model, name, fixed, m)
            diffs = [d for c in choices for d in sym.differences(c)]
            roots = roots_in(diffs, a, b)
            if not any(r == m for r in roots):
                break
            # The test point is itself a threshold (a tie there): move it towards a.
            m = _rational(inside(a, m))
        left = max((r for r in roots if r < m), default=a, key=lambda r: float(r))
        right = min((r for r in roots if r > m), default=b, key=lambda r: float(r))
        if left is not a:
            interval(a, left)
            point(left, choices)
        regimes.append(TreeRegime(
            _num(left), _num(right), (False, False),
            tuple(_equilibrium_dict(sym, e, c) for e, c in zip(eqs, choices, strict=True)),
            checked_at=(m,)))
        if right is not b:
            point(right, choices)
            interval(right, b)

    def point(r: Any, neighbour: list) -> None:
        value = _num(r)
        if isinstance(value, Fraction):
            try:
                eqs, choices = _solve_at(model, name, fixed, value)
            except GameValueError as exc:
                regimes.append(TreeRegime(value, value, (True, True), (), (value,),
                                          note=f"undefined here: {exc.message}"))
                return
            regimes.append(TreeRegime(value, value, (True, True), tuple(
                _equilibrium_dict(sym, e, c) for e, c in zip(eqs, choices, strict=True)),
                (value,)))
            return
        regimes.append(TreeRegime(value, value, (True, True), (), note=(
            "irrational threshold: the neighbouring regimes' equilibria that stay optimal "
            "here are not listed; ties at this point alone are not searched")))

    lo, hi = p.low, p.high
    if lo is not None and lo == hi:
        point(lo, [])
    else:
        if lo is not None:
            point(lo, [])
        interval(lo, hi)
        if hi is not None:
            point(hi, [])
    merged = _merge(regimes)
    thresholds = tuple(r.low for r in merged if r.low == r.high and r.low not in (lo, hi))
    return TreeParameterAnalysis(name, lo, hi, fixed, thresholds, tuple(merged),
                                 tuple(model.player_names), model.title)


def _rational(x: Any) -> Fraction:
    return x if isinstance(x, Fraction) else Fraction(str(x))


def _num(x: Any) -> Any:
    """A sympy or Fraction number as a Fraction when rational, else the sympy number."""
    if x is None or isinstance(x, Fraction):
        return x
    if getattr(x, "is_rational", False):
        return Fraction(int(x.p), int(x.q))
    return x


def _merge(regimes: list[TreeRegime]) -> list[TreeRegime]:
    """Drop thresholds where nothing changes; close the range's own ends."""
    regimes = sorted(regimes, key=lambda r: (float(r.low) if r.low is not None else -1e300,
                                             r.low != r.high))
    out: list[TreeRegime] = []
    for r in regimes:
        if out and r.low == r.high and out[-1].low == out[-1].high and r.low == out[-1].low:
            continue
        out.append(r)
    # A threshold whose equilibria equal both neighbours' (same choices) is no threshold.
    k = 1
    while k < len(out) - 1:
        a, b, c = out[k - 1], out[k], out[k + 1]
        if b.low == b.high and a.low != a.high and c.low != c.high and \
                _keys(a) == _keys(b) == _keys(c) and not b.note:
            out[k - 1:k + 2] = [TreeRegime(a.low, c.high, (a.closed[0], c.closed[1]),
                                           a.equilibria, a.checked_at + c.checked_at)]
            continue
        k += 1
    # Fold the range's end points into their intervals when they add nothing.
    if len(out) > 1 and out[0].low == out[0].high and _keys(out[0]) == _keys(out[1]):
        out[:2] = [TreeRegime(out[0].low, out[1].high, (True, out[1].closed[1]),
                              out[1].equilibria, out[1].checked_at)]
    if len(out) > 1 and out[-1].low == out[-1].high and _keys(out[-1]) == _keys(out[-2]):
        out[-2:] = [TreeRegime(out[-2].low, out[-1].high, (out[-2].closed[0], True),
                               out[-2].equilibria, out[-2].checked_at)]
    return out


def _keys(r: TreeRegime) -> tuple:
    return tuple(sorted(str(e["behavior"]) for e in r.equilibria))
