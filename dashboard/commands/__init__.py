"""CLI sub-commands beyond the data basics, one module each (see dashboard.cli.COMMAND_MODULES).

A command module defines ``NAME``, ``register(sub) -> None`` adding its parser to the argparse
sub-parsers, and ``run(store, args) -> int`` returning the exit code.
"""
