"""Start-up benchmark: ``gametheory solve us-russia``, the whole process, against ``import nashpy``.

Target (issue 4): the command takes at most 0.3 times as long as ``python -c "import nashpy"``,
measured in the same run. Both are run as fresh processes, interleaved so that a busy machine
slows both alike, after one warm-up run each.

Both run with bytecode caching on, as after ``pip install`` (which compiles every module): the
caches go to a temporary folder (``PYTHONPYCACHEPREFIX``) written by the warm-up runs, so that
the source tree stays clean and ``PYTHONDONTWRITEBYTECODE`` in the caller's environment does
not make every run compile our modules from source while nashpy's come precompiled.

Run it with the project's Python::

    python benchmarks/bench_startup.py            # 20 repetitions of each
    python benchmarks/bench_startup.py -n 50

It prints the median and the minimum wall time of each, and their ratios.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _gametheory_command() -> list[str]:
    """The installed console script next to this Python, else ``python -m gametheory``."""
    script = Path(sys.executable).with_name("gametheory")
    if script.exists():
        return [str(script)]
    found = shutil.which("gametheory")
    return [found] if found else [sys.executable, "-m", "gametheory"]


def _time(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
    )
    return time.perf_counter() - start


def measure(repetitions: int = 20) -> str:
    """Time both commands, interleaved, and return the report (medians, minima, ratios)."""
    ours = [*_gametheory_command(), "solve", "us-russia"]
    nashpy = [sys.executable, "-c", "import nashpy"]
    cache = tempfile.mkdtemp(prefix="gametheory-bench-pycache-")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = cache
    for command in (ours, nashpy):  # warm-up: bytecode caches, file-system cache
        _time(command, env)
    times: dict[str, list[float]] = {"ours": [], "nashpy": []}
    for _ in range(repetitions):
        times["ours"].append(_time(ours, env))
        times["nashpy"].append(_time(nashpy, env))
    shutil.rmtree(cache, ignore_errors=True)
    lines = [f"python {sys.version.split()[0]} on {os.cpu_count()} cores, {repetitions} runs each"]
    for name, command in (("ours", ours), ("nashpy", nashpy)):
        t = times[name]
        shown = " ".join(Path(c).name if k == 0 else c for k, c in enumerate(command))
        lines.append(
            f"{shown:45} median {statistics.median(t) * 1000:7.1f} ms   min {min(t) * 1000:7.1f} ms"
        )
    median_ratio = statistics.median(times["ours"]) / statistics.median(times["nashpy"])
    min_ratio = min(times["ours"]) / min(times["nashpy"])
    lines.append(
        f"ratio (solve us-russia / import nashpy): median {median_ratio:.3f}, "
        f"min {min_ratio:.3f} (target <= 0.3)"
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=20, help="repetitions of each (default 20)")
    print(measure(parser.parse_args().n))


if __name__ == "__main__":
    main()
