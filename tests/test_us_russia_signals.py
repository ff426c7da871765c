"""The built-in ``us-russia-signals`` (issue 12): the president's rhetoric as a signal.

The reference is this file's own brute force over the 16 pure assessments of a 2-type,
2-message, 2-reply signalling game, written from the definitions (weak PBE: Mas-Colell,
Whinston and Green, 1995, definition 9.C.3; Intuitive Criterion: Cho and Kreps, 1987,
section IV), independently of :mod:`gametheory.extensive.pbe`, on the payoffs derived by hand
from the model's description (dealmaker concedes to both replies; strength president concedes
to a friendly offer and presses against hard demands; tough rhetoric costs the dealmaker k).
"""

from __future__ import annotations

import itertools
from fractions import Fraction as F

from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory import solve
from gametheory.models import load_model, validate_model_file

MODEL = load_model("us-russia-signals")
TYPES = ("dealmaker", "strength")
MESSAGES = ("conciliatory", "tough")
REPLIES = ("friendly_offer", "hard_demand")


def hand_payoffs(k: F) -> dict[tuple[str, str, str], tuple[F, F]]:
    """(type, message, reply) -> (US, Russia), from the ranks of us-russia-types."""
    out = {}
    for t, m, r in itertools.product(TYPES, MESSAGES, REPLIES):
        us = F(4) if r == "friendly_offer" else F(3)
        if t == "dealmaker" and m == "tough":
            us -= k
        russia = F(3) if r == "friendly_offer" else (F(4) if t == "dealmaker" else F(1))
        out[t, m, r] = (us, russia)
    return out


def _optimal(u, prior, m, r, types) -> bool:
    """Is reply r to m optimal for the receiver against the belief ``prior`` on ``types``?"""
    def value(x):
        return sum((prior[t] * u[t, m, x][1] for t in types), F(0))

    return all(value(r) >= value(x) for x in REPLIES)


def _vertices(types):
    return [{t: F(int(t == v)) for t in types} for v in types]


def brute_force(q: F, k: F) -> set[tuple[tuple[str, ...], tuple[str, ...], bool]]:
    """Every pure weak PBE as (messages per type, reply per message, survives the IC)."""
    u = hand_payoffs(k)
    prior = {"dealmaker": q, "strength": 1 - q}
    found = set()
    for sender in itertools.product(MESSAGES, repeat=2):
        for receiver in itertools.product(REPLIES, repeat=2):
            reply = dict(zip(MESSAGES, receiver, strict=True))
            star = {t: u[t, m, reply[m]][0] for t, m in zip(TYPES, sender, strict=True)}
            if any(u[t, m, reply[m]][0] > star[t] for t in TYPES for m in MESSAGES):
                continue
            ok = True
            for m in MESSAGES:
                senders = [t for t, x in zip(TYPES, sender, strict=True) if x == m
                           and prior[t] > 0]
                if senders:  # Bayes' rule: the prior restricted to the senders
                    ok &= _optimal(u, prior, m, reply[m], senders)
                else:  # some belief; two replies: optimal at a vertex of the simplex
                    ok &= any(_optimal(u, b, m, reply[m], TYPES) for b in _vertices(TYPES))
            if not ok:
                continue
            found.add((sender, receiver, _intuitive(u, sender, star)))
    return found


def _intuitive(u, sender, star) -> bool:
    for m in MESSAGES:
        if m in sender:
            continue
        replies = [r for r in REPLIES
                   if any(_optimal(u, b, m, r, TYPES) for b in _vertices(TYPES))]
        dominated = [t for t in TYPES if star[t] > max(u[t, m, r][0] for r in replies)]
        rest = [t for t in TYPES if t not in dominated]
        if not rest:
            continue
        narrowed = [r for r in REPLIES if any(_optimal(u, b, m, r, rest) for b in _vertices(rest))]
        if any(min(u[t, m, r][0] for r in narrowed) > star[t] for t in rest):
            return False
    return True


def library(q: F, k: F) -> set[tuple[tuple[str, ...], tuple[str, ...], bool]]:
    result = solve(MODEL.game({"q": q, "k": k}), method="pbe")
    return {(tuple(e.choice(t) for t in TYPES), tuple(e.choice(m) for m in MESSAGES),
             e.intuitive_criterion) for e in result.equilibria}


def test_file_validates_and_matches_the_hand_payoffs():
    assert validate_model_file(MODEL.path) == []
    for k in (F(0), F(2), F(7, 2)):
        tree = MODEL.game({"k": k})
        u = hand_payoffs(k)
        got = {n.id: n.payoffs for n in tree.nodes if n.kind == "terminal"}
        short = {"friendly_offer": "friendly", "hard_demand": "hard"}
        assert got == {f"{t}_{m}_{short[r]}": v for (t, m, r), v in u.items()}


def test_default_two_equilibria_and_the_intuitive_criterion():
    result = solve(MODEL.game(), method="pbe")
    got = {(e.classification, e.intuitive_criterion) for e in result.equilibria}
    assert got == {("separating", True), ("pooling", False)}
    pooling = next(e for e in result.equilibria if e.classification == "pooling")
    assert pooling.to_dict()["beliefs"]["tough"] == {
        "inequalities": ["mu(dealmaker | tough) >= 2/3"]}
    assert pooling.to_dict()["beliefs"]["conciliatory"] == {
        "dealmaker_conciliatory": "3/4", "strength_conciliatory": "1/4"}


# The regimes the write-up (docs/bayesian.md) states, on each side of q = 2/3 and k = 1.
REGIMES = {
    ("3/4", "2"): {(("conciliatory", "tough"), ("hard_demand", "friendly_offer"), True),
                   (("conciliatory", "conciliatory"), ("hard_demand", "hard_demand"), False)},
    ("3/4", "1/2"): {(("conciliatory", "conciliatory"), ("hard_demand", "hard_demand"), True)},
    ("1/2", "2"): {(("conciliatory", "tough"), ("hard_demand", "friendly_offer"), True),
                   (("conciliatory", "conciliatory"), ("friendly_offer", "friendly_offer"),
                    True),
                   (("conciliatory", "conciliatory"), ("friendly_offer", "hard_demand"), True)},
    ("1/2", "1/2"): {(("conciliatory", "conciliatory"), ("friendly_offer", "friendly_offer"),
                      True),
                     (("conciliatory", "conciliatory"), ("friendly_offer", "hard_demand"),
                      True),
                     (("tough", "tough"), ("hard_demand", "friendly_offer"), True)},
}


def test_regimes_by_hand():
    for (q, k), expected in REGIMES.items():
        assert brute_force(F(q), F(k)) == expected, (q, k)
        assert library(F(q), F(k)) == expected, (q, k)


@settings(max_examples=20, deadline=None)
@given(q=st.fractions(min_value=0, max_value=1, max_denominator=12),
       k=st.fractions(min_value=0, max_value=4, max_denominator=4))
def test_every_pbe_and_verdict_agree_with_the_brute_force(q, k):
    assert library(q, k) == brute_force(q, k)
