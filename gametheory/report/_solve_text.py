"""One-line texts of a solve: the search's progress, the method's status, and the headline when
no equilibrium is listed."""

from __future__ import annotations

from ..result import SolveResult

__all__ = ["interrupted", "no_equilibrium_text", "progress_text", "status_text"]


def interrupted(result: SolveResult) -> bool:
    """Whether the result is that of a search stopped by Ctrl-C (an exact N-player search, or
    the streamed two-player one): its status is incomplete and its message says so."""
    return result.status == "incomplete" and result.message.startswith("interrupted")


def progress_text(tried: int, total: int | None, found: int | None) -> str:
    """One line of progress of an exact search: an N-player search by support profiles, a
    two-player search by the vertices of a best-response polytope (``total`` None), or the
    double description method's constraints (``found`` None: nothing is found before the end).

    Examples
    --------
    >>> progress_text(3, 27, 1)
    'support profiles tried: 3 of 27; equilibria found: 1'
    >>> progress_text(5120, None, 2)
    'polytope vertices visited: 5120; equilibria found: 2'
    >>> progress_text(12, 36, None)
    'constraints added to the best-response polytopes: 12 of 36'
    """
    if found is None:
        return f"constraints added to the best-response polytopes: {tried} of {total}"
    if total is None:
        return f"polytope vertices visited: {tried}; equilibria found: {found}"
    return f"support profiles tried: {tried} of {total}; equilibria found: {found}"


def status_text(result: SolveResult) -> str:
    """One line: method, status, message, and rejected candidates."""
    text = f"Method {result.method}: "
    if result.status not in ("ok", "degenerate"):
        text += f"{result.status}: "
    text += result.message or result.status
    if result.rejected and "rejected" not in result.message:  # count each candidate once
        n = len(result.rejected)
        text += (
            f"; {n} candidate{'s' if n > 1 else ''} failed the exact check and "
            f"{'were' if n > 1 else 'was'} dropped"
        )
    return text if text.endswith(".") else text + "."


def no_equilibrium_text(result: SolveResult) -> str:
    """The headline when a result lists no equilibrium: what was, and was not, searched.

    Every finite game has a Nash equilibrium (Nash, 1951), so an empty list from a complete
    method cannot happen; from an incomplete one it says only what the method did not find.

    Examples
    --------
    >>> from gametheory import Game, solve
    >>> pennies = Game.from_arrays([[1, -1], [-1, 1]])
    >>> no_equilibrium_text(solve(pennies, "pure"))
    'No pure equilibrium; mixed equilibria were not searched.'
    """
    if result.method == "pure":
        return "No pure equilibrium; mixed equilibria were not searched."
    if result.complete:  # pragma: no cover - impossible for a finite game
        return "No Nash equilibrium was found."
    if interrupted(result):
        return "No equilibrium was certified before the search was interrupted."
    rejected = len(result.rejected)
    detail = (
        f"{rejected} candidate{'s' if rejected != 1 else ''} failed the exact check"
        if rejected
        else "the method is not complete"
    )
    return (
        f"No equilibrium was certified by the method {result.method} ({detail}); "
        "the game has one: the method exact finds every equilibrium of a two-player game."
    )
