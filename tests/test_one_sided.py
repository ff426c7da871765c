"""The one-sided enumeration of rectangular games against enumerating both polytopes.

The reference is the previous algorithm (:func:`gametheory.algorithms.exact._both_sides`:
every vertex of both best-response polytopes, completely labelled pairs by bit masks), which is
itself checked against brute force and the peers in ``test_exact.py`` and ``test_peers.py``;
the games are drawn with small payoffs so that most are degenerate.
"""

from __future__ import annotations

import json

import numpy as np
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import games, reference_extreme_equilibria

import cli
from gametheory import Game
from gametheory.algorithms import _one_sided as one_sided_module
from gametheory.algorithms import exact as exact_module
from gametheory.algorithms._one_sided import one_sided_pairs
from gametheory.algorithms._polytope import enumerate_vertices
from gametheory.algorithms._reverse_search import reverse_search_vertices
from gametheory.algorithms.exact import _both_sides, _positive_integer, exact_equilibria
from gametheory.io.nfg import write_nfg
from gametheory.result import SolveInterrupted


def _one_sided(game: Game) -> tuple[set, bool]:
    a, b = game.matrices()
    m, n = game.shape
    if m <= n:
        pairs, degenerate = one_sided_pairs(_positive_integer(b).T.copy(), _positive_integer(a))
        return set(pairs), degenerate
    pairs, degenerate = one_sided_pairs(_positive_integer(a), _positive_integer(b).T.copy())
    return {(x, y) for y, x in pairs}, degenerate


def _check(game: Game) -> None:
    a, b = game.matrices()
    m, n = game.shape
    both, both_degenerate = _both_sides(a, b, m, n)
    pairs, degenerate = _one_sided(game)
    assert pairs == set(both)
    assert len(pairs) == len(both)
    # Degeneracy seen from one side implies degeneracy; the converse may be out of its sight.
    assert not degenerate or both_degenerate


@settings(max_examples=300, deadline=None)
@given(games(min_size=1, max_size=5, payoff_range=(0, 2)))
def test_one_sided_pairs_equal_both_sided_ones(game):
    _check(game)


@pytest.mark.slow
@settings(max_examples=3000, deadline=None)
@given(games(min_size=1, max_size=7, payoff_range=(0, 3)))
def test_one_sided_pairs_equal_both_sided_ones_many(game):
    _check(game)


@settings(max_examples=60, deadline=None)
@given(games(min_size=1, max_size=4, payoff_range=(0, 2)))
def test_rectangular_exact_equilibria_match_brute_force(game):
    found = {eq.profile for eq in exact_equilibria(game).equilibria}
    assert found == reference_extreme_equilibria(game)


# --------------------------------------------------------------------------- reverse search
# The streamed search (reverse search on the smaller player's polytope, bounded memory) against
# the double description method, on small games by lowering its threshold; its vertex
# enumeration against :mod:`gametheory.algorithms._polytope` on random polytopes, degenerate
# ones included (small entries make ties).


@settings(max_examples=150, deadline=None)
@given(
    st.integers(1, 6).flatmap(
        lambda k: st.integers(1, 6).flatmap(
            lambda d: st.lists(
                st.lists(st.integers(1, 4), min_size=d, max_size=d), min_size=k, max_size=k)
        )
    )
)
def test_reverse_search_vertices_equal_double_description(rows):
    matrix = np.array(rows, dtype=object)
    reference = enumerate_vertices(matrix)
    expected = {(tuple(p.tolist()), mask) for p, mask in
                zip(reference.points, reference.labels, strict=True)}
    found = [(tuple(p.tolist()), mask) for p, mask in reverse_search_vertices(matrix)]
    assert len(found) == len(set(found))  # each vertex once, degenerate ones too
    assert set(found) == expected
    assert found[0][0][:-1] == (0,) * matrix.shape[1]  # the origin first


@settings(max_examples=120, deadline=None)
@given(games(min_size=1, max_size=5, payoff_range=(0, 3)))
def test_streamed_search_equals_double_description(game):
    expected = exact_equilibria(game)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(exact_module, "REVERSE_SEARCH_FROM", 1)
        seen = []
        streamed = exact_equilibria(game, progress=lambda *a: seen.append(a))
    assert [eq.profile for eq in streamed.equilibria] == [eq.profile for eq in expected.equilibria]
    assert streamed.components == expected.components
    # Degeneracy seen from one side implies degeneracy (it may be out of sight).
    assert streamed.status == "ok" or expected.status == "degenerate"
    assert seen and seen[-1][1] is None and seen[-1][2] == len(expected.equilibria)


def test_streamed_search_interrupted_keeps_certified_equilibria():
    # A 6x6 coordination game: 63 equilibria; Ctrl-C after some vertices.
    game = Game.from_arrays(np.eye(6, dtype=int), np.eye(6, dtype=int))
    full = {eq.profile for eq in exact_equilibria(game).equilibria}
    calls = []

    def stop(visited, total, found):
        calls.append(found)
        if visited >= 32:
            raise KeyboardInterrupt

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(exact_module, "REVERSE_SEARCH_FROM", 1)
        patch.setattr(one_sided_module, "PROGRESS_EVERY", 8)
        with pytest.raises(SolveInterrupted) as stopped:
            exact_equilibria(game, progress=stop)
    partial = stopped.value.result
    assert partial.status == "incomplete" and not partial.complete
    assert 0 < len(partial.equilibria) < len(full)
    assert {eq.profile for eq in partial.equilibria} <= full
    assert all(eq.regret == 0 for eq in partial.equilibria)


def _coordination_nfg(path, size: int) -> None:
    eye = np.eye(size, dtype=int)
    path.write_text(write_nfg(Game.from_arrays(eye, eye)), encoding="utf-8")


def test_cli_progress_of_the_streamed_search(tmp_path, monkeypatch) -> None:
    _coordination_nfg(tmp_path / "c.nfg", 4)
    monkeypatch.setattr(exact_module, "REVERSE_SEARCH_FROM", 1)
    result = CliRunner().invoke(cli.cli, ["solve", str(tmp_path / "c.nfg"), "--progress",
                                          "-f", "json"])
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert lines[0] == "polytope vertices visited: 0; equilibria found: 0"
    assert lines[-1] == "polytope vertices visited: 16; equilibria found: 15"
    assert len(json.loads(result.stdout)["equilibria"]) == 15  # 2**4 - 1 supports


def test_cli_ctrl_c_during_the_streamed_search(tmp_path, monkeypatch) -> None:
    _coordination_nfg(tmp_path / "c.nfg", 5)
    monkeypatch.setattr(exact_module, "REVERSE_SEARCH_FROM", 1)
    real = one_sided_module.OneSidedSearch.pairs_at

    def interrupt(self, point, mask):
        if self.visited == 20:
            raise KeyboardInterrupt
        return real(self, point, mask)

    monkeypatch.setattr(one_sided_module.OneSidedSearch, "pairs_at", interrupt)
    result = CliRunner().invoke(cli.cli, ["solve", str(tmp_path / "c.nfg"), "-f", "json"])
    assert result.exit_code == 130
    assert "Interrupted" in result.stderr and "Traceback" not in result.output
    data = json.loads(result.stdout)
    assert data["status"] == "incomplete" and data["complete"] is False
    assert 0 < len(data["equilibria"]) < 31
    text = CliRunner().invoke(cli.cli, ["solve", str(tmp_path / "c.nfg")])
    assert text.exit_code == 130
    assert "Nash equilibria certified so far (search interrupted; others may exist)" in text.stdout


def test_double_description_progress(tmp_path, monkeypatch) -> None:
    """From PROGRESS_FROM strategies a side the double description reports the constraints
    added to both polytopes, in order, up to all of them; the result is unchanged."""
    game = Game.from_arrays([[3, 0, 1], [0, 2, 0], [1, 0, 4]], [[1, 0, 2], [0, 3, 0], [2, 0, 1]])
    expected = exact_equilibria(game)
    seen = []
    monkeypatch.setattr(exact_module, "PROGRESS_FROM", 1)
    result = exact_equilibria(game, progress=lambda *a: seen.append(a))
    assert [eq.profile for eq in result.equilibria] == [eq.profile for eq in expected.equilibria]
    assert [tried for tried, _, _ in seen] == sorted(tried for tried, _, _ in seen)
    assert seen[-1] == (6, 6, None) and all(total == 6 and found is None
                                             for _, total, found in seen)
    _coordination_nfg(tmp_path / "c.nfg", 3)
    shown = CliRunner().invoke(cli.cli, ["solve", str(tmp_path / "c.nfg"), "--progress"])
    assert shown.exit_code == 0
    assert shown.stderr.splitlines()[-1] == (
        "constraints added to the best-response polytopes: 6 of 6")
