"""Reading input files safely: regular files only, with the size cap applied while reading.

A FIFO, a device such as ``/dev/zero`` or a directory given where a model or game file is
expected is refused before any byte is read (reading them could block for ever or never end);
a file that grows past :data:`gametheory.numbers.MAX_FILE_BYTES` while it is read is refused
too, so the cap holds even if the size reported before reading was wrong.
"""

from __future__ import annotations

import os
import stat

from ..errors import GameValueError
from ..numbers import MAX_FILE_BYTES

__all__ = ["read_input_file"]

_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _kind(mode: int) -> str:
    for test, name in _KINDS:
        if test(mode):
            return name
    return "not a regular file"  # pragma: no cover - every kind is listed


def read_input_file(path: str | os.PathLike[str], *, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes.

    Parameters
    ----------
    path : str or os.PathLike
    limit : int
        The most bytes read; default :data:`gametheory.numbers.MAX_FILE_BYTES`.

    Returns
    -------
    bytes

    Raises
    ------
    GameValueError
        Naming the file: if it does not exist or cannot be read, is not a regular file (a
        directory, FIFO, device or socket), or is larger than ``limit``.

    Examples
    --------
    >>> read_input_file("/dev/null")
    Traceback (most recent call last):
    ...
    gametheory.errors.GameValueError: /dev/null: not a regular file: a character device
    """
    name = os.fspath(path)
    try:
        mode = os.stat(name).st_mode
        if not stat.S_ISREG(mode):
            raise GameValueError(f"not a regular file: {_kind(mode)}", file=name)
        # O_NONBLOCK: should the path have become a FIFO since, opening it does not wait.
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise GameValueError(f"cannot read the file: {exc.strerror or exc}", file=name) from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise GameValueError(f"not a regular file: {_kind(mode)}", file=name)
        chunks: list[bytes] = []
        size = 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise GameValueError(f"file too large (more than {limit} bytes)", file=name)
    except OSError as exc:
        raise GameValueError(f"cannot read the file: {exc.strerror or exc}", file=name) from None
    finally:
        os.close(fd)
    return b"".join(chunks)
