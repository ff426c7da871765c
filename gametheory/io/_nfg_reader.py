"""The reader of Gambit's strategic-form ``.nfg`` files (private): the parser of both versions
(payoff and outcome) and Gambit's way of making repeated or empty names distinct. The format
and its conventions are described in :mod:`gametheory.io.nfg`.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np

from ..errors import GameError, GameValueError
from ..game import Game
from ._nfg_tokens import _COUNT, _number, _Token, _tokens

__all__: list[str] = []


class _Parser:
    def __init__(self, text: str, file: str) -> None:
        self.file = file
        self.tokens = _tokens(text, file)
        self.pos = 0
        self.notes: list[str] = []

    def error(self, message: str, token: _Token | None = None) -> GameValueError:
        token = token if token is not None else self.peek()
        return GameValueError(message, file=self.file, line=token.line)

    def peek(self) -> _Token:
        return self.tokens[self.pos]

    def take(self) -> _Token:
        token = self.tokens[self.pos]
        if token.kind != "end":
            self.pos += 1
        return token

    def expect(self, kind: str, what: str) -> _Token:
        token = self.take()
        if token.kind != kind:
            raise self.error(f"expected {what}, found {token.describe()}", token)
        return token

    # ---------------------------------------------------------------- prologue
    def header(self) -> str:
        token = self.take()
        if token.kind != "symbol" or token.value != "NFG":
            hint = " (an extensive-form .efg file?)" if token.value == "EFG" else ""
            raise self.error(
                f"not a strategic-form game file: expected 'NFG', found {token.describe()}{hint}",
                token,
            )
        token = self.take()
        if token.kind != "number" or token.value != "1":
            raise self.error(f"unsupported NFG version {token.describe()}: expected 1", token)
        token = self.take()
        if token.kind != "symbol" or token.value not in ("R", "D"):
            raise self.error(
                f"expected the data type 'R' (or 'D'), found {token.describe()}", token
            )
        return self.expect("text", "the game title (a quoted string)").value

    def players(self) -> list[tuple[str, _Token]]:
        self.expect("{", "'{' opening the list of players")
        names = []
        while self.peek().kind == "text":
            token = self.take()
            names.append((token.value, token))
        self.expect("}", "a quoted player name or '}' closing the list of players")
        if not names:
            raise self.error("the game has no players", self.tokens[self.pos - 1])
        return names

    def strategies(self, players: list[str]) -> list[list[tuple[str, _Token]] | int]:
        """Per player: a list of (label, token), or a strategy count (labels come later)."""
        self.expect("{", "'{' opening the list of strategies")
        result: list[list[tuple[str, _Token]] | int] = []
        nested = self.peek().kind == "{"
        for name in players:
            token = self.peek()
            if nested:
                self.expect("{", f"'{{' opening the strategy labels of player {name!r}")
                labels = []
                while self.peek().kind == "text":
                    label = self.take()
                    labels.append((label.value, label))
                closing = self.expect("}", f"a quoted strategy label of player {name!r} or '}}'")
                if not labels:
                    raise self.error(f"player {name!r} has no strategies", closing)
                result.append(labels)
            else:
                if token.kind != "number":
                    raise self.error(
                        f"expected the number of strategies of player {name!r}, "
                        f"found {token.describe()}",
                        token,
                    )
                self.take()
                if (
                    not _COUNT.fullmatch(token.value)
                    or len(token.value) > 18
                    or int(token.value) < 1
                ):
                    raise self.error(
                        f"the number of strategies of player {name!r} must be a positive "
                        f"integer, found {token.value!r}",
                        token,
                    )
                result.append(int(token.value))
        token = self.take()
        if token.kind != "}":
            raise self.error(
                f"expected '}}' closing the list of strategies after {len(players)} players, "
                f"found {token.describe()}",
                token,
            )
        return result

    # ---------------------------------------------------------------- bodies
    def payoff_body(self, n: int, profiles: int) -> list[Fraction]:
        wanted = n * profiles
        start = self.pos
        while self.tokens[self.pos].kind == "number":
            self.pos += 1
        found = self.pos - start
        counts = f"{wanted} numbers ({n} players x {profiles} profiles)"
        if found < wanted:
            token = self.peek()
            if token.kind == "end":
                last = self.tokens[self.pos - 1]
                raise self.error(f"too few payoffs: expected {counts}, found {found}", last)
            raise self.error(
                f"expected a payoff (number {found + 1} of {wanted}), found {token.describe()}",
                token,
            )
        if found > wanted:
            raise self.error(
                f"too many payoffs: expected {counts}, found {found}",
                self.tokens[start + wanted],
            )
        return [_number(t, self.file) for t in self.tokens[start : self.pos]]

    def outcome_body(self, n: int, profiles: int) -> list[Fraction]:
        self.expect("{", "'{' opening the list of outcomes")
        outcomes: list[list[Fraction]] = [[Fraction(0)] * n]  # outcome 0: the null outcome
        while self.peek().kind == "{":
            opening = self.take()
            number = len(outcomes)
            self.expect("text", f"the name of outcome {number} (a quoted string)")
            values = []
            while self.peek().kind == "number":
                values.append(_number(self.take(), self.file))
                if self.peek().kind == ",":
                    self.take()
            closing = self.peek()
            if closing.kind != "}":
                raise self.error(
                    f"expected a payoff or '}}' in outcome {number}, found {closing.describe()}"
                )
            self.take()
            if len(values) != n:
                raise self.error(
                    f"outcome {number} has {len(values)} payoffs, expected {n} (one per player)",
                    opening,
                )
            outcomes.append(values)
        self.expect("}", "'{' opening an outcome or '}' closing the list of outcomes")
        start = self.pos
        while self.tokens[self.pos].kind == "number":
            self.pos += 1
        found = self.pos - start
        if found < profiles:
            token = self.peek()
            if token.kind == "end":
                raise self.error(
                    f"too few outcome numbers: expected {profiles} (one per profile), "
                    f"found {found}",
                    self.tokens[self.pos - 1],
                )
            raise self.error(
                f"expected an outcome number (number {found + 1} of {profiles}), "
                f"found {token.describe()}",
                token,
            )
        if found > profiles:
            raise self.error(
                f"too many outcome numbers: expected {profiles} (one per profile), found {found}",
                self.tokens[start + profiles],
            )
        flat: list[Fraction] = []
        for token in self.tokens[start : self.pos]:
            if (
                not _COUNT.fullmatch(token.value)
                or len(token.value) > 12
                or int(token.value) >= len(outcomes)
            ):
                raise self.error(
                    f"outcome number {token.value!r} is not one of 0..{len(outcomes) - 1}", token
                )
            flat.extend(outcomes[int(token.value)])
        return flat

    # ---------------------------------------------------------------- whole file
    def game(self) -> Game:
        title = self.header()
        player_tokens = self.players()
        players = _names(player_tokens, "player names", self.notes)
        spec = self.strategies(players)
        if self.peek().kind == "text":
            self.take()  # the optional comment
        shape = [s if isinstance(s, int) else len(s) for s in spec]
        profiles = math.prod(shape)
        n = len(players)
        if self.peek().kind == "{":
            flat = self.outcome_body(n, profiles)
        else:
            flat = self.payoff_body(n, profiles)
        token = self.peek()
        if token.kind != "end":
            raise self.error(f"unexpected {token.describe()} after the payoffs", token)
        labels = [
            tuple(str(k + 1) for k in range(s))
            if isinstance(s, int)
            else _names(s, f"strategy labels of {p!r}", self.notes)
            for p, s in zip(players, spec, strict=True)
        ]
        # flat[n * profile + player], profiles with the first player's strategy fastest, which
        # is numpy's Fortran order.
        table = np.array(flat, dtype=object).reshape((profiles, n))
        arrays = [table[:, i].reshape(shape, order="F") for i in range(n)]
        try:
            if n == 1:  # from_arrays reads one array as a zero-sum game; build from a table
                return Game.from_payoffs(
                    {(labels[0][k],): (arrays[0][k],) for k in range(shape[0])},
                    players=players,
                    strategies=labels,
                    title=title,
                )
            return Game.from_arrays(*arrays, players=players, strategies=labels, title=title)
        except GameError as exc:  # pragma: no cover - names and payoffs are checked above
            raise exc.located(file=self.file) from None


def _names(entries: list[tuple[str, _Token]], what: str, notes: list[str]) -> tuple[str, ...]:
    """Distinct names in the file's order, made distinct as Gambit 16 does; each change noted.

    Gambit (16.7, measured through pygambit's ``read_nfg``) gives every occurrence of a
    repeated name, and every empty name, the suffix ``_k`` with k = 1, 2, ... in the file's
    order, skipping suffixed names already in the list: ``"x" "x"`` become ``"x_1" "x_2"``,
    ``""`` becomes ``"_1"``. A name of spaces only is treated as empty.
    """
    given = [name if name.strip() else "" for name, _ in entries]
    counts: dict[str, int] = {}
    for name in given:
        counts[name] = counts.get(name, 0) + 1
    taken = set(given)
    names: list[str] = []
    changed: list[str] = []
    for k, (name, (raw, _)) in enumerate(zip(given, entries, strict=True)):
        if name and counts[name] == 1:
            names.append(name)
            continue
        suffix = 1
        while f"{name}_{suffix}" in taken:
            suffix += 1
        new = f"{name}_{suffix}"
        taken.add(new)
        names.append(new)
        changed.append(f"{k + 1}: {raw!r} read as {new!r}")
    if changed:
        notes.append(
            f"{what} repeated or empty, made distinct as Gambit does (" + "; ".join(changed) + ")"
        )
    return tuple(names)
