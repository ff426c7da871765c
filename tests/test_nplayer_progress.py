"""Progress and Ctrl-C in exact N-player searches: the library's callback and
``SolveInterrupted``, the command line's ``--progress`` and exit status 130.

The reference for a partial result is the complete one: every equilibrium certified before an
interruption is one of the complete search's (McKelvey and McLennan's 2x2x2 game, nine
equilibria: Gambit issues #474 and #591).
"""

from __future__ import annotations

import json
import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import cli
from gametheory import Game, solve
from gametheory.algorithms import exact_nplayer
from gametheory.algorithms.exact_nplayer import SolveInterrupted, exact_nplayer_equilibria
from gametheory.io.nfg import read_nfg, write_nfg

DATA = Path(__file__).parent / "data"
MCKELVEY = DATA / "mckelvey-mclennan-2x2x2.nfg"


def strings(result) -> set[tuple[str, ...]]:
    return {tuple(str(p) for sigma in eq.profile for p in sigma) for eq in result.equilibria}


def test_progress_calls() -> None:
    calls: list[tuple[int, int, int]] = []
    result = solve(read_nfg(MCKELVEY), progress=lambda *a: calls.append(a))
    total = calls[0][1]
    assert calls[0] == (0, total, 0)
    assert [c[0] for c in calls] == list(range(total + 1))
    assert all(c[1] == total for c in calls)
    assert [c[2] for c in calls] == sorted(c[2] for c in calls)  # found never decreases
    assert calls[-1][2] == len(result.equilibria) == 9


@pytest.mark.parametrize("after", [0, 3, 6])
def test_ctrl_c_keeps_what_was_certified(after: int) -> None:
    game = read_nfg(MCKELVEY)
    full = solve(game)

    def stop(tried: int, total: int, found: int) -> None:
        if tried == after:
            raise KeyboardInterrupt

    with pytest.raises(SolveInterrupted) as caught:
        exact_nplayer_equilibria(game, progress=stop)
    assert isinstance(caught.value, KeyboardInterrupt)
    partial = caught.value.result
    assert partial.status == "incomplete" and not partial.complete
    assert partial.message.startswith("interrupted after")
    assert f"{after} of the" in partial.message
    assert strings(partial) <= strings(full)
    assert partial.components == ()  # no isolation is claimed for an incomplete search
    if after:
        assert partial.equilibria


def test_ctrl_c_while_enumerating_supports(monkeypatch) -> None:
    def interrupted(game):
        raise KeyboardInterrupt

    monkeypatch.setattr(exact_nplayer, "support_profiles", interrupted)
    with pytest.raises(SolveInterrupted) as caught:
        exact_nplayer_equilibria(read_nfg(MCKELVEY))
    result = caught.value.result
    assert result.equilibria == () and not result.complete
    assert "while enumerating the support profiles" in result.message


def test_cli_progress_lines() -> None:
    result = CliRunner().invoke(cli.cli, ["solve", str(MCKELVEY), "--progress", "-f", "json"])
    assert result.exit_code == 0
    lines = result.stderr.splitlines()
    assert lines[0].startswith("support profiles tried: 0 of ")
    assert lines[-1].endswith("equilibria found: 9")
    assert len(json.loads(result.stdout)["equilibria"]) == 9
    quiet = CliRunner().invoke(cli.cli, ["solve", str(MCKELVEY), "-f", "json"])
    assert quiet.exit_code == 0 and quiet.stderr == ""  # not a terminal: no progress


def test_cli_ctrl_c_prints_partial_result_and_exits_130(monkeypatch) -> None:
    real = exact_nplayer.solve_support_profile
    calls = []

    def interrupt_third(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(exact_nplayer, "solve_support_profile", interrupt_third)
    result = CliRunner().invoke(cli.cli, ["solve", str(MCKELVEY), "-f", "json"])
    assert result.exit_code == 130
    assert "Interrupted" in result.stderr and "Traceback" not in result.output
    data = json.loads(result.stdout)
    assert data["status"] == "incomplete" and data["complete"] is False
    assert "interrupted after" in data["message"] and "2 of the" in data["message"]
    text = CliRunner().invoke(cli.cli, ["solve", str(MCKELVEY)])  # calls continue: no stop
    assert text.exit_code == 0


def _slow_game(path: Path) -> None:
    rng = random.Random(15)
    shape = (3, 3, 3)
    arrays = [
        [[[rng.randint(-99, 99) for _ in range(3)] for _ in range(3)] for _ in range(3)]
        for _ in shape
    ]
    path.write_text(write_nfg(Game.from_arrays(*arrays)), encoding="utf-8")


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child process")
def test_real_sigint(tmp_path: Path) -> None:
    # A random 3x3x3 game takes about a minute (docs/nplayer.md): interrupted after the first
    # support profiles, the command prints what it has, marked incomplete, and exits 130.
    game = tmp_path / "g.nfg"
    _slow_game(game)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    child = subprocess.Popen(
        [sys.executable, "-m", "gametheory", "solve", str(game), "--progress", "-f", "json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )
    assert child.stderr is not None
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        line = child.stderr.readline()
        assert line, "the search ended before it could be interrupted"
        tried, total = map(int, re.match(r"support profiles tried: (\d+) of (\d+)", line).groups())
        if 0 < tried < total:
            break
    child.send_signal(signal.SIGINT)
    out, err = child.communicate(timeout=120)
    assert child.returncode == 130, err
    data = json.loads(out)
    assert data["status"] == "incomplete" and "interrupted after" in data["message"]
    assert "Interrupted" in err and "Traceback" not in err


@pytest.mark.skipif(sys.platform == "win32", reason="a pseudo-terminal")
def test_progress_by_default_on_a_terminal() -> None:
    import pty

    main, secondary = pty.openpty()
    child = subprocess.Popen(
        [sys.executable, "-m", "gametheory", "solve", str(MCKELVEY), "-f", "json"],
        stdout=subprocess.PIPE, stderr=secondary, text=True,
    )
    os.close(secondary)
    out, _ = child.communicate(timeout=120)
    seen = b""
    while True:
        try:
            chunk = os.read(main, 4096)
        except OSError:  # the terminal closed with the child
            break
        if not chunk:
            break
        seen += chunk
    os.close(main)
    assert child.returncode == 0 and len(json.loads(out)["equilibria"]) == 9
    # One line rewritten in place (\r), ended once the search is done.
    assert b"\rsupport profiles tried: 0 of " in seen
    assert seen.rstrip().endswith(b"equilibria found: 9")
