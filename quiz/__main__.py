"""Lets `python -m quiz` run the command line."""

import sys

from quiz.cli import main

sys.exit(main())
