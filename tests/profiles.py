"""Hypothesis profiles, and the example counts property tests ask for in multiples of the profile's.

"ci" (the default) keeps the suite quick; "thorough" searches ten times as long. Choose one with the
HYPOTHESIS_PROFILE variable, e.g. `HYPOTHESIS_PROFILE=thorough python -m pytest tests/test_conditions.py`.
tests/conftest.py imports this module, so the profile is loaded before any test module is.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large]
settings.register_profile("ci", max_examples=50, deadline=None, suppress_health_check=_QUIET)
settings.register_profile("thorough", max_examples=500, deadline=None, suppress_health_check=_QUIET)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def examples(times: float = 1) -> int:
    """`times` the loaded profile's example count, so one variable scales every property test."""
    loaded = settings.default
    assert loaded is not None
    return max(1, round(times * loaded.max_examples))
