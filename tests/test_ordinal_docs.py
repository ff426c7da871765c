"""docs/ordinal.md is true: its command outputs are real and its stated results are computed.

After an intended change of output, rewrite the page's outputs with::

    python tests/test_ordinal_docs.py --update
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from test_readme import _run, _session, examples, update

from gametheory.models import load_model
from gametheory.ordinal import graph_model, inverse_preferences, ordinal_analysis

PAGE = Path(__file__).resolve().parent.parent / "docs" / "ordinal.md"


def test_page_examples_match_the_real_output() -> None:
    found = examples(PAGE.read_text())
    assert len(found) == 2
    with _session():
        for command, expected, _ in found:
            assert _run(command) == expected, f"docs/ordinal.md example: $ {command}"


def _labels(analysis, states):
    game, model = analysis.game, analysis.stability.model
    return {", ".join(game.strategies[i][j] for i, j in enumerate(model.profiles[s]))
            for s in states}


def test_stated_results_of_the_2x2_model() -> None:
    game = load_model("us-russia-2x2").game()
    a = ordinal_analysis(game)
    concessions = {"concede, friendly_offer", "concede, hard_demand"}
    assert a.classification.name == "coordination / chicken"
    assert a.classification.conflict and a.classification.layer.endswith("same row")
    nme = {", ".join(game.strategies[i][j] for i, j in enumerate(s))
           for s in a.moves.nonmyopic_equilibria}
    assert nme == concessions
    outcomes = {r.start: r.outcome for r in a.moves.starts}
    assert outcomes[(1, 0)] == (0, 1) and outcomes[(1, 1)] == (0, 0)
    eq = a.stability.equilibria
    assert eq["nash"] == ()
    assert _labels(a, eq["gmr"]) == _labels(a, eq["seq"]) == concessions
    assert _labels(a, eq["smr"]) == {"concede, friendly_offer"}
    coalition = {s.state for s in a.stability.states if s.coalitions[(0, 1)]}
    assert _labels(a, coalition) == concessions
    model = graph_model(game)
    index = model.labels.index
    us = inverse_preferences(model, index("concede, hard_demand"), 0)
    assert us[0].size == 1
    assert inverse_preferences(model, index("concede, hard_demand"), 1) == ()
    assert inverse_preferences(model, index("concede, friendly_offer"), 1)[0].size == 1
    # With d = 3 conceding dominates for the US.
    shifted = ordinal_analysis(load_model("us-russia-2x2").game({"d": 3}))
    assert _labels(shifted, shifted.stability.equilibria["nash"]) == {"concede, hard_demand"}


def test_stated_results_of_the_4x4_model() -> None:
    a = ordinal_analysis(load_model("us-russia").game())
    eq = a.stability.equilibria
    assert eq["nash"] == () and len(eq["gmr"]) == len(eq["smr"]) == 10
    seq = {"concede, friendly_offer", "concede, hard_demand", "friendly_offer, friendly_offer"}
    assert _labels(a, eq["seq"]) == seq
    coalition = {s.state for s in a.stability.states if s.coalitions[(0, 1)]}
    assert _labels(a, set(eq["seq"]) & coalition) == seq - {"friendly_offer, friendly_offer"}


def test_stated_theory_of_moves_counts() -> None:
    # "10 of the 144 games have no NME"; "an NME in 37 of the 45 conflict games with a
    # cooperative outcome" (classes up to exchanging the players for the second count).
    import itertools

    from gametheory import Game
    from gametheory.ordinal import classify_ranks, theory_of_moves

    perms = list(itertools.permutations((1, 2, 3, 4)))
    classes = {}
    for a in perms:
        for b in perms:
            c = classify_ranks((a[:2], a[2:]), (b[:2], b[2:]))
            classes.setdefault((c.row_pattern, c.column_pattern), (a, b, c))
    nme = {
        k: theory_of_moves(Game.from_arrays([a[:2], a[2:]], [b[:2], b[2:]])).nonmyopic_equilibria
        for k, (a, b, _) in classes.items()
    }
    assert sum(1 for v in nme.values() if not v) == 10
    with_cooperation, cooperative_nme = set(), set()
    for k, (a, b, c) in classes.items():
        coop = {(s // 2, s % 2) for s in range(4) if a[s] >= 3 and b[s] >= 3}
        pair = (c.row_game, c.column_game)  # exchanging the players exchanges the pair
        if c.conflict and coop:
            with_cooperation.add(min(pair, pair[::-1]))
            if coop & set(nme[k]):
                cooperative_nme.add(min(pair, pair[::-1]))
    assert (len(with_cooperation), len(cooperative_nme)) == (45, 37)


if __name__ == "__main__":
    if sys.argv[1:] == ["--update"]:
        update(PAGE)
    else:
        sys.exit(pytest.main([__file__, "-q"]))
