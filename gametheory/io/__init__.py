"""Reading and writing other programs' file formats: Gambit's strategic-form ``.nfg``."""

from .nfg import parse_nfg, read_nfg, write_nfg

__all__ = ["parse_nfg", "read_nfg", "write_nfg"]
