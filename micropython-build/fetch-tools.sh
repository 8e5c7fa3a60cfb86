#!/bin/sh
# Install the pinned build tools into .cache/: a venv with PyPI's ziglang (clang + wasi-libc) and npm's
# binaryen (wasm-opt). Both come from the registries configured for pip and npm on this machine.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/versions.env"
cache="$here/.cache"
mkdir -p "$cache"

venv="$cache/venv"
if ! "$venv/bin/python" -c "import importlib.metadata as m, sys; sys.exit(m.version('ziglang') != '$ZIGLANG_VERSION')" 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet "ziglang==$ZIGLANG_VERSION"
fi

npmdir="$cache/npm"
# The installed package's own version ("132.0.0"; `wasm-opt --version` says only "version 132"), so that a
# build finding the pinned binaryen in place does not reinstall it under another build's feet.
installed=$(node -p "require('$npmdir/node_modules/binaryen/package.json').version" 2>/dev/null || true)
if [ "$installed" != "$BINARYEN_VERSION" ] || [ ! -x "$npmdir/node_modules/.bin/wasm-opt" ]; then
    mkdir -p "$npmdir"
    cp "$here/tools/package.json" "$here/tools/package-lock.json" "$npmdir/"
    (cd "$npmdir" && npm ci --silent --no-audit --no-fund)
fi
"$venv/bin/python" -m ziglang version
"$npmdir/node_modules/.bin/wasm-opt" --version
