"""e2e fixture: a typo in an import."""
import os

import reqeusts


def main() -> None:
    print(os.getcwd(), reqeusts)
