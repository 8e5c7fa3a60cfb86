"""The Datasette plugin package (datasette_micropython/plugin/)."""

import subprocess
import sys

from datasette.app import Datasette


def test_importing_the_package_does_not_import_datasette():
    code = "import sys, datasette_micropython; print('datasette' in sys.modules, 'asyncio' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]
    # Nor does the rest of the engine's Python API: limits, network policy, command line.
    code = (
        "import sys, datasette_micropython.limits, datasette_micropython.network, datasette_micropython.cli; "
        "print('datasette' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False"]


async def test_datasette_loads_the_plugin_with_its_templates_and_static_files():
    ds = Datasette(memory=True)
    plugins = (await ds.client.get("/-/plugins.json")).json()
    ours = [p for p in plugins if p["name"] == "datasette-agent-micropython"]
    assert len(ours) == 1
    assert ours[0]["templates"] and ours[0]["static"]
    assert {"startup", "register_commands", "register_routes", "register_agent_tools"} <= set(
        ours[0]["hooks"]
    )
