"""Open judgements: which comparisons of outcomes a text settles, and which it leaves open.

A model read from a text rests on judgements, and the text does not settle all of them. The
``[judgements]`` table of a model file says, per player, which comparisons of outcomes (pure
profiles) are open, and may add settled comparisons and stated ties; ``[distributions]`` gives
parameters a distribution for sampling (``gametheory robustness --over parameters``)::

    [[judgements.US.open]]            # a comparison the text leaves open, either way
    outcomes = [["concede", "hard_demand"], ["pressure", "hard_demand"]]
    why = "The text reports Moscow's fear of US pressure, not a US preference."
    source = "Russia's stance, intro ('to a much lesser extent')"

    [[judgements.US.settled]]         # optional: a comparison the text settles
    better = ["concede", "friendly_offer"]
    worse = ["pressure", "friendly_offer"]
    source = "..."

    [[judgements.US.ties]]            # optional: two outcomes the text says are equal
    outcomes = [["a", "x"], ["b", "x"]]

    [distributions]
    d = "uniform(0, 10)"              # or "uniform" (on the parameter's declared range)

Semantics
---------
A player's *settled* comparisons are every strict comparison implied by its ranks
(``[outcomes.ranks]``) except the open ones, plus the explicit ``settled`` ones; equal ranks and
``ties`` are stated ties. The *admissible orders* of a player are the orders of its outcomes
that agree with every settled comparison: total orders, except that tied outcomes stay equal
(weak orders where ties are stated). A model without ``[judgements]`` keeps its meaning: every
comparison its ranks imply is settled, so its ranks are the only admissible order.

The checks (:func:`judgement_problems`): a set of settled comparisons that contradicts itself
(reported with the cycle), and an "open" comparison that the settled ones already imply by
transitivity (reported with the chain that implies it).

Examples
--------
>>> from gametheory.models import load_model
>>> m = load_model("tests/data/models/open_judgement.toml")
>>> order = player_order(m, "Row")
>>> len(order.classes), [str(c) for c in m.judgements.open]
(4, ['Row: (r1, c1) vs (r2, c2)'])
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import ModelError

__all__ = [
    "Comparison",
    "Judgements",
    "PlayerOrder",
    "judgement_problems",
    "player_order",
    "profile_text",
]


@dataclass(frozen=True)
class Comparison:
    """One player's comparison of two outcomes.

    Attributes
    ----------
    player : str
    outcomes : tuple of two profiles
        For a settled comparison (better, worse); for an open one or a tie, as written.
    kind : str
        ``"open"``, ``"settled"`` or ``"tie"``.
    why, source : str
        The reason, and the passage of the text it rests on.
    """

    player: str
    outcomes: tuple[tuple[str, ...], tuple[str, ...]]
    kind: str = "open"
    why: str = ""
    source: str = ""

    def __str__(self) -> str:
        a, b = (profile_text(p) for p in self.outcomes)
        sign = {"open": "vs", "settled": ">", "tie": "="}[self.kind]
        return f"{self.player}: {a} {sign} {b}"

    def to_dict(self) -> dict[str, Any]:
        """The JSON form of an open comparison (a contract of ``gametheory robustness``)."""
        return {
            "player": self.player,
            "outcomes": [list(p) for p in self.outcomes],
            "source": self.source,
        }


@dataclass(frozen=True)
class Judgements:
    """The ``[judgements]`` and ``[distributions]`` of a model.

    Attributes
    ----------
    comparisons : tuple of Comparison
        Open, settled and tied comparisons, in file order per player.
    distributions : tuple of (str, str)
        Parameter name and distribution text (``"uniform(0, 10)"``), in file order.
    """

    comparisons: tuple[Comparison, ...] = ()
    distributions: tuple[tuple[str, str], ...] = ()

    @property
    def open(self) -> tuple[Comparison, ...]:
        """The open comparisons."""
        return tuple(c for c in self.comparisons if c.kind == "open")

    def of(self, player: str, kind: str | None = None) -> tuple[Comparison, ...]:
        """A player's comparisons (of one kind)."""
        return tuple(
            c for c in self.comparisons if c.player == player and (kind is None or c.kind == kind)
        )

    def __bool__(self) -> bool:
        return bool(self.comparisons or self.distributions)


def profile_text(profile: Sequence[str]) -> str:
    return "(" + ", ".join(profile) + ")"


# ---------------------------------------------------------------------- the order of a player
@dataclass(frozen=True)
class PlayerOrder:
    """What a player's judgements say about the order of the outcomes.

    Cells are the pure profiles as strategy-index tuples, in lexicographic order; they are
    grouped into tie classes, and ``above[c]`` is the bitmask of the classes settled strictly
    better than class ``c`` (transitively closed).

    Attributes
    ----------
    player : str
    cells : tuple of tuple of int
    classes : tuple of tuple of int
        Indices into ``cells``; outcomes in one class are tied in every admissible order.
    class_of : tuple of int
        The class of each cell.
    above : tuple of int
        Per class, the bitmask of the classes settled strictly above it (closure).
    reasons : dict
        ``(better cell, worse cell) -> source`` for each settled comparison stated directly
        (by the ranks or a ``settled`` entry).
    has_judgements : bool
        True if the player has ranks or settled comparisons.
    missing : tuple of tuple of int
        The cells without a rank, when the player has ranks.
    """

    player: str
    cells: tuple[tuple[int, ...], ...]
    classes: tuple[tuple[int, ...], ...]
    class_of: tuple[int, ...]
    above: tuple[int, ...]
    reasons: dict[tuple[int, int], str] = field(default_factory=dict)
    has_judgements: bool = True
    missing: tuple[tuple[int, ...], ...] = ()

    def better(self, a: int, b: int) -> bool:
        """True if cell ``a`` is settled strictly better than cell ``b`` (in every order)."""
        return bool(self.above[self.class_of[b]] >> self.class_of[a] & 1)

    def tied(self, a: int, b: int) -> bool:
        return self.class_of[a] == self.class_of[b]


def player_order(model: Any, player: str) -> PlayerOrder:
    """The settled comparisons and ties of one player, closed under transitivity.

    Raises
    ------
    ModelError
        If the settled comparisons contradict themselves (the model loader reports this
        first, with the cycle).
    """
    order, problems = _build(model, player)
    if problems:
        raise problems[0][0]
    return order


def judgement_problems(model: Any) -> list[tuple[ModelError, tuple[Any, ...]]]:
    """Contradictions and implied "open" comparisons, with the key path of each.

    Returns ``(error, path)`` pairs; the loader adds file and line.
    """
    out = []
    for name in model.player_names:
        out += _build(model, name)[1]
    return out


def _build(model: Any, player: str) -> tuple[PlayerOrder, list[tuple[ModelError, tuple]]]:
    model.player_index(player)  # an unknown player is an error
    cells = tuple(itertools.product(*(range(n) for n in model.shape)))
    index = {c: k for k, c in enumerate(cells)}

    def cell(profile: Sequence[str]) -> int:
        return index[model.profile_index(profile)]

    judgements = getattr(model, "judgements", None) or Judgements()
    ranks: dict[int, tuple[int, str]] = {}
    for outcome in model.outcomes:
        j = outcome.judgement(player)
        if j is not None:
            ranks[cell(outcome.profile)] = (j.rank, j.source)
    # Union-find over stated ties (equal ranks and ``ties`` entries).
    parent = list(range(len(cells)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    by_rank: dict[int, list[int]] = {}
    for c, (rank, _) in ranks.items():
        by_rank.setdefault(rank, []).append(c)
    for group in by_rank.values():
        for c in group[1:]:
            parent[find(c)] = find(group[0])
    for t in judgements.of(player, "tie"):
        parent[find(cell(t.outcomes[0]))] = find(cell(t.outcomes[1]))
    roots = sorted({find(c) for c in range(len(cells))})
    class_number = {r: k for k, r in enumerate(roots)}
    class_of = tuple(class_number[find(c)] for c in range(len(cells)))
    classes = tuple(
        tuple(c for c in range(len(cells)) if class_of[c] == k) for k in range(len(roots))
    )
    open_pairs = {
        frozenset((cell(o.outcomes[0]), cell(o.outcomes[1]))): k
        for k, o in enumerate(judgements.of(player, "open"))
    }
    edges: dict[tuple[int, int], str] = {}  # (better cell, worse cell) -> source
    for a, b in itertools.permutations(ranks, 2):
        if ranks[a][0] > ranks[b][0] and frozenset((a, b)) not in open_pairs:
            edges[(a, b)] = _rank_source(ranks[a][1], ranks[b][1])
    for s in judgements.of(player, "settled"):
        edges[(cell(s.outcomes[0]), cell(s.outcomes[1]))] = s.source
    problems: list[tuple[ModelError, tuple]] = []
    names = model.strategy_ids

    def show(c: int) -> str:
        return profile_text([names[p][j] for p, j in enumerate(cells[c])])

    # Direct relation between classes, then its closure (bitmasks).
    k = len(classes)
    direct = [0] * k  # direct[c]: classes directly above c
    for (a, b), _ in edges.items():
        ca, cb = class_of[a], class_of[b]
        if ca == cb:
            problems.append((
                ModelError(
                    f"{player}: {show(a)} is settled better than {show(b)}, but the two are "
                    "tied (equal ranks or a stated tie)"
                ),
                ("judgements", player),
            ))
            continue
        direct[cb] |= 1 << ca
    cycle = _find_cycle(direct)
    if cycle is not None:
        chain = " > ".join(show(classes[c][0]) for c in cycle)
        problems.append((
            ModelError(f"{player}: the settled comparisons contradict themselves: {chain}"),
            ("judgements", player),
        ))
    above = _closure(direct)
    for n_open, o in enumerate(judgements.of(player, "open")):
        a, b = cell(o.outcomes[0]), cell(o.outcomes[1])
        for x, y in ((a, b), (b, a)):
            if class_of[x] == class_of[y]:
                problems.append((
                    ModelError(f"{player}: the open comparison {show(x)} vs {show(y)} is of "
                               "two tied outcomes"),
                    ("judgements", player, "open", n_open),
                ))
                break
            if above[class_of[y]] >> class_of[x] & 1:
                path = _path(direct, class_of[y], class_of[x])
                chain = " > ".join(show(classes[c][0]) for c in path)
                problems.append((
                    ModelError(
                        f"{player}: the open comparison {show(x)} vs {show(y)} is already "
                        f"settled by transitivity: {chain}",
                        hint="remove it from [judgements] or open a comparison of the chain",
                    ),
                    ("judgements", player, "open", n_open),
                ))
                break
    has = bool(ranks) or bool(judgements.of(player, "settled"))
    missing = tuple(cells[c] for c in range(len(cells)) if ranks and c not in ranks)
    order = PlayerOrder(
        player=player,
        cells=cells,
        classes=classes,
        class_of=class_of,
        above=tuple(above),
        reasons=edges,
        has_judgements=has,
        missing=missing,
    )
    return order, problems


def _rank_source(a: str, b: str) -> str:
    if a == b or not b:
        return a
    if not a:
        return b
    return f"{a}; {b}"


def _closure(direct: list[int]) -> list[int]:
    """Per class, the bitmask of every class above it (transitive closure)."""
    k = len(direct)
    above = list(direct)
    changed = True
    while changed:
        changed = False
        for c in range(k):
            mask, new = above[c], above[c]
            while mask:
                low = mask & -mask
                new |= above[low.bit_length() - 1]
                mask ^= low
            if new != above[c]:
                above[c], changed = new, True
    return above


def _find_cycle(direct: list[int]) -> list[int] | None:
    """A cycle of the relation "is directly above" as classes (best first), or None."""
    k = len(direct)
    state = [0] * k  # 0 new, 1 on the stack, 2 done
    for start in range(k):
        if state[start]:
            continue
        stack = [(start, direct[start])]
        trail = [start]
        state[start] = 1
        while stack:
            node, mask = stack[-1]
            if not mask:
                stack.pop()
                trail.pop()
                state[node] = 2
                continue
            low = mask & -mask
            stack[-1] = (node, mask ^ low)
            nxt = low.bit_length() - 1
            if state[nxt] == 1:
                # trail holds worse-to-better; the cycle from nxt, reversed: best first.
                loop = [*trail[trail.index(nxt):], nxt]
                return loop[::-1]
            if state[nxt] == 0:
                state[nxt] = 1
                trail.append(nxt)
                stack.append((nxt, direct[nxt]))
    return None


def _path(direct: list[int], worse: int, better: int) -> list[int]:
    """A shortest chain of direct comparisons from ``better`` down to ``worse``."""
    previous = {worse: -1}
    queue = deque([worse])
    while queue:
        node = queue.popleft()
        if node == better:
            break
        mask = direct[node]
        while mask:
            low = mask & -mask
            nxt = low.bit_length() - 1
            mask ^= low
            if nxt not in previous:
                previous[nxt] = node
                queue.append(nxt)
    out = [better]
    while previous[out[-1]] != -1:
        out.append(previous[out[-1]])
    return out
