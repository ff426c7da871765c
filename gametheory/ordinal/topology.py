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

Orientation, as in the periodic table (Robinson and Goforth 2005; Bruns 2015, "Names for
games: locating 2x2 games", *Games* 6(4), 495-520): the columns are ordered so that the row
player's best outcome is in the second column, the rows so that the column player's best
outcome is in the first row. A game is then a pair of payoff patterns, the row player's four
payoffs and the column player's, row by row; there are 12 of each, and the pair is the game's
cell in the 12 x 12 table, whose four 6 x 6 layers are set by where the two best outcomes lie.
Each pattern is that of one of the 12 symmetric games, which Bruns (2015) names; an
asymmetric game is named by its two patterns, the row player's first (Bruns 2015).

Names
-----
The 12 symmetric games are defined by the order of the payoffs R (both play the first
strategy), S (one plays the first, the other the second: the first's payoff), T (the
second's payoff) and P (both play the second). ``name`` is the standard name where the
literature has one, else Bruns's; ``bruns`` is always Bruns's (as printed in the source
below):

====================  =================  ================================  ===================
name                  order              source of the name                Bruns (abbreviation)
====================  =================  ================================  ===================
prisoner's dilemma    T > R > P > S      Rapoport and Guyer (1966)         Prisoner's Dilemma
                                                                           (Pd)
chicken               T > R > S > P      Rapoport and Guyer (1966)         Chicken (Ch)
deadlock              T > P > R > S      Poundstone (1992)                 Deadlock (Dl)
stag hunt             R > T > P > S      Skyrms (2004)                     Stag Hunt (Sh)
leader                T > S > R > P      Rapoport (1967)                   Battle (Ba)
battle of the sexes   S > T > R > P      Luce and Raiffa (1957); "hero",   Hero (Hr)
                                         Rapoport (1967)
compromise            S > R > T > P      Bruns (2015)                      Compromise (Cm)
concord               R > T > S > P      Bruns (2015) [#]_                 Concord (Nc)
harmony               R > S > T > P      Bruns (2015)                      Harmony (Ha)
peace                 R > S > P > T      Bruns (2015)                      Peace (Pc)
assurance             R > P > T > S      Bruns (2015)                      Assurance (As)
coordination          R > P > S > T      Bruns (2015)                      Coordination (Co)
====================  =================  ================================  ===================

.. [#] Licht (1999) and others call R > T > S > P "harmony"; Bruns gives that name to
   R > S > T > P, and his names are used for all three games in which the first strategy
   dominates and R is best.

Bruns's names and his orientation are taken from two independent transcriptions of his
paper, which agree: the periodic table "with a naming scheme proposed by Bruns (2015)" in the
documentation of the ``twoxtwogame`` LaTeX package (Marris, CTAN; table "Periodic table of
ordinal games", which prints each row and column label with its payoff pattern, and shortens
Prisoner's Dilemma and Stag Hunt to Dilemma and Hunt), and the table "Structure of 2x2 games
from Bruns, 2015" of the R package ``nitratesgame`` (Penny; ``data-raw/game_2x2_structures.R``,
each name with its abbreviation and its four payoffs). The tests check the names computed here
against both: all 12 payoff orders of the R table, and all 12 row labels and 11 column labels
of the periodic table (its column label of Hero, pattern 3124, has the column player's best
outcome in the second row, against the table's own convention, and is a misprint). "Battle"
is Bruns's name for Rapoport's leader, and "Hero" for the game called battle of the sexes
here: both lie next to Luce and Raiffa's battle of the sexes, whose ties they break.

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
* Rapoport and Guyer (1966): every strict game's number, 1 to 78, from the listing of
  Albrecht and Ramamoorthy (2012) in two agreeing transcriptions (see :mod:`.numbering`).
* Robinson and Goforth (2005): not established. Their table (and Bruns's Figure 4, which
  reproduces all three numberings) was not available in a readable form, nor any other
  source printing their numbers with the games' matrices: the stored copies of Bruns (2015)
  break off where section 4.1 begins to describe them, and the "R-G index" tables found in
  public repositories (e.g. prisoner's dilemma 111, chicken 222) cite no page and are not
  even consistent with themselves (battle of the sexes listed in layer 2 as 312), so they
  are not used. The order of the periodic table's rows and columns is
  known (the twoxtwogame table prints it), but how its layers, rows and columns are
  numbered cannot be checked. The payoff patterns and the layer, which identify the game
  uniquely, are reported instead.
* Brams (1994), other games than the prisoner's dilemma: not established. Brams's numbers
  differ from Rapoport and Guyer's and from the 1-57 index of Albrecht and Ramamoorthy's
  conflict games (their game 6 is the prisoner's dilemma, Brams's 32).

Examples
--------
>>> c = classify_ranks([[3, 1], [4, 2]], [[3, 4], [1, 2]])
>>> c.name, c.bruns, c.symmetric, c.brams, c.rapoport_guyer, c.robinson_goforth
("prisoner's dilemma", "Prisoner's Dilemma", True, 32, 12, None)
>>> classify_ranks([[4, 1], [3, 2]], [[4, 3], [1, 2]]).name
'stag hunt'
>>> classify_ranks([[3, 1], [4, 2]], [[3, 4], [2, 1]]).bruns
"Prisoner's Dilemma / Chicken"
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import GameValueError
from .graph import payoff_ranks
from .numbering import rapoport_guyer_number

__all__ = [
    "PATTERNS", "SYMMETRIC_GAMES", "Classification", "classify", "classify_ranks",
    "orient", "strict_refinements",
]

Pattern = tuple[int, int, int, int]

#: The 12 symmetric games by their payoffs (R, S, T, P): (name, Bruns's name).
SYMMETRIC_GAMES: dict[Pattern, tuple[str, str]] = {
    (3, 1, 4, 2): ("prisoner's dilemma", "Prisoner's Dilemma"),
    (3, 2, 4, 1): ("chicken", "Chicken"),
    (2, 1, 4, 3): ("deadlock", "Deadlock"),
    (4, 1, 3, 2): ("stag hunt", "Stag Hunt"),
    (2, 3, 4, 1): ("leader", "Battle"),
    (2, 4, 3, 1): ("battle of the sexes", "Hero"),
    (3, 4, 2, 1): ("compromise", "Compromise"),
    (4, 2, 3, 1): ("concord", "Concord"),
    (4, 3, 2, 1): ("harmony", "Harmony"),
    (4, 3, 1, 2): ("peace", "Peace"),
    (4, 1, 2, 3): ("assurance", "Assurance"),
    (4, 2, 1, 3): ("coordination", "Coordination"),
}


def orient(row: Pattern, column: Pattern) -> tuple[Pattern, Pattern]:
    """Both players' payoffs (row by row) in the periodic table's orientation.

    The columns are swapped if needed to put the row player's best outcome in the second
    column, the rows to put the column player's best outcome in the first row.
    """
    cols = (0, 1) if row.index(4) % 2 == 1 else (1, 0)
    rows = (0, 1) if column.index(4) // 2 == 0 else (1, 0)

    def arrange(m: Pattern) -> Pattern:
        return (m[2 * rows[0] + cols[0]], m[2 * rows[0] + cols[1]],
                m[2 * rows[1] + cols[0]], m[2 * rows[1] + cols[1]])

    return arrange(row), arrange(column)


def _symmetric(rstp: Pattern) -> tuple[Pattern, Pattern]:
    r, s, t, p = rstp
    return (r, s, t, p), (r, t, s, p)  # the column player's payoffs: the transpose


#: Row payoff pattern in the table's orientation -> names, computed from the definitions.
PATTERNS: dict[Pattern, tuple[str, str]] = {
    orient(*_symmetric(k))[0]: v for k, v in SYMMETRIC_GAMES.items()}
_COLUMN_PATTERNS: dict[Pattern, tuple[str, str]] = {
    orient(*_symmetric(k))[1]: v for k, v in SYMMETRIC_GAMES.items()}

#: Brams (1994) numbers established from a source (module docstring), by pattern pair.
_BRAMS = {
    orient(*_symmetric((3, 1, 4, 2))): (
        32, "Willson 2000, Mathematical Social Sciences 39, section 7"),
}


_RG_SOURCE = "Albrecht and Ramamoorthy 2012, AAMAS, arXiv:1907.09189, the 78 games listed"


def _layer(a: Pattern, b: Pattern) -> str:
    i, j = a.index(4), b.index(4)
    if i == j:
        return "win-win (one outcome is best for both)"
    if i // 2 == j // 2:
        return "best outcomes in the same row"
    if i % 2 == j % 2:
        return "best outcomes in the same column"
    return "best outcomes in different rows and columns"


@dataclass(frozen=True)
class Classification:
    """A strict ordinal 2x2 game's place among the 144.

    Attributes
    ----------
    row_pattern, column_pattern : tuple of int
        Each player's four payoffs, row by row, in the table's orientation (module docstring).
    row_game, column_game : str
        The symmetric games those patterns come from (``name`` of each).
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
        Rapoport and Guyer's (1966) number, 1 to 78 (:mod:`.numbering`).
    number_sources : tuple of (str, str)
        For each number given, the numbering and the source it is taken from.
    bruns : str
        Bruns's (2015) name: of the symmetric game, or ``"Row / Column"`` of the patterns.
    """

    row_pattern: Pattern
    column_pattern: Pattern
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
    bruns: str = ""

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
            "bruns": self.bruns,
            "family": "symmetric" if self.symmetric else "asymmetric",
            "conflict": self.conflict,
        }


def _check(matrix: Sequence[Sequence[int]], who: str) -> Pattern:
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
    row_pattern, column_pattern = orient(a, b)
    row_game, row_bruns = PATTERNS[row_pattern]
    column_game, column_bruns = _COLUMN_PATTERNS[column_pattern]
    symmetric = row_game == column_game
    name = row_game if symmetric else f"{row_game} / {column_game}"
    bruns = row_bruns if symmetric else f"{row_bruns} / {column_bruns}"
    conflict = not any(x == 4 and y == 4 for x, y in zip(a, b, strict=True))
    brams, source = _BRAMS.get((row_pattern, column_pattern), (None, None))
    sources = [("rapoport_guyer", _RG_SOURCE)]
    if source:
        sources.append(("brams", source))
    return Classification(
        row_pattern,
        column_pattern,
        row_game,
        column_game,
        name,
        symmetric,
        conflict,
        _layer(a, b),
        brams,
        rapoport_guyer=rapoport_guyer_number((a[:2], a[2:]), (b[:2], b[2:])),
        number_sources=tuple(sources),
        bruns=bruns,
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
