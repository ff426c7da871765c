"""The 144 strict ordinal 2x2 games: where a game lies in the Robinson-Goforth topology.

Conventions
-----------
Each player ranks the four outcomes 1 (worst) to 4 (best). Two games are the same ordinal game
when one becomes the other by swapping the rows and/or the columns: there are 576 pairs of
strict rankings and 144 such games (Robinson and Goforth 2005, *The Topology of the 2x2
Games: A New Periodic Table*, Routledge, ch. 2). Exchanging the players' roles as well leaves
78 games (Rapoport and Guyer 1966, "A taxonomy of 2x2 games", *General Systems* 11), of which
57 are games of conflict, with no outcome best for both (Brams 1994, *Theory of Moves*,
Cambridge University Press, appendix).

Orientation (Bruns 2015, "Names for games: locating 2x2 games", *Games* 6(4), 495-520,
section 4): the rows are ordered so that the row player's best outcome is in the second row,
the columns so that the column player's best outcome is in the second column. A game is then a
pair of payoff patterns, the row player's and the column player's (read with the roles
exchanged); each pattern is the row payoff pattern of one of the 12 symmetric games. This
pair is the game's place in Robinson and Goforth's 12 x 12 table, whose four 6 x 6 layers are
set by where the two best outcomes lie. The game is symmetric when both patterns are the
same; an asymmetric game is named by its two patterns, row first (Bruns 2015).

What is and is not reproduced
-----------------------------
The classification itself is exact and complete (144 games, 78 up to the players' roles, 57 of
conflict; the tests count them). Names are given to the seven symmetric games with standard
names, by their defining orders of the payoffs R (mutual cooperation), S (sucker), T
(temptation), P (mutual defection), with the second strategy the one named second:

====================  ==================  =============================================
name                  order               source
====================  ==================  =============================================
prisoner's dilemma    T > R > P > S       Rapoport and Guyer (1966); Poundstone (1992)
chicken               T > R > S > P       Rapoport and Guyer (1966)
deadlock              T > P > R > S       Poundstone (1992)
stag hunt             R > T > P > S       Skyrms (2004)
harmony               R > T > S > P       Licht (1999) [#]_
leader                T > S > R > P       Rapoport (1967)
battle of the sexes   S > T > R > P       Luce and Raiffa (1957); "hero", Rapoport (1967)
====================  ==================  =============================================

.. [#] Cooperation is dominant and mutual cooperation best in three orders (R > T > S > P,
   R > S > T > P, R > S > P > T); "harmony" is used for the first here, and only it is named.

The other five symmetric patterns are described, not named: Bruns (2015) names all twelve,
but his names for these five could not be read from a source available to this project, and
they are not guessed.

Published game numbers
----------------------
Three numberings are in use (Bruns 2015, section 4.1 and Figure 4): Rapoport and Guyer's 78
numbers (1966), Brams's numbers of the 57 conflict games (1994, appendix) and Robinson and
Goforth's three-digit numbers (layer, row and column of their periodic table, 2005). Each is
reported only where it is established from a source; elsewhere it is ``None`` (JSON null):

* Brams (1994): the prisoner's dilemma is game 32. Source: Willson (2000), *Mathematical
  Social Sciences* 39, 323-348, section 7, which prints the matrix (2,2) (4,1) / (1,4) (3,3)
  as "Prisoners' Dilemma Game 32 in Brams 1994". No other Brams number was found printed
  with its matrix in an available source (the earlier value 57 for chicken was not checked
  and is no longer given).
* Robinson and Goforth (2005) and Rapoport and Guyer (1966): not established. Their tables
  (and Bruns's Figure 4, which reproduces all three) were not available in a readable form,
  and the rule that turns payoff orders into the three-digit code (which player's pattern
  gives the row, how the rows of a layer are ordered) cannot be checked without them. The
  payoff patterns and the layer, which identify the game uniquely, are reported instead.

Examples
--------
>>> c = classify_ranks([[3, 1], [4, 2]], [[3, 4], [1, 2]])
>>> c.name, c.symmetric, c.brams, c.robinson_goforth
("prisoner's dilemma", True, 32, None)
>>> classify_ranks([[4, 1], [3, 2]], [[4, 3], [1, 2]]).name
'stag hunt'
>>> classify_ranks([[3, 1], [4, 2]], [[3, 4], [2, 1]]).name
"prisoner's dilemma / chicken"
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import GameValueError
from .graph import payoff_ranks

__all__ = ["PATTERNS", "Classification", "classify", "classify_ranks", "strict_refinements"]

#: Row payoff pattern (R, S, T, P) of a symmetric game, in the orientation above: the row
#: player's best outcome in the second row. Name, or a description for unnamed patterns.
PATTERNS: dict[tuple[int, int, int, int], str] = {
    (3, 1, 4, 2): "prisoner's dilemma",
    (3, 2, 4, 1): "chicken",
    (2, 1, 4, 3): "deadlock",
    (2, 3, 4, 1): "leader",
    (1, 3, 4, 2): "battle of the sexes",
    (1, 2, 4, 3): "unnamed (T > P > S > R)",
    (2, 3, 1, 4): "stag hunt",
    (1, 3, 2, 4): "harmony",
    (3, 1, 2, 4): "unnamed (P > R > T > S)",
    (3, 2, 1, 4): "unnamed (P > R > S > T)",
    (2, 1, 3, 4): "unnamed (P > T > R > S)",
    (1, 2, 3, 4): "unnamed (P > T > S > R)",
}

#: Brams (1994) numbers established from a source (see the module docstring), with it.
_BRAMS = {
    ((3, 1, 4, 2), (3, 1, 4, 2)): (
        32, "Willson 2000, Mathematical Social Sciences 39, section 7"),
}

_LAYERS = {
    (False, False): "best outcomes in different rows and columns",
    (True, True): "win-win (one outcome is best for both)",
    (True, False): "best outcomes in the same column",
    (False, True): "best outcomes in the same row",
}


@dataclass(frozen=True)
class Classification:
    """A strict ordinal 2x2 game's place among the 144.

    Attributes
    ----------
    row_pattern, column_pattern : tuple of int
        The players' payoff patterns (R, S, T, P) in the orientation of the module docstring.
    row_game, column_game : str
        The symmetric games those patterns come from.
    name : str
        The symmetric game's name, or ``"row game / column game"``.
    symmetric : bool
    conflict : bool
        No outcome is best for both players (Brams's games of conflict).
    layer : str
        Where the two best outcomes lie (Robinson and Goforth's four layers).
    brams : int or None
        Brams's (1994) number, where established from a source (module docstring).
    robinson_goforth : str or None
        Robinson and Goforth's (2005) published game number; ``None``: not established.
    rapoport_guyer : int or None
        Rapoport and Guyer's (1966) number; ``None``: not established.
    number_sources : tuple of (str, str)
        For each number given, the numbering and the source it is taken from.
    """

    row_pattern: tuple[int, int, int, int]
    column_pattern: tuple[int, int, int, int]
    row_game: str
    column_game: str
    name: str
    symmetric: bool
    conflict: bool
    layer: str
    brams: int | None
    robinson_goforth: str | None = None
    rapoport_guyer: int | None = None
    number_sources: tuple[tuple[str, str], ...] = ()

    def to_dict(self) -> dict[str, object]:
        """JSON form: the published numbers (null where not established), then the patterns."""
        return {
            "robinson_goforth": self.robinson_goforth,
            "rapoport_guyer": self.rapoport_guyer,
            "brams": self.brams,
            "number_sources": dict(self.number_sources),
            "patterns": {
                "row": list(self.row_pattern),
                "column": list(self.column_pattern),
                "row_game": self.row_game,
                "column_game": self.column_game,
                "layer": self.layer,
            },
            "name": self.name,
            "family": "symmetric" if self.symmetric else "asymmetric",
            "conflict": self.conflict,
        }


def _check(matrix: Sequence[Sequence[int]], who: str) -> tuple[int, int, int, int]:
    flat = tuple(int(v) for row in matrix for v in row)
    if len(flat) != 4 or sorted(flat) != [1, 2, 3, 4]:
        raise GameValueError(
            "a strict ordinal 2x2 game ranks its four outcomes 1, 2, 3, 4", key=who
        )
    return flat  # type: ignore[return-value]


def classify_ranks(
    row: Sequence[Sequence[int]], column: Sequence[Sequence[int]]
) -> Classification:
    """Classify a strict ordinal 2x2 game given by the players' ranks (4 = best).

    Parameters
    ----------
    row, column : 2 x 2 nested sequences of int
        ``row[r][c]`` is the row player's rank of the outcome (r, c), and likewise.

    Raises
    ------
    GameValueError
        If a player's ranks are not 1, 2, 3, 4 in some order.
    """
    a = _check(row, "row")
    b = _check(column, "column")
    # Row player's best outcome into the second row, column player's into the second column.
    r_best = a.index(4) // 2
    c_best = b.index(4) % 2
    rows = (0, 1) if r_best == 1 else (1, 0)
    cols = (0, 1) if c_best == 1 else (1, 0)
    a2 = tuple(a[2 * rows[i] + cols[j]] for i in (0, 1) for j in (0, 1))
    b2 = tuple(b[2 * rows[i] + cols[j]] for i in (0, 1) for j in (0, 1))
    row_pattern = a2
    column_pattern = (b2[0], b2[2], b2[1], b2[3])  # the column player's view: transpose
    row_game, column_game = PATTERNS[row_pattern], PATTERNS[column_pattern]
    symmetric = row_pattern == column_pattern
    name = row_game if symmetric else f"{row_game} / {column_game}"
    conflict = not any(x == 4 and y == 4 for x, y in zip(a, b, strict=True))
    layer = _LAYERS[(row_pattern[3] == 4, column_pattern[3] == 4)]
    brams, source = _BRAMS.get((row_pattern, column_pattern), (None, None))
    return Classification(
        row_pattern,  # type: ignore[arg-type]
        column_pattern,  # type: ignore[arg-type]
        row_game,
        column_game,
        name,
        symmetric,
        conflict,
        layer,
        brams,
        number_sources=(("brams", source),) if source else (),
    )


def strict_refinements(
    row: Sequence[Sequence[int]], column: Sequence[Sequence[int]]
) -> tuple[Classification, ...]:
    """The strict games a 2x2 game with tied ranks lies between.

    Every way of breaking each player's ties (keeping the strict preferences) gives a strict
    ordinal game; a game with ties is on the boundary between them (Robinson and Goforth
    2005, ch. 3; Bruns 2015, section 3). Returns the distinct classifications, sorted by name.
    """
    def breaks(values: tuple[int, ...]) -> list[tuple[int, ...]]:
        out = set()
        for order in itertools.permutations(range(4)):
            ranked = sorted(range(4), key=lambda k: (values[k], order.index(k)))
            strict = [0] * 4
            for r, k in enumerate(ranked):
                strict[k] = r + 1
            out.add(tuple(strict))
        return sorted(out)

    a = tuple(int(v) for r in row for v in r)
    b = tuple(int(v) for r in column for v in r)
    found = {}
    for x in breaks(a):
        for y in breaks(b):
            c = classify_ranks((x[:2], x[2:]), (y[:2], y[2:]))
            found[(c.row_pattern, c.column_pattern)] = c
    return tuple(sorted(found.values(), key=lambda c: (c.name, c.row_pattern, c.column_pattern)))


def classify(game: object) -> tuple[Classification | None, tuple[Classification, ...]]:
    """Classify a two-player 2x2 game, its payoffs read as ranks.

    Returns
    -------
    (Classification or None, tuple of Classification)
        The game's class when each player's four payoffs differ (else ``None``), and, when
        some are tied, the strict games the ties leave it between (else empty).

    Raises
    ------
    GameValueError
        If the game is not a two-player 2x2 game.
    """
    if tuple(game.shape) != (2, 2):  # type: ignore[attr-defined]
        raise GameValueError("the 2x2 classification needs a two-player 2x2 game", key="game")
    ranks = []
    for array in game.payoffs:  # type: ignore[attr-defined]
        flat = payoff_ranks([array[i, j] for i in (0, 1) for j in (0, 1)])
        ranks.append(((flat[0], flat[1]), (flat[2], flat[3])))
    strict = all(len(set(r[0] + r[1])) == 4 for r in ranks)
    if strict:
        return classify_ranks(ranks[0], ranks[1]), ()
    return None, strict_refinements(ranks[0], ranks[1])
