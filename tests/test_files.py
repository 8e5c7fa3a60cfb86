"""The file whitelist (rust/core/src/files.rs + the guest's `_sandbox_fs` VFS), including escapes."""

import os

import pytest

from datasette_micropython import GuestError, Sandbox


@pytest.fixture
def tree(tmp_path):
    (tmp_path / "input.csv").write_text("a,b\n1,2\n3,4\n")
    (tmp_path / "blob.bin").write_bytes(bytes(range(256)))
    data = tmp_path / "data"
    data.mkdir()
    (data / "one.txt").write_text("one\n")
    (data / "sub").mkdir()
    (data / "sub" / "two.txt").write_text("two\n")
    secret = tmp_path / "secret.txt"
    secret.write_text("top secret")
    os.symlink(secret, data / "escape.txt")
    os.symlink(tmp_path, data / "escape_dir")
    (data / "inside.txt").symlink_to(data / "one.txt")
    return tmp_path


@pytest.fixture
def sandbox(tree):
    files = {
        "/in/input.csv": str(tree / "input.csv"),
        "/in/blob.bin": str(tree / "blob.bin"),
        "/data": str(tree / "data"),
        "/out/result.txt": {"path": str(tree / "result.txt.host"), "writable": True},
    }
    (tree / "result.txt.host").write_text("original")
    with Sandbox(files=files) as sb:
        yield sb


def value(sb, code):
    return sb.run(code).value


def test_read_whitelisted_files(sandbox):
    assert value(sandbox, "open('/in/input.csv').read()") == repr("a,b\n1,2\n3,4\n")
    assert value(sandbox, "open('/in/blob.bin', 'rb').read() == bytes(range(256))") == "True"
    assert value(sandbox, "with open('/in/input.csv') as f:\n    lines = [l for l in f]\nlines") == repr(
        ["a,b\n", "1,2\n", "3,4\n"]
    )
    assert (
        value(sandbox, "f = open('/in/input.csv')\nf.readline(), f.read(3), f.tell()")
        == "('a,b\\n', '1,2', 7)"
    )
    assert value(sandbox, "open('/data/sub/two.txt').read()") == "'two\\n'"
    assert value(sandbox, "open('/data/inside.txt').read()") == "'one\\n'"


def test_listdir_and_stat_show_only_the_whitelist(sandbox):
    assert value(sandbox, "import os\nsorted(os.listdir('/'))") == "['data', 'in', 'out']"
    assert value(sandbox, "sorted(os.listdir('/in'))") == "['blob.bin', 'input.csv']"
    assert value(sandbox, "sorted(os.listdir('/data'))") == "['inside.txt', 'one.txt', 'sub']"
    assert value(sandbox, "os.stat('/in/blob.bin')[6]") == "256"
    assert value(sandbox, "os.stat('/data')[0] & 0x4000 != 0") == "True"
    assert (
        value(sandbox, "os.chdir('/data')\nopen('sub/two.txt').read(), os.getcwd()") == "('two\\n', '/data')"
    )


@pytest.mark.parametrize(
    "path",
    [
        "/etc/passwd",
        "/in/../../etc/passwd",
        "/in/missing.csv",
        "/data/../secret.txt",
        "/data/escape.txt",
        "/data/escape_dir/secret.txt",
        "/data/sub/../../in/../../secret.txt",
        "in/input.csv/../../../etc/hostname",
        "/proc/self/environ",
    ],
)
def test_escapes_fail_with_oserror(sandbox, path):
    code = f"try:\n    open({path!r}).read()\n    r = 'read'\nexcept OSError as e:\n    r = 'refused'\nr"
    assert value(sandbox, code) == "'refused'"


def test_symlinks_leading_outside_are_not_listed(sandbox):
    listing = value(sandbox, "import os\nos.listdir('/data')")
    assert "escape.txt" not in listing and "escape_dir" not in listing


def test_writes_stay_in_memory(sandbox, tree):
    sandbox.run("with open('/out/result.txt', 'w') as f:\n    f.write('new ')\n    f.write('content')")
    assert value(sandbox, "open('/out/result.txt').read()") == "'new content'"
    sandbox.run("with open('/out/result.txt', 'a') as f:\n    f.write('!')")
    assert value(sandbox, "open('/out/result.txt').read()") == "'new content!'"
    assert (tree / "result.txt.host").read_text() == "original"
    assert sandbox.written_files() == {"/out/result.txt": b"new content!"}


@pytest.mark.parametrize(
    "code",
    [
        "open('/in/input.csv', 'w')",
        "open('/in/input.csv', 'a')",
        "open('/in/input.csv', 'r+')",
        "open('/data/one.txt', 'w')",
        "open('/data/new.txt', 'w')",
        "open('/new.txt', 'w')",
        "open('/etc/passwd', 'w')",
        "import os\nos.remove('/in/input.csv')",
        "import os\nos.mkdir('/data/newdir')",
        "import os\nos.rename('/out/result.txt', '/out/x')",
    ],
)
def test_read_only_paths_refuse_writes(sandbox, tree, code):
    with pytest.raises(GuestError) as info:
        sandbox.run(code)
    assert "Error" in info.value.type_name
    assert sandbox.written_files() == {}
    assert (tree / "input.csv").read_text() == "a,b\n1,2\n3,4\n"


def test_writable_directory(tree):
    with Sandbox(files={"/work": {"path": str(tree / "data"), "writable": True}}) as sb:
        sb.run("with open('/work/new.txt', 'w') as f:\n    f.write('created')")
        assert value(sb, "import os\n'new.txt' in os.listdir('/work'), open('/work/new.txt').read()") == (
            "(True, 'created')"
        )
        with pytest.raises(GuestError):
            sb.run("open('/work/escape.txt', 'w')")
        sb.run("import os\nos.remove('/work/one.txt')")
        assert value(sb, "'one.txt' in os.listdir('/work')") == "False"
        assert sb.written_files() == {"/work/new.txt": b"created"}
    assert not (tree / "data" / "new.txt").exists()
    assert (tree / "data" / "one.txt").exists()


def test_files_survive_a_reset(sandbox):
    sandbox.reset()
    assert value(sandbox, "open('/in/input.csv').readline()") == "'a,b\\n'"


def test_import_from_a_whitelisted_file(tmp_path):
    (tmp_path / "helpers.py").write_text("def triple(x):\n    return 3 * x\n")
    with Sandbox(files={"/lib/helpers.py": str(tmp_path / "helpers.py")}) as sb:
        assert value(sb, "import sys\nsys.path.append('/lib')\nimport helpers\nhelpers.triple(3)") == "9"


@pytest.mark.parametrize(
    "files, message",
    [
        ({"/x": "/no/such/file"}, "No such file"),
        ({"relative": "{file}"}, "absolute"),
        ({"/": "{file}"}, "root"),
        ({"/x": {"path": "{file}", "mode": "rw"}}, "expected"),
        ({"/x": "{file}", "/x/y": "{file}"}, "below the file"),
        ({"/x": "{file}", "/y/../x": "{file}"}, "mapped twice"),
    ],
)
def test_bad_whitelists_are_refused(tmp_path, files, message):
    host_file = tmp_path / "f.txt"
    host_file.write_text("x")

    def fill(spec):
        if isinstance(spec, dict):
            return {k: fill(v) for k, v in spec.items()}
        return spec.replace("{file}", str(host_file))

    with pytest.raises(ValueError, match=message):
        Sandbox(files={guest: fill(spec) for guest, spec in files.items()})


def test_written_files_are_capped_like_a_full_disk(tree):
    # Writable mounts once kept whatever the guest wrote in host memory (+778 MiB from a 32 MiB guest).
    with Sandbox(
        files={"/work": {"path": str(tree / "data"), "writable": True}}, file_write_limit=2**20
    ) as sb:
        code = """
written = []
try:
    for i in range(100):
        with open('/work/part%d.bin' % i, 'wb') as f:
            f.write(bytes(300_000))
        written.append(i)
except OSError as e:
    failure = str(e)
written, failure.startswith('[Errno 28] No space left on device')
"""
        assert sb.run(code).value == "([0, 1, 2], True)"
        assert sum(len(data) for data in sb.written_files().values()) == 900_000
        sb.run("import os\nos.remove('/work/part0.bin')\nopen('/work/again.bin', 'wb').write(bytes(300_000))")


def test_a_fifo_in_a_whitelisted_directory_is_refused_at_once(tree):
    os.mkfifo(tree / "data" / "pipe")
    with Sandbox(files={"/data": str(tree / "data")}, time_limit=5) as sb:
        result = sb.run(
            "try:\n    open('/data/pipe').read()\nexcept OSError as e:\n    r = type(e).__name__\nr"
        )
        assert result.value == "'PermissionError'" and result.duration < 1
