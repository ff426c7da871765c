"""Perfect Bayesian equilibria in behaviour strategies of simple signalling games.

Literature case, derived by hand: Beer-Quiche (Cho and Kreps, 1987, section II) with the weak
type *likely* (w > 1/2) has no pure equilibrium (pooling on beer would be dueled, so would
pooling on quiche, and separation lets the weak type mimic). Its equilibrium is
semi-separating: the strong type drinks beer; after quiche the receiver knows the sender is weak
and duels; the weak type mixes so that the receiver is indifferent after beer,
w s / (w s + 1 - w) = 1/2, so s = (1 - w)/w; and the receiver duels after beer with probability
1/2, which makes the weak type indifferent (2 (1 - 1/2) = 1 from beer, 1 from quiche and a duel).
"""

from __future__ import annotations

from fractions import Fraction as F

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_pbe import beer_quiche

from gametheory import GameValueError, Tree
from gametheory.extensive.mixed_pbe import mixed_signalling_pbe
from gametheory.extensive.pbe import pbe
from gametheory.extensive.result import certify_behavior
from gametheory.extensive.signalling import signalling_structure
from gametheory.models import load_model


def _behavior(tree: Tree, eq) -> dict:
    """The equilibrium as a behaviour profile of the tree (information set -> action -> p)."""
    st_ = signalling_structure(tree)
    out = {tree.node(x).infoset: dict(eq.sender[t])
           for t, x in zip(st_.types, st_.type_nodes, strict=True)}
    out.update({s: dict(eq.receiver[m]) for m, s in zip(st_.messages, st_.receiver_sets,
                                                        strict=True)})
    return out


@pytest.mark.parametrize("w", ["9/10", "3/4", "2/3", "3/5"])
def test_beer_quiche_with_a_likely_weak_sender(w):
    w = F(w)
    result = mixed_signalling_pbe(beer_quiche(str(w)))
    assert result.complete and len(result.equilibria) == 1
    (eq,) = result.equilibria
    assert eq.classification == "semi-separating"
    assert eq.sender == {"weak": {"beer": (1 - w) / w, "quiche": 1 - (1 - w) / w},
                         "strong": {"beer": 1, "quiche": 0}}
    assert eq.receiver == {"beer": {"duel": F(1, 2), "not": F(1, 2)},
                           "quiche": {"duel": 1, "not": 0}}
    assert eq.beliefs == {"beer": {"weak": F(1, 2), "strong": F(1, 2)},
                          "quiche": {"weak": 1, "strong": 0}}
    assert eq.payoffs["weak"] == 1 and eq.payoffs["strong"] == 2
    tree = beer_quiche(str(w))
    assert certify_behavior(tree, _behavior(tree, eq)) is not None


def test_beer_quiche_cho_kreps_prior_gives_the_two_poolings():
    result = mixed_signalling_pbe(load_model("beer-quiche").game())
    assert result.complete
    got = {(e.classification, e.intuitive_criterion,
            tuple(max(d, key=d.get) for d in e.sender.values())) for e in result.equilibria}
    assert got == {("pooling", True, ("beer", "beer")), ("pooling", False, ("quiche", "quiche"))}


def test_a_continuum_is_reported_not_enumerated():
    # At w = 1/2 the receiver is indifferent after pooled beer: any duel probability up to 1/2
    # keeps both types on beer (a segment of equilibria).
    result = mixed_signalling_pbe(beer_quiche("1/2"))
    assert not result.complete
    assert "weak sends beer; strong sends beer / after beer: duel, not; after quiche: duel" \
        in result.continua


def test_not_a_signalling_game():
    with pytest.raises(GameValueError):
        mixed_signalling_pbe(load_model("entry-deterrence").game())


def _random_game(seed_payoffs, prior) -> Tree:
    it = iter(seed_payoffs)
    return Tree.from_nested({"chance": {
        t: (p, {"player": "Sender", "id": t, "moves": {
            m: {"player": "Receiver", "id": f"{t}.{m}", "infoset": m, "moves": {
                r: [next(it), next(it)] for r in ("r1", "r2")}}
            for m in ("m1", "m2")}})
        for t, p in zip(("a", "b"), (prior, 1 - prior), strict=True)}},
        ["Sender", "Receiver"], title="random signalling game")


@settings(max_examples=25, deadline=None)
@given(payoffs=st.lists(st.integers(-2, 2), min_size=16, max_size=16),
       prior=st.sampled_from([F(1, 3), F(1, 2), F(3, 4), F(1, 5)]))
def test_pure_ones_are_pbe_and_every_one_is_nash(payoffs, prior):
    tree = _random_game(payoffs, prior)
    result = mixed_signalling_pbe(tree)
    pure = {}
    for e in result.equilibria:
        behavior = _behavior(tree, e)
        assert certify_behavior(tree, behavior) is not None  # a PBE is a Nash equilibrium
        if all(p in (0, 1) for d in behavior.values() for p in d.values()):
            pure[tuple(sorted((s, max(d, key=d.get)) for s, d in behavior.items()))] = \
                e.intuitive_criterion
    # The pure equilibria are exactly the pure weak PBE of the pure enumerator, same verdicts,
    # except those whose supports are caught in a continuum.
    reference = {}
    for e in pbe(tree).equilibria:
        key = tuple(sorted((s, max(d, key=d.get)) for s, d in e.behavior.items()))
        reference[key] = e.intuitive_criterion
    assert set(pure) <= set(reference)
    if set(reference) - set(pure):
        assert result.continua  # only a continuum may hide a pure equilibrium
    for key in pure:
        assert pure[key] == reference[key]
