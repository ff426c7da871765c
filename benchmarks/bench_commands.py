"""Wall time and peak memory of whole ``gametheory`` commands on the built-in models.

Each command runs in a fresh process (start-up included), one after the other; the peak
resident set size is the largest of the command's process and its worker processes
(``getrusage(RUSAGE_CHILDREN)``, measured around each command in its own runner process).
The default set is the one of the performance brief: ``analyze`` on the 4x4 and 8x8 models,
``sensitivity us-russia-tracks`` over every parameter, and ``robustness us-russia-tracks``
(8x8, over the parameters: every sample has exact ties).

Run it with the project's Python, from the repository root::

    python benchmarks/bench_commands.py                        # the default set
    python benchmarks/bench_commands.py --only robustness --samples 10000 --workers 2
    python benchmarks/bench_commands.py -- analyze us-russia   # one command of your own
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time

_RUNNER = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
wall = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({"wall": wall, "peak_mb": peak, "code": done.returncode,
                  "stderr": done.stderr.decode()[-300:]}))
"""


def _default(samples: int, workers: int) -> dict[str, list[list[str]]]:
    return {
        "analyze": [
            ["analyze", "prisoners-dilemma"],
            ["analyze", "stag-hunt"],
            ["analyze", "us-russia"],
            ["analyze", "us-russia-tracks"],
        ],
        "sensitivity": [["sensitivity", "us-russia-tracks"]],
        "robustness": [
            ["robustness", "us-russia-tracks", "--samples", str(samples), "--seed", "1",
             "--workers", str(workers), "-f", "json"],
        ],
    }


def run(arguments: list[str]) -> dict[str, object]:
    """One command in a fresh process: wall seconds, peak RSS (MB), exit code."""
    command = [sys.executable, "-m", "cli", *arguments]
    out = subprocess.run([sys.executable, "-c", _RUNNER, *command], capture_output=True,
                         text=True, check=True)
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=("analyze", "sensitivity", "robustness"), nargs="+")
    parser.add_argument("--samples", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("command", nargs="*", help="one gametheory command (after --)")
    args = parser.parse_args()
    if args.command:
        commands = [args.command]
    else:
        table = _default(args.samples, args.workers)
        commands = [c for key in (args.only or table) for c in table[key]]
    print(f"{'wall s':>8} {'peak MB':>8}  command")
    for arguments in commands:
        started = time.strftime("%H:%M:%S")
        result = run(arguments)
        status = "" if result["code"] == 0 else f"  (exit {result['code']}: {result['stderr']})"
        print(f"{result['wall']:8.2f} {result['peak_mb']:8.0f}  gametheory {' '.join(arguments)}"
              f"  [{started}]{status}", flush=True)


if __name__ == "__main__":
    main()
