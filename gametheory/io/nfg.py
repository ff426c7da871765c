"""Read and write Gambit's strategic-form ``.nfg`` files, with exact payoffs.

The format (Gambit manual, "The strategic game (.nfg) file format") has two versions that share
a prologue::

    NFG 1 R "title" { "Player 1" "Player 2" } STRATEGIES [ "optional comment" ]

where STRATEGIES is either a list of strategy counts, ``{ 3 2 }`` (the strategies are then
labelled "1", "2", ...), or one list of labels per player, ``{ { "a" "b" "c" } { "x" "y" } }``.

- The *payoff version* follows with a flat list of numbers: for every pure profile, each
  player's payoff in player order. Profiles are listed with the **first** player's strategy
  changing fastest (like counting, with the first player as the least significant digit).
- The *outcome version* follows with a list of outcomes, ``{ { "name" 1, 2 } { "" 0 3 } }``
  (commas between payoffs optional), then one outcome number per profile in the same order;
  outcome 0 is the null outcome, paying 0 to everyone.

Numbers are integers, decimals with an optional exponent (``2.5``, ``1e3``, ``-.5``) or
fractions (``1/3``), all read exactly. A leading ``+`` and a signed exponent (``1.5e+2``) are
accepted too, although Gambit 16 itself rejects them. Strings are double-quoted; ``\\"`` stands for a quote
and ``\\\\`` for a backslash. Whitespace, line breaks included, separates tokens and is
otherwise insignificant.

Conventions of this module
--------------------------
- Every file Gambit 16 reads is read, with the names Gambit gives it. Gambit keeps empty and
  repeated strategy labels and player names, and makes them distinct: every occurrence of a
  repeated name, and every empty name, gets the suffix ``_k`` (k = 1, 2, ... in the file's
  order, skipping names already present), so ``{ "x" "x" }`` is read as ``x_1``, ``x_2`` and
  ``""`` as ``_1`` (measured with pygambit 16.7). Each change is reported in one note
  (:func:`parse_nfg_with_notes`), never made silently. (Control characters are kept in the
  game; a model, which refuses them in names, gets spaces instead, again with a note.)
- The optional comment is read and dropped (a :class:`~gametheory.game.Game` has a title
  only).
- :func:`write_nfg` writes the payoff version with strategy labels and exact numbers
  (``p/q``), one line per pure profile, so equal games give equal bytes.
- Every malformed input raises :class:`~gametheory.errors.GameValueError` naming the file and
  line; numbers obey the number policy of :mod:`gametheory.numbers` (digits, exponent), and
  files are read through :func:`gametheory.io.read_input_file` (regular files only, size
  capped while reading).

Examples
--------
>>> game = parse_nfg('NFG 1 R "Coordination" { "Ann" "Bob" } { 2 2 } 2 1  0 0  0 0  1 2')
>>> game.strategies
(('1', '2'), ('1', '2'))
>>> game.payoff(("2", "2"))
(Fraction(1, 1), Fraction(2, 1))
>>> print(write_nfg(game), end="")
NFG 1 R "Coordination" { "Ann" "Bob" }
{ { "1" "2" } { "1" "2" } }
<BLANKLINE>
2 1
0 0
0 0
1 2
>>> parse_nfg('NFG 1 R "t" { "A" "B" } { 2 2 }\\n1 2 3', file="bad.nfg")
Traceback (most recent call last):
...
gametheory.errors.GameValueError: bad.nfg:2: too few payoffs: expected 8 numbers (2 players x 4 profiles), found 3
"""  # noqa: E501

from __future__ import annotations

import itertools
import math
import os
import re
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

import numpy as np

from ..errors import GameError, GameValueError
from ..game import Game
from ..numbers import MAX_DIGITS, MAX_EXPONENT, check_number, format_fraction
from ._input import read_input_file

__all__ = ["parse_nfg", "parse_nfg_with_notes", "read_nfg", "write_nfg"]

# A number token longer than this cannot be within the number policy (two numbers of
# MAX_DIGITS digits, a sign, a point and an exponent).
_MAX_TOKEN = 2 * MAX_DIGITS + 16

_SCAN = re.compile(
    r"""
      (?P<space>\s+)
    | (?P<text>"(?:[^"\\]|\\.)*")
    | (?P<lbrace>\{)
    | (?P<rbrace>\})
    | (?P<comma>,)
    | (?P<word>[^\s{},"]+)
    """,
    re.VERBOSE | re.DOTALL,
)
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE]([+-]?[0-9]+))?")
_RATIO = re.compile(r"([+-]?[0-9]+)/([0-9]+)")
_COUNT = re.compile(r"[0-9]+")
_ESCAPE = re.compile(r"\\([\\\"])")


@dataclass(frozen=True)
class _Token:
    kind: str  # "number", "text", "symbol", "{", "}", ",", "end"
    value: str
    line: int

    def describe(self) -> str:
        if self.kind == "end":
            return "end of file"
        if self.kind == "text":
            shown = self.value if len(self.value) <= 30 else self.value[:27] + "..."
            return f"the string {shown!r}"
        if self.kind in ("{", "}", ","):
            return repr(self.kind)
        shown = self.value if len(self.value) <= 30 else self.value[:27] + "..."
        return f"{self.kind} {shown!r}"


def _tokens(text: str, file: str) -> list[_Token]:
    """Split the text into tokens, each with the line it starts on."""
    tokens: list[_Token] = []
    line, pos = 1, 0
    while pos < len(text):
        match = _SCAN.match(text, pos)
        if match is None:
            # The only character no alternative matches is a quote that is never closed.
            raise GameValueError("unterminated string (missing closing '\"')", file=file, line=line)
        kind, raw = match.lastgroup, match.group()
        if kind == "text":
            tokens.append(_Token("text", _ESCAPE.sub(r"\1", raw[1:-1]), line))
        elif kind == "word":
            number = raw[0].isdigit() or raw[0] in "+-."
            tokens.append(_Token("number" if number else "symbol", raw, line))
        elif kind != "space":
            tokens.append(_Token(raw, raw, line))
        line += raw.count("\n")
        pos = match.end()
    tokens.append(_Token("end", "", line))
    return tokens


def _number(token: _Token, file: str) -> Fraction:
    """The exact value of a number token."""
    text = token.value
    shown = repr(text) if len(text) <= 30 else repr(text[:27] + "...")
    if len(text) > _MAX_TOKEN or any(len(part) > MAX_DIGITS + 2 for part in text.split("/")):
        raise GameValueError(
            f"number too long ({len(text)} characters; at most {MAX_DIGITS} digits in a "
            "numerator or denominator)",
            file=file,
            line=token.line,
        )
    ratio = _RATIO.fullmatch(text)
    if ratio:
        if int(ratio.group(2)) == 0:
            raise GameValueError(f"division by zero in {shown}", file=file, line=token.line)
        value = Fraction(int(ratio.group(1)), int(ratio.group(2)))
        return check_number(value, file=file, line=token.line)
    decimal = _DECIMAL.fullmatch(text)
    if decimal is None:
        raise GameValueError(f"not a number: {shown}", file=file, line=token.line)
    exponent = decimal.group(1)
    if exponent is not None and (len(exponent) > 8 or abs(int(exponent)) > MAX_EXPONENT):
        raise GameValueError(
            f"exponent too large in {shown} (at most {MAX_EXPONENT})", file=file, line=token.line
        )
    return check_number(Fraction(Decimal(text)), file=file, line=token.line)


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


def parse_nfg(text: str, file: str | None = None) -> Game:
    """Build a game from the text of a Gambit ``.nfg`` file (payoff or outcome version).

    Parameters
    ----------
    text : str
        The file's content.
    file : str, optional
        The file name, used in error messages (default ``"<string>"``).

    Returns
    -------
    Game
        With the file's title, player names and strategy labels ("1", "2", ... where the file
        gives only counts), and exact payoffs.

    Raises
    ------
    GameValueError
        For any malformed input, naming the file and line.

    Examples
    --------
    The outcome version: outcome 0 pays nothing.

    >>> g = parse_nfg('''NFG 1 R "Stag hunt" { "Ann" "Bob" }
    ... { { "stag" "hare" } { "stag" "hare" } }
    ... { { "both hunt stag" 4, 4 } { "alone" 0, 3 } { "alone" 3, 0 } }
    ... 1 3 2 0''')
    >>> g.payoff(("hare", "stag")), g.payoff(("hare", "hare"))
    ((Fraction(3, 1), Fraction(0, 1)), (Fraction(0, 1), Fraction(0, 1)))
    >>> parse_nfg('NFG 1 R "t" { "A" "B" }\\n{ { "x" "x" } { "y" } }\\n1 2 3 4').strategies
    (('x_1', 'x_2'), ('y',))
    """
    return parse_nfg_with_notes(text, file)[0]


def parse_nfg_with_notes(text: str, file: str | None = None) -> tuple[Game, tuple[str, ...]]:
    """As :func:`parse_nfg`, with a note for each way the game differs from the file's text.

    Returns
    -------
    game : Game
    notes : tuple of str
        One line for each list of names made distinct or cleaned (see the module docstring),
        empty when the game has the file's names as they are.

    Examples
    --------
    >>> game, notes = parse_nfg_with_notes(
    ...     'NFG 1 R "t" { "A" "A" }\\n{ { "" "x" } { "y" } }\\n1 2 3 4')
    >>> game.players, game.strategies
    (('A_1', 'A_2'), (('_1', 'x'), ('y',)))
    >>> for note in notes: print(note)
    player names repeated or empty, made distinct as Gambit does (1: 'A' read as 'A_1'; 2: 'A' read as 'A_2')
    strategy labels of 'A_1' repeated or empty, made distinct as Gambit does (1: '' read as '_1')
    """  # noqa: E501
    where = "<string>" if file is None else str(file)
    if not isinstance(text, str):
        raise GameValueError("an .nfg file must be given as text (str)", file=where)
    parser = _Parser(text.removeprefix("\ufeff"), where)
    game = parser.game()
    return game, tuple(parser.notes)


def read_nfg(path: str | os.PathLike[str]) -> Game:
    """Read a game from a Gambit ``.nfg`` file.

    Parameters
    ----------
    path : str or os.PathLike
        The file. UTF-8 is expected; a file that is not valid UTF-8 is read as Latin-1, the
        encoding older Gambit versions wrote.

    Returns
    -------
    Game

    Raises
    ------
    GameValueError
        If the file cannot be read or is malformed (naming the file and line).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "pennies.nfg"
    >>> _ = path.write_text(write_nfg(Game.from_arrays([[1, -1], [-1, 1]])))
    >>> read_nfg(path).payoffs[1].tolist()
    [[Fraction(-1, 1), Fraction(1, 1)], [Fraction(1, 1), Fraction(-1, 1)]]
    """
    name = os.fspath(path)
    return parse_nfg(decode_nfg(read_input_file(name)), file=name)


def decode_nfg(data: bytes) -> str:
    """The text of an ``.nfg`` file: UTF-8, else Latin-1 (as older Gambit versions wrote)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_nfg(game: Game) -> str:
    """The game as a Gambit ``.nfg`` file (payoff version, strategy labels, exact numbers).

    Parameters
    ----------
    game : Game

    Returns
    -------
    str
        The file's text: the prologue on two lines, a blank line, then one line per pure
        profile (first player's strategy changing fastest) with every player's payoff as an
        exact integer or fraction ``p/q``. The same game always gives the same text.

    Notes
    -----
    Gambit 16.7 reads back only labels of printable ASCII characters without leading,
    trailing or doubled spaces, and (a quirk of its reader) rejects a strategy label equal to
    the default number of *another* strategy of the same player, such as ``{ "2" "x" }``.
    Games with such labels are written faithfully and read back by :func:`parse_nfg`.

    Examples
    --------
    >>> g = Game.from_arrays([["1/2", 0], [0, 1]], [[1, 0], [0, "-3/4"]],
    ...                      players=("He", "She"), strategies=(("U", "D"), ("L", "R")),
    ...                      title='The "game"')
    >>> print(write_nfg(g), end="")
    NFG 1 R "The \\"game\\"" { "He" "She" }
    { { "U" "D" } { "L" "R" } }
    <BLANKLINE>
    1/2 1
    0 0
    0 0
    1 -3/4
    >>> parse_nfg(write_nfg(g)) == g
    True
    """
    players = " ".join(_quote(p) for p in game.players)
    strategies = " ".join(
        "{ " + " ".join(_quote(s) for s in labels) + " }" for labels in game.strategies
    )
    lines = [f"NFG 1 R {_quote(game.title)} {{ {players} }}", f"{{ {strategies} }}", ""]
    # itertools.product varies its last factor fastest; reverse so the first player's is.
    for reverse in itertools.product(*(range(k) for k in reversed(game.shape))):
        index = reverse[::-1]
        lines.append(" ".join(format_fraction(p[index]) for p in game.payoffs))
    return "\n".join(lines) + "\n"
