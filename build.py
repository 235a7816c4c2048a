"""Build the example reports: the same as `reportgen build`."""

import sys

from reportgen.cli import main

if __name__ == "__main__":
    sys.exit(main(["build", *sys.argv[1:]]))
