"""Collecting the problems of a model file, each located (file, line, key), while reading it.

:class:`_CheckerBase` holds what every checker of a model file shares (the strategic form's
:class:`~gametheory.models._checker._Checker`, and through it the checkers of trees and Bayesian
games): reporting a problem at a TOML path (its line is looked up only when there is one), and
typed access to TOML values that reports a wrong type and carries on, so that one run reports
every problem of a file.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

from ..errors import ModelError, did_you_mean
from ._parts import Player, name_problem, parse_value
from ._toml_lines import Path, format_key, key_lines, line_of
from .expression import Expression, _kind, parse_expression

__all__ = ["_CheckerBase"]


class _CheckerBase:
    """Reports located problems and reads typed TOML values (a wrong type is reported)."""

    def __init__(self, text: str, file: str | None, name: str) -> None:
        self.text = text
        self.file = file
        self.name = name
        self.errors: list[ModelError] = []
        self._lines: dict[Path, int] | None = None

    # -------------------------------------------------------------- reporting
    def line(self, path: Path) -> int | None:
        if self._lines is None:  # scanned only when there is something to report
            self._lines = key_lines(self.text)
        return line_of(self._lines, path)

    def add(self, message: str, path: Path = (), hint: str | None = None) -> None:
        self.errors.append(
            ModelError(
                message,
                file=self.file,
                line=self.line(path),
                key=format_key(path) or None,
                hint=hint,
            )
        )

    def adopt(self, error: ModelError, path: Path) -> None:
        self.add(error.message, path, error.hint)

    def sorted_errors(self) -> list[ModelError]:
        order = sorted(
            range(len(self.errors)),
            key=lambda k: (self.errors[k].line is None, self.errors[k].line or 0, k),
        )
        return [self.errors[k] for k in order]

    # -------------------------------------------------------------- typed access
    def table(
        self, value: Any, path: Path, allowed: Sequence[str] | None, what: str = "key"
    ) -> dict[str, Any]:
        """A table, checking its keys; a wrong type is reported and gives ``{}``."""
        if not isinstance(value, dict):
            self.add(f"expected a table, got {_kind(value)}", path)
            return {}
        if allowed is not None:
            for key in value:
                if key not in allowed:
                    self.add(f"unknown {what} {key!r}", (*path, key), did_you_mean(key, allowed))
        return value

    def string(self, table: dict[str, Any], key: str, path: Path, required: bool = False) -> str:
        if key not in table:
            if required:
                self.add(f"missing {key!r}", path)
            return ""
        value = table[key]
        if not isinstance(value, str):
            self.add(f"expected a string, got {_kind(value)}", (*path, key))
            return ""
        if required and not value.strip():
            self.add(f"{key!r} is empty", (*path, key))
        return value

    def number(self, value: Any, path: Path) -> Fraction | None:
        if isinstance(value, (int, Decimal, str)) and not isinstance(value, bool):
            try:
                return parse_value(value, format_key(path))
            except ModelError as exc:
                self.adopt(exc, path)
                return None
        self.add(f"expected a number, got {_kind(value)}", path)
        return None

    def expression(self, value: Any, path: Path, symbols: Sequence[str]) -> Expression | None:
        if isinstance(value, (list, dict)):
            self.add(f"expected a number or an expression, got {_kind(value)}", path)
            return None
        try:
            return parse_expression(value, symbols, where=format_key(path))
        except ModelError as exc:
            self.adopt(exc, path)
            return None

    def names(self, value: Any, path: Path, what: str) -> bool:
        problem = name_problem(value)
        if problem:
            self.add(f"{what} {problem}", path)
            return False
        return True

    def profile(
        self, value: Any, path: Path, players: tuple[Player, ...] | None
    ) -> tuple[int, ...] | None:
        """Strategy indices of a profile of ids, or None (reported) if it is not valid."""
        if value is None:
            self.add("missing 'profile'", path[:-1])
            return None
        if not isinstance(value, list):
            self.add(f"expected a list of strategy ids, got {_kind(value)}", path)
            return None
        for j, sid in enumerate(value):
            if not isinstance(sid, str):
                self.add(f"a strategy id is a string, got {_show(sid)}", (*path, j))
                return None
        if players is None:
            return None
        if len(value) != len(players):
            self.add(
                f"expected {len(players)} strategy ids (one per player: "
                f"{', '.join(p.name for p in players)}), got {len(value)}",
                path,
            )
            return None
        index = []
        for j, (player, sid) in enumerate(zip(players, value, strict=True)):
            if sid not in player.ids:
                self.add(
                    f"unknown strategy {sid!r} of {player.name}",
                    (*path, j),
                    did_you_mean(sid, player.ids),
                )
                return None
            index.append(player.ids.index(sid))
        return tuple(index)


def _show(value: Any) -> str:
    """A TOML value as written, for messages."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, Decimal)):
        return str(value)
    if isinstance(value, str):
        return repr(value)
    return _kind(value)
