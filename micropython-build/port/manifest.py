# Pure-Python modules frozen into the guest image (compiled with mpy-cross at build time).
# $(MPY_LIB_DIR) is ../modules (see Makefile and ../modules/README.md).
freeze("$(MPY_LIB_DIR)", ("_sandbox_fs.py", "datasette.py", "string.py", "zlib.py"))
# The standard-library layer: our own CPython-compatible implementations (../modules/README.md).
freeze(
    "$(MPY_LIB_DIR)",
    (
        "__future__.py",
        "_classhooks.py",
        "abc.py",
        "base64.py",
        "binascii.py",
        "bisect.py",
        "collections.py",
        "contextlib.py",
        "copy.py",
        "csv.py",
        "dataclasses.py",
        "datetime.py",
        "decimal.py",
        "enum.py",
        "fractions.py",
        "functools.py",
        "itertools.py",
        "math.py",
        "operator.py",
        "statistics.py",
        "textwrap.py",
        "typing.py",
        "uuid.py",
        "urllib/__init__.py",
        "urllib/parse.py",
    ),
)
