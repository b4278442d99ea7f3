"""e2e fixture: a typo in an import of a package no manifest declares."""
import os

import nupmy


def main() -> None:
    print(os.getcwd(), nupmy)
