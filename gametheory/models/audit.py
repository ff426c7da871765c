"""How much of a model its text settles: each player's comparisons, settled, open or assumed.

Every two outcomes a player ranks make one comparison. It is

- **open** when the model's ``[judgements]`` leave it open;
- **assumed** when it is not open and the rank of one of the two outcomes is marked as an
  assumption: the rank's ``source`` says "assumption" (the convention of the built-in models:
  "assumption where the text is silent");
- **settled** otherwise: both ranks rest on cited passages.

``best_replies=True`` counts only the comparisons of two outcomes that differ in the player's
own strategy alone: the ones a pure Nash equilibrium depends on.

Examples
--------
>>> from gametheory.models import load_model
>>> comparison_counts(load_model("us-russia-2x2"))["US"]
{'settled': 5, 'open': 1, 'assumed': 0}
"""

from __future__ import annotations

import itertools
from typing import Any

__all__ = ["comparison_counts"]


def comparison_counts(model: Any, best_replies: bool = False) -> dict[str, dict[str, int]]:
    """Per player, the number of comparisons of ranked outcomes that are settled, open, assumed.

    Parameters
    ----------
    model : Model
    best_replies : bool
        Count only comparisons of outcomes that differ in the player's own strategy.

    Returns
    -------
    dict
        Player name -> ``{"settled": n, "open": n, "assumed": n}``; players without ranks are
        left out.
    """
    out: dict[str, dict[str, int]] = {}
    judgements = getattr(model, "judgements", None)
    for i, player in enumerate(model.player_names):
        ranked = {o.profile: o.judgement(player) for o in model.outcomes
                  if o.judgement(player) is not None}
        if not ranked:
            continue
        opened = ({frozenset(c.outcomes) for c in judgements.of(player, "open")}
                  if judgements else set())
        counts = {"settled": 0, "open": 0, "assumed": 0}
        for a, b in itertools.combinations(ranked, 2):
            if best_replies and any(a[k] != b[k] for k in range(len(a)) if k != i):
                continue
            if frozenset((a, b)) in opened:
                kind = "open"
            elif "assumption" in ranked[a].source or "assumption" in ranked[b].source:
                kind = "assumed"
            else:
                kind = "settled"
            counts[kind] += 1
        out[player] = counts
    return out
