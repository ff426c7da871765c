"""Rapoport and Guyer's numbers of the 78 strict ordinal 2x2 games.

Rapoport and Guyer (1966, "A taxonomy of 2x2 games", *General Systems* 11, 203-214) count 78
strategically distinct strict ordinal 2x2 games: two games are the same when one becomes the
other by swapping the rows, swapping the columns and/or exchanging the players' roles. They
number them 1 to 78; games 1-6, 22-30 and 58-63 are the 21 games with an outcome best for
both players (no conflict), the other 57 are games of conflict.

Source of the numbers
---------------------
The original listing was not available; the numbers are those of the listing "based on the
taxonomy of Rapoport and Guyer (1966)" in Albrecht and Ramamoorthy (2012), "A comparative
evaluation of multiagent learning algorithms in a diverse set of ad hoc team problems",
AAMAS 2012 (arXiv:1907.09189), which prints each game with its own index and, in
parentheses, Rapoport and Guyer's number. The table below is the machine-readable
transcription in the authors' code (``uoe-agents/matrix-games``, ``matrixgames/aamas2012.py``,
whose game 61 writes rank 1 as 0, the same order); the tests check it against the listing
printed in Albrecht, Christianos and Schaefer (2024), *Multi-Agent Reinforcement Learning*,
MIT Press, section 11.2 (``tests/data/rapoport_guyer_listing.txt``), which agrees on every
game and notes that game 23 has a typo in Rapoport and Guyer's own listing (its corrected
form is used). The named games land where the literature puts them:
the prisoner's dilemma is game 12, chicken 66, leader 68 and the battle of the sexes (hero)
69 (the tests check these and that the 78 games are distinct and cover all 576 games).

Each game below is written row by row, one outcome per pair of digits: the row player's rank
then the column player's (4 = best).

Examples
--------
>>> rapoport_guyer_number([[3, 1], [4, 2]], [[3, 4], [1, 2]])  # prisoner's dilemma
12
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["RAPOPORT_GUYER_GAMES", "canonical_form", "rapoport_guyer_number"]

Ranks = tuple[int, int, int, int]

_LISTING = {
    1: "44 33 22 11", 2: "44 33 12 21", 3: "44 32 23 11", 4: "44 32 13 21", 5: "44 31 13 22",
    6: "44 23 32 11", 7: "33 42 24 11", 8: "33 42 14 21", 9: "33 41 14 22", 10: "23 42 14 31",
    11: "23 41 14 32", 12: "22 41 14 33", 13: "34 42 23 11", 14: "34 42 13 21", 15: "34 41 23 12",
    16: "34 41 13 22", 17: "24 42 13 31", 18: "24 41 13 32", 19: "34 43 12 21", 20: "34 43 22 11",
    21: "24 43 12 31", 22: "44 33 21 12", 23: "44 33 11 22", 24: "44 32 21 13", 25: "44 32 11 23",
    26: "44 23 31 12", 27: "44 22 31 13", 28: "44 31 22 13", 29: "44 31 12 23", 30: "44 21 32 13",
    31: "34 22 13 41", 32: "34 21 13 42", 33: "34 12 23 41", 34: "34 11 23 42", 35: "24 32 13 41",
    36: "24 31 13 42", 37: "34 23 12 41", 38: "34 13 22 41", 39: "24 33 12 41", 40: "34 41 22 13",
    41: "34 41 12 23", 42: "33 41 22 14", 43: "33 41 12 24", 44: "24 41 12 33", 45: "32 41 23 14",
    46: "32 41 13 24", 47: "23 41 12 34", 48: "22 41 13 34", 49: "34 43 21 12", 50: "34 43 11 22",
    51: "34 42 21 13", 52: "34 42 11 23", 53: "33 42 21 14", 54: "33 42 11 24", 55: "24 43 11 32",
    56: "24 42 11 33", 57: "23 42 11 34", 58: "44 23 11 32", 59: "44 22 11 33", 60: "44 21 12 33",
    61: "44 13 31 22", 62: "44 12 31 23", 63: "44 12 21 33", 64: "34 21 12 43", 65: "24 31 12 43",
    66: "33 24 42 11", 67: "23 34 42 11", 68: "22 34 43 11", 69: "22 43 34 11", 70: "34 21 42 13",
    71: "33 21 42 14", 72: "32 21 43 14", 73: "24 41 32 13", 74: "24 31 42 13", 75: "23 41 32 14",
    76: "23 31 42 14", 77: "22 41 33 14", 78: "22 31 43 14",
}


def _parse(text: str) -> tuple[Ranks, Ranks]:
    cells = text.split()
    row = tuple(int(c[0]) for c in cells)
    column = tuple(int(c[1]) for c in cells)
    return row, column  # type: ignore[return-value]


#: Rapoport and Guyer's number -> (row player's ranks, column player's ranks), row by row.
RAPOPORT_GUYER_GAMES: dict[int, tuple[Ranks, Ranks]] = {
    k: _parse(v) for k, v in _LISTING.items()}


def _variants(row: Ranks, column: Ranks) -> list[tuple[Ranks, Ranks]]:
    """The 8 ways of writing one game: swap rows, swap columns, exchange the players."""
    def swap_rows(m: Ranks) -> Ranks:
        return (m[2], m[3], m[0], m[1])

    def swap_columns(m: Ranks) -> Ranks:
        return (m[1], m[0], m[3], m[2])

    def transpose(m: Ranks) -> Ranks:
        return (m[0], m[2], m[1], m[3])

    out = []
    for a, b in ((row, column), (transpose(column), transpose(row))):
        for flip_rows in (False, True):
            for flip_columns in (False, True):
                x, y = a, b
                if flip_rows:
                    x, y = swap_rows(x), swap_rows(y)
                if flip_columns:
                    x, y = swap_columns(x), swap_columns(y)
                out.append((x, y))
    return out


def canonical_form(row: Sequence[int], column: Sequence[int]) -> tuple[Ranks, Ranks]:
    """The least of the 8 ways of writing a 2x2 game (each player's four ranks, row by row)."""
    return min(_variants(tuple(row), tuple(column)))  # type: ignore[arg-type]


_BY_FORM = {canonical_form(*game): k for k, game in RAPOPORT_GUYER_GAMES.items()}


def rapoport_guyer_number(
    row: Sequence[Sequence[int]], column: Sequence[Sequence[int]]
) -> int:
    """Rapoport and Guyer's (1966) number of a strict ordinal 2x2 game.

    Parameters
    ----------
    row, column : 2 x 2 nested sequences of int
        Each player's ranks 1-4 of the outcomes (4 = best), all different.

    Raises
    ------
    ValueError
        If a player's ranks are not 1, 2, 3, 4 in some order.
    """
    a = tuple(int(v) for r in row for v in r)
    b = tuple(int(v) for r in column for v in r)
    if sorted(a) != [1, 2, 3, 4] or sorted(b) != [1, 2, 3, 4]:
        raise ValueError("a strict ordinal 2x2 game ranks its four outcomes 1, 2, 3, 4")
    return _BY_FORM[canonical_form(a, b)]
