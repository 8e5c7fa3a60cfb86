"""Packaging: the licences, the light core and its extras, the plugin's lazy loading of the integrations,
the sdist (buildable without the guest toolchain) and the release workflow. Building a wheel from scratch
takes minutes, so the wheel checks (.ci/check_wheel.py: tags, glibc symbol versions, licence files) run
on a wheel given by DATASETTE_MICROPYTHON_WHEEL, as the release workflow does on every wheel it builds."""

import json
import os
import re
import subprocess
import sys
import tarfile
import textwrap
from pathlib import Path

import pytest
import tomllib
import yaml

ROOT = Path(__file__).parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
PROJECT = PYPROJECT["project"]
LICENCES = {
    "LICENSE",
    "CPython.txt",
    "MicroPython.txt",
    "pcre2.txt",
    "musl.txt",
    "Unicode.txt",
    "uzlib.txt",
    "wasi-libc.txt",
    "zig.txt",
}


def test_the_licence_is_apache_2_and_ships_with_the_guests_licences():
    licence = (ROOT / "LICENSE").read_text()
    assert (
        licence.split()[:3] == ["Apache", "License", "Version"] and "END OF TERMS AND CONDITIONS" in licence
    )
    assert PROJECT["license"] == "Apache-2.0"
    assert set(PROJECT["license-files"]) == {"LICENSE", "LICENSES/*"}
    shipped = {p.name for p in (ROOT / "LICENSES").iterdir()} | {"LICENSE"}
    assert LICENCES <= shipped
    assert "Permission is hereby granted" in (ROOT / "LICENSES" / "MicroPython.txt").read_text()
    assert "Damien P. George" in (ROOT / "LICENSES" / "MicroPython.txt").read_text()


def test_every_source_the_guest_build_fetches_has_its_licence():
    # A library added to the guest build (a tarball pinned in versions.env) must add its licence file.
    versions = (ROOT / "micropython-build" / "versions.env").read_text()
    tarballs = re.findall(r"^\w+_ORIG_TARBALL=(\S+)", versions, re.MULTILINE)
    assert tarballs, "no source tarball found in versions.env"
    licence_names = [p.stem.lower() for p in (ROOT / "LICENSES").glob("*.txt")]
    for tarball in tarballs:
        project = tarball.split("_", 1)[0].lower()
        assert project in licence_names, f"{tarball}: add its licence as LICENSES/<project>.txt"


def test_the_core_needs_only_datasette_and_the_integrations_are_extras():
    core = {re.split(r"[<>=!~;\[ ]", d, maxsplit=1)[0].lower() for d in PROJECT["dependencies"]}
    assert core == {"datasette", "click", "httpx2"}
    extras = PROJECT["optional-dependencies"]
    assert any(d.startswith("datasette-agent") for d in extras["agent"])
    assert any(d.startswith("datasette-enrichments") for d in extras["enrichments"])
    assert any(d.startswith("datasette-cron") for d in extras["cron"])
    assert extras["all"] == ["datasette-agent-micropython[agent,enrichments,cron]"]
    # No pre-release in the core's requirements: pip would upgrade a stable Datasette to it.
    assert not any(re.search(r"\d(a|b|rc)\d", d) for d in PROJECT["dependencies"])


def test_the_python_versions_claimed_agree():
    assert PROJECT["requires-python"] == ">=3.10"
    classifiers = [c.rsplit(" ", 1)[1] for c in PROJECT["classifiers"] if re.match(r".*Python :: 3\.\d+$", c)]
    assert classifiers[0] == "3.10"
    cargo = tomllib.loads((ROOT / "Cargo.toml").read_text())
    assert "abi3-py310" in cargo["workspace"]["dependencies"]["pyo3"]["features"]
    assert PYPROJECT["tool"]["ruff"]["target-version"] == "py310"
    readme = (ROOT / "README.md").read_text()
    assert "Python 3.10 or later" in readme
    assert f"Rust {cargo['workspace']['package']['rust-version']} or later" in readme


def test_the_plugin_version_check():
    from datasette_micropython.plugin import MIN_DATASETTE, version_key

    ordered = [
        "0.64.8",
        "0.65",
        "0.65.2",
        "1.0a1",
        "1.0a9",
        "1.0a40",
        "1.0a41",
        "1.0b1",
        "1.0rc2",
        "1.0",
        "1.0.1",
    ]
    assert sorted(ordered, key=version_key) == ordered
    assert version_key("1.0a41.dev3") == version_key(MIN_DATASETTE)
    with pytest.raises(ValueError, match="not a Datasette version"):
        version_key("latest")


def run_python(code: str) -> dict:
    """Runs `code` in a fresh interpreter (imports are per process); it prints one JSON line last."""
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


HIDE_MODULES = """
    import importlib.abc, importlib.util, sys
    # As if these distributions were not installed: find_spec finds nothing, and an import fails.
    real_find_spec = importlib.util.find_spec
    importlib.util.find_spec = lambda name, package=None: (
        None if name.split(".")[0] in HIDDEN else real_find_spec(name, package)
    )
    class Hide(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in HIDDEN:
                raise ModuleNotFoundError(f"No module named {name!r}", name=name)
            return None
    sys.meta_path.insert(0, Hide())
"""


def test_without_the_host_plugins_the_plugin_imports_none_of_them():
    loaded = run_python(
        "HIDDEN = {'datasette_agent', 'datasette_enrichments', 'datasette_cron', 'pygments', 'wtforms', 'llm'}\n"
        + textwrap.dedent(HIDE_MODULES)
        + """
import json
import datasette_micropython.plugin as plugin
heavy = sorted(m for m in sys.modules if m.split(".")[0] in HIDDEN)
print(json.dumps({"heavy": heavy, "console": hasattr(plugin, "register_routes"),
                  "agent": hasattr(plugin, "register_agent_tools"), "unavailable": plugin.UNAVAILABLE}))
"""
    )
    assert loaded == {"heavy": [], "console": True, "agent": False, "unavailable": {}}


def test_on_datasette_0_65_only_the_command_line_loads_and_startup_says_why():
    loaded = run_python(
        """
import importlib.metadata, json, logging
real_version = importlib.metadata.version
importlib.metadata.version = lambda name: "0.65.2" if name == "datasette" else real_version(name)
records = []
logging.getLogger("datasette_micropython").addHandler(logging.Handler())
logging.getLogger("datasette_micropython").handlers[-1].emit = records.append
import datasette_micropython.plugin as plugin

class FakeDatasette:
    def plugin_config(self, *args, **kwargs):
        return None

plugin.startup(FakeDatasette())
print(json.dumps({"console": hasattr(plugin, "register_routes"), "agent": hasattr(plugin, "register_agent_tools"),
                  "enrichments": hasattr(plugin, "register_enrichments"),
                  "commands": hasattr(plugin, "register_commands"),
                  "logged": [r.getMessage() for r in records]}))
"""
    )
    assert loaded["console"] is loaded["agent"] is loaded["enrichments"] is False
    assert loaded["commands"] is True
    (message,) = loaded["logged"]
    assert "this is Datasette 0.65.2" in message and "pip install 'datasette>=1.0a41'" in message


def test_datasette_agent_without_pygments_says_which_extra_to_install():
    loaded = run_python(
        "HIDDEN = {'pygments'}\n"
        + textwrap.dedent(HIDE_MODULES)
        + """
import json
import datasette_micropython.plugin as plugin
print(json.dumps({"agent": hasattr(plugin, "register_agent_tools"), "unavailable": plugin.UNAVAILABLE}))
"""
    )
    assert loaded["agent"] is False
    assert "pip install 'datasette-agent-micropython[agent]'" in loaded["unavailable"]["agent"]


MATURIN = Path(sys.executable).parent / "maturin"


@pytest.mark.skipif(not MATURIN.exists(), reason="needs maturin in the virtualenv (make setup installs it)")
def test_the_sdist_holds_the_guest_module_and_the_licences(tmp_path):
    # `maturin sdist` compiles nothing; building a wheel from the sdist is done by the release workflow.
    subprocess.run(
        [str(MATURIN), "sdist", "--out", str(tmp_path)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=300,
    )
    (sdist,) = tmp_path.glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
        pkg_info = (
            archive.extractfile(next(n for n in archive.getnames() if n.endswith("/PKG-INFO")))
            .read()
            .decode()
        )
    assert "datasette_micropython/micropython.wasm" in names
    assert {"LICENSE", "Cargo.lock", "rust/core/Cargo.toml", "rust/bindings/Cargo.toml"} <= names
    assert {f"LICENSES/{name}" for name in LICENCES - {"LICENSE"}} <= names
    assert "License-Expression: Apache-2.0" in pkg_info
    assert sdist.stat().st_size < 5 * 2**20, sdist.stat().st_size


@pytest.mark.skipif(
    "DATASETTE_MICROPYTHON_WHEEL" not in os.environ, reason="set DATASETTE_MICROPYTHON_WHEEL to a built wheel"
)
def test_a_built_wheel():
    pytest.importorskip(
        "elftools", reason="needs pyelftools (pip install auditwheel) to read symbol versions"
    )
    wheel = os.environ["DATASETTE_MICROPYTHON_WHEEL"]
    result = subprocess.run(
        [sys.executable, str(ROOT / ".ci" / "check_wheel.py"), wheel],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_wheel_check_fails_a_wheel_it_should(tmp_path):
    # .ci/check_wheel.py on a wheel with a too-new tag, no licences and the guest module inside.
    import zipfile

    sys.path.insert(0, str(ROOT / ".ci"))
    try:
        import check_wheel
    finally:
        sys.path.pop(0)
    path = tmp_path / "datasette_agent_micropython-0.1.0-cp311-cp311-manylinux_2_34_x86_64.whl"
    with zipfile.ZipFile(path, "w") as wheel:
        dist_info = "datasette_agent_micropython-0.1.0.dist-info"
        wheel.writestr(f"{dist_info}/WHEEL", "Wheel-Version: 1.0\nTag: cp311-cp311-manylinux_2_34_x86_64\n")
        wheel.writestr(f"{dist_info}/licenses/LICENSE", "Apache")
        wheel.writestr("datasette_micropython/micropython.wasm", b"\0asm")
    _, problems = check_wheel.check(str(path), (2, 17))
    assert any("not an abi3 wheel" in p for p in problems)
    assert any("needs glibc 2.34" in p for p in problems)
    assert any("licence files missing" in p for p in problems)
    assert any("guest module is in the wheel" in p for p in problems)


def test_the_release_workflow():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "release.yml").read_text())
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["push"]["tags"] == ["v*"]
    jobs = workflow["jobs"]
    platforms = {(p["target"], p["manylinux"]) for p in jobs["linux"]["strategy"]["matrix"]["platform"]}
    assert platforms == {(arch, tag) for arch in ("x86_64", "aarch64") for tag in ("2014", "musllinux_1_2")}
    assert {p["target"] for p in jobs["macos"]["strategy"]["matrix"]["platform"]} == {"x86_64", "aarch64"}
    for name in ("linux", "macos", "sdist"):
        steps = jobs[name]["steps"]
        builds = [s for s in steps if s.get("uses", "").startswith("PyO3/maturin-action@")]
        assert builds, name
        runs = "\n".join(s.get("run", "") for s in steps)
        assert ".ci/smoke_test.py" in runs, f"{name}: wheels are not smoke-tested"
    assert ".ci/check_wheel.py" in "\n".join(s.get("run", "") for s in jobs["linux"]["steps"])
    publish = jobs["publish"]
    assert publish["permissions"] == {"id-token": "write"}  # trusted publishing, no token
    assert set(publish["needs"]) == {"linux", "macos", "sdist"}
    assert publish["if"] == "${{ startsWith(github.ref, 'refs/tags/') }}"
    assert any(s.get("uses", "").startswith("pypa/gh-action-pypi-publish@") for s in publish["steps"])
    for path in (ROOT / ".ci" / "smoke_test.py", ROOT / ".ci" / "check_wheel.py"):
        assert path.exists()
