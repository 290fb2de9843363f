import pytest


@pytest.fixture(autouse=True)
def _fast_passwords(fast_passwords):
    pass
