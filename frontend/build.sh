#!/usr/bin/env bash
# Builds the console's two bundles into datasette_micropython/plugin/static/ from the pinned npm packages
# in package.json (exact versions; the lock file pins the rest, without registry URLs: see .npmrc):
#   micropython-editor.js  CodeMirror 6 (window.MicroPythonEditor), used by every page with an editor
#   micropython-chart.js   Observable Plot and the parts of d3 it uses (window.MicroPythonChart),
#                          loaded by the console only when a run draws a chart
# and, beside each, its .LICENSES.txt: the licence of every package the bundle contains (read from
# esbuild's metafile, so the list follows what is really bundled). The bundles are committed, so
# installing the plugin needs no npm.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund
static=../datasette_micropython/plugin/static
bundle() {
    local entry=$1 name=$2 banner=$3
    ./node_modules/.bin/esbuild "$entry" --bundle --minify --format=iife --legal-comments=none \
        --banner:js="/* $banner, bundled by frontend/build.sh; licences: $name.LICENSES.txt */" \
        --metafile="node_modules/.$name.meta.json" --outfile="$static/$name.js"
    node licences.js "node_modules/.$name.meta.json" > "$static/$name.LICENSES.txt"
}
bundle editor.js micropython-editor "CodeMirror 6 (MIT License, Marijn Haverbeke and others)"
bundle chart.js micropython-chart "Observable Plot (ISC License, Observable, Inc.) and d3 (ISC License, Mike Bostock)"
