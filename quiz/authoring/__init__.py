"""For bank authors: examples run as tests, reachability of every band and suggestion, printable handouts."""
