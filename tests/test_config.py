"""Plugin settings (datasette_micropython/config.py)."""

import pytest
from datasette.app import Datasette

from datasette_micropython.config import ConfigError, PluginConfig, parse_size


@pytest.mark.parametrize(
    "raw, size", [(65536, 65536), ("64M", 64 * 2**20), ("1GiB", 2**30), ("512 kb", 512 * 2**10)]
)
def test_sizes(raw, size):
    assert parse_size(raw, "x") == size


def test_defaults():
    config = PluginConfig.parse(None)
    assert config.max_sessions == 100 and config.network is None and config.files == {}
    assert config.sandbox_kwargs() == {"memory_limit": 64 * 2**20, "time_limit": 5.0, "output_limit": 65536}
    assert config.enrichment_limits.time_limit == 30.0


def test_full_config():
    config = PluginConfig.parse(
        {
            "memory_limit": "32M",
            "time_limit": 2,
            "max_sessions": 5,
            "idle_timeout": 60,
            "network": {"allow": ["https://example.com/api/"]},
            "files": {"/data/x.csv": "/tmp/x.csv"},
            "enrichment": {"time_limit": 10},
        }
    )
    kwargs = config.sandbox_kwargs()
    assert kwargs["memory_limit"] == 32 * 2**20 and kwargs["time_limit"] == 2.0
    assert kwargs["network"].allow == ("https://example.com/api/",)
    assert config.enrichment_limits.memory_limit == 32 * 2**20 and config.enrichment_limits.time_limit == 10.0


@pytest.mark.parametrize(
    "raw, setting",
    [
        ({"memory_limit": "lots"}, "memory_limit"),
        ({"memory_limit": -1}, "memory_limit"),
        ({"time_limit": 0}, "time_limit"),
        ({"time_limit": "5"}, "time_limit"),
        ({"max_sessions": 0}, "max_sessions"),
        ({"idle_timeout": -5}, "idle_timeout"),
        ({"network": {"allow": ["ftp://x/"]}}, "network"),
        ({"network": ["https://x/"]}, "network"),
        ({"files": ["/x"]}, "files"),
        ({"enrichment": {"speed": 1}}, "enrichment"),
        ({"enrichment": {"time_limit": -1}}, "enrichment.time_limit"),
        ({"colour": "blue"}, "colour"),
    ],
)
def test_bad_settings_name_the_setting(raw, setting):
    with pytest.raises(ConfigError, match=setting):
        PluginConfig.parse(raw)


async def test_bad_settings_stop_datasette_startup():
    ds = Datasette(memory=True, config={"plugins": {"datasette-agent-micropython": {"time_limit": -1}}})
    with pytest.raises(ConfigError, match="time_limit"):
        await ds.invoke_startup()
