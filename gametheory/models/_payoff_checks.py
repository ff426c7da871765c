"""Checking the ``[payoffs]`` of a model file: arrays per player, or a table of profiles.

Every payoff array must have the shape given by the players' strategies (a transposed matrix is
named as such), a ``[[payoffs.table]]`` must give every profile exactly once with one value per
player, and every entry is parsed as an expression in the declared parameters; a payoff of an
unknown player or past the end of a list is still parsed, so that one run reports every problem.
"""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np

from ..errors import closest, did_you_mean
from ._checking import _CheckerBase
from ._parts import Player
from ._toml_lines import Path
from .expression import _kind
from .judgements import profile_text

__all__ = ["_PayoffChecks"]

_TABLE_KEYS = ("profile", "values")


class _PayoffChecks(_CheckerBase):
    """The ``[payoffs]`` section of :class:`~gametheory.models._checker._Checker`."""

    def payoffs(
        self, value: Any, players: tuple[Player, ...] | None, symbols: list[str]
    ) -> tuple[np.ndarray, ...] | None:
        if value is None:
            self.add("missing [payoffs] table")
            return None
        names = [p.name for p in players] if players is not None else None
        table = self.table(value, ("payoffs",), None)
        if "table" in table and (names is None or "table" not in names):
            others = [k for k in table if k != "table"]
            if others:
                self.add(
                    "give payoffs either per player or as a table of profiles, not both",
                    ("payoffs", others[0]),
                )
            return self.payoff_table(table["table"], players, symbols)
        if names is None:
            # Still check every expression, so that one run reports every problem.
            for key, array in table.items():
                self.walk_leaves(array, ("payoffs", key), symbols)
            return None
        arrays: dict[str, np.ndarray] = {}
        suggested = set()
        for key, array in table.items():
            path: Path = ("payoffs", key)
            if key not in names:
                missing = [n for n in names if n not in table]
                best = closest(key, missing) or closest(key, names)
                suggested.add(best)
                hint = f"did you mean {best!r}?" if best else did_you_mean(key, names)
                self.add(f"unknown player {key!r}", path, hint)
                self.walk_leaves(array, path, symbols)
                continue
            result = self.matrix(array, path, players, symbols)
            if result is not None:
                arrays[key] = result
        for name in names:
            # A misspelt player was reported with its correct name: once is enough.
            if name not in table and name not in suggested:
                self.add(f"no payoffs for player {name!r}", ("payoffs",))
        if len(arrays) != len(names):
            return None
        return tuple(arrays[n] for n in names)

    def walk_leaves(self, value: Any, path: Path, symbols: list[str], depth: int = 0) -> None:
        if isinstance(value, list) and depth < 64:
            for k, item in enumerate(value):
                self.walk_leaves(item, (*path, k), symbols, depth + 1)
        elif not isinstance(value, (list, dict)):
            self.expression(value, path, symbols)

    def matrix(
        self, value: Any, path: Path, players: tuple[Player, ...], symbols: list[str]
    ) -> np.ndarray | None:
        shape = tuple(len(p.strategies) for p in players)
        got = _shape(value, len(shape))
        if got is not None and len(got) == 2 == len(shape) and got != shape and got == shape[::-1]:
            self.add(
                f"expected {shape[0]} rows (one per strategy of {players[0].name}) of "
                f"{shape[1]} entries, got {got[0]} rows of {got[1]}",
                path,
                "the matrix looks transposed: rows are the first player's strategies",
            )
            self.walk_leaves(value, path, symbols)
            return None
        out = np.empty(shape, dtype=object)
        ok = self.fill(value, path, players, symbols, out, ())
        return out if ok else None

    def fill(
        self,
        value: Any,
        path: Path,
        players: tuple[Player, ...],
        symbols: list[str],
        out: np.ndarray,
        index: tuple[int, ...],
    ) -> bool:
        depth = len(index)
        if depth == len(players):
            expression = self.expression(value, path, symbols)
            if expression is None:
                return False
            out[index] = expression
            return True
        player = players[depth]
        n = len(player.strategies)
        one_per = f"one per strategy of {player.name}: {', '.join(player.ids)}"
        noun = "rows" if depth == 0 and len(players) == 2 else "entries"
        if not isinstance(value, list):
            self.add(f"expected a list of {n} {noun} ({one_per}), got {_kind(value)}", path)
            return False
        ok = True
        if len(value) != n:
            self.add(f"expected {n} {noun} ({one_per}), got {len(value)}", path)
            ok = False
        for k, item in enumerate(value):
            if k < n:
                ok = self.fill(item, (*path, k), players, symbols, out, (*index, k)) and ok
            else:
                self.walk_leaves(item, (*path, k), symbols)
        return ok

    def payoff_table(
        self, value: Any, players: tuple[Player, ...] | None, symbols: list[str]
    ) -> tuple[np.ndarray, ...] | None:
        path: Path = ("payoffs", "table")
        if not isinstance(value, list):
            self.add(f"expected [[payoffs.table]] entries, got {_kind(value)}", path)
            return None
        n = len(players) if players is not None else None
        shape = tuple(len(p.strategies) for p in players) if players is not None else ()
        arrays = [np.empty(shape, dtype=object) for _ in range(n or 0)]
        filled: dict[tuple[int, ...], int] = {}
        ok = players is not None
        for k, entry in enumerate(value):
            where: Path = (*path, k)
            entry = self.table(entry, where, _TABLE_KEYS)
            index = self.profile(entry.get("profile"), (*where, "profile"), players)
            values = entry.get("values")
            if not isinstance(values, list):
                if values is None:
                    self.add("missing 'values'", where)
                else:
                    self.add(f"expected a list, got {_kind(values)}", (*where, "values"))
                ok = False
                continue
            if n is not None and len(values) != n:
                self.add(
                    f"expected {n} values (one per player: "
                    f"{', '.join(p.name for p in players or ())}), got {len(values)}",
                    (*where, "values"),
                )
                ok = False
            expressions = [
                self.expression(v, (*where, "values", i), symbols) for i, v in enumerate(values)
            ]
            if index is None or any(e is None for e in expressions) or len(values) != n:
                ok = False
                continue
            if index in filled:
                self.add(
                    f"duplicate profile {profile_text(entry['profile'])} "
                    f"(also payoffs.table[{filled[index]}])",
                    (*where, "profile"),
                )
                ok = False
                continue
            filled[index] = k
            for array, e in zip(arrays, expressions, strict=True):
                array[index] = e
        if not ok or players is None:
            return None
        missing = [
            index for index in itertools.product(*(range(s) for s in shape)) if index not in filled
        ]
        if missing:
            shown = ", ".join(
                profile_text([p.ids[j] for p, j in zip(players, index, strict=True)])
                for index in missing[:5]
            )
            more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
            self.add(f"{len(missing)} profiles have no payoffs: {shown}{more}", path)
            return None
        return tuple(arrays)


def _shape(value: Any, depth: int) -> tuple[int, ...] | None:
    """The shape of a rectangular nested list up to ``depth`` levels, else None."""
    if depth == 0:
        return () if not isinstance(value, list) else None
    if not isinstance(value, list) or not value:
        return None
    inner = [_shape(v, depth - 1) for v in value]
    if any(s is None or s != inner[0] for s in inner):
        return None
    return (len(value), *inner[0])  # type: ignore[misc]
