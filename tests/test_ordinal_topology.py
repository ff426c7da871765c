"""The 2x2 topology and Theory of Moves against the literature's counts and named games."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory import Game, GameValueError
from gametheory.models import load_model
from gametheory.ordinal import classify, classify_ranks, strict_refinements, theory_of_moves
from gametheory.ordinal.numbering import RAPOPORT_GUYER_GAMES

_PERMS = list(itertools.permutations((1, 2, 3, 4)))


def _game(a, b, labels=(("C", "D"), ("C", "D"))):
    return Game.from_arrays([a[:2], a[2:]], [b[:2], b[2:]], strategies=labels)


def _symmetric(r, s, t, p):
    """The symmetric game with row payoffs R, S, T, P (strategies C, D)."""
    return _game((r, s, t, p), (r, t, s, p))


def _classes():
    found = {}
    for a in _PERMS:
        for b in _PERMS:
            c = classify_ranks((a[:2], a[2:]), (b[:2], b[2:]))
            found.setdefault((c.row_pattern, c.column_pattern), (a, b, c))
    return found


def test_counts_of_the_literature():
    # 144 strict ordinal games up to swapping rows and columns (Robinson and Goforth 2005,
    # ch. 2); 78 also up to exchanging the players (Rapoport and Guyer 1966), 57 of them games
    # of conflict, with no outcome best for both (Brams 1994); 12 symmetric games.
    classes = _classes()
    assert len(classes) == 144
    # Each pattern belongs to one symmetric game: the pair of games identifies the class, and
    # exchanging the players exchanges the pair.
    games = {(c.row_game, c.column_game) for *_, c in classes.values()}
    assert len(games) == 144
    up_to_players = {min(k, k[::-1]): c for *_, c in classes.values()
                     for k in [(c.row_game, c.column_game)]}
    assert len(up_to_players) == 78
    assert sum(1 for c in up_to_players.values() if c.conflict) == 57
    assert sum(1 for *_, c in classes.values() if c.symmetric) == 12


def test_invariant_under_swapping_rows_columns_and_players():
    for a, b, c in _classes().values():
        swapped_rows = (a[2:] + a[:2], b[2:] + b[:2])
        swapped_cols = ((a[1], a[0], a[3], a[2]), (b[1], b[0], b[3], b[2]))
        for x, y in (swapped_rows, swapped_cols):
            d = classify_ranks((x[:2], x[2:]), (y[:2], y[2:]))
            assert (d.row_pattern, d.column_pattern) == (c.row_pattern, c.column_pattern)
        # Exchanging the players' roles exchanges the two patterns' games.
        e = classify_ranks(((b[0], b[2]), (b[1], b[3])), ((a[0], a[2]), (a[1], a[3])))
        assert (e.row_game, e.column_game) == (c.column_game, c.row_game)


@pytest.mark.parametrize(
    ("rstp", "name", "bruns"),
    [
        pytest.param((3, 1, 4, 2), "prisoner's dilemma", "Prisoner's Dilemma",
                     id="prisoners-dilemma"),
        pytest.param((3, 2, 4, 1), "chicken", "Chicken", id="chicken"),
        pytest.param((2, 1, 4, 3), "deadlock", "Deadlock", id="deadlock"),
        pytest.param((4, 1, 3, 2), "stag hunt", "Stag Hunt", id="stag-hunt"),
        pytest.param((2, 3, 4, 1), "leader", "Battle", id="leader"),
        pytest.param((2, 4, 3, 1), "battle of the sexes", "Hero", id="hero"),
        pytest.param((3, 4, 2, 1), "compromise", "Compromise", id="compromise"),
        pytest.param((4, 2, 3, 1), "concord", "Concord", id="concord"),
        pytest.param((4, 3, 2, 1), "harmony", "Harmony", id="harmony"),
        pytest.param((4, 3, 1, 2), "peace", "Peace", id="peace"),
        pytest.param((4, 1, 2, 3), "assurance", "Assurance", id="assurance"),
        pytest.param((4, 2, 1, 3), "coordination", "Coordination", id="coordination"),
    ],
)
def test_named_symmetric_games(rstp, name, bruns):
    # The defining orders of R, S, T, P (see gametheory.ordinal.topology); relabelling both
    # players' strategies (R <-> P, S <-> T) is the same game.
    c, ties = classify(_symmetric(*rstp))
    assert (c.name, c.bruns, c.symmetric, ties) == (name, bruns, True, ())
    r, s, t, p = rstp
    assert classify(_symmetric(p, t, s, r))[0] == c


# The periodic table "with a naming scheme proposed by Bruns (2015)" in the documentation of
# the twoxtwogame LaTeX package (Marris; CTAN; twoxtwogame_doc.tex, table "Periodic table of
# ordinal games"): each row label with the row player's payoffs and each column label with the
# column player's, row by row. The column label of Hero is printed with 3124, which has the
# column player's best outcome in the second row against the table's convention (a misprint);
# it is left out.
_TABLE_ROWS = {
    "Chicken": (2, 3, 1, 4), "Battle": (3, 2, 1, 4), "Hero": (3, 1, 2, 4),
    "Compromise": (2, 1, 3, 4), "Deadlock": (1, 2, 3, 4), "Dilemma": (1, 3, 2, 4),
    "Hunt": (1, 4, 2, 3), "Assurance": (1, 4, 3, 2), "Coordination": (2, 4, 3, 1),
    "Peace": (3, 4, 2, 1), "Harmony": (3, 4, 1, 2), "Concord": (2, 4, 1, 3),
}
_TABLE_COLUMNS = {
    "Concord": (3, 4, 1, 2), "Harmony": (2, 4, 1, 3), "Peace": (1, 4, 2, 3),
    "Coordination": (1, 4, 3, 2), "Assurance": (2, 4, 3, 1), "Hunt": (3, 4, 2, 1),
    "Dilemma": (4, 3, 2, 1), "Deadlock": (4, 2, 3, 1), "Compromise": (4, 1, 3, 2),
    "Battle": (4, 2, 1, 3), "Chicken": (4, 3, 1, 2),
}


@pytest.mark.parametrize("row", sorted(_TABLE_ROWS))
@pytest.mark.parametrize("column", sorted(_TABLE_COLUMNS))
def test_bruns_names_of_the_periodic_table(row, column):
    # Every cell of the table is the game of its row's and its column's patterns; its name is
    # the combination, row first, and on the diagonal the symmetric game's name.
    a, b = _TABLE_ROWS[row], _TABLE_COLUMNS[column]
    c = classify_ranks((a[:2], a[2:]), (b[:2], b[2:]))
    assert (c.row_pattern, c.column_pattern) == (a, b)  # already in the table's orientation
    full = {"Dilemma": "Prisoner's Dilemma", "Hunt": "Stag Hunt"}  # shortened in the table
    row, column = full.get(row, row), full.get(column, column)
    assert c.bruns == (row if row == column else f"{row} / {column}")
    assert c.symmetric == (row == column)


# "Structure of 2x2 games from Bruns, 2015", R package nitratesgame (Penny), file
# data-raw/game_2x2_structures.R: name, abbreviation and the payoffs r00, rself, ropp, r11 of
# a symmetric game, where (as its games-2x2.R reads them) the player's payoffs are r00 at
# (0, 0), ropp at (0, 1), rself at (1, 0) and r11 at (1, 1).
_R_TABLE = [
    ("Concord", "Nc", 1, 2, 3, 4), ("Harmony", "Ha", 1, 3, 2, 4), ("Peace", "Pc", 2, 3, 1, 4),
    ("Coordination", "Co", 3, 2, 1, 4), ("Assurance", "As", 3, 1, 2, 4),
    ("Stag Hunt", "Sh", 2, 1, 3, 4), ("Prisoner's Dilemma", "Pd", 2, 1, 4, 3),
    ("Deadlock", "Dl", 3, 1, 4, 2), ("Compromise", "Cm", 3, 2, 4, 1), ("Hero", "Hr", 2, 3, 4, 1),
    ("Battle", "Ba", 1, 3, 4, 2), ("Chicken", "Ch", 1, 2, 4, 3),
]


@pytest.mark.parametrize(("name", "abbrev", "r00", "rself", "ropp", "r11"), _R_TABLE,
                         ids=[row[1] for row in _R_TABLE])
def test_bruns_names_of_the_symmetric_games(name, abbrev, r00, rself, ropp, r11):
    a = (r00, ropp, rself, r11)
    c, _ = classify(_game(a, (a[0], a[2], a[1], a[3])))
    assert (c.symmetric, c.bruns) == (True, name)


@pytest.mark.parametrize(
    ("model", "name"),
    [
        pytest.param("prisoners-dilemma", "prisoner's dilemma", id="prisoners-dilemma"),
        pytest.param("chicken", "chicken", id="chicken"),
    ],
)
def test_builtin_strict_models(model, name):
    c, ties = classify(load_model(model).game())
    assert (c.name, ties) == (name, ())


# Published game numbers printed with their matrices: (row player's payoffs, column player's
# payoffs, numbering, number). Each entry cites the page that prints it.
_PUBLISHED_NUMBERS = [
    pytest.param(
        (2, 4, 1, 3), (2, 1, 4, 3), "brams", 32,
        # "Prisoners' Dilemma Game 32 in Brams, 1994": (2,2) (4,1) / (1,4) (3,3).
        id="willson-2000-section-7-prisoners-dilemma-brams-32",
    ),
    # Rapoport and Guyer's numbers as listed by Albrecht and Ramamoorthy (2012) and printed
    # in Albrecht, Christianos and Schaefer (2024, MIT Press, section 11.2), each matrix
    # given here as the symmetric game with both players' strategies in the other order
    # (the listing's, except for the prisoner's dilemma, puts the first strategies first).
    pytest.param(
        (3, 1, 4, 2), (3, 4, 1, 2), "rapoport_guyer", 12,
        # Listed as 12: (2,2) (4,1) / (1,4) (3,3); the prisoner's dilemma, T > R > P > S.
        id="rapoport-guyer-12-prisoners-dilemma",
    ),
    pytest.param(
        (1, 4, 2, 3), (1, 2, 4, 3), "rapoport_guyer", 66,
        # Listed as 66: (3,3) (2,4) / (4,2) (1,1); chicken, T > R > S > P.
        id="rapoport-guyer-66-chicken",
    ),
    pytest.param(
        (1, 4, 3, 2), (1, 3, 4, 2), "rapoport_guyer", 68,
        # Listed as 68: (2,2) (3,4) / (4,3) (1,1); leader, T > S > R > P.
        id="rapoport-guyer-68-leader",
    ),
    pytest.param(
        (1, 3, 4, 2), (1, 4, 3, 2), "rapoport_guyer", 69,
        # Listed as 69: (2,2) (4,3) / (3,4) (1,1); hero, S > T > R > P.
        id="rapoport-guyer-69-hero",
    ),
    pytest.param(
        (2, 3, 1, 4), (2, 1, 3, 4), "rapoport_guyer", 61,
        # Listed as 61: (4,4) (1,3) / (3,1) (2,2); stag hunt, R > T > P > S.
        id="rapoport-guyer-61-stag-hunt",
    ),
]


@pytest.mark.parametrize(("a", "b", "scheme", "number"), _PUBLISHED_NUMBERS)
def test_published_game_numbers(a, b, scheme, number):
    c, _ = classify(_game(a, b))
    assert c.to_dict()[scheme] == number
    assert c.to_dict()["number_sources"][scheme]


def test_numbers_only_where_established():
    # A number is given only with its source, Brams's only to games of conflict, and
    # Robinson and Goforth's, whose table was not available, is null for all 144 games.
    for *_, c in _classes().values():
        data = c.to_dict()
        assert data["robinson_goforth"] is None
        assert (data["brams"] is None) == ("brams" not in data["number_sources"])
        assert data["brams"] is None or c.conflict
        assert data["number_sources"]["rapoport_guyer"]
    assert sum(1 for *_, c in _classes().values() if c.brams is not None) == 1


def test_rapoport_guyer_numbers_label_the_78_games():
    # Two of the 144 games share a number exactly when exchanging the players' roles turns
    # one into the other; the numbers are 1..78; the 21 no-conflict games (an outcome best
    # for both, computed here) are Rapoport and Guyer's 1-6, 22-30 and 58-63.
    by_number: dict[int, set] = {}
    for a, b, c in _classes().values():
        by_number.setdefault(c.rapoport_guyer, set()).add((c.row_pattern, c.column_pattern))
        swapped = classify_ranks(
            ((b[0], b[2]), (b[1], b[3])), ((a[0], a[2]), (a[1], a[3])))
        assert swapped.rapoport_guyer == c.rapoport_guyer
    assert sorted(by_number) == list(range(1, 79))
    assert all(len(v) in (1, 2) for v in by_number.values())
    no_conflict = {c.rapoport_guyer for *_, c in _classes().values() if not c.conflict}
    assert no_conflict == {*range(1, 7), *range(22, 31), *range(58, 64)}


@pytest.mark.parametrize(
    ("model", "name"),
    [
        # Hunting hare pays 1 whatever the other does: a tie.
        pytest.param("stag-hunt", "stag hunt", id="stag-hunt"),
        # Both ways of miscoordinating pay 0: a tie for each player. Battle of the sexes
        # (Luce and Raiffa 1957) is the symmetric "hero" game once one player's strategies
        # are relabelled, which the classification ignores.
        pytest.param("battle-of-the-sexes", "battle of the sexes", id="bos"),
    ],
)
def test_builtin_models_with_ties(model, name):
    c, ties = classify(load_model(model).game())
    assert c is None and name in {t.name for t in ties}


def test_matching_pennies_is_a_game_with_ties():
    c, ties = classify(load_model("matching-pennies").game())
    assert c is None
    # Each player's two payoffs, each twice: the strict games on either side of the ties.
    assert ties and all(t.conflict for t in ties)


def test_ties_lie_between_strict_games():
    # Prisoner's dilemma with T = R (a tie between temptation and reward) lies between the
    # prisoner's dilemma and the game with R > T on that side.
    row, column = ((3, 1), (3, 2)), ((3, 3), (1, 2))
    names = {c.name for c in strict_refinements(row, column)}
    assert "prisoner's dilemma" in names and len(names) == 4


def test_not_2x2():
    with pytest.raises(GameValueError, match="2x2"):
        classify(Game.from_arrays([[1, 2, 3]], [[1, 2, 3]]))


@settings(max_examples=50, deadline=None)
@given(st.sampled_from(_PERMS), st.sampled_from(_PERMS), st.integers(1, 5), st.integers(-5, 5))
def test_invariant_under_increasing_transforms(a, b, scale, shift):
    c, _ = classify(_game(a, b))
    d, _ = classify(_game([scale * v ** 3 + shift for v in a], b))
    assert c == d


# --------------------------------------------------------------------------- Theory of Moves
def _labels(game, states):
    return [", ".join(game.strategies[i][j] for i, j in enumerate(s)) for s in states]


def test_prisoners_dilemma_nonmyopic_equilibria():
    # Brams (1994), ch. 1; Brams and Ismail (2022), section 2: in the prisoner's dilemma both
    # mutual cooperation (3,3) and mutual defection (2,2) are non-myopic equilibria.
    pd = _symmetric(3, 1, 4, 2)
    moves = theory_of_moves(pd)
    assert _labels(pd, moves.nonmyopic_equilibria) == ["C, C", "D, D"]
    # From (C, D) the sucker defects and play ends at (D, D).
    start = moves.starts[1]
    assert (start.mover, start.outcome, start.row_first.played) == (0, (1, 1), ((0, 1), (1, 1)))


def test_chicken_nonmyopic_equilibria():
    # Brams (1994), ch. 1; Brams and Ismail (2019, 2022): in chicken the compromise (3,3) is
    # a non-myopic equilibrium, although not a Nash equilibrium.
    chicken = _symmetric(3, 2, 4, 1)
    moves = theory_of_moves(chicken)
    assert _labels(chicken, moves.nonmyopic_equilibria) == ["C, C"]
    # From the disaster (1,1) each driver would move (to swerve), so the outcome depends on
    # who moves first; with order power a driver makes the other move first.
    start = moves.starts[3]
    assert start.both_move and start.outcome is None
    assert start.with_order_power(0, moves.ranks) == (1, 0)
    assert start.with_order_power(1, moves.ranks) == (0, 1)


def test_cooperation_counts_of_brams_and_ismail():
    # Brams and Ismail (2019), "Farsightedness in games: stabilizing cooperation in
    # international conflict", MPRA paper 91370, abstract: a cooperative outcome (at least
    # next-best, 3, for both players) is not a Nash equilibrium in 19 of the 57 conflict games,
    # and in 16 of these cooperative outcomes are NMEs. Brams and Ismail (2022), Theory and
    # Decision 92, introduction: 45 of the 57 conflict games have a cooperative outcome.
    with_cooperation = not_nash = nonmyopic = 0
    seen = set()
    for a, b, c in _classes().values():
        pair = (c.row_game, c.column_game)
        if min(pair, pair[::-1]) in seen or not c.conflict:
            continue
        seen.add(min(pair, pair[::-1]))
        game = _game(a, b)
        cooperative = [(k // 2, k % 2) for k in range(4) if a[k] >= 3 and b[k] >= 3]
        if cooperative:
            with_cooperation += 1
        nash = [s for s in cooperative
                if game.is_nash({p: {game.strategies[i][s[i]]: 1}
                                 for i, p in enumerate(game.players)})]
        unstable = [s for s in cooperative if s not in nash]
        if unstable:
            not_nash += 1
            if set(unstable) & set(theory_of_moves(game).nonmyopic_equilibria):
                nonmyopic += 1
    assert (with_cooperation, not_nash, nonmyopic) == (45, 19, 16)


def test_outcome_from_a_nonmyopic_equilibrium_is_itself():
    for a, b, _ in _classes().values():
        moves = theory_of_moves(_game(a, b))
        for start in moves.starts:
            if start.start in moves.nonmyopic_equilibria:
                assert start.outcome == start.start and start.mover is None
            elif start.mover is not None:
                # The mover ends strictly better off than where play started.
                k, o = start.start, start.outcome
                ranks = moves.ranks[start.mover]
                assert ranks[2 * o[0] + o[1]] > ranks[2 * k[0] + k[1]]


def test_theory_of_moves_needs_strict_preferences():
    with pytest.raises(GameValueError, match="strict"):
        theory_of_moves(Game.from_arrays([[1, 1], [2, 3]], [[1, 2], [3, 4]]))


@settings(max_examples=50, deadline=None)
@given(st.sampled_from(_PERMS), st.sampled_from(_PERMS))
def test_relabelling_rows_moves_the_outcomes(a, b):
    # Swapping the row player's strategies maps every initial state and outcome accordingly.
    game, swapped = _game(a, b), _game(a[2:] + a[:2], b[2:] + b[:2])
    before, after = theory_of_moves(game), theory_of_moves(swapped)
    flip = {(0, 0): (1, 0), (0, 1): (1, 1), (1, 0): (0, 0), (1, 1): (0, 1)}
    assert sorted(flip[s] for s in before.nonmyopic_equilibria) == sorted(
        after.nonmyopic_equilibria
    )
    for start in before.starts:
        other = after.starts[[s.start for s in after.starts].index(flip[start.start])]
        assert (None if start.outcome is None else flip[start.outcome]) == other.outcome


def test_rapoport_guyer_listing_agrees_with_the_printed_one():
    # The numbering's table (from the authors' code) against the listing printed in the MIT
    # Press book (tests/data): every game's two rows are among its group's printed rows,
    # under the same Rapoport-Guyer number.
    path = Path(__file__).parent / "data" / "rapoport_guyer_listing.txt"
    lines = [x.strip() for x in path.read_text().splitlines()
             if x.strip() and not x.startswith("#")]
    seen, i = [], 0
    while i < len(lines):
        labels = []
        while i < len(lines) and re.fullmatch(r"\d+ \((\d+)\)", lines[i]):
            labels.append(int(re.fullmatch(r"\d+ \((\d+)\)", lines[i]).group(1)))
            i += 1
        pool = [tuple(int(d) for d in re.findall(r"\d", x)) for x in lines[i:i + 2 * len(labels)]]
        i += 2 * len(labels)
        for number in labels:
            a, b = RAPOPORT_GUYER_GAMES[number]
            for row in ((a[0], b[0], a[1], b[1]), (a[2], b[2], a[3], b[3])):
                pool.remove(row)  # ValueError if the printed listing lacks it
            seen.append(number)
        assert pool == []
    assert sorted(seen) == list(range(1, 79))
