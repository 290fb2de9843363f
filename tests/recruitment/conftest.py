import pytest


@pytest.fixture(autouse=True)
def _fast_passwords(fast_passwords):
    pass


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # The info-event form is rate-limited in the cache; each test starts with fresh counts.
    from django.core.cache import cache

    cache.clear()
