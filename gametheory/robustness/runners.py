"""Where the chunks of a robustness run are solved: here, local processes, or a Dask cluster.

A runner has one method, ``map(function, tasks, progress=None, sizes=None)``, which calls
``function(*task)`` for every task and returns the results **in task order**, whatever order
they finish in; so a run's result does not depend on the runner (see :mod:`.smaa`).

- :class:`LocalRunner` with ``workers=1`` runs in this process; with more, in a pool of worker
  processes (:class:`concurrent.futures.ProcessPoolExecutor`; forked where the platform allows
  it and the parent has no other thread, else spawned). Workers ignore Ctrl-C; the parent
  cancels what is left and re-raises :class:`KeyboardInterrupt`.
- :class:`DaskRunner` submits the same tasks to an existing Dask distributed scheduler
  (``pip install "gametheory-exact[distributed]"``), following ``distributed.Client`` conventions.
  On a cluster of many machines each task (one chunk, :data:`~.smaa.CHUNK` samples, a few
  kilobytes in and a summary out) runs where the scheduler places it; nothing else is shared.

Examples
--------
>>> LocalRunner(1).map(pow, [(2, 3), (3, 2)])
[8, 9]
"""

from __future__ import annotations

import signal
from collections.abc import Callable, Sequence
from typing import Any

from ..errors import GameValueError

__all__ = ["DaskRunner", "LocalRunner", "parse_workers"]

#: Seconds to wait for a Dask scheduler before giving up.
CONNECT_TIMEOUT = 5


def parse_workers(value: Any) -> int:
    """A worker count: a positive integer.

    Examples
    --------
    >>> parse_workers("2")
    2
    >>> parse_workers("0")
    Traceback (most recent call last):
    ...
    gametheory.errors.GameValueError: workers: the number of workers must be a positive integer, got '0'
    """  # noqa: E501
    try:
        number = int(str(value).strip())
    except ValueError:
        number = 0
    if number < 1 or str(number) != str(value).strip():
        raise GameValueError(
            f"the number of workers must be a positive integer, got {value!r}", key="workers"
        )
    return number


def _ignore_interrupt() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class LocalRunner:
    """Run tasks in this process (``workers=1``) or in ``workers`` local processes."""

    def __init__(self, workers: int = 1) -> None:
        self.workers = parse_workers(workers)

    def map(
        self,
        function: Callable[..., Any],
        tasks: Sequence[tuple[Any, ...]],
        progress: Callable[[int, int], None] | None = None,
        sizes: Sequence[int] | None = None,
    ) -> list[Any]:
        sizes = list(sizes) if sizes is not None else [1] * len(tasks)
        total, done = sum(sizes), 0
        if self.workers == 1 or len(tasks) <= 1:
            out = []
            for task, size in zip(tasks, sizes, strict=True):
                out.append(function(*task))
                done += size
                if progress is not None:
                    progress(done, total)
            return out
        import concurrent.futures as futures
        import multiprocessing
        import threading

        # fork starts a worker in milliseconds (the parent's imports are inherited); it is only
        # safe without other threads, so a threaded parent (a notebook, a Dask client) spawns.
        method = "fork" if (
            "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1
        ) else "spawn"
        context = multiprocessing.get_context(method)
        results: list[Any] = [None] * len(tasks)
        pool = futures.ProcessPoolExecutor(
            max_workers=min(self.workers, len(tasks)),
            mp_context=context,
            initializer=_ignore_interrupt,
        )
        try:
            pending = {pool.submit(function, *task): k for k, task in enumerate(tasks)}
            for future in futures.as_completed(pending):
                k = pending[future]
                results[k] = future.result()
                done += sizes[k]
                if progress is not None:
                    progress(done, total)
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        pool.shutdown(wait=True)
        return results


def _reachable(address: str, timeout: float) -> None:
    """Fail fast, in one line, if a ``tcp://host:port`` scheduler refuses or does not answer.

    (distributed's own connection retries until its timeout and logs each attempt.)
    """
    import socket
    from urllib.parse import urlsplit

    if "://" not in address:
        raise GameValueError(
            f"not a scheduler address: {address!r}", hint="e.g. tcp://SCHEDULER-HOST:8786"
        )
    if not address.startswith("tcp://"):
        return
    parts = urlsplit(address)
    try:
        host, port = parts.hostname, parts.port
    except ValueError:
        host, port = None, None
    if not host or not port:
        raise GameValueError(
            f"not a scheduler address: {address!r}", hint="e.g. tcp://SCHEDULER-HOST:8786"
        )
    wait = min(timeout, 2)
    try:
        with socket.create_connection((host, port), timeout=wait):
            pass
    except OSError as exc:
        reason = f"no answer within {wait:g} s" if isinstance(exc, TimeoutError) else (
            exc.strerror or type(exc).__name__
        )
        raise GameValueError(
            f"cannot reach the Dask scheduler at {address!r}", hint=str(reason)
        ) from None


def _connect(distributed: Any, address: str, timeout: float) -> Any:
    """A ``distributed.Client``, or one line of error within about ``timeout`` seconds.

    The scheduler is asked who it is first, over one raw connection with a deadline: a server
    that accepts the connection but does not speak Dask's protocol would otherwise keep a
    client waiting past its own timeout (and a half-made client complains when collected).
    """
    import asyncio

    from distributed.comm import connect

    deadline = min(timeout, 3)

    async def identity() -> Any:
        comm = await connect(address, timeout=deadline)
        try:
            await comm.write({"op": "identity"})
            return await comm.read()
        finally:
            await comm.close()

    try:
        reply = asyncio.run(asyncio.wait_for(identity(), deadline))
    except Exception as exc:
        reason = str(exc).split("\n")[0] or f"no answer within {deadline:g} s"
        raise GameValueError(
            f"cannot connect to a Dask scheduler at {address!r}", hint=reason[:120]
        ) from None
    if not isinstance(reply, dict) or reply.get("type") != "Scheduler":
        raise GameValueError(
            f"no Dask scheduler at {address!r}", hint="it answered, but not as one"
        )
    return distributed.Client(address, timeout=timeout, set_as_default=False)


class DaskRunner:
    """Run tasks on an existing Dask distributed scheduler at ``address``.

    Raises
    ------
    GameValueError
        If ``distributed`` is not installed, or the scheduler cannot be reached within
        :data:`CONNECT_TIMEOUT` seconds (one line, naming the address).
    """

    def __init__(self, address: str, timeout: float = CONNECT_TIMEOUT) -> None:
        if "://" not in address and ":" in address:
            address = "tcp://" + address  # host:port, as distributed.Client accepts it
        _reachable(address, timeout)
        try:
            import distributed
        except ImportError:
            raise GameValueError(
                "--scheduler needs Dask distributed",
                hint='pip install "gametheory-exact[distributed]"',
            ) from None
        import logging

        # A refused connection is logged by distributed before it raises; we say it once.
        logging.getLogger("distributed").setLevel(logging.CRITICAL)
        self.address = address
        self.client = _connect(distributed, address, timeout)

    def map(
        self,
        function: Callable[..., Any],
        tasks: Sequence[tuple[Any, ...]],
        progress: Callable[[int, int], None] | None = None,
        sizes: Sequence[int] | None = None,
    ) -> list[Any]:
        from distributed import as_completed

        sizes = list(sizes) if sizes is not None else [1] * len(tasks)
        total, done = sum(sizes), 0
        futures = [
            self.client.submit(function, *task, pure=False, key=f"gametheory-chunk-{k}-{id(self)}")
            for k, task in enumerate(tasks)
        ]
        index = {f.key: k for k, f in enumerate(futures)}
        results: list[Any] = [None] * len(tasks)
        try:
            for future in as_completed(futures, loop=self.client.loop):
                k = index[future.key]
                results[k] = future.result()
                done += sizes[k]
                if progress is not None:
                    progress(done, total)
        except BaseException:
            self.client.cancel(futures)
            raise
        return results

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> DaskRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
