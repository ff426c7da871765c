"""Admissible orders: exact counts against brute force, and the uniform sampler's distribution."""

from __future__ import annotations

import itertools
from collections import Counter

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory.errors import GameValueError
from gametheory.robustness.orders import AdmissibleOrders, count_orders


def brute_force(above: list[int]) -> list[tuple[int, ...]]:
    """Every linear extension, best first, by filtering all permutations."""
    k = len(above)
    out = []
    for order in itertools.permutations(range(k)):
        place = {x: p for p, x in enumerate(order)}
        if all(place[y] < place[x] for x in range(k) for y in range(k) if above[x] >> y & 1):
            out.append(order)
    return out


@st.composite
def posets(draw: st.DrawFn, max_size: int = 6) -> list[int]:
    """A random partial order: edges only from a higher to a lower hidden label (acyclic)."""
    k = draw(st.integers(1, max_size))
    labels = draw(st.permutations(range(k)))
    above = [0] * k
    for x, y in itertools.permutations(range(k), 2):
        if labels[y] > labels[x] and draw(st.booleans()):
            above[x] |= 1 << y
    return above


@settings(max_examples=60)
@given(posets())
def test_count_equals_brute_force(above: list[int]) -> None:
    assert count_orders(above) == len(brute_force(above))


@settings(max_examples=30)
@given(posets(), st.integers(0, 2**32 - 1))
def test_every_sample_is_an_admissible_order(above: list[int], seed: int) -> None:
    positions = AdmissibleOrders(above).sample(np.random.default_rng(seed), 50)
    k = len(above)
    assert sorted(positions[0].tolist()) == list(range(k))
    for x, y in itertools.product(range(k), repeat=2):
        if above[x] >> y & 1:
            assert (positions[:, y] < positions[:, x]).all()


@pytest.mark.parametrize(
    "above",
    [
        pytest.param([0, 0, 0], id="antichain-3"),
        pytest.param([0b10, 0, 0, 0], id="one-comparison-4"),
        pytest.param([0b0110, 0, 0, 0], id="v-shape-4"),
        pytest.param([0b10, 0, 0b1000, 0], id="two-chains"),
    ],
)
def test_sampler_is_uniform(above: list[int]) -> None:
    # Fixed seed: deterministic. Each order's frequency within 6 standard errors of 1/N.
    orders = brute_force(above)
    n, draws = len(orders), 60_000
    positions = AdmissibleOrders(above).sample(np.random.default_rng(20251129), draws)
    seen = Counter(tuple(np.argsort(row).tolist()) for row in positions)
    assert set(seen) == set(orders)
    p = 1 / n
    tolerance = 6 * (p * (1 - p) / draws) ** 0.5
    for order in orders:
        assert abs(seen[order] / draws - p) < tolerance


def test_known_counts() -> None:
    assert count_orders([0] * 8) == 40320  # every order of 8 unrelated outcomes
    chain = [sum(1 << j for j in range(k + 1, 5)) for k in range(5)]
    assert count_orders(chain) == 1
    # Two chains of 2 and 3 elements interleave in C(5, 2) = 10 ways.
    assert count_orders([0b10, 0, 0b1000, 0b10000, 0]) == 10


def test_cyclic_orders_are_refused() -> None:
    with pytest.raises(GameValueError, match="cyclic"):
        AdmissibleOrders([0b10, 0b01])
