"""Rank-only verdicts: hand-computed cases, and a brute-force check over every reading."""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory.errors import ModelError
from gametheory.models import load_model, parse_model
from gametheory.robustness import rank_verdicts, verdicts_if_ranked
from gametheory.robustness.orders import AdmissibleOrders

# Gibbons (1992), section 1.1.A, as ranks: for each prisoner, going free (fink against mum) 4,
# both mum 3, both fink 2, the sucker's payoff 1.
PRISONERS = """\
[game]
title = "Prisoners' dilemma, ranks"

[[players]]
name = "Row"
strategies = ["mum", "fink"]

[[players]]
name = "Column"
strategies = ["mum", "fink"]

[payoffs]
Row = [[3, 1], [4, 2]]
Column = [[3, 4], [1, 2]]

[[outcomes]]
profile = ["mum", "mum"]
ranks = { Row = 3, Column = 3 }

[[outcomes]]
profile = ["mum", "fink"]
ranks = { Row = 1, Column = 4 }

[[outcomes]]
profile = ["fink", "mum"]
ranks = { Row = 4, Column = 1 }

[[outcomes]]
profile = ["fink", "fink"]
ranks = { Row = 2, Column = 2 }
"""

# Row ranks nothing but two settled comparisons; one comparison is open (see the file).
ONE_OPEN = "tests/data/models/one_open.toml"


def test_prisoners_dilemma_verdicts() -> None:
    v = rank_verdicts(parse_model(PRISONERS))
    assert v.orders == {"Row": 1, "Column": 1}
    table = {o.ids: (o.always, o.never, o.share, o.efficient) for o in v.outcomes}
    assert table == {
        ("mum", "mum"): (False, True, 0, "always"),
        ("mum", "fink"): (False, True, 0, "always"),
        ("fink", "mum"): (False, True, 0, "always"),
        ("fink", "fink"): (True, False, 1, "never"),
    }
    assert [(d.player, d.strategy, d.by) for d in v.dominance] == [
        ("Row", "mum", "fink"), ("Column", "mum", "fink")
    ]
    (fink,) = [o for o in v.outcomes if o.ids == ("fink", "fink")]
    assert [(r.player, r.better, r.worse, r.settled) for r in fink.rests_on] == [
        ("Row", ("fink", "fink"), ("mum", "fink"), True),
        ("Column", ("fink", "fink"), ("fink", "mum"), True),
    ]


def test_one_open_comparison_share() -> None:
    v = rank_verdicts(load_model(ONE_OPEN))
    assert v.orders == {"Row": 6, "Column": 6}
    (eq,) = [o for o in v.outcomes if o.ids == ("r1", "c1")]
    assert (eq.always, eq.never, eq.share) == (False, False, Fraction(1, 6))
    assert [(r.player, r.worse, r.settled, r.source) for r in eq.rests_on] == [
        ("Row", ("r2", "c1"), False, "para. 2"),
        ("Column", ("r1", "c2"), True, ""),
    ]
    (other,) = [o for o in v.outcomes if o.ids == ("r2", "c1")]
    assert other.share == Fraction(5, 6)  # the complement: Row's best reply to c1 is r2


def test_us_russia_verdicts() -> None:
    # US orders: the reset in one of 4 places among the three quick deals ranked above it,
    # times pressure or concession against hard demands: 8. Russia: its three answers to US
    # pressure in any order, 3! = 6 (issue 10). (pressure, hard_demand) needs the US to press
    # (1/2) and Russia to put resistance first of the three (1/3).
    v = rank_verdicts(load_model("us-russia"))
    assert v.orders == {"US": 8, "Russia": 6}
    shares = {o.ids: o.share for o in v.outcomes if o.share}
    assert shares == {
        ("concede", "hard_demand"): Fraction(1, 2),
        ("pressure", "hard_demand"): Fraction(1, 6),
        ("friendly_offer", "friendly_offer"): Fraction(1, 4),
    }
    assert not any(o.always for o in v.outcomes)
    # Conceding is no longer dominated by the friendly offer in every reading: under US
    # pressure the text leaves the order of Moscow's answers open.
    assert {(d.player, d.strategy, d.by) for d in v.dominance} == {
        ("Russia", "pressure", "hard_demand")
    }


def test_a_model_without_ranks_says_what_is_missing() -> None:
    with pytest.raises(ModelError, match="Prisoner 1 has none"):
        rank_verdicts(load_model("prisoners-dilemma"))
    assert verdicts_if_ranked(load_model("prisoners-dilemma")) is None
    partial = PRISONERS.replace('profile = ["fink", "fink"]\nranks = { Row = 2, Column = 2 }',
                                'profile = ["fink", "fink"]\nranks = { Column = 2 }')
    with pytest.raises(ModelError, match=r"Row has none for \(fink, fink\)"):
        rank_verdicts(parse_model(partial))


def _ranked_game(draw: st.DrawFn) -> str:
    """A 2x2 or 2x3 model with random ranks and random open comparisons of adjacent ranks."""
    m, n = 2, draw(st.integers(2, 3))
    rows, cols = [f"r{k}" for k in range(m)], [f"c{k}" for k in range(n)]
    cells = list(itertools.product(rows, cols))
    text = ['[game]\ntitle = "g"\n[[players]]\nname = "A"\nstrategies = ' + str(rows).replace(
        "'", '"'), '[[players]]\nname = "B"\nstrategies = ' + str(cols).replace("'", '"')]
    ranks = {p: draw(st.permutations(range(1, m * n + 1))) for p in "AB"}
    payoffs = "[payoffs]\n" + "\n".join(
        f"{p} = " + str([[ranks[p][r * n + c] for c in range(n)] for r in range(m)])
        for p in "AB"
    )
    text.append(payoffs)
    for k, (r, c) in enumerate(cells):
        text.append(f'[[outcomes]]\nprofile = ["{r}", "{c}"]\n'
                    f"ranks = {{ A = {ranks['A'][k]}, B = {ranks['B'][k]} }}")
    for p in "AB":
        by_rank = {ranks[p][k]: cells[k] for k in range(len(cells))}
        for low in range(1, m * n, 2):
            if draw(st.booleans()):
                a, b = by_rank[low + 1], by_rank[low]
                text.append(f'[[judgements.{p}.open]]\noutcomes = [["{a[0]}", "{a[1]}"], '
                            f'["{b[0]}", "{b[1]}"]]')
    return "\n".join(text) + "\n"


@settings(max_examples=25)
@given(st.data())
def test_verdicts_agree_with_enumerating_every_reading(data: st.DataObject) -> None:
    model = parse_model(_ranked_game(data.draw))
    v = rank_verdicts(model)
    m, n = model.shape
    cells = list(itertools.product(range(m), range(n)))
    from gametheory.models.judgements import player_order

    readings = []
    for p in model.player_names:
        order = player_order(model, p)
        k = len(order.classes)
        orders = []
        for perm in itertools.permutations(range(k)):
            place = {c: q for q, c in enumerate(perm)}
            if all(place[y] < place[x] for x in range(k) for y in range(k)
                   if order.above[x] >> y & 1):
                orders.append([k - place[order.class_of[c]] for c in range(len(cells))])
        assert len(orders) == AdmissibleOrders(order.above).count == v.orders[p]
        readings.append(orders)
    total = len(readings[0]) * len(readings[1])
    for o in v.outcomes:
        r, c = o.profile
        k = cells.index((r, c))
        hits = sum(
            all(ua[k] >= ua[cells.index((t, c))] for t in range(m))
            and all(ub[k] >= ub[cells.index((r, t))] for t in range(n))
            for ua in readings[0] for ub in readings[1]
        )
        assert o.share == Fraction(hits, total)
        assert o.always == (hits == total) and o.never == (hits == 0)
