"""``python -m gametheory``: the command line (the top-level module ``cli``)."""

from cli import main

if __name__ == "__main__":
    main()
