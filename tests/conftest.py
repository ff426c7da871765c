"""Shared test configuration: hypothesis profiles.

The "ci" profile (chosen when the environment variable CI is "true") is derandomised, so that
a CI run is reproducible, and has no deadline, because exact arithmetic on a shared runner has
no stable timing. Locally the "dev" profile explores new examples on every run.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    deadline=None,
    derandomize=True,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci" if os.environ.get("CI", "").lower() == "true" else "dev")
