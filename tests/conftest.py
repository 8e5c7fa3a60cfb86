import pytest

from datasette_micropython import Sandbox


@pytest.fixture
def sandbox():
    with Sandbox() as sb:
        yield sb
