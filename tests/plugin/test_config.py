"""Plugin settings (datasette_micropython/plugin/config.py)."""

import subprocess

import pytest
from datasette.app import Datasette

from datasette_micropython.limits import LIMITS, parse_size
from datasette_micropython.plugin.config import ConfigError, PluginConfig

from .server import datasette_command


@pytest.mark.parametrize(
    "raw, size", [(65536, 65536), ("64M", 64 * 2**20), ("1GiB", 2**30), ("512 kb", 512 * 2**10)]
)
def test_sizes(raw, size):
    assert parse_size(raw, "x") == size


def test_defaults():
    config = PluginConfig.parse(None)
    assert config.max_sessions == 100 and config.network is None and config.files == {}
    assert config.sandbox_kwargs() == {"output_limit": 65536}  # the rest are the engine's defaults
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


@pytest.mark.parametrize(
    "settings, named",
    [({"memory_limit": "1M"}, "memory_limit"), ({"time_limit": 200000}, "time_limit")],
)
def test_limits_out_of_the_engines_bounds_stop_a_real_datasette_at_startup(settings, named):
    # Limits the engine refuses must stop the server before it serves anything, naming the setting
    # (before: accepted, then every sandbox creation failed).
    config = {"plugins": {"datasette-agent-micropython": settings}}
    command = datasette_command(config, "--memory", "--get", "/-/versions.json")
    result = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode != 0
    assert named in result.stderr and "must be between" in result.stderr


def test_every_engine_limit_is_a_setting_with_the_engines_bounds():
    for name, spec in LIMITS.items():
        if spec.nullable:
            assert PluginConfig.parse({name: None}).limits[name] is None
        below = "1" if spec.unit == "bytes" and spec.min > 1 else None
        if below is not None:
            with pytest.raises(ConfigError, match=name):
                PluginConfig.parse({name: below})
        with pytest.raises(ConfigError, match=f"enrichment.{name}"):
            PluginConfig.parse({"enrichment": {name: "x"}})
