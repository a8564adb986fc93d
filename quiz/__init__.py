"""quiz: a private self-assessment engine for the terminal."""

__version__ = "0.1.0"
