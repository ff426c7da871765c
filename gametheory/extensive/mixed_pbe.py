"""Perfect Bayesian equilibria in behaviour strategies of small simple signalling games, exactly.

Definitions
-----------
In a simple signalling game (:mod:`.signalling`) with prior :math:`p` on the types :math:`T`,
an assessment is the sender's behaviour :math:`\\sigma(m \\mid t)`, the receiver's
:math:`\\rho(r \\mid m)` and beliefs :math:`\\mu(t \\mid m)`. It is a perfect Bayesian
equilibrium (Fudenberg and Tirole, 1991, definition 8.2) when every type's messages are best
replies to :math:`\\rho`, every reply to :math:`m` is a best reply to :math:`\\mu(\\cdot \\mid m)`,
and :math:`\\mu(t \\mid m) \\propto p_t\\,\\sigma(m \\mid t)` for every message sent with positive
probability (in a signalling game weak and perfect Bayesian equilibrium coincide). A type that
sends two messages with positive probability makes the equilibrium *semi-separating* (hybrid).

Method
------
Support enumeration. For supports :math:`S_t` of each type's messages and :math:`R_m` of each
message's replies, the conditions split: the receiver's indifference on :math:`R_m` after a
message on the path is linear in :math:`\\sigma` alone (Bayes' rule with the denominator
cleared), and each type's indifference on :math:`S_t` linear in :math:`\\rho` alone. Each system
is solved in rational arithmetic; a unique solution that is positive on its support and passes
every inequality (no better message, no better reply) is an equilibrium, certified again from
scratch. When a system leaves freedom, whether it has a solution is decided exactly by
Fourier-Motzkin elimination, and a feasible one is reported as a continuum (its supports), not
enumerated. After a message sent by no type the receiver's reply is pure, as in :func:`.pbe.pbe`,
with the beliefs that support it as inequalities: equilibria that need a *mixed* reply off the
path are not listed. The Intuitive Criterion (Cho and Kreps, 1987) is tested as in
:mod:`.signalling`, with each type's equilibrium payoff.

References
----------
D. Fudenberg and J. Tirole (1991), *Game Theory*, sections 8.2 and 11.2. I.-K. Cho and
D. M. Kreps (1987), Signaling games and stable equilibria, *Quarterly Journal of Economics*
102, 179-221.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..errors import GameValueError
from ..numbers import format_fraction
from ._beliefs import Inequality, describe, feasible
from .signalling import _best_replies, classify, signalling_structure
from .tree import Tree

__all__ = ["MixedSignallingEquilibrium", "MixedSignallingResult", "mixed_signalling_pbe"]

#: The most support combinations :func:`mixed_signalling_pbe` tries.
MAX_SUPPORTS = 100_000


@dataclass(frozen=True)
class MixedSignallingEquilibrium:
    """A certified perfect Bayesian equilibrium in behaviour strategies.

    Attributes
    ----------
    sender : dict of str to dict of str to Fraction
        Type -> message -> probability.
    receiver : dict of str to dict of str to Fraction
        Message -> reply -> probability.
    beliefs : dict of str to dict of str to Fraction
        Message on the path -> type -> Bayes belief.
    off_path : dict of str to list of str
        Message off the path -> the beliefs supporting the reply, as inequalities.
    payoffs : dict of str to Fraction
        Each type's payoff, and the receiver's ex-ante payoff (under the receiver's name).
    classification : str
    intuitive_criterion : bool
    reasons : tuple of str
    """

    sender: dict[str, dict[str, Fraction]]
    receiver: dict[str, dict[str, Fraction]]
    beliefs: dict[str, dict[str, Fraction]]
    off_path: dict[str, list[str]]
    payoffs: dict[str, Fraction]
    classification: str
    intuitive_criterion: bool
    reasons: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON: probabilities, beliefs and payoffs as exact strings."""
        def text(d):
            return {k: format_fraction(v) for k, v in d.items()}

        return {"sender": {t: text(d) for t, d in self.sender.items()},
                "receiver": {m: text(d) for m, d in self.receiver.items()},
                "beliefs": {m: text(d) for m, d in self.beliefs.items()}
                | {m: {"inequalities": q} for m, q in self.off_path.items()},
                "payoffs": text(self.payoffs), "classification": self.classification,
                "intuitive_criterion": self.intuitive_criterion,
                "intuitive_criterion_reasons": list(self.reasons)}


@dataclass(frozen=True)
class MixedSignallingResult:
    """The isolated equilibria, the supports carrying a continuum, and whether that is all."""

    equilibria: tuple[MixedSignallingEquilibrium, ...]
    continua: tuple[str, ...]
    complete: bool
    message: str


def _subsets(n: int) -> list[tuple[int, ...]]:
    return [c for k in range(1, n + 1) for c in itertools.combinations(range(n), k)]


def _affine_solution(rows, n):
    """``A x = b`` (rows ``(a, b)``) as ``x = x0 + N lam``: ``(x0, N)``, or None if none."""
    m = [[*a, b] for a, b in rows]
    pivots, r = [], 0
    for c in range(n):
        p = next((i for i in range(r, len(m)) if m[i][c] != 0), None)
        if p is None:
            continue
        m[r], m[p] = m[p], m[r]
        m[r] = [x / m[r][c] for x in m[r]]
        for i in range(len(m)):
            if i != r and m[i][c] != 0:
                f = m[i][c]
                m[i] = [x - f * y for x, y in zip(m[i], m[r], strict=True)]
        pivots.append(c)
        r += 1
    if any(row[-1] != 0 for row in m[r:]):
        return None
    free = [c for c in range(n) if c not in pivots]
    x0 = [Fraction(0)] * n
    basis = [[Fraction(0)] * len(free) for _ in range(n)]
    for i, c in enumerate(pivots):
        x0[c] = m[i][-1]
        for j, f in enumerate(free):
            basis[c][j] = -m[i][f]
    for j, f in enumerate(free):
        basis[f][j] = Fraction(1)
    return x0, basis


def _solvable(x0, basis, strict, weak) -> bool:
    """Whether some lam gives ``g . x > 0`` for ``strict`` and ``>= 0`` for ``weak`` rows
    (exact Fourier-Motzkin elimination)."""
    k = len(basis[0]) if basis else 0
    rows = []
    for g, is_strict in [(g, True) for g in strict] + [(g, False) for g in weak]:
        coef = [sum((g[i] * basis[i][j] for i in range(len(g))), Fraction(0)) for j in range(k)]
        rows.append((coef, sum((a * b for a, b in zip(g, x0, strict=True)), Fraction(0)),
                     is_strict))
    for j in range(k - 1, -1, -1):
        keep = [r for r in rows if r[0][j] == 0]
        for cl, dl, sl in (r for r in rows if r[0][j] > 0):
            for cu, du, su in (r for r in rows if r[0][j] < 0):
                a, b = cl[j], -cu[j]
                keep.append(([b * x + a * y for x, y in zip(cl, cu, strict=True)],
                             b * dl + a * du, sl or su))
        rows = keep
    return all(d > 0 if s else d >= 0 for _, d, s in rows)


def mixed_signalling_pbe(tree: Tree) -> MixedSignallingResult:
    """Every isolated perfect Bayesian equilibrium in behaviour strategies of a small simple
    signalling game, exactly, with pure replies off the path (module docstring).

    Parameters
    ----------
    tree : Tree
        A simple signalling game (:func:`~.signalling.signalling_structure`).

    Returns
    -------
    MixedSignallingResult
        ``complete`` is False when some supports carry a continuum (listed in ``continua``).

    Raises
    ------
    GameValueError
        If the tree is not a simple signalling game, or has too many supports.

    Examples
    --------
    Beer-Quiche with a weak prior of 9/10 has no pure equilibrium; its semi-separating one:

    >>> from gametheory.models import load_model
    >>> result = mixed_signalling_pbe(load_model("beer-quiche").game({"w": "9/10"}))
    >>> [e.to_dict()["sender"]["weak"] for e in result.equilibria]
    [{'beer': '1/9', 'quiche': '8/9'}]
    """
    st = signalling_structure(tree)
    if st is None or not st.simple:
        raise GameValueError("not a simple signalling game (a chance move picks the sender's "
                             "type, the receiver's reply ends the game)", key="tree")
    types, messages = st.types, st.messages
    nt, nm = len(types), len(messages)
    prior = list(tree.root.probabilities)
    s_i, r_i = tree.player_index(st.sender), tree.player_index(st.receiver)
    nodes = [[tree.node(st.receiver_nodes[t][m]) for m in range(nm)] for t in range(nt)]
    replies = [nodes[0][m].actions for m in range(nm)]
    u = [[[tree.node(c).payoffs for c in nodes[t][m].children] for m in range(nm)]
         for t in range(nt)]
    total = len(_subsets(nm)) ** nt
    for m in range(nm):
        total *= len(_subsets(len(replies[m])))
    if total > MAX_SUPPORTS:
        raise GameValueError(f"{total} support combinations (more than {MAX_SUPPORTS})",
                             key="tree")
    sv = {(t, m): k for k, (t, m) in enumerate(itertools.product(range(nt), range(nm)))}
    rv = {(m, r): k for k, (m, r) in enumerate(
        (m, r) for m in range(nm) for r in range(len(replies[m])))}
    found, continua = [], []
    for S in itertools.product(_subsets(nm), repeat=nt):
        path = [any(m in S[t] and prior[t] > 0 for t in range(nt)) for m in range(nm)]
        for R in itertools.product(*(_subsets(len(replies[m])) for m in range(nm))):
            if any(not path[m] and len(R[m]) > 1 for m in range(nm)):
                continue
            if not all(_off_path_ok(st, m, R[m][0]) for m in range(nm) if not path[m]):
                continue
            side_s = _sigma_side(S, R, path, nt, nm, prior, u, r_i, sv)
            side_r = _rho_side(S, R, path, nt, nm, u, s_i, rv, replies)
            if side_s is None or side_r is None:
                continue
            (x, fx), (y, fy) = side_s, side_r
            if fx or fy:
                continua.append(_support_text(S, R, types, messages, replies))
                continue
            eq = _equilibrium(st, x, y, S, R, path, prior, u, s_i, r_i, sv, rv, replies)
            found.append(eq)
    message = (f"{len(found)} isolated perfect Bayesian equilibria in behaviour strategies "
               "(pure replies off the path)")
    if continua:
        message += f"; {len(continua)} supports carry a continuum, not enumerated"
    return MixedSignallingResult(tuple(found), tuple(continua), not continua, message)


def _sigma_side(S, R, path, nt, nm, prior, u, r_i, sv):
    """The receiver's conditions, in sigma: ``(solution, free)`` or None."""
    n = nt * nm
    eqs, strict, weak = [], [], []
    for t in range(nt):
        row = [Fraction(0)] * n
        for m in range(nm):
            if m in S[t]:
                row[sv[t, m]] = Fraction(1)
                strict.append([Fraction(int(k == sv[t, m])) for k in range(n)])
            else:
                eqs.append(([Fraction(int(k == sv[t, m])) for k in range(n)], Fraction(0)))
        eqs.append((row, Fraction(1)))
    for m in range(nm):
        if not path[m]:
            continue
        first = R[m][0]
        for r in range(len(u[0][m])):
            if r == first:
                continue
            g = [Fraction(0)] * n
            for t in range(nt):
                g[sv[t, m]] = prior[t] * (u[t][m][first][r_i] - u[t][m][r][r_i])
            (eqs.append((g, Fraction(0))) if r in R[m] else weak.append(g))
    return _decide(eqs, strict, weak, n)


def _rho_side(S, R, path, nt, nm, u, s_i, rv, replies):
    """The sender's conditions, in rho: ``(solution, free)`` or None."""
    n = len(rv)
    eqs, strict, weak = [], [], []
    for m in range(nm):
        row = [Fraction(0)] * n
        for r in range(len(replies[m])):
            unit = [Fraction(int(k == rv[m, r])) for k in range(n)]
            if r in R[m]:
                row[rv[m, r]] = Fraction(1)
                if len(R[m]) > 1:
                    strict.append(unit)
            else:
                eqs.append((unit, Fraction(0)))
        eqs.append((row, Fraction(1)))
    for t in range(nt):
        first = S[t][0]
        for m in range(nm):
            if m == first:
                continue
            g = [Fraction(0)] * n
            for r in range(len(replies[first])):
                g[rv[first, r]] += u[t][first][r][s_i]
            for r in range(len(replies[m])):
                g[rv[m, r]] -= u[t][m][r][s_i]
            (eqs.append((g, Fraction(0))) if m in S[t] else weak.append(g))
    return _decide(eqs, strict, weak, n)


def _decide(eqs, strict, weak, n):
    solved = _affine_solution(eqs, n)
    if solved is None:
        return None
    x0, basis = solved
    free = bool(basis and basis[0])
    if not _solvable(x0, basis, strict, weak):
        return None
    return x0, free


def _off_path_ok(st, m, r) -> bool:
    return r in _best_replies(st, m, list(range(len(st.types))))


def _support_text(S, R, types, messages, replies) -> str:
    sender = "; ".join(f"{types[t]} sends {', '.join(messages[m] for m in s)}"
                       for t, s in enumerate(S))
    receiver = "; ".join(f"after {messages[m]}: {', '.join(replies[m][r] for r in rs)}"
                         for m, rs in enumerate(R))
    return f"{sender} / {receiver}"


def _equilibrium(st, x, y, S, R, path, prior, u, s_i, r_i, sv, rv, replies):
    types, messages = st.types, st.messages
    nt, nm = len(types), len(messages)
    sigma = [[x[sv[t, m]] for m in range(nm)] for t in range(nt)]
    rho = [[y[rv[m, r]] for r in range(len(replies[m]))] for m in range(nm)]

    def value(t, m):
        return sum((p * u[t][m][r][s_i] for r, p in enumerate(rho[m])), Fraction(0))

    star = [max(value(t, m) for m in range(nm)) for t in range(nt)]
    beliefs, off = {}, {}
    receiver_payoff = Fraction(0)
    for m in range(nm):
        mass = sum((prior[t] * sigma[t][m] for t in range(nt)), Fraction(0))
        for t in range(nt):
            receiver_payoff += prior[t] * sigma[t][m] * sum(
                (p * u[t][m][r][r_i] for r, p in enumerate(rho[m])), Fraction(0))
        if mass > 0:
            beliefs[messages[m]] = {types[t]: prior[t] * sigma[t][m] / mass for t in range(nt)}
            mu = [prior[t] * sigma[t][m] / mass for t in range(nt)]
            val = [sum((mu[t] * u[t][m][r][r_i] for t in range(nt)), Fraction(0))
                   for r in range(len(rho[m]))]
            if any(p > 0 and val[r] < max(val) for r, p in enumerate(rho[m])):
                raise AssertionError("a reply on the path is not a best reply")  # pragma: no cover
        else:
            r = R[m][0]
            ineq = [Inequality(tuple(u[t][m][r][r_i] - u[t][m][k][r_i] for t in range(nt)))
                    for k in range(len(rho[m])) if k != r]
            if not feasible(nt, ineq):  # pragma: no cover - checked before
                raise AssertionError("an off-path reply without a supporting belief")
            off[messages[m]] = describe(types, messages[m], ineq) or [
                f"any belief at {messages[m]}"]
    for t in range(nt):  # the sender's certificate: every sent message is a best one
        if any(sigma[t][m] > 0 and value(t, m) < star[t] for m in range(nm)):
            raise AssertionError("a sent message is not a best reply")  # pragma: no cover
    passed, reasons = _intuitive(st, star, path, u, s_i)
    if all(len(s) == 1 for s in S):
        kind = classify(tuple(messages[s[0]] for s in S))
    elif len(set(S)) == 1 and len({tuple(row) for row in sigma}) == 1:
        kind = "pooling"
    else:
        kind = "semi-separating"
    payoffs = {types[t]: star[t] for t in range(nt)} | {st.receiver: receiver_payoff}
    return MixedSignallingEquilibrium(
        sender={types[t]: dict(zip(messages, sigma[t], strict=True)) for t in range(nt)},
        receiver={messages[m]: dict(zip(replies[m], rho[m], strict=True)) for m in range(nm)},
        beliefs=beliefs, off_path=off, payoffs=payoffs, classification=kind,
        intuitive_criterion=passed, reasons=tuple(reasons))


def _intuitive(st, star, path, u, s_i):
    """Cho and Kreps' test at each message off the path (as :func:`.signalling.analyse`)."""
    everyone = list(range(len(st.types)))
    passed, reasons = True, []
    for m, message in enumerate(st.messages):
        if path[m]:
            continue
        replies = _best_replies(st, m, everyone)
        dominated = [t for t in everyone if star[t] > max(u[t][m][r][s_i] for r in replies)]
        rest = [t for t in everyone if t not in dominated]
        if not rest:
            reasons.append(f"{message}: every type is equilibrium-dominated; no restriction")
            continue
        narrowed = _best_replies(st, m, rest)
        gainers = [t for t in rest if min(u[t][m][r][s_i] for r in narrowed) > star[t]]
        if gainers:
            passed = False
            reasons.append(f"fails at {message}: {st.types[gainers[0]]} would gain whatever "
                           f"the receiver replies to beliefs on the types not "
                           f"equilibrium-dominated there")
        else:
            reasons.append(f"survives at {message}")
    return passed, reasons or ["no message is off the path: nothing to test"]
