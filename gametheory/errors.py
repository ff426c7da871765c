"""Errors raised by gametheory for bad input.

Every error is a :class:`ValueError` subclass that says *what* is wrong and *where*: the file,
the line (when known), the key or the player and strategy at fault. Its ``str`` is one line, fit
to be printed by a command line as it is.

Examples
--------
>>> err = ModelError("unknown player 'Rowe'", file="m.toml", line=12, key="payoffs.Rowe",
...                  hint="did you mean 'Row'?")
>>> print(err)
m.toml:12: payoffs.Rowe: unknown player 'Rowe' (did you mean 'Row'?)
>>> isinstance(err, ValueError)
True
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = ["GameError", "GameValueError", "ModelError", "closest", "did_you_mean"]


class GameError(ValueError):
    """Bad input to gametheory, located as precisely as possible.

    Parameters
    ----------
    message : str
        What is wrong, in one line.
    file : str, optional
        The file at fault.
    line : int, optional
        The line in ``file``.
    key : str, optional
        The key, player or strategy at fault (for example ``"payoffs.US"``).
    hint : str, optional
        What would be right, for example ``"did you mean 'US'?"``.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        key: str | None = None,
        hint: str | None = None,
    ) -> None:
        self.message = message
        self.file = None if file is None else str(file)
        self.line = line
        self.key = key
        self.hint = hint
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ""
        if self.file is not None:
            where = self.file + (f":{self.line}" if self.line is not None else "") + ": "
        if self.key:
            where += f"{self.key}: "
        text = where + self.message
        if self.hint:
            text += f" ({self.hint})"
        return " ".join(text.split("\n"))

    def located(
        self, *, file: str | None = None, line: int | None = None, key: str | None = None
    ) -> GameError:
        """Return a copy of this error with missing location parts filled in."""
        return type(self)(
            self.message,
            file=self.file if self.file is not None else file,
            line=self.line if self.line is not None else line,
            key=self.key if self.key else key,
            hint=self.hint,
        )


class GameValueError(GameError):
    """A payoff, probability or game shape is invalid."""


class ModelError(GameError):
    """A model file or a command-line override is invalid."""


def closest(name: str, candidates: Iterable[str]) -> str | None:
    """Return the candidate closest to ``name``, or ``None`` if none is close.

    Examples
    --------
    >>> closest("presure", ["concede", "pressure"])
    'pressure'
    >>> closest("xyz", ["concede", "pressure"]) is None
    True
    """
    candidates = [str(c) for c in candidates]
    lowered = {c.lower(): c for c in candidates}
    if name.lower() in lowered:
        return lowered[name.lower()]
    found = difflib.get_close_matches(name, candidates, n=1, cutoff=0.6)
    if not found:
        found = difflib.get_close_matches(name.lower(), list(lowered), n=1, cutoff=0.6)
        found = [lowered[f] for f in found]
    return found[0] if found else None


def did_you_mean(name: str, candidates: Iterable[str]) -> str:
    """Return a hint naming the closest candidate, or listing the valid ones.

    Examples
    --------
    >>> did_you_mean("presure", ["concede", "pressure"])
    "did you mean 'pressure'?"
    >>> did_you_mean("x", ["a", "b"])
    "expected one of 'a', 'b'"
    """
    candidates = [str(c) for c in candidates]
    best = closest(name, candidates)
    if best is not None:
        return f"did you mean {best!r}?"
    shown = ", ".join(repr(c) for c in candidates[:12])
    more = ", ..." if len(candidates) > 12 else ""
    return f"expected one of {shown}{more}"
