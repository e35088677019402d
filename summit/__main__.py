"""Entry point for `python -m summit`."""

import sys

from summit.cli import main

sys.exit(main())
