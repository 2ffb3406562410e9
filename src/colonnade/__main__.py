"""`python -m colonnade`: the same as the `colonnade` command."""

from colonnade.cli import main

main()
