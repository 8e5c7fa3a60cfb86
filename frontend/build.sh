#!/usr/bin/env bash
# Builds datasette_micropython/plugin/static/micropython-editor.js from the
# pinned npm packages in package.json (exact versions; the lock file pins the rest, without registry
# URLs: see .npmrc). The bundle is committed, so installing the plugin needs no npm.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund
./node_modules/.bin/esbuild editor.js --bundle --minify --format=iife \
    --banner:js="/* CodeMirror 6 (MIT License, Marijn Haverbeke and others), bundled by frontend/build.sh */" \
    --outfile=../datasette_micropython/plugin/static/micropython-editor.js
