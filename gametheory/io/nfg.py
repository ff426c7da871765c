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

The tokens are read in ``_nfg_tokens`` (shared with ``.efg`` files) and parsed in
``_nfg_reader``; this module holds the public readers and the writer.

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
import os

from ..errors import GameValueError
from ..game import Game
from ..numbers import format_fraction
from ._input import read_input_file
from ._nfg_reader import _names, _Parser  # noqa: F401 (re-exported)
from ._nfg_tokens import (  # noqa: F401 (re-exported: efg.py reads the same tokens)
    _COUNT,
    _DECIMAL,
    _ESCAPE,
    _MAX_TOKEN,
    _RATIO,
    _SCAN,
    _number,
    _Token,
    _tokens,
)

__all__ = ["parse_nfg", "parse_nfg_with_notes", "read_nfg", "write_nfg"]


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
