"""Checking Bayesian model files: TOML data to a :class:`BayesianModel`, each problem located.

Reuses the matrix loader's checker for ``[game]`` and ``[parameters]``. A file is a Bayesian
model when a player has ``types`` or the file has ``[[prior]]``. Checks, each naming the key
and line: players without actions or types, type probabilities (or a joint prior) that do not
sum to 1 for every parameter value (symbolically) or are negative for some value in range
(exactly for one parameter, at the corners of the ranges otherwise; as for chance nodes in
trees), ``[[payoffs]]`` for an unknown type or a type profile given twice, a type profile
without payoffs, and tables whose shape does not match the actions.
"""

from __future__ import annotations

import itertools
from typing import Any

from ..errors import did_you_mean
from ._checker import _GAME_KEYS, _Checker
from .bayesian_model import BayesianModel, BayesianPayoff, BayesianPlayer
from .expression import _kind
from .loader import is_bayesian_data  # here since it decides, cheaply, whether to import this

__all__ = ["check_bayesian", "is_bayesian_data"]

_TOP_KEYS = ("game", "parameters", "players", "prior", "payoffs")
_PLAYER_KEYS = ("name", "description", "actions", "types")
_PAYOFF_KEYS = ("types", "table", "why", "source")
_PRIOR_KEYS = ("types", "probability")


def check_bayesian(data: dict[str, Any], text: str, file: str | None, name: str):
    """``(BayesianModel or None, sorted errors)`` for the TOML data of a Bayesian model."""
    checker = _BayesianChecker(text, file, name)
    model = checker.check_bayesian(data)
    return model, checker.sorted_errors()


class _BayesianChecker(_Checker):
    def check_bayesian(self, data: dict[str, Any]) -> BayesianModel | None:
        self.table(data, (), _TOP_KEYS)
        game = self.table(data.get("game", {}), ("game",), _GAME_KEYS)
        if "game" not in data:
            self.add("missing [game] table (with a title)")
        title = self.string(game, "title", ("game",), required="game" in data)
        parameters, declared = self.parameters(data.get("parameters", {}))
        joint = "prior" in data
        players = self.bayes_players(data.get("players"), declared, joint)
        if players is None:
            return None
        prior = self.prior(data["prior"], players, declared) if joint else None
        payoffs = self.bayes_payoffs(data.get("payoffs"), players, declared)
        if self.errors:
            return None
        model = BayesianModel(
            name=self.name, path=self.file, title=title,
            description=self.string(game, "description", ("game",)),
            source=self.string(game, "source", ("game",)),
            parameters=parameters, players=players, payoffs=payoffs, prior=prior)
        self.prior_semantics(model)
        if not self.errors:
            try:
                model.game()
            except Exception as exc:  # a located ModelError: report it as a problem
                self.add(getattr(exc, "message", str(exc)), ())
        return None if self.errors else model

    def bayes_players(self, value: Any, symbols: list[str], joint: bool):
        if not isinstance(value, list) or len(value) < 2:
            self.add("a Bayesian game needs two or more [[players]] tables", ("players",))
            return None
        out, seen = [], set()
        for i, spec in enumerate(value):
            path = ("players", i)
            spec = self.table(spec, path, _PLAYER_KEYS)
            name = spec.get("name")
            if not self.names(name, (*path, "name"), "player name"):
                return None
            if name in seen:
                self.add(f"duplicate player name {name!r}", (*path, "name"))
            seen.add(name)
            actions = spec.get("actions")
            if (not isinstance(actions, list) or not actions
                    or not all(isinstance(a, str) and a for a in actions)
                    or len(set(actions)) != len(actions)):
                self.add("expected a list of distinct action labels", (*path, "actions"))
                return None
            types = spec.get("types", ["-"] if joint else None)
            if types is None:
                types = {"-": 1}
            labels, probs = None, None
            if joint:
                if not isinstance(types, list) or not all(isinstance(t, str) for t in types):
                    self.add("with a joint [[prior]], types are a list of labels, got "
                             f"{_kind(types)}", (*path, "types"))
                    return None
                labels = tuple(types)
            else:
                if not isinstance(types, dict) or not types:
                    self.add("expected a table of type = probability, got "
                             f"{_kind(types)}", (*path, "types"))
                    return None
                labels = tuple(types)
                probs = tuple(self.expression(v, (*path, "types", t), symbols)
                              for t, v in types.items())
                if any(p is None for p in probs):
                    return None
            out.append(BayesianPlayer(name, tuple(actions), labels, probs,
                                      self.string(spec, "description", path)))
        return tuple(out)

    def _profile(self, value: Any, path, players) -> tuple[str, ...] | None:
        if (not isinstance(value, list) or len(value) != len(players)
                or not all(isinstance(t, str) for t in value)):
            self.add(f"expected {len(players)} type labels, one per player, got "
                     f"{_kind(value)}", path)
            return None
        for p, t in zip(players, value, strict=True):
            if t not in p.types:
                self.add(f"unknown type {t!r} of {p.name}", path, did_you_mean(t, p.types))
                return None
        return tuple(value)

    def prior(self, value: Any, players, symbols):
        if not isinstance(value, list) or not value:
            self.add("expected [[prior]] tables", ("prior",))
            return None
        out, seen = [], set()
        for k, spec in enumerate(value):
            path = ("prior", k)
            spec = self.table(spec, path, _PRIOR_KEYS)
            prof = self._profile(spec.get("types"), (*path, "types"), players)
            if prof is None:
                continue
            if prof in seen:
                self.add(f"type profile {', '.join(prof)} given twice", (*path, "types"))
            seen.add(prof)
            e = self.expression(spec.get("probability"), (*path, "probability"), symbols)
            if e is not None:
                out.append((prof, e))
        return tuple(out)

    def bayes_payoffs(self, value: Any, players, symbols):
        if not isinstance(value, list) or not value:
            self.add("expected [[payoffs]] tables, one per type profile", ("payoffs",))
            return ()
        out, seen, before = [], {}, len(self.errors)
        for k, spec in enumerate(value):
            path = ("payoffs", k)
            spec = self.table(spec, path, _PAYOFF_KEYS)
            prof = self._profile(spec.get("types"), (*path, "types"), players)
            if prof is None:
                continue
            if prof in seen:
                self.add(f"payoffs for {', '.join(prof)} given twice", (*path, "types"))
            seen[prof] = k
            cells = self.cells(spec.get("table"), (*path, "table"), players, symbols)
            if cells is not None:
                out.append(BayesianPayoff(prof, cells, self.string(spec, "why", path),
                                          self.string(spec, "source", path)))
        for prof in itertools.product(*(p.types for p in players)):
            if prof not in seen and len(self.errors) == before:  # else: said already
                self.add(f"no [[payoffs]] for the type profile {', '.join(prof)}", ("payoffs",))
        return tuple(out)

    def cells(self, value: Any, path, players, symbols):
        cells = {}
        n = len(players)
        for acts in itertools.product(*(range(len(p.actions)) for p in players)):
            cell, where = value, path
            for depth, j in enumerate(acts):
                if not isinstance(cell, list) or len(cell) != len(players[depth].actions):
                    self.add(f"expected {len(players[depth].actions)} entries (the actions of "
                             f"{players[depth].name}), got {_kind(cell)}", where)
                    return None
                cell, where = cell[j], (*where, j)
            if not isinstance(cell, list) or len(cell) != n:
                self.add(f"expected {n} payoffs (one per player), got {_kind(cell)}", where)
                return None
            exprs = tuple(self.expression(v, (*where, i), symbols) for i, v in enumerate(cell))
            if any(e is None for e in exprs):
                return None
            cells[tuple(p.actions[j] for p, j in zip(players, acts, strict=True))] = exprs
        return cells

    def prior_semantics(self, model: BayesianModel) -> None:
        """Prior expressions: sum to 1 identically, non-negative over the ranges."""
        from ._tree_checks import _test_points

        groups = []
        if model.prior is None:
            for i, p in enumerate(model.players):
                groups.append((("players", i, "types"), list(zip(p.types, p.probabilities or (),
                                                                  strict=True))))
        else:
            groups.append((("prior",), [(",".join(t), e) for t, e in model.prior]))
        for path, items in groups:
            exprs = [e for _, e in items]
            symbols = sorted(set().union(*(e.symbols for e in exprs)))
            if not symbols:
                continue
            import sympy

            total = sympy.simplify(sum(e.to_sympy() for e in exprs) - 1)
            if total != 0:
                self.add(f"probabilities sum to {sympy.simplify(total + 1)}, not 1 for every "
                         "parameter value", path)
                continue
            base = model.values()
            for label, e in items:
                names = sorted(e.symbols)
                if len(names) == 1:
                    points = [{names[0]: v} for v in _test_points(model, e, names[0])]
                else:
                    ranges = [sorted({model.parameters[n].value} | {
                        b for b in (model.parameters[n].low, model.parameters[n].high)
                        if b is not None}) for n in names]
                    points = [dict(zip(names, c, strict=True))
                              for c in itertools.product(*ranges)]
                for point in points:
                    value = e.evaluate({**base, **point})
                    if value < 0:
                        at = ", ".join(f"{n} = {v}" for n, v in point.items())
                        self.add(f"probability of {label!r} is negative ({value}) at {at}, "
                                 "within range", path)
                        break
